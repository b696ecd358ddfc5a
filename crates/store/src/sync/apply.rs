//! Applying what was read from the folder: changes to documents (and their indexes), join
//! requests answered by the device that runs the table, warnings for what was set aside.

use std::collections::BTreeSet;

use casustafel_api::sync::{SetAside, SetAsideReason};
use casustafel_docs::{CaseDoc, MeetingDoc, RegisterDoc, TableDoc};
use casustafel_domain::rights::{Act, Rights};
use casustafel_domain::TableId;
use casustafel_sync::enrol::{self, Invitation};
use casustafel_sync::OutFile;
use casustafel_sync::{Access, DeviceId, DocRef, Engine, Outcome, Rejection};
use chrono::{DateTime, Utc};
use rand_core::OsRng;
use rusqlite::{params, Connection, OptionalExtension};

use super::export::{archive, set_cursor, to_outbox};
use super::held::{settle, Fate};
use super::register::{self, access_from, device_key};
use super::strangers;
use super::{chair_member, doc_id, SyncReport};
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
    reason: SetAsideReason,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO sync_warning (table_id, name, reason, at) VALUES (?1, ?2, ?3, ?4)",
        params![table.to_string(), name, reason.code(), now.to_rfc3339()],
    )?;
    Ok(())
}

/// Sets a file aside: the warning the sync panel keeps, and this pass's report.
pub(super) fn set_aside(
    conn: &Connection,
    table: TableId,
    name: &str,
    reason: SetAsideReason,
    now: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<()> {
    warn(conn, table, name, reason, now)?;
    report.set_aside.push(SetAside {
        file: name.to_string(),
        reason,
    });
    Ok(())
}

/// The screens' reason for what the sync engine refused. (Each reason's code is the engine's:
/// `reasons_are_the_engines` below.)
pub(super) fn rejected(r: &Rejection) -> SetAsideReason {
    match r {
        Rejection::TooLarge(_) => SetAsideReason::TooLarge,
        Rejection::Malformed => SetAsideReason::Malformed,
        Rejection::NewerFormat(_) => SetAsideReason::NewerFormat,
        Rejection::BadSignature => SetAsideReason::BadSignature,
        Rejection::Misnamed => SetAsideReason::Misnamed,
        Rejection::Undecryptable => SetAsideReason::Undecryptable,
        Rejection::NotAllowed => SetAsideReason::NotAllowed,
        Rejection::OtherTable => SetAsideReason::OtherTable,
        _ => SetAsideReason::Malformed,
    }
}

/// The screens' reason for a join request that could not be accepted.
pub(super) fn refused_join(e: &enrol::EnrolError) -> SetAsideReason {
    match e {
        enrol::EnrolError::Mistyped => SetAsideReason::CodeMistyped,
        enrol::EnrolError::Unknown => SetAsideReason::CodeUnknown,
        enrol::EnrolError::Expired => SetAsideReason::CodeExpired,
        enrol::EnrolError::Used => SetAsideReason::CodeUsed,
        enrol::EnrolError::Refused => SetAsideReason::JoinRefused,
        enrol::EnrolError::Malformed => SetAsideReason::Malformed,
        _ => SetAsideReason::Malformed,
    }
}

/// What a change to a document of kind `T` does, in the rulebook's terms.
pub(super) type Acts<T> = fn(Option<&T>, &T) -> BTreeSet<Act>;

/// The table and register documents are written by the register's keeper only.
fn register_acts<T: PartialEq>(before: Option<&T>, after: &T) -> BTreeSet<Act> {
    if before == Some(after) {
        BTreeSet::new()
    } else {
        BTreeSet::from([Act::KeepRegister])
    }
}

/// A meeting document (agenda, attendance, general notes) is written by those who run the table.
/// Its status is the keeper's: `advance_meeting` writes it on the chair's device.
fn meeting_acts(before: Option<&MeetingDoc>, after: &MeetingDoc) -> BTreeSet<Act> {
    let mut acts = BTreeSet::new();
    match before {
        Some(b) if b == after => {}
        Some(b) => {
            acts.insert(Act::RunTable);
            let planned = (&b.meeting_id, &b.table_id, &b.date, &b.place)
                != (
                    &after.meeting_id,
                    &after.table_id,
                    &after.date,
                    &after.place,
                );
            if b.status != after.status || b.approved != after.approved || planned {
                acts.insert(Act::KeepRegister);
            }
        }
        None => {
            acts.insert(Act::KeepRegister);
        }
    }
    acts
}

/// A case document, field by field. On receipt an approved report does not freeze anything: whether
/// the approval arrived first differs between devices, and every device must decide the same.
fn case_doc_acts(before: Option<&CaseDoc>, after: &CaseDoc) -> BTreeSet<Act> {
    casustafel_docs::case_acts(before, after, |_| false)
}

/// The table a meeting or case document belongs to on this device: its row's, or, for one that
/// arrived before its row, the table it arrived with. `None` when this device has never seen it.
fn owner(conn: &Connection, doc: DocRef) -> Result<Option<String>> {
    let sql = match doc {
        DocRef::Table(t) | DocRef::Register(t) => return Ok(Some(t.to_string())),
        DocRef::Meeting(_) => {
            "SELECT table_id FROM meeting WHERE id = ?1
             UNION ALL SELECT table_id FROM sync_doc_owner WHERE doc_id = ?1"
        }
        DocRef::Case(_) => {
            "SELECT table_id FROM case_file WHERE id = ?1
             UNION ALL SELECT table_id FROM sync_doc_owner WHERE doc_id = ?1"
        }
    };
    let id = doc_id(doc);
    if let Some(t) = conn.query_row(sql, [&id], |r| r.get(0)).optional()? {
        return Ok(Some(t));
    }
    // A document here with no table at all is nobody's to claim.
    let here = conn
        .query_row("SELECT 1 FROM document WHERE id = ?1", [&id], |_| Ok(()))
        .optional()?;
    Ok(here.map(|()| String::new()))
}

/// Whether `doc` is `table`'s: the engine checked the table and register documents, this checks a
/// meeting or case document against the profile. One never seen is `table`'s from now on.
pub(super) fn claim(conn: &Connection, table: TableId, doc: DocRef) -> Result<bool> {
    match owner(conn, doc)? {
        Some(t) => Ok(t == table.to_string()),
        None => {
            claim_key(conn, table, &doc_id(doc))?;
            Ok(true)
        }
    }
}

/// The table that first brought `key` (a document id, or `organisation:<id>`) to this profile.
pub(super) fn owner_of(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT table_id FROM sync_doc_owner WHERE doc_id = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

/// Records that `table` brought `key` here, unless another table did first.
pub(super) fn claim_key(conn: &Connection, table: TableId, key: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO sync_doc_owner (doc_id, table_id) VALUES (?1, ?2)",
        params![key, table.to_string()],
    )?;
    Ok(())
}

/// Applies one received change of a device with `rights` (its file `name`, for warnings).
fn apply_change(
    conn: &Connection,
    table: TableId,
    doc: DocRef,
    incoming: (&str, &[u8], Rights),
    now: DateTime<Utc>,
) -> Result<Fate> {
    let id = doc_id(doc);
    Ok(match doc {
        DocRef::Table(_) => {
            settle::<TableDoc>(conn, table, &id, "table", incoming, register_acts, now)?.0
        }
        DocRef::Register(_) => {
            settle::<RegisterDoc>(conn, table, &id, "register", incoming, register_acts, now)?.0
        }
        DocRef::Meeting(_) => {
            settle::<MeetingDoc>(conn, table, &id, "meeting", incoming, meeting_acts, now)?.0
        }
        DocRef::Case(_) => {
            let (fate, value) =
                settle::<CaseDoc>(conn, table, &id, "case", incoming, case_doc_acts, now)?;
            if let Some(v) = value {
                register::reindex_actions(conn, &id, &v)?;
            }
            fate
        }
    })
}

/// What reading a file brought, for the pass to decide whether to read waiting files again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// A key arrived, or the table document changed (who may do what).
    Progress,
    Waiting(Option<DocRef>),
    /// Nothing here opens it (yet): read again when a key arrives, not shown as waiting.
    Opaque,
    Other,
}

