//! The Fellegi–Sunter model: m- and u-probabilities per field and level, a
//! prior, term frequencies, and the match weight of a compared pair.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::compare::{
    word_pair_key, Comparator, Comparer, Evidence, Field, Outcome, NAME_WORDS_FOR_PAIRS, NULL_LEVEL,
};
use crate::record::Person;

/// Parameters of one field.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FieldParams {
    pub name: String,
    /// P(level | records are the same person), by level.
    pub m: Vec<f64>,
    /// P(level | records are different people), by level, from random pairs.
    pub u: Vec<f64>,
    /// The same among different people whose given names agree. Given names
    /// belong to a language and region, and so do family names, parents'
    /// names and places: two namesakes are far likelier than two random
    /// records to share a district. Counting those agreements at their
    /// population-wide rarity would count the region again with every field.
    /// Empty when not estimated (then `u` applies).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub u_same_given: Vec<f64>,
}

impl FieldParams {
    /// u of a level, among all pairs or among pairs whose given names agree.
    pub fn u_at(&self, level: usize, same_given: bool) -> Option<f64> {
        let conditional = if same_given {
            self.u_same_given.get(level)
        } else {
            None
        };
        conditional.or_else(|| self.u.get(level)).copied()
    }
}

/// A trained model. Serialisable so an index can be rebuilt without retraining.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    pub comparer: Comparer,
    pub fields: Vec<FieldParams>,
    /// log2 of the prior odds that two random records are the same person.
    pub log2_prior_odds: f64,
    pub training: TrainingReport,
}

/// What training saw, for the record and for judging the fit.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TrainingReport {
    pub random_pairs: usize,
    pub em_pairs: usize,
    pub em_iterations: usize,
    pub em_converged: bool,
    /// Share of candidate pairs EM judged to be matches.
    pub candidate_match_share: f64,
    /// Random pairs of namesakes (agreeing given names) behind `u_same_given`.
    #[serde(default)]
    pub namesake_pairs: usize,
}

/// Hasher for keys that are already hashes or small integers: one multiply
/// instead of SipHash, on the scorer's hot path.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // Byte input (strings) is FNV, whose high bits mix poorly: fold them in.
        self.0 ^ (self.0 >> 31)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = (key ^ (key >> 29))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(26);
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// How often each value occurs, per field, so that agreeing on a rare value
/// counts for more than agreeing on a common one.
#[derive(Debug, Clone, Default)]
pub struct TermFrequencies {
    counts: Vec<KeyMap<u32>>,
    /// Records with a value in the field.
    totals: Vec<u64>,
}

impl TermFrequencies {
    pub fn build(comparer: &Comparer, people: &[Person]) -> Self {
        let mut table = Self {
            counts: vec![KeyMap::default(); comparer.fields.len()],
            totals: vec![0; comparer.fields.len()],
        };
        for (index, field) in comparer.fields.iter().enumerate() {
            if field.tf_from_level.is_none() {
                continue;
            }
            // Each record's distinct values, then counted by sorting: parallel
            // and without a shared map.
            let mut keys: Vec<u64> = people
                .par_iter()
                .flat_map_iter(|person| {
                    let mut own = Vec::new();
                    tf_keys(field.comparator, person, &mut own);
                    own.sort_unstable();
                    own.dedup();
                    own
                })
                .collect();
            table.totals[index] = people
                .par_iter()
                .filter(|person| {
                    let mut own = Vec::new();
                    tf_keys(field.comparator, person, &mut own);
                    !own.is_empty()
                })
                .count() as u64;
            keys.par_sort_unstable();
            let counts = &mut table.counts[index];
            let mut start = 0;
            while start < keys.len() {
                let end = start + keys[start..].partition_point(|k| *k == keys[start]);
                counts.insert(keys[start], u32::try_from(end - start).unwrap_or(u32::MAX));
                start = end;
            }
        }
        table
    }

    /// Relative frequency of a value, floored at one record.
    fn frequency(&self, field: usize, key: u64) -> Option<f64> {
        let total = *self.totals.get(field)?;
        if total == 0 {
            return None;
        }
        let count = self
            .counts
            .get(field)?
            .get(&key)
            .copied()
            .unwrap_or(1)
            .max(1);
        Some(f64::from(count) / total as f64)
    }

    /// Frequency of the rarest possible value (one record), if any are counted.
    fn rarest(&self, field: usize) -> Option<f64> {
        let total = *self.totals.get(field)?;
        (total > 0).then(|| 1.0 / total as f64)
    }

