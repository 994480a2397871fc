//! Blocking recall against ground truth, overall and per rule:
//! `blocking_recall --config C --input A [--against B] --truth COLUMN|febrl [--id rec_id]`
//! Prints JSON: candidate pairs, true pairs, recall, and per rule the pairs it
//! adds and the true pairs only it finds. `--second-round` also trains and
//! scores, to count the pairs compared because both records matched a third
//! (`scorer_recall`: the share of true pairs that reach the scorer at all).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lantern_linkage::block::{candidate_pairs, Blocker, KeyTable, Rule};
use lantern_linkage::link::{Task, DEFAULT_THRESHOLD};
use lantern_linkage::second_round::score_in_two_rounds;

mod support;

fn truth(path: &Path, id_column: &str, truth: &str) -> Result<HashMap<String, String>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| e.to_string())?;
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let id_at = headers
        .iter()
        .position(|h| h == id_column)
        .ok_or("no id column")?;
    let truth_at = headers.iter().position(|h| h == truth);
    let mut out = HashMap::new();
    for row in reader.records() {
        let row = row.map_err(|e| e.to_string())?;
        let id = row.get(id_at).unwrap_or_default().to_string();
        let entity = match truth_at {
            Some(at) => row.get(at).unwrap_or_default().to_string(),
            None => id.split('-').nth(1).unwrap_or_default().to_string(),
        };
        out.insert(id, entity);
    }
    Ok(out)
}

