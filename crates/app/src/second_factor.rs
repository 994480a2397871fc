//! The TOTP second factor: enrolment, codes at sign-in, recovery codes, and
//! how the secret rests on disk.
//!
//! The secret is stored only sealed, by [`seal_totp_secret`]: envelope
//! encryption with the key vault (a fresh data key per secret, wrapped by
//! the key ring's current master key), bound to the table, column and user
//! so the bytes cannot be moved to another account. Recovery codes are 128
//! random bits each, stored as SHA-256 only, each usable once.

use lantern_domain::validation::Problem;
use lantern_domain::{UserId, ValidationErrors};
use lantern_storage::{SealedSecret, SecondFactorRecord, SessionStage, StorageError};
use lantern_vault::{open, seal, Binding, DataKey, KeyRing, Zeroizing};
use rand::rngs::OsRng;
use rand::RngCore;

use crate::audit::{actions, AccountActor};
use crate::auth::{NewSession, SessionAccess};
use crate::policy::{require, Action};
use crate::secrets::fingerprint;
use crate::totp;
use crate::{Actor, App, AppError};

/// Format tag of sealed secrets: `1 || wrapped-key length (1 byte) ||
/// wrapped data key || sealed secret`.
const FORMAT_VAULT_V1: u8 = 1;
const TABLE: &str = "second_factors";
const COLUMN: &str = "sealed_secret";

/// Recovery codes issued at enrolment.
pub const RECOVERY_CODES: usize = 10;
/// The issuer name authenticator apps show.
pub const ISSUER: &str = "Lantern";

fn binding(user: UserId) -> Binding<'static> {
    Binding::new(TABLE, COLUMN, *user.as_uuid().as_bytes())
}

/// Seals a TOTP secret for storage.
pub fn seal_totp_secret(
    keys: &KeyRing,
    user: UserId,
    secret: &[u8],
) -> Result<SealedSecret, AppError> {
    let binding = binding(user);
    let data_key = DataKey::generate();
    let wrapped = keys
        .wrap(&data_key, &binding)
        .map_err(|_| AppError::Internal("sealing the second factor"))?;
    let sealed = seal(&data_key, &binding, secret)
        .map_err(|_| AppError::Internal("sealing the second factor"))?;
    let wrapped = wrapped.into_bytes();
    let length =
        u8::try_from(wrapped.len()).map_err(|_| AppError::Internal("wrapped key length"))?;
    let mut out = Vec::with_capacity(2 + wrapped.len() + sealed.len());
    out.push(FORMAT_VAULT_V1);
    out.push(length);
    out.extend_from_slice(&wrapped);
    out.extend_from_slice(&sealed);
    Ok(SealedSecret(out))
}

/// Opens what [`seal_totp_secret`] sealed for the same user.
pub fn open_totp_secret(
    keys: &KeyRing,
    user: UserId,
    sealed: &SealedSecret,
) -> Result<Zeroizing<Vec<u8>>, AppError> {
    const UNREADABLE: AppError = AppError::Internal("stored second factor is unreadable");
    let Some((&FORMAT_VAULT_V1, rest)) = sealed.0.split_first() else {
        return Err(AppError::Internal(
            "stored second factor has an unknown format",
        ));
    };
    let Some((&length, rest)) = rest.split_first() else {
        return Err(UNREADABLE);
    };
    if rest.len() < usize::from(length) {
        return Err(UNREADABLE);
    }
    let (wrapped, body) = rest.split_at(usize::from(length));
    let binding = binding(user);
    let data_key = keys.unwrap_key(wrapped, &binding).map_err(|_| UNREADABLE)?;
    open(&data_key, &binding, body)
        .map(Zeroizing::new)
        .map_err(|_| UNREADABLE)
}

/// A new recovery code: 128 random bits as base32, in groups of five.
fn new_recovery_code() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    let text = totp::base32(&bytes);
    text.as_bytes()
        .chunks(5)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A recovery code as typed, reduced to its letters and digits.
fn normalise_recovery_code(typed: &str) -> String {
    typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn recovery_code_hash(code: &str) -> Vec<u8> {
    fingerprint(&normalise_recovery_code(code))
}

/// What the enrolment page shows, once. `Debug` prints nothing.
pub struct Enrolment {
    /// The secret in base32, for typing into an authenticator app.
    pub secret: String,
    pub uri: String,
    pub recovery_codes: Vec<String>,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Enrolment(..)")
    }
}