    /// Adds one record's values (the incremental index keeps frequencies current).
    pub fn add(&mut self, comparer: &Comparer, person: &Person) {
        let mut keys = Vec::new();
        for (index, field) in comparer.fields.iter().enumerate() {
            if field.tf_from_level.is_none() {
                continue;
            }
            keys.clear();
            tf_keys(field.comparator, person, &mut keys);
            if keys.is_empty() {
                continue;
            }
            keys.sort_unstable();
            keys.dedup();
            self.totals[index] += 1;
            for key in &keys {
                *self.counts[index].entry(*key).or_insert(0) += 1;
            }
        }
    }
}

/// The keys under which a record's values are counted: the same keys that
/// [`crate::compare`] reports for an agreement.
fn tf_keys(comparator: Comparator, person: &Person, out: &mut Vec<u64>) {
    let names = |tokens: &[crate::normalise::NameToken], out: &mut Vec<u64>| {
        for t in tokens {
            out.push(t.exact);
            out.push(t.skeleton);
        }
        let first = &tokens[..tokens.len().min(NAME_WORDS_FOR_PAIRS)];
        for (i, x) in first.iter().enumerate() {
            for y in &first[i + 1..] {
                if x.exact != y.exact {
                    out.push(word_pair_key(x.exact, y.exact));
                }
            }
        }
    };
    match comparator {
        Comparator::GivenName => names(&person.given, out),
        Comparator::FamilyName => names(&person.family, out),
        Comparator::ParentName => names(&person.parents, out),
        Comparator::Birth => out.extend(person.birth.date.map(|d| d.key())),
        Comparator::Phone => out.extend(person.phones.iter().copied()),
        Comparator::Text { slot, .. } => {
            out.extend(
                person
                    .texts
                    .get(slot)
                    .and_then(|t| t.as_ref())
                    .map(|t| t.hash),
            );
        }
    }
}

/// A scored pair: total weight and each field's contribution, in bits.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub log2_odds: f64,
    pub weights: Vec<f64>,
}

impl Score {
    pub fn probability(&self) -> f64 {
        probability_from_log2_odds(self.log2_odds)
    }
}

pub fn probability_from_log2_odds(log2_odds: f64) -> f64 {
    1.0 / (1.0 + (-log2_odds).exp2())
}

/// Largest weight one field may contribute; keeps a single freak agreement
/// from overwhelming everything else.
const MAX_FIELD_WEIGHT: f64 = 24.0;

/// Lowest given-name level that counts as the same name (transliteration,
/// phonetics or nickname, or exact): the context of [`FieldParams::u_same_given`].
pub const SAME_GIVEN_LEVEL: u8 = 3;

/// Whether a given-name outcome is the same name, in the sense of
/// [`SAME_GIVEN_LEVEL`].
pub fn is_same_given(outcome: Outcome) -> bool {
    outcome.level != NULL_LEVEL && outcome.level >= SAME_GIVEN_LEVEL
}

impl Model {
    /// Index of the given-name field, whose agreement conditions the u of the others.
    pub fn given_field(&self) -> Option<usize> {
        self.comparer.given_field()
    }

    /// Whether compared outcomes agree on the given name.
    pub fn same_given(&self, outcomes: &[Outcome]) -> bool {
        self.given_field()
            .and_then(|i| outcomes.get(i))
            .is_some_and(|o| is_same_given(*o))
    }

    /// Weight of one field's outcome, in bits; `same_given` says whether the
    /// pair's given names agree (see [`FieldParams::u_same_given`]).
    pub fn field_weight(
        &self,
        field: usize,
        outcome: Outcome,
        tf: &TermFrequencies,
        same_given: bool,
    ) -> f64 {
        if outcome.level == NULL_LEVEL {
            return 0.0;
        }
        let params = &self.fields[field];
        let level = usize::from(outcome.level);
        let conditional =
            same_given && self.comparer.fields[field].comparator != Comparator::GivenName;
        let (Some(&m), Some(plain_u), Some(u)) = (
            params.m.get(level),
            params.u_at(level, false),
            params.u_at(level, conditional),
        ) else {
            return 0.0;
        };
        let tf_level = self.comparer.fields[field].tf_from_level;
        let u = match tf_level {
            // A value's frequency is population-wide; among namesakes it is
            // scaled as the level's u is.
            Some(from) if outcome.level >= from && outcome.tf_key != 0 => tf
                .frequency(field, outcome.tf_key)
                .map_or(u, |f| (f * u / plain_u).min(1.0)),
            _ => u,
        };
        (m / u).log2().clamp(-MAX_FIELD_WEIGHT, MAX_FIELD_WEIGHT)
    }

