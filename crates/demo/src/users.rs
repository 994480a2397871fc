//! Users: per office two case workers, an investigator and a lawyer, plus
//! the organisation-wide administrator, M&E analyst and partner viewer.
//! Passwords are the caller's business.

use chrono::NaiveDate;
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::UserRole;

use crate::cases::Roster;
use crate::offices::{Lang, OfficeSpec, StaffMember, GLOBAL_STAFF};
use crate::rng::{between, id, moment, shift, DemoRng};

/// Accounts were set up before the oldest case was opened.
const ACCOUNTS_DAYS_BEFORE_TODAY: i64 = 6 * 365 + 60;

pub(crate) fn build(
    rng: &mut DemoRng,
    offices: &[(&'static OfficeSpec, Office)],
    today: NaiveDate,
) -> (Vec<User>, Vec<Roster>) {
    let setup = shift(today, -ACCOUNTS_DAYS_BEFORE_TODAY);
    let mut users = Vec::new();
    let mut account = |rng: &mut DemoRng,
                       member: &StaffMember,
                       spec: &OfficeSpec,
                       office: &Office,
                       lang: Lang| {
        let day = shift(setup, i64::from(between(rng, 0, 30)));
        let user = User {
            id: id(rng),
            username: member.username.to_owned(),
            display_name: member.display_name.to_owned(),
            role: member.role,
            office_id: office.id,
            language: lang.code().to_owned(),
            disabled: false,
            supervisor: false,
            created_at: moment(rng, day, spec.utc_work_start, 8),
        };
        let user_id = user.id;
        users.push(user);
        user_id
    };

    for (member, office_index) in GLOBAL_STAFF {
        if let Some((spec, office)) = offices.get(*office_index) {
            account(rng, member, spec, office, Lang::En);
        }
    }
    let mut rosters = Vec::with_capacity(offices.len());
    for (spec, office) in offices {
        let mut roster = Roster {
            case_workers: Vec::with_capacity(2),
            investigator: None,
            lawyer: None,
        };
        for member in spec.staff {
            let user_id = account(rng, member, spec, office, spec.lang);
            match member.role {
                UserRole::CaseWorker => roster.case_workers.push(user_id),
                UserRole::Investigator => roster.investigator = Some(user_id),
                UserRole::Lawyer => roster.lawyer = Some(user_id),
                UserRole::Admin | UserRole::MeAnalyst | UserRole::PartnerViewer => {}
            }
        }
        rosters.push(roster);
    }
    (users, rosters)
}
