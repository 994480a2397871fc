//! Accounts, offices and API tokens.

use lantern_domain::user::{validate_language, NewUser, User};
use lantern_domain::vocab::UserRole;
use lantern_domain::{OfficeId, UserId, ValidationErrors};
use lantern_storage::{ApiTokenId, ApiTokenRecord, TokenScope};

use crate::actor::Credential;
use crate::audit::{actions, AccountActor};
use crate::auth::{session_handle, SessionSummary};
use crate::policy::{require, Action};
use crate::secrets::{fingerprint, random_token};
use crate::{Actor, App, AppError};

/// Prefix of API tokens, so a leaked token is recognisable in a scan.
pub const API_TOKEN_PREFIX: &str = "lt_";

impl App {
    /// The console actor: the local administrator running the CLI, who
    /// already holds the database and its keys.
    pub fn console_actor(&self, office: OfficeId) -> Actor {
        Actor {
            user: User {
                id: UserId::from_uuid(uuid::Uuid::nil()),
                username: "console".into(),
                display_name: "Console".into(),
                role: lantern_domain::vocab::UserRole::Admin,
                office_id: office,
                language: "en".into(),
                disabled: false,
                supervisor: false,
                created_at: self.now(),
            },
            credential: Credential::Console,
            // Whoever runs the console holds the database and its keys.
            permissions: lantern_domain::permission::PermissionSet::all(),
        }
    }

