//! Meetings and actions. A meeting's content is its Automerge document; an action lives in its
//! case's document. The `meeting` and `action_index` tables are indexes, written in the same
//! transaction as the document, so lists never disagree with the documents.

use casustafel_docs::{case_acts, set_text, ActionDoc, AgendaItem, CaseDoc, Document, MeetingDoc};
use casustafel_domain::case::CaseFilter;
use casustafel_domain::meeting::{
    propose_agenda, ActionDraft, ActionStatus, ActionSummary, AgendaCandidate, Meeting,
    MeetingDraft, MeetingStatus,
};
use casustafel_domain::rights::{Act, Rights};
use casustafel_domain::{ActionId, CaseId, MeetingId, OrganisationId, TableId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use crate::db::require;
use crate::error::{Result, StoreError};
use crate::profile::Store;
use crate::sync::{approved_meetings, refused};
use crate::{audit, docstore};

mod agenda;
mod followup;
mod overview;
mod report;

fn bad(what: &str) -> StoreError {
    StoreError::Damaged(format!("unreadable value in {what}"))
}

fn meeting_row(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(String, String, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn decode_meeting(
    (id, table, date, place, status): (String, String, String, String, String),
) -> Result<Meeting> {
    Ok(Meeting {
        id: id.parse().map_err(|_| bad("meeting.id"))?,
        table_id: table.parse().map_err(|_| bad("meeting.table_id"))?,
        date: date.parse().map_err(|_| bad("meeting.date"))?,
        place,
        status: MeetingStatus::from_code(&status).ok_or_else(|| bad("meeting.status"))?,
    })
}

/// Edits `case`'s document as `rights` allow. What the edit does is named in the rulebook's terms
/// (`case_acts`) and checked before anything is saved: the same check another device makes when the
/// change arrives there. The caller saves the document in its transaction.
pub(super) fn edit_case_doc<R>(
    conn: &Connection,
    case: CaseId,
    rights: Rights,
    edit: impl FnOnce(&mut CaseDoc) -> R,
) -> Result<(Document<CaseDoc>, R)> {
    let (mut doc, before) = match docstore::load::<CaseDoc>(conn, &case.to_string())? {
        Some(doc) => {
            let before = doc.value().map_err(doc_err)?;
            (doc, Some(before))
        }
        None => (
            Document::new(&CaseDoc {
                case_id: case.to_string(),
                ..CaseDoc::default()
            })
            .map_err(doc_err)?,
            None,
        ),
    };
    let out = doc.edit(edit).map_err(doc_err)?;
    let after = doc.value().map_err(doc_err)?;
    let approved = approved_meetings(conn, case)?;
    rights
        .check(case_acts(before.as_ref(), &after, |m| approved.contains(m)))
        .map_err(refused)?;
    Ok((doc, out))
}

/// The rights of this device on `case`'s table (`NotFound` for no such case).
pub(super) fn rights_on_case(store: &Store, case: CaseId) -> Result<Rights> {
    store.case_rights(case)?.ok_or(StoreError::NotFound)
}

fn doc_err(e: casustafel_docs::DocError) -> StoreError {
    StoreError::Damaged(format!("document: {e}"))
}

impl Store {
    /// Plans a meeting and proposes its agenda: new cases, then returning cases due for review.
    pub fn plan_meeting(
        &mut self,
        table: TableId,
        draft: &MeetingDraft,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Meeting> {
        self.guard_table(table)?;
        let (date, place) = draft.validate(today).map_err(StoreError::Invalid)?;
        let actor = self.actor()?;
        let candidates: Vec<AgendaCandidate> = self
            .list_cases(
                &CaseFilter {
                    table: Some(table),
                    ..CaseFilter::default()
                },
                today,
            )?
            .into_iter()
            .map(|c| AgendaCandidate {
                case_id: c.id,
                code: c.code,
                status: c.status,
                next_review: c.next_review,
            })
            .collect();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require(
            &tx,
            "SELECT 1 FROM case_table WHERE id = ?1",
            [table.to_string()],
        )?;
        let id = MeetingId(Uuid::new_v4());
        let mut value = MeetingDoc {
            meeting_id: id.to_string(),
            table_id: table.to_string(),
            date: date.to_string(),
            place: place.clone(),
            status: MeetingStatus::Planned.code().into(),
            ..MeetingDoc::default()
        };
        for (pos, (kind, case, code)) in propose_agenda(&candidates, date).into_iter().enumerate() {
            value.agenda.insert(
                Uuid::new_v4().to_string(),
                AgendaItem {
                    position: pos as i64 * 10,
                    kind: kind.code().into(),
                    case_id: Some(case.to_string()),
                    title: code,
                },
            );
        }
        let mut doc = Document::new(&value).map_err(doc_err)?;
        docstore::save(&tx, &id.to_string(), "meeting", &mut doc, now)?;
        tx.execute(
            "INSERT INTO meeting (id, table_id, date, place, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id.to_string(),
                table.to_string(),
                date.to_string(),
                place,
                MeetingStatus::Planned.code(),
                now.to_rfc3339()
            ],
        )?;
        audit::append(&tx, now, &actor, "meeting.plan", &id.to_string())?;
        tx.commit()?;
        Ok(Meeting {
            id,
            table_id: table,
            date,
            place,
            status: MeetingStatus::Planned,
        })
    }

    /// A table's meetings, newest first.
    pub fn list_meetings(&self, table: TableId) -> Result<Vec<Meeting>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, table_id, date, place, status FROM meeting WHERE table_id = ?1
             ORDER BY date DESC, created_at DESC",
        )?;
        let rows: Vec<_> = stmt
            .query_map([table.to_string()], meeting_row)?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(decode_meeting).collect()
    }

    pub fn meeting_status(&self, id: MeetingId) -> Result<MeetingStatus> {
        let status: String = self
            .conn
            .query_row(
                "SELECT status FROM meeting WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        MeetingStatus::from_code(&status).ok_or_else(|| bad("meeting.status"))
    }

    /// A case's document as it stands (discussions, actions with their progress notes), if any.
    pub fn case_document(&self, case: CaseId) -> Result<Option<CaseDoc>> {
        docstore::load::<CaseDoc>(&self.conn, &case.to_string())?
            .map(|d| d.value())
            .transpose()
            .map_err(doc_err)
    }

    /// The meeting's document as it stands.
    pub fn meeting_document(&self, id: MeetingId) -> Result<MeetingDoc> {
        docstore::load::<MeetingDoc>(&self.conn, &id.to_string())?
            .ok_or(StoreError::NotFound)?
            .value()
            .map_err(doc_err)
    }

    /// The meeting with its agenda in order, for the meeting page.
    pub fn meeting_view(&self, id: MeetingId) -> Result<casustafel_domain::meeting::MeetingView> {
        let meeting = self
            .conn
            .query_row(
                "SELECT id, table_id, date, place, status FROM meeting WHERE id = ?1",
                [id.to_string()],
                meeting_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        let meeting = decode_meeting(meeting)?;
        let doc = self.meeting_document(id)?;
        let agenda = doc
            .agenda_in_order()
            .into_iter()
            .map(|(item_id, item)| {
                Ok(casustafel_domain::meeting::AgendaEntry {
                    id: item_id.clone(),
                    position: item.position,
                    kind: casustafel_domain::meeting::AgendaKind::from_code(&item.kind)
                        .ok_or_else(|| bad("agenda kind"))?,
                    case_id: item
                        .case_id
                        .as_deref()
                        .map(|c| c.parse().map_err(|_| bad("agenda case")))
                        .transpose()?,
                    title: item.title.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let attendance = doc
            .attendance
            .iter()
            .map(|(pid, a)| {
                Ok(casustafel_domain::meeting::AttendanceEntry {
                    participant_id: pid.parse().map_err(|_| bad("attendance participant"))?,
                    presence: casustafel_domain::meeting::Presence::from_code(&a.presence)
                        .ok_or_else(|| bad("attendance presence"))?,
                    secrecy_confirmed: a.secrecy_confirmed,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(casustafel_domain::meeting::MeetingView {
            meeting,
            agenda,
            attendance,
            general_notes: doc.general_notes.as_str().to_string(),
        })
    }

    fn meeting_doc_in(tx: &Connection, id: MeetingId) -> Result<Document<MeetingDoc>> {
        docstore::load::<MeetingDoc>(tx, &id.to_string())?.ok_or(StoreError::NotFound)
    }

    /// Opens, closes or approves a meeting, following its state machine.
    pub fn advance_meeting(
        &mut self,
        id: MeetingId,
        action: casustafel_domain::meeting::MeetingAction,
        now: DateTime<Utc>,
    ) -> Result<Meeting> {
        self.guard_meeting(id, Act::KeepRegister)?;
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut doc = Self::meeting_doc_in(&tx, id)?;
        let current = MeetingStatus::from_code(&doc.value().map_err(doc_err)?.status)
            .ok_or_else(|| bad("meeting status"))?;
        let next = current.apply(action)?;
        // Approving keeps the record the report shows, in the same change: what comes later is
        // an amendment.
        let approved = match next {
            MeetingStatus::ReportApproved => {
                Some(report::records_now(&tx, &doc.value().map_err(doc_err)?)?)
            }
            _ => None,
        };
        doc.edit(|m| {
            m.status = next.code().into();
            if let Some(records) = approved {
                m.approved = records;
            }
        })
        .map_err(doc_err)?;
        docstore::save(&tx, &id.to_string(), "meeting", &mut doc, now)?;
        tx.execute(
            "UPDATE meeting SET status = ?2 WHERE id = ?1",
            params![id.to_string(), next.code()],
        )?;
        audit::append(
            &tx,
            now,
            &actor,
            &format!("meeting.{}", action.code()),
            &id.to_string(),
        )?;
        let m = tx.query_row(
            "SELECT id, table_id, date, place, status FROM meeting WHERE id = ?1",
            [id.to_string()],
            meeting_row,
        )?;
        tx.commit()?;
        decode_meeting(m)
    }

    /// Records a participant's presence and secrecy confirmation for this meeting.
    pub fn set_attendance(
        &mut self,
        id: MeetingId,
        participant: casustafel_domain::ParticipantId,
        presence: casustafel_domain::meeting::Presence,
        secrecy_confirmed: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.guard_meeting(id, Act::RunTable)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut doc = Self::meeting_doc_in(&tx, id)?;
        let value = doc.value().map_err(doc_err)?;
        let signed: Option<String> = tx
            .query_row(
                "SELECT protocol_signed_on FROM participant WHERE id = ?1 AND table_id = ?2",
                params![participant.to_string(), value.table_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        // Art. 458ter: without a signed protocol nobody is admitted to what is shared.
        if secrecy_confirmed && signed.is_none() {
            return Err(StoreError::Invalid(vec![
                casustafel_domain::FieldError::new(
                    casustafel_domain::Field::ProtocolSignedOn,
                    casustafel_domain::Problem::ProtocolNotSigned,
                ),
            ]));
        }
        doc.edit(|m| {
            m.attendance.insert(
                participant.to_string(),
                casustafel_docs::Attendance {
                    presence: presence.code().into(),
                    secrecy_confirmed: secrecy_confirmed
                        && presence == casustafel_domain::meeting::Presence::Present,
                },
            );
        })
        .map_err(doc_err)?;
        docstore::save(&tx, &id.to_string(), "meeting", &mut doc, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Saves what is typed about a case in a meeting: the confidential notes and the decision.
    /// Text is stored as a diff of the previous text, so concurrent typing elsewhere merges.
    pub fn save_discussion(
        &mut self,
        meeting: MeetingId,
        case: CaseId,
        notes: &str,
        decision: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        // The rulebook's WriteDiscussion is for those who run the table: one look at the rights.
        let rights = self.meeting_case_rights(meeting, case)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (mut doc, ()) = edit_case_doc(&tx, case, rights, |c| {
            let d = c.discussions.entry(meeting.to_string()).or_default();
            set_text(&mut d.notes, notes);
            set_text(&mut d.decision, decision);
        })?;
        docstore::save(&tx, &case.to_string(), "case", &mut doc, now)?;
        tx.commit()?;
        Ok(())
    }

    /// The notes and decision about a case in a meeting (empty when nothing was typed yet).
    pub fn discussion(&self, meeting: MeetingId, case: CaseId) -> Result<(String, String)> {
        let Some(doc) = docstore::load::<CaseDoc>(&self.conn, &case.to_string())? else {
            return Ok((String::new(), String::new()));
        };
        let value = doc.value().map_err(doc_err)?;
        Ok(value
            .discussions
            .get(&meeting.to_string())
            .map(|d| {
                (
                    d.notes.as_str().to_string(),
                    d.decision.as_str().to_string(),
                )
            })
            .unwrap_or_default())
    }

    /// Agrees an action on a case in a meeting: written to the case's document and indexed.
    pub fn add_action(
        &mut self,
        case: CaseId,
        meeting: MeetingId,
        draft: &ActionDraft,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<ActionSummary> {
        // Agreeing an action is the rulebook's `AgreeAction`, checked on the edit itself.
        let rights = rights_on_case(self, case)?;
        let new = draft.validate(today).map_err(StoreError::Invalid)?;
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let status: String = tx
            .query_row(
                "SELECT status FROM case_file WHERE id = ?1",
                [case.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        if matches!(status.as_str(), "closed" | "shredded") {
            return Err(
                casustafel_domain::IllegalTransition::new("case", &status, "add_action").into(),
            );
        }
        require(
            &tx,
            "SELECT 1 FROM meeting WHERE id = ?1",
            [meeting.to_string()],
        )?;
        require(
            &tx,
            "SELECT 1 FROM organisation WHERE id = ?1",
            [new.owner.to_string()],
        )?;
        let id = ActionId(Uuid::new_v4());
        let (mut doc, ()) = edit_case_doc(&tx, case, rights, |c| {
            c.actions.insert(
                id.to_string(),
                ActionDoc {
                    meeting_id: meeting.to_string(),
                    what: new.what.clone(),
                    owner: new.owner.to_string(),
                    owner_person: new.owner_person.clone(),
                    due: new.due.to_string(),
                    expected_feedback: new.expected_feedback.clone(),
                    status: ActionStatus::Open.code().into(),
                    ..ActionDoc::default()
                },
            );
        })?;
        docstore::save(&tx, &case.to_string(), "case", &mut doc, now)?;
        tx.execute(
            "INSERT INTO action_index (id, case_id, meeting_id, what, owner_id, owner_person, due, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id.to_string(),
                case.to_string(),
                meeting.to_string(),
                new.what,
                new.owner.to_string(),
                new.owner_person,
                new.due.to_string(),
                ActionStatus::Open.code()
            ],
        )?;
        audit::append(&tx, now, &actor, "action.add", &case.to_string())?;
        let summary = self_action(&tx, id)?;
        tx.commit()?;
        Ok(self.with_rights(vec![summary])?.remove(0))
    }

    /// Sets an action's status, with an optional short progress note.
    pub fn update_action(
        &mut self,
        action: ActionId,
        status: ActionStatus,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<ActionSummary> {
        let actor = self.actor()?;
        let case = case_of_action(&self.conn, action)?;
        let rights = rights_on_case(self, case)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = docstore::load::<CaseDoc>(&tx, &case.to_string())?
            .ok_or(StoreError::NotFound)?
            .value()
            .map_err(doc_err)?
            .actions
            .get(&action.to_string())
            .map(|a| a.status.clone())
            .ok_or(StoreError::NotFound)?;
        let current = ActionStatus::from_code(&current).ok_or_else(|| bad("action status"))?;
        let next = current.change_to(status)?;
        let note = note.trim().to_string();
        if note.chars().count() > casustafel_domain::meeting::MAX_ACTION_CHARS {
            return Err(StoreError::Invalid(vec![
                casustafel_domain::FieldError::new(
                    casustafel_domain::Field::ActionFeedback,
                    casustafel_domain::Problem::TooLong {
                        max: casustafel_domain::meeting::MAX_ACTION_CHARS,
                    },
                ),
            ]));
        }
        let (mut doc, ()) = edit_case_doc(&tx, case, rights, |c| {
            if let Some(a) = c.actions.get_mut(&action.to_string()) {
                a.status = next.code().into();
                if !note.is_empty() {
                    a.progress.insert(
                        Uuid::new_v4().to_string(),
                        casustafel_docs::ProgressNote {
                            at: now.to_rfc3339(),
                            by: actor.clone(),
                            text: note.clone(),
                        },
                    );
                }
            }
        })?;
        docstore::save(&tx, &case.to_string(), "case", &mut doc, now)?;
        tx.execute(
            "UPDATE action_index SET status = ?2 WHERE id = ?1",
            params![action.to_string(), next.code()],
        )?;
        audit::append(&tx, now, &actor, "action.update", &case.to_string())?;
        let summary = self_action(&tx, action)?;
        tx.commit()?;
        Ok(self.with_rights(vec![summary])?.remove(0))
    }

    /// The progress notes of an action, oldest first.
    pub fn action_progress(
        &self,
        action: ActionId,
    ) -> Result<Vec<casustafel_domain::meeting::ProgressNoteView>> {
        let case = case_of_action(&self.conn, action)?;
        let value = self.case_document(case)?.ok_or(StoreError::NotFound)?;
        let a = value
            .actions
            .get(&action.to_string())
            .ok_or(StoreError::NotFound)?;
        let mut notes: Vec<_> = a
            .progress
            .values()
            .map(|p| casustafel_domain::meeting::ProgressNoteView {
                at: p.at.clone(),
                by: p.by.clone(),
                text: p.text.clone(),
            })
            .collect();
        notes.sort_by(|x, y| x.at.cmp(&y.at).then_with(|| x.text.cmp(&y.text)));
        Ok(notes)
    }

    /// Actions, optionally of one owner organisation, unfinished first by due date.
    pub fn list_actions(&self, owner: Option<OrganisationId>) -> Result<Vec<ActionSummary>> {
        let sql = format!(
            "{ACTION_SELECT} WHERE (?1 IS NULL OR a.owner_id = ?1)
             ORDER BY a.status IN ('done', 'cancelled'), a.due, a.what"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows: Vec<ActionRow> = stmt
            .query_map([owner.map(|o| o.to_string())], action_row)?
            .collect::<rusqlite::Result<_>>()?;
        let actions = rows
            .into_iter()
            .map(decode_action)
            .collect::<Result<Vec<_>>>()?;
        self.with_rights(actions)
    }

    /// Says of each action whether this device may report on it (the rulebook, per table).
    fn with_rights(&self, mut actions: Vec<ActionSummary>) -> Result<Vec<ActionSummary>> {
        let mut rights = std::collections::HashMap::new();
        for a in &mut actions {
            let r = match rights.get(&a.case_id) {
                Some(r) => *r,
                None => {
                    let r = self.case_rights(a.case_id)?.unwrap_or(Rights::NONE);
                    rights.insert(a.case_id, r);
                    r
                }
            };
            a.may_update = r.may(Act::ReportOnAction { owner: a.owner });
        }
        Ok(actions)
    }
}

/// The case an action belongs to.
fn case_of_action(conn: &Connection, action: ActionId) -> Result<CaseId> {
    let case: String = conn
        .query_row(
            "SELECT case_id FROM action_index WHERE id = ?1",
            [action.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound)?;
    case.parse().map_err(|_| bad("action_index.case_id"))
}

/// An action as listed: the index row with its case's code, in one query.
pub(super) const ACTION_SELECT: &str =
    "SELECT a.id, a.case_id, a.meeting_id, a.what, a.owner_id, a.owner_person,
    a.due, a.status, c.code FROM action_index a JOIN case_file c ON c.id = a.case_id";

pub(super) type ActionRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

pub(super) fn action_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ActionRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

pub(super) fn decode_action(row: ActionRow) -> Result<ActionSummary> {
    let (id, case, meeting, what, owner, person, due, status, case_code) = row;
    Ok(ActionSummary {
        id: id.parse().map_err(|_| bad("action_index.id"))?,
        case_id: case.parse().map_err(|_| bad("action_index.case_id"))?,
        case_code,
        meeting_id: meeting
            .parse()
            .map_err(|_| bad("action_index.meeting_id"))?,
        what,
        owner: owner.parse().map_err(|_| bad("action_index.owner_id"))?,
        owner_person: person,
        due: due.parse().map_err(|_| bad("action_index.due"))?,
        status: ActionStatus::from_code(&status).ok_or_else(|| bad("action_index.status"))?,
        may_update: false,
    })
}

fn self_action(conn: &Connection, id: ActionId) -> Result<ActionSummary> {
    let row = conn
        .query_row(
            &format!("{ACTION_SELECT} WHERE a.id = ?1"),
            [id.to_string()],
            action_row,
        )
        .optional()?
        .ok_or(StoreError::NotFound)?;
    decode_action(row)
}

#[cfg(test)]
pub(crate) mod tests;
