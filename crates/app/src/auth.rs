//! Signing in and proving who you are on each request.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use lantern_domain::user::validate_password;
use lantern_storage::SessionRecord;

use crate::actor::{Actor, Credential};
use crate::secrets::{fingerprint, random_token};
use crate::{App, AppError};

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

/// A new session: the secret goes to the browser, only its hash is stored.
pub struct NewSession {
    pub token: String,
    pub record: SessionRecord,
}

impl App {
    /// Hashes off the async runtime: Argon2 is deliberately slow.
    pub async fn hash_password(&self, password: String) -> Result<String, AppError> {
        validate_password(&password).map_err(|e| {
            AppError::Invalid(lantern_domain::ValidationErrors::single(e.field, e.problem))
        })?;
        tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(|_| AppError::Internal("password hashing"))?
    }

    /// Checks a username and password and opens a session. Unknown users,
    /// disabled users and wrong passwords all fail the same way after the
    /// same amount of work.
    pub async fn login(&self, username: &str, password: &str) -> Result<NewSession, AppError> {
        let username = username.trim().to_ascii_lowercase();
        let credentials = if username.len() <= 64 {
            self.storage.user_credentials(&username).await?
        } else {
            None
        };
        let hash = credentials
            .as_ref()
            .map(|c| c.password_hash.clone())
            .unwrap_or_else(|| self.passwords.dummy_hash.clone());
        let candidate = password.to_owned();
        let verified = tokio::task::spawn_blocking(move || verify_password(&candidate, &hash))
            .await
            .map_err(|_| AppError::Internal("password check"))?;
        let user = match credentials {
            Some(c) if verified && !c.user.disabled => c.user,
            _ => return Err(AppError::Unauthenticated),
        };
        let now = self.now();
        let token = random_token();
        let record = SessionRecord {
            token_hash: fingerprint(&token),
            user_id: user.id,
            csrf_token: random_token(),
            created_at: now,
            last_seen_at: now,
            expires_at: now + self.settings.session_lifetime,
            stage: lantern_storage::SessionStage::Password,
            authenticated_at: Some(now),
        };
        self.storage.insert_session(&record).await?;
        tracing::info!(user = %user.id, "signed in");
        Ok(NewSession { token, record })
    }

    /// The actor behind a session cookie, if the session is live. Sessions
    /// end after their lifetime or after a period without use.
    pub async fn session_actor(&self, token: &str) -> Result<(Actor, SessionRecord), AppError> {
        let hash = fingerprint(token);
        let (session, user) = self
            .storage
            .session_by_token_hash(&hash)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let now = self.now();
        let idle_limit = session.last_seen_at + self.settings.session_idle_timeout;
        if user.disabled || now >= session.expires_at || now >= idle_limit {
            self.storage.delete_session(&hash).await?;
            return Err(AppError::Unauthenticated);
        }
        // Writing on every request would serialise readers behind the
        // database's writer; a minute's precision is enough for idle expiry.
        if now - session.last_seen_at > chrono::Duration::minutes(1) {
            self.storage.touch_session(&hash, now).await?;
        }
        Ok((
            Actor {
                user,
                credential: Credential::Session,
            },
            session,
        ))
    }

    pub async fn logout(&self, token: &str) -> Result<(), AppError> {
        self.storage.delete_session(&fingerprint(token)).await?;
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
        Ok(Actor {
            user,
            credential: Credential::ApiToken,
        })
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
}
