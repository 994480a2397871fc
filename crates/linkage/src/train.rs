//! Unsupervised training: u-probabilities from random pairs, m-probabilities
//! and the share of matches by expectation–maximisation on candidate pairs.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::block::{Candidates, PairSpace};
use crate::compare::{Comparer, Outcome, NULL_LEVEL};
use crate::config::Options;
use crate::model::{
    is_same_given, probability_from_log2_odds, EvidenceSums, FieldParams, Model, TermFrequencies,
    TrainingReport,
};
use crate::namesakes::{non_match_level_frequencies, same_given_pairs};
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
    let fields: Vec<FieldParams> = comparer
        .fields
        .iter()
        .zip(u)
        .map(|(field, u)| FieldParams {
            name: field.name.clone(),
            m: initial_m(usize::from(field.levels)),
            u,
            u_same_given: Vec::new(),
        })
        .collect();
    let mut model = Model {
        comparer: comparer.clone(),
        fields,
        log2_prior_odds: 0.0,
        training: TrainingReport {
            random_pairs: random.len(),
            ..TrainingReport::default()
        },
    };
    let sessions = em_sessions(comparer, people, candidates, options);
    fit(
        &mut model, &sessions, tf, people, space, candidates, options,
    );

    // Namesakes' u needs a model to tell namesakes from duplicates, and the
    // m and prior then need refitting under it.
    let namesakes = same_given_pairs(people, space, options.u_sample_pairs, options.seed);
    if !namesakes.is_empty() {
        let u_same_given = non_match_level_frequencies(&model, tf, people, &namesakes);
        for (params, u) in model.fields.iter_mut().zip(u_same_given) {
            params.u_same_given = u;
        }
        model.training.namesake_pairs = namesakes.len();
        fit(
            &mut model, &sessions, tf, people, space, candidates, options,
        );
    }
    model
}

/// Candidate pairs sampled for one EM session, as agreement patterns.
struct Session {
    pairs: usize,
    /// Fields this session estimates (not those its rule blocked on).
    estimated: Vec<bool>,
    patterns: Vec<Pattern>,
}

/// One EM session per blocking rule, on pairs from that rule's small blocks,
/// leaving out the fields the rule blocked on (its pairs agree on them by
/// construction).
fn em_sessions(
    comparer: &Comparer,
    people: &[Person],
    candidates: &Candidates,
    options: &Options,
) -> Vec<Session> {
    let rules = candidates.training.len().max(1);
    let per_rule_sample = (options.em_sample_pairs / rules).max(1);
    let mut sessions = Vec::new();
    for (rule, pairs) in &candidates.training {
        if pairs.is_empty() {
            continue;
        }
        let stride = (pairs.len() / per_rule_sample).max(1);
        let sample: Vec<(u32, u32)> = pairs.iter().step_by(stride).copied().collect();
        let estimated: Vec<bool> = comparer
            .fields
            .iter()
            .map(|f| !rule.blocks_on(f.comparator))
            .collect();
        let patterns = count_patterns(comparer, people, &sample, &estimated);
        sessions.push(Session {
            pairs: sample.len(),
            estimated,
            patterns,
        });
    }
    sessions
}

