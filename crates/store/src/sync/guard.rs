//! What this device may do on a table, from the rulebook (`casustafel_domain::rights`): a table not
//! shared is this device's alone; on a shared table the rights come from the table document, the same
//! `Access` the sync engine applies to other devices' changes. Every edit asks here first, so the
//! store refuses locally exactly what other devices would refuse on receipt.

use casustafel_domain::rights::{Act, Rights};
use casustafel_domain::{CaseId, MeetingId, ReferralId, TableId};
use rusqlite::{params, Connection, OptionalExtension};

use super::chair_member;
use super::register::access_from;
use super::state::{load_shared, table_doc};
use crate::error::{Result, StoreError, SyncProblem};
use crate::profile::Store;

/// The error for a refused act: running the table keeps its own sentence (`NotChair`).
pub(crate) fn refused(act: Act) -> StoreError {
    match act {
        Act::KeepRegister => StoreError::Sync(SyncProblem::NotKeeper),
        Act::RunTable
        | Act::AgreeAction {
            report_approved: false,
        }
        | Act::WriteDiscussion {
            report_approved: false,
        } => StoreError::Sync(SyncProblem::NotChair),
        other => StoreError::NotAllowed(other),
    }
}

/// The meetings of the case's table whose report is approved: their record stays what the report
/// says.
pub(crate) fn approved_meetings(
    conn: &Connection,
    case: CaseId,
) -> Result<std::collections::HashSet<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id FROM meeting m JOIN case_file c ON c.table_id = m.table_id
         WHERE c.id = ?1 AND m.status = ?2",
    )?;
    let rows = stmt.query_map(
        params![
            case.to_string(),
            casustafel_domain::meeting::MeetingStatus::ReportApproved.code()
        ],
        |r| r.get::<_, String>(0),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// What this device may do on `table`.
    pub fn rights(&self, table: TableId) -> Result<Rights> {
        let shared = self
            .conn
            .query_row(
                "SELECT 1 FROM sync_table WHERE table_id = ?1",
                [table.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !shared {
            return Ok(Rights::SOLE);
        }
        let shared = load_shared(&self.conn, table)?;
        let me = self.device_keys()?.id();
        let doc = table_doc(&self.conn, table)?.map(|d| d.value()).transpose();
        let doc = doc.map_err(|e| StoreError::Damaged(format!("table document: {e}")))?;
        let access = access_from(doc.as_ref(), shared.root, chair_member())?;
        Ok(access.rights(&me))
    }

    /// Whether this device keeps `table`'s register (says who sits at it, hands out its keys).
    pub(crate) fn keeps_register(&self, table: TableId) -> Result<bool> {
        Ok(self.rights(table)?.keeps_register)
    }

    /// Refused unless this device keeps `table`'s register.
    pub(crate) fn guard_table(&self, table: TableId) -> Result<()> {
        self.rights(table)?
            .check([Act::KeepRegister])
            .map_err(refused)
    }

    fn table_of(&self, sql: &str, id: String) -> Result<Option<TableId>> {
        let t: Option<String> = self.conn.query_row(sql, [id], |r| r.get(0)).optional()?;
        Ok(t.and_then(|t| t.parse().ok()))
    }

    /// What this device may do on the table of `case` (`None`: no such case).
    pub(crate) fn case_rights(&self, case: CaseId) -> Result<Option<Rights>> {
        self.table_of(
            "SELECT table_id FROM case_file WHERE id = ?1",
            case.to_string(),
        )?
        .map(|t| self.rights(t))
        .transpose()
    }

    /// What this device may do on the table that holds both `meeting` and `case`, worked out
    /// once (`NotFound`: no such meeting, no such case, or not of one table).
    pub(crate) fn meeting_case_rights(&self, meeting: MeetingId, case: CaseId) -> Result<Rights> {
        let table: Option<String> = self
            .conn
            .query_row(
                "SELECT m.table_id FROM meeting m JOIN case_file c ON c.table_id = m.table_id
                 WHERE m.id = ?1 AND c.id = ?2",
                [meeting.to_string(), case.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let table = table
            .and_then(|t| t.parse().ok())
            .ok_or(StoreError::NotFound)?;
        self.rights(table)
    }

    /// Refused unless this device keeps the register of `case`'s table (its register entry).
    pub(crate) fn guard_case(&self, case: CaseId) -> Result<()> {
        match self.case_rights(case)? {
            Some(r) => r.check([Act::KeepRegister]).map_err(refused),
            None => Ok(()), // the operation itself reports the missing case
        }
    }

    /// Refused unless this device may do `act` on `meeting`'s table: `RunTable` for its agenda,
    /// attendance and notes, `KeepRegister` for its status and follow-up.
    pub(crate) fn guard_meeting(&self, meeting: MeetingId, act: Act) -> Result<()> {
        match self.table_of(
            "SELECT table_id FROM meeting WHERE id = ?1",
            meeting.to_string(),
        )? {
            Some(t) => self.rights(t)?.check([act]).map_err(refused),
            None => Ok(()),
        }
    }

    pub(crate) fn guard_referral(&self, referral: ReferralId) -> Result<()> {
        match self.table_of(
            "SELECT table_id FROM referral WHERE id = ?1",
            referral.to_string(),
        )? {
            Some(t) => self.guard_table(t),
            None => Ok(()),
        }
    }
}
