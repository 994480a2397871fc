//! Where the true pairs of a synthetic set are lost, by category:
//! `analyse --config C --input people.csv [--truth entity_id] [--top 25]`
//!
//! Trains as `lantern link` does, then for every true pair (and every false
//! pair above the threshold) records the agreement level of each field.
//! Prints, for true pairs blocking missed, true pairs scored below the
//! threshold, and false pairs above it, the most common agreement patterns
//! (levels in field order; `-` is missing), split by locale. Development
//! tool: it prints no names, only levels and counts.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use lantern_linkage::compare::{Outcome, NULL_LEVEL};
use lantern_linkage::link::{score_pairs, Task, DEFAULT_THRESHOLD};
use lantern_linkage::second_round::score_in_two_rounds;

mod support;

fn column(path: &PathBuf, id: &str, wanted: &str) -> Result<HashMap<String, String>, String> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| e.to_string())?;
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let at = |name: &str| headers.iter().position(|h| h == name);
    let (id_at, wanted_at) = (
        at(id).ok_or("no id column")?,
        at(wanted).ok_or(wanted.to_string())?,
    );
    let mut out = HashMap::new();
    for row in reader.records() {
        let row = row.map_err(|e| e.to_string())?;
        out.insert(
            row.get(id_at).unwrap_or_default().to_string(),
            row.get(wanted_at).unwrap_or_default().to_string(),
        );
    }
    Ok(out)
}

