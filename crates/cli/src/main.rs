//! `lantern`: serve the web UI and API, and administer the installation.

mod commands;

use clap::{Parser, Subcommand};
use lantern::config::CommonArgs;

#[derive(Parser)]
#[command(
    name = "lantern",
    version,
    about = "Case management for organisations fighting sex trafficking",
    long_about = "Lantern keeps casework for rescue, prosecution and restoration of survivors.\n\
                  Without --database-url it keeps everything in an embedded SQLite database\n\
                  under the data directory (./lantern-data)."
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web UI and the JSON API.
    Serve(commands::serve::ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Fill an empty database with realistic synthetic data.
    Demo(commands::demo::DemoArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(commands::users::UserCommand),
    /// Manage offices.
    #[command(subcommand)]
    Office(commands::users::OfficeCommand),
    /// Write an encrypted backup (age, to public keys only).
    Backup(commands::backup::BackupArgs),
    /// Restore an encrypted backup into an empty data directory or database.
    Restore(commands::backup::RestoreArgs),
    /// Verify or export the tamper-evident audit log.
    #[command(subcommand)]
    Audit(commands::audit::AuditCommand),
    /// Find probable duplicate people across cases for the review queue.
    #[command(subcommand)]
    Duplicates(commands::duplicates::DuplicatesCommand),
    /// Find the same person across records in CSV files.
    Link(commands::link::LinkArgs),
    /// Manage the master keys that protect identifying data.
    #[command(subcommand)]
    Keys(commands::keys::KeysCommand),
    /// Show or apply the retention policy.
    #[command(subcommand)]
    Retention(commands::retention::RetentionCommand),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    commands::init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(args) => commands::serve::run(&cli.common, args).await,
            Command::Migrate => commands::migrate(&cli.common).await,
            Command::Demo(args) => commands::demo::run(&cli.common, args).await,
            Command::User(command) => commands::users::run_user(&cli.common, command).await,
            Command::Office(command) => commands::users::run_office(&cli.common, command).await,
            Command::Keys(command) => commands::keys::run(&cli.common, command).await,
            Command::Link(args) => commands::link::run(args),
            Command::Duplicates(command) => commands::duplicates::run(&cli.common, command).await,
            Command::Audit(command) => commands::audit::run(&cli.common, command).await,
            Command::Retention(command) => commands::retention::run(&cli.common, command).await,
            Command::Backup(args) => commands::backup::run_backup(&cli.common, args).await,
            Command::Restore(args) => commands::backup::run_restore(&cli.common, args).await,
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
