//! Meetings (overleg) and the actions (afspraken) agreed in them.
//!
//! Meeting: planned → in session → held (draft report) → report approved.
//! Action: open → in progress → done | cancelled; "overdue" is derived from the due date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::ids::OrganisationId;
use crate::transition::IllegalTransition;
use crate::validation::{Field, FieldError, Problem};

pub const MAX_ACTION_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Planned,
    InSession,
    Held,
    ReportApproved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingAction {
    Open,
    Close,
    ApproveReport,
}

impl MeetingAction {
    pub fn code(self) -> &'static str {
        match self {
            MeetingAction::Open => "open",
            MeetingAction::Close => "close",
            MeetingAction::ApproveReport => "approve_report",
        }
    }
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 4] = [
        MeetingStatus::Planned,
        MeetingStatus::InSession,
        MeetingStatus::Held,
        MeetingStatus::ReportApproved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "planned",
            MeetingStatus::InSession => "in_session",
            MeetingStatus::Held => "held",
            MeetingStatus::ReportApproved => "report_approved",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn apply(self, action: MeetingAction) -> Result<MeetingStatus, IllegalTransition> {
        use MeetingStatus as S;
        match (self, action) {
            (S::Planned, MeetingAction::Open) => Ok(S::InSession),
            (S::InSession, MeetingAction::Close) => Ok(S::Held),
            (S::Held, MeetingAction::ApproveReport) => Ok(S::ReportApproved),
            (from, a) => Err(IllegalTransition::new("meeting", from.code(), a.code())),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Present,
    Excused,
    Absent,
}

impl Presence {
    pub const ALL: [Presence; 3] = [Presence::Present, Presence::Excused, Presence::Absent];

    pub fn code(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Excused => "excused",
            Presence::Absent => "absent",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Cancelled,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn is_finished(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Cancelled)
    }

    /// Moving to `to`: open ⇄ in progress, either → done or cancelled; a finished action stays
    /// finished (a new action is agreed instead).
    pub fn change_to(self, to: ActionStatus) -> Result<ActionStatus, IllegalTransition> {
        if self == to {
            return Ok(to);
        }
        if self.is_finished() {
            return Err(IllegalTransition::new("action", self.code(), to.code()));
        }
        Ok(to)
    }

    /// Overdue: not finished and the due date has passed.
    pub fn is_overdue(self, due: NaiveDate, today: NaiveDate) -> bool {
        !self.is_finished() && due < today
    }
}

/// The action form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDraft {
    pub what: String,
    pub owner: Option<OrganisationId>,
    /// A person within the owner organisation, optional.
    pub owner_person: String,
    pub due: String,
    pub expected_feedback: String,
}

/// A checked action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAction {
    pub what: String,
    pub owner: OrganisationId,
    pub owner_person: String,
    pub due: NaiveDate,
    pub expected_feedback: String,
}

