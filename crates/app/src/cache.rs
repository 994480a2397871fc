//! A value read often and changed rarely, kept in memory for a while so
//! requests do not ask the database each time.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// A cached value and the moment it was read, shared by clones.
type Slot<T> = Arc<RwLock<Option<(Instant, Arc<T>)>>>;

/// A value kept for `fresh_for`. Another server sharing the database may
/// change it: `fresh_for` bounds how long this one can lag behind.
pub struct TimedCache<T> {
    fresh_for: Duration,
    slot: Slot<T>,
}

impl<T> Clone for TimedCache<T> {
    fn clone(&self) -> Self {
        Self {
            fresh_for: self.fresh_for,
            slot: self.slot.clone(),
        }
    }
}

impl<T> TimedCache<T> {
    pub fn new(fresh_for: Duration) -> Self {
        Self {
            fresh_for,
            slot: Arc::new(RwLock::new(None)),
        }
    }

    pub fn fresh(&self) -> Option<Arc<T>> {
        let guard = self.slot.read().ok()?;
        guard
            .as_ref()
            .filter(|(at, _)| at.elapsed() < self.fresh_for)
            .map(|(_, value)| value.clone())
    }

    pub fn store(&self, value: Arc<T>) {
        if let Ok(mut guard) = self.slot.write() {
            *guard = Some((Instant::now(), value));
        }
    }

    pub fn clear(&self) {
        if let Ok(mut guard) = self.slot.write() {
            *guard = None;
        }
    }
}
