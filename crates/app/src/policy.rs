//! Who may see and do what. Every service operation asks here first;
//! templates and handlers never decide access on their own.
//!
//! Two questions are answered: may this role take this kind of action at
//! all, and how much of one case may this user see. The second is the
//! need-to-know rule:
//!
//! | role | cases listed | identities shown |
//! |---|---|---|
//! | case worker, investigator, lawyer | their teams' cases (supervisors: their office's too) | on their teams' cases |
//! | admin | every case | only through break-glass |
//! | M&E analyst | every case | never |
//! | partner viewer | their office's cases | never |
//!
//! Anyone who may break glass sees a case in full for an hour after giving a
//! written reason. A case the user may not see at all is reported exactly as
//! a missing one.

use lantern_domain::vocab::UserRole;
use lantern_domain::{CaseId, PersonId};
use lantern_storage::{CaseAccess, CaseScope, TokenScope};

use crate::actor::Credential;
use crate::{Actor, App, AppError};

/// Kinds of action, granted per role by the administrators' table
/// (`lantern_domain::permission`).
pub use lantern_domain::vocab::Permission as Action;

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
    actor.permissions.contains(action)
}

pub fn require(actor: &Actor, action: Action) -> Result<(), AppError> {
    if allows(actor, action) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// How much of a case a user may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sight {
    None,
    /// The case, its people by pseudonym, age band and gender, the timeline's
    /// dates and titles; no identities, notes, summary or files.
    DeIdentified,
    Full,
}

fn is_casework(role: UserRole) -> bool {
    matches!(
        role,
        UserRole::CaseWorker | UserRole::Investigator | UserRole::Lawyer
    )
}

/// The sight a user has of one case, from their standing to it.
pub fn sight(actor: &Actor, access: &CaseAccess) -> Sight {
    let granted = access.grant_until.is_some();
    let role = actor.role();
    match role {
        _ if granted && allows(actor, Action::BreakGlass) => Sight::Full,
        UserRole::Admin | UserRole::MeAnalyst => Sight::DeIdentified,
        UserRole::PartnerViewer if access.office_id == actor.office() => Sight::DeIdentified,
        UserRole::PartnerViewer => Sight::None,
        _ if access.on_team => Sight::Full,
        _ if is_casework(role) && actor.user.supervisor && access.office_id == actor.office() => {
            Sight::DeIdentified
        }
        _ => Sight::None,
    }
}

impl App {
    /// The cases a user's lists may contain.
    pub(crate) fn case_scope(&self, actor: &Actor) -> CaseScope {
        match actor.role() {
            UserRole::Admin | UserRole::MeAnalyst => CaseScope::All,
            UserRole::PartnerViewer => CaseScope::Office(actor.office()),
            UserRole::CaseWorker | UserRole::Investigator | UserRole::Lawyer => CaseScope::Member {
                user: actor.id(),
                office: actor.user.supervisor.then(|| actor.office()),
                at: self.now(),
            },
        }
    }

    /// Whether a user's search may match people by name or phone: only
    /// where every listed case is one they see in full.
    pub(crate) fn may_search_identities(&self, actor: &Actor) -> bool {
        is_casework(actor.role()) && !actor.user.supervisor
    }

    /// The user's sight of a case; a case they may not see is `NotFound`.
    pub(crate) async fn case_sight(&self, actor: &Actor, case: CaseId) -> Result<Sight, AppError> {
        require(actor, Action::ReadCases)?;
        let access = self
            .storage
            .case_access(case, actor.id(), self.now())
            .await?
            .ok_or(AppError::NotFound("case"))?;
        match sight(actor, &access) {
            Sight::None => Err(AppError::NotFound("case")),
            seen => Ok(seen),
        }
    }

