//! The audit log, from the application's side: what is recorded, the keyed
//! chain that links entries (its key is in the key file, not the database),
//! and verification of the whole log.

use lantern_domain::UserId;
use lantern_storage::{AuditAppend, AuditChain, AuditEntry, AuditEvent, AuditFilter};
use lantern_vault::verify_checkpoint;

use crate::actor::Credential;
use crate::keys::Keys;
use crate::policy::{require, Action};
use crate::{Actor, App, AppError};

/// Account events: each is appended in the transaction of the account
/// change it records (the account storage methods take the entry), so the
/// change and its entry commit together or not at all. Their record is the account
/// concerned (`record_kind` `user`). Fields name what changed; a few carry
/// a non-identifying value after a colon (`role:admin`, `scope:read`,
/// `token:<id>`, `method:totp`, `username-key:<digest>`). Never a
/// password, a token, a code, or the username typed into a failed sign-in.
pub mod actions {
    pub const SIGN_IN: &str = "account.sign-in";
    pub const SIGN_IN_CODE: &str = "account.sign-in-code";
    pub const SIGN_IN_FAILED: &str = "account.sign-in-failed";
    pub const CODE_FAILED: &str = "account.code-failed";
    pub const SIGN_OUT: &str = "account.sign-out";
    pub const CREATE: &str = "account.create";
    pub const ROLE: &str = "account.role";
    pub const PASSWORD: &str = "account.password";
    pub const DISABLE: &str = "account.disable";
    pub const ENABLE: &str = "account.enable";
    pub const SECOND_FACTOR_ENROL: &str = "account.second-factor-enrol";
    pub const SECOND_FACTOR_RESET: &str = "account.second-factor-reset";
    pub const TOKEN_ISSUE: &str = "account.token-issue";
    pub const TOKEN_REVOKE: &str = "account.token-revoke";
    pub const SESSION_END: &str = "account.session-end";
    pub const SESSIONS_END_ALL: &str = "account.sessions-end-all";

    /// Every account action, for the audit page's action filter.
    pub const ALL: &[&str] = &[
        SIGN_IN,
        SIGN_IN_CODE,
        SIGN_IN_FAILED,
        CODE_FAILED,
        SIGN_OUT,
        CREATE,
        ROLE,
        PASSWORD,
        DISABLE,
        ENABLE,
        SECOND_FACTOR_ENROL,
        SECOND_FACTOR_RESET,
        TOKEN_ISSUE,
        TOKEN_REVOKE,
        SESSION_END,
        SESSIONS_END_ALL,
    ];
}

/// The client an entry records: `cli` for the console, else the address
/// of the request being served (see [`crate::client`]).
fn client_of(actor: Option<&Actor>) -> Option<String> {
    if actor.is_some_and(|a| a.credential == Credential::Console) {
        return Some(crate::client::CLI_CLIENT.to_owned());
    }
    crate::client::current()
}

/// A checkpoint is signed every this many entries.
const CHECKPOINT_EVERY: i64 = 100;
const GENESIS: [u8; 32] = [0; 32];

/// The chain as the key ring computes it.
impl AuditChain for Keys {
    fn link(&self, previous: &[u8; 32], seq: i64, canonical: &[u8]) -> [u8; 32] {
        self.current().chain_link(previous, seq, canonical)
    }

    fn sign_head(&self, seq: i64, head: &[u8; 32]) -> [u8; 64] {
        self.current().sign_checkpoint(seq, head)
    }

    fn checkpoint_every(&self) -> i64 {
        CHECKPOINT_EVERY
    }
}

/// Who an account event is by.
#[derive(Clone, Copy)]
pub(crate) enum AccountActor<'a> {
    Actor(&'a Actor),
    /// Someone signing in: the account when it exists and the password was
    /// right, else nobody.
    SigningIn(Option<UserId>),
}