    pub async fn create_user(
        &self,
        actor: &Actor,
        new_user: NewUser,
        password: String,
    ) -> Result<User, AppError> {
        require(actor, Action::ManageUsers)?;
        let hash = self.hash_password(password).await?;
        let user = User {
            id: UserId::random(),
            username: new_user.username,
            display_name: new_user.display_name,
            role: new_user.role,
            office_id: new_user.office_id,
            language: new_user.language,
            disabled: false,
            supervisor: false,
            created_at: self.now(),
        };
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            actions::CREATE,
            Some(user.id),
            vec![
                "username".into(),
                "display_name".into(),
                format!(
                    "role:{}",
                    lantern_domain::vocab::Vocabulary::code(user.role)
                ),
                "office".into(),
                "password".into(),
            ],
        );
        self.storage
            .insert_user(&user, &hash, &entry)
            .await
            .map_err(|e| match e {
                lantern_storage::StorageError::MissingReference(_) => {
                    AppError::Invalid(ValidationErrors::single(
                        "office",
                        lantern_domain::validation::Problem::UnknownValue,
                    ))
                }
                lantern_storage::StorageError::Conflict(_) => {
                    AppError::Invalid(ValidationErrors::single(
                        "username",
                        lantern_domain::validation::Problem::UnknownValue,
                    ))
                }
                other => other.into(),
            })?;
        tracing::info!(user = %user.id, actor = %actor.id(), "user created");
        Ok(user)
    }

    pub async fn list_users(&self, actor: &Actor) -> Result<Vec<User>, AppError> {
        require(actor, Action::ManageUsers)?;
        Ok(self.storage.list_users().await?)
    }

    pub async fn find_user(&self, actor: &Actor, username: &str) -> Result<User, AppError> {
        require(actor, Action::ManageUsers)?;
        let username = username.trim().to_ascii_lowercase();
        self.storage
            .user_credentials(&username)
            .await?
            .map(|c| c.user)
            .ok_or(AppError::NotFound("user"))
    }

    pub async fn set_user_disabled(
        &self,
        actor: &Actor,
        id: UserId,
        disabled: bool,
    ) -> Result<(), AppError> {
        require(actor, Action::ManageUsers)?;
        let action = if disabled {
            actions::DISABLE
        } else {
            actions::ENABLE
        };
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            action,
            Some(id),
            vec!["disabled".into()],
        );
        self.storage
            .set_user_disabled(id, disabled, self.now(), &entry)
            .await?;
        tracing::info!(user = %id, actor = %actor.id(), disabled, "user access changed");
        Ok(())
    }

    pub async fn set_language(&self, actor: &Actor, language: &str) -> Result<String, AppError> {
        let language = validate_language(language)
            .map_err(|e| AppError::Invalid(ValidationErrors::single(e.field, e.problem)))?;
        self.storage
            .set_user_language(actor.id(), &language)
            .await?;
        Ok(language)
    }

    /// Issues an API token for a user. The secret is returned once and only
    /// its hash is kept. From the web UI this needs the password entered in
    /// the last five minutes; an API token cannot issue tokens.
    pub async fn create_api_token(
        &self,
        actor: &Actor,
        user: UserId,
        name: &str,
        scope: TokenScope,
    ) -> Result<String, AppError> {
        if actor.id() != user {
            require(actor, Action::ManageUsers)?;
        }
        self.require_recent_auth(actor)?;
        let name = lantern_domain::text::required_line("name", name, 100)
            .map_err(|e| AppError::Invalid(ValidationErrors::single(e.field, e.problem)))?;
        let token = format!("{API_TOKEN_PREFIX}{}", random_token());
        let id = ApiTokenId::random();
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            actions::TOKEN_ISSUE,
            Some(user),
            vec![format!("token:{id}"), format!("scope:{}", scope.code())],
        );
        self.storage
            .insert_api_token(
                &ApiTokenRecord {
                    id,
                    user_id: user,
                    name,
                    token_hash: fingerprint(&token),
                    created_at: self.now(),
                    revoked_at: None,
                    scope,
                },
                &entry,
            )
            .await?;
        tracing::info!(user = %user, actor = %actor.id(), scope = scope.code(), "api token issued");
        Ok(token)
    }

    /// A user's API tokens (their own, or anyone's for an administrator).
    pub async fn list_api_tokens(
        &self,
        actor: &Actor,
        user: UserId,
    ) -> Result<Vec<ApiTokenRecord>, AppError> {
        if actor.id() != user || matches!(actor.credential, Credential::ApiToken { .. }) {
            require(actor, Action::ManageUsers)?;
        }
        Ok(self.storage.list_api_tokens(user).await?)
    }

    pub async fn revoke_api_token(
        &self,
        actor: &Actor,
        user: UserId,
        token: ApiTokenId,
    ) -> Result<(), AppError> {
        if actor.id() != user || matches!(actor.credential, Credential::ApiToken { .. }) {
            require(actor, Action::ManageUsers)?;
        }
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            actions::TOKEN_REVOKE,
            Some(user),
            vec![format!("token:{token}")],
        );
        self.storage
            .revoke_api_token(user, token, self.now(), &entry)
            .await?;
        tracing::info!(user = %user, actor = %actor.id(), "api token revoked");
        Ok(())
    }

    /// Changes a user's role; needs the administrator's password entered in
    /// the last five minutes.
    pub async fn set_user_role(
        &self,
        actor: &Actor,
        user: UserId,
        role: &str,
    ) -> Result<(), AppError> {
        // Permission before input: a refusal must not depend on the form.
        require(actor, Action::ManageUsers)?;
        let role = <UserRole as lantern_domain::vocab::Vocabulary>::parse_field("role", role)
            .map_err(|e| {
                AppError::Invalid(lantern_domain::ValidationErrors::single(e.field, e.problem))
            })?;
        self.require_recent_auth(actor)?;
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            actions::ROLE,
            Some(user),
            vec![format!(
                "role:{}",
                lantern_domain::vocab::Vocabulary::code(role)
            )],
        );
        self.storage.set_user_role(user, role, &entry).await?;
        tracing::info!(user = %user, actor = %actor.id(), role = lantern_domain::vocab::Vocabulary::code(role), "role changed");
        Ok(())
    }

    /// An administrator sets a user's password (e.g. `lantern user
    /// password`); every session of the user ends.
    pub async fn set_user_password(
        &self,
        actor: &Actor,
        user: UserId,
        password: String,
    ) -> Result<(), AppError> {
        require(actor, Action::ManageUsers)?;
        self.require_recent_auth(actor)?;
        let hash = self.hash_password(password).await?;
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            actions::PASSWORD,
            Some(user),
            vec!["password".into()],
        );
        self.storage.set_user_password(user, &hash, &entry).await?;
        tracing::info!(user = %user, actor = %actor.id(), "password set; sessions ended");
        Ok(())
    }

    /// A user's sessions, newest first, without their secrets.
    pub async fn list_sessions(
        &self,
        actor: &Actor,
        user: UserId,
    ) -> Result<Vec<SessionSummary>, AppError> {
        require(actor, Action::ManageUsers)?;
        Ok(self
            .storage
            .list_user_sessions(user)
            .await?
            .into_iter()
            .map(|s| SessionSummary {
                id: session_handle(&s.token_hash),
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
                stage: s.stage,
            })
            .collect())
    }

    /// Ends one session of a user, named by the handle `list_sessions` gave.
    pub async fn end_session(
        &self,
        actor: &Actor,
        user: UserId,
        handle: &str,
    ) -> Result<(), AppError> {
        require(actor, Action::ManageUsers)?;
        let session = self
            .storage
            .list_user_sessions(user)
            .await?
            .into_iter()
            .find(|s| crate::secrets::constant_time_eq(&session_handle(&s.token_hash), handle))
            .ok_or(AppError::NotFound("session"))?;
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            actions::SESSION_END,
            Some(user),
            vec![format!("session:{handle}")],
        );
        self.storage
            .delete_session(&session.token_hash, Some(&entry))
            .await?;
        tracing::info!(user = %user, actor = %actor.id(), "session ended");
        Ok(())
    }

    pub async fn end_all_sessions(&self, actor: &Actor, user: UserId) -> Result<u64, AppError> {
        require(actor, Action::ManageUsers)?;
        // The storage adds `sessions:N`, the number it ended.
        let entry = self.account_entry(
            AccountActor::Actor(actor),
            actions::SESSIONS_END_ALL,
            Some(user),
            Vec::new(),
        );
        let ended = self.storage.delete_user_sessions(user, &entry).await?;
        tracing::info!(user = %user, actor = %actor.id(), ended, "sessions ended");
        Ok(ended)
    }

    /// Finds a user by id, for administration pages.
    pub async fn get_user(&self, actor: &Actor, id: UserId) -> Result<User, AppError> {
        require(actor, Action::ManageUsers)?;
        self.storage
            .get_user(id)
            .await?
            .ok_or(AppError::NotFound("user"))
    }
}

impl App {
    /// People who can be put on a case team: active caseworkers,
    /// investigators and lawyers (and admins) of the organisation.
    pub async fn team_candidates(&self, actor: &Actor) -> Result<Vec<User>, AppError> {
        require(actor, Action::EditCases)?;
        let mut users: Vec<User> = self
            .storage
            .list_users()
            .await?
            .into_iter()
            .filter(|u| !u.disabled && u.role.may_edit_cases())
            .collect();
        // The actor's own office first: teams are mostly local.
        users.sort_by_key(|u| (u.office_id != actor.office(), u.display_name.clone()));
        Ok(users)
    }
}
