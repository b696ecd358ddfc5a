//! The content of a meeting's decision report, read from the meeting and case documents.
//!
//! When the table approves the report, the record of every case on the agenda is kept in the
//! meeting document (`MeetingDoc::approved`). The report then prints that record; if the case's
//! record changed afterwards (only an edit made on a device that had not seen the approval can
//! still reach it), the report prints the change below it as an amendment.

use std::collections::BTreeMap;

use casustafel_docs::{CaseDoc, CaseRecord, MeetingDoc};
use casustafel_domain::case::{RiskLevel, Track};
use casustafel_domain::meeting::{MeetingReport, Presence, ReportActionLine, ReportCase};
use casustafel_domain::MeetingId;
use rusqlite::{Connection, OptionalExtension};

use super::doc_err;
use crate::docstore;
use crate::error::Result;
use crate::profile::Store;

/// The case document of `case`, or an empty one when this device does not hold it.
fn case_doc(conn: &Connection, case: &str) -> Result<CaseDoc> {
    Ok(docstore::load::<CaseDoc>(conn, case)?
        .map(|d| d.value())
        .transpose()
        .map_err(doc_err)?
        .unwrap_or_default())
}

/// The record of every case on `meeting`'s agenda as it stands: what approving the report keeps.
pub(super) fn records_now(
    conn: &Connection,
    meeting: &MeetingDoc,
) -> Result<BTreeMap<String, CaseRecord>> {
    let mut records = BTreeMap::new();
    for (_, item) in meeting.agenda_in_order() {
        if let Some(case) = &item.case_id {
            let record = case_doc(conn, case)?.record(&meeting.meeting_id);
            records.insert(case.clone(), record);
        }
    }
    Ok(records)
}

/// A record in the report's words: names for ids, dates parsed.
fn report_case(conn: &Connection, code: &str, r: &CaseRecord) -> Result<ReportCase> {
    let name_of = |sql: &str, id: &str| -> Result<Option<String>> {
        Ok(conn.query_row(sql, [id], |row| row.get(0)).optional()?)
    };
    let org_name = |org: &str| -> Result<String> {
        Ok(name_of("SELECT name FROM organisation WHERE id = ?1", org)?.unwrap_or_default())
    };
    let mut actions = Vec::new();
    for a in r.actions.values() {
        actions.push(ReportActionLine {
            what: a.what.clone(),
            owner: if a.owner_person.is_empty() {
                org_name(&a.owner)?
            } else {
                format!("{} ({})", org_name(&a.owner)?, a.owner_person)
            },
            due: a.due.parse().ok(),
            expected_feedback: a.expected_feedback.clone(),
        });
    }
    actions.sort_by(|a, b| (a.due, &a.what).cmp(&(b.due, &b.what)));
    let casusregisseur = match &r.casusregisseur {
        Some(pid) => name_of("SELECT name FROM participant WHERE id = ?1", pid)?,
        None => None,
    };
    Ok(ReportCase {
        code: code.to_string(),
        risk: r.risk.as_deref().and_then(RiskLevel::from_code),
        track: r.track.as_deref().and_then(Track::from_code),
        casusregisseur,
        next_review: r.next_review.as_deref().and_then(|d| d.parse().ok()),
        decision: r.decision.clone(),
        actions,
        amendment: None,
    })
}

impl Store {
    /// The content of the decision report: attendance, and per case on the agenda the decision and
    /// the actions agreed in this meeting — as approved, with any later change as an amendment.
    /// The discussion notes are never read here.
    pub fn meeting_report(&self, id: MeetingId) -> Result<MeetingReport> {
        let view = self.meeting_view(id)?;
        let meeting = self.meeting_document(id)?;
        let table_name: String = self.conn.query_row(
            "SELECT name FROM case_table WHERE id = ?1",
            [view.meeting.table_id.to_string()],
            |r| r.get(0),
        )?;
        let mut attendance = Vec::new();
        for a in &view.attendance {
            let (name, org): (String, String) = self.conn.query_row(
                "SELECT p.name, o.name FROM participant p JOIN organisation o ON o.id = p.organisation_id
                 WHERE p.id = ?1",
                [a.participant_id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            attendance.push((name, org, a.presence));
        }
        attendance.sort_by(|a, b| {
            (a.2 != Presence::Present, &a.0).cmp(&(b.2 != Presence::Present, &b.0))
        });
        let mut items = Vec::new();
        for entry in view.agenda.iter() {
            let Some(case) = entry.case_id else { continue };
            let now = case_doc(&self.conn, &case.to_string())?.record(&id.to_string());
            let item = match meeting.approved.get(&case.to_string()) {
                Some(approved) if *approved != now => ReportCase {
                    amendment: Some(Box::new(report_case(&self.conn, &entry.title, &now)?)),
                    ..report_case(&self.conn, &entry.title, approved)?
                },
                Some(approved) => report_case(&self.conn, &entry.title, approved)?,
                None => report_case(&self.conn, &entry.title, &now)?,
            };
            items.push(item);
        }
        Ok(MeetingReport {
            table_name,
            date: Some(view.meeting.date),
            place: view.meeting.place,
            attendance,
            items,
        })
    }
}