/// m by expectation–maximisation with u fixed at the model's (as in Splink),
/// then the prior.
fn fit(
    model: &mut Model,
    sessions: &[Session],
    tf: &TermFrequencies,
    people: &[Person],
    space: PairSpace,
    candidates: &Candidates,
    options: &Options,
) {
    let results: Vec<EmResult> = sessions
        .iter()
        .map(|s| expectation_maximisation(model, &s.patterns, &s.estimated))
        .collect();
    let m = combine_sessions(&model.comparer, sessions, &results);
    for (params, m) in model.fields.iter_mut().zip(m) {
        params.m = m;
    }
    model.training.em_pairs = sessions.iter().map(|s| s.pairs).sum();
    model.training.em_iterations = results.iter().map(|r| r.iterations).max().unwrap_or(0);
    model.training.em_converged = results.iter().all(|r| r.converged);
    let (log2_prior_odds, share) =
        estimate_prior(model, tf, people, space, &candidates.pairs, options);
    model.log2_prior_odds = log2_prior_odds;
    model.training.candidate_match_share = share;
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
    let evidence: Vec<EvidenceSums> =
        model.comparer.map_pairs(people, &sample, |_, _, outcomes| {
            model.evidence(outcomes, tf)
        });
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
fn combine_sessions(
    comparer: &Comparer,
    sessions: &[Session],
    results: &[EmResult],
) -> Vec<Vec<f64>> {
    comparer
        .fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let levels = usize::from(field.levels);
            let mut sum = vec![0.0; levels];
            let mut weight = 0.0;
            for (session, result) in sessions.iter().zip(results) {
                if !session.estimated[index] {
                    continue;
                }
                let w = (session.pairs as f64 * result.match_share).max(1e-9);
                for (s, m) in sum.iter_mut().zip(&result.m[index]) {
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

fn level_weight(m: &[f64], u: Option<f64>, level: usize) -> f64 {
    match (m.get(level), u) {
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

/// One agreement pattern among a session's pairs.
struct Pattern {
    /// Level of each field; fields the session leaves out count as missing.
    levels: Vec<u8>,
    /// Whether the given names agree, even when the session leaves them out.
    same_given: bool,
    count: f64,
}

/// Distinct agreement patterns among the pairs, with how often each occurs.
fn count_patterns(
    comparer: &Comparer,
    people: &[Person],
    pairs: &[(u32, u32)],
    estimated: &[bool],
) -> Vec<Pattern> {
    let given = comparer.given_field();
    let merged = pairs
        .par_chunks(4096)
        .map(|chunk| {
            let mut patterns: HashMap<(Vec<u8>, bool), f64> = HashMap::new();
            let mut outcomes = vec![Outcome::NULL; comparer.fields.len()];
            for &(a, b) in chunk {
                comparer.compare(&people[a as usize], &people[b as usize], &mut outcomes);
                let levels: Vec<u8> = outcomes
                    .iter()
                    .zip(estimated)
                    .map(|(o, used)| if *used { o.level } else { NULL_LEVEL })
                    .collect();
                let same_given = given.is_some_and(|g| is_same_given(outcomes[g]));
                *patterns.entry((levels, same_given)).or_insert(0.0) += 1.0;
            }
            patterns
        })
        .reduce(HashMap::new, |mut a, b| {
            for (k, v) in b {
                *a.entry(k).or_insert(0.0) += v;
            }
            a
        });
    let mut patterns: Vec<Pattern> = merged
        .into_iter()
        .map(|((levels, same_given), count)| Pattern {
            levels,
            same_given,
            count,
        })
        .collect();
    // Sorted so floating-point sums, and therefore the model, are reproducible.
    patterns.sort_by(|a, b| (&a.levels, a.same_given).cmp(&(&b.levels, b.same_given)));
    patterns
}

struct EmResult {
    m: Vec<Vec<f64>>,
    match_share: f64,
    iterations: usize,
    converged: bool,
}

/// Two-class mixture over agreement patterns with the model's u fixed:
/// estimates m for the `estimated` fields and the share of matches.
fn expectation_maximisation(model: &Model, patterns: &[Pattern], estimated: &[bool]) -> EmResult {
    let comparer = &model.comparer;
    let given = comparer.given_field();
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
        for pattern in patterns {
            // The same evidence rules as scoring, in log2 space (products of
            // many small probabilities underflow).
            let prior = (share / (1.0 - share)).log2();
            let mut sums = EvidenceSums::default();
            for (field, &level) in pattern.levels.iter().enumerate() {
                if level != NULL_LEVEL {
                    let conditional = pattern.same_given && given != Some(field);
                    let u = model.fields[field].u_at(usize::from(level), conditional);
                    sums.add(
                        comparer.fields[field].evidence,
                        level_weight(&m[field], u, usize::from(level)),
                    );
                }
            }
            let posterior = probability_from_log2_odds(sums.total(prior));
            matched += posterior * pattern.count;
            total += pattern.count;
            for (field, &level) in pattern.levels.iter().enumerate() {
                if level != NULL_LEVEL {
                    add_at(&mut m_counts[field], level, posterior * pattern.count);
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
