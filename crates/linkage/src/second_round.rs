//! The second round: pairs whose records both match a third.
//!
//! Blocking misses pairs whose keys all differ (a new spelling, a new phone,
//! no birth date), and a pair that was compared may lack the fields to reach
//! the threshold alone. When both records match a third record, the pair is
//! compared anyway, and that path counts as evidence: if A is B and B is C,
//! A is C. The path replaces the prior (a random pair's odds of being one
//! person) by the chance that both links hold; the pair's own comparison then
//! weighs in as usual, so records that contradict each other stay apart.

use rayon::prelude::*;

use crate::block::PairSpace;
use crate::cluster::{unmatched_pairs_in_components, MAX_COMPONENT_TO_COMPLETE};
use crate::compare::Outcome;
use crate::link::{score_pairs, ScoredPair};
use crate::model::{probability_from_log2_odds, Model, TermFrequencies};
use crate::record::Person;

/// Matches of both rounds, and the pairs the second round compared.
pub struct TwoRounds {
    pub matches: Vec<ScoredPair>,
    pub second_round: Vec<(u32, u32)>,
}

/// Scores the candidates, then the unmatched pairs within small components of
/// the matches (see [`unmatched_pairs_in_components`]), counting the best
/// path through a record both match; all matches, in (a, b) order.
pub fn score_in_two_rounds(
    model: &Model,
    tf: &TermFrequencies,
    people: &[Person],
    space: PairSpace,
    candidates: &[(u32, u32)],
    threshold: f64,
) -> TwoRounds {
    let mut matches = score_pairs(model, tf, people, candidates, threshold);
    let matched: Vec<(u32, u32)> = matches.iter().map(|p| (p.a, p.b)).collect();
    let second_round =
        unmatched_pairs_in_components(space, people.len(), &matched, MAX_COMPONENT_TO_COMPLETE);
    let links = Links::new(people.len(), &matches);
    let found: Vec<ScoredPair> = second_round
        .par_chunks(4096)
        .flat_map_iter(|chunk| {
            let mut outcomes = vec![Outcome::NULL; model.comparer.fields.len()];
            let links = &links;
            chunk
                .iter()
                .filter_map(move |&(a, b)| {
                    model
                        .comparer
                        .compare(&people[a as usize], &people[b as usize], &mut outcomes);
                    let score = model.score(&outcomes, tf);
                    let direct = score.probability();
                    // Records linked only by a longer chain get no credit for it.
                    let with_path = links.best_path(a, b).map(|(via, path)| {
                        let evidence = score.log2_odds - model.log2_prior_odds;
                        (probability_from_log2_odds(log2_odds(path) + evidence), via)
                    });
                    let (probability, via) = match with_path {
                        Some((p, via)) if p > direct => (p, Some(via)),
                        _ => (direct, None),
                    };
                    (probability >= threshold).then_some(ScoredPair {
                        a,
                        b,
                        probability,
                        weights: score.weights,
                        via,
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    matches.extend(found);
    matches.par_sort_unstable_by_key(|p| (p.a, p.b));
    TwoRounds {
        matches,
        second_round,
    }
}

fn log2_odds(probability: f64) -> f64 {
    let p = probability.clamp(1e-12, 1.0 - 1e-12);
    (p / (1.0 - p)).log2()
}

/// Each record's first-round matches, sorted by record.
struct Links {
    start: Vec<usize>,
    neighbours: Vec<(u32, f64)>,
}

impl Links {
    fn new(records: usize, matches: &[ScoredPair]) -> Self {
        let mut edges: Vec<(u32, u32, f64)> = matches
            .iter()
            .flat_map(|m| [(m.a, m.b, m.probability), (m.b, m.a, m.probability)])
            .collect();
        edges.sort_unstable_by_key(|e| (e.0, e.1));
        let mut start = vec![0; records + 1];
        for e in &edges {
            start[e.0 as usize + 1] += 1;
        }
        for i in 0..records {
            start[i + 1] += start[i];
        }
        let neighbours = edges.into_iter().map(|(_, b, p)| (b, p)).collect();
        Self { start, neighbours }
    }

    fn of(&self, record: u32) -> &[(u32, f64)] {
        let r = record as usize;
        match (self.start.get(r), self.start.get(r + 1)) {
            (Some(&from), Some(&to)) => &self.neighbours[from..to],
            _ => &[],
        }
    }

    /// The record both match with the likeliest pair of links, and the
    /// probability that both hold (taken as independent).
    fn best_path(&self, a: u32, b: u32) -> Option<(u32, f64)> {
        let (left, right) = (self.of(a), self.of(b));
        let mut best: Option<(u32, f64)> = None;
        let (mut i, mut j) = (0, 0);
        while i < left.len() && j < right.len() {
            match left[i].0.cmp(&right[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let p = left[i].1 * right[j].1;
                    if best.is_none_or(|(_, q)| p > q) {
                        best = Some((left[i].0, p));
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: u32, b: u32, probability: f64) -> ScoredPair {
        ScoredPair {
            a,
            b,
            probability,
            weights: Vec::new(),
            via: None,
        }
    }

    #[test]
    fn the_best_path_goes_through_the_likeliest_common_record() {
        let links = Links::new(
            5,
            &[
                pair(0, 1, 0.9),
                pair(1, 2, 0.9),
                pair(0, 3, 0.99),
                pair(2, 3, 0.98),
            ],
        );
        let (via, p) = links.best_path(0, 2).expect("two common records");
        assert_eq!(via, 3);
        assert!((p - 0.99 * 0.98).abs() < 1e-12);
        assert_eq!(links.best_path(0, 4), None);
    }
}
