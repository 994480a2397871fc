//! Signing in and proving who you are on each request.
//!
//! Sign-in throttling (soft lockout). Every failed sign-in — wrong password,
//! unknown or disabled account, wrong second-factor code — is counted in the
//! database under a keyed hash of the normalised username, whether or not
//! such an account exists. After [`FREE_FAILURES`] consecutive failures each
//! further attempt must wait 2^(n−5) seconds after the last failure (n the
//! number of failures), at most [`MAX_LOCKOUT_SECONDS`]. An attempt during
//! the wait is refused with `TooManyAttempts` before any password is
//! checked, so it neither reveals whether the guess was right nor extends
//! the wait. Because unknown usernames are counted and refused exactly like
//! real ones, the lockout does not reveal which accounts exist; because the
//! count lives in the database and is updated in one statement, it holds
//! across several servers sharing PostgreSQL. A successful sign-in clears
//! it — for accounts with a second factor only once the code is right, so
//! knowing the password does not reset the count of code guesses. A streak
//! is forgotten a day after its last failure. The per-address limit of the
//! web layer (HTTP 429) still applies on top.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Duration, Utc};
use lantern_domain::user::validate_password;
use lantern_domain::validation::Problem;
use lantern_domain::vocab::UserRole;
use lantern_domain::{UserId, ValidationErrors};
use lantern_storage::{AuditAppend, SessionRecord, SessionStage};

use crate::actor::{Actor, Credential};
use crate::audit::{actions, AccountActor};
use crate::policy::requires_second_factor;
use crate::secrets::{fingerprint, random_token};
use crate::{App, AppError};

/// Failed sign-ins allowed before attempts must wait.
pub const FREE_FAILURES: u32 = 5;
/// The longest wait between attempts under one username.
pub const MAX_LOCKOUT_SECONDS: i64 = 15 * 60;
/// A failure streak this old is forgotten.
pub const FORGET_FAILURES_AFTER: Duration = Duration::hours(24);
/// How long a signed-in password may wait for its second-factor code.
pub const CODE_WAIT: Duration = Duration::minutes(5);
/// How recently the password must have been entered for sensitive actions.
pub const RECENT_AUTH_WINDOW: Duration = Duration::minutes(5);

/// Argon2id with the OWASP-recommended minimum: 19 MiB, 2 passes, 1 lane.
fn argon2() -> Result<Argon2<'static>, AppError> {
    let params =
        Params::new(19 * 1024, 2, 1, None).map_err(|_| AppError::Internal("argon2 parameters"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

#[derive(Clone)]
pub struct PasswordHasher {
    /// Verified against when the username is unknown, so both paths do the
    /// same work and timing does not reveal which accounts exist.
    dummy_hash: String,
}

impl PasswordHasher {
    pub fn new() -> Result<Self, AppError> {
        Ok(Self {
            dummy_hash: hash_password(&random_token())?,
        })
    }
}

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| AppError::Internal("password hashing"))
}

fn verify_password(password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    argon2().is_ok_and(|a| a.verify_password(password.as_bytes(), &parsed).is_ok())
}

/// The wait before the next attempt after `failures` consecutive failures.
pub fn lockout_delay(failures: u32) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::zero();
    }
    let exponent = failures - FREE_FAILURES;
    let seconds = if exponent >= 20 {
        MAX_LOCKOUT_SECONDS
    } else {
        (1i64 << exponent).min(MAX_LOCKOUT_SECONDS)
    };
    Duration::seconds(seconds)
}

/// Whether an actor entered their password within the last five minutes:
/// the check before role changes, API-token creation and, later, exports,
/// key rotation and break-glass access. The console (the local
/// administrator, who holds the database and its keys) passes; an API
/// token never does.
pub fn require_recent_auth(actor: &Actor, now: DateTime<Utc>) -> Result<(), AppError> {
    match actor.credential {
        Credential::Console => Ok(()),
        Credential::ApiToken { .. } => Err(AppError::Forbidden),
        Credential::Session { authenticated_at } => match authenticated_at {
            Some(at) if at <= now && now - at <= RECENT_AUTH_WINDOW => Ok(()),
            _ => Err(AppError::ReauthenticationRequired),
        },
    }
}

/// A new session: the secret goes to the browser, only its hash is stored.
pub struct NewSession {
    pub token: String,
    pub record: SessionRecord,
    /// How far it may go: where the browser should be sent next.
    pub access: SessionAccess,
}

/// How far a session at a stage may go for a role.
pub fn access_for(stage: SessionStage, role: UserRole) -> SessionAccess {
    match stage {
        SessionStage::TwoFactor => SessionAccess::Full,
        SessionStage::AwaitingCode => SessionAccess::AwaitingCode,
        SessionStage::Password if requires_second_factor(role) => SessionAccess::EnrolmentOnly,
        SessionStage::Password => SessionAccess::Full,
    }
}

