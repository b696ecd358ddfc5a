//! Export: what changed here goes out. The register snapshot into the table document (on the
//! device that runs the table), keys to those who may read, and every change made here since the
//! last export, sealed into the outbox (for the folder) and the archive (for live peers).

use casustafel_api::sync::SetAsideReason;
use casustafel_docs::{CaseDoc, Document, MeetingDoc, RegisterDoc, TableDoc};
use casustafel_domain::{CaseId, TableId};
use casustafel_sync::{About, Access, DocRef, Engine, OutFile};
use chrono::{DateTime, Utc};
use rand_core::OsRng;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::register::DeviceRecord;
use super::state::{load_shared, save_state, table_doc, table_docs};
use super::{apply, doc_id};
use crate::docstore;
use crate::error::{Result, StoreError, SyncProblem};
use crate::profile::Store;

/// What changed in `doc` here since the last export (possibly nothing) and its heads; `None`
/// when there is no such document or it was not saved since the cursor was set.
fn export_bytes(
    conn: &Connection,
    table: TableId,
    doc: DocRef,
) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
    let id = doc_id(doc);
    let (cursor, unchanged): (Vec<u8>, bool) = conn
        .query_row(
            "SELECT c.heads, c.rev IS NOT NULL AND c.rev = d.rev FROM sync_cursor c
             JOIN document d ON d.id = c.doc_id WHERE c.table_id = ?1 AND c.doc_id = ?2",
            params![table.to_string(), id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or_default();
    // Not saved since the cursor was set: nothing to export, and no need to load it.
    if unchanged {
        return Ok(None);
    }
    let result = match doc {
        DocRef::Table(_) => docstore::load::<TableDoc>(conn, &id)?
            .map(|mut d| (d.changes_since(&cursor), d.heads_bytes())),
        DocRef::Register(_) => docstore::load::<RegisterDoc>(conn, &id)?
            .map(|mut d| (d.changes_since(&cursor), d.heads_bytes())),
        DocRef::Meeting(_) => docstore::load::<MeetingDoc>(conn, &id)?
            .map(|mut d| (d.changes_since(&cursor), d.heads_bytes())),
        DocRef::Case(_) => docstore::load::<CaseDoc>(conn, &id)?
            .map(|mut d| (d.changes_since(&cursor), d.heads_bytes())),
    };
    Ok(result)
}

/// Moves the export cursor of `doc` to `heads`, which must cover the document as saved now (its
/// revision is recorded, so an export skips it until its next save).
pub(super) fn set_cursor(conn: &Connection, table: TableId, doc: &str, heads: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_cursor (table_id, doc_id, heads, rev)
         VALUES (?1, ?2, ?3, (SELECT rev FROM document WHERE id = ?2))
         ON CONFLICT(table_id, doc_id) DO UPDATE SET heads = ?3, rev = excluded.rev",
        params![table.to_string(), doc, heads],
    )?;
    Ok(())
}

/// Writes the register snapshot into the table document, the register document and each case's
/// document (only what differs, so unchanged documents get no change).
fn write_snapshot(
    conn: &Connection,
    table: TableId,
    value: TableDoc,
    register: RegisterDoc,
    entries: Vec<(CaseId, String)>,
    now: DateTime<Utc>,
) -> Result<()> {
    let damaged = |e: casustafel_docs::DocError| StoreError::Damaged(e.to_string());
    if let Some(mut doc) = table_doc(conn, table)? {
        if doc.value().map_err(damaged)? != value {
            doc.edit(|d| *d = value).map_err(damaged)?;
            docstore::save(conn, &format!("table:{table}"), "table", &mut doc, now)?;
        }
    }
    let id = format!("register:{table}");
    match docstore::load::<RegisterDoc>(conn, &id)? {
        Some(mut doc) => {
            if doc.value().map_err(damaged)? != register {
                doc.edit(|d| *d = register).map_err(damaged)?;
                docstore::save(conn, &id, "register", &mut doc, now)?;
            }
        }
        None => {
            let mut doc = Document::new(&register).map_err(damaged)?;
            docstore::save(conn, &id, "register", &mut doc, now)?;
        }
    }
    for (case, entry) in entries {
        let id = case.to_string();
        match docstore::load::<CaseDoc>(conn, &id)? {
            Some(mut doc) => {
                if doc.value().map_err(damaged)?.register != entry {
                    doc.edit(|d| d.register = entry).map_err(damaged)?;
                    docstore::save(conn, &id, "case", &mut doc, now)?;
                }
            }
            None => {
                let mut doc = Document::new(&CaseDoc {
                    case_id: id.clone(),
                    register: entry,
                    ..CaseDoc::default()
                })
                .map_err(damaged)?;
                docstore::save(conn, &id, "case", &mut doc, now)?;
            }
        }
    }
    Ok(())
}

