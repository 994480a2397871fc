//! Times `generate` for a number of cases (default 100 000):
//! `cargo run --release -p lantern-demo --example timing -- 100000`

use std::time::Instant;

use chrono::NaiveDate;
use lantern_demo::{generate, DemoConfig};

fn main() {
    let cases = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(100_000);
    let Some(today) = NaiveDate::from_ymd_opt(2026, 5, 1) else {
        return;
    };
    let started = Instant::now();
    let data = generate(&DemoConfig {
        cases,
        seed: 42,
        today,
    });
    let elapsed = started.elapsed();
    println!(
        "{} cases, {} persons, {} participants, {} events in {:.3} s",
        data.cases.len(),
        data.persons.len(),
        data.participants.len(),
        data.events.len(),
        elapsed.as_secs_f64()
    );
}
