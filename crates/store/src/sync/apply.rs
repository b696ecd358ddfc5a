//! Applying what was read from the folder: changes to documents (and their indexes), join
//! requests answered by the device that runs the table, warnings for what was set aside.

use casustafel_docs::{CaseDoc, Document, MeetingDoc, RegisterDoc, TableDoc};
use casustafel_domain::TableId;
use casustafel_folder::Incoming;
use casustafel_sync::enrol::{self, Invitation};
use casustafel_sync::{Access, DeviceId, DocRef, Engine, Outcome};
use chrono::{DateTime, Utc};
use rand_core::OsRng;
use rusqlite::{params, Connection};

use super::register::{self, access_from, device_key};
use super::{chair_member, doc_id, set_cursor, to_outbox, SyncReport};
use crate::docstore;
use crate::error::{Result, StoreError};

pub(super) fn current_access(conn: &Connection, table: TableId, root: DeviceId) -> Result<Access> {
    let doc = docstore::load::<TableDoc>(conn, &format!("table:{table}"))?
        .map(|d| d.value())
        .transpose()
        .map_err(|e| StoreError::Damaged(format!("table document: {e}")))?;
    access_from(doc.as_ref(), root, chair_member())
}

pub(super) fn mark_done(conn: &Connection, table: TableId, name: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO sync_done (table_id, name) VALUES (?1, ?2)",
        params![table.to_string(), name],
    )?;
    Ok(())
}

pub(super) fn warn(
    conn: &Connection,
    table: TableId,
    name: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO sync_warning (table_id, name, reason, at) VALUES (?1, ?2, ?3, ?4)",
        params![table.to_string(), name, reason, now.to_rfc3339()],
    )?;
    Ok(())
}

