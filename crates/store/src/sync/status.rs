//! What the sync panel shows of a shared table.

use casustafel_domain::TableId;
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use casustafel_api::sync::{DeviceView, SetAside, SetAsideReason};
use casustafel_api::SyncProblem;

use super::state::{load_shared, table_doc};
use super::{device_from, DeviceRecord, SyncStatus};
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
        let warnings: Vec<SetAside> = {
            let mut stmt = self
                .conn
                .prepare("SELECT name, reason FROM sync_warning WHERE table_id = ?1 ORDER BY at DESC LIMIT 50")?;
            let rows = stmt.query_map([table.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            let rows: Vec<(String, String)> = rows.collect::<rusqlite::Result<_>>()?;
            rows.into_iter()
                .map(|(file, code)| SetAside {
                    file,
                    // A reason a newer version wrote reads as "not a file of ours".
                    reason: SetAsideReason::from_code(&code).unwrap_or(SetAsideReason::Malformed),
                })
                .collect()
        };
        let me = self.device_keys()?.id();
        let doc = table_doc(&self.conn, table)?
            .map(|d| d.value())
            .transpose()
            .map_err(|e| StoreError::Damaged(e.to_string()))?;
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
                devices.push(DeviceView {
                    fingerprint: d.device.fingerprint(),
                    label: d.label,
                    participant: name,
                });
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
                pending.push(DeviceView {
                    fingerprint: device_from(&device)?.fingerprint(),
                    label,
                    participant: name,
                });
            }
        }
        Ok(SyncStatus {
            // A problem that is not a sync problem (a database error) is shown when it happens,
            // not kept here.
            last_error: last_error.and_then(|code| {
                serde_json::from_value::<SyncProblem>(serde_json::Value::String(code)).ok()
            }),
            pending,
            folder: shared.folder.display().to_string(),
            last_sync: last
                .and_then(|l| DateTime::parse_from_rfc3339(&l).ok())
                .map(|d| d.with_timezone(&Utc)),
            outbox: outbox as usize,
            warnings,
            me: me.fingerprint(),
            devices,
        })
    }
}
