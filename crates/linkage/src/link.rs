//! The batch entry point: load, block, train, score, cluster, write.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::block::{candidate_pairs, Blocker, Candidates, PairSpace, RuleStats};
use crate::compare::{Comparer, Outcome};
use crate::config::LinkConfig;
use crate::dataset::{Dataset, Loader};
use crate::error::LinkError;
use crate::model::{Model, Scorer, TermFrequencies};
use crate::normalise::Normaliser;
use crate::output::{write_clusters, write_pairs};
use crate::record::{Person, Schema};
use crate::second_round::score_in_two_rounds;
use crate::train::train;

pub const DEFAULT_THRESHOLD: f64 = 0.9;

/// What `lantern link` asks for.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    /// Records to deduplicate, or the left side of a linkage.
    pub input: PathBuf,
    /// Right side of a linkage; `None` deduplicates `input`.
    pub against: Option<PathBuf>,
    /// TOML naming each column's kind.
    pub config: PathBuf,
    /// Pairs at or above the threshold: `left_id,right_id,probability,weight_<field>...`.
    pub output: PathBuf,
    /// Optional `record_id,cluster_id` for every record.
    pub clusters: Option<PathBuf>,
    /// Match probability at or above which a pair is written and clustered.
    pub threshold: f64,
}

impl LinkOptions {
    pub fn new(
        input: impl Into<PathBuf>,
        config: impl Into<PathBuf>,
        output: impl Into<PathBuf>,
    ) -> Self {
        Self {
            input: input.into(),
            against: None,
            config: config.into(),
            output: output.into(),
            clusters: None,
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// What a run did, for the CLI to print.
#[derive(Debug, Clone, Serialize)]
pub struct LinkSummary {
    pub left_records: usize,
    pub right_records: Option<usize>,
    pub candidate_pairs: u64,
    /// Pairs compared in the second round, within components of matches.
    pub second_round_pairs: u64,
    pub pairs_written: u64,
    /// Number of clusters (people), when a clusters file was asked for.
    pub clusters: Option<usize>,
    pub blocking: Vec<RuleStats>,
    pub model: Model,
    pub timings: Timings,
}

/// Wall time of each stage, in milliseconds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timings {
    pub load_ms: u128,
    pub block_ms: u128,
    pub train_ms: u128,
    pub score_ms: u128,
    pub write_ms: u128,
}

/// A pair at or above the threshold, with each field's weight (bits).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredPair {
    pub a: u32,
    pub b: u32,
    pub probability: f64,
    pub weights: Vec<f64>,
    /// A record both match, when the probability counts that path (see
    /// [`crate::second_round`]); the weights are still the direct comparison's.
    pub via: Option<u32>,
}

/// Records of a task, both sides in one list (right side after the left).
pub struct Task {
    pub ids: Vec<String>,
    pub people: Vec<Person>,
    pub space: PairSpace,
}

impl Task {
    pub fn new(left: Dataset, right: Option<Dataset>) -> Result<Self, LinkError> {
        let left_len = checked_len(&left)?;
        let mut ids = left.ids;
        let mut people = left.people;
        let space = match right {
            None => PairSpace::Dedupe { records: left_len },
            Some(right) => {
                let right_len = checked_len(&right)?;
                if u64::from(left_len) + u64::from(right_len) >= u64::from(u32::MAX) {
                    return Err(LinkError::TooLarge {
                        path: right.path,
                        what: "number of records on both sides",
                        limit: u64::from(u32::MAX) - 1,
                    });
                }
                ids.extend(right.ids);
                people.extend(right.people);
                PairSpace::Link {
                    left: left_len,
                    right: right_len,
                }
            }
        };
        Ok(Self { ids, people, space })
    }
}

fn checked_len(dataset: &Dataset) -> Result<u32, LinkError> {
    u32::try_from(dataset.people.len()).map_err(|_| LinkError::TooLarge {
        path: dataset.path.clone(),
        what: "number of records",
        limit: u64::from(u32::MAX),
    })
}

/// Everything the engine derives from a config.
pub struct Engine {
    pub config: LinkConfig,
    pub schema: Schema,
    pub normaliser: Normaliser,
    pub comparer: Comparer,
    pub blocker: Blocker,
}

impl Engine {
    pub fn from_config_file(path: &Path) -> Result<Self, LinkError> {
        let config = LinkConfig::from_file(path)?;
        let engine = Self::new(config);
        if engine.comparer.fields.is_empty() {
            return Err(LinkError::NothingToCompare {
                path: path.to_path_buf(),
            });
        }
        Ok(engine)
    }

    pub fn new(config: LinkConfig) -> Self {
        let schema = Schema::new(&config);
        let normaliser = Normaliser::new(&config.options);
        let comparer = Comparer::new(&schema);
        let blocker = Blocker::new(
            &schema,
            config.options.max_block_size,
            config.options.blocking.as_deref(),
        );
        Self {
            config,
            schema,
            normaliser,
            comparer,
            blocker,
        }
    }

    pub fn loader<'a>(&'a self, config_path: &'a Path) -> Loader<'a> {
        Loader {
            config: &self.config,
            config_path,
            schema: &self.schema,
            normaliser: &self.normaliser,
        }
    }

