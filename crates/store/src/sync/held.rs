//! Changes from other devices applied to a document, and the ones held until the changes they
//! build on arrive. Holding is bounded: a held change is offered again only once every change it
//! waits for is here (so one waiting for a change that will never exist costs nothing), at most
//! `MAX_HELD_PER_DOC` wait per document, and none waits longer than `MAX_HELD_DAYS`.

use casustafel_api::sync::SetAsideReason;
use casustafel_docs::peer_bytes::PeerBytesError;
use casustafel_docs::{Applied, DocError, Document};
use casustafel_domain::rights::Rights;
use casustafel_domain::TableId;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection};

use super::apply::{warn, Acts};
use crate::docstore;
use crate::error::{Result, StoreError};

/// How many changes may wait per document. Files are read in their authors' order, so honest
/// changes wait only for another author's changes the folder has not brought yet.
pub const MAX_HELD_PER_DOC: i64 = 1024;

/// How long a change may wait for the changes it builds on. Those were on their author's device
/// when it was made, so they reach the folder with its next sync; a month is far longer.
pub const MAX_HELD_DAYS: i64 = 30;

/// What became of a change from another device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fate {
    Applied,
    /// It depends on changes not here yet: kept in `sync_held` and judged when they arrive.
    Held,
    /// Its author may not do what it does (the rulebook): nothing of it was applied.
    Refused,
    /// Unreadable, of the wrong shape, or it may not wait any longer: nothing was applied.
    Ignored(SetAsideReason),
}

/// A held change: its row, bytes, its author's rights (JSON), its file's name, and the hashes it
/// waits for.
type HeldRow = (
    i64,
    Vec<u8>,
    Option<String>,
    Option<String>,
    Option<Vec<u8>>,
);

fn judge<T>(d: &mut Document<T>, bytes: &[u8], rights: Rights, acts: Acts<T>) -> (Fate, Vec<u8>)
where
    T: autosurgeon::Reconcile + autosurgeon::Hydrate + Clone,
{
    match d.apply_checked(bytes, |b, a| rights.check(acts(b, a))) {
        Ok(Applied::Done) => (Fate::Applied, Vec::new()),
        Ok(Applied::Waiting(missing)) => (Fate::Held, missing),
        Ok(Applied::Refused(_)) => (Fate::Refused, Vec::new()),
        Err(DocError::Refused(PeerBytesError::Malformed)) => {
            (Fate::Ignored(SetAsideReason::BadChange), Vec::new())
        }
        Err(DocError::Refused(_)) | Err(DocError::TooLarge) => {
            (Fate::Ignored(SetAsideReason::Unpacks), Vec::new())
        }
        Err(_) => (Fate::Ignored(SetAsideReason::BadChange), Vec::new()),
    }
}

/// Applies a change of `incoming`'s author (with its rights) to the document `id` if the rulebook
/// lets it do what it does; a change whose dependencies are not here yet is held. After one
/// applies, held changes whose dependencies are all here now are offered again, each judged with
/// the rights its own author had when it arrived.
pub(super) fn settle<T>(
    conn: &Connection,
    table: TableId,
    id: &str,
    kind: &str,
    incoming: (&str, &[u8], Rights),
    acts: Acts<T>,
    now: DateTime<Utc>,
) -> Result<(Fate, Option<T>)>
where
    T: autosurgeon::Reconcile + autosurgeon::Hydrate + Clone,
{
    let mut d = docstore::load::<T>(conn, id)?.unwrap_or_else(Document::empty);
    let (fate, missing) = judge(&mut d, incoming.1, incoming.2, acts);
    match fate {
        Fate::Held => {
            let fate = hold(conn, table, (id, kind), incoming, &missing, now)?;
            return Ok((fate, None));
        }
        Fate::Refused | Fate::Ignored(_) => return Ok((fate, None)),
        Fate::Applied => {}
    }
    loop {
        let held: Vec<HeldRow> = {
            let mut stmt = conn.prepare_cached(
                "SELECT id, bytes, rights, name, missing FROM sync_held WHERE doc_id = ?1
                 ORDER BY id",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut progress = false;
        for (row, bytes, rights, name, missing) in held {
            // Still waiting for what it waited for: not worth a look.
            if missing.is_some_and(|m| !d.has_changes(&m)) {
                continue;
            }
            // Held before changes were judged field by field: they passed the check of their time.
            let rights = match rights {
                Some(r) => serde_json::from_str(&r)
                    .map_err(|_| StoreError::Damaged("held change".into()))?,
                None => Rights::SOLE,
            };
            let (fate, missing) = judge(&mut d, &bytes, rights, acts);
            match fate {
                Fate::Held => {
                    // It waits for other changes now: remember which.
                    conn.execute(
                        "UPDATE sync_held SET missing = ?2 WHERE id = ?1",
                        params![row, missing],
                    )?;
                    continue;
                }
                Fate::Applied => progress = true,
                Fate::Refused => {
                    if let Some(name) = &name {
                        warn(conn, table, name, SetAsideReason::NotAllowed, now)?;
                    }
                }
                Fate::Ignored(why) => {
                    if let Some(name) = &name {
                        warn(conn, table, name, why, now)?;
                    }
                }
            }
            conn.execute("DELETE FROM sync_held WHERE id = ?1", [row])?;
        }
        if !progress {
            break;
        }
    }
    docstore::save(conn, id, kind, &mut d, now)?;
    let value = d
        .value()
        .map_err(|e| StoreError::Damaged(format!("document: {e}")))?;
    Ok((Fate::Applied, Some(value)))
}

/// Keeps a change until what it waits for arrives, unless too many wait for this document.
fn hold(
    conn: &Connection,
    table: TableId,
    (id, kind): (&str, &str),
    (name, bytes, rights): (&str, &[u8], Rights),
    missing: &[u8],
    now: DateTime<Utc>,
) -> Result<Fate> {
    let waiting: i64 = conn.query_row(
        "SELECT COUNT(*) FROM sync_held WHERE doc_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if waiting >= MAX_HELD_PER_DOC {
        return Ok(Fate::Ignored(SetAsideReason::WaitedTooLong));
    }
    conn.execute(
        "INSERT INTO sync_held (doc_id, kind, bytes, rights, name, missing, held_at, table_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            kind,
            bytes,
            rights_json(rights)?,
            name,
            missing,
            now.to_rfc3339(),
            table.to_string()
        ],
    )?;
    Ok(Fate::Held)
}

/// Drops the changes of `table`'s documents that waited longer than `MAX_HELD_DAYS`, each with a
/// warning under its file's name. Rows held before waiting was timed count from now, as this
/// table's.
pub(super) fn expire(conn: &Connection, table: TableId, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE sync_held SET held_at = ?1, table_id = ?2 WHERE held_at IS NULL",
        params![now.to_rfc3339(), table.to_string()],
    )?;
    let cutoff = (now - Duration::days(MAX_HELD_DAYS)).to_rfc3339();
    let expired: Vec<(i64, Option<String>)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, name FROM sync_held WHERE table_id = ?1 AND held_at < ?2",
        )?;
        let rows = stmt.query_map(params![table.to_string(), cutoff], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (row, name) in expired {
        if let Some(name) = name {
            warn(conn, table, &name, SetAsideReason::WaitedTooLong, now)?;
        }
        conn.execute("DELETE FROM sync_held WHERE id = ?1", [row])?;
    }
    Ok(())
}

fn rights_json(rights: Rights) -> Result<String> {
    serde_json::to_string(&rights).map_err(|_| StoreError::Damaged("rights".into()))
}