/// How far a live session may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionAccess {
    /// Every page its role allows.
    Full,
    /// Only second-factor enrolment and sign-out.
    EnrolmentOnly,
    /// Only the second-factor code page and sign-out.
    AwaitingCode,
}

/// A session as an administrator sees it: never its secret or its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSummary {
    /// A stable handle derived from the session, safe to put in a form.
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub stage: SessionStage,
}

/// The handle of a session shown to administrators: a one-way function of
/// the stored hash, so it cannot be used as, or turned into, the cookie.
pub fn session_handle(token_hash: &[u8]) -> String {
    let mut input = b"lantern-session-handle:".to_vec();
    input.extend_from_slice(token_hash);
    hex::encode(&fingerprint_bytes(&input)[..16])
}

fn fingerprint_bytes(bytes: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).to_vec()
}

fn invalid(field: &str, problem: Problem) -> AppError {
    AppError::Invalid(ValidationErrors::single(field, problem))
}

impl App {
    /// Hashes off the async runtime: Argon2 is deliberately slow. Refuses
    /// passwords outside the length bounds or on the common-password list.
    pub async fn hash_password(&self, password: String) -> Result<String, AppError> {
        validate_password(&password)
            .map_err(|e| AppError::Invalid(ValidationErrors::single(e.field, e.problem)))?;
        if crate::passwords::is_common(&password) {
            return Err(invalid("password", Problem::CommonPassword));
        }
        tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(|_| AppError::Internal("password hashing"))?
    }

    /// The key failures are counted under: keyed, so the table does not
    /// list usernames (or passwords typed into the username field).
    pub(crate) fn throttle_key(&self, username: &str) -> Vec<u8> {
        self.keys()
            .current()
            .blind_index("login-throttle", &username.trim().to_ascii_lowercase())
            .to_vec()
    }

    /// Refuses an attempt under a username that must still wait.
    pub(crate) async fn check_throttle(&self, key: &[u8]) -> Result<(), AppError> {
        let Some(throttle) = self.storage.login_throttle(key).await? else {
            return Ok(());
        };
        let now = self.now();
        if throttle.last_failure_at < now - FORGET_FAILURES_AFTER {
            return Ok(());
        }
        let until = throttle.last_failure_at + lockout_delay(throttle.failures);
        if now < until {
            let millis = (until - now).num_milliseconds();
            let seconds = u64::try_from((millis + 999) / 1000).unwrap_or(1).max(1);
            return Err(AppError::TooManyAttempts {
                retry_after_seconds: seconds,
            });
        }
        Ok(())
    }

    /// Counts a failure towards the lockout, with the entry recording it
    /// (a failed sign-in or code) in the same transaction.
    pub(crate) async fn record_failure(
        &self,
        key: &[u8],
        audit: Option<&AuditAppend<'_>>,
    ) -> Result<(), AppError> {
        let now = self.now();
        self.storage
            .record_login_failure(key, now, now - FORGET_FAILURES_AFTER, audit)
            .await?;
        Ok(())
    }

    /// Checks a password against a stored hash (or the dummy hash when
    /// there is none) off the async runtime.
    async fn password_matches(
        &self,
        hash: Option<String>,
        password: &str,
    ) -> Result<bool, AppError> {
        let hash = hash.unwrap_or_else(|| self.passwords.dummy_hash.clone());
        let candidate = password.to_owned();
        tokio::task::spawn_blocking(move || verify_password(&candidate, &hash))
            .await
            .map_err(|_| AppError::Internal("password check"))
    }

