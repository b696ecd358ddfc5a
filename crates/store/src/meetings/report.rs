//! The content of a meeting's decision report, read from the meeting and case documents.

use casustafel_docs::CaseDoc;
use casustafel_domain::case::{RiskLevel, Track};
use casustafel_domain::MeetingId;
use rusqlite::OptionalExtension;

use super::doc_err;
use crate::docstore;
use crate::error::Result;
use crate::profile::Store;

impl Store {
    /// The content of the decision report: attendance, and per case on the agenda the decision and
    /// the actions agreed in this meeting. The discussion notes are never read here.
    pub fn meeting_report(
        &self,
        id: MeetingId,
    ) -> Result<casustafel_domain::meeting::MeetingReport> {
        use casustafel_domain::meeting::{MeetingReport, Presence, ReportActionLine, ReportCase};
        let view = self.meeting_view(id)?;
        let table_name: String = self.conn.query_row(
            "SELECT name FROM case_table WHERE id = ?1",
            [view.meeting.table_id.to_string()],
            |r| r.get(0),
        )?;
        let org_name = |org: &str| -> Result<String> {
            Ok(self
                .conn
                .query_row("SELECT name FROM organisation WHERE id = ?1", [org], |r| {
                    r.get(0)
                })
                .optional()?
                .unwrap_or_default())
        };
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
            let doc = docstore::load::<CaseDoc>(&self.conn, &case.to_string())?
                .map(|d| d.value())
                .transpose()
                .map_err(doc_err)?
                .unwrap_or_default();
            let decision = doc
                .discussions
                .get(&id.to_string())
                .map(|d| d.decision.as_str().to_string())
                .unwrap_or_default();
            let mut actions = Vec::new();
            for a in doc
                .actions
                .values()
                .filter(|a| a.meeting_id == id.to_string())
            {
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
            let agreed = doc.discussions.get(&id.to_string());
            let regisseur = match agreed.and_then(|d| d.casusregisseur.as_deref()) {
                Some(pid) => self
                    .conn
                    .query_row("SELECT name FROM participant WHERE id = ?1", [pid], |r| {
                        r.get(0)
                    })
                    .optional()?,
                None => None,
            };
            items.push(ReportCase {
                code: entry.title.clone(),
                risk: agreed
                    .and_then(|d| d.risk.as_deref())
                    .and_then(RiskLevel::from_code),
                track: agreed
                    .and_then(|d| d.track.as_deref())
                    .and_then(Track::from_code),
                casusregisseur: regisseur,
                next_review: agreed
                    .and_then(|d| d.next_review.as_deref())
                    .and_then(|d| d.parse().ok()),
                decision,
                actions,
            });
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