impl ActionDraft {
    pub fn validate(&self, today: NaiveDate) -> Result<NewAction, Vec<FieldError>> {
        let mut errors = Vec::new();
        let what = self.what.trim();
        if what.is_empty() {
            errors.push(FieldError::new(Field::ActionWhat, Problem::Required));
        } else if what.chars().count() > MAX_ACTION_CHARS {
            errors.push(FieldError::new(
                Field::ActionWhat,
                Problem::TooLong {
                    max: MAX_ACTION_CHARS,
                },
            ));
        }
        if self.owner.is_none() {
            errors.push(FieldError::new(Field::ActionOwner, Problem::Required));
        }
        let due = match parse_date(&self.due) {
            Ok(None) => {
                errors.push(FieldError::new(Field::ActionDue, Problem::Required));
                None
            }
            Ok(Some(d)) if d < today => {
                errors.push(FieldError::new(Field::ActionDue, Problem::InPast));
                None
            }
            Ok(d) => d,
            Err(p) => {
                errors.push(FieldError::new(Field::ActionDue, p));
                None
            }
        };
        if self.expected_feedback.trim().chars().count() > MAX_ACTION_CHARS {
            errors.push(FieldError::new(
                Field::ActionFeedback,
                Problem::TooLong {
                    max: MAX_ACTION_CHARS,
                },
            ));
        }
        match (self.owner, due) {
            (Some(owner), Some(due)) if errors.is_empty() => Ok(NewAction {
                what: what.to_string(),
                owner,
                owner_person: self.owner_person.trim().to_string(),
                due,
                expected_feedback: self.expected_feedback.trim().to_string(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_meeting_runs_in_order() {
        let s = MeetingStatus::Planned;
        assert!(s.apply(MeetingAction::Close).is_err());
        let s = s.apply(MeetingAction::Open).unwrap();
        let s = s.apply(MeetingAction::Close).unwrap();
        assert_eq!(s, MeetingStatus::Held);
        assert_eq!(
            s.apply(MeetingAction::ApproveReport).unwrap(),
            MeetingStatus::ReportApproved
        );
    }

    #[test]
    fn actions_are_checked() {
        let today = d(2026, 11, 28);
        let errs = ActionDraft::default().validate(today).unwrap_err();
        let fields: Vec<Field> = errs.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![Field::ActionWhat, Field::ActionOwner, Field::ActionDue]
        );
        let mut a = ActionDraft {
            what: " Huisbezoek plannen ".into(),
            owner: Some(OrganisationId(Uuid::from_u128(1))),
            owner_person: "".into(),
            due: "27/11/2026".into(),
            expected_feedback: "Kort verslag".into(),
        };
        assert_eq!(
            a.validate(today).unwrap_err(),
            vec![FieldError::new(Field::ActionDue, Problem::InPast)]
        );
        a.due = "12/12/2026".into();
        assert_eq!(a.validate(today).unwrap().what, "Huisbezoek plannen");
    }

    proptest! {
        /// A finished action never changes again; overdue only while unfinished and past due.
        #[test]
        fn action_status_rules(steps in proptest::collection::vec(0usize..4, 0..10), due_offset in -5i64..5) {
            let today = d(2026, 11, 28);
            let due = today + chrono::Duration::days(due_offset);
            let mut s = ActionStatus::Open;
            for i in steps {
                let to = ActionStatus::ALL[i];
                match s.change_to(to) {
                    Ok(next) => { prop_assert!(!s.is_finished() || s == to); s = next; }
                    Err(_) => prop_assert!(s.is_finished()),
                }
                prop_assert_eq!(s.is_overdue(due, today), !s.is_finished() && due_offset < 0);
            }
        }
    }
}

pub const MAX_PLACE_CHARS: usize = 200;

/// A meeting as listed (its content lives in the meeting document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: crate::ids::MeetingId,
    pub table_id: crate::ids::TableId,
    pub date: NaiveDate,
    pub place: String,
    pub status: MeetingStatus,
}

/// An action as listed ("my actions", overdue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSummary {
    pub id: crate::ids::ActionId,
    pub case_id: crate::ids::CaseId,
    /// The case's pseudonymous code, for lists.
    pub case_code: String,
    pub meeting_id: crate::ids::MeetingId,
    pub what: String,
    pub owner: OrganisationId,
    pub owner_person: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
    /// Whether this device may set its status and add progress notes (`rights::Act::ReportOnAction`).
    #[serde(default)]
    pub may_update: bool,
}

/// A progress note on an action, as shown under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressNoteView {
    /// RFC 3339, as written by the device that added it.
    pub at: String,
    /// Who wrote it (the profile owner's name on that device).
    pub by: String,
    pub text: String,
}

impl ActionSummary {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_overdue(self.due, today)
    }
}

/// The "plan a meeting" form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDraft {
    pub date: String,
    pub place: String,
}

impl MeetingDraft {
    /// A meeting may be planned for today or later (a past meeting is recorded, not planned).
    pub fn validate(&self, today: NaiveDate) -> Result<(NaiveDate, String), Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = match parse_date(&self.date) {
            Ok(None) => {
                errors.push(FieldError::new(Field::MeetingDate, Problem::Required));
                None
            }
            Ok(Some(d)) if d < today => {
                errors.push(FieldError::new(Field::MeetingDate, Problem::InPast));
                None
            }
            Ok(d) => d,
            Err(p) => {
                errors.push(FieldError::new(Field::MeetingDate, p));
                None
            }
        };
        let place = self.place.trim();
        if place.is_empty() {
            errors.push(FieldError::new(Field::MeetingPlace, Problem::Required));
        } else if place.chars().count() > MAX_PLACE_CHARS {
            errors.push(FieldError::new(
                Field::MeetingPlace,
                Problem::TooLong {
                    max: MAX_PLACE_CHARS,
                },
            ));
        }
        match date {
            Some(d) if errors.is_empty() => Ok((d, place.to_string())),
            _ => Err(errors),
        }
    }
}

/// Why a case is on the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgendaKind {
    /// Admitted and not yet discussed.
    NewCase,
    /// A returning case whose review date has come (terugkomdossier).
    Review,
    /// A theme, not a case.
    Thematic,
}

impl AgendaKind {
    pub fn code(self) -> &'static str {
        match self {
            AgendaKind::NewCase => "new_case",
            AgendaKind::Review => "review",
            AgendaKind::Thematic => "thematic",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            AgendaKind::NewCase,
            AgendaKind::Review,
            AgendaKind::Thematic,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// One agenda item, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaEntry {
    pub id: String,
    pub position: i64,
    pub kind: AgendaKind,
    pub case_id: Option<crate::ids::CaseId>,
    pub title: String,
}

/// One participant's attendance at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceEntry {
    pub participant_id: crate::ids::ParticipantId,
    pub presence: Presence,
    pub secrecy_confirmed: bool,
}

