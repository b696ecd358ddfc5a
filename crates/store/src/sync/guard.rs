//! A table shared from another device's register is read-only here, except what the access rules
//! let this device write through the documents (its partner's actions and progress). Edits to the
//! register itself would stay local and be overwritten, so they are refused with a clear reason.

use casustafel_domain::{CaseId, MeetingId, ReferralId, TableId};
use rusqlite::OptionalExtension;

use crate::error::{Result, StoreError, SyncProblem};
use crate::profile::Store;

impl Store {
    /// Refused when `table` is shared and this device does not run it.
    pub(crate) fn guard_table(&self, table: TableId) -> Result<()> {
        let shared = self
            .conn
            .query_row(
                "SELECT 1 FROM sync_table WHERE table_id = ?1",
                [table.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if shared && !self.runs_table(table)? {
            return Err(StoreError::Sync(SyncProblem::NotChair));
        }
        Ok(())
    }

    fn table_of(&self, sql: &str, id: String) -> Result<Option<TableId>> {
        let t: Option<String> = self.conn.query_row(sql, [id], |r| r.get(0)).optional()?;
        Ok(t.and_then(|t| t.parse().ok()))
    }

    pub(crate) fn guard_case(&self, case: CaseId) -> Result<()> {
        match self.table_of(
            "SELECT table_id FROM case_file WHERE id = ?1",
            case.to_string(),
        )? {
            Some(t) => self.guard_table(t),
            None => Ok(()), // the operation itself reports the missing case
        }
    }

    pub(crate) fn guard_meeting(&self, meeting: MeetingId) -> Result<()> {
        match self.table_of(
            "SELECT table_id FROM meeting WHERE id = ?1",
            meeting.to_string(),
        )? {
            Some(t) => self.guard_table(t),
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
