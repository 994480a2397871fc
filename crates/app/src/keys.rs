//! The key ring in use, shared by every request, and reloaded from its file
//! when data turns up wrapped under a master key this process does not know
//! yet (another process rotated the keys): rotation needs no restart.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use lantern_vault::{KeyRing, VaultError};

use crate::AppError;

#[derive(Clone)]
pub struct Keys {
    ring: Arc<RwLock<Arc<KeyRing>>>,
    /// Where the ring was loaded from; `None` when it came from the
    /// environment, which cannot change under a running process.
    file: Option<PathBuf>,
}

impl Keys {
    pub fn new(ring: KeyRing, file: Option<PathBuf>) -> Self {
        Self {
            ring: Arc::new(RwLock::new(Arc::new(ring))),
            file,
        }
    }

    pub fn current(&self) -> Arc<KeyRing> {
        match self.ring.read() {
            Ok(ring) => ring.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Runs `operation` with the ring; on an unknown master key, reloads
    /// the file once and tries again.
    pub fn with_ring<T>(
        &self,
        operation: impl Fn(&KeyRing) -> Result<T, VaultError>,
    ) -> Result<T, AppError> {
        match operation(&self.current()) {
            Err(VaultError::UnknownKey(_)) if self.file.is_some() => {
                self.reload()?;
                operation(&self.current()).map_err(vault_error)
            }
            other => other.map_err(vault_error),
        }
    }

    fn reload(&self) -> Result<(), AppError> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let ring = KeyRing::load(file).map_err(vault_error)?;
        if let Ok(mut slot) = self.ring.write() {
            *slot = Arc::new(ring);
        }
        tracing::info!("reloaded the key file after a key rotation");
        Ok(())
    }
}

/// Vault failures never carry key material or plaintext; they still must
/// stop the request rather than serve wrong data.
pub fn vault_error(error: VaultError) -> AppError {
    match error {
        VaultError::Integrity => AppError::Internal("stored data failed its integrity check"),
        VaultError::UnknownKey(_) => {
            AppError::Internal("data is wrapped under an unknown master key")
        }
        _ => AppError::Internal("encryption failed"),
    }
}
