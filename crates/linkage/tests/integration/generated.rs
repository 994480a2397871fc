//! End-to-end on a small synthetic population across scripts.

use std::collections::HashMap;

use lantern_linkage::generate::{generate, write_csv, GeneratorOptions, LINK_CONFIG};
use lantern_linkage::{run_link, LinkOptions};

use crate::support::*;

#[test]
fn synthetic_population_links_across_scripts() {
    let out = scratch("generated");
    let records = generate(&GeneratorOptions::new(6000, 11));
    write_csv(&records, &out.join("people.csv")).unwrap();
    std::fs::write(out.join("fields.toml"), LINK_CONFIG).unwrap();
    let mut options = LinkOptions::new(
        out.join("people.csv"),
        out.join("fields.toml"),
        out.join("pairs.csv"),
    );
    options.clusters = Some(out.join("clusters.csv"));
    run_link(&options).unwrap();
    let entity: HashMap<String, String> = records
        .iter()
        .map(|r| (r.record_id.clone(), r.entity_id.clone()))
        .collect();
    let truth = count_true_pairs(&entity, None);
    let q = pairwise_quality(&out.join("pairs.csv"), &entity, truth);
    // A floor that catches regressions; the benchmark reports the real figures.
    assert!(
        q.precision > 0.9 && q.recall > 0.7,
        "synthetic quality {q:?}"
    );
}
