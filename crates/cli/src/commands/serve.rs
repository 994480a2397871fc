use anyhow::Result;
use clap::Args;
use lantern::config::{CommonArgs, Config, ServeOverrides};

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free port).
    #[arg(long, env = "LANTERN_BIND")]
    bind: Option<String>,
    /// PEM certificate chain (leaf first) to serve HTTPS with; needs
    /// --tls-key too.
    #[arg(long, env = "LANTERN_TLS_CERT")]
    tls_cert: Option<std::path::PathBuf>,
    /// PEM private key of the certificate; needs --tls-cert too.
    #[arg(long, env = "LANTERN_TLS_KEY")]
    tls_key: Option<std::path::PathBuf>,
    /// Load synthetic demo data first if the database is empty, and print
    /// how to sign in.
    #[arg(long)]
    demo: bool,
    /// Number of demo cases to generate with --demo.
    #[arg(long, default_value_t = 5_000)]
    demo_cases: usize,
    /// Minutes between background scans for probable duplicate people
    /// (0: never; `lantern duplicates scan` runs one by hand).
    #[arg(long, env = "LANTERN_DUPLICATE_SCAN_MINUTES", default_value_t = 60)]
    duplicate_scan_minutes: u64,
}

pub async fn run(common: &CommonArgs, args: ServeArgs) -> Result<()> {
    let config = Config::resolve_for_serve(
        common,
        &ServeOverrides {
            bind: args.bind.clone(),
            tls_cert: args.tls_cert.clone(),
            tls_key: args.tls_key.clone(),
        },
    )?;
    // A bad certificate or key stops the server before anything else.
    let tls = lantern::load_tls(&config)?;
    let storage = lantern::open_storage(&config).await?;
    let app = lantern::build_app(&config, storage.clone())?;
    lantern::seal_clear_text(&app).await?;
    if args.demo {
        let empty = storage.list_users().await?.is_empty();
        if empty {
            println!("Generating {} demo cases…", args.demo_cases);
            let load = app
                .load_demo(args.demo_cases, 2026)
                .await
                .map_err(|e| anyhow::anyhow!("loading demo data: {e}"))?;
            super::demo::print_credentials(&load);
        } else {
            println!("Demo data is already loaded; sign in with the password printed when it was created.");
        }
    }
    let scanner = lantern::spawn_duplicate_scans(app.clone(), args.duplicate_scan_minutes);
    let listener = lantern::bind(&config).await?;
    let address = listener.local_addr()?;
    lantern::spawn_retention_job(app.clone());
    let state = lantern::web_state(&config, app)?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    println!(
        "Lantern is listening on {scheme}://{address}/ ({} database)",
        config.backend_label()
    );
    tracing::info!(%address, scheme, backend = config.backend_label(), "serving");
    let served = lantern::serve_with(listener, tls, state, shutdown_signal()).await;
    if let Some(scanner) = scanner {
        scanner.abort();
    }
    served
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
    tracing::info!("shutting down");
}
