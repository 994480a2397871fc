//! What every handler shares.

use std::sync::Arc;

use lantern_app::App;

use crate::i18n::Catalogues;
use crate::limits::RateLimiter;

#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub catalogues: Arc<Catalogues>,
    pub settings: Arc<WebSettings>,
    pub login_limiter: Arc<RateLimiter>,
}

#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Served over TLS (directly or behind a proxy): cookies get `Secure`
    /// and responses carry HSTS.
    pub secure: bool,
}

impl AppState {
    pub fn new(app: App, settings: WebSettings) -> Result<Self, crate::i18n::CatalogueError> {
        Ok(Self {
            app,
            catalogues: Arc::new(Catalogues::load()?),
            settings: Arc::new(settings),
            // Ten sign-in attempts per minute from one address.
            login_limiter: Arc::new(RateLimiter::new(10, std::time::Duration::from_secs(60))),
        })
    }
}
