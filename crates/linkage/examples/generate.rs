//! Writes a synthetic population and its linkage config:
//! `cargo run --release --example generate -- RECORDS SEED OUT.csv [CONFIG.toml]`

use std::path::PathBuf;
use std::process::ExitCode;

use lantern_linkage::generate::{generate, write_csv, GeneratorOptions, LINK_CONFIG};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(records), Some(seed), Some(out)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1).and_then(|a| a.parse::<u64>().ok()),
        args.get(2).map(PathBuf::from),
    ) else {
        eprintln!("usage: generate RECORDS SEED OUT.csv [CONFIG.toml]");
        return ExitCode::from(2);
    };
    let population = generate(&GeneratorOptions::new(records, seed));
    if let Err(e) = write_csv(&population, &out) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    if let Some(config) = args.get(3) {
        if let Err(e) = std::fs::write(config, LINK_CONFIG) {
            eprintln!("error: cannot write {config}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
