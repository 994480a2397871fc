//! Offices, read often and changed rarely: kept in memory for a minute so
//! pages that label cases by office do not ask the database each time.

use std::sync::Arc;
use std::time::Duration;

use lantern_domain::user::Office;
use lantern_domain::OfficeId;

use crate::cache::TimedCache;
use crate::policy::{require, Action};
use crate::{Actor, App, AppError};

/// Another server sharing the database may add an office; a minute's delay
/// before this one shows it is acceptable.
pub(crate) fn office_cache() -> TimedCache<Vec<Office>> {
    TimedCache::new(Duration::from_secs(60))
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