    /// Each field's weight for compared outcomes.
    fn field_weights<'s>(
        &'s self,
        outcomes: &'s [Outcome],
        tf: &'s TermFrequencies,
    ) -> impl Iterator<Item = f64> + 's {
        let same_given = self.same_given(outcomes);
        outcomes
            .iter()
            .enumerate()
            .map(move |(i, o)| self.field_weight(i, *o, tf, same_given))
    }

    /// Total match weight of compared outcomes, with each field's contribution
    /// (household fields scaled down when they were capped).
    pub fn score(&self, outcomes: &[Outcome], tf: &TermFrequencies) -> Score {
        let mut weights: Vec<f64> = self.field_weights(outcomes, tf).collect();
        let log2_odds = combine_weights(self.log2_prior_odds, &mut weights, &self.comparer.fields);
        Score { log2_odds, weights }
    }

    /// The evidence of compared outcomes, before the prior.
    pub fn evidence(&self, outcomes: &[Outcome], tf: &TermFrequencies) -> EvidenceSums {
        let mut sums = EvidenceSums::default();
        for (weight, field) in self.field_weights(outcomes, tf).zip(&self.comparer.fields) {
            sums.add(field.evidence, weight);
        }
        sums
    }

    /// Only the total, without allocating.
    pub fn log2_odds(&self, outcomes: &[Outcome], tf: &TermFrequencies) -> f64 {
        self.evidence(outcomes, tf).total(self.log2_prior_odds)
    }
}

/// Scores pairs with early rejection: fields are compared cheapest first, and
/// once even the best possible outcome of the remaining fields cannot reach
/// the wanted odds, the pair is dropped without comparing the rest.
pub struct Scorer<'a> {
    pub model: &'a Model,
    pub tf: &'a TermFrequencies,
    order: Vec<usize>,
    /// Largest weight each field can contribute.
    max_weight: Vec<f64>,
    /// log2(m / u) by field and level, computed once (log2 is not free):
    /// `[0]` for pairs whose given names differ, `[1]` for namesakes.
    base_weight: [Vec<Vec<f64>>; 2],
    given: Option<usize>,
}

impl<'a> Scorer<'a> {
    pub fn new(model: &'a Model, tf: &'a TermFrequencies) -> Self {
        let comparer = &model.comparer;
        let given = model.given_field();
        let mut order: Vec<usize> = (0..comparer.fields.len()).collect();
        order.sort_by_key(|&i| comparer.cost(i));
        let weight_table = |same_given: bool| -> Vec<Vec<f64>> {
            model
                .fields
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let conditional = same_given && given != Some(i);
                    (0..p.m.len())
                        .map(|level| match (p.m.get(level), p.u_at(level, conditional)) {
                            (Some(m), Some(u)) => {
                                (m / u).log2().clamp(-MAX_FIELD_WEIGHT, MAX_FIELD_WEIGHT)
                            }
                            _ => 0.0,
                        })
                        .collect()
                })
                .collect()
        };
        let base_weight = [weight_table(false), weight_table(true)];
        let max_weight = (0..comparer.fields.len())
            .map(|i| {
                let tf_from = comparer.fields[i].tf_from_level;
                let rarest = tf.rarest(i);
                let params = &model.fields[i];
                let mut best: f64 = 0.0;
                for same_given in [false, true] {
                    let conditional = same_given && given != Some(i);
                    for (level, m) in params.m.iter().enumerate() {
                        let (Some(plain_u), Some(u)) =
                            (params.u_at(level, false), params.u_at(level, conditional))
                        else {
                            continue;
                        };
                        // A rare value can outweigh the level's average.
                        let u = match (tf_from, rarest) {
                            (Some(from), Some(rarest)) if level >= usize::from(from) => {
                                u.min(rarest * u / plain_u)
                            }
                            _ => u,
                        };
                        best = best.max((m / u).log2().clamp(-MAX_FIELD_WEIGHT, MAX_FIELD_WEIGHT));
                    }
                }
                best
            })
            .collect();
        Self {
            model,
            tf,
            order,
            max_weight,
            base_weight,
            given,
        }
    }

    /// Same as [`Model::field_weight`], from the precomputed table unless a
    /// term frequency applies.
    fn weight(&self, field: usize, outcome: Outcome, same_given: bool) -> f64 {
        let tf_applies = outcome.tf_key != 0
            && self.model.comparer.fields[field]
                .tf_from_level
                .is_some_and(|from| outcome.level >= from && outcome.level != NULL_LEVEL);
        if tf_applies {
            return self.model.field_weight(field, outcome, self.tf, same_given);
        }
        self.base_weight[usize::from(same_given)]
            .get(field)
            .and_then(|levels| levels.get(usize::from(outcome.level)))
            .copied()
            .unwrap_or(0.0)
    }

    /// log2 odds of a pair if they are at least `minimum`, else `None`.
    ///
    /// Cheap fields come first even though the given name decides which u
    /// they use: until it is compared, both sums are kept, and a pair is
    /// dropped only when neither can reach `minimum`.
    pub fn log2_odds_at_least(&self, a: &Person, b: &Person, minimum: f64) -> Option<f64> {
        let comparer = &self.model.comparer;
        let prior = self.model.log2_prior_odds;
        // By whether the given names agree: [different, same].
        let mut sums = [EvidenceSums::default(); 2];
        let mut remaining = EvidenceSums::default();
        for &i in &self.order {
            remaining.add(comparer.fields[i].evidence, self.max_weight[i]);
        }
        let mut names = None;
        let mut same_given: Option<bool> = None;
        for &i in &self.order {
            let field = &comparer.fields[i];
            let outcome = comparer.compare_field(i, a, b, &mut names);
            if self.given == Some(i) {
                same_given = Some(is_same_given(outcome));
            }
            remaining.add(field.evidence, -self.max_weight[i]);
            let best_case = match same_given {
                Some(same) => {
                    let sums = &mut sums[usize::from(same)];
                    sums.add(field.evidence, self.weight(i, outcome, same));
                    sums.plus(&remaining).total(prior)
                }
                None => {
                    for (context, sums) in sums.iter_mut().enumerate() {
                        sums.add(field.evidence, self.weight(i, outcome, context == 1));
                    }
                    sums.iter()
                        .map(|s| s.plus(&remaining).total(prior))
                        .fold(f64::NEG_INFINITY, f64::max)
                }
            };
            if best_case < minimum {
                return None;
            }
        }
        Some(sums[usize::from(same_given.unwrap_or(false))].total(prior))
    }
}

