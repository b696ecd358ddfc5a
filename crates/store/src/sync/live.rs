//! What live sync on the meeting-room network needs from the store beyond the port every
//! transport uses (`held`, `receive` with `Source::Peer`): the same files as the folder
//! transport, offered from the archive to a peer that may have them (need to know). The network
//! itself is `casustafel-lan`'s.

use casustafel_domain::TableId;
use casustafel_sync::names::is_change_file;
use casustafel_sync::{DeviceId, DocRef, OutFile};
use rusqlite::params;

use crate::error::Result;
use crate::profile::Store;

impl Store {
    /// The change files of `table` this device holds or has dealt with (read, applied, set
    /// aside, not for it) or keeps waiting: a peer need not send them.
    /// A name where a file lay that did not verify is not among them: a peer that holds the
    /// genuine file there sends it.
    pub fn live_have(&self, table: TableId) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM sync_done WHERE table_id = ?1
             UNION SELECT name FROM sync_waiting WHERE table_id = ?1",
        )?;
        let rows = stmt.query_map([table.to_string()], |r| r.get::<_, String>(0))?;
        Ok(rows
            .filter_map(|r| r.ok())
            .filter(|n| is_change_file(n))
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
        let access = self.sync_access(table)?;
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

    /// A number that grows with every change written through this connection, so the live
    /// loop can tell cheaply whether there may be something new to export.
    pub fn change_count(&self) -> u64 {
        self.conn.total_changes()
    }
}