fn pattern(outcomes: &[Outcome]) -> String {
    outcomes
        .iter()
        .map(|o| {
            if o.level == NULL_LEVEL {
                "-".to_string()
            } else {
                o.level.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("")
}

fn report(title: &str, counts: &HashMap<String, u64>, top: usize) -> String {
    let total: u64 = counts.values().sum();
    // Per field, how often each level occurs (last column: missing).
    let width = counts
        .keys()
        .next()
        .map_or(0, |k| k.split(' ').nth(1).unwrap_or("").len());
    let mut marginals = vec![[0u64; 6]; width];
    let mut by_locale: HashMap<&str, u64> = HashMap::new();
    for (key, count) in counts {
        let (locale, levels) = key.split_once(' ').unwrap_or(("?", ""));
        *by_locale.entry(locale).or_insert(0) += count;
        for (field, level) in levels.chars().enumerate().take(width) {
            let slot = level.to_digit(10).map_or(5, |d| d.min(4) as usize);
            marginals[field][slot] += count;
        }
    }
    let mut locales: Vec<_> = by_locale.into_iter().collect();
    locales.sort();
    let mut rows: Vec<(&String, &u64)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut out = format!("## {title}: {total}\nby locale {locales:?}\nlevels 0..4,missing per field: {marginals:?}\n");
    for (key, count) in rows.into_iter().take(top) {
        out.push_str(&format!("{count:>8}  {key}\n"));
    }
    out
}

fn run(args: &[String]) -> Result<String, String> {
    let flag = |name: &str| support::flag(args, name);
    let (engine, config, input) = support::engine_and_input(args)?;
    let truth = flag("--truth").unwrap_or_else(|| "entity_id".into());
    let top: usize = flag("--top").and_then(|t| t.parse().ok()).unwrap_or(25);
    let id_column = engine.config.id_column.clone();
    let dataset = engine
        .loader(&config)
        .load(&input)
        .map_err(|e| e.to_string())?;
    let entities = column(&input, &id_column, &truth)?;
    let locales = column(&input, &id_column, "locale").unwrap_or_default();
    let task = Task::new(dataset, None).map_err(|e| e.to_string())?;
    let entity_of: Vec<&str> = task
        .ids
        .iter()
        .map(|id| entities.get(id).map_or("", String::as_str))
        .collect();
    let locale_of = |i: u32| {
        locales
            .get(&task.ids[i as usize])
            .map_or("?", String::as_str)
    };
    let trained = engine.train(&task);
    let model = &trained.model;
    let scored = score_in_two_rounds(
        model,
        &trained.tf,
        &task.people,
        task.space,
        &trained.candidates.pairs,
        DEFAULT_THRESHOLD,
    );
    // Pairs that reached the scorer: blocking's and the second round's.
    let mut candidates = trained.candidates.pairs.clone();
    candidates.extend(&scored.second_round);
    candidates.sort_unstable();
    candidates.dedup();
    let second_round_true = scored
        .second_round
        .iter()
        .filter(|(a, b)| entity_of[*a as usize] == entity_of[*b as usize])
        .count();
    let fields: Vec<String> = model
        .comparer
        .fields
        .iter()
        .map(|f| f.name.clone())
        .collect();
    let mut by_entity: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, e) in entity_of.iter().enumerate() {
        by_entity.entry(e).or_default().push(i as u32);
    }
    let mut outcomes = vec![Outcome::NULL; fields.len()];
    let (mut missed, mut low, mut false_high) = (HashMap::new(), HashMap::new(), HashMap::new());
    let (mut true_pairs, mut blocked, mut found) = (0u64, 0u64, 0u64);
    let mut low_probabilities = [0u64; 10];
    // Level counts among true pairs: what EM's m should come out near.
    let mut true_levels: Vec<Vec<f64>> = model
        .comparer
        .fields
        .iter()
        .map(|f| vec![0.0; usize::from(f.levels)])
        .collect();
    // Optional: every lost or false pair as `group,locale pattern,id,id,probability`.
    let mut dump = String::new();
    let mut note = |group: &str, key: &str, a: u32, b: u32, p: f64| {
        if flag("--dump").is_some() {
            dump.push_str(&format!(
                "{group},{key},{},{},{p:.3}\n",
                task.ids[a as usize], task.ids[b as usize]
            ));
        }
    };
    for members in by_entity.values() {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                let (a, b) = (a.min(b), a.max(b));
                true_pairs += 1;
                let (x, y) = (&task.people[a as usize], &task.people[b as usize]);
                model.comparer.compare(x, y, &mut outcomes);
                let key = format!("{} {}", locale_of(a), pattern(&outcomes));
                for (field, o) in outcomes.iter().enumerate() {
                    if let Some(slot) = true_levels[field].get_mut(usize::from(o.level)) {
                        *slot += 1.0;
                    }
                }
                if candidates.binary_search(&(a, b)).is_err() {
                    note("missed", &key, a, b, 0.0);
                    *missed.entry(key).or_insert(0) += 1;
                    continue;
                }
                blocked += 1;
                let p = model.score(&outcomes, &trained.tf).probability();
                if scored
                    .matches
                    .binary_search_by_key(&(a, b), |m| (m.a, m.b))
                    .is_ok()
                {
                    found += 1;
                } else {
                    low_probabilities[((p * 10.0) as usize).min(9)] += 1;
                    note("low", &key, a, b, p);
                    *low.entry(key).or_insert(0) += 1;
                }
            }
        }
    }
    let mut false_count = 0u64;
    for pair in &scored.matches {
        if entity_of[pair.a as usize] != entity_of[pair.b as usize] {
            false_count += 1;
            model.comparer.compare(
                &task.people[pair.a as usize],
                &task.people[pair.b as usize],
                &mut outcomes,
            );
            let key = format!("{} {}", locale_of(pair.a), pattern(&outcomes));
            note("false", &key, pair.a, pair.b, pair.probability);
            *false_high.entry(key).or_insert(0) += 1;
        }
    }
    if let Some(path) = flag("--dump") {
        std::fs::write(path, dump).map_err(|e| e.to_string())?;
    }
    let precision = found as f64 / (found + false_count).max(1) as f64;
    let recall = found as f64 / true_pairs.max(1) as f64;
    let mut out = format!(
        "fields: {}\ncandidates {} (second round {}, true {second_round_true}) true {true_pairs} reached {blocked} ({:.4}) found {found} false {false_count}\nprecision {precision:.4} recall {recall:.4} F1 {:.4}\nbelow-threshold probabilities by tenth: {low_probabilities:?}\nm/u per field:\n",
        fields.join(","),
        candidates.len(),
        scored.second_round.len(),
        blocked as f64 / true_pairs.max(1) as f64,
        2.0 * precision * recall / (precision + recall).max(1e-12),
    );
    for (params, counts) in model.fields.iter().zip(&true_levels) {
        let total: f64 = counts.iter().sum::<f64>().max(1.0);
        let oracle: Vec<String> = counts
            .iter()
            .zip(&params.u)
            .map(|(c, u)| format!("{:+.1}", (c / total / u).log2()))
            .collect();
        let m: Vec<String> = params.m.iter().map(|m| format!("{m:.3}")).collect();
        let m_true: Vec<String> = counts.iter().map(|c| format!("{:.3}", c / total)).collect();
        out.push_str(&format!(
            "  {:<14} oracle {}   m {}  m_true {}\n",
            params.name,
            oracle.join(" "),
            m.join(" "),
            m_true.join(" ")
        ));
        let weights: Vec<String> = params
            .m
            .iter()
            .zip(&params.u)
            .map(|(m, u)| format!("{:+.1}", (m / u).log2()))
            .collect();
        out.push_str(&format!("  {:<14} {}\n", params.name, weights.join(" ")));
    }
    // Calibration: the share of true pairs among candidates by probability.
    let mut bins = [(0u64, 0u64); 10];
    for pair in score_pairs(
        model,
        &trained.tf,
        &task.people,
        &trained.candidates.pairs,
        0.05,
    ) {
        let bin = ((pair.probability * 10.0) as usize).min(9);
        bins[bin].0 += 1;
        if entity_of[pair.a as usize] == entity_of[pair.b as usize] {
            bins[bin].1 += 1;
        }
    }
    out.push_str("calibration (pairs, true share) by tenth of probability:\n");
    for (i, (n, t)) in bins.iter().enumerate() {
        out.push_str(&format!(
            "  {:.1}-{:.1}: {n:>9} {:.3}\n",
            i as f64 / 10.0,
            (i + 1) as f64 / 10.0,
            *t as f64 / (*n).max(1) as f64
        ));
    }
    // u among namesakes: the model's estimate against the truth's.
    let namesakes =
        lantern_linkage::namesakes::same_given_pairs(&task.people, task.space, 300_000, 7);
    let mut oracle_same: Vec<Vec<f64>> =
        model.fields.iter().map(|f| vec![0.0; f.m.len()]).collect();
    let mut namesake_matches = 0u64;
    for &(a, b) in &namesakes {
        if entity_of[a as usize] == entity_of[b as usize] {
            namesake_matches += 1;
            continue;
        }
        model.comparer.compare(
            &task.people[a as usize],
            &task.people[b as usize],
            &mut outcomes,
        );
        for (field, o) in outcomes.iter().enumerate() {
            if let Some(slot) = oracle_same[field].get_mut(usize::from(o.level)) {
                *slot += 1.0;
            }
        }
    }
    out.push_str(&format!("namesake pairs {} of which matches {namesake_matches}\nweights among namesakes (model | oracle u):\n", namesakes.len()));
    for (params, counts) in model.fields.iter().zip(&oracle_same) {
        let total: f64 = counts.iter().sum::<f64>().max(1.0);
        let fmt = |us: Vec<f64>| {
            us.iter()
                .zip(&params.m)
                .map(|(u, m)| format!("{:+.1}", (m / u).log2()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let model_u: Vec<f64> = (0..params.m.len())
            .map(|l| params.u_at(l, true).unwrap_or(1.0))
            .collect();
        let oracle_u: Vec<f64> = counts.iter().map(|c| (c + 0.5) / total).collect();
        out.push_str(&format!(
            "  {:<14} {}  |  {}\n",
            params.name,
            fmt(model_u),
            fmt(oracle_u)
        ));
    }
    out.push_str(&format!("log2 prior {:.2}\n", model.log2_prior_odds));
    out.push_str(&report("missed by blocking", &missed, top));
    out.push_str(&report("blocked, below threshold", &low, top));
    out.push_str(&report("false pairs above threshold", &false_high, top));
    Ok(out)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
