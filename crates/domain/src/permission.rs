//! Which role may do what: a table administrators configure, inside bounds
//! that keep the need-to-know design intact whatever they choose.
//!
//! Three bounds are fixed. Only administrators manage accounts (so no one
//! can grant themselves more, and the last way back in is never removed).
//! Roles that never see identities (M&E analysts, partner viewers) may not
//! edit cases or break glass: both lead to identifying data, and those roles
//! sign in without a second factor. Everything else is the administrators'
//! choice; the defaults are the table in `policy.rs`'s documentation.

use std::collections::BTreeSet;

use crate::validation::{Problem, ValidationErrors};
use crate::vocab::{Permission, UserRole, Vocabulary};

/// Whether administrators may change one cell of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Configurable,
    /// Always granted (`true`) or never (`false`).
    Fixed(bool),
}

pub fn cell(role: UserRole, permission: Permission) -> Cell {
    let sees_identities = !matches!(role, UserRole::MeAnalyst | UserRole::PartnerViewer);
    match permission {
        Permission::ManageUsers => Cell::Fixed(role == UserRole::Admin),
        Permission::EditCases | Permission::BreakGlass if !sees_identities => Cell::Fixed(false),
        _ => Cell::Configurable,
    }
}

/// The table as shipped: every role reads the cases in its scope; casework
/// roles and administrators edit and may break glass.
pub fn granted_by_default(role: UserRole, permission: Permission) -> bool {
    match cell(role, permission) {
        Cell::Fixed(granted) => granted,
        Cell::Configurable => match permission {
            Permission::ReadCases => true,
            Permission::EditCases | Permission::BreakGlass => true,
            Permission::ManageUsers => false,
        },
    }
}

/// The permissions one role has: small enough to copy into every request's
/// actor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PermissionSet(u8);

impl PermissionSet {
    fn bit(permission: Permission) -> u8 {
        let index = Permission::ALL
            .iter()
            .position(|p| *p == permission)
            .unwrap_or(0);
        1 << index
    }

    pub fn all() -> Self {
        let mut set = Self::default();
        for permission in Permission::ALL {
            set.insert(*permission);
        }
        set
    }

    pub fn contains(self, permission: Permission) -> bool {
        self.0 & Self::bit(permission) != 0
    }

    fn insert(&mut self, permission: Permission) {
        self.0 |= Self::bit(permission);
    }
}

/// The whole table. Fixed cells always hold their fixed value, whatever
/// was stored or submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolePermissions {
    grants: BTreeSet<(UserRole, Permission)>,
}

impl Default for RolePermissions {
    fn default() -> Self {
        Self::from_grants(every_cell().filter(|(r, p)| granted_by_default(*r, *p)))
    }
}

fn every_cell() -> impl Iterator<Item = (UserRole, Permission)> {
    UserRole::ALL
        .iter()
        .flat_map(|r| Permission::ALL.iter().map(move |p| (*r, *p)))
}

impl RolePermissions {
    /// The table from stored grants; fixed cells are forced to their value.
    pub fn from_grants(grants: impl IntoIterator<Item = (UserRole, Permission)>) -> Self {
        let stored: BTreeSet<_> = grants.into_iter().collect();
        let grants = every_cell()
            .filter(|cell_key| match cell(cell_key.0, cell_key.1) {
                Cell::Fixed(granted) => granted,
                Cell::Configurable => stored.contains(cell_key),
            })
            .collect();
        Self { grants }
    }

    /// The table an administrator submitted as `role:permission` codes of
    /// the checked boxes. Unknown codes and attempts to change a fixed cell
    /// are refused whole.
    pub fn from_submission<'a>(
        checked: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, ValidationErrors> {
        let mut grants = BTreeSet::new();
        let mut errors = ValidationErrors::default();
        for code in checked {
            let parsed = code.split_once(':').and_then(|(role, permission)| {
                Some((
                    UserRole::from_code(role).ok()?,
                    Permission::from_code(permission).ok()?,
                ))
            });
            match parsed {
                Some((role, permission)) if cell(role, permission) == Cell::Fixed(false) => {
                    errors.push("permissions", Problem::Fixed);
                }
                Some(key) => {
                    grants.insert(key);
                }
                None => errors.push("permissions", Problem::UnknownValue),
            }
        }
        if errors.is_empty() {
            Ok(Self::from_grants(grants))
        } else {
            Err(errors)
        }
    }

    pub fn grants(&self, role: UserRole, permission: Permission) -> bool {
        self.grants.contains(&(role, permission))
    }

    pub fn for_role(&self, role: UserRole) -> PermissionSet {
        let mut set = PermissionSet::default();
        for permission in Permission::ALL {
            if self.grants(role, *permission) {
                set.insert(*permission);
            }
        }
        set
    }

    /// Every granted cell, in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = (UserRole, Permission)> + '_ {
        self.grants.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn defaults_match_the_documented_table() {
        let table = RolePermissions::default();
        assert!(table.grants(UserRole::Admin, Permission::ManageUsers));
        assert!(table.grants(UserRole::Lawyer, Permission::EditCases));
        assert!(table.grants(UserRole::MeAnalyst, Permission::ReadCases));
        assert!(!table.grants(UserRole::PartnerViewer, Permission::BreakGlass));
        assert!(!table.grants(UserRole::CaseWorker, Permission::ManageUsers));
    }

    #[test]
    fn a_submission_cannot_open_a_fixed_cell() {
        let refused = RolePermissions::from_submission(["me_analyst:break_glass"]).unwrap_err();
        assert_eq!(refused.errors()[0].problem, Problem::Fixed);
        assert!(RolePermissions::from_submission(["case_worker:manage_users"]).is_err());
        assert!(RolePermissions::from_submission(["nobody:read_cases"]).is_err());
        assert!(RolePermissions::from_submission(["lawyer"]).is_err());
    }

    #[test]
    fn leaving_out_a_fixed_grant_keeps_it() {
        let table = RolePermissions::from_submission(["lawyer:read_cases"]).unwrap();
        assert!(table.grants(UserRole::Admin, Permission::ManageUsers));
        assert!(table.grants(UserRole::Lawyer, Permission::ReadCases));
        assert!(!table.grants(UserRole::Lawyer, Permission::EditCases));
    }

    fn any_cell() -> impl Strategy<Value = (UserRole, Permission)> {
        (
            prop::sample::select(UserRole::ALL.to_vec()),
            prop::sample::select(Permission::ALL.to_vec()),
        )
    }

    proptest! {
        #[test]
        fn fixed_cells_hold_whatever_is_stored(stored in prop::collection::vec(any_cell(), 0..30)) {
            let table = RolePermissions::from_grants(stored.iter().copied());
            for (role, permission) in every_cell() {
                match cell(role, permission) {
                    Cell::Fixed(granted) => prop_assert_eq!(table.grants(role, permission), granted),
                    Cell::Configurable => prop_assert_eq!(
                        table.grants(role, permission),
                        stored.contains(&(role, permission))
                    ),
                }
                prop_assert_eq!(
                    table.for_role(role).contains(permission),
                    table.grants(role, permission)
                );
            }
        }
    }
}
