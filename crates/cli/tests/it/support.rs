//! Starting a real Lantern server for a test and talking to it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use lantern::config::{Config, TlsFiles};
use lantern_app::App;
use lantern_domain::iso::CountryCode;
use lantern_domain::user::{NewUser, Office, User};
use lantern_domain::OfficeId;
use lantern_storage::{Storage, TokenScope};
use lantern_store_postgres::PgStorage;
use lantern_store_sqlite::SqliteStorage;
use regex::Regex;
use reqwest::redirect::Policy;
use tokio::sync::oneshot;

pub const PASSWORD: &str = "a long test password 1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn postgres_admin_url() -> String {
    std::env::var("LANTERN_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Runs one test body against each backend with a fresh server.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, $body:path) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let server =
                    $crate::support::TestServer::start($crate::support::Backend::Sqlite).await;
                $body(&server).await;
                server.stop().await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let server =
                    $crate::support::TestServer::start($crate::support::Backend::Postgres).await;
                $body(&server).await;
                server.stop().await;
            }
        }
    };
}

/// What a test browser learned when it set up a user's second factor.
#[derive(Clone, Default)]
pub struct SecondFactor {
    pub secret: Vec<u8>,
    pub recovery_codes: Vec<String>,
    /// The last TOTP step this test used, so no code is sent twice.
    pub last_step: i64,
}

/// Second factors by username, shared by every browser of one server.
pub type SecondFactors = Arc<Mutex<HashMap<String, SecondFactor>>>;

/// Direct access to the test database, for tests that tamper with it.
pub enum RawDb {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl RawDb {
    pub async fn exec(&self, sql: &str) {
        match self {
            RawDb::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()).unwrap(),
            RawDb::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()).unwrap(),
        }
    }

    /// The one number a query such as `SELECT COUNT(*) …` answers.
    pub async fn count(&self, sql: &str) -> i64 {
        match self {
            RawDb::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
            RawDb::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        }
    }

    /// The first column of every row, a BLOB or BYTEA column (NULL as none).
    pub async fn bytes(&self, sql: &str) -> Vec<Option<Vec<u8>>> {
        match self {
            RawDb::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
            RawDb::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
        }
    }

    /// An id as a literal of the backend's uuid column.
    pub fn uuid_literal(&self, id: &str) -> String {
        match self {
            RawDb::Sqlite(_) => format!("x'{}'", id.replace('-', "")),
            RawDb::Postgres(_) => format!("'{id}'"),
        }
    }
}

/// A certificate and key (PEM) for a test server that speaks HTTPS.
pub struct TestTls {
    pub cert_pem: String,
    pub key_pem: String,
}

impl TestTls {
    /// A fresh self-signed certificate for 127.0.0.1 and localhost.
    pub fn self_signed() -> Self {
        let certified =
            rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
                .unwrap();
        Self {
            cert_pem: certified.cert.pem(),
            key_pem: certified.key_pair.serialize_pem(),
        }
    }
}

