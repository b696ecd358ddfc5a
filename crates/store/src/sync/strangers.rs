//! Files whose author is not a member of the table, or not yet: a device whose admission is on
//! its way writes before the others hear of it, but so can anyone who can write to the folder,
//! with as many fresh keys as they like. Such files are not archived (nothing of them is kept but
//! their name, digest and when they were first seen), wait at most `MAX_STRANGER_DAYS`, and only
//! `MAX_STRANGER_FILES_PER_DEVICE` per author folder and `MAX_STRANGER_FILES` in all wait; the
//! rest is set aside as junk, not read again until its bytes change or its author is admitted.
//! Once the table document names the author, its files are read again (brought by the transport).

use casustafel_api::sync::SetAsideReason;
use casustafel_domain::TableId;
use casustafel_sync::envelope::folder_of;
use casustafel_sync::{Access, DeviceId, OutFile};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection};

use super::apply::{digest, set_aside, warn};
use super::SyncReport;
use crate::error::Result;

/// How many files of one unknown device wait: a device just admitted has written a few.
pub const MAX_STRANGER_FILES_PER_DEVICE: i64 = 32;
/// How many files of unknown devices wait in all, per table.
pub const MAX_STRANGER_FILES: i64 = 256;
/// How long a file waits for its author to be admitted.
pub const MAX_STRANGER_DAYS: i64 = 14;

fn in_folder(author: &DeviceId) -> String {
    format!("{}/%", folder_of(author))
}

/// A file of `author`, who is no member of `table` here: it waits, unless too many do.
pub(super) fn wait(
    conn: &Connection,
    table: TableId,
    file: &OutFile,
    author: &DeviceId,
    now: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<()> {
    let t = table.to_string();
    let (of_author, all): (i64, i64) = conn.query_row(
        "SELECT COALESCE(SUM(name LIKE ?2), 0), COUNT(*) FROM sync_waiting
         WHERE table_id = ?1 AND stranger = 1 AND name <> ?3",
        params![t, in_folder(author), file.name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if of_author >= MAX_STRANGER_FILES_PER_DEVICE || all >= MAX_STRANGER_FILES {
        set_aside(
            conn,
            table,
            &file.name,
            SetAsideReason::Stranger,
            now,
            report,
        )?;
        return junk(conn, &t, &file.name, &digest(&file.bytes), now);
    }
    conn.execute(
        "INSERT INTO sync_waiting (table_id, name, doc_id, stranger, digest, since)
         VALUES (?1, ?2, NULL, 1, ?3, ?4)
         ON CONFLICT(table_id, name) DO UPDATE SET stranger = 1, digest = ?3",
        params![t, file.name, digest(&file.bytes), now.to_rfc3339()],
    )?;
    Ok(())
}

fn junk(
    conn: &Connection,
    table: &str,
    name: &str,
    digest: &[u8],
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO sync_junk (table_id, name, digest, checked_at, stranger)
         VALUES (?1, ?2, ?3, ?4, 1)",
        params![table, name, digest, now.to_rfc3339()],
    )?;
    Ok(())
}

/// The members of `access` are no strangers: their files that waited are read again (they stop
/// counting as held, so the transports bring them), and their files set aside as a stranger's
/// are forgotten, to be read when a transport brings them.
pub(super) fn admitted(conn: &Connection, table: TableId, access: &Access) -> Result<()> {
    let t = table.to_string();
    for (device, m) in &access.members {
        if m.removed {
            continue;
        }
        let like = in_folder(device);
        conn.execute(
            "DELETE FROM sync_waiting WHERE table_id = ?1 AND stranger = 1 AND name LIKE ?2",
            params![t, like],
        )?;
        conn.execute(
            "DELETE FROM sync_junk WHERE table_id = ?1 AND stranger = 1 AND name LIKE ?2",
            params![t, like],
        )?;
    }
    Ok(())
}

/// Files that waited longer than `MAX_STRANGER_DAYS` for their author: set aside as junk, with a
/// warning.
pub(super) fn expire(conn: &Connection, table: TableId, now: DateTime<Utc>) -> Result<()> {
    let t = table.to_string();
    let cutoff = (now - Duration::days(MAX_STRANGER_DAYS)).to_rfc3339();
    let expired: Vec<(String, Vec<u8>)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT name, digest FROM sync_waiting
             WHERE table_id = ?1 AND stranger = 1 AND since < ?2",
        )?;
        let rows = stmt.query_map(params![t, cutoff], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (name, digest) in expired {
        warn(conn, table, &name, SetAsideReason::WaitedTooLong, now)?;
        junk(conn, &t, &name, &digest, now)?;
        conn.execute(
            "DELETE FROM sync_waiting WHERE table_id = ?1 AND name = ?2",
            params![t, name],
        )?;
    }
    Ok(())
}

/// How many files wait for their authors to be admitted.
pub(super) fn count(conn: &Connection, table: TableId) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sync_waiting WHERE table_id = ?1 AND stranger = 1",
        [table.to_string()],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}
