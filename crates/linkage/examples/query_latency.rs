//! Latency of the incremental query: index N synthetic records (trained once),
//! then score new registrations of indexed people, one at a time.
//! `query_latency RECORDS QUERIES [SEED]` prints JSON with p50/p95/p99 in ms.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use lantern_linkage::generate::{generate, write_csv, GeneratorOptions, LINK_CONFIG};
use lantern_linkage::LinkIndex;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let records: usize = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let queries: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(7);
    let dir = std::env::temp_dir().join(format!("lantern-query-latency-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    // The held-out records are the last `queries` rows: registrations the
    // index has not seen, many of them new registrations of indexed people.
    let population = generate(&GeneratorOptions::new(records + queries, seed));
    let (indexed, held_out) = population.split_at(records);
    let csv = dir.join("indexed.csv");
    let config: PathBuf = dir.join("fields.toml");
    if let Err(e) = write_csv(indexed, &csv).and_then(|()| {
        std::fs::write(&config, LINK_CONFIG).map_err(|e| lantern_linkage::LinkError::Io {
            path: config.clone(),
            source: e,
        })
    }) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let index = match LinkIndex::from_csv(&config, &csv) {
        Ok(index) => index,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let build_s = started.elapsed().as_secs_f64();
    let entity_of: std::collections::HashMap<&str, &str> = indexed
        .iter()
        .map(|r| (r.record_id.as_str(), r.entity_id.as_str()))
        .collect();
    let mut latencies = Vec::with_capacity(held_out.len());
    let mut with_match = 0usize;
    let mut correct = 0usize;
    for record in held_out {
        let fields = [
            ("given_name", record.given_name.as_str()),
            ("family_name", record.family_name.as_str()),
            ("alias", record.alias.as_str()),
            ("date_of_birth", record.date_of_birth.as_str()),
            ("age", record.age.as_str()),
            ("phone", record.phone.as_str()),
            ("address", record.address.as_str()),
            ("place", record.place.as_str()),
        ];
        let started = Instant::now();
        let matches = index.query(&fields, 0.9);
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        if let Some(best) = matches.first() {
            with_match += 1;
            let id = index.id(best.record).unwrap_or_default();
            if entity_of.get(id) == Some(&record.entity_id.as_str()) {
                correct += 1;
            }
        }
    }
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "{{\"indexed\":{records},\"queries\":{},\"build_s\":{build_s:.1},\"p50_ms\":{:.3},\"p95_ms\":{:.3},\"p99_ms\":{:.3},\"max_ms\":{:.3},\"queries_with_match\":{with_match},\"best_match_same_person\":{correct}}}",
        latencies.len(),
        at(0.50),
        at(0.95),
        at(0.99),
        latencies.last().copied().unwrap_or(0.0)
    );
    let _ = std::fs::remove_dir_all(&dir);
    ExitCode::SUCCESS
}