    /// Blocks a task and trains a model on it (no labels needed).
    pub fn train(&self, task: &Task) -> Trained {
        let started = Instant::now();
        let candidates = candidate_pairs(&self.blocker, &task.people, task.space);
        let block_ms = started.elapsed().as_millis();
        let started = Instant::now();
        let tf = TermFrequencies::build(&self.comparer, &task.people);
        let model = train(
            &self.comparer,
            &task.people,
            task.space,
            &candidates,
            &tf,
            &self.config.options,
        );
        Trained {
            candidates,
            model,
            tf,
            block_ms,
            train_ms: started.elapsed().as_millis(),
        }
    }

    /// Trains on a task's candidate pairs and scores them.
    pub fn link(&self, task: &Task, threshold: f64) -> Linked {
        let trained = self.train(task);
        let started = Instant::now();
        let scored = score_in_two_rounds(
            &trained.model,
            &trained.tf,
            &task.people,
            task.space,
            &trained.candidates.pairs,
            threshold,
        );
        Linked {
            candidate_pairs: trained.candidates.pairs.len() as u64,
            second_round_pairs: scored.second_round.len() as u64,
            blocking: trained.candidates.rules,
            model: trained.model,
            matches: scored.matches,
            block_ms: trained.block_ms,
            train_ms: trained.train_ms,
            score_ms: started.elapsed().as_millis(),
        }
    }
}

/// Result of [`Engine::train`].
pub struct Trained {
    pub candidates: Candidates,
    pub model: Model,
    pub tf: TermFrequencies,
    block_ms: u128,
    train_ms: u128,
}

/// Result of [`Engine::link`].
pub struct Linked {
    pub candidate_pairs: u64,
    /// Pairs compared because both records matched a third (see
    /// [`crate::second_round`]).
    pub second_round_pairs: u64,
    pub blocking: Vec<RuleStats>,
    pub model: Model,
    pub matches: Vec<ScoredPair>,
    block_ms: u128,
    train_ms: u128,
    score_ms: u128,
}

/// Scores candidates in parallel; keeps those at or above the threshold, in
/// (a, b) order so output is identical from run to run.
pub fn score_pairs(
    model: &Model,
    tf: &TermFrequencies,
    people: &[Person],
    pairs: &[(u32, u32)],
    threshold: f64,
) -> Vec<ScoredPair> {
    let scorer = Scorer::new(model, tf);
    let min_log2_odds = if threshold <= 0.0 {
        f64::NEG_INFINITY
    } else if threshold >= 1.0 {
        f64::INFINITY
    } else {
        // A hair below, so rounding never drops a pair exactly at the threshold.
        (threshold / (1.0 - threshold)).log2() - 1e-9
    };
    let mut matches: Vec<ScoredPair> = pairs
        .par_chunks(8192)
        .flat_map_iter(|chunk| {
            let mut outcomes = vec![Outcome::NULL; model.comparer.fields.len()];
            let mut found = Vec::new();
            for &(a, b) in chunk {
                let (left, right) = (&people[a as usize], &people[b as usize]);
                if scorer
                    .log2_odds_at_least(left, right, min_log2_odds)
                    .is_none()
                {
                    continue;
                }
                // Survivors are few: compare again in full for the explanation.
                model.comparer.compare(left, right, &mut outcomes);
                let score = model.score(&outcomes, tf);
                let probability = score.probability();
                if probability >= threshold {
                    found.push(ScoredPair {
                        a,
                        b,
                        probability,
                        weights: score.weights,
                        via: None,
                    });
                }
            }
            found
        })
        .collect();
    matches.par_sort_unstable_by_key(|p| (p.a, p.b));
    matches
}

/// Runs a deduplication (`against` is `None`) or a linkage, writing pairs and
/// optionally clusters.
pub fn run_link(opts: &LinkOptions) -> Result<LinkSummary, LinkError> {
    if !(0.0..=1.0).contains(&opts.threshold) {
        return Err(LinkError::BadThreshold);
    }
    let started = Instant::now();
    let engine = Engine::from_config_file(&opts.config)?;
    let loader = engine.loader(&opts.config);
    let left = loader.load(&opts.input)?;
    let right = opts
        .against
        .as_deref()
        .map(|p| loader.load(p))
        .transpose()?;
    let left_records = left.people.len();
    let right_records = right.as_ref().map(|r| r.people.len());
    let task = Task::new(left, right)?;
    let load_ms = started.elapsed().as_millis();

    let linked = engine.link(&task, opts.threshold);

    let started = Instant::now();
    write_pairs(&opts.output, &task, &linked)?;
    let clusters = match &opts.clusters {
        Some(path) => Some(write_clusters(path, &task, &linked.matches)?),
        None => None,
    };
    Ok(LinkSummary {
        left_records,
        right_records,
        candidate_pairs: linked.candidate_pairs,
        second_round_pairs: linked.second_round_pairs,
        pairs_written: linked.matches.len() as u64,
        clusters,
        blocking: linked.blocking,
        timings: Timings {
            load_ms,
            block_ms: linked.block_ms,
            train_ms: linked.train_ms,
            score_ms: linked.score_ms,
            write_ms: started.elapsed().as_millis(),
        },
        model: linked.model,
    })
}