/// Personal evidence (bits) a pair needs before shared household attributes
/// count in full: siblings share family name, address and phone, and often
/// have a similar given name and an age a few years apart.
const PERSON_EVIDENCE_FOR_HOUSEHOLD: f64 = 0.0;

/// Weights split by whose attribute they describe.
#[derive(Debug, Default, Clone, Copy)]
pub struct EvidenceSums {
    person: f64,
    household_for: f64,
    household_against: f64,
}

impl EvidenceSums {
    pub fn add(&mut self, evidence: Evidence, weight: f64) {
        match evidence {
            Evidence::Person => self.person += weight,
            Evidence::Household if weight > 0.0 => self.household_for += weight,
            Evidence::Household => self.household_against += weight,
        }
    }

    /// Positive household weight allowed: all of it, unless the personal fields
    /// (given name, birth, documents) disagree overall; then only enough to
    /// cancel the prior, so the pair stays below even odds.
    fn household_allowance(&self, log2_prior_odds: f64) -> f64 {
        if self.person >= PERSON_EVIDENCE_FOR_HOUSEHOLD {
            return self.household_for;
        }
        let cap = (-log2_prior_odds).max(0.0) - self.household_against;
        self.household_for.min(cap.max(0.0))
    }

    fn plus(&self, other: &Self) -> Self {
        Self {
            person: self.person + other.person,
            household_for: self.household_for + other.household_for,
            household_against: self.household_against + other.household_against,
        }
    }

    pub fn total(&self, log2_prior_odds: f64) -> f64 {
        log2_prior_odds
            + self.person
            + self.household_against
            + self.household_allowance(log2_prior_odds)
    }
}

/// Sums weights into log2 odds, scaling positive household weights in place
/// when they are capped (so explanations add up to the total).
pub fn combine_weights(log2_prior_odds: f64, weights: &mut [f64], fields: &[Field]) -> f64 {
    let mut sums = EvidenceSums::default();
    for (w, field) in weights.iter().zip(fields) {
        sums.add(field.evidence, *w);
    }
    let allowed = sums.household_allowance(log2_prior_odds);
    if allowed < sums.household_for && sums.household_for > 0.0 {
        let scale = allowed / sums.household_for;
        for (w, field) in weights.iter_mut().zip(fields) {
            if field.evidence == Evidence::Household && *w > 0.0 {
                *w *= scale;
            }
        }
    }
    sums.total(log2_prior_odds)
}
