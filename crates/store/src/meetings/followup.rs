//! The follow-up agreed about a case in a meeting: who presented it, and the risk, track,
//! casusregisseur and next review decided. It updates the case register and is kept in the case's
//! document under this meeting (so the report says what was decided *then*), in one transaction.

use casustafel_domain::case::{Case, CaseUpdate};
use casustafel_domain::rights::Act;
use casustafel_domain::{CaseId, MeetingId, ParticipantId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::TransactionBehavior;

use super::{doc_err, edit_case_doc, rights_on_case};
use crate::cases::update_case_in;
use crate::db::require;
use crate::docstore;
use crate::error::Result;
use crate::profile::Store;

impl Store {
    /// Records the follow-up of `case` decided in `meeting`, checked like any case update.
    pub fn save_meeting_followup(
        &mut self,
        meeting: MeetingId,
        case: CaseId,
        presenter: Option<ParticipantId>,
        update: &CaseUpdate,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Case> {
        self.guard_meeting(meeting, Act::KeepRegister)?;
        let rights = rights_on_case(self, case)?;
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require(
            &tx,
            "SELECT 1 FROM meeting WHERE id = ?1",
            [meeting.to_string()],
        )?;
        if let Some(p) = presenter {
            require(
                &tx,
                "SELECT 1 FROM participant p JOIN case_file c ON c.table_id = p.table_id
                 WHERE p.id = ?1 AND c.id = ?2",
                [p.to_string(), case.to_string()],
            )?;
        }
        let after = update_case_in(&tx, &actor, case, update, today, now)?;
        let (mut doc, ()) = edit_case_doc(&tx, case, rights, |c| {
            let d = c.discussions.entry(meeting.to_string()).or_default();
            d.presenter = presenter.map(|p| p.to_string());
            d.risk = after.risk.map(|r| r.code().to_string());
            d.track = after.track.map(|t| t.code().to_string());
            d.casusregisseur = after.casusregisseur.map(|p| p.to_string());
            d.next_review = after.next_review.map(|d| d.to_string());
        })?;
        docstore::save(&tx, &case.to_string(), "case", &mut doc, now)?;
        tx.commit()?;
        Ok(after)
    }

    /// Who presented the case in this meeting, as recorded.
    pub fn meeting_presenter(
        &self,
        meeting: MeetingId,
        case: CaseId,
    ) -> Result<Option<ParticipantId>> {
        let Some(doc) = docstore::load::<casustafel_docs::CaseDoc>(&self.conn, &case.to_string())?
        else {
            return Ok(None);
        };
        Ok(doc
            .value()
            .map_err(doc_err)?
            .discussions
            .get(&meeting.to_string())
            .and_then(|d| d.presenter.as_deref())
            .and_then(|p| p.parse().ok()))
    }
}
