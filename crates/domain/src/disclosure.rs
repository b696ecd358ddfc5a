//! The disclosure ledger (verstrekkingsregister): every time information leaves the app — a decision
//! report saved as PDF or printed — it is recorded what left, by whom, when and to whom. The GDPR
//! (art. 30) and the table's protocol ask that every transfer can be accounted for.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::meeting::MeetingStatus;
use crate::{DisclosureId, Field, FieldError, IllegalTransition, MeetingId, Problem, TableId};

/// The longest "to whom" text.
pub const MAX_RECIPIENT_CHARS: usize = 300;

/// How the information left the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Saved as a PDF file.
    Pdf,
    /// Sent to a printer from the print view.
    Print,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Pdf, Channel::Print];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Pdf => "pdf",
            Channel::Print => "print",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// What left the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisclosureKind {
    /// The decision report (besluitenverslag) of a meeting.
    DecisionReport,
}

impl DisclosureKind {
    pub fn code(self) -> &'static str {
        match self {
            DisclosureKind::DecisionReport => "decision_report",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        (code == "decision_report").then_some(DisclosureKind::DecisionReport)
    }
}

/// What a person fills in before a report leaves the app.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureDraft {
    /// To whom: e.g. "de deelnemers van het overleg van 12/03".
    pub recipient: String,
}

impl DisclosureDraft {
    /// The trimmed recipient, or what is wrong with it.
    pub fn validate(&self) -> Result<String, Vec<FieldError>> {
        let r = self.recipient.trim();
        if r.is_empty() {
            Err(vec![FieldError::new(Field::Recipient, Problem::Required)])
        } else if r.chars().count() > MAX_RECIPIENT_CHARS {
            Err(vec![FieldError::new(
                Field::Recipient,
                Problem::TooLong {
                    max: MAX_RECIPIENT_CHARS,
                },
            )])
        } else {
            Ok(r.to_string())
        }
    }
}

/// The decision report of a meeting may leave the app once the meeting is closed: before that its
/// decisions are not final.
pub fn check_report_may_leave(status: MeetingStatus) -> Result<(), IllegalTransition> {
    match status {
        MeetingStatus::Held | MeetingStatus::ReportApproved => Ok(()),
        other => Err(IllegalTransition::new(
            "meeting",
            other.code(),
            "export_report",
        )),
    }
}

/// The report is a draft until the table approves it; the draft says so on every page.
pub fn report_is_draft(status: MeetingStatus) -> bool {
    status != MeetingStatus::ReportApproved
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosure {
    pub id: DisclosureId,
    pub table_id: TableId,
    pub meeting_id: MeetingId,
    pub at: DateTime<Utc>,
    /// The owner of the profile who made it leave.
    pub actor: String,
    pub kind: DisclosureKind,
    /// The date of the meeting the report is of.
    pub meeting_date: NaiveDate,
    pub recipient: String,
    pub channel: Channel,
    /// The file name of a PDF (not its folder); empty for a print.
    pub file_name: String,
    /// SHA-256 of the PDF bytes, hex, so a copy found later can be matched to its line.
    pub sha256: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recipient_is_required_and_bounded() {
        let empty = DisclosureDraft {
            recipient: "   ".into(),
        };
        assert_eq!(
            empty.validate(),
            Err(vec![FieldError::new(Field::Recipient, Problem::Required)])
        );
        let long = DisclosureDraft {
            recipient: "x".repeat(MAX_RECIPIENT_CHARS + 1),
        };
        assert!(long.validate().is_err());
        let ok = DisclosureDraft {
            recipient: "  Deelnemers van het overleg ".into(),
        };
        assert_eq!(ok.validate(), Ok("Deelnemers van het overleg".into()));
    }

    #[test]
    fn only_a_closed_meeting_has_a_report_that_may_leave() {
        assert!(check_report_may_leave(MeetingStatus::Planned).is_err());
        assert!(check_report_may_leave(MeetingStatus::InSession).is_err());
        assert!(check_report_may_leave(MeetingStatus::Held).is_ok());
        assert!(check_report_may_leave(MeetingStatus::ReportApproved).is_ok());
        assert!(report_is_draft(MeetingStatus::Held));
        assert!(!report_is_draft(MeetingStatus::ReportApproved));
    }

    #[test]
    fn channel_codes_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(c));
        }
    }
}
