//! Accounts, offices and API tokens.

use lantern_domain::user::{validate_language, NewUser, User};
use lantern_domain::{OfficeId, UserId, ValidationErrors};
use lantern_storage::{ApiTokenId, ApiTokenRecord};

use crate::actor::Credential;
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
                created_at: self.now(),
            },
            credential: Credential::Console,
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
            created_at: self.now(),
        };
        self.storage
            .insert_user(&user, &hash)
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
        self.storage
            .set_user_disabled(id, disabled, self.now())
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
    /// its hash is kept.
    pub async fn create_api_token(
        &self,
        actor: &Actor,
        user: UserId,
        name: &str,
    ) -> Result<String, AppError> {
        if actor.id() != user {
            require(actor, Action::ManageUsers)?;
        }
        let name = lantern_domain::text::required_line("name", name, 100)
            .map_err(|e| AppError::Invalid(ValidationErrors::single(e.field, e.problem)))?;
        let token = format!("{API_TOKEN_PREFIX}{}", random_token());
        self.storage
            .insert_api_token(&ApiTokenRecord {
                id: ApiTokenId::random(),
                user_id: user,
                name,
                token_hash: fingerprint(&token),
                created_at: self.now(),
                revoked_at: None,
                scope: lantern_storage::TokenScope::ReadWrite,
            })
            .await?;
        Ok(token)
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