    /// Checks a username and password and opens a session. Unknown users,
    /// disabled users and wrong passwords all fail the same way after the
    /// same amount of work, and all count towards the lockout. The session
    /// waits for a code when the account has a second factor.
    pub async fn login(&self, username: &str, password: &str) -> Result<NewSession, AppError> {
        let username = username.trim().to_ascii_lowercase();
        let key = self.throttle_key(&username);
        self.check_throttle(&key).await?;
        let credentials = if username.len() <= 64 {
            self.storage.user_credentials(&username).await?
        } else {
            None
        };
        let verified = self
            .password_matches(
                credentials.as_ref().map(|c| c.password_hash.clone()),
                password,
            )
            .await?;
        let user = match credentials {
            Some(c) if verified && !c.user.disabled => c.user,
            known => {
                // The account when it exists (administrators, who alone
                // read the log, list accounts anyway), and always the keyed
                // digest the failures are counted under: never what was
                // typed, which may be a mistyped password.
                let fields = vec![format!(
                    "username-key:{}",
                    hex::encode(key.get(..16).unwrap_or(&key))
                )];
                let entry = self.account_entry(
                    AccountActor::SigningIn(None),
                    actions::SIGN_IN_FAILED,
                    known.map(|c| c.user.id),
                    fields,
                );
                self.record_failure(&key, Some(&entry)).await?;
                return Err(AppError::Unauthenticated);
            }
        };
        let enrolled = self
            .storage
            .second_factor(user.id)
            .await?
            .is_some_and(|f| f.confirmed_at.is_some());
        let stage = if enrolled {
            SessionStage::AwaitingCode
        } else {
            self.storage.clear_login_failures(&key).await?;
            SessionStage::Password
        };
        let entry = self.account_entry(
            AccountActor::SigningIn(Some(user.id)),
            actions::SIGN_IN,
            Some(user.id),
            vec!["method:password".into(), format!("stage:{}", stage.code())],
        );
        let session = self
            .open_session(user.id, user.role, stage, Some(self.now()), Some(&entry))
            .await?;
        tracing::info!(user = %user.id, stage = stage.code(), "password accepted");
        Ok(session)
    }

    /// Stores a new session, with the entry of the sign-in it completes if
    /// any. One that waits for a code lives minutes only.
    pub(crate) async fn open_session(
        &self,
        user: UserId,
        role: UserRole,
        stage: SessionStage,
        authenticated_at: Option<DateTime<Utc>>,
        audit: Option<&AuditAppend<'_>>,
    ) -> Result<NewSession, AppError> {
        let now = self.now();
        let lifetime = if stage == SessionStage::AwaitingCode {
            CODE_WAIT.min(self.settings.session_lifetime)
        } else {
            self.settings.session_lifetime
        };
        let token = random_token();
        let record = SessionRecord {
            token_hash: fingerprint(&token),
            user_id: user,
            csrf_token: random_token(),
            created_at: now,
            last_seen_at: now,
            expires_at: now + lifetime,
            stage,
            authenticated_at,
        };
        self.storage.insert_session(&record, audit).await?;
        Ok(NewSession {
            token,
            record,
            access: access_for(stage, role),
        })
    }

    /// The session behind a cookie, if it is live, and how far it may go.
    /// Sessions end after their lifetime or after a period without use.
    pub async fn session(
        &self,
        token: &str,
    ) -> Result<(Actor, SessionRecord, SessionAccess), AppError> {
        let hash = fingerprint(token);
        let (session, user) = self
            .storage
            .session_by_token_hash(&hash)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let now = self.now();
        let idle_limit = session.last_seen_at + self.settings.session_idle_timeout;
        if user.disabled || now >= session.expires_at || now >= idle_limit {
            self.storage.delete_session(&hash, None).await?;
            return Err(AppError::Unauthenticated);
        }
        // Writing on every request would serialise readers behind the
        // database's writer; a minute's precision is enough for idle expiry.
        if now - session.last_seen_at > Duration::minutes(1) {
            self.storage.touch_session(&hash, now).await?;
        }
        let access = access_for(session.stage, user.role);
        let permissions = self.permissions_of(user.role).await?;
        Ok((
            Actor {
                user,
                credential: Credential::Session {
                    authenticated_at: session.authenticated_at,
                },
                permissions,
            },
            session,
            access,
        ))
    }

    /// The actor behind a session cookie, for every page but sign-in,
    /// enrolment and sign-out: only a session that passed every sign-in
    /// step its role requires.
    pub async fn session_actor(&self, token: &str) -> Result<(Actor, SessionRecord), AppError> {
        let (actor, session, access) = self.session(token).await?;
        match access {
            SessionAccess::Full => Ok((actor, session)),
            SessionAccess::EnrolmentOnly => Err(AppError::EnrolmentRequired),
            SessionAccess::AwaitingCode => Err(AppError::SecondFactorRequired),
        }
    }

    pub async fn logout(&self, token: &str) -> Result<(), AppError> {
        let hash = fingerprint(token);
        let user = self
            .storage
            .session_by_token_hash(&hash)
            .await?
            .map(|(session, _)| session.user_id);
        // Nothing is recorded for a token that named no session.
        let entry = user.map(|user| {
            self.account_entry(
                AccountActor::SigningIn(Some(user)),
                actions::SIGN_OUT,
                Some(user),
                Vec::new(),
            )
        });
        self.storage.delete_session(&hash, entry.as_ref()).await?;
        Ok(())
    }

