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
