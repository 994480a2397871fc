//! Unsupervised training: u-probabilities from random pairs, m-probabilities
//! and the share of matches by expectation–maximisation on candidate pairs.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::block::{Candidates, PairSpace};
use crate::compare::{Comparer, Outcome, NULL_LEVEL};
use crate::config::Options;
use crate::model::{
    probability_from_log2_odds, EvidenceSums, FieldParams, Model, TermFrequencies, TrainingReport,
};
use crate::record::Person;
use crate::rng::Rng;

const EM_MAX_ITERATIONS: usize = 200;
const EM_TOLERANCE: f64 = 1e-7;
/// Smallest probability of any level: no agreement pattern is impossible.
const MIN_PROBABILITY: f64 = 1e-6;

pub fn train(
    comparer: &Comparer,
    people: &[Person],
    space: PairSpace,
    candidates: &Candidates,
    tf: &TermFrequencies,
    options: &Options,
) -> Model {
    let random = random_pairs(space, options.u_sample_pairs, options.seed);
    let u = level_frequencies(comparer, people, &random);

    // One EM session per blocking rule, on pairs from that rule's small blocks,
    // leaving out the fields the rule blocked on (its pairs agree on them by
    // construction). u stays fixed at the random-pair estimate, as in Splink.
    let rules = candidates.training.len().max(1);
    let per_rule_sample = (options.em_sample_pairs / rules).max(1);
    let mut sessions = Vec::new();
    let mut em_pairs = 0;
    for (rule, pairs) in &candidates.training {
        if pairs.is_empty() {
            continue;
        }
        let stride = (pairs.len() / per_rule_sample).max(1);
        let sample: Vec<(u32, u32)> = pairs.iter().step_by(stride).copied().collect();
        em_pairs += sample.len();
        let estimated: Vec<bool> = comparer
            .fields
            .iter()
            .map(|f| !rule.blocks_on(f.comparator))
            .collect();
        let patterns = count_patterns(comparer, people, &sample, &estimated);
        let session = expectation_maximisation(comparer, &patterns, &u, &estimated);
        sessions.push((sample.len() as f64, estimated, session));
    }
    let m = combine_sessions(comparer, &sessions);
    let fields: Vec<FieldParams> = comparer
        .fields
        .iter()
        .zip(m)
        .zip(u)
        .map(|((field, m), u)| FieldParams {
            name: field.name.clone(),
            m,
            u,
        })
        .collect();
    let mut model = Model {
        comparer: comparer.clone(),
        fields,
        log2_prior_odds: 0.0,
        training: TrainingReport {
            random_pairs: random.len(),
            em_pairs,
            em_iterations: sessions
                .iter()
                .map(|(_, _, s)| s.iterations)
                .max()
                .unwrap_or(0),
            em_converged: sessions.iter().all(|(_, _, s)| s.converged),
            candidate_match_share: 0.0,
        },
    };
    let (log2_prior_odds, share) =
        estimate_prior(&model, tf, people, space, &candidates.pairs, options);
    model.log2_prior_odds = log2_prior_odds;
    model.training.candidate_match_share = share;
    model
}

