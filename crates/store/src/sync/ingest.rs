//! Taking in what another device wrote, whatever carried it: every file goes through the sync
//! engine's checks (signature, membership, the rulebook) in one transaction per call.

use std::collections::BTreeSet;

use casustafel_api::sync::SetAsideReason;
use casustafel_domain::TableId;
use casustafel_sync::names::{is_change_file, valid_name};
use casustafel_sync::{Engine, OutFile};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::export::export;
use super::state::{load_shared, save_state};
use super::{apply, doc_id, held, register, strangers, SyncReport};
use crate::error::Result;
use crate::profile::Store;

/// Where received files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The shared folder; `unread` names files in it that could not be read, and why.
    Folder {
        unread: Vec<(String, SetAsideReason)>,
    },
    /// A peer on the meeting-room network: only change files are taken from it.
    Peer,
}

/// The `doc_id` of a waiting file that nothing here opens (yet): a key sealed to another device,
/// or a change under a table key not here yet. It is read again when a key arrives, like every
/// waiting file, but is not counted as waiting on the sync tab.
const OPAQUE: &str = "opaque";

fn archived(conn: &Connection, table: TableId, name: &str) -> Result<Option<OutFile>> {
    Ok(conn
        .query_row(
            "SELECT bytes FROM sync_file WHERE table_id = ?1 AND name = ?2",
            params![table.to_string(), name],
            |r| r.get(0),
        )
        .optional()?
        .map(|bytes| OutFile {
            name: name.to_string(),
            bytes,
        }))
}

