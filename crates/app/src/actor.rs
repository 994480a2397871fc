//! Who is acting: the signed-in user and how they proved it.

use chrono::{DateTime, Utc};
use lantern_domain::permission::PermissionSet;
use lantern_domain::user::User;
use lantern_domain::vocab::UserRole;
use lantern_domain::{OfficeId, UserId};
use lantern_storage::TokenScope;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// A browser session that passed every sign-in step its role requires.
    Session {
        /// When the password was last entered in this session.
        authenticated_at: Option<DateTime<Utc>>,
    },
    ApiToken {
        scope: TokenScope,
    },
    /// The local administrator at the command line.
    Console,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub user: User,
    pub credential: Credential,
    /// What the user's role may do, from the administrators' table as it
    /// stood when this request began.
    pub permissions: PermissionSet,
}

impl Actor {
    pub fn id(&self) -> UserId {
        self.user.id
    }

    pub fn role(&self) -> UserRole {
        self.user.role
    }

    pub fn office(&self) -> OfficeId {
        self.user.office_id
    }
}