pub struct TestServer {
    pub raw: RawDb,
    /// The certificate clients must trust when the server speaks HTTPS.
    pub tls_cert_pem: Option<String>,
    pub base: String,
    pub second_factors: SecondFactors,
    pub app: App,
    pub storage: Arc<dyn Storage>,
    pub office: Office,
    shutdown: Option<oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<()>>,
    postgres_db: Option<String>,
    _dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, None).await
    }

    /// A server that speaks HTTPS only when `tls` is given, with the same
    /// configuration path as `lantern serve --tls-cert/--tls-key`.
    pub async fn start_with(backend: Backend, tls: Option<TestTls>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (storage, postgres_db, raw): (Arc<dyn Storage>, Option<String>, RawDb) = match backend {
            Backend::Sqlite => {
                let store = SqliteStorage::open(&dir.path().join("lantern.db"))
                    .await
                    .unwrap();
                store.migrate().await.unwrap();
                let raw = RawDb::Sqlite(store.pool().clone());
                (Arc::new(store), None, raw)
            }
            Backend::Postgres => {
                let (store, name) = PgStorage::create_database_for_tests(&postgres_admin_url())
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL is required for these tests: {e}"));
                store.migrate().await.unwrap();
                let raw = RawDb::Postgres(store.pool().clone());
                (Arc::new(store), Some(name), raw)
            }
        };
        let tls_files = tls.as_ref().map(|tls| {
            let files = TlsFiles {
                cert: dir.path().join("cert.pem"),
                key: dir.path().join("key.pem"),
            };
            std::fs::write(&files.cert, &tls.cert_pem).unwrap();
            std::fs::write(&files.key, &tls.key_pem).unwrap();
            files
        });
        let config = Config {
            data_dir: dir.path().to_path_buf(),
            database_url: None,
            key_file: None,
            bind: "127.0.0.1:0".parse().unwrap(),
            secure_cookies: false,
            tls: tls_files,
        };
        let served_tls = lantern::load_tls(&config).unwrap();
        let app = lantern::build_app(&config, storage.clone()).unwrap();
        let office = Office {
            id: OfficeId::random(),
            code: "KOL".into(),
            name: "Kolkata".into(),
            country: CountryCode::parse("IN").unwrap(),
            region: "West Bengal".into(),
        };
        storage.insert_office(&office).await.unwrap();
        let listener = lantern::bind(&config).await.unwrap();
        let scheme = if served_tls.is_some() {
            "https"
        } else {
            "http"
        };
        let base = format!("{scheme}://{}", listener.local_addr().unwrap());
        let state = lantern::web_state(&config, app.clone()).unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(async move {
            lantern::serve_with(listener, served_tls, state, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        Self {
            raw,
            tls_cert_pem: tls.map(|tls| tls.cert_pem),
            base,
            second_factors: SecondFactors::default(),
            app,
            storage,
            office,
            shutdown: Some(tx),
            handle: Some(handle),
            postgres_db,
            _dir: dir,
        }
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(handle) = self.handle.take() {
            let _ = handle.await;
        }
        if let Some(name) = self.postgres_db.take() {
            PgStorage::drop_database(&postgres_admin_url(), &name)
                .await
                .unwrap();
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// The PostgreSQL URL of this server's database, if it uses one.
    pub fn database_url(&self) -> Option<String> {
        self.postgres_db.as_ref().map(|name| {
            format!(
                "{}/{name}",
                postgres_admin_url()
                    .rsplit_once('/')
                    .map(|(base, _)| base)
                    .unwrap_or("")
            )
        })
    }

    pub async fn user(&self, username: &str, role: &str) -> User {
        self.user_in(username, role, self.office.id).await
    }

    pub async fn user_in(&self, username: &str, role: &str, office: OfficeId) -> User {
        let root = self.app.console_actor(self.office.id);
        let new_user =
            NewUser::validate(username, &format!("{username} name"), role, office, "en").unwrap();
        self.app
            .create_user(&root, new_user, PASSWORD.into())
            .await
            .unwrap()
    }

    /// Signs in an existing user.
    pub async fn sign_in(&self, username: &str) -> Browser {
        self.sign_in_from(username, std::net::Ipv4Addr::LOCALHOST)
            .await
    }

    pub async fn sign_in_from(&self, username: &str, address: std::net::Ipv4Addr) -> Browser {
        let browser = Browser::from_address(self, address);
        let response = browser.login(username, PASSWORD).await;
        assert_eq!(response.status(), 303, "{username} signs in");
        browser
    }

    /// A browser-like client signed in as a new user of the given role.
    pub async fn signed_in(&self, username: &str, role: &str) -> Browser {
        self.user(username, role).await;
        self.sign_in(username).await
    }

    pub async fn token_for(&self, user: &User) -> String {
        let root = self.app.console_actor(self.office.id);
        self.app
            .create_api_token(&root, user.id, "tests", TokenScope::ReadWrite)
            .await
            .unwrap()
    }

    pub async fn api_token(&self, username: &str, role: &str) -> String {
        let user = self.user(username, role).await;
        self.token_for(&user).await
    }

    pub async fn case_count(&self) -> u64 {
        self.storage
            .list_cases(
                &lantern_storage::CaseQuery::everything(),
                Default::default(),
            )
            .await
            .unwrap()
            .total
    }
}

/// A cookie-keeping client that does not follow redirects, so tests see
/// exactly what the server answered.
pub struct Browser {
    pub client: reqwest::Client,
    base: String,
    second_factors: SecondFactors,
}

/// RFC 4648 base32 (no padding), as the enrolment page shows the secret.
pub fn base32_decode(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for c in text.chars() {
        let value = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            '2'..='7' => c as u32 - '2' as u32 + 26,
            _ => panic!("not base32"),
        };
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

pub fn now_step() -> i64 {
    lantern_app::totp::step_at(chrono::Utc::now().timestamp())
}

fn capture_all(html: &str, pattern: &str) -> Vec<String> {
    Regex::new(pattern)
        .unwrap()
        .captures_iter(html)
        .map(|c| c[1].to_owned())
        .collect()
}

pub fn hidden_csrf(html: &str) -> String {
    let re = Regex::new(r#"name="csrf" value="([^"]+)""#).unwrap();
    re.captures(html)
        .map(|c| c[1].to_owned())
        .unwrap_or_else(|| panic!("no CSRF field in page"))
}

impl Browser {
    pub fn new(server: &TestServer) -> Self {
        Self::from_address(server, std::net::Ipv4Addr::LOCALHOST)
    }

    /// A client connecting from another loopback address: a different
    /// "computer" as far as per-address rate limits are concerned.
    pub fn from_address(server: &TestServer, address: std::net::Ipv4Addr) -> Self {
        let mut builder = reqwest::Client::builder();
        if let Some(pem) = &server.tls_cert_pem {
            builder = builder
                .add_root_certificate(reqwest::Certificate::from_pem(pem.as_bytes()).unwrap())
                .https_only(true);
        }
        Self {
            client: builder
                .local_address(std::net::IpAddr::V4(address))
                .cookie_store(true)
                // The server closes a connection whose body it refused unread;
                // a fresh connection per request keeps that from leaking into
                // the next request.
                .pool_max_idle_per_host(0)
                .redirect(Policy::none())
                .build()
                .unwrap(),
            base: server.base.clone(),
            second_factors: server.second_factors.clone(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// Signs in all the way, as a person would: the password, then either
    /// setting up the second factor (remembering its secret and recovery
    /// codes) or entering a code from it. Returns the last response: a 303
    /// to the case list on success, or the first failure.
    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        let response = self.login_password(username, password).await;
        if response.status() != 303 {
            return response;
        }
        match location(&response).as_str() {
            "/account/two-factor" => self.enrol(username).await,
            "/login/code" => {
                let code = self.next_code(username);
                self.send_code(&code).await
            }
            _ => response,
        }
    }

    /// Sets up the second factor on the enrolment page.
    pub async fn enrol(&self, username: &str) -> reqwest::Response {
        let (status, page) = self.get_text("/account/two-factor").await;
        assert_eq!(status, 200, "the enrolment page");
        let secret = capture_all(&page, r#"<code id="totp-secret">([A-Z2-7]+)</code>"#);
        let secret = base32_decode(&secret[0]);
        let recovery_codes = capture_all(&page, r"<li><code>([A-Z2-7-]+)</code></li>");
        assert_eq!(recovery_codes.len(), 10);
        let step = now_step();
        let code = lantern_app::totp::code_for_step(&secret, step);
        let response = self
            .client
            .post(self.url("/account/two-factor"))
            .form(&[
                ("csrf", hidden_csrf(&page).as_str()),
                ("code", code.as_str()),
            ])
            .send()
            .await
            .unwrap();
        if response.status() == 303 {
            self.second_factors.lock().unwrap().insert(
                username.to_ascii_lowercase(),
                SecondFactor {
                    secret,
                    recovery_codes,
                    last_step: step,
                },
            );
        }
        response
    }

    /// A code not used before: the TOTP code of the earliest unused step
    /// within the accepted drift, else a recovery code.
    pub fn next_code(&self, username: &str) -> String {
        let mut all = self.second_factors.lock().unwrap();
        let factor = all
            .get_mut(&username.to_ascii_lowercase())
            .unwrap_or_else(|| panic!("{username} has no second factor in this test"));
        let step = (now_step() - 1).max(factor.last_step + 1);
        if step <= now_step() + 1 {
            factor.last_step = step;
            lantern_app::totp::code_for_step(&factor.secret, step)
        } else {
            factor.recovery_codes.pop().expect("a recovery code left")
        }
    }

    /// Posts a second-factor code on the code page.
    pub async fn send_code(&self, code: &str) -> reqwest::Response {
        let (_, page) = self.get_text("/login/code").await;
        self.client
            .post(self.url("/login/code"))
            .form(&[("csrf", hidden_csrf(&page).as_str()), ("code", code)])
            .send()
            .await
            .unwrap()
    }

    /// Only the password step of signing in.
    pub async fn login_password(&self, username: &str, password: &str) -> reqwest::Response {
        let (_, page) = self.get_text("/login").await;
        let csrf = hidden_csrf(&page);
        self.client
            .post(self.url("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("username", username),
                ("password", password),
            ])
            .send()
            .await
            .unwrap()
    }

    /// The session's CSRF token, as any page's forms carry it.
    pub async fn csrf(&self) -> String {
        let (_, page) = self.get_text("/cases").await;
        hidden_csrf(&page)
    }

    /// Posts a form with the session's CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf().await;
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .unwrap()
    }
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

pub fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// Creates a case through the form and returns its page path.
pub async fn create_case_via_form(browser: &Browser, server: &TestServer) -> String {
    let office = server.office.id.to_string();
    let date = today();
    let response = browser
        .post_form(
            "/cases",
            &[
                ("intake_date", date.as_str()),
                ("intake_source", "Hotline"),
                ("status", "Active"),
                ("exploitation_types", "SexualExploitation"),
                ("exploitation_types", "ForcedLabour"),
                ("place_of_recruitment", "Canning"),
                ("owning_office", office.as_str()),
                ("summary", "Referred by a shelter."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let path = location(&response);
    assert!(path.starts_with("/cases/"), "{path}");
    path
}
