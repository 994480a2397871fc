use std::time::Instant;

use anyhow::{bail, Result};
use clap::Args;
use lantern::config::{CommonArgs, Config};
use lantern_app::demo::DemoLoad;

#[derive(Args)]
pub struct DemoArgs {
    /// How many cases to generate.
    #[arg(long, default_value_t = 5_000)]
    cases: usize,
    /// Seed of the generator: the same seed gives the same data.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
}

pub async fn run(common: &CommonArgs, args: DemoArgs) -> Result<()> {
    if args.cases > 2_000_000 {
        bail!("--cases must be at most 2000000");
    }
    let config = Config::resolve(common, None)?;
    let storage = lantern::open_storage(&config).await?;
    if !storage.list_users().await?.is_empty() {
        bail!("the database already has users; demo data goes only into an empty database");
    }
    let app = lantern::build_app(&config, storage)?;
    let started = Instant::now();
    let load = app
        .load_demo(args.cases, args.seed)
        .await
        .map_err(|e| anyhow::anyhow!("loading demo data: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "Loaded {} cases, {} people and {} timeline entries in {seconds:.1} s ({:.0} cases/minute; \
         generating and sealing {:.1} s, writing {:.1} s).",
        load.counts.cases,
        load.counts.persons,
        load.counts.events,
        load.counts.cases as f64 / seconds.max(0.001) * 60.0,
        load.prepared_in.as_secs_f64(),
        load.written_in.as_secs_f64()
    );
    print_credentials(&load);
    Ok(())
}

pub fn print_credentials(load: &DemoLoad) {
    println!();
    println!("Demo accounts (all share one password, shown only now):");
    println!("  password: {}", load.password);
    println!("  users:    {}", load.usernames.join(", "));
    println!("Sign in as `admin` to see everything.");
    println!();
}
