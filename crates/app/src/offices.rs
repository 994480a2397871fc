//! Offices, read often and changed rarely: kept in memory for a minute so
//! pages that label cases by office do not ask the database each time.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use lantern_domain::user::Office;
use lantern_domain::OfficeId;

use crate::policy::{require, Action};
use crate::{Actor, App, AppError};

/// Another server sharing the database may add an office; a minute's delay
/// before this one shows it is acceptable.
const FRESH_FOR: Duration = Duration::from_secs(60);

/// The office list and when it was read.
type Snapshot = (Instant, Arc<Vec<Office>>);

#[derive(Clone, Default)]
pub struct OfficeCache(Arc<RwLock<Option<Snapshot>>>);

impl OfficeCache {
    fn fresh(&self) -> Option<Arc<Vec<Office>>> {
        let guard = self.0.read().ok()?;
        guard
            .as_ref()
            .filter(|(at, _)| at.elapsed() < FRESH_FOR)
            .map(|(_, offices)| offices.clone())
    }

    fn store(&self, offices: Arc<Vec<Office>>) {
        if let Ok(mut guard) = self.0.write() {
            *guard = Some((Instant::now(), offices));
        }
    }

    fn clear(&self) {
        if let Ok(mut guard) = self.0.write() {
            *guard = None;
        }
    }
}

impl App {
    async fn offices(&self) -> Result<Arc<Vec<Office>>, AppError> {
        if let Some(offices) = self.offices.fresh() {
            return Ok(offices);
        }
        let offices = Arc::new(self.storage.list_offices().await?);
        self.offices.store(offices.clone());
        Ok(offices)
    }

    pub async fn list_offices(&self) -> Result<Vec<Office>, AppError> {
        Ok(self.offices().await?.as_ref().clone())
    }

    pub async fn office(&self, id: OfficeId) -> Result<Option<Office>, AppError> {
        Ok(self.offices().await?.iter().find(|o| o.id == id).cloned())
    }

    pub async fn create_office(&self, actor: &Actor, office: &Office) -> Result<(), AppError> {
        require(actor, Action::ManageUsers)?;
        self.storage.insert_office(office).await?;
        self.offices.clear();
        Ok(())
    }
}
