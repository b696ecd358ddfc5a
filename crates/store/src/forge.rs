//! Tests only (feature `forge`): what a tampered copy of the app could write. The store's own
//! operations refuse what the rulebook does not allow; an attacker who holds a device and its
//! passphrase can still write its documents directly. These hooks do exactly that, so the tests can
//! check that every other device refuses such a change when it arrives.

use casustafel_docs::{CaseDoc, Document, MeetingDoc, RegisterDoc, TableDoc};
use casustafel_domain::{CaseId, MeetingId, TableId};
use chrono::{DateTime, Utc};

use crate::docstore;
use crate::error::{Result, StoreError};
use crate::profile::Store;

impl Store {
    /// Edits `case`'s document with no rule checked and saves it, for the next sync to send.
    #[doc(hidden)]
    pub fn forge_case_edit(
        &mut self,
        case: CaseId,
        edit: impl FnOnce(&mut CaseDoc),
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.forge(&case.to_string(), "case", edit, now)
    }

    /// Edits `meeting`'s document with no rule checked and saves it, for the next sync to send.
    #[doc(hidden)]
    pub fn forge_meeting_edit(
        &mut self,
        meeting: MeetingId,
        edit: impl FnOnce(&mut MeetingDoc),
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.forge(&meeting.to_string(), "meeting", edit, now)
    }

    /// Edits `table`'s shared table document (members, roles, partners) with no rule checked and
    /// saves it, for the next sync to send.
    #[doc(hidden)]
    pub fn forge_table_edit(
        &mut self,
        table: TableId,
        edit: impl FnOnce(&mut TableDoc),
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.forge(&format!("table:{table}"), "table", edit, now)
    }

    /// `table`'s register document as this device holds it.
    #[doc(hidden)]
    pub fn forge_register_read(&self, table: TableId) -> Result<RegisterDoc> {
        let doc: Document<RegisterDoc> = docstore::load(&self.conn, &format!("register:{table}"))?
            .ok_or(StoreError::NotFound)?;
        doc.value()
            .map_err(|e| StoreError::Damaged(format!("document: {e}")))
    }

    /// Edits `table`'s register document with no rule checked and saves it.
    #[doc(hidden)]
    pub fn forge_register_edit(
        &mut self,
        table: TableId,
        edit: impl FnOnce(&mut RegisterDoc),
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.forge(&format!("register:{table}"), "register", edit, now)
    }

    fn forge<T>(
        &mut self,
        id: &str,
        kind: &str,
        edit: impl FnOnce(&mut T),
        now: DateTime<Utc>,
    ) -> Result<()>
    where
        T: autosurgeon::Reconcile + autosurgeon::Hydrate + Clone,
    {
        let mut doc: Document<T> = docstore::load(&self.conn, id)?.ok_or(StoreError::NotFound)?;
        doc.edit(edit)
            .map_err(|e| StoreError::Damaged(format!("document: {e}")))?;
        docstore::save(&self.conn, id, kind, &mut doc, now)
    }
}