/// On the keeper: vouches, in each member's device record, for every file of that member it has
/// dealt with in a row from the first (`Member::settled`), so the others apply them. A removed
/// device's record is left as it was at its removal: nothing it writes afterwards is vouched for.
fn vouch(doc: &mut TableDoc, state: &casustafel_sync::EngineState) -> Result<()> {
    for v in doc.devices.values_mut() {
        let mut record: DeviceRecord =
            serde_json::from_str(v).map_err(|_| StoreError::Damaged("device record".into()))?;
        let dealt = state.dealt_prefix(&record.device);
        if !record.member.removed && dealt > record.member.settled {
            record.member.settled = dealt;
            *v = serde_json::to_string(&record).map_err(|e| StoreError::Damaged(e.to_string()))?;
        }
    }
    Ok(())
}

/// Hands out keys (on the device that runs the table) and seals every change made here since the
/// last export, into the outbox.
pub(super) fn export(
    conn: &Connection,
    engine: &mut Engine,
    table: TableId,
    access: &Access,
) -> Result<()> {
    let me = engine.id();
    for doc in table_docs(conn, table)? {
        // The table document's changes go out under the key its readers had so far, so that a
        // removed device still learns that it was removed; content goes out under the new key.
        let seal_first = matches!(doc, DocRef::Table(_));
        if seal_first {
            seal_changes(conn, engine, table, access, doc)?;
        }
        if access.may_grant(&me) {
            let grants = engine.share(doc, access, &mut OsRng);
            to_outbox(conn, engine, table, &grants)?;
        }
        if !seal_first {
            seal_changes(conn, engine, table, access, doc)?;
        }
    }
    Ok(())
}

fn seal_changes(
    conn: &Connection,
    engine: &mut Engine,
    table: TableId,
    access: &Access,
    doc: DocRef,
) -> Result<()> {
    if access.may_write(&engine.id(), doc) && engine.has_key(doc) {
        if let Some((bytes, heads)) = export_bytes(conn, table, doc)? {
            if !bytes.is_empty() {
                match engine.seal_change(doc, &bytes, &mut OsRng) {
                    Some(f) => to_outbox(conn, engine, table, &[f])?,
                    // No routing key yet (the table document's key is on its way): the change
                    // goes with a later export.
                    None => return Ok(()),
                }
            }
            // Also when nothing changed: the recorded revision spares the next export a load.
            set_cursor(conn, table, &doc_id(doc), &heads)?;
        }
    }
    Ok(())
}

/// Queues files for the folder. Change files (not enrolment answers) are also kept in the
/// archive, for live peers, and count as held here from now on.
pub(super) fn to_outbox(
    conn: &Connection,
    engine: &Engine,
    table: TableId,
    files: &[OutFile],
) -> Result<()> {
    for f in files {
        conn.execute(
            "INSERT OR IGNORE INTO sync_outbox (table_id, name, bytes) VALUES (?1, ?2, ?3)",
            params![table.to_string(), f.name, f.bytes],
        )?;
        if !f.name.starts_with("enrol/") {
            archive(conn, table, &f.name, &f.bytes, engine.about(f))?;
            apply::mark_done(conn, table, &f.name)?;
        }
    }
    Ok(())
}