    /// The actor behind an API bearer token, if it is live.
    pub async fn token_actor(&self, token: &str) -> Result<Actor, AppError> {
        let (record, user) = self
            .storage
            .api_token_by_hash(&fingerprint(token))
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if record.revoked_at.is_some() || user.disabled {
            return Err(AppError::Unauthenticated);
        }
        let permissions = self.permissions_of(user.role).await?;
        Ok(Actor {
            user,
            credential: Credential::ApiToken {
                scope: record.scope,
            },
            permissions,
        })
    }

    /// Checks the signed-in user's own password, counting a failure towards
    /// the lockout like a failed sign-in.
    async fn check_own_password(
        &self,
        actor: &Actor,
        field: &str,
        password: &str,
    ) -> Result<(), AppError> {
        let key = self.throttle_key(&actor.user.username);
        self.check_throttle(&key).await?;
        let hash = self
            .storage
            .user_credentials(&actor.user.username)
            .await?
            .map(|c| c.password_hash);
        if self.password_matches(hash, password).await? {
            Ok(())
        } else {
            // A wrong password re-entered by a signed-in user only counts
            // towards the lockout; it records no account event.
            self.record_failure(&key, None).await?;
            Err(invalid(field, Problem::WrongPassword))
        }
    }

    /// Re-authentication: the signed-in user enters their password again,
    /// and the session records when, for [`require_recent_auth`].
    pub async fn reauthenticate(
        &self,
        actor: &Actor,
        session: &SessionRecord,
        password: &str,
    ) -> Result<(), AppError> {
        if session.user_id != actor.id() {
            return Err(AppError::Forbidden);
        }
        self.check_own_password(actor, "password", password).await?;
        self.storage
            .mark_session_authenticated(&session.token_hash, self.now())
            .await?;
        tracing::info!(user = %actor.id(), "password re-entered");
        Ok(())
    }

    /// [`require_recent_auth`] at the application's time.
    pub fn require_recent_auth(&self, actor: &Actor) -> Result<(), AppError> {
        require_recent_auth(actor, self.now())
    }

    /// The signed-in user changes their own password, giving the current
    /// one. Every session of theirs ends; this device gets a new session
    /// at the same sign-in stage.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        session: &SessionRecord,
        current: &str,
        new_password: String,
    ) -> Result<NewSession, AppError> {
        if session.user_id != actor.id() {
            return Err(AppError::Forbidden);
        }
        self.check_own_password(actor, "current_password", current)
            .await?;
        let hash = self.hash_password(new_password).await?;
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            actions::PASSWORD,
            Some(actor.id()),
            vec!["password".into()],
        );
        self.storage
            .set_user_password(actor.id(), &hash, &entry)
            .await?;
        // The replacement session is part of the password change, which
        // its entry already records.
        let fresh = self
            .open_session(
                actor.id(),
                actor.role(),
                session.stage,
                Some(self.now()),
                None,
            )
            .await?;
        tracing::info!(user = %actor.id(), "password changed; sessions ended");
        Ok(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("wrong horse battery", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn lockout_grows_from_the_fifth_failure_to_fifteen_minutes() {
        for failures in 0..5 {
            assert_eq!(lockout_delay(failures), Duration::zero());
        }
        assert_eq!(lockout_delay(5), Duration::seconds(1));
        assert_eq!(lockout_delay(6), Duration::seconds(2));
        assert_eq!(lockout_delay(10), Duration::seconds(32));
        assert_eq!(lockout_delay(14), Duration::seconds(512));
        assert_eq!(lockout_delay(15), Duration::minutes(15));
        assert_eq!(lockout_delay(u32::MAX), Duration::minutes(15));
    }

    #[test]
    fn recent_authentication_lasts_five_minutes() {
        let now = Utc::now();
        let user = lantern_domain::user::User {
            id: UserId::random(),
            username: "a".into(),
            display_name: "A".into(),
            role: UserRole::Admin,
            office_id: lantern_domain::OfficeId::random(),
            language: "en".into(),
            disabled: false,
            supervisor: false,
            created_at: now,
        };
        let with = |credential| Actor {
            user: user.clone(),
            credential,
            permissions: Default::default(),
        };
        let session = |at: Option<DateTime<Utc>>| {
            with(Credential::Session {
                authenticated_at: at,
            })
        };
        assert!(require_recent_auth(&session(Some(now - Duration::minutes(4))), now).is_ok());
        assert!(matches!(
            require_recent_auth(&session(Some(now - Duration::minutes(6))), now),
            Err(AppError::ReauthenticationRequired)
        ));
        assert!(require_recent_auth(&session(None), now).is_err());
        assert!(require_recent_auth(&with(Credential::Console), now).is_ok());
        assert!(matches!(
            require_recent_auth(
                &with(Credential::ApiToken {
                    scope: lantern_storage::TokenScope::ReadWrite
                }),
                now
            ),
            Err(AppError::Forbidden)
        ));
    }
}