/// Applies one received change; a document that cannot be shown yet keeps it aside (`sync_held`).
fn apply_change(conn: &Connection, doc: DocRef, bytes: &[u8], now: DateTime<Utc>) -> Result<bool> {
    fn apply<T>(
        conn: &Connection,
        id: &str,
        kind: &str,
        bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<T>>
    where
        T: autosurgeon::Reconcile + autosurgeon::Hydrate + Clone,
    {
        let mut d = docstore::load::<T>(conn, id)?.unwrap_or_else(Document::empty);
        let held: Vec<(i64, Vec<u8>)> = {
            let mut stmt = conn
                .prepare_cached("SELECT id, bytes FROM sync_held WHERE doc_id = ?1 ORDER BY id")?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if d.apply_incremental(bytes).is_err() {
            return Ok(None);
        }
        for (_, h) in &held {
            let _ = d.apply_incremental(h);
        }
        // A change that arrived before one it depends on waits inside Automerge, which does not
        // save it: keep its bytes until the document no longer waits for anything.
        let waiting = d.waits_for_changes();
        match d.value() {
            Ok(v) => {
                docstore::save(conn, id, kind, &mut d, now)?;
                if waiting {
                    conn.execute(
                        "INSERT INTO sync_held (doc_id, kind, bytes) VALUES (?1, ?2, ?3)",
                        params![id, kind, bytes],
                    )?;
                } else {
                    conn.execute("DELETE FROM sync_held WHERE doc_id = ?1", [id])?;
                }
                Ok(Some(v))
            }
            Err(_) => {
                conn.execute(
                    "INSERT INTO sync_held (doc_id, kind, bytes) VALUES (?1, ?2, ?3)",
                    params![id, kind, bytes],
                )?;
                Ok(None)
            }
        }
    }
    let id = doc_id(doc);
    let applied = match doc {
        DocRef::Table(_) => apply::<TableDoc>(conn, &id, "table", bytes, now)?.is_some(),
        DocRef::Register(_) => apply::<RegisterDoc>(conn, &id, "register", bytes, now)?.is_some(),
        DocRef::Meeting(_) => apply::<MeetingDoc>(conn, &id, "meeting", bytes, now)?.is_some(),
        DocRef::Case(_) => match apply::<CaseDoc>(conn, &id, "case", bytes, now)? {
            Some(v) => {
                register::reindex_actions(conn, &id, &v)?;
                true
            }
            None => false,
        },
    };
    Ok(applied)
}

/// What reading a file brought, for the pass to decide whether to read waiting files again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// A key arrived, or the table document changed (who may do what).
    Progress,
    Waiting(Option<DocRef>),
    Other,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn receive(
    conn: &Connection,
    engine: &mut Engine,
    table: TableId,
    file: &Incoming,
    access: &mut Access,
    root: DeviceId,
    now: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<Step> {
    let mut step = Step::Other;
    match engine.receive(Some(&file.name), &file.bytes, access) {
        Outcome::Change { doc, bytes, .. } => {
            if apply_change(conn, doc, &bytes, now)? {
                report.applied += 1;
            }
            // What arrived is not ours to send again.
            let id = doc_id(doc);
            let heads = match doc {
                DocRef::Table(_) => {
                    docstore::load::<TableDoc>(conn, &id)?.map(|mut d| d.heads_bytes())
                }
                DocRef::Meeting(_) => {
                    docstore::load::<MeetingDoc>(conn, &id)?.map(|mut d| d.heads_bytes())
                }
                DocRef::Register(_) => {
                    docstore::load::<RegisterDoc>(conn, &id)?.map(|mut d| d.heads_bytes())
                }
                DocRef::Case(_) => {
                    docstore::load::<CaseDoc>(conn, &id)?.map(|mut d| d.heads_bytes())
                }
            };
            if let Some(h) = heads {
                set_cursor(conn, table, &id, &h)?;
            }
            if matches!(doc, DocRef::Table(_)) {
                *access = current_access(conn, table, root)?;
                step = Step::Progress;
            }
            mark_done(conn, table, &file.name)?;
        }
        Outcome::Waiting { doc } => step = Step::Waiting(doc),
        Outcome::Key { .. } => {
            step = Step::Progress;
            mark_done(conn, table, &file.name)?;
        }
        Outcome::SetAside(r) => {
            warn(conn, table, &file.name, r.code(), now)?;
            report
                .set_aside
                .push((file.name.clone(), r.code().to_string()));
            mark_done(conn, table, &file.name)?;
        }
        Outcome::Duplicate | Outcome::NotForMe => {
            mark_done(conn, table, &file.name)?;
        }
    }
    Ok(step)
}

/// The invitations this device made for `table` (unreadable records are skipped).
pub(super) fn load_invitations(conn: &Connection, table: TableId) -> Result<Vec<Invitation>> {
    let mut stmt = conn.prepare("SELECT record FROM sync_invitation WHERE table_id = ?1")?;
    let rows = stmt.query_map([table.to_string()], |r| r.get::<_, Vec<u8>>(0))?;
    Ok(rows
        .filter_map(|r| r.ok())
        .filter_map(|b| postcard::from_bytes(&b).ok())
        .collect())
}

/// On the device that runs the table: a join request for one of its invitations. Accepted, the
/// device is added to the table document and welcomed; refused, a warning says why.
pub(super) fn answer_join(
    conn: &Connection,
    engine: &Engine,
    table: TableId,
    file: &Incoming,
    now: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<()> {
    let mut invitations = load_invitations(conn, table)?;
    let (i, request) = match enrol::accept_join(&mut invitations, &file.bytes, now.timestamp()) {
        Ok(x) => x,
        // Another table's code in a shared folder: not ours to judge.
        Err(enrol::EnrolError::Unknown) => return Ok(()),
        Err(e) => {
            warn(conn, table, &file.name, e.code(), now)?;
            report
                .set_aside
                .push((file.name.clone(), e.code().to_string()));
            // Expired or used: the joining device is told, rather than left waiting.
            if let Some(answer) = engine.refuse(&invitations, &file.bytes, &e, &mut OsRng) {
                to_outbox(conn, table, &[answer])?;
            }
            return Ok(());
        }
    };
    let inv = &invitations[i];
    conn.execute(
        "UPDATE sync_invitation SET record = ?2 WHERE id = ?1",
        params![
            hex::encode(inv.id),
            postcard::to_allocvec(inv).map_err(|_| StoreError::Damaged("invitation".into()))?
        ],
    )?;
    let admitted = docstore::load::<TableDoc>(conn, &format!("table:{table}"))?
        .and_then(|d| d.value().ok())
        .is_some_and(|d| d.devices.contains_key(&device_key(&request.device)));
    if !admitted {
        let new = conn.execute(
            "INSERT OR IGNORE INTO sync_pending_join
             (table_id, device, invitation_id, participant, label, request, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                table.to_string(),
                super::device_bytes(&request.device),
                hex::encode(inv.id),
                inv.participant.to_string(),
                request.label,
                file.bytes,
                now.to_rfc3339()
            ],
        )?;
        if new > 0 {
            report.joined.push(request.device.fingerprint());
        }
    }
    Ok(())
}
