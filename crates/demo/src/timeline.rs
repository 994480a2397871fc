//! Case timelines: a believable sequence of dated events from intake on,
//! following the office's legal procedure and ending in a status change
//! when the case is no longer active.

use chrono::{DateTime, NaiveDate, Utc};
use lantern_domain::event::{CaseEvent, EventDetails};
use lantern_domain::vocab::{CaseStatus, EventKind, IntakeSource};
use lantern_domain::{CaseId, UserId};

use crate::family::Family;
use crate::offices::OfficeSpec;
use crate::phrases::{Common, Legal};
use crate::rng::{between, chance, id, minutes_after, moment, pick, shift, DemoRng};

/// The people working a case, by what they do on it.
pub(crate) struct Team {
    pub case_worker: UserId,
    pub investigator: Option<UserId>,
    pub lawyer: Option<UserId>,
}

/// What the timeline of one case depends on.
pub(crate) struct CaseFacts<'a> {
    pub case_id: CaseId,
    pub office: &'a OfficeSpec,
    pub intake: NaiveDate,
    pub today: NaiveDate,
    pub status: CaseStatus,
    pub source: IntakeSource,
    pub family: Family,
    pub foreign_victim: bool,
    /// Whether the (youngest) victim was a child at intake.
    pub minor: bool,
    pub team: &'a Team,
    pub created_at: DateTime<Utc>,
}

/// The most events a case gets; the least is intake plus screening.
const MAX_EVENTS: usize = 8;

#[derive(Debug, Clone, Copy)]
struct Step {
    day: u32,
    kind: EventKind,
    title: &'static str,
    notes: &'static [&'static str],
}

impl Step {
    /// Sort rank within a day: intake first, status changes last.
    fn rank(&self) -> u8 {
        match self.kind {
            EventKind::Intake => 0,
            EventKind::StatusChange => 2,
            _ => 1,
        }
    }
}

/// Builds timelines, reusing one scratch buffer across cases.
#[derive(Default)]
pub(crate) struct Timelines {
    steps: Vec<Step>,
}

impl Timelines {
    /// Appends the case's events, oldest first, to `out` and returns when
    /// the last one was recorded.
    pub fn build(
        &mut self,
        rng: &mut DemoRng,
        facts: &CaseFacts<'_>,
        out: &mut Vec<CaseEvent>,
    ) -> DateTime<Utc> {
        self.plan(rng, facts);
        let mut last = facts.created_at;
        for (i, step) in self.steps.iter().enumerate() {
            let occurred_on = shift(facts.intake, i64::from(step.day));
            let recorded_at = if i == 0 {
                facts.created_at
            } else {
                let lag = if chance(rng, 70) {
                    0
                } else {
                    between(rng, 1, 3)
                };
                let on = shift(occurred_on, i64::from(lag)).min(facts.today);
                let at = moment(rng, on, facts.office.utc_work_start, 9);
                if at > last {
                    at
                } else {
                    minutes_after(rng, last, 20)
                }
            };
            last = recorded_at;
            let note = (!step.notes.is_empty() && chance(rng, 45))
                .then(|| pick(rng, step.notes).to_owned());
            out.push(CaseEvent {
                id: id(rng),
                case_id: facts.case_id,
                details: EventDetails {
                    occurred_on,
                    kind: step.kind,
                    title: step.title.to_owned(),
                    note,
                },
                recorded_by: Some(recorder(rng, step.kind, facts.team)),
                recorded_at,
            });
        }
        last
    }

