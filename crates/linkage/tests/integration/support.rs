//! Shared helpers: locating the reference data and measuring pairwise quality.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// `shared/data/febrl`: `$LANTERN_SHARED/data/febrl` if set, otherwise the
/// first ancestor of this crate with a `shared/data/febrl` beside it. The
/// tests fail, never skip, when it cannot be found.
pub fn febrl_dir() -> PathBuf {
    if let Some(shared) = std::env::var_os("LANTERN_SHARED") {
        let dir = PathBuf::from(shared).join("data").join("febrl");
        assert!(
            dir.join("dataset1.csv").is_file(),
            "LANTERN_SHARED is set but {} has no dataset1.csv",
            dir.display()
        );
        return dir;
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for ancestor in manifest.ancestors() {
        let dir = ancestor.join("shared").join("data").join("febrl");
        if dir.join("dataset1.csv").is_file() {
            return dir;
        }
    }
    panic!(
        "FEBRL reference data not found: set LANTERN_SHARED to the shared/ directory, \
         or place shared/data/febrl beside an ancestor of {}",
        manifest.display()
    );
}

pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch directory under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "lantern-linkage-test-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[derive(Debug)]
pub struct Quality {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Pairwise quality of a pairs CSV, given each record id's true entity.
/// `linkage` counts true pairs across the two files only.
pub fn pairwise_quality(
    pairs_csv: &Path,
    entity: &HashMap<String, String>,
    true_pairs: usize,
) -> Quality {
    let mut reader = csv::Reader::from_path(pairs_csv).unwrap();
    let mut seen = HashSet::new();
    let (mut tp, mut fp) = (0usize, 0usize);
    for row in reader.records() {
        let row = row.unwrap();
        let (a, b) = (row[0].to_string(), row[1].to_string());
        assert!(seen.insert((a.clone(), b.clone())), "pair written twice");
        if entity.get(&a).is_some() && entity.get(&a) == entity.get(&b) {
            tp += 1;
        } else {
            fp += 1;
        }
    }
    let precision = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = tp as f64 / true_pairs.max(1) as f64;
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Quality {
        precision,
        recall,
        f1,
    }
}

/// FEBRL ids: `rec-N-org` and `rec-N-dup-K` are the same person N.
pub fn febrl_entities(csv_path: &Path) -> HashMap<String, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(csv_path)
        .unwrap();
    reader
        .records()
        .map(|r| {
            let id = r.unwrap()[0].to_string();
            let person = id.split('-').nth(1).unwrap().to_string();
            (id, person)
        })
        .collect()
}

/// Number of true pairs within one set (`right` = None) or across two.
pub fn count_true_pairs(
    left: &HashMap<String, String>,
    right: Option<&HashMap<String, String>>,
) -> usize {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for e in left.values() {
        counts.entry(e).or_default().0 += 1;
    }
    if let Some(right) = right {
        for e in right.values() {
            counts.entry(e).or_default().1 += 1;
        }
        counts.values().map(|(l, r)| l * r).sum()
    } else {
        counts
            .values()
            .map(|(l, _)| l * (l.saturating_sub(1)) / 2)
            .sum()
    }
}