impl Store {
    /// The names of `table`'s files this device holds or has dealt with (read, applied, set
    /// aside, not for it) or keeps waiting: a transport need not bring them again.
    ///
    /// Names where a file lay that did not verify count too (the folder scan need not read them
    /// again each pass); `junk_to_recheck` brings them back a few at a time.
    pub fn held(&self, table: TableId) -> Result<BTreeSet<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM sync_done WHERE table_id = ?1
             UNION SELECT name FROM sync_waiting WHERE table_id = ?1
             UNION SELECT name FROM sync_junk WHERE table_id = ?1",
        )?;
        let rows = stmt.query_map([table.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Up to `limit` names of `table` where a file lay that did not verify, those looked at
    /// longest ago first: the folder transport reads them again, since the genuine file may have
    /// come there since (a sync tool that had written half of it, a planted file removed).
    pub fn junk_to_recheck(&self, table: TableId, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM sync_junk WHERE table_id = ?1 ORDER BY checked_at, name LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![table.to_string(), limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Files that wait (for a key, for membership) but were never archived, because they came
    /// before the archive existed: the folder transport brings them again.
    pub fn waiting_unarchived(&self, table: TableId) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT w.name FROM sync_waiting w WHERE w.table_id = ?1 AND w.stranger = 0
             AND NOT EXISTS
             (SELECT 1 FROM sync_file f WHERE f.table_id = w.table_id AND f.name = w.name)",
        )?;
        let rows = stmt.query_map([table.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Takes in files another device wrote. Names that are not sync file names are dropped (and
    /// from a peer anything but change files), files dealt with or archived already are skipped,
    /// the rest goes through the engine's checks. What was edited here goes out first: applying
    /// a change moves the export cursor to the document's heads, which would otherwise pass over
    /// a local edit made since the last export and keep it from ever leaving this device.
    pub fn receive(
        &mut self,
        table: TableId,
        files: Vec<OutFile>,
        source: Source,
        now: DateTime<Utc>,
    ) -> Result<SyncReport> {
        if let Source::Folder { unread } = &source {
            for (name, why) in unread {
                apply::warn(&self.conn, table, name, *why, now)?;
            }
        }
        let mut incoming = Vec::new();
        for f in files {
            let fits = match source {
                Source::Folder { .. } => valid_name(&f.name),
                Source::Peer => is_change_file(&f.name),
            };
            if fits && !self.dealt_with(table, &f.name)? && !self.known_junk(table, &f, now)? {
                incoming.push(f);
            }
        }
        if incoming.is_empty() {
            return Ok(SyncReport::default());
        }
        self.export_changes(table, now)?;
        let read = incoming.len();
        let mut report = self.ingest(table, incoming, now)?;
        report.read = read;
        // On the keeper: what was just dealt with is vouched for at once, so the others need not
        // wait for the next pass to apply it.
        if self.keeps_register(table)? {
            self.export_changes(table, now)?;
        }
        Ok(report)
    }

    /// Was `name` dealt with here already (read, applied, set aside, this device's own) or is it
    /// in the archive (then it waits, and is read again from there)?
    fn dealt_with(&self, table: TableId, name: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM sync_done WHERE table_id = ?1 AND name = ?2
                 UNION SELECT 1 FROM sync_file WHERE table_id = ?1 AND name = ?2",
            )?
            .exists(params![table.to_string(), name])?)
    }

    /// Are these the very bytes that were found not to verify at this name before? (Then they
    /// are not checked again; the name counts as looked at now.)
    fn known_junk(&self, table: TableId, file: &OutFile, now: DateTime<Utc>) -> Result<bool> {
        let same = self.conn.execute(
            "UPDATE sync_junk SET checked_at = ?4
             WHERE table_id = ?1 AND name = ?2 AND digest = ?3",
            params![
                table.to_string(),
                file.name,
                apply::digest(&file.bytes),
                now.to_rfc3339()
            ],
        )?;
        Ok(same > 0)
    }

    /// Applies what may be applied of files others wrote, in one transaction; join requests are
    /// answered if this device runs the table. Every change file is archived first, so nothing
    /// received is lost, and files that waited are read again from the archive.
    fn ingest(
        &mut self,
        table: TableId,
        files: Vec<OutFile>,
        now: DateTime<Utc>,
    ) -> Result<SyncReport> {
        let shared = load_shared(&self.conn, table)?;
        let keys = self.device_keys()?;
        let me = keys.id();
        let mut engine = Engine::new(keys, table, shared.state);
        let mut report = SyncReport::default();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        held::expire(&tx, table, now)?;
        strangers::expire(&tx, table, now)?;
        let mut access = apply::current_access(&tx, table, shared.root)?;
        let mut queue = Vec::new();
        for file in files {
            if file.name.starts_with("enrol/") {
                if access.may_grant(&me) && file.name.ends_with(".join") {
                    apply::answer_join(&tx, &engine, table, &file, now, &mut report)?;
                }
                apply::mark_done(&tx, table, &file.name)?;
            } else {
                // Archived once verified (`apply::receive`): what does not verify takes no name.
                queue.push(file);
            }
        }
        // Files that waited in earlier passes and may be readable now (those brought again in
        // this call are read once, from `queue`).
        let waited: Vec<(String, Option<String>)> = {
            let mut stmt = tx.prepare(
                "SELECT name, doc_id FROM sync_waiting WHERE table_id = ?1 AND stranger = 0",
            )?;
            let rows = stmt.query_map([table.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let all: Vec<(String, Option<String>)> = rows.collect::<rusqlite::Result<_>>()?;
            all.into_iter()
                .filter(|(n, _)| !queue.iter().any(|f: &OutFile| &f.name == n))
                .collect()
        };
        // Read; while keys or membership arrive, read again what waited (waiting files are read
        // again only then, so they cost nothing on a pass that brings no key).
        let mut waiting: Vec<(String, Option<String>)> = waited;
        let mut round = 0;
        loop {
            let mut progress = false;
            for file in queue.drain(..) {
                match apply::receive(
                    &tx,
                    &mut engine,
                    table,
                    &file,
                    &mut access,
                    shared.root,
                    now,
                    &mut report,
                )? {
                    apply::Step::Progress => progress = true,
                    apply::Step::Waiting(doc) => waiting.push((file.name.clone(), doc.map(doc_id))),
                    apply::Step::Opaque => waiting.push((file.name.clone(), Some(OPAQUE.into()))),
                    apply::Step::Other => {}
                }
            }
            round += 1;
            if !progress || round > 4 {
                break;
            }
            for (name, doc) in std::mem::take(&mut waiting) {
                match archived(&tx, table, &name)? {
                    Some(f) => queue.push(f),
                    // Not archived (received before the archive existed) and not brought again:
                    // it keeps waiting until a transport brings it.
                    None => waiting.push((name, doc)),
                }
            }
        }
        tx.execute(
            "DELETE FROM sync_waiting WHERE table_id = ?1 AND stranger = 0",
            [table.to_string()],
        )?;
        for (name, doc) in &waiting {
            tx.execute(
                "INSERT OR IGNORE INTO sync_waiting (table_id, name, doc_id) VALUES (?1, ?2, ?3)",
                params![table.to_string(), name, doc],
            )?;
        }
        // Authors admitted meanwhile are strangers no more: their files are read again.
        let access = apply::current_access(&tx, table, shared.root)?;
        strangers::admitted(&tx, table, &access)?;
        let unopened = waiting.iter().filter(|(_, d)| d.as_deref() == Some(OPAQUE));
        report.waiting = waiting.len() - unopened.count() + strangers::count(&tx, table)?;
        // What arrived of the register is projected once per pass, not once per change.
        if report.applied > 0 && !access.may_grant(&me) {
            register::reproject(&tx, table)?;
        }
        // New members get their keys, and the table document that names them, in the same pass.
        if !report.joined.is_empty() {
            let access = apply::current_access(&tx, table, shared.root)?;
            export(&tx, &mut engine, table, &access)?;
        }
        save_state(&tx, table, engine.state())?;
        tx.commit()?;
        Ok(report)
    }
}
