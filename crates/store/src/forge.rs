//! Tests only (feature `forge`): what a tampered copy of the app could write. The store's own
//! operations refuse what the rulebook does not allow; an attacker who holds a device and its
//! passphrase can still write its documents directly. These hooks do exactly that, so the tests can
//! check that every other device refuses such a change when it arrives.

use casustafel_docs::{CaseDoc, Document};
use casustafel_domain::CaseId;
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
        let id = case.to_string();
        let mut doc: Document<CaseDoc> =
            docstore::load(&self.conn, &id)?.ok_or(StoreError::NotFound)?;
        doc.edit(edit)
            .map_err(|e| StoreError::Damaged(format!("document: {e}")))?;
        docstore::save(&self.conn, &id, "case", &mut doc, now)
    }
}
