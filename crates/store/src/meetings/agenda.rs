//! Agenda edits: add a case or a theme, remove an item, move one. Written to the meeting document.

use casustafel_docs::{set_text, AgendaItem};
use casustafel_domain::agenda::{
    check_agenda_editable, check_theme, moved, next_position, AgendaEdit,
};
use casustafel_domain::case::CaseStatus;
use casustafel_domain::meeting::{AgendaKind, MeetingStatus, MeetingView};
use casustafel_domain::rights::Act;
use casustafel_domain::MeetingId;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use super::{bad, doc_err};
use crate::error::{Result, StoreError};
use crate::profile::Store;
use crate::{audit, docstore};

impl Store {
    /// Applies one edit to the agenda and returns the meeting as it now stands.
    pub fn edit_agenda(
        &mut self,
        meeting: MeetingId,
        edit: &AgendaEdit,
        now: DateTime<Utc>,
    ) -> Result<MeetingView> {
        self.guard_meeting(meeting, Act::RunTable)?;
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut doc = Self::meeting_doc_in(&tx, meeting)?;
        let value = doc.value().map_err(doc_err)?;
        let status =
            MeetingStatus::from_code(&value.status).ok_or_else(|| bad("meeting status"))?;
        check_agenda_editable(status)?;
        let end = next_position(value.agenda.values().map(|i| i.position));
        let item = match edit {
            AgendaEdit::AddCase { case } => {
                let (code, status): (String, String) = tx
                    .query_row(
                        "SELECT code, status FROM case_file WHERE id = ?1 AND table_id = ?2",
                        [case.to_string(), value.table_id.clone()],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?
                    .ok_or(StoreError::NotFound)?;
                let status =
                    CaseStatus::from_code(&status).ok_or_else(|| bad("case_file.status"))?;
                if !status.is_open() {
                    return Err(casustafel_domain::IllegalTransition::new(
                        "case",
                        status.code(),
                        "add_to_agenda",
                    )
                    .into());
                }
                let on_agenda = value
                    .agenda
                    .values()
                    .any(|i| i.case_id.as_deref() == Some(case.to_string().as_str()));
                if on_agenda {
                    return Err(StoreError::Invalid(vec![
                        casustafel_domain::FieldError::new(
                            casustafel_domain::Field::AgendaCase,
                            casustafel_domain::Problem::AlreadyOnAgenda,
                        ),
                    ]));
                }
                let kind = if status == CaseStatus::Admitted {
                    AgendaKind::NewCase
                } else {
                    AgendaKind::Review
                };
                Some(AgendaItem {
                    position: end,
                    kind: kind.code().into(),
                    case_id: Some(case.to_string()),
                    title: code,
                })
            }
            AgendaEdit::AddTheme { title } => Some(AgendaItem {
                position: end,
                kind: AgendaKind::Thematic.code().into(),
                case_id: None,
                title: check_theme(title).map_err(StoreError::Invalid)?,
            }),
            AgendaEdit::Remove { item } => {
                if !value.agenda.contains_key(item) {
                    return Err(StoreError::NotFound);
                }
                None
            }
            AgendaEdit::Move { .. } => None,
        };
        let order: Vec<(String, i64)> = value
            .agenda_in_order()
            .into_iter()
            .map(|(id, i)| (id.clone(), i.position))
            .collect();
        let positions = match edit {
            AgendaEdit::Move { item, up } => {
                if !value.agenda.contains_key(item) {
                    return Err(StoreError::NotFound);
                }
                // At the top or bottom already: nothing to do.
                moved(&order, item, *up).unwrap_or_default()
            }
            _ => Vec::new(),
        };
        doc.edit(|m| {
            if let Some(new) = item {
                m.agenda.insert(Uuid::new_v4().to_string(), new);
            }
            if let AgendaEdit::Remove { item } = edit {
                m.agenda.remove(item);
            }
            for (id, pos) in &positions {
                if let Some(i) = m.agenda.get_mut(id) {
                    i.position = *pos;
                }
            }
        })
        .map_err(doc_err)?;
        docstore::save(&tx, &meeting.to_string(), "meeting", &mut doc, now)?;
        audit::append(
            &tx,
            now,
            &actor,
            &format!("meeting.agenda.{}", edit.code()),
            &meeting.to_string(),
        )?;
        tx.commit()?;
        self.meeting_view(meeting)
    }
}

impl Store {
    /// The meeting's general notes (thematic items, announcements), saved as you type, as a diff
    /// of the previous text so concurrent typing elsewhere merges.
    pub fn save_general_notes(
        &mut self,
        meeting: MeetingId,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.guard_meeting(meeting, Act::RunTable)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut doc = Self::meeting_doc_in(&tx, meeting)?;
        doc.edit(|m| set_text(&mut m.general_notes, text))
            .map_err(doc_err)?;
        docstore::save(&tx, &meeting.to_string(), "meeting", &mut doc, now)?;
        tx.commit()?;
        Ok(())
    }
}