/// Keeps a file of `table` in the archive, with what it is about (`None`: handed to nobody).
pub(super) fn archive(
    conn: &Connection,
    table: TableId,
    name: &str,
    bytes: &[u8],
    about: Option<About>,
) -> Result<()> {
    let about = about.and_then(|a| postcard::to_allocvec(&a).ok());
    conn.execute(
        "INSERT OR IGNORE INTO sync_file (table_id, name, bytes, about) VALUES (?1, ?2, ?3, ?4)",
        params![table.to_string(), name, bytes, about],
    )?;
    Ok(())
}

impl Store {
    /// Export: the register into the table document (if this device runs the table), keys to
    /// those who may read, and every change made here since the last export, sealed into the
    /// outbox and the archive. Needs no folder. Returns how many files it made.
    pub fn export_changes(&mut self, table: TableId, now: DateTime<Utc>) -> Result<usize> {
        let shared = load_shared(&self.conn, table)?;
        let keys = self.device_keys()?;
        let me = keys.id();
        let mut engine = Engine::new(keys, table, shared.state);
        let before = apply::current_access(&self.conn, table, shared.root)?;
        let snapshot = match table_doc(&self.conn, table)? {
            Some(doc) if before.may_grant(&me) => {
                let mut value = doc
                    .value()
                    .map_err(|e| StoreError::Damaged(e.to_string()))?;
                let mut register =
                    docstore::load::<RegisterDoc>(&self.conn, &format!("register:{table}"))?
                        .map(|d| d.value())
                        .transpose()
                        .map_err(|e| StoreError::Damaged(e.to_string()))?
                        .unwrap_or_default();
                let entries =
                    self.register_snapshot(table, &mut value, &mut register, now.date_naive())?;
                vouch(&mut value, engine.state())?;
                Some((value, register, entries))
            }
            _ => None,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some((value, register, entries)) = snapshot {
            write_snapshot(&tx, table, value, register, entries, now)?;
        }
        let access = apply::current_access(&tx, table, shared.root)?;
        if access.members.get(&me).is_some_and(|m| m.removed) {
            return Err(StoreError::Sync(SyncProblem::Removed));
        }
        let before = engine.state().next_seq;
        export(&tx, &mut engine, table, &access)?;
        save_state(&tx, table, engine.state())?;
        tx.commit()?;
        Ok((engine.state().next_seq - before) as usize)
    }

    /// What waits to be written for `table` by the folder transport, in name order.
    pub fn outbox(&self, table: TableId) -> Result<Vec<OutFile>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, bytes FROM sync_outbox WHERE table_id = ?1 ORDER BY name")?;
        let rows = stmt.query_map([table.to_string()], |r| {
            Ok(OutFile {
                name: r.get(0)?,
                bytes: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// `name` of `table`'s outbox was written: it leaves the outbox, and needs no reading back
    /// (it is this device's own).
    pub fn sent(&mut self, table: TableId, name: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM sync_outbox WHERE table_id = ?1 AND name = ?2",
            params![table.to_string(), name],
        )?;
        apply::mark_done(&self.conn, table, name)
    }

    /// `name` of `table`'s outbox could not be written there because another file lies at that
    /// name. A change file went into the folder under its spare name `spare` instead; an
    /// enrolment answer (which has no spare name) did not. Either way it leaves the outbox, so
    /// it never holds up the files after it, and the sync panel says what happened.
    pub fn sent_elsewhere(
        &mut self,
        table: TableId,
        name: &str,
        spare: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM sync_outbox WHERE table_id = ?1 AND name = ?2",
            params![table.to_string(), name],
        )?;
        apply::mark_done(&tx, table, name)?;
        if let Some(spare) = spare {
            apply::mark_done(&tx, table, spare)?;
        }
        apply::warn(&tx, table, name, SetAsideReason::Occupied, now)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(feature = "forge")]
impl Store {
    /// Tests only: seals what changed in `doc` here into the outbox even where this device may not
    /// write it, as a tampered copy of the app could (the honest export leaves such a change here).
    #[doc(hidden)]
    pub fn forge_export(&mut self, table: TableId, doc: DocRef) -> Result<()> {
        let shared = load_shared(&self.conn, table)?;
        let mut engine = Engine::new(self.device_keys()?, table, shared.state);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some((bytes, heads)) = export_bytes(&tx, table, doc)? {
            if let Some(f) = engine.seal_change(doc, &bytes, &mut OsRng) {
                to_outbox(&tx, &engine, table, &[f])?;
            }
            set_cursor(&tx, table, &doc_id(doc), &heads)?;
        }
        save_state(&tx, table, engine.state())?;
        tx.commit()?;
        Ok(())
    }

    /// Tests only: seals `bytes` as a change of `doc`, whatever they are, as a tampered app could.
    #[doc(hidden)]
    pub fn forge_send_raw(&mut self, table: TableId, doc: DocRef, bytes: &[u8]) -> Result<()> {
        let shared = load_shared(&self.conn, table)?;
        let mut engine = Engine::new(self.device_keys()?, table, shared.state);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(f) = engine.seal_change(doc, bytes, &mut OsRng) {
            to_outbox(&tx, &engine, table, &[f])?;
        }
        save_state(&tx, table, engine.state())?;
        tx.commit()?;
        Ok(())
    }

    /// Tests only: what `file` of `table` is about, as far as this device can open it.
    #[doc(hidden)]
    pub fn forge_about(&self, table: TableId, file: &OutFile) -> Result<Option<About>> {
        let shared = load_shared(&self.conn, table)?;
        Ok(Engine::new(self.device_keys()?, table, shared.state).about(file))
    }

    /// Tests only: how many changes wait here for changes they build on.
    #[doc(hidden)]
    pub fn forge_held_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM sync_held", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Tests only: how many files of `table` are set aside for `reason` (the sync tab lists the
    /// latest fifty).
    #[doc(hidden)]
    pub fn forge_warning_count(
        &self,
        table: TableId,
        reason: casustafel_api::sync::SetAsideReason,
    ) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM sync_warning WHERE table_id = ?1 AND reason = ?2",
            params![table.to_string(), reason.code()],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// Tests only: how many files of `table` this device keeps in its archive.
    #[doc(hidden)]
    pub fn forge_archived_count(&self, table: TableId) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM sync_file WHERE table_id = ?1",
            [table.to_string()],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// Tests only: seals the whole of `doc` as held here for the members of `via`, under a fresh
    /// key granted to every one of them, as a tampered app of `via`'s chair could — whatever table
    /// `doc` belongs to.
    #[doc(hidden)]
    pub fn forge_export_via(&mut self, via: TableId, doc: DocRef) -> Result<()> {
        let shared = load_shared(&self.conn, via)?;
        let mut engine = Engine::new(self.device_keys()?, via, shared.state);
        let mut everyone = apply::current_access(&self.conn, via, shared.root)?;
        for m in everyone.members.values_mut() {
            m.role = casustafel_domain::participant::Role::Chair;
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let grants = engine.rotate(doc, &everyone, &mut OsRng);
        to_outbox(&tx, &engine, via, &grants)?;
        let whole = export_bytes(&tx, via, doc)?.map(|(bytes, _)| bytes);
        let whole = whole.ok_or(StoreError::NotFound)?;
        if let Some(f) = engine.seal_change(doc, &whole, &mut OsRng) {
            to_outbox(&tx, &engine, via, &[f])?;
        }
        save_state(&tx, via, engine.state())?;
        tx.commit()?;
        Ok(())
    }
}
