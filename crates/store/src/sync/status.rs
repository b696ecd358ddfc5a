//! What the sync panel shows of a shared table.

use casustafel_domain::TableId;
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::register::access_from;
use super::state::{load_shared, table_doc};
use super::{chair_member, device_from, DeviceRecord, SyncStatus};
use crate::error::{Result, StoreError};
use crate::profile::Store;

impl Store {
    /// The sync state of a table, for the screen.
    pub fn sync_status(&self, table: TableId) -> Result<SyncStatus> {
        let shared = load_shared(&self.conn, table)?;
        let (last, last_error): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT last_sync, last_error FROM sync_table WHERE table_id = ?1",
            [table.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let outbox: i64 = self.conn.query_row(
            "SELECT count(*) FROM sync_outbox WHERE table_id = ?1",
            [table.to_string()],
            |r| r.get(0),
        )?;
        let warnings: Vec<(String, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT name, reason FROM sync_warning WHERE table_id = ?1 ORDER BY at DESC LIMIT 50")?;
            let rows = stmt.query_map([table.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let me = self.device_keys()?.id();
        let doc = table_doc(&self.conn, table)?
            .map(|d| d.value())
            .transpose()
            .map_err(|e| StoreError::Damaged(e.to_string()))?;
        let access = access_from(doc.as_ref(), shared.root, chair_member())?;
        let mut devices = Vec::new();
        if let Some(doc) = &doc {
            for v in doc.devices.values() {
                let Ok(d) = serde_json::from_str::<DeviceRecord>(v) else {
                    continue;
                };
                if d.member.removed {
                    continue;
                }
                let name: String = self
                    .conn
                    .query_row(
                        "SELECT name FROM participant WHERE id = ?1",
                        [d.member.participant.to_string()],
                        |r| r.get(0),
                    )
                    .optional()?
                    .unwrap_or_default();
                devices.push((d.device.fingerprint(), d.label, name));
            }
        }
        let mut pending = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT j.device, j.label, COALESCE(p.name, '') FROM sync_pending_join j
                 LEFT JOIN participant p ON p.id = j.participant WHERE j.table_id = ?1 ORDER BY j.at",
            )?;
            let rows: Vec<(Vec<u8>, String, String)> = stmt
                .query_map([table.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (device, label, name) in rows {
                pending.push((device_from(&device)?.fingerprint(), label, name));
            }
        }
        Ok(SyncStatus {
            last_error,
            pending,
            folder: shared.folder.display().to_string(),
            last_sync: last
                .and_then(|l| DateTime::parse_from_rfc3339(&l).ok())
                .map(|d| d.with_timezone(&Utc)),
            outbox: outbox as usize,
            warnings,
            me: me.fingerprint(),
            runs_table: access.may_grant(&me),
            devices,
        })
    }
}
