//! u-probabilities among namesakes: different people whose given names agree.
//!
//! Names, family names, parents' names and places all belong to a language
//! and a region, so among people who share a given name the other fields
//! agree far more often than among random people. Scoring a pair that agrees
//! on its given name with population-wide u would count the region once per
//! field; these u count it once, in the given name.

use rayon::prelude::*;

use crate::block::PairSpace;
use crate::compare::{Outcome, NULL_LEVEL};
use crate::model::{probability_from_log2_odds, Model, TermFrequencies};
use crate::record::Person;
use crate::rng::Rng;

/// Mixed into the training seed so namesake pairs are not the random pairs.
const NAMESAKE_STREAM: u64 = 0x6e61_6d65_7361_6b65;

/// Random pairs of records whose first given names are the same after
/// transliteration, each such pair equally likely.
pub fn same_given_pairs(
    people: &[Person],
    space: PairSpace,
    count: usize,
    seed: u64,
) -> Vec<(u32, u32)> {
    let mut keyed: Vec<(u64, u32)> = people
        .par_iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.given.first()?.skeleton, u32::try_from(i).ok()?)))
        .collect();
    keyed.par_sort_unstable();
    // Groups of two or more, with the running total of their pairs.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut running: Vec<f64> = Vec::new();
    let mut total = 0.0;
    let mut start = 0;
    while start < keyed.len() {
        let key = keyed[start].0;
        let len = keyed[start..].partition_point(|(k, _)| *k == key);
        if len >= 2 {
            total += (len * (len - 1) / 2) as f64;
            groups.push((start, len));
            running.push(total);
        }
        start += len;
    }
    let mut out = Vec::with_capacity(count);
    if groups.is_empty() {
        return out;
    }
    let mut rng = Rng::new(seed ^ NAMESAKE_STREAM);
    for _ in 0..count.saturating_mul(4) {
        if out.len() == count {
            break;
        }
        let target = rng.unit() * total;
        let group = running
            .partition_point(|r| *r <= target)
            .min(groups.len() - 1);
        let (start, len) = groups[group];
        let first = rng.index(len);
        let mut second = rng.index(len - 1);
        if second >= first {
            second += 1;
        }
        let (a, b) = (keyed[start + first].1, keyed[start + second].1);
        let (a, b) = (a.min(b), a.max(b));
        if space.admits(a, b) {
            out.push((a, b));
        }
    }
    out
}

/// Level frequencies among namesake pairs, each pair counted by the model's
/// probability that it is two people (a random pair of namesakes is
/// sometimes one person written twice, and those would inflate every u).
pub fn non_match_level_frequencies(
    model: &Model,
    tf: &TermFrequencies,
    people: &[Person],
    pairs: &[(u32, u32)],
) -> Vec<Vec<f64>> {
    let empty = || -> Vec<Vec<f64>> { model.fields.iter().map(|f| vec![0.0; f.m.len()]).collect() };
    let counts = pairs
        .par_chunks(4096)
        .map(|chunk| {
            let mut counts = empty();
            let mut outcomes = vec![Outcome::NULL; model.comparer.fields.len()];
            for &(a, b) in chunk {
                model
                    .comparer
                    .compare(&people[a as usize], &people[b as usize], &mut outcomes);
                if !model.same_given(&outcomes) {
                    continue;
                }
                let different = 1.0 - probability_from_log2_odds(model.log2_odds(&outcomes, tf));
                for (levels, outcome) in counts.iter_mut().zip(&outcomes) {
                    if outcome.level == NULL_LEVEL {
                        continue;
                    }
                    if let Some(slot) = levels.get_mut(usize::from(outcome.level)) {
                        *slot += different;
                    }
                }
            }
            counts
        })
        .reduce(empty, |mut a, b| {
            for (x, y) in a.iter_mut().zip(b) {
                for (p, q) in x.iter_mut().zip(y) {
                    *p += q;
                }
            }
            a
        });
    let given = model.given_field();
    counts
        .into_iter()
        .enumerate()
        .map(|(field, levels)| {
            if given == Some(field) {
                // Namesakes agree on it by construction: nothing to learn.
                return Vec::new();
            }
            // Add-half smoothing, as for the population-wide u.
            let total: f64 = levels.iter().sum::<f64>() + 0.5 * levels.len() as f64;
            levels.iter().map(|c| (c + 0.5) / total).collect()
        })
        .collect()
}