/// The prior over random pairs is the expected number of matches divided by
/// all pairs. Matches outside the candidates are taken as negligible, so the
/// expected count is the sum of the candidates' posteriors, which depends on
/// the prior itself: iterate to the fixed point on a sample of candidates.
fn estimate_prior(
    model: &Model,
    tf: &TermFrequencies,
    people: &[Person],
    space: PairSpace,
    candidates: &[(u32, u32)],
    options: &Options,
) -> (f64, f64) {
    let total_pairs = space.total_pairs().max(1.0);
    if candidates.is_empty() {
        return ((1.0 / total_pairs).log2(), 0.0);
    }
    let stride = (candidates.len() / options.em_sample_pairs.max(1)).max(1);
    let sample: Vec<(u32, u32)> = candidates.iter().step_by(stride).copied().collect();
    // Evidence without the prior, computed once.
    let evidence: Vec<EvidenceSums> = sample
        .par_chunks(4096)
        .flat_map_iter(|chunk| {
            let mut outcomes = vec![Outcome::NULL; model.comparer.fields.len()];
            chunk
                .iter()
                .map(|&(a, b)| {
                    model
                        .comparer
                        .compare(&people[a as usize], &people[b as usize], &mut outcomes);
                    let mut sums = EvidenceSums::default();
                    for (i, field) in model.comparer.fields.iter().enumerate() {
                        sums.add(field.evidence, model.field_weight(i, outcomes[i], tf));
                    }
                    sums
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let scale = candidates.len() as f64 / sample.len() as f64;
    let mut prior = (candidates.len() as f64 * 0.01 / total_pairs).clamp(1e-15, 0.5);
    for _ in 0..PRIOR_ITERATIONS {
        let log2_odds = (prior / (1.0 - prior)).log2();
        let expected: f64 = evidence
            .iter()
            .map(|e| probability_from_log2_odds(e.total(log2_odds)))
            .sum::<f64>()
            * scale;
        let next = (expected / total_pairs).clamp(1e-15, 0.5);
        let settled = (next / prior - 1.0).abs() < 1e-6;
        prior = next;
        if settled {
            break;
        }
    }
    let share = prior * total_pairs / candidates.len() as f64;
    ((prior / (1.0 - prior)).log2(), share)
}

const PRIOR_ITERATIONS: usize = 100;

/// m of each field: the average over the sessions that estimated it, weighted
/// by the matches each session found. A field no session could estimate keeps
/// the neutral starting point.
fn combine_sessions(comparer: &Comparer, sessions: &[(f64, Vec<bool>, EmResult)]) -> Vec<Vec<f64>> {
    comparer
        .fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let levels = usize::from(field.levels);
            let mut sum = vec![0.0; levels];
            let mut weight = 0.0;
            for (pairs, estimated, session) in sessions {
                if !estimated[index] {
                    continue;
                }
                let w = (pairs * session.match_share).max(1e-9);
                for (s, m) in sum.iter_mut().zip(&session.m[index]) {
                    *s += w * m;
                }
                weight += w;
            }
            if weight > 0.0 {
                normalise(&sum)
            } else {
                initial_m(levels)
            }
        })
        .collect()
}

fn random_pairs(space: PairSpace, count: usize, seed: u64) -> Vec<(u32, u32)> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(count);
    let attempts = count.saturating_mul(4);
    for _ in 0..attempts {
        if out.len() == count {
            break;
        }
        if let Some(pair) = space.random_pair(&mut rng) {
            out.push(pair);
        }
    }
    out
}

/// u-probabilities: how often each level occurs among random pairs (smoothed).
fn level_frequencies(
    comparer: &Comparer,
    people: &[Person],
    pairs: &[(u32, u32)],
) -> Vec<Vec<f64>> {
    let counts = pairs
        .par_chunks(4096)
        .map(|chunk| {
            let mut counts = empty_counts(comparer);
            let mut outcomes = vec![Outcome::NULL; comparer.fields.len()];
            for &(a, b) in chunk {
                comparer.compare(&people[a as usize], &people[b as usize], &mut outcomes);
                for (field, outcome) in outcomes.iter().enumerate() {
                    if outcome.level != NULL_LEVEL {
                        add_at(&mut counts[field], outcome.level, 1.0);
                    }
                }
            }
            counts
        })
        .reduce(|| empty_counts(comparer), add_counts);
    counts
        .into_iter()
        .map(|levels| {
            // Add-half smoothing: a level never seen among random pairs
            // (an exact document number) is rare, not impossible.
            let total: f64 = levels.iter().sum::<f64>() + 0.5 * levels.len() as f64;
            levels.iter().map(|c| (c + 0.5) / total).collect()
        })
        .collect()
}

/// Adds to one level's count; a level outside the field's range (a bug, not
/// bad input) is ignored rather than allowed to panic.
fn add_at(counts: &mut [f64], level: u8, amount: f64) {
    if let Some(slot) = counts.get_mut(usize::from(level)) {
        *slot += amount;
    }
}

fn level_weight(m: &[f64], u: &[f64], level: usize) -> f64 {
    match (m.get(level), u.get(level)) {
        (Some(m), Some(u)) => (m / u).log2(),
        _ => 0.0,
    }
}

fn empty_counts(comparer: &Comparer) -> Vec<Vec<f64>> {
    comparer
        .fields
        .iter()
        .map(|f| vec![0.0; usize::from(f.levels)])
        .collect()
}

fn add_counts(mut a: Vec<Vec<f64>>, b: Vec<Vec<f64>>) -> Vec<Vec<f64>> {
    for (x, y) in a.iter_mut().zip(b) {
        for (p, q) in x.iter_mut().zip(y) {
            *p += q;
        }
    }
    a
}

/// Distinct agreement patterns among the pairs, with how often each occurs.
fn count_patterns(
    comparer: &Comparer,
    people: &[Person],
    pairs: &[(u32, u32)],
    estimated: &[bool],
) -> Vec<(Vec<u8>, f64)> {
    let merged = pairs
        .par_chunks(4096)
        .map(|chunk| {
            let mut patterns: HashMap<Vec<u8>, f64> = HashMap::new();
            let mut outcomes = vec![Outcome::NULL; comparer.fields.len()];
            for &(a, b) in chunk {
                comparer.compare(&people[a as usize], &people[b as usize], &mut outcomes);
                // Fields left out of this session count as missing.
                let key: Vec<u8> = outcomes
                    .iter()
                    .zip(estimated)
                    .map(|(o, used)| if *used { o.level } else { NULL_LEVEL })
                    .collect();
                *patterns.entry(key).or_insert(0.0) += 1.0;
            }
            patterns
        })
        .reduce(HashMap::new, |mut a, b| {
            for (k, v) in b {
                *a.entry(k).or_insert(0.0) += v;
            }
            a
        });
    let mut patterns: Vec<(Vec<u8>, f64)> = merged.into_iter().collect();
    // Sorted so floating-point sums, and therefore the model, are reproducible.
    patterns.sort_by(|a, b| a.0.cmp(&b.0));
    patterns
}

struct EmResult {
    m: Vec<Vec<f64>>,
    match_share: f64,
    iterations: usize,
    converged: bool,
}

/// Two-class mixture over agreement patterns with u fixed: estimates m for
/// the `estimated` fields and the share of matches.
fn expectation_maximisation(
    comparer: &Comparer,
    patterns: &[(Vec<u8>, f64)],
    u: &[Vec<f64>],
    estimated: &[bool],
) -> EmResult {
    let mut m: Vec<Vec<f64>> = comparer
        .fields
        .iter()
        .map(|f| initial_m(usize::from(f.levels)))
        .collect();
    let mut share: f64 = 0.1;
    let mut iterations = 0;
    let mut converged = patterns.is_empty();
    while !converged && iterations < EM_MAX_ITERATIONS {
        iterations += 1;
        let mut m_counts = empty_counts(comparer);
        let mut matched = 0.0;
        let mut total = 0.0;
        for (pattern, count) in patterns {
            // The same evidence rules as scoring, in log2 space (products of
            // many small probabilities underflow).
            let prior = (share / (1.0 - share)).log2();
            let mut sums = EvidenceSums::default();
            for (field, &level) in pattern.iter().enumerate() {
                if level != NULL_LEVEL {
                    let l = usize::from(level);
                    sums.add(
                        comparer.fields[field].evidence,
                        level_weight(&m[field], &u[field], l),
                    );
                }
            }
            let posterior = probability_from_log2_odds(sums.total(prior));
            matched += posterior * count;
            total += count;
            for (field, &level) in pattern.iter().enumerate() {
                if level != NULL_LEVEL {
                    add_at(&mut m_counts[field], level, posterior * count);
                }
            }
        }
        let new_m: Vec<Vec<f64>> = m_counts
            .iter()
            .zip(&m)
            .zip(estimated)
            .map(|((counts, old), used)| {
                if *used {
                    normalise(counts)
                } else {
                    old.clone()
                }
            })
            .collect();
        let new_share = if total > 0.0 { matched / total } else { share };
        let change = max_change(&m, &new_m).max((new_share - share).abs());
        m = new_m;
        share = new_share.clamp(1e-9, 1.0 - 1e-9);
        converged = change < EM_TOLERANCE;
    }
    EmResult {
        m,
        match_share: share,
        iterations,
        converged,
    }
}

/// Starting point: matches mostly agree exactly, rarely disagree.
fn initial_m(levels: usize) -> Vec<f64> {
    let raw: Vec<f64> = (0..levels).map(|l| 4f64.powi(l as i32)).collect();
    normalise(&raw)
}

fn normalise(counts: &[f64]) -> Vec<f64> {
    let total: f64 = counts.iter().sum();
    if total <= 0.0 {
        return vec![1.0 / counts.len().max(1) as f64; counts.len()];
    }
    let floored: Vec<f64> = counts
        .iter()
        .map(|c| (c / total).max(MIN_PROBABILITY))
        .collect();
    let sum: f64 = floored.iter().sum();
    floored.iter().map(|p| p / sum).collect()
}

fn max_change(a: &[Vec<f64>], b: &[Vec<f64>]) -> f64 {
    a.iter()
        .flatten()
        .zip(b.iter().flatten())
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}