/// A meeting with its agenda and attendance, as the meeting page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub meeting: Meeting,
    pub agenda: Vec<AgendaEntry>,
    pub attendance: Vec<AttendanceEntry>,
    pub general_notes: String,
}

/// What the agenda proposal needs to know of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaCandidate {
    pub case_id: crate::ids::CaseId,
    pub code: String,
    pub status: crate::case::CaseStatus,
    pub next_review: Option<NaiveDate>,
}

/// The proposed agenda for a meeting on `date`: new cases first (by code), then the returning cases
/// whose review date has come (most overdue first). Closed cases never appear.
pub fn propose_agenda(
    cases: &[AgendaCandidate],
    date: NaiveDate,
) -> Vec<(AgendaKind, crate::ids::CaseId, String)> {
    use crate::case::CaseStatus;
    let mut new: Vec<&AgendaCandidate> = cases
        .iter()
        .filter(|c| c.status == CaseStatus::Admitted)
        .collect();
    new.sort_by(|a, b| a.code.cmp(&b.code));
    let mut review: Vec<&AgendaCandidate> = cases
        .iter()
        .filter(|c| {
            c.status.is_open()
                && c.status != CaseStatus::Admitted
                && c.next_review.is_some_and(|d| d <= date)
        })
        .collect();
    review.sort_by(|a, b| (a.next_review, &a.code).cmp(&(b.next_review, &b.code)));
    new.into_iter()
        .map(|c| (AgendaKind::NewCase, c.case_id, c.code.clone()))
        .chain(
            review
                .into_iter()
                .map(|c| (AgendaKind::Review, c.case_id, c.code.clone())),
        )
        .collect()
}

#[cfg(test)]
mod agenda_tests {
    use super::*;
    use crate::case::CaseStatus;
    use crate::ids::CaseId;
    use uuid::Uuid;

    fn c(
        n: u128,
        code: &str,
        status: CaseStatus,
        review: Option<(i32, u32, u32)>,
    ) -> AgendaCandidate {
        AgendaCandidate {
            case_id: CaseId(Uuid::from_u128(n)),
            code: code.into(),
            status,
            next_review: review.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
        }
    }

    #[test]
    fn new_cases_then_reviews_due_never_closed_ones() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let cases = vec![
            c(1, "A-002", CaseStatus::Admitted, None),
            c(2, "A-001", CaseStatus::Admitted, None),
            c(3, "A-003", CaseStatus::InFollowUp, Some((2026, 12, 1))),
            c(4, "A-004", CaseStatus::Discussed, Some((2026, 11, 1))),
            c(5, "A-005", CaseStatus::InFollowUp, Some((2027, 1, 1))),
            c(6, "A-006", CaseStatus::Closed, Some((2026, 11, 1))),
        ];
        let codes: Vec<String> = propose_agenda(&cases, date)
            .into_iter()
            .map(|x| x.2)
            .collect();
        assert_eq!(codes, vec!["A-001", "A-002", "A-004", "A-003"]);
    }

    #[test]
    fn a_meeting_needs_a_date_from_today_and_a_place() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(
            MeetingDraft::default().validate(today).unwrap_err().len(),
            2
        );
        let past = MeetingDraft {
            date: "01/11/2026".into(),
            place: "Raadzaal".into(),
        };
        assert_eq!(
            past.validate(today).unwrap_err(),
            vec![FieldError::new(Field::MeetingDate, Problem::InPast)]
        );
        let ok = MeetingDraft {
            date: "10/12/2026".into(),
            place: " Raadzaal ".into(),
        };
        assert_eq!(ok.validate(today).unwrap().1, "Raadzaal");
    }
}

/// What the decision report of a meeting holds. There is no place for discussion notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingReport {
    pub table_name: String,
    pub date: Option<NaiveDate>,
    pub place: String,
    /// (name, organisation, presence)
    pub attendance: Vec<(String, String, Presence)>,
    pub items: Vec<ReportCase>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCase {
    pub code: String,
    /// The follow-up agreed in this meeting (empty when none was recorded).
    #[serde(default)]
    pub risk: Option<crate::case::RiskLevel>,
    #[serde(default)]
    pub track: Option<crate::case::Track>,
    /// The casusregisseur's name.
    #[serde(default)]
    pub casusregisseur: Option<String>,
    #[serde(default)]
    pub next_review: Option<NaiveDate>,
    pub decision: String,
    pub actions: Vec<ReportActionLine>,
    /// The record as it stands now, when it changed after the table approved the report (an edit
    /// made on a device that had not seen the approval yet). The report prints what was approved,
    /// then this as an amendment.
    #[serde(default)]
    pub amendment: Option<Box<ReportCase>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportActionLine {
    pub what: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub expected_feedback: String,
}

/// What the chair looks at before the next meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChairOverview {
    /// Open or in progress, due before today; most overdue first.
    pub overdue_actions: Vec<ActionSummary>,
    /// Open cases whose next review date has come.
    pub review_due: Vec<crate::case::Case>,
}