    /// Chooses the steps and their days (counted from intake), in order.
    fn plan(&mut self, rng: &mut DemoRng, facts: &CaseFacts<'_>) {
        let common = Common::of(facts.office.lang);
        let legal = Legal::of(facts.office.jurisdiction);
        let span = u32::try_from((facts.today - facts.intake).num_days()).unwrap_or(0);
        // The day the status last changed; services and hearings of a
        // closed case happen before it, those of a case in follow-up may
        // continue after it.
        let end = match facts.status {
            CaseStatus::Active => span,
            _ => between(rng, span / 3, span),
        };
        let work_until = match facts.status {
            CaseStatus::Active | CaseStatus::FollowUp => span,
            CaseStatus::Closed | CaseStatus::ClosedReferred => end,
        };
        // Older cases have had time for more to happen.
        let budget = (2 + (span / 60).min(4) + between(rng, 0, 2)) as usize;

        let steps = &mut self.steps;
        steps.clear();
        steps.push(Step {
            day: 0,
            kind: EventKind::Intake,
            title: common.intake_title(legal, facts.source, facts.minor),
            notes: common.notes_intake,
        });
        steps.push(Step {
            day: between(rng, 0, end.min(3)),
            kind: EventKind::Screening,
            title: pick(rng, common.screening),
            notes: common.notes_screening,
        });
        let closing = match facts.status {
            CaseStatus::Active => None,
            CaseStatus::FollowUp => Some(common.to_follow_up),
            CaseStatus::Closed => Some(common.closed),
            CaseStatus::ClosedReferred => Some(common.closed_referred),
        };
        if let Some(title) = closing {
            steps.push(Step {
                day: end,
                kind: EventKind::StatusChange,
                title,
                notes: common.notes_status,
            });
        }
        if chance(rng, rescue_chance(facts.source)) {
            steps.push(Step {
                day: between(rng, 0, end.min(5)),
                kind: EventKind::Rescue,
                title: pick(rng, legal.rescue),
                notes: common.notes_rescue,
            });
        }
        if facts.status == CaseStatus::ClosedReferred {
            let title = if facts.foreign_victim && chance(rng, 60) {
                common.repatriation
            } else {
                referral(rng, legal, facts.minor)
            };
            steps.push(Step {
                day: end.saturating_sub(between(rng, 0, 14)),
                kind: EventKind::Referral,
                title,
                notes: common.notes_referral,
            });
        }
        // Care is densest in the first months after intake, and a first
        // service outranks later hearings for a place on the timeline.
        let day = between(rng, 1, work_until.min(120));
        steps.push(service(rng, facts, common, day));
        let complaint_chance = if facts.family == Family::Sexual {
            75
        } else {
            60
        };
        let complaint_day = between(rng, 1, 20);
        let mut complained = None;
        if complaint_day <= work_until && chance(rng, complaint_chance) {
            let era = legal.era(shift(facts.intake, i64::from(complaint_day)));
            let titles = legal.complaint.get(era).copied().unwrap_or_default();
            steps.push(Step {
                day: complaint_day,
                kind: EventKind::PoliceComplaint,
                title: pick(rng, titles),
                notes: common.notes_complaint,
            });
            complained = Some(era);
        }
        if let Some(era) = complained {
            push_hearings(rng, steps, facts, legal, era, complaint_day, work_until);
        }
        for _ in 0..between(rng, 0, 2) {
            let day = early(rng, 1, work_until);
            steps.push(service(rng, facts, common, day));
        }
        if let Some(era) = complained.filter(|_| chance(rng, 25)) {
            steps.push(Step {
                day: between(rng, complaint_day, work_until),
                kind: EventKind::Service,
                title: legal.compensation.get(era).copied().unwrap_or_default(),
                notes: common.notes_service,
            });
        }
        for _ in 0..between(rng, 0, 2) {
            steps.push(Step {
                day: early(rng, 7, work_until),
                kind: EventKind::Note,
                title: pick(rng, common.note),
                notes: common.notes_note,
            });
        }
        if facts.status != CaseStatus::ClosedReferred && chance(rng, 15) {
            steps.push(Step {
                day: between(rng, 7, work_until),
                kind: EventKind::Referral,
                title: referral(rng, legal, facts.minor),
                notes: common.notes_referral,
            });
        }

        // Steps were pushed most important first: keep what fits, then put
        // them in date order.
        steps.retain(|s| s.day <= work_until);
        let floor = if closing.is_some() { 3 } else { 2 };
        steps.truncate(budget.clamp(floor, MAX_EVENTS));
        steps.sort_by_key(|s| (s.day, s.rank()));
    }
}

/// Hearings follow the complaint in procedural order, each one to six
/// months after the last, as far as time allows; a case that has left the
/// active list may have reached judgment.
fn push_hearings(
    rng: &mut DemoRng,
    steps: &mut Vec<Step>,
    facts: &CaseFacts<'_>,
    legal: &Legal,
    era: usize,
    complaint_day: u32,
    until: u32,
) {
    let common = Common::of(facts.office.lang);
    let stages = legal.court.get(era).copied().unwrap_or_default();
    let mut day = complaint_day + between(rng, 15, 60);
    let mut held = 0;
    for stage in stages {
        if day > until {
            break;
        }
        steps.push(Step {
            day,
            kind: EventKind::CourtHearing,
            title: stage,
            notes: common.notes_court,
        });
        held += 1;
        day += between(rng, 30, 180);
    }
    let decided = matches!(facts.status, CaseStatus::Closed | CaseStatus::FollowUp);
    if decided && held >= 3 && day <= until && chance(rng, 55) {
        steps.push(Step {
            day,
            kind: EventKind::CourtHearing,
            title: pick(rng, legal.verdicts),
            notes: common.notes_court,
        });
    }
}

/// A service to the survivor on the given day; children also get school
/// and child-protection services.
fn service(rng: &mut DemoRng, facts: &CaseFacts<'_>, common: &Common, day: u32) -> Step {
    let titles = if facts.minor && chance(rng, 30) {
        common.service_child
    } else {
        common.service
    };
    Step {
        day,
        kind: EventKind::Service,
        title: pick(rng, titles),
        notes: common.notes_service,
    }
}

/// A day in `low..=high` leaning towards `low`: follow-up thins out as a
/// case ages.
fn early(rng: &mut DemoRng, low: u32, high: u32) -> u32 {
    between(rng, low, high).min(between(rng, low, high))
}

/// Where a survivor is referred: children mostly to child protection.
fn referral(rng: &mut DemoRng, legal: &Legal, minor: bool) -> &'static str {
    if minor && chance(rng, 60) {
        legal.referral_child
    } else {
        pick(rng, legal.referral)
    }
}

/// How often a case that arrived this way involved a rescue.
fn rescue_chance(source: IntakeSource) -> u32 {
    match source {
        IntakeSource::PoliceReferral => 80,
        IntakeSource::Hotline | IntakeSource::CommunityTip => 60,
        IntakeSource::OnlineTip => 55,
        IntakeSource::Outreach => 50,
        IntakeSource::FamilyReport => 45,
        IntakeSource::NgoReferral | IntakeSource::GovernmentReferral => 30,
        IntakeSource::SelfReferral => 10,
    }
}

/// Who on the team records an event of this kind: investigators write up
/// rescues and complaints, lawyers hearings, case workers the rest.
fn recorder(rng: &mut DemoRng, kind: EventKind, team: &Team) -> UserId {
    match kind {
        EventKind::Rescue | EventKind::PoliceComplaint => {
            team.investigator.unwrap_or(team.case_worker)
        }
        EventKind::CourtHearing => team
            .lawyer
            .or(team.investigator)
            .unwrap_or(team.case_worker),
        EventKind::Note if chance(rng, 30) => team
            .investigator
            .or(team.lawyer)
            .unwrap_or(team.case_worker),
        _ => team.case_worker,
    }
}