fn run(args: &[String]) -> Result<String, String> {
    let flag = |name: &str| support::flag(args, name);
    let (engine, config, input) = support::engine_and_input(args)?;
    let against = flag("--against").map(PathBuf::from);
    let truth_column = flag("--truth").unwrap_or_else(|| "febrl".into());
    let id_column = engine.config.id_column.clone();
    let loader = engine.loader(&config);
    let left = loader.load(&input).map_err(|e| e.to_string())?;
    let right = against
        .as_deref()
        .map(|p| loader.load(p))
        .transpose()
        .map_err(|e| e.to_string())?;
    let mut entities = truth(&input, &id_column, &truth_column)?;
    if let Some(b) = &against {
        entities.extend(truth(b, &id_column, &truth_column)?);
    }
    let task = Task::new(left, right).map_err(|e| e.to_string())?;
    let entity_of: Vec<&str> = task
        .ids
        .iter()
        .map(|id| entities.get(id).map_or("", String::as_str))
        .collect();
    let true_pairs = count_true_pairs(&entity_of, task.space);
    let all = candidate_pairs(&engine.blocker, &task.people, task.space);
    let found = all
        .pairs
        .iter()
        .filter(|(a, b)| entity_of[*a as usize] == entity_of[*b as usize])
        .count();
    if let Some(path) = flag("--missed") {
        // True pairs no rule found, for looking at what blocking misses.
        let found: std::collections::HashSet<(u32, u32)> = all.pairs.iter().copied().collect();
        let mut by_entity: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, e) in entity_of.iter().enumerate() {
            by_entity.entry(e).or_default().push(i as u32);
        }
        let mut lines = String::new();
        for members in by_entity.values() {
            for (i, a) in members.iter().enumerate() {
                for b in &members[i + 1..] {
                    let pair = ((*a).min(*b), (*a).max(*b));
                    if !found.contains(&pair) {
                        lines.push_str(&format!(
                            "{},{}\n",
                            task.ids[pair.0 as usize], task.ids[pair.1 as usize]
                        ));
                    }
                }
            }
        }
        std::fs::write(path, lines).map_err(|e| e.to_string())?;
    }
    if args.iter().any(|a| a == "--rule-sizes") {
        // Each rule alone, by block-size cap: pairs in its blocks and true
        // pairs among them (overlaps between rules not removed). Cheap enough
        // for a million records, unlike the per-rule union below.
        let mut lines = Vec::new();
        for &rule in &engine.blocker.rules {
            let mut wide = engine.blocker.clone();
            wide.max_block_size = 400;
            let table = KeyTable::build(&wide, rule, &task.people);
            for cap in [25usize, 50, 100, 150, 400] {
                let (mut pairs, mut hits) = (0u64, 0u64);
                for i in 0..table.keys.len() {
                    let members = table.block(i);
                    if members.len() > cap {
                        continue;
                    }
                    pairs += (members.len() * (members.len() - 1) / 2) as u64;
                    for (j, &a) in members.iter().enumerate() {
                        for &b in &members[j + 1..] {
                            hits += u64::from(entity_of[a as usize] == entity_of[b as usize]);
                        }
                    }
                }
                lines.push(format!(
                    "{{\"rule\":\"{rule:?}\",\"cap\":{cap},\"pairs\":{pairs},\"true\":{hits}}}"
                ));
            }
        }
        return Ok(lines.join("\n"));
    }
    let mut per_rule = Vec::new();
    let per_rule_rules = if args.iter().any(|a| a == "--quick") {
        Vec::new()
    } else {
        engine.blocker.rules.clone()
    };
    for &rule in &per_rule_rules {
        let mut alone: Blocker = engine.blocker.clone();
        alone.rules = vec![rule];
        let mut others = engine.blocker.clone();
        others.rules = engine
            .blocker
            .rules
            .iter()
            .copied()
            .filter(|r| *r != rule)
            .collect::<Vec<Rule>>();
        let own = candidate_pairs(&alone, &task.people, task.space);
        let without = candidate_pairs(&others, &task.people, task.space);
        let true_in = |pairs: &[(u32, u32)]| {
            pairs
                .iter()
                .filter(|(a, b)| entity_of[*a as usize] == entity_of[*b as usize])
                .count()
        };
        per_rule.push(format!(
            "{{\"rule\":\"{rule:?}\",\"pairs_alone\":{},\"true_alone\":{},\"true_lost_without\":{},\"pairs_saved_without\":{}}}",
            own.pairs.len(),
            true_in(&own.pairs),
            found - true_in(&without.pairs),
            all.pairs.len() - without.pairs.len()
        ));
    }
    // With --second-round: also the pairs `lantern link` compares because
    // both records matched a third, so the share of true pairs that reach
    // the scorer at all (this trains and scores, as a run does).
    let scorer_recall = if args.iter().any(|a| a == "--second-round") {
        let trained = engine.train(&task);
        let rounds = score_in_two_rounds(
            &trained.model,
            &trained.tf,
            &task.people,
            task.space,
            &all.pairs,
            DEFAULT_THRESHOLD,
        );
        let extra = rounds
            .second_round
            .iter()
            .filter(|(a, b)| entity_of[*a as usize] == entity_of[*b as usize])
            .count();
        // Second-round pairs that blocking had found are counted once.
        let mut blocked = all.pairs.clone();
        blocked.sort_unstable();
        let again = rounds
            .second_round
            .iter()
            .filter(|p| entity_of[p.0 as usize] == entity_of[p.1 as usize])
            .filter(|p| blocked.binary_search(p).is_ok())
            .count();
        format!(
            ",\"second_round_pairs\":{},\"scorer_recall\":{:.5}",
            rounds.second_round.len(),
            (found + extra - again) as f64 / true_pairs.max(1) as f64
        )
    } else {
        String::new()
    };
    Ok(format!(
        "{{\"records\":{},\"candidate_pairs\":{},\"true_pairs\":{true_pairs},\"true_found\":{found},\"blocking_recall\":{:.5}{scorer_recall},\"rules\":[{}]}}",
        task.ids.len(),
        all.pairs.len(),
        found as f64 / true_pairs.max(1) as f64,
        per_rule.join(",")
    ))
}

fn count_true_pairs(entity_of: &[&str], space: lantern_linkage::block::PairSpace) -> u64 {
    use lantern_linkage::block::PairSpace;
    let mut left: HashMap<&str, u64> = HashMap::new();
    let mut right: HashMap<&str, u64> = HashMap::new();
    let split = match space {
        PairSpace::Dedupe { .. } => entity_of.len(),
        PairSpace::Link { left, .. } => left as usize,
    };
    for (i, e) in entity_of.iter().enumerate() {
        *(if i < split { &mut left } else { &mut right })
            .entry(e)
            .or_default() += 1;
    }
    match space {
        PairSpace::Dedupe { .. } => left.values().map(|c| c * (c - 1) / 2).sum(),
        PairSpace::Link { .. } => left
            .iter()
            .map(|(e, c)| c * right.get(e).copied().unwrap_or(0))
            .sum(),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