/// Whether a user has a second factor, and how many recovery codes remain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecondFactorStatus {
    pub enrolled: bool,
    pub unused_recovery_codes: u32,
}

fn wrong_code() -> AppError {
    AppError::Invalid(ValidationErrors::single("code", Problem::WrongCode))
}

impl App {
    fn now_step(&self) -> i64 {
        totp::step_at(self.now().timestamp())
    }

    pub async fn second_factor_status(
        &self,
        actor: &Actor,
    ) -> Result<SecondFactorStatus, AppError> {
        let record = self.storage.second_factor(actor.id()).await?;
        let enrolled = record.is_some_and(|r| r.confirmed_at.is_some());
        let unused_recovery_codes = if enrolled {
            self.storage.unused_recovery_codes(actor.id()).await?
        } else {
            0
        };
        Ok(SecondFactorStatus {
            enrolled,
            unused_recovery_codes,
        })
    }

    /// Starts enrolment: a new secret and recovery codes, stored pending
    /// (replacing an earlier pending enrolment) until a code confirms them.
    /// `Conflict` when the user already has a second factor.
    pub async fn begin_enrolment(&self, actor: &Actor) -> Result<Enrolment, AppError> {
        let mut secret = Zeroizing::new([0u8; totp::SECRET_BYTES]);
        OsRng.fill_bytes(secret.as_mut());
        let sealed = seal_totp_secret(&self.keys().current(), actor.id(), secret.as_ref())?;
        let recovery_codes: Vec<String> =
            (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
        let hashes: Vec<Vec<u8>> = recovery_codes
            .iter()
            .map(|c| recovery_code_hash(c))
            .collect();
        self.storage
            .begin_second_factor(
                &SecondFactorRecord {
                    user_id: actor.id(),
                    sealed_secret: sealed,
                    created_at: self.now(),
                    confirmed_at: None,
                    last_used_step: 0,
                },
                &hashes,
            )
            .await
            .map_err(|e| match e {
                StorageError::Conflict(_) => AppError::Conflict("second factor"),
                other => other.into(),
            })?;
        Ok(Enrolment {
            secret: totp::base32(secret.as_ref()),
            uri: totp::otpauth_uri(ISSUER, &actor.user.username, secret.as_ref()),
            recovery_codes,
        })
    }

    /// Confirms a pending enrolment with a code from the app. Every other
    /// session of the user ends; the caller gets a fully signed-in one.
    pub async fn confirm_enrolment(
        &self,
        actor: &Actor,
        code: &str,
    ) -> Result<NewSession, AppError> {
        let key = self.throttle_key(&actor.user.username);
        self.check_throttle(&key).await?;
        let pending = self
            .storage
            .second_factor(actor.id())
            .await?
            .filter(|r| r.confirmed_at.is_none())
            .ok_or(AppError::NotFound("second factor"))?;
        let secret = open_totp_secret(&self.keys().current(), actor.id(), &pending.sealed_secret)?;
        let Some(step) = totp::matching_step(&secret, code, self.now_step()) else {
            let entry = self.account_entry(
                AccountActor::Actor(actor),
                actions::CODE_FAILED,
                Some(actor.id()),
                vec!["method:totp".into()],
            );
            self.record_failure(&key, Some(&entry)).await?;
            return Err(wrong_code());
        };
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            actions::SECOND_FACTOR_ENROL,
            Some(actor.id()),
            vec!["second-factor".into()],
        );
        self.storage
            .confirm_second_factor(actor.id(), step, self.now(), &entry)
            .await?;
        self.storage.clear_login_failures(&key).await?;
        let authenticated_at = match actor.credential {
            crate::actor::Credential::Session { authenticated_at } => authenticated_at,
            _ => None,
        };
        let session = self
            .open_session(
                actor.id(),
                actor.role(),
                SessionStage::TwoFactor,
                authenticated_at,
                // Enrolment's entry records this session's start.
                None,
            )
            .await?;
        tracing::info!(user = %actor.id(), "second factor enrolled; other sessions ended");
        Ok(session)
    }

