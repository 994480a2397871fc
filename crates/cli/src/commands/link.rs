use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;
use lantern_linkage::{run_link, LinkOptions};

/// Finds the same person across records in CSV files: deduplicates one
/// file, or links it against another.
#[derive(Args)]
pub struct LinkArgs {
    /// The records (CSV with a header row).
    #[arg(long)]
    input: PathBuf,
    /// A second file to link against; without it, the input is deduplicated.
    #[arg(long)]
    against: Option<PathBuf>,
    /// TOML naming each column's kind (given_name, family_name,
    /// date_of_birth, phone, address, id…).
    #[arg(long)]
    config: PathBuf,
    /// Where to write the pairs: ids, match probability, weight per field,
    /// and the record a pair was linked through (`via_id`, often empty).
    #[arg(long)]
    output: PathBuf,
    /// Where to write clusters (record id, cluster id).
    #[arg(long)]
    clusters: Option<PathBuf>,
    /// Lowest match probability written.
    #[arg(long, default_value_t = 0.9)]
    threshold: f64,
}

pub fn run(args: LinkArgs) -> Result<()> {
    if !(0.0..=1.0).contains(&args.threshold) {
        bail!("--threshold must be between 0 and 1");
    }
    let mut options = LinkOptions::new(args.input, args.config, args.output);
    options.against = args.against;
    options.clusters = args.clusters;
    options.threshold = args.threshold;
    let summary = run_link(&options)?;
    println!(
        "{} candidate pairs scored, {} pairs at or above {}{}",
        summary.candidate_pairs,
        summary.pairs_written,
        args.threshold,
        summary
            .clusters
            .map(|c| format!(", {c} clusters"))
            .unwrap_or_default()
    );
    Ok(())
}
