//! The incremental query: score one new record against an indexed set with a
//! model trained earlier, without retraining.

use std::collections::HashMap;
use std::path::Path;

use crate::block::KeyTable;
use crate::compare::Outcome;
use crate::dataset::Dataset;
use crate::error::LinkError;
use crate::link::{Engine, Task};
use crate::model::{Model, TermFrequencies};
use crate::record::Person;

/// A match returned by [`LinkIndex::query`].
#[derive(Debug, Clone, PartialEq)]
pub struct QueryMatch {
    /// Position of the indexed record (see [`LinkIndex::id`]).
    pub record: u32,
    pub probability: f64,
    /// Weight of each field in bits, in the order of [`Model::fields`].
    pub weights: Vec<f64>,
}

/// Indexed records with their blocking keys and a trained model.
pub struct LinkIndex {
    engine: Engine,
    model: Model,
    tf: TermFrequencies,
    ids: Vec<String>,
    people: Vec<Person>,
    tables: Vec<KeyTable>,
    /// Postings of records inserted after the index was built, per rule.
    inserted: Vec<HashMap<u64, Vec<u32>>>,
}

impl LinkIndex {
    /// Indexes `dataset` for querying with `model`.
    pub fn build(engine: Engine, dataset: Dataset, model: Model) -> Self {
        let tables = engine
            .blocker
            .rules
            .iter()
            .map(|&rule| KeyTable::build(&engine.blocker, rule, &dataset.people))
            .collect();
        let tf = TermFrequencies::build(&model.comparer, &dataset.people);
        let inserted = vec![HashMap::new(); engine.blocker.rules.len()];
        Self {
            engine,
            model,
            tf,
            ids: dataset.ids,
            people: dataset.people,
            tables,
            inserted,
        }
    }

    /// Loads a CSV, trains a deduplication model on it, and indexes it.
    pub fn from_csv(config: &Path, records: &Path) -> Result<Self, LinkError> {
        let engine = Engine::from_config_file(config)?;
        let dataset = engine.loader(config).load(records)?;
        let task = Task::new(dataset, None)?;
        let model = engine.train(&task).model;
        let dataset = Dataset {
            path: records.to_path_buf(),
            ids: task.ids,
            people: task.people,
        };
        Ok(Self::build(engine, dataset, model))
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    pub fn id(&self, record: u32) -> Option<&str> {
        self.ids.get(record as usize).map(String::as_str)
    }

    /// Turns `(column, value)` pairs into a person; columns not in the config
    /// are ignored, missing ones are empty.
    pub fn person(&self, record: &[(&str, &str)]) -> Person {
        let row: Vec<&str> = self
            .engine
            .config
            .columns
            .iter()
            .map(|(name, _)| {
                record
                    .iter()
                    .find(|(column, _)| column == name)
                    .map_or("", |(_, value)| *value)
            })
            .collect();
        let normaliser = &self.engine.normaliser;
        self.engine
            .schema
            .person(&row, normaliser, &|raw| normaliser.name_tokens(raw))
    }

    /// Indexed records whose match probability with `record` is at least
    /// `threshold`, most probable first.
    pub fn query(&self, record: &[(&str, &str)], threshold: f64) -> Vec<QueryMatch> {
        let person = self.person(record);
        let mut candidates = self.candidates(&person);
        let mut outcomes = vec![Outcome::NULL; self.model.comparer.fields.len()];
        let mut found = Vec::new();
        for candidate in candidates.drain(..) {
            let other = &self.people[candidate as usize];
            self.model.comparer.compare(&person, other, &mut outcomes);
            let score = self.model.score(&outcomes, &self.tf);
            let probability = score.probability();
            if probability >= threshold {
                found.push(QueryMatch {
                    record: candidate,
                    probability,
                    weights: score.weights,
                });
            }
        }
        found.sort_by(|a, b| {
            b.probability
                .total_cmp(&a.probability)
                .then(a.record.cmp(&b.record))
        });
        found
    }

    /// Adds a record so later queries find it. Term frequencies are updated;
    /// the model is not retrained.
    pub fn insert(&mut self, id: &str, record: &[(&str, &str)]) -> Result<u32, LinkError> {
        let index = u32::try_from(self.people.len())
            .ok()
            .filter(|i| *i < u32::MAX)
            .ok_or(LinkError::TooLarge {
                path: Default::default(),
                what: "number of indexed records",
                limit: u64::from(u32::MAX) - 1,
            })?;
        let person = self.person(record);
        let mut keys = Vec::new();
        for (rule_index, &rule) in self.engine.blocker.rules.iter().enumerate() {
            keys.clear();
            self.engine.blocker.keys(rule, &person, &mut keys);
            keys.sort_unstable();
            keys.dedup();
            for key in &keys {
                self.inserted[rule_index]
                    .entry(*key)
                    .or_default()
                    .push(index);
            }
        }
        self.tf.add(&self.model.comparer, &person);
        self.people.push(person);
        self.ids.push(id.to_string());
        Ok(index)
    }

    fn candidates(&self, person: &Person) -> Vec<u32> {
        let mut keys = Vec::new();
        let mut candidates = Vec::new();
        for (rule_index, &rule) in self.engine.blocker.rules.iter().enumerate() {
            let cap = self.engine.blocker.block_cap(rule);
            keys.clear();
            self.engine.blocker.keys(rule, person, &mut keys);
            for key in &keys {
                let indexed = self.tables[rule_index].lookup(*key);
                let inserted = self.inserted[rule_index]
                    .get(key)
                    .map_or(&[][..], Vec::as_slice);
                if indexed.len() + inserted.len() <= cap {
                    candidates.extend_from_slice(indexed);
                    candidates.extend_from_slice(inserted);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }
}
