//! Who may do what. Every service operation asks here first; templates and
//! handlers never decide access on their own.

use lantern_domain::vocab::UserRole;
use lantern_storage::TokenScope;

use crate::actor::Credential;
use crate::{Actor, AppError};

/// Actions that the policy rules on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ReadCases,
    EditCases,
    ManageUsers,
}

pub fn allows(actor: &Actor, action: Action) -> bool {
    // A read-only API token may do nothing that changes a record.
    let read_only = matches!(
        actor.credential,
        Credential::ApiToken {
            scope: TokenScope::Read
        }
    );
    if read_only && action != Action::ReadCases {
        return false;
    }
    match action {
        Action::ReadCases => true,
        Action::EditCases => actor.role().may_edit_cases(),
        Action::ManageUsers => actor.role() == UserRole::Admin,
    }
}

pub fn require(actor: &Actor, action: Action) -> Result<(), AppError> {
    if allows(actor, action) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether the actor may see who a person is. Analysts and partners work
/// with de-identified data only.
pub fn sees_identity(actor: &Actor) -> bool {
    !matches!(actor.role(), UserRole::MeAnalyst | UserRole::PartnerViewer)
}

/// Whether a role must sign in with a second factor: every role that can
/// see identifying data.
pub fn requires_second_factor(role: UserRole) -> bool {
    !matches!(role, UserRole::MeAnalyst | UserRole::PartnerViewer)
}
