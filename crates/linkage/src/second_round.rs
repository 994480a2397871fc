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
use crate::link::{score_pairs, ScoredPair};
use crate::model::{probability_from_log2_odds, Model, Score, TermFrequencies};
use crate::record::Person;

/// Matches of both rounds, and the pairs the second round compared.
pub struct TwoRounds {
    pub matches: Vec<ScoredPair>,
    pub second_round: Vec<(u32, u32)>,
}

/// Scores the candidates, then the unmatched pairs within small components of
/// the matches (see [`unmatched_pairs_in_components`]), counting the best
/// path through a record both match; all matches, in (a, b) order.
///
/// Through a path, a pair's odds are those of both links holding, lowered by
/// whatever its own comparison says against it; its agreements are not
/// counted again, since the links rest on the same names and places.
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
    // Each pair compared once; the paths are then followed round by round,
    // as a pair linked by one path can complete another's.
    let compared: Vec<(u32, u32, Score)> =
        model
            .comparer
            .map_pairs(people, &second_round, |a, b, outcomes| {
                (a, b, model.score(outcomes, tf))
            });
    let mut found: Vec<ScoredPair> = Vec::new();
    let mut open: Vec<(u32, u32, Score)> = Vec::new();
    for (a, b, score) in compared {
        let probability = score.probability();
        if probability >= threshold {
            found.push(scored(a, b, probability, score, None));
        } else {
            open.push((a, b, score));
        }
    }
    for _ in 0..PATH_ROUNDS {
        let links = Links::new(people.len(), matches.iter().chain(&found));
        let before = found.len();
        let mut still_open = Vec::with_capacity(open.len());
        for (a, b, score) in open {
            let with_path = links.best_path(a, b).map(|(via, path)| {
                // Agreements are not counted again: the path already rests
                // on them. Disagreements (another birth date, another sex)
                // still count against the pair.
                let against: f64 = score.weights.iter().map(|w| w.min(0.0)).sum();
                (probability_from_log2_odds(log2_odds(path) + against), via)
            });
            match with_path {
                Some((probability, via)) if probability >= threshold => {
                    found.push(scored(a, b, probability, score, Some(via)));
                }
                _ => still_open.push((a, b, score)),
            }
        }
        open = still_open;
        if found.len() == before {
            break;
        }
    }
    matches.extend(found);
    matches.par_sort_unstable_by_key(|p| (p.a, p.b));
    TwoRounds {
        matches,
        second_round,
    }
}

/// Rounds of following paths: each may link pairs through the last one's.
const PATH_ROUNDS: usize = 3;

fn scored(a: u32, b: u32, probability: f64, score: Score, via: Option<u32>) -> ScoredPair {
    ScoredPair {
        a,
        b,
        probability,
        weights: score.weights,
        via,
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
    fn new<'a>(records: usize, matches: impl IntoIterator<Item = &'a ScoredPair>) -> Self {
        let mut edges: Vec<(u32, u32, f64)> = matches
            .into_iter()
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
