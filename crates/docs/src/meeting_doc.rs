//! The meeting document: agenda, attendance, general notes and, once approved, the record the
//! report approved.

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile, Text};

use crate::CaseRecord;

#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct MeetingDoc {
    pub meeting_id: String,
    pub table_id: String,
    /// ISO date.
    pub date: String,
    pub place: String,
    pub status: String,
    /// By item id; shown by `position`.
    pub agenda: BTreeMap<String, AgendaItem>,
    /// By participant id.
    pub attendance: BTreeMap<String, Attendance>,
    pub general_notes: Text,
    /// What the report said of each case on the agenda when the table approved it, by case id:
    /// written once, in the same change that approves the report. Empty before the approval (and
    /// for meetings approved before this was kept).
    #[autosurgeon(missing = "Default::default")]
    pub approved: BTreeMap<String, CaseRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct AgendaItem {
    pub position: i64,
    /// `new_case`, `review` or `thematic`.
    pub kind: String,
    pub case_id: Option<String>,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct Attendance {
    /// `present`, `excused` or `absent`.
    pub presence: String,
    /// Confirmed the secrecy commitment for this meeting.
    pub secrecy_confirmed: bool,
}

impl MeetingDoc {
    /// The agenda in its order.
    pub fn agenda_in_order(&self) -> Vec<(&String, &AgendaItem)> {
        let mut items: Vec<_> = self.agenda.iter().collect();
        items.sort_by_key(|(id, item)| (item.position, (*id).clone()));
        items
    }
}
