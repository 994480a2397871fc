//! FEBRL regression tests: the easy benchmark must stay near-perfect.

use lantern_linkage::{run_link, LinkOptions};

use crate::support::*;

#[test]
fn febrl4_linkage_meets_targets() {
    let data = febrl_dir();
    let out = scratch("febrl4");
    let (a, b) = (data.join("dataset4a.csv"), data.join("dataset4b.csv"));
    let mut options = LinkOptions::new(
        &a,
        crate_dir().join("configs/febrl.toml"),
        out.join("pairs.csv"),
    );
    options.against = Some(b.clone());
    options.clusters = Some(out.join("clusters.csv"));
    let summary = run_link(&options).unwrap();
    assert_eq!(summary.left_records, 5000);
    assert_eq!(summary.right_records, Some(5000));

    let (left, right) = (febrl_entities(&a), febrl_entities(&b));
    let truth = count_true_pairs(&left, Some(&right));
    assert_eq!(truth, 5000);
    let mut all = left;
    all.extend(right);
    let q = pairwise_quality(&out.join("pairs.csv"), &all, truth);
    assert!(q.precision >= 0.999, "FEBRL4 precision {q:?}");
    assert!(q.f1 >= 0.998, "FEBRL4 F1 {q:?}");
}

#[test]
fn febrl1_deduplication_meets_target() {
    let data = febrl_dir();
    let out = scratch("febrl1");
    let input = data.join("dataset1.csv");
    let mut options = LinkOptions::new(
        &input,
        crate_dir().join("configs/febrl.toml"),
        out.join("pairs.csv"),
    );
    options.clusters = Some(out.join("clusters.csv"));
    let summary = run_link(&options).unwrap();
    let entities = febrl_entities(&input);
    let truth = count_true_pairs(&entities, None);
    assert_eq!(truth, 500);
    let q = pairwise_quality(&out.join("pairs.csv"), &entities, truth);
    assert!(q.f1 >= 0.99, "FEBRL1 F1 {q:?}");

    // Every record is in exactly one cluster, and the run is reproducible.
    let clusters = std::fs::read_to_string(out.join("clusters.csv")).unwrap();
    assert_eq!(clusters.lines().count(), 1001);
    assert_eq!(
        summary.clusters,
        Some(
            clusters
                .lines()
                .skip(1)
                .map(|l| l.rsplit(',').next().unwrap())
                .collect::<std::collections::HashSet<_>>()
                .len()
        )
    );
    let pairs_first = std::fs::read(out.join("pairs.csv")).unwrap();
    run_link(&options).unwrap();
    assert_eq!(
        pairs_first,
        std::fs::read(out.join("pairs.csv")).unwrap(),
        "output differs between runs"
    );
    assert_eq!(
        clusters,
        std::fs::read_to_string(out.join("clusters.csv")).unwrap()
    );
}
