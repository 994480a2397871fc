//! The role-permission table: read on every request (from memory), changed
//! by administrators.

use std::sync::Arc;
use std::time::Duration;

use lantern_domain::permission::{PermissionSet, RolePermissions};
use lantern_domain::vocab::UserRole;

use crate::auth::require_recent_auth;
use crate::cache::TimedCache;
use crate::policy::{require, Action};
use crate::{Actor, App, AppError};

/// How long another server sharing the database may go on applying a table
/// an administrator has just changed. This server applies it at once.
pub const PERMISSIONS_FRESH_FOR: Duration = Duration::from_secs(10);

pub(crate) fn permission_cache() -> TimedCache<RolePermissions> {
    TimedCache::new(PERMISSIONS_FRESH_FOR)
}

impl App {
    async fn role_permissions(&self) -> Result<Arc<RolePermissions>, AppError> {
        if let Some(table) = self.permissions.fresh() {
            return Ok(table);
        }
        let table = Arc::new(RolePermissions::from_grants(
            self.storage.role_permissions().await?,
        ));
        self.permissions.store(table.clone());
        Ok(table)
    }

    /// What a role may do now, for the actor of one request.
    pub(crate) async fn permissions_of(&self, role: UserRole) -> Result<PermissionSet, AppError> {
        Ok(self.role_permissions().await?.for_role(role))
    }

    /// The table, for the administrators' page.
    pub async fn permission_table(&self, actor: &Actor) -> Result<RolePermissions, AppError> {
        require(actor, Action::ManageUsers)?;
        Ok(self.role_permissions().await?.as_ref().clone())
    }

    /// Replaces the table with the submitted `role:permission` cells, after
    /// a recent password: a changed table changes what every account may do.
    pub async fn set_permission_table<'a>(
        &self,
        actor: &Actor,
        checked: impl IntoIterator<Item = &'a str>,
    ) -> Result<RolePermissions, AppError> {
        require(actor, Action::ManageUsers)?;
        require_recent_auth(actor, self.now())?;
        let table = RolePermissions::from_submission(checked)?;
        let grants: Vec<_> = table.iter().collect();
        let changed: Vec<String> = grants
            .iter()
            .map(|(role, permission)| format!("{role}:{permission}"))
            .collect();
        let changed: Vec<&str> = changed.iter().map(String::as_str).collect();
        self.storage
            .replace_role_permissions(
                &grants,
                &self.audit(
                    actor,
                    "permissions.replace",
                    "role_permissions",
                    None,
                    &changed,
                ),
            )
            .await?;
        self.permissions.store(Arc::new(table.clone()));
        tracing::warn!(actor = %actor.id(), "role permissions changed");
        Ok(table)
    }
}
