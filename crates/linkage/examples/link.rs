//! Development stand-in for `lantern link`:
//! `cargo run --release --example link -- --input A.csv [--against B.csv]
//!  --config fields.toml --output pairs.csv [--clusters clusters.csv] [--threshold 0.9]`
//! Prints the summary as JSON on stderr.

use std::path::PathBuf;
use std::process::ExitCode;

use lantern_linkage::{run_link, LinkOptions, DEFAULT_THRESHOLD};

fn parse(args: &[String]) -> Result<LinkOptions, String> {
    let mut input = None;
    let mut against = None;
    let mut config = None;
    let mut output = None;
    let mut clusters = None;
    let mut threshold = DEFAULT_THRESHOLD;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--input" => input = Some(PathBuf::from(value)),
            "--against" => against = Some(PathBuf::from(value)),
            "--config" => config = Some(PathBuf::from(value)),
            "--output" => output = Some(PathBuf::from(value)),
            "--clusters" => clusters = Some(PathBuf::from(value)),
            "--threshold" => threshold = value.parse().map_err(|_| "bad --threshold")?,
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(LinkOptions {
        input: input.ok_or("--input is required")?,
        against,
        config: config.ok_or("--config is required")?,
        output: output.ok_or("--output is required")?,
        clusters,
        threshold,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Accept `link --input ...` as the CLI will be called.
    let args = if args.first().map(String::as_str) == Some("link") {
        &args[1..]
    } else {
        &args[..]
    };
    let options = match parse(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    match run_link(&options) {
        Ok(summary) => {
            match serde_json::to_string_pretty(&summary) {
                Ok(json) => eprintln!("{json}"),
                Err(e) => eprintln!("summary not printable: {e}"),
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
