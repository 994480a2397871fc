//! Starting a real Lantern server for a test and talking to it.

use std::sync::Arc;

use lantern::config::Config;
use lantern_app::App;
use lantern_domain::iso::CountryCode;
use lantern_domain::user::{NewUser, Office, User};
use lantern_domain::OfficeId;
use lantern_storage::Storage;
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

pub struct TestServer {
    pub base: String,
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
        let dir = tempfile::tempdir().unwrap();
        let (storage, postgres_db): (Arc<dyn Storage>, Option<String>) = match backend {
            Backend::Sqlite => {
                let store = SqliteStorage::open(&dir.path().join("lantern.db"))
                    .await
                    .unwrap();
                store.migrate().await.unwrap();
                (Arc::new(store), None)
            }
            Backend::Postgres => {
                let (store, name) = PgStorage::create_database_for_tests(&postgres_admin_url())
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL is required for these tests: {e}"));
                store.migrate().await.unwrap();
                (Arc::new(store), Some(name))
            }
        };
        let config = Config {
            data_dir: dir.path().to_path_buf(),
            database_url: None,
            key_file: None,
            bind: "127.0.0.1:0".parse().unwrap(),
            secure_cookies: false,
        };
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
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = lantern::web_state(&config, app.clone()).unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(async move {
            lantern::serve_until(listener, state, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        Self {
            base,
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
        let browser = Browser::new(self);
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
            .create_api_token(&root, user.id, "tests")
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
}

pub fn hidden_csrf(html: &str) -> String {
    let re = Regex::new(r#"name="csrf" value="([^"]+)""#).unwrap();
    re.captures(html)
        .map(|c| c[1].to_owned())
        .unwrap_or_else(|| panic!("no CSRF field in page"))
}

impl Browser {
    pub fn new(server: &TestServer) -> Self {
        Self {
            client: reqwest::Client::builder()
                .cookie_store(true)
                // The server closes a connection whose body it refused unread;
                // a fresh connection per request keeps that from leaking into
                // the next request.
                .pool_max_idle_per_host(0)
                .redirect(Policy::none())
                .build()
                .unwrap(),
            base: server.base.clone(),
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

    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
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
