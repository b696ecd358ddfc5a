//! A shared table's saved sync state, this device's keys, and what the transports ask of it
//! before a pass: which tables are shared, through which folder, who belongs.

use std::path::PathBuf;

use casustafel_docs::{Document, TableDoc};
use casustafel_domain::{CaseId, MeetingId, TableId};
use casustafel_sync::{Access, DeviceId, DeviceKeys, DocRef, EngineState};
use chrono::{DateTime, Utc};
use rand_core::OsRng;
use rusqlite::{params, Connection, OptionalExtension};

use super::{apply, device_from};
use crate::docstore;
use crate::error::{Result, StoreError, SyncProblem};
use crate::profile::Store;

/// A shared table's saved sync state.
pub(super) struct Shared {
    pub(super) folder: PathBuf,
    pub(super) state: EngineState,
    pub(super) root: DeviceId,
}

pub(super) fn load_shared(conn: &Connection, table: TableId) -> Result<Shared> {
    let (folder, state, root): (String, Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT folder, engine_state, trusted_root FROM sync_table WHERE table_id = ?1",
            [table.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(StoreError::Sync(SyncProblem::NotShared))?;
    Ok(Shared {
        folder: folder.into(),
        state: postcard::from_bytes(&state)
            .map_err(|_| StoreError::Damaged("sync state".into()))?,
        root: device_from(&root)?,
    })
}

pub(super) fn save_state(conn: &Connection, table: TableId, state: &EngineState) -> Result<()> {
    let bytes =
        postcard::to_allocvec(state).map_err(|_| StoreError::Damaged("sync state".into()))?;
    conn.execute(
        "UPDATE sync_table SET engine_state = ?2 WHERE table_id = ?1",
        params![table.to_string(), bytes],
    )?;
    Ok(())
}

pub(super) fn table_doc(conn: &Connection, table: TableId) -> Result<Option<Document<TableDoc>>> {
    docstore::load::<TableDoc>(conn, &format!("table:{table}"))
}

/// The documents of a table: the table document, its meetings and its cases.
pub(super) fn table_docs(conn: &Connection, table: TableId) -> Result<Vec<DocRef>> {
    let mut docs = vec![DocRef::Table(table), DocRef::Register(table)];
    let mut stmt = conn.prepare_cached("SELECT id FROM meeting WHERE table_id = ?1")?;
    for id in stmt.query_map([table.to_string()], |r| r.get::<_, String>(0))? {
        let id: MeetingId = id?
            .parse()
            .map_err(|_| StoreError::Damaged("meeting id".into()))?;
        docs.push(DocRef::Meeting(id));
    }
    let mut stmt = conn.prepare_cached("SELECT id FROM case_file WHERE table_id = ?1")?;
    for id in stmt.query_map([table.to_string()], |r| r.get::<_, String>(0))? {
        let id: CaseId = id?
            .parse()
            .map_err(|_| StoreError::Damaged("case id".into()))?;
        docs.push(DocRef::Case(id));
    }
    Ok(docs)
}

impl Store {
    /// This device's keys, made on first use and kept in the encrypted database.
    pub(crate) fn device_keys(&self) -> Result<DeviceKeys> {
        let secret: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT secret FROM device_key WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        let bytes = match secret {
            Some(b) => b,
            None => {
                let keys = DeviceKeys::generate(&mut OsRng);
                let bytes = keys.to_secret_bytes().to_vec();
                self.conn.execute(
                    "INSERT INTO device_key (id, secret, created_at)
                     VALUES (1, ?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                    params![bytes],
                )?;
                bytes
            }
        };
        let arr: [u8; 64] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| StoreError::Damaged("device key".into()))?;
        Ok(DeviceKeys::from_secret_bytes(&arr))
    }

    /// This device's fingerprint, to compare with what other devices show.
    pub fn device_fingerprint(&self) -> Result<String> {
        Ok(self.device_keys()?.id().fingerprint())
    }

    /// This device's keys, for a transport's handshake (the live channel). They stay in this
    /// process.
    pub fn sync_keys(&self) -> Result<DeviceKeys> {
        self.device_keys()
    }

    /// The tables this device shares.
    /// The shared tables with a meeting in session here: where peers are looked for on the
    /// meeting-room network without anyone asking.
    pub fn sync_tables_in_session(&self) -> Result<Vec<TableId>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT s.table_id FROM sync_table s JOIN meeting m ON m.table_id = s.table_id
             WHERE m.status = 'in_session'",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows
            .filter_map(|r| r.ok())
            .filter_map(|t| t.parse().ok())
            .collect())
    }

    pub fn sync_tables(&self) -> Result<Vec<TableId>> {
        let mut stmt = self.conn.prepare("SELECT table_id FROM sync_table")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows
            .filter_map(|r| r.ok())
            .filter_map(|t| t.parse().ok())
            .collect())
    }

    /// Who belongs to `table`, as this device knows it now.
    pub fn sync_access(&self, table: TableId) -> Result<Access> {
        let shared = load_shared(&self.conn, table)?;
        apply::current_access(&self.conn, table, shared.root)
    }

    /// The folder `table` is shared through.
    pub fn sync_folder(&self, table: TableId) -> Result<PathBuf> {
        Ok(load_shared(&self.conn, table)?.folder)
    }

    /// Says this device was removed from `table`, once it learnt so.
    pub fn check_not_removed(&self, table: TableId) -> Result<()> {
        let shared = load_shared(&self.conn, table)?;
        let me = self.device_keys()?.id();
        if apply::current_access(&self.conn, table, shared.root)?
            .members
            .get(&me)
            .is_some_and(|m| m.removed)
        {
            return Err(StoreError::Sync(SyncProblem::Removed));
        }
        Ok(())
    }

    /// Records how a folder pass over `table` ended, for the sync panel: when the last one went
    /// through, and the problem of the last one that did not (cleared by the next that does).
    pub fn pass_ended(
        &self,
        table: TableId,
        now: DateTime<Utc>,
        result: std::result::Result<(), &StoreError>,
    ) -> Result<()> {
        match result {
            Ok(()) => self.conn.execute(
                "UPDATE sync_table SET last_sync = ?2, last_error = NULL WHERE table_id = ?1",
                params![table.to_string(), now.to_rfc3339()],
            )?,
            Err(e) => {
                let code = match e {
                    StoreError::Sync(p) => p.code(),
                    _ => "internal",
                };
                self.conn.execute(
                    "UPDATE sync_table SET last_error = ?2 WHERE table_id = ?1",
                    params![table.to_string(), code],
                )?
            }
        };
        Ok(())
    }
}
