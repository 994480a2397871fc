use std::io::{BufRead, IsTerminal};

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use lantern::config::{CommonArgs, Config};
use lantern_app::App;
use lantern_domain::iso::CountryCode;
use lantern_domain::text::required_line;
use lantern_domain::user::{NewUser, Office};
use lantern_domain::vocab::Vocabulary;
use lantern_domain::OfficeId;
use lantern_storage::{ApiTokenId, TokenScope};

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input or
    /// asked for at the terminal, never taken from an argument.
    Add {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
        /// admin, case_worker, investigator, lawyer, me_analyst or partner_viewer.
        #[arg(long)]
        role: String,
        /// Office code, e.g. KOL.
        #[arg(long)]
        office: String,
        /// Interface language: en or es.
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// List accounts.
    List,
    /// Disable an account, ending its sessions and revoking its API tokens.
    Disable { username: String },
    /// Enable a disabled account.
    Enable { username: String },
    /// Issue an API token for an account; it is printed once.
    Token {
        username: String,
        /// What the token is for.
        #[arg(long)]
        name: String,
        /// `read` (the default) or `read_write`.
        #[arg(long, default_value = "read")]
        scope: String,
    },
    /// List an account's API tokens.
    Tokens { username: String },
    /// Revoke one API token of an account (its id from `user tokens`).
    RevokeToken { username: String, token_id: String },
    /// Set an account's password, read from standard input or asked for at
    /// the terminal. Every session of the account ends.
    Password { username: String },
    /// List an account's sessions; `--end-all` ends them.
    Sessions {
        username: String,
        #[arg(long)]
        end_all: bool,
    },
    /// Remove an account's second factor (a lost phone). Their sessions end
    /// and they set up a new one at their next sign-in.
    ResetSecondFactor { username: String },
}

#[derive(Subcommand)]
pub enum OfficeCommand {
    /// Add an office.
    Add {
        /// Short code used in case references, 2–8 capital letters.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// ISO 3166-1 alpha-2 country code.
        #[arg(long)]
        country: String,
        #[arg(long, default_value = "")]
        region: String,
    },
    /// List offices.
    List,
}

async fn open(common: &CommonArgs) -> Result<App> {
    let config = Config::resolve(common, None)?;
    let storage = lantern::open_storage(&config).await?;
    lantern::build_app(&config, storage)
}

