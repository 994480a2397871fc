//! Group commit for audit entries of reads.
//!
//! A full view of a case or person is not served until its entry is in the
//! chain, and every append is a write transaction that serialises with all
//! others (SQLite's single writer, PostgreSQL's chain lock). So that
//! concurrent views do not queue one transaction each, a writer task takes
//! every entry waiting in a bounded queue (up to `max_entries`, waiting at
//! most `window` for more), appends them in one transaction in arrival
//! order, and only then answers each request. If that transaction fails,
//! every request in it fails: no page goes out without its entry.
//!
//! Writes of data are not batched here: each carries its entry into its own
//! transaction.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lantern_storage::{AuditAppend, AuditEvent, Storage, StorageError};
use tokio::sync::{mpsc, oneshot};

use crate::keys::Keys;
use crate::AppError;

/// How read entries are grouped into transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditBatching {
    /// Entries per transaction at most.
    pub max_entries: usize,
    /// How long the writer waits for more entries once it has one. Zero
    /// takes only what is already queued, which under load is whatever
    /// arrived while the previous transaction committed.
    pub window: Duration,
    /// Entries waiting at most; further requests wait for room.
    pub queue: usize,
}

impl Default for AuditBatching {
    fn default() -> Self {
        Self {
            max_entries: 256,
            window: Duration::ZERO,
            queue: 4_096,
        }
    }
}

type Outcome = Result<i64, Arc<StorageError>>;

struct Pending {
    event: AuditEvent,
    written: oneshot::Sender<Outcome>,
}

/// The handle requests use; the writer task starts on first use, inside
/// the runtime that serves the requests (and again should that runtime
/// have gone, as between tests).
#[derive(Clone)]
pub(crate) struct ReadAuditWriter {
    inner: Arc<Inner>,
}

struct Inner {
    storage: Arc<dyn Storage>,
    keys: Keys,
    batching: AuditBatching,
    queue: Mutex<Option<mpsc::Sender<Pending>>>,
}

impl ReadAuditWriter {
    pub(crate) fn new(storage: Arc<dyn Storage>, keys: Keys, batching: AuditBatching) -> Self {
        let batching = AuditBatching {
            max_entries: batching.max_entries.max(1),
            queue: batching.queue.max(1),
            ..batching
        };
        Self {
            inner: Arc::new(Inner {
                storage,
                keys,
                batching,
                queue: Mutex::new(None),
            }),
        }
    }

    /// Appends `event` to the chain; returns once it is committed, with its
    /// sequence number.
    pub(crate) async fn append(&self, event: AuditEvent) -> Result<i64, AppError> {
        let (written, outcome) = oneshot::channel();
        self.sender()?
            .send(Pending { event, written })
            .await
            .map_err(|_| AppError::Internal("the audit writer stopped"))?;
        match outcome.await {
            Ok(Ok(seq)) => Ok(seq),
            Ok(Err(error)) => Err(AppError::Storage(StorageError::Database(Box::new(error)))),
            Err(_) => Err(AppError::Internal("the audit writer stopped")),
        }
    }

    fn sender(&self) -> Result<mpsc::Sender<Pending>, AppError> {
        let mut queue = match self.inner.queue.lock() {
            Ok(queue) => queue,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(sender) = queue.as_ref().filter(|sender| !sender.is_closed()) {
            return Ok(sender.clone());
        }
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|_| AppError::Internal("no runtime for the audit writer"))?;
        let (sender, receiver) = mpsc::channel(self.inner.batching.queue);
        runtime.spawn(write_batches(
            receiver,
            self.inner.storage.clone(),
            self.inner.keys.clone(),
            self.inner.batching,
        ));
        *queue = Some(sender.clone());
        Ok(sender)
    }
}

/// The writer task: ends when every handle (every `App` clone) is gone.
async fn write_batches(
    mut receiver: mpsc::Receiver<Pending>,
    storage: Arc<dyn Storage>,
    keys: Keys,
    batching: AuditBatching,
) {
    let mut batch = Vec::with_capacity(batching.max_entries);
    while receiver.recv_many(&mut batch, batching.max_entries).await > 0 {
        if !batching.window.is_zero() {
            let deadline = tokio::time::Instant::now() + batching.window;
            while batch.len() < batching.max_entries {
                let room = batching.max_entries - batch.len();
                match tokio::time::timeout_at(deadline, receiver.recv_many(&mut batch, room)).await
                {
                    Ok(received) if received > 0 => {}
                    _ => break,
                }
            }
        }
        let (entries, waiting): (Vec<AuditAppend<'_>>, Vec<oneshot::Sender<Outcome>>) = batch
            .drain(..)
            .map(|pending| {
                (
                    AuditAppend {
                        event: pending.event,
                        chain: &keys,
                    },
                    pending.written,
                )
            })
            .unzip();
        match storage.append_audit_all(&entries).await {
            Ok(seqs) if seqs.len() == waiting.len() => {
                for (written, seq) in waiting.into_iter().zip(seqs) {
                    // A request that gave up still has its view recorded.
                    let _ = written.send(Ok(seq));
                }
            }
            Ok(_) => fail_all(waiting, StorageError::Corrupt("audit entry")),
            Err(error) => fail_all(waiting, error),
        }
    }
}

fn fail_all(waiting: Vec<oneshot::Sender<Outcome>>, error: StorageError) {
    tracing::error!(entries = waiting.len(), %error, "read audit entries not written; their requests fail");
    let error = Arc::new(error);
    for written in waiting {
        let _ = written.send(Err(error.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lantern_vault::KeyRing;

    fn event(i: usize) -> AuditEvent {
        AuditEvent {
            at: chrono::Utc::now(),
            actor: None,
            action: format!("test.view-{i}"),
            record_kind: "case".into(),
            record_id: None,
            fields: vec!["identities".into()],
            reason: None,
            client: None,
        }
    }

    /// With a window, entries arriving together wait for one another, are
    /// capped at `max_entries` a transaction, and each gets its own place
    /// in one unbroken chain.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn windowed_batches_keep_one_entry_per_read_in_chain_order() {
        let storage = lantern_store_sqlite::SqliteStorage::in_memory()
            .await
            .expect("database");
        storage.migrate().await.expect("migrate");
        let storage: Arc<dyn Storage> = Arc::new(storage);
        let keys = Keys::new(KeyRing::generate(), None);
        let writer = ReadAuditWriter::new(
            storage.clone(),
            keys.clone(),
            AuditBatching {
                max_entries: 4,
                window: Duration::from_millis(5),
                queue: 8,
            },
        );
        let reads: Vec<_> = (0..30)
            .map(|i| {
                let writer = writer.clone();
                tokio::spawn(async move { writer.append(event(i)).await })
            })
            .collect();
        let mut seqs = Vec::new();
        for read in reads {
            seqs.push(read.await.expect("task").expect("appended"));
        }
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=30).collect::<Vec<i64>>());

        let entries = storage.audit_entries(0, 100).await.expect("entries");
        assert_eq!(entries.len(), 30);
        let ring = keys.current();
        let mut previous = [0u8; 32];
        for entry in &entries {
            let link: [u8; 32] = entry.link.as_slice().try_into().expect("32 bytes");
            assert!(ring.verify_link(&previous, entry.seq, &entry.event.canonical(), &link));
            previous = link;
        }
    }
}
