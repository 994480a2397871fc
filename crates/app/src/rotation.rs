//! Moving every data key under the current master key, in small batches
//! while the server keeps running: each key is replaced only if no one
//! changed it meanwhile, and a server meeting a key wrapped under a master
//! key it does not know yet reloads the key file.

use lantern_vault::WrappedKey;

use crate::identity::key_binding;
use crate::{App, AppError};

const BATCH: u32 = 500;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RewrapReport {
    pub examined: u64,
    pub rewrapped: u64,
}

impl App {
    pub async fn rewrap_data_keys(&self) -> Result<RewrapReport, AppError> {
        let mut report = RewrapReport::default();
        let mut after = None;
        loop {
            let batch = self.storage.data_keys_after(after, BATCH).await?;
            let Some(last) = batch.last() else {
                break;
            };
            after = Some(last.owner);
            let current = self.keys().current().current_key_id();
            for key in batch {
                report.examined += 1;
                if WrappedKey::key_id_of(&key.wrapped).ok() == Some(current) {
                    continue;
                }
                let row = *key.owner.as_bytes();
                let rewrapped = self
                    .keys()
                    .with_ring(|ring| ring.rewrap(&key.wrapped, &key_binding(&row)))?;
                if self
                    .storage
                    .replace_data_key(key.owner, &key.wrapped, rewrapped.as_bytes())
                    .await?
                {
                    report.rewrapped += 1;
                }
            }
        }
        Ok(report)
    }

    /// How many data keys each master key wraps.
    pub async fn data_key_census(&self) -> Result<Vec<(String, u64)>, AppError> {
        let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
        let mut after = None;
        loop {
            let batch = self.storage.data_keys_after(after, BATCH).await?;
            let Some(last) = batch.last() else {
                break;
            };
            after = Some(last.owner);
            for key in batch {
                let id = WrappedKey::key_id_of(&key.wrapped)
                    .map(|id| id.to_string())
                    .unwrap_or_else(|_| "malformed".into());
                *counts.entry(id).or_default() += 1;
            }
        }
        Ok(counts.into_iter().collect())
    }
}
