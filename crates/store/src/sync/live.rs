//! What live sync on the meeting-room network needs from the store: the same files as the
//! folder transport, offered from the archive and taken in through the same pass (`ingest`), so
//! the sync engine's checks hold unchanged. The network itself is `casustafel-lan`'s.

use casustafel_domain::TableId;
use casustafel_folder::Incoming;
use casustafel_sync::{Access, DeviceId, DeviceKeys, DocRef, OutFile};
use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{apply, load_shared, SyncReport};
use crate::error::Result;
use crate::profile::Store;

/// Is `name` a change file (`<16 hex>/<16 hex>.cst`), the only kind live peers exchange?
fn change_file(name: &str) -> bool {
    casustafel_folder::valid_name(name) && !name.starts_with("enrol/")
}

impl Store {
    /// This device's keys, for the live channel's handshake. They stay in this process.
    pub fn live_keys(&self) -> Result<DeviceKeys> {
        self.device_keys()
    }

    /// The tables this device shares.
    pub fn live_tables(&self) -> Result<Vec<TableId>> {
        let mut stmt = self.conn.prepare("SELECT table_id FROM sync_table")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows
            .filter_map(|r| r.ok())
            .filter_map(|t| t.parse().ok())
            .collect())
    }

    /// Who belongs to `table`, as this device knows it now.
    pub fn live_access(&self, table: TableId) -> Result<Access> {
        let shared = load_shared(&self.conn, table)?;
        apply::current_access(&self.conn, table, shared.root)
    }

    /// The change files of `table` this device holds or has dealt with (read, applied, set
    /// aside, not for it) or keeps waiting: a peer need not send them.
    pub fn live_have(&self, table: TableId) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT name FROM sync_done WHERE table_id = ?1
             UNION SELECT name FROM sync_waiting WHERE table_id = ?1",
        )?;
        let rows = stmt.query_map([table.to_string()], |r| r.get::<_, String>(0))?;
        Ok(rows
            .filter_map(|r| r.ok())
            .filter(|n| change_file(n))
            .collect())
    }

    /// Up to `limit` archived files of `table` for which `has` says no and that `peer` may be
    /// handed (need to know: only files about documents it may read, and only its own key
    /// grants), in name order.
    pub fn live_files(
        &self,
        table: TableId,
        peer: &DeviceId,
        has: impl Fn(&str) -> bool,
        limit: usize,
    ) -> Result<Vec<OutFile>> {
        let access = self.live_access(table)?;
        let names: Vec<String> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT name, about FROM sync_file WHERE table_id = ?1 ORDER BY name",
            )?;
            let rows = stmt.query_map([table.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<Vec<u8>>>(1)?))
            })?;
            rows.filter_map(|r| r.ok())
                .filter(|(n, _)| !has(n))
                .filter(|(_, about)| {
                    about
                        .as_deref()
                        .and_then(|b| postcard::from_bytes::<(DocRef, Option<DeviceId>)>(b).ok())
                        .is_some_and(|(doc, to)| access.may_hand(peer, doc, to.as_ref()))
                })
                .map(|(n, _)| n)
                .take(limit)
                .collect()
        };
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let bytes: Vec<u8> = self.conn.query_row(
                "SELECT bytes FROM sync_file WHERE table_id = ?1 AND name = ?2",
                params![table.to_string(), name],
                |r| r.get(0),
            )?;
            out.push(OutFile { name, bytes });
        }
        Ok(out)
    }

    /// Files a live peer sent: anything but change files is dropped, files already dealt with
    /// are skipped, the rest goes through the same checks and pass as files from the folder.
    pub fn live_receive(
        &mut self,
        table: TableId,
        files: Vec<OutFile>,
        now: DateTime<Utc>,
    ) -> Result<SyncReport> {
        let mut incoming = Vec::new();
        for f in files {
            if !change_file(&f.name) {
                continue;
            }
            let done = self
                .conn
                .prepare_cached(
                    "SELECT 1 FROM sync_done WHERE table_id = ?1 AND name = ?2
                     UNION SELECT 1 FROM sync_waiting WHERE table_id = ?1 AND name = ?2",
                )?
                .exists(params![table.to_string(), f.name])?;
            if !done {
                incoming.push(Incoming {
                    name: f.name,
                    bytes: f.bytes,
                });
            }
        }
        if incoming.is_empty() {
            return Ok(SyncReport::default());
        }
        // What was edited here goes out first, as in a folder pass: applying a change moves the
        // export cursor to the document's heads, which would otherwise pass over a local edit
        // made since the last export and keep it from ever leaving this device.
        self.export_changes(table, now)?;
        let read = incoming.len();
        let mut report = self.ingest(table, incoming, None, now)?;
        report.read = read;
        Ok(report)
    }

    /// A number that grows with every change written through this connection, so the live
    /// loop can tell cheaply whether there may be something new to export.
    pub fn change_count(&self) -> u64 {
        self.conn.total_changes()
    }
}