/// The SHA-256 of a file's bytes: what is remembered of a file that did not verify.
pub(super) fn digest(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}

/// Remembers that the file at `file.name` did not verify, so the same bytes are not checked
/// again; other bytes at that name will be.
fn junk(conn: &Connection, table: TableId, file: &OutFile, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO sync_junk (table_id, name, digest, checked_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            table.to_string(),
            file.name,
            digest(&file.bytes),
            now.to_rfc3339()
        ],
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn receive(
    conn: &Connection,
    engine: &mut Engine,
    table: TableId,
    file: &OutFile,
    access: &mut Access,
    root: DeviceId,
    now: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<Step> {
    let mut step = Step::Other;
    let outcome = engine.receive(Some(&file.name), &file.bytes, access);
    if let Outcome::SetAside(r) = &outcome {
        if r.is_unverified() {
            // It says nothing of the device its name names (anyone who can write to the folder
            // can put it there): the name is not done with, the genuine file may come there.
            set_aside(conn, table, &file.name, rejected(r), now, report)?;
            return junk(conn, table, file, now).map(|()| step);
        }
    }
    if let Outcome::Stranger { author } = &outcome {
        // Not archived: anyone can write such files, under as many keys as they like.
        strangers::wait(conn, table, file, author, now, report)?;
        return Ok(step);
    }
    // Its author's file for this table: kept (for live peers, and to be read again), with what
    // it is about as far as this device could tell (what it could not open is handed to nobody).
    let about = match &outcome {
        Outcome::Change { doc, .. } => Some((*doc, None)),
        Outcome::Waiting { doc: Some(doc) } => Some((*doc, None)),
        Outcome::Key { doc, .. } => Some((*doc, Some(engine.id()))),
        _ => None,
    };
    archive(conn, table, &file.name, &file.bytes, about)?;
    conn.execute(
        "DELETE FROM sync_junk WHERE table_id = ?1 AND name = ?2",
        params![table.to_string(), file.name],
    )?;
    match outcome {
        Outcome::Change { doc, .. } | Outcome::Key { doc, .. } if !claim(conn, table, doc)? => {
            // Another table's document: this table's members have no say over it.
            let why = SetAsideReason::OtherTable;
            set_aside(conn, table, &file.name, why, now, report)?;
            mark_done(conn, table, &file.name)?;
        }
        Outcome::Change {
            doc, rights, bytes, ..
        } => {
            match apply_change(conn, table, doc, (&file.name, &bytes, rights), now)? {
                Fate::Applied => report.applied += 1,
                Fate::Refused => {
                    let why = SetAsideReason::NotAllowed;
                    set_aside(conn, table, &file.name, why, now, report)?;
                }
                Fate::Ignored(why) => set_aside(conn, table, &file.name, why, now, report)?,
                Fate::Held => {}
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
        Outcome::Opaque => step = Step::Opaque,
        Outcome::Key { .. } => {
            step = Step::Progress;
            mark_done(conn, table, &file.name)?;
        }
        Outcome::SetAside(r) => {
            set_aside(conn, table, &file.name, rejected(&r), now, report)?;
            mark_done(conn, table, &file.name)?;
        }
        // Dealt with above.
        Outcome::Stranger { .. } => {}
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
    file: &OutFile,
    now: DateTime<Utc>,
    report: &mut SyncReport,
) -> Result<()> {
    let mut invitations = load_invitations(conn, table)?;
    let (i, request) = match enrol::accept_join(&mut invitations, &file.bytes, now.timestamp()) {
        Ok(x) => x,
        // Another table's code in a shared folder: not ours to judge.
        Err(enrol::EnrolError::Unknown) => return Ok(()),
        Err(e) => {
            set_aside(conn, table, &file.name, refused_join(&e), now, report)?;
            // Expired or used: the joining device is told, rather than left waiting.
            if let Some(answer) = engine.refuse(&invitations, &file.bytes, &e, &mut OsRng) {
                to_outbox(conn, engine, table, &[answer])?;
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

#[cfg(test)]
mod reason_tests {
    use super::*;

    #[test]
    fn reasons_are_the_engines() {
        for r in [
            Rejection::TooLarge(1),
            Rejection::Malformed,
            Rejection::NewerFormat(2),
            Rejection::BadSignature,
            Rejection::Misnamed,
            Rejection::Undecryptable,
            Rejection::NotAllowed,
        ] {
            assert_eq!(rejected(&r).code(), r.code(), "{r:?}");
        }
        use enrol::EnrolError as E;
        for e in [
            E::Mistyped,
            E::Unknown,
            E::Expired,
            E::Used,
            E::Refused,
            E::Malformed,
        ] {
            assert_eq!(refused_join(&e).code(), e.code(), "{e:?}");
        }
    }
}