fn app_error(e: lantern_app::AppError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

fn read_password() -> Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (12–128 characters): ")?;
        let second = rpassword::prompt_password("Repeat the password: ")?;
        if first != second {
            bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

async fn office_by_code(app: &App, code: &str) -> Result<Office> {
    let offices = app.list_offices().await.map_err(app_error)?;
    offices
        .into_iter()
        .find(|o| o.code.eq_ignore_ascii_case(code))
        .with_context(|| format!("no office has the code {code}; see `lantern office list`"))
}

pub async fn run_user(common: &CommonArgs, command: UserCommand) -> Result<()> {
    let app = open(common).await?;
    let root = app.console_actor(OfficeId::from_uuid(Default::default()));
    match command {
        UserCommand::Add {
            username,
            display_name,
            role,
            office,
            language,
        } => {
            let office = office_by_code(&app, &office).await?;
            let new_user = NewUser::validate(&username, &display_name, &role, office.id, &language)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let password = read_password()?;
            let user = app
                .create_user(&root, new_user, password)
                .await
                .map_err(app_error)?;
            println!(
                "Created {} ({}) in {}.",
                user.username,
                user.role.code(),
                office.name
            );
        }
        UserCommand::List => {
            let offices = app.list_offices().await.map_err(app_error)?;
            for user in app.list_users(&root).await.map_err(app_error)? {
                let office = offices
                    .iter()
                    .find(|o| o.id == user.office_id)
                    .map(|o| o.code.as_str())
                    .unwrap_or("?");
                let state = if user.disabled { "disabled" } else { "active" };
                println!(
                    "{:<24} {:<15} {:<6} {:<3} {state}",
                    user.username,
                    user.role.code(),
                    office,
                    user.language
                );
            }
        }
        UserCommand::Disable { username } => {
            let user = app.find_user(&root, &username).await.map_err(app_error)?;
            app.set_user_disabled(&root, user.id, true)
                .await
                .map_err(app_error)?;
            println!(
                "Disabled {}; their sessions and API tokens have ended.",
                user.username
            );
        }
        UserCommand::Enable { username } => {
            let user = app.find_user(&root, &username).await.map_err(app_error)?;
            app.set_user_disabled(&root, user.id, false)
                .await
                .map_err(app_error)?;
            println!("Enabled {}.", user.username);
        }
        UserCommand::Token {
            username,
            name,
            scope,
        } => {
            let scope = TokenScope::from_code(&scope)
                .with_context(|| "--scope must be read or read_write".to_owned())?;
            let user = app.find_user(&root, &username).await.map_err(app_error)?;
            let token = app
                .create_api_token(&root, user.id, &name, scope)
                .await
                .map_err(app_error)?;
            println!("{token}");
            eprintln!("This token is shown once. Send it as `Authorization: Bearer <token>`.");
        }
        UserCommand::Tokens { username } => {
            let user = app.find_user(&root, &username).await.map_err(app_error)?;
            for token in app
                .list_api_tokens(&root, user.id)
                .await
                .map_err(app_error)?
            {
                let state = match token.revoked_at {
                    Some(at) => format!("revoked {}", at.format("%Y-%m-%d %H:%M")),
                    None => "active".to_owned(),
                };
                println!(
                    "{}  {:<10} {}  {:<24} {state}",
                    token.id,
                    token.scope.code(),
                    token.created_at.format("%Y-%m-%d %H:%M"),
                    token.name,
                );
            }
        }
        UserCommand::RevokeToken { username, token_id } => {
            let user = app.find_user(&root, &username).await.map_err(app_error)?;
            let id: ApiTokenId = token_id
                .parse()
                .map_err(|_| anyhow::anyhow!("not a token id; see `lantern user tokens`"))?;
            app.revoke_api_token(&root, user.id, id)
                .await
                .map_err(app_error)?;
            println!("Revoked the token.");
        }
        UserCommand::Password { username } => {
            let user = app.find_user(&root, &username).await.map_err(app_error)?;
            let password = read_password()?;
            app.set_user_password(&root, user.id, password)
                .await
                .map_err(app_error)?;
            println!(
                "Set the password of {}; their sessions have ended.",
                user.username
            );
        }
        UserCommand::Sessions { username, end_all } => {
            let user = app.find_user(&root, &username).await.map_err(app_error)?;
            if end_all {
                let ended = app
                    .end_all_sessions(&root, user.id)
                    .await
                    .map_err(app_error)?;
                println!("Ended {ended} session(s) of {}.", user.username);
            } else {
                for session in app.list_sessions(&root, user.id).await.map_err(app_error)? {
                    println!(
                        "{}  signed in {}  last seen {}  {}",
                        session.id,
                        session.created_at.format("%Y-%m-%d %H:%M"),
                        session.last_seen_at.format("%Y-%m-%d %H:%M"),
                        session.stage.code()
                    );
                }
            }
        }
        UserCommand::ResetSecondFactor { username } => {
            let user = app.find_user(&root, &username).await.map_err(app_error)?;
            app.reset_second_factor(&root, user.id)
                .await
                .map_err(app_error)?;
            println!(
                "Removed the second factor of {}; they set up a new one at their next sign-in.",
                user.username
            );
        }
    }
    Ok(())
}

pub async fn run_office(common: &CommonArgs, command: OfficeCommand) -> Result<()> {
    let app = open(common).await?;
    let root = app.console_actor(OfficeId::from_uuid(Default::default()));
    match command {
        OfficeCommand::Add {
            code,
            name,
            country,
            region,
        } => {
            let code = code.trim().to_ascii_uppercase();
            if !(2..=8).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_uppercase()) {
                bail!("--code must be 2 to 8 letters A–Z");
            }
            let office = Office {
                id: OfficeId::random(),
                code,
                name: required_line("name", &name, 100).map_err(|e| anyhow::anyhow!("{e}"))?,
                country: CountryCode::parse_field("country", &country)
                    .map_err(|e| anyhow::anyhow!("{e}"))?,
                region: required_line("region", &region, 100).unwrap_or_default(),
            };
            app.create_office(&root, &office).await.map_err(app_error)?;
            println!("Added office {} ({}).", office.name, office.code);
        }
        OfficeCommand::List => {
            for office in app.list_offices().await.map_err(app_error)? {
                println!(
                    "{:<6} {:<3} {} — {}",
                    office.code, office.country, office.name, office.region
                );
            }
        }
    }
    Ok(())
}