/// Where verification found the log broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditBreak {
    #[error("entry {seq}: its link does not follow from the entries before it (edited, inserted or moved)")]
    Link { seq: i64 },
    #[error("entry {seq} is missing (the sequence jumps from {previous})")]
    Gap { seq: i64, previous: i64 },
    #[error("checkpoint {seq}: the signature does not verify")]
    Signature { seq: i64 },
    #[error("checkpoint {seq}: the log's entry {seq} is not the one that was signed")]
    Checkpoint { seq: i64 },
    #[error(
        "the log ends at entry {last}, before the signed checkpoint {seq}: entries were removed"
    )]
    Truncated { last: i64, seq: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditReport {
    pub entries: i64,
    pub checkpoints: usize,
}

impl App {
    /// An audit entry for something the actor did.
    pub(crate) fn audit<'a>(
        &'a self,
        actor: &Actor,
        action: &str,
        record_kind: &str,
        record_id: Option<uuid::Uuid>,
        fields: &[&str],
    ) -> AuditAppend<'a> {
        AuditAppend {
            event: AuditEvent {
                at: self.now(),
                actor: Some(actor.id()),
                action: action.to_owned(),
                record_kind: record_kind.to_owned(),
                record_id,
                fields: fields.iter().map(|f| (*f).to_owned()).collect(),
                reason: None,
                client: client_of(Some(actor)),
            },
            chain: self.keys(),
        }
    }

    /// The entry of an account event about `user`, for the storage method
    /// whose write it records to append in that write's transaction. `by`
    /// is who acted: an actor, or for sign-in steps the user signing in
    /// (`None` when unknown).
    pub(crate) fn account_entry(
        &self,
        by: AccountActor<'_>,
        action: &str,
        user: Option<UserId>,
        fields: Vec<String>,
    ) -> AuditAppend<'_> {
        let (actor, client) = match by {
            AccountActor::Actor(actor) => (Some(actor.id()), client_of(Some(actor))),
            AccountActor::SigningIn(user) => (user, client_of(None)),
        };
        AuditAppend {
            event: AuditEvent {
                at: self.now(),
                actor,
                action: action.to_owned(),
                record_kind: "user".to_owned(),
                record_id: user.map(|u| u.as_uuid()),
                fields,
                reason: None,
                client,
            },
            chain: self.keys(),
        }
    }

    /// Records a read of identifying data; returns once the entry is
    /// committed, sharing the transaction with concurrent reads (see
    /// [`crate::read_audit`]).
    pub(crate) async fn audit_read(
        &self,
        actor: &Actor,
        action: &str,
        record_kind: &str,
        record_id: uuid::Uuid,
        fields: &[&str],
    ) -> Result<(), AppError> {
        let entry = self.audit(actor, action, record_kind, Some(record_id), fields);
        self.read_audit.append(entry.event).await?;
        Ok(())
    }

    /// Checks every entry's link, that no sequence number is missing, and
    /// every signed checkpoint against the chain, naming the first break.
    pub async fn verify_audit(&self) -> Result<Result<AuditReport, AuditBreak>, AppError> {
        let ring = self.keys().current();
        let checkpoints = self.storage.audit_checkpoints().await?;
        let public = ring.audit_verifying_key();
        for checkpoint in &checkpoints {
            let head: Option<[u8; 32]> = checkpoint.head.as_slice().try_into().ok();
            let signature: Option<[u8; 64]> = checkpoint.signature.as_slice().try_into().ok();
            let valid = match (head, signature) {
                (Some(head), Some(signature)) => {
                    verify_checkpoint(&public, checkpoint.seq, &head, &signature)
                }
                _ => false,
            };
            if !valid {
                return Ok(Err(AuditBreak::Signature {
                    seq: checkpoint.seq,
                }));
            }
        }
        let mut previous = GENESIS;
        let mut last = 0i64;
        let mut pending = checkpoints.iter().peekable();
        loop {
            let batch: Vec<AuditEntry> = self.storage.audit_entries(last, 1_000).await?;
            if batch.is_empty() {
                break;
            }
            for entry in batch {
                if entry.seq != last + 1 {
                    return Ok(Err(AuditBreak::Gap {
                        seq: last + 1,
                        previous: last,
                    }));
                }
                let link = entry.link.as_slice().try_into().unwrap_or([0xff; 32]);
                if !ring.verify_link(&previous, entry.seq, &entry.event.canonical(), &link) {
                    return Ok(Err(AuditBreak::Link { seq: entry.seq }));
                }
                while let Some(checkpoint) = pending.next_if(|c| c.seq <= entry.seq) {
                    if checkpoint.seq == entry.seq && checkpoint.head != entry.link {
                        return Ok(Err(AuditBreak::Checkpoint {
                            seq: checkpoint.seq,
                        }));
                    }
                }
                previous = link;
                last = entry.seq;
            }
        }
        if let Some(checkpoint) = pending.next() {
            return Ok(Err(AuditBreak::Truncated {
                last,
                seq: checkpoint.seq,
            }));
        }
        Ok(Ok(AuditReport {
            entries: last,
            checkpoints: checkpoints.len(),
        }))
    }

    /// The newest entries matching the filter, for administrators.
    pub async fn search_audit(
        &self,
        actor: &Actor,
        filter: &AuditFilter,
    ) -> Result<Vec<AuditEntry>, AppError> {
        require(actor, Action::ManageUsers)?;
        Ok(self.storage.search_audit(filter, 200).await?)
    }

    /// Every checkpoint and the public key that verifies them, to be kept
    /// somewhere the database's administrators cannot alter.
    pub async fn audit_checkpoints_export(
        &self,
    ) -> Result<(String, Vec<lantern_storage::AuditCheckpoint>), AppError> {
        let public = hex::encode(self.keys().current().audit_verifying_key());
        Ok((public, self.storage.audit_checkpoints().await?))
    }
}
