//! End-to-end on a small synthetic population across scripts.

use std::collections::{HashMap, HashSet};

use lantern_linkage::generate::{generate, write_csv, GeneratorOptions, LINK_CONFIG};
use lantern_linkage::link::Task;
use lantern_linkage::{run_link, Engine, LinkOptions, DEFAULT_THRESHOLD};

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

/// A generated population loaded as `lantern link` would, with its truth.
fn generated_task(name: &str, seed: u64) -> (Engine, Task, Vec<String>) {
    let out = scratch(name);
    let records = generate(&GeneratorOptions::new(6000, seed));
    write_csv(&records, &out.join("people.csv")).unwrap();
    std::fs::write(out.join("fields.toml"), LINK_CONFIG).unwrap();
    let config = out.join("fields.toml");
    let engine = Engine::from_config_file(&config).unwrap();
    let dataset = engine
        .loader(&config)
        .load(&out.join("people.csv"))
        .unwrap();
    let task = Task::new(dataset, None).unwrap();
    let entity: HashMap<&str, &str> = records
        .iter()
        .map(|r| (r.record_id.as_str(), r.entity_id.as_str()))
        .collect();
    let truth = task
        .ids
        .iter()
        .map(|id| entity[id.as_str()].to_string())
        .collect();
    (engine, task, truth)
}

#[test]
fn namesakes_share_family_names_and_places_more_than_strangers() {
    let (engine, task, _) = generated_task("namesakes", 12);
    let model = engine.train(&task).model;
    assert!(model.training.namesake_pairs > 0);
    for name in ["family_name", "place", "village"] {
        let field = model.fields.iter().find(|f| f.name == name).unwrap();
        let top = field.u.len() - 1;
        // Namesakes come from one region: they share its family names and
        // districts several times as often as two random records.
        assert!(
            field.u_same_given[top] > 2.0 * field.u[top],
            "{name}: among namesakes {} against {}",
            field.u_same_given[top],
            field.u[top]
        );
    }
    // Nothing is learnt about the given name from pairs chosen for it.
    let given = model
        .fields
        .iter()
        .find(|f| f.name == "given_name")
        .unwrap();
    assert!(given.u_same_given.is_empty());
}

#[test]
fn the_second_round_links_through_a_record_both_match() {
    let (engine, task, truth) = generated_task("second-round", 13);
    let linked = engine.link(&task, DEFAULT_THRESHOLD);
    assert!(linked.second_round_pairs > 0);
    let matched: HashSet<(u32, u32)> = linked.matches.iter().map(|p| (p.a, p.b)).collect();
    let joined = |x: u32, y: u32| matched.contains(&(x.min(y), x.max(y)));
    let via_path: Vec<_> = linked.matches.iter().filter(|p| p.via.is_some()).collect();
    assert!(!via_path.is_empty(), "no pair was linked through a third");
    let mut true_pairs = 0;
    for pair in &via_path {
        let via = pair.via.unwrap();
        assert!(joined(pair.a, via) && joined(pair.b, via), "{pair:?}");
        true_pairs += usize::from(truth[pair.a as usize] == truth[pair.b as usize]);
    }
    assert!(
        true_pairs * 10 >= via_path.len() * 8,
        "{true_pairs} of {} pairs linked through a third are true",
        via_path.len()
    );
}