    /// Requires full sight of a case (team member or break-glass) for
    /// changes, which may touch identifying data.
    pub(crate) async fn require_full_sight(
        &self,
        actor: &Actor,
        case: CaseId,
    ) -> Result<(), AppError> {
        require(actor, Action::EditCases)?;
        match self.case_sight(actor, case).await? {
            Sight::Full => Ok(()),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The user's sight of a person: the best over the cases they are in,
    /// with the per-case sights for filtering the person's case list.
    pub(crate) async fn person_sight(
        &self,
        actor: &Actor,
        person: PersonId,
    ) -> Result<(Sight, Vec<(CaseId, Sight)>), AppError> {
        require(actor, Action::ReadCases)?;
        let per_case: Vec<(CaseId, Sight)> = self
            .storage
            .person_access(person, actor.id(), self.now())
            .await?
            .iter()
            .map(|access| (access.case_id, sight(actor, access)))
            .collect();
        let best = per_case
            .iter()
            .map(|(_, s)| *s)
            .max()
            .unwrap_or(Sight::None);
        if best == Sight::None {
            return Err(AppError::NotFound("person"));
        }
        if outside_organisation(actor) && self.consented_to_sharing(&[person]).await?.is_empty() {
            return Err(AppError::NotFound("person"));
        }
        Ok((best, per_case))
    }
}

/// Whether the actor works for another organisation: a person's data
/// reaches them only while the person consents to sharing.
pub fn outside_organisation(actor: &Actor) -> bool {
    actor.role() == UserRole::PartnerViewer
}

/// Who may open the review queue of probable duplicates: case workers,
/// investigators and lawyers, and administrators. Analysts and partner
/// viewers never see it: its reasons come from identities.
pub fn may_review_duplicates(actor: &Actor) -> bool {
    is_casework(actor.role()) || actor.role() == UserRole::Admin
}

/// How a user sees a pair of probable duplicates, from the lesser of their
/// sights of the two people: casework sees only pairs it sees in full (a
/// pair never reveals a person kept from them); administrators see every
/// pair de-identified (pseudonyms, probability, reasons), and in full only
/// through break-glass on both people's cases.
pub fn pair_sight(actor: &Actor, lesser: Sight) -> Option<Sight> {
    match (actor.role(), lesser) {
        (_, Sight::Full) if may_review_duplicates(actor) => Some(Sight::Full),
        (UserRole::Admin, Sight::DeIdentified) => Some(Sight::DeIdentified),
        _ => None,
    }
}

/// Whether a role must sign in with a second factor: every role that can
/// see identifying data.
pub fn requires_second_factor(role: UserRole) -> bool {
    !matches!(role, UserRole::MeAnalyst | UserRole::PartnerViewer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::Credential;
    use lantern_domain::user::User;
    use lantern_domain::{OfficeId, UserId};

    fn actor(role: UserRole, office: OfficeId, supervisor: bool) -> Actor {
        Actor {
            user: User {
                id: UserId::random(),
                username: "u".into(),
                display_name: "U".into(),
                role,
                office_id: office,
                language: "en".into(),
                disabled: false,
                supervisor,
                created_at: chrono::DateTime::UNIX_EPOCH,
            },
            credential: Credential::Session {
                authenticated_at: None,
            },
            permissions: lantern_domain::permission::RolePermissions::default().for_role(role),
        }
    }

    fn access(office: OfficeId, on_team: bool, granted: bool) -> CaseAccess {
        CaseAccess {
            case_id: CaseId::random(),
            office_id: office,
            on_team,
            grant_until: granted.then_some(chrono::DateTime::UNIX_EPOCH),
        }
    }

    #[test]
    fn need_to_know_table() {
        let here = OfficeId::random();
        let there = OfficeId::random();
        use Sight::*;
        use UserRole::*;
        let cases = [
            // role, supervisor, case office, on team, grant → sight
            (CaseWorker, false, here, true, false, Full),
            (CaseWorker, false, here, false, false, None),
            (CaseWorker, true, here, false, false, DeIdentified),
            (CaseWorker, true, there, false, false, None),
            (Investigator, false, there, false, true, Full),
            (Lawyer, false, here, true, false, Full),
            (Admin, false, there, false, false, DeIdentified),
            (Admin, false, there, false, true, Full),
            (MeAnalyst, false, here, true, false, DeIdentified),
            (MeAnalyst, false, here, false, true, DeIdentified),
            (PartnerViewer, false, here, false, false, DeIdentified),
            (PartnerViewer, false, there, false, false, None),
        ];
        for (role, supervisor, office, team, grant, expected) in cases {
            let who = actor(role, here, supervisor);
            assert_eq!(
                sight(&who, &access(office, team, grant)),
                expected,
                "{role:?} {supervisor} {team} {grant}"
            );
        }
    }

    #[test]
    fn only_casework_and_admins_act() {
        let office = OfficeId::random();
        assert!(allows(
            &actor(UserRole::Lawyer, office, false),
            Action::EditCases
        ));
        assert!(!allows(
            &actor(UserRole::MeAnalyst, office, false),
            Action::EditCases
        ));
        assert!(!allows(
            &actor(UserRole::PartnerViewer, office, false),
            Action::BreakGlass
        ));
        assert!(allows(
            &actor(UserRole::Admin, office, false),
            Action::BreakGlass
        ));
        assert!(!allows(
            &actor(UserRole::CaseWorker, office, false),
            Action::ManageUsers
        ));
    }
}