    /// The second sign-in step: a TOTP code (each accepted once, one step
    /// of clock drift either way) or an unused recovery code. On success the
    /// waiting session is replaced by a fully signed-in one.
    pub async fn verify_second_factor(
        &self,
        token: &str,
        code: &str,
    ) -> Result<NewSession, AppError> {
        let (actor, session, access) = self.session(token).await?;
        if access != SessionAccess::AwaitingCode {
            return Err(AppError::Unauthenticated);
        }
        let key = self.throttle_key(&actor.user.username);
        self.check_throttle(&key).await?;
        let record = self
            .storage
            .second_factor(actor.id())
            .await?
            .filter(|r| r.confirmed_at.is_some())
            .ok_or(AppError::Unauthenticated)?;
        let secret = open_totp_secret(&self.keys().current(), actor.id(), &record.sealed_secret)?;
        let (accepted, method) = match totp::matching_step(&secret, code, self.now_step()) {
            Some(step) => (
                self.storage.use_totp_step(actor.id(), step).await?,
                "method:totp",
            ),
            None if normalise_recovery_code(code).len() == 26 => (
                self.storage
                    .use_recovery_code(actor.id(), &recovery_code_hash(code), self.now())
                    .await?,
                "method:recovery-code",
            ),
            None => (false, "method:totp"),
        };
        let signing_in = AccountActor::SigningIn(Some(actor.id()));
        if !accepted {
            let entry = self.account_entry(
                signing_in,
                actions::CODE_FAILED,
                Some(actor.id()),
                vec![method.into()],
            );
            self.record_failure(&key, Some(&entry)).await?;
            return Err(wrong_code());
        }
        // Recorded with the fully signed-in session it opens below.
        let entry = self.account_entry(
            signing_in,
            actions::SIGN_IN_CODE,
            Some(actor.id()),
            vec![method.into()],
        );
        self.storage.clear_login_failures(&key).await?;
        self.storage
            .delete_session(&session.token_hash, None)
            .await?;
        let fresh = self
            .open_session(
                actor.id(),
                actor.role(),
                SessionStage::TwoFactor,
                session.authenticated_at,
                Some(&entry),
            )
            .await?;
        tracing::info!(user = %actor.id(), "signed in with a second factor");
        Ok(fresh)
    }

    /// Removes a user's second factor (a lost phone) and ends their
    /// sessions; they enrol again at their next sign-in.
    pub async fn reset_second_factor(&self, actor: &Actor, user: UserId) -> Result<(), AppError> {
        require(actor, Action::ManageUsers)?;
        self.require_recent_auth(actor)?;
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            actions::SECOND_FACTOR_RESET,
            Some(user),
            vec!["second-factor".into()],
        );
        self.storage.delete_second_factor(user, &entry).await?;
        tracing::info!(user = %user, actor = %actor.id(), "second factor reset");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secrets_open_only_for_their_user() {
        let keys = KeyRing::generate();
        let user = UserId::random();
        let sealed = seal_totp_secret(&keys, user, b"12345678901234567890").unwrap();
        assert!(!sealed.0.windows(20).any(|w| w == b"12345678901234567890"));
        assert_eq!(
            open_totp_secret(&keys, user, &sealed).unwrap().as_slice(),
            b"12345678901234567890"
        );
        assert!(open_totp_secret(&keys, UserId::random(), &sealed).is_err());
        assert!(open_totp_secret(&KeyRing::generate(), user, &sealed).is_err());
        assert!(open_totp_secret(&keys, user, &SealedSecret(vec![1])).is_err());
        assert!(open_totp_secret(&keys, user, &SealedSecret(vec![9, 0])).is_err());
        assert!(open_totp_secret(&keys, user, &SealedSecret(Vec::new())).is_err());
    }

    #[test]
    fn recovery_codes_are_long_and_forgiving_to_type() {
        let code = new_recovery_code();
        assert_eq!(normalise_recovery_code(&code).len(), 26);
        assert_eq!(
            recovery_code_hash(&code),
            recovery_code_hash(&format!(" {} ", code.to_lowercase().replace('-', " ")))
        );
        assert_ne!(new_recovery_code(), code);
    }
}
