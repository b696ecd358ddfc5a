//! Sync of a table between devices through a shared folder: this device's keys, sharing a table,
//! invitations and joining with a code, and one sync pass (export what changed here, copy it into
//! the folder, read what others wrote, apply what may be applied).
//!
//! The rules live in `casustafel-sync` (pure) and the folder handling in `casustafel-folder`; this
//! module keeps their state in the encrypted database and applies changes to the documents and
//! their indexes in one transaction per pass.

mod apply;
mod guard;
mod live;
mod register;

use std::collections::BTreeSet;
use std::path::Path;

use casustafel_docs::{CaseDoc, Document, MeetingDoc, RegisterDoc, TableDoc};
use casustafel_domain::participant::Role;
use casustafel_domain::{CaseId, MeetingId, ParticipantId, TableId};
use casustafel_folder::{FolderError, Incoming, SharedFolder};
use casustafel_sync::enrol::{self, Code, EnrolError, Invitation};
use casustafel_sync::{Access, DeviceId, DeviceKeys, DocRef, Engine, EngineState, Member, OutFile};
use chrono::{DateTime, Utc};
use rand_core::OsRng;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::docstore;
use crate::error::{Result, StoreError, SyncProblem};
use crate::profile::Store;
pub use casustafel_domain::sync::{SyncReport, SyncStatus};

pub(crate) use guard::{approved_meetings, refused};
pub use register::DeviceRecord;
use register::{access_from, device_key};

/// How long an invitation code stays valid.
pub const INVITATION_DAYS: i64 = 7;

/// Files read per pass at most, so that a first sync of a big folder shows progress.
pub const FILES_PER_PASS: usize = 2_000;

fn unreachable(folder: &Path) -> StoreError {
    StoreError::Sync(SyncProblem::FolderUnreachable {
        folder: folder.display().to_string(),
    })
}

fn folder_error(folder: &Path, e: FolderError) -> StoreError {
    match e {
        FolderError::Unreachable { .. } => unreachable(folder),
        _ => StoreError::Sync(SyncProblem::FolderNotWritable {
            folder: folder.display().to_string(),
        }),
    }
}

fn code_error(e: EnrolError) -> StoreError {
    StoreError::Sync(match e {
        EnrolError::Mistyped => SyncProblem::CodeMistyped,
        EnrolError::Expired => SyncProblem::CodeExpired,
        EnrolError::Used => SyncProblem::CodeUsed,
        _ => SyncProblem::CodeUnknown,
    })
}

pub(super) fn device_bytes(d: &DeviceId) -> Vec<u8> {
    let mut b = d.signing.to_vec();
    b.extend_from_slice(&d.agreement);
    b
}

fn device_from(bytes: &[u8]) -> Result<DeviceId> {
    if bytes.len() != 64 {
        return Err(StoreError::Damaged("device id".into()));
    }
    let mut signing = [0u8; 32];
    let mut agreement = [0u8; 32];
    signing.copy_from_slice(&bytes[..32]);
    agreement.copy_from_slice(&bytes[32..]);
    Ok(DeviceId { signing, agreement })
}

fn chair_member() -> Member {
    Member {
        participant: ParticipantId(uuid::Uuid::nil()),
        organisation: casustafel_domain::OrganisationId(uuid::Uuid::nil()),
        role: Role::Chair,
        cases: vec![],
        removed: false,
    }
}

/// A shared table's saved sync state.
struct Shared {
    folder: std::path::PathBuf,
    state: EngineState,
    root: DeviceId,
}

fn load_shared(conn: &Connection, table: TableId) -> Result<Shared> {
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

fn save_state(conn: &Connection, table: TableId, state: &EngineState) -> Result<()> {
    let bytes =
        postcard::to_allocvec(state).map_err(|_| StoreError::Damaged("sync state".into()))?;
    conn.execute(
        "UPDATE sync_table SET engine_state = ?2 WHERE table_id = ?1",
        params![table.to_string(), bytes],
    )?;
    Ok(())
}

fn table_doc(conn: &Connection, table: TableId) -> Result<Option<Document<TableDoc>>> {
    docstore::load::<TableDoc>(conn, &format!("table:{table}"))
}

/// The documents of a table: the table document, its meetings and its cases.
fn table_docs(conn: &Connection, table: TableId) -> Result<Vec<DocRef>> {
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

/// The document store's id of a shared document.
pub(crate) fn doc_id(doc: DocRef) -> String {
    match doc {
        DocRef::Table(t) => format!("table:{t}"),
        DocRef::Register(t) => format!("register:{t}"),
        DocRef::Meeting(m) => m.to_string(),
        DocRef::Case(c) => c.to_string(),
    }
}

/// What changed in `doc` here since the last export (possibly nothing) and its heads; `None`
/// when there is no such document or it was not saved since the cursor was set.
fn export_bytes(
    conn: &Connection,
    table: TableId,
    doc: DocRef,
) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
    let id = doc_id(doc);
    let (cursor, unchanged): (Vec<u8>, bool) = conn
        .query_row(
            "SELECT c.heads, c.rev IS NOT NULL AND c.rev = d.rev FROM sync_cursor c
             JOIN document d ON d.id = c.doc_id WHERE c.table_id = ?1 AND c.doc_id = ?2",
            params![table.to_string(), id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or_default();
    // Not saved since the cursor was set: nothing to export, and no need to load it.
    if unchanged {
        return Ok(None);
    }
    let result = match doc {
        DocRef::Table(_) => docstore::load::<TableDoc>(conn, &id)?
            .map(|mut d| (d.changes_since(&cursor), d.heads_bytes())),
        DocRef::Register(_) => docstore::load::<RegisterDoc>(conn, &id)?
            .map(|mut d| (d.changes_since(&cursor), d.heads_bytes())),
        DocRef::Meeting(_) => docstore::load::<MeetingDoc>(conn, &id)?
            .map(|mut d| (d.changes_since(&cursor), d.heads_bytes())),
        DocRef::Case(_) => docstore::load::<CaseDoc>(conn, &id)?
            .map(|mut d| (d.changes_since(&cursor), d.heads_bytes())),
    };
    Ok(result)
}

/// Moves the export cursor of `doc` to `heads`, which must cover the document as saved now (its
/// revision is recorded, so an export skips it until its next save).
pub(crate) fn set_cursor(conn: &Connection, table: TableId, doc: &str, heads: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_cursor (table_id, doc_id, heads, rev)
         VALUES (?1, ?2, ?3, (SELECT rev FROM document WHERE id = ?2))
         ON CONFLICT(table_id, doc_id) DO UPDATE SET heads = ?3, rev = excluded.rev",
        params![table.to_string(), doc, heads],
    )?;
    Ok(())
}

/// Writes the register snapshot into the table document, the register document and each case's
/// document (only what differs, so unchanged documents get no change).
fn write_snapshot(
    conn: &Connection,
    table: TableId,
    value: TableDoc,
    register: RegisterDoc,
    entries: Vec<(CaseId, String)>,
    now: DateTime<Utc>,
) -> Result<()> {
    let damaged = |e: casustafel_docs::DocError| StoreError::Damaged(e.to_string());
    if let Some(mut doc) = table_doc(conn, table)? {
        if doc.value().map_err(damaged)? != value {
            doc.edit(|d| *d = value).map_err(damaged)?;
            docstore::save(conn, &format!("table:{table}"), "table", &mut doc, now)?;
        }
    }
    let id = format!("register:{table}");
    match docstore::load::<RegisterDoc>(conn, &id)? {
        Some(mut doc) => {
            if doc.value().map_err(damaged)? != register {
                doc.edit(|d| *d = register).map_err(damaged)?;
                docstore::save(conn, &id, "register", &mut doc, now)?;
            }
        }
        None => {
            let mut doc = Document::new(&register).map_err(damaged)?;
            docstore::save(conn, &id, "register", &mut doc, now)?;
        }
    }
    for (case, entry) in entries {
        let id = case.to_string();
        match docstore::load::<CaseDoc>(conn, &id)? {
            Some(mut doc) => {
                if doc.value().map_err(damaged)?.register != entry {
                    doc.edit(|d| d.register = entry).map_err(damaged)?;
                    docstore::save(conn, &id, "case", &mut doc, now)?;
                }
            }
            None => {
                let mut doc = Document::new(&CaseDoc {
                    case_id: id.clone(),
                    register: entry,
                    ..CaseDoc::default()
                })
                .map_err(damaged)?;
                docstore::save(conn, &id, "case", &mut doc, now)?;
            }
        }
    }
    Ok(())
}

/// Hands out keys (on the device that runs the table) and seals every change made here since the
/// last export, into the outbox.
fn export(conn: &Connection, engine: &mut Engine, table: TableId, access: &Access) -> Result<()> {
    let me = engine.id();
    for doc in table_docs(conn, table)? {
        // The table document's changes go out under the key its readers had so far, so that a
        // removed device still learns that it was removed; content goes out under the new key.
        let seal_first = matches!(doc, DocRef::Table(_));
        if seal_first {
            seal_changes(conn, engine, table, access, doc)?;
        }
        if access.may_grant(&me) {
            let grants = engine.share(doc, access, &mut OsRng);
            to_outbox(conn, table, &grants)?;
        }
        if !seal_first {
            seal_changes(conn, engine, table, access, doc)?;
        }
    }
    Ok(())
}

fn seal_changes(
    conn: &Connection,
    engine: &mut Engine,
    table: TableId,
    access: &Access,
    doc: DocRef,
) -> Result<()> {
    if access.may_write(&engine.id(), doc) && engine.has_key(doc) {
        if let Some((bytes, heads)) = export_bytes(conn, table, doc)? {
            if !bytes.is_empty() {
                if let Some(f) = engine.seal_change(doc, &bytes, &mut OsRng) {
                    to_outbox(conn, table, &[f])?;
                }
            }
            // Also when nothing changed: the recorded revision spares the next export a load.
            set_cursor(conn, table, &doc_id(doc), &heads)?;
        }
    }
    Ok(())
}

/// Queues files for the folder. Change files (not enrolment answers) are also kept in the
/// archive, for live peers, and count as held here from now on.
/// A join request answered (admitted or refused) no longer waits on the chair's screen.
fn forget_pending_join(conn: &Connection, table: TableId, device: &DeviceId) -> Result<()> {
    conn.execute(
        "DELETE FROM sync_pending_join WHERE table_id = ?1 AND device = ?2",
        params![table.to_string(), device_bytes(device)],
    )?;
    Ok(())
}

fn to_outbox(conn: &Connection, table: TableId, files: &[OutFile]) -> Result<()> {
    for f in files {
        conn.execute(
            "INSERT OR IGNORE INTO sync_outbox (table_id, name, bytes) VALUES (?1, ?2, ?3)",
            params![table.to_string(), f.name, f.bytes],
        )?;
        if !f.name.starts_with("enrol/") {
            archive(conn, table, &f.name, &f.bytes)?;
            apply::mark_done(conn, table, &f.name)?;
        }
    }
    Ok(())
}

pub(super) fn archive(conn: &Connection, table: TableId, name: &str, bytes: &[u8]) -> Result<()> {
    let about = casustafel_sync::envelope::about(bytes, Some(name))
        .and_then(|a| postcard::to_allocvec(&a).ok());
    conn.execute(
        "INSERT OR IGNORE INTO sync_file (table_id, name, bytes, about) VALUES (?1, ?2, ?3, ?4)",
        params![table.to_string(), name, bytes, about],
    )?;
    Ok(())
}

fn archived(conn: &Connection, table: TableId, name: &str) -> Result<Option<Incoming>> {
    Ok(conn
        .query_row(
            "SELECT bytes FROM sync_file WHERE table_id = ?1 AND name = ?2",
            params![table.to_string(), name],
            |r| r.get(0),
        )
        .optional()?
        .map(|bytes| Incoming {
            name: name.to_string(),
            bytes,
        }))
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

    /// Starts sharing a table through `folder` from this device, which runs it (the chair's).
    pub fn share_table(
        &mut self,
        table: TableId,
        folder: &Path,
        now: DateTime<Utc>,
    ) -> Result<SyncReport> {
        SharedFolder::open(folder).map_err(|e| folder_error(folder, e))?;
        self.get_table(table)?;
        let keys = self.device_keys()?;
        let me = keys.id();
        let chair = self
            .list_participants(table)?
            .into_iter()
            .find(|p| p.role == Role::Chair);
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if tx
            .query_row(
                "SELECT 1 FROM sync_table WHERE table_id = ?1",
                [table.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some()
        {
            // Already shared: pointing it at another folder is a later feature.
            tx.execute(
                "UPDATE sync_table SET folder = ?2 WHERE table_id = ?1",
                params![table.to_string(), folder.display().to_string()],
            )?;
        } else {
            let state = postcard::to_allocvec(&EngineState::default())
                .map_err(|_| StoreError::Damaged("sync state".into()))?;
            tx.execute(
                "INSERT INTO sync_table (table_id, folder, engine_state, trusted_root) VALUES (?1, ?2, ?3, ?4)",
                params![table.to_string(), folder.display().to_string(), state, device_bytes(&me)],
            )?;
            let member = Member {
                participant: chair
                    .as_ref()
                    .map(|p| p.id)
                    .unwrap_or(ParticipantId(uuid::Uuid::nil())),
                organisation: chair
                    .as_ref()
                    .map(|p| p.organisation_id)
                    .unwrap_or(casustafel_domain::OrganisationId(uuid::Uuid::nil())),
                role: Role::Chair,
                cases: vec![],
                removed: false,
            };
            let record = DeviceRecord {
                device: me,
                member,
                label: actor.clone(),
            };
            let mut value = TableDoc {
                table_id: table.to_string(),
                ..TableDoc::default()
            };
            value.devices.insert(
                device_key(&me),
                serde_json::to_string(&record).map_err(|e| StoreError::Damaged(e.to_string()))?,
            );
            let mut doc = Document::new(&value).map_err(|e| StoreError::Damaged(e.to_string()))?;
            docstore::save(&tx, &format!("table:{table}"), "table", &mut doc, now)?;
        }
        crate::audit::append(&tx, now, &actor, "sync.share", &table.to_string())?;
        tx.commit()?;
        self.sync_now(table, now)
    }

    /// Makes a one-time code for a participant's device to join the table; valid for a week.
    pub fn invite(
        &mut self,
        table: TableId,
        participant: ParticipantId,
        now: DateTime<Utc>,
    ) -> Result<casustafel_domain::sync::InviteCode> {
        if !self.runs_table(table)? {
            return Err(StoreError::Sync(SyncProblem::NotChair));
        }
        crate::db::require(
            &self.conn,
            "SELECT 1 FROM participant WHERE id = ?1 AND table_id = ?2",
            [participant.to_string(), table.to_string()],
        )?;
        let code = Code::generate(&mut OsRng);
        let expires = now + chrono::Duration::days(INVITATION_DAYS);
        let inv = Invitation::new(&code, table, participant, expires.timestamp());
        let record =
            postcard::to_allocvec(&inv).map_err(|_| StoreError::Damaged("invitation".into()))?;
        self.conn.execute(
            "INSERT INTO sync_invitation (id, table_id, record, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![code.id_hex(), table.to_string(), record, now.to_rfc3339()],
        )?;
        crate::audit::append(
            &self.conn,
            now,
            &self.actor()?,
            "sync.invite",
            &participant.to_string(),
        )?;
        Ok(casustafel_domain::sync::InviteCode {
            code: code.to_text(),
            expires,
        })
    }

    /// On the joining device: asks to join with the code through `folder`. The table arrives with
    /// the chair's welcome at a later `sync_all`.
    pub fn join_table(
        &mut self,
        code: &str,
        folder: &Path,
        label: &str,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let code = Code::parse(code).map_err(code_error)?;
        let shared = SharedFolder::open(folder).map_err(|e| folder_error(folder, e))?;
        let keys = self.device_keys()?;
        let request = enrol::join_request(&keys, &code, label, &mut OsRng);
        shared
            .write(&request)
            .map_err(|e| folder_error(folder, e))?;
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_join (code_id, code, folder, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![code.id_hex(), code.to_text(), folder.display().to_string(), now.to_rfc3339()],
        )?;
        Ok(keys.id().fingerprint())
    }

    /// Syncs every shared table, after looking for welcomes to joins this device is waiting on.
    /// A folder out of reach does not stop the others: each table gets its own result.
    pub fn sync_all(&mut self, now: DateTime<Utc>) -> Result<Vec<(TableId, Result<SyncReport>)>> {
        self.check_joins(now)?;
        let tables: Vec<String> = {
            let mut stmt = self.conn.prepare("SELECT table_id FROM sync_table")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut out = Vec::new();
        for t in tables {
            let t: TableId = t
                .parse()
                .map_err(|_| StoreError::Damaged("table id".into()))?;
            let result = self.sync_now(t, now);
            let error = match &result {
                Ok(_) => None,
                Err(StoreError::Sync(p)) => Some(p.code().to_string()),
                Err(_) => Some("internal".to_string()),
            };
            self.conn.execute(
                "UPDATE sync_table SET last_error = ?2 WHERE table_id = ?1",
                params![t.to_string(), error],
            )?;
            out.push((t, result));
        }
        Ok(out)
    }

    fn check_joins(&mut self, _now: DateTime<Utc>) -> Result<()> {
        let joins: Vec<(String, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT code, folder FROM sync_join WHERE refused IS NULL")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let me = self.device_keys()?.id();
        for (code_text, folder) in joins {
            let Ok(code) = Code::parse(&code_text) else {
                continue;
            };
            let dir = Path::new(&folder).join("enrol");
            let refused = dir.join(format!(
                "{}.{}.refused",
                code.id_hex(),
                hex::encode(&me.signing[..8])
            ));
            if let Ok(bytes) = std::fs::read(&refused) {
                if let Ok(reason) = enrol::read_refusal(&code, &me, &bytes) {
                    self.conn.execute(
                        "UPDATE sync_join SET refused = ?2 WHERE code_id = ?1",
                        params![code.id_hex(), reason.code()],
                    )?;
                    continue;
                }
            }
            let Ok(bytes) = std::fs::read(dir.join(format!("{}.welcome", code.id_hex()))) else {
                continue;
            };
            let Ok(welcome) = enrol::read_welcome(&code, &bytes) else {
                continue;
            };
            let state = postcard::to_allocvec(&EngineState::default())
                .map_err(|_| StoreError::Damaged("sync state".into()))?;
            let tx = self.conn.transaction()?;
            tx.execute(
                "INSERT OR IGNORE INTO sync_table (table_id, folder, engine_state, trusted_root) VALUES (?1, ?2, ?3, ?4)",
                params![welcome.table.to_string(), folder, state, device_bytes(&welcome.chair)],
            )?;
            tx.execute("DELETE FROM sync_join WHERE code_id = ?1", [code.id_hex()])?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Joins this device asked for that the chair's device refused: the reason code
    /// (`code_expired`, `code_used`), newest first. Reading them forgets them.
    pub fn refused_joins(&mut self) -> Result<Vec<String>> {
        let refused: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT refused FROM sync_join WHERE refused IS NOT NULL ORDER BY created_at DESC",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        self.conn
            .execute("DELETE FROM sync_join WHERE refused IS NOT NULL", [])?;
        Ok(refused)
    }

    /// One pass: export, write, read, apply. The folder must be reachable.
    pub fn sync_now(&mut self, table: TableId, now: DateTime<Utc>) -> Result<SyncReport> {
        let shared = load_shared(&self.conn, table)?;
        let folder =
            SharedFolder::open(&shared.folder).map_err(|e| folder_error(&shared.folder, e))?;
        let mut report = SyncReport::default();
        self.export_changes(table, now)?;
        report.written += self.flush_outbox(table, &folder)?;

        // Read what others wrote, and answer join requests (if this device runs the table).
        let skip: BTreeSet<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sync_done WHERE table_id = ?1
                 UNION SELECT name FROM sync_waiting WHERE table_id = ?1",
            )?;
            let rows = stmt.query_map([table.to_string()], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let scan = folder
            .scan(|n| skip.contains(n), FILES_PER_PASS)
            .map_err(|e| folder_error(&shared.folder, e))?;
        report.read = scan.files.len();
        report.pending = scan
            .pending
            .saturating_sub(scan.files.len() + scan.skipped.len());
        for (name, why) in &scan.skipped {
            let code = match why {
                casustafel_folder::Skip::TooLarge(_) => "too_large",
                casustafel_folder::Skip::Unreadable(_) => "unreadable",
            };
            apply::warn(&self.conn, table, name, code, now)?;
        }
        let got = self.ingest(table, scan.files, Some(&folder), now)?;
        report.applied = got.applied;
        report.waiting = got.waiting;
        report.set_aside = got.set_aside;
        report.joined = got.joined;
        self.conn.execute(
            "UPDATE sync_table SET last_sync = ?2 WHERE table_id = ?1",
            params![table.to_string(), now.to_rfc3339()],
        )?;
        report.written += self.flush_outbox(table, &folder)?;
        self.check_not_removed(table)?;
        Ok(report)
    }

    fn check_not_removed(&self, table: TableId) -> Result<()> {
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

    /// Export: the register into the table document (if this device runs the table), keys to
    /// those who may read, and every change made here since the last export, sealed into the
    /// outbox and the archive. Needs no folder. Returns how many files it made.
    pub fn export_changes(&mut self, table: TableId, now: DateTime<Utc>) -> Result<usize> {
        let shared = load_shared(&self.conn, table)?;
        let keys = self.device_keys()?;
        let me = keys.id();
        let mut engine = Engine::new(keys, shared.state);
        let before = apply::current_access(&self.conn, table, shared.root)?;
        let snapshot = match table_doc(&self.conn, table)? {
            Some(doc) if before.may_grant(&me) => {
                let mut value = doc
                    .value()
                    .map_err(|e| StoreError::Damaged(e.to_string()))?;
                let mut register =
                    docstore::load::<RegisterDoc>(&self.conn, &format!("register:{table}"))?
                        .map(|d| d.value())
                        .transpose()
                        .map_err(|e| StoreError::Damaged(e.to_string()))?
                        .unwrap_or_default();
                let entries =
                    self.register_snapshot(table, &mut value, &mut register, now.date_naive())?;
                Some((value, register, entries))
            }
            _ => None,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some((value, register, entries)) = snapshot {
            write_snapshot(&tx, table, value, register, entries, now)?;
        }
        let access = apply::current_access(&tx, table, shared.root)?;
        if access.members.get(&me).is_some_and(|m| m.removed) {
            return Err(StoreError::Sync(SyncProblem::Removed));
        }
        let before = engine.state().next_seq;
        export(&tx, &mut engine, table, &access)?;
        save_state(&tx, table, engine.state())?;
        tx.commit()?;
        Ok((engine.state().next_seq - before) as usize)
    }

    /// Reads files that others wrote (from the folder, or from a live peer) and applies what may
    /// be applied, in one transaction; join requests are answered if this device runs the table.
    /// Every change file is archived first, so nothing received is lost, and files that waited
    /// are read again from the archive (or, for files from before the archive, the folder).
    fn ingest(
        &mut self,
        table: TableId,
        files: Vec<Incoming>,
        folder: Option<&SharedFolder>,
        now: DateTime<Utc>,
    ) -> Result<SyncReport> {
        let shared = load_shared(&self.conn, table)?;
        let keys = self.device_keys()?;
        let me = keys.id();
        let mut engine = Engine::new(keys, shared.state);
        let mut report = SyncReport::default();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut access = apply::current_access(&tx, table, shared.root)?;
        let mut queue = Vec::new();
        for file in files {
            if file.name.starts_with("enrol/") {
                if access.may_grant(&me) && file.name.ends_with(".join") {
                    apply::answer_join(&tx, &engine, table, &file, now, &mut report)?;
                }
                apply::mark_done(&tx, table, &file.name)?;
            } else {
                archive(&tx, table, &file.name, &file.bytes)?;
                queue.push(file);
            }
        }
        // Files that waited in earlier passes and may be readable now.
        let waited: Vec<(String, Option<String>)> = {
            let mut stmt =
                tx.prepare("SELECT name, doc_id FROM sync_waiting WHERE table_id = ?1")?;
            let rows = stmt.query_map([table.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
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
                    apply::Step::Other => {}
                }
            }
            round += 1;
            if !progress || round > 4 {
                break;
            }
            for (name, _) in waiting.drain(..) {
                match archived(&tx, table, &name)? {
                    Some(f) => queue.push(f),
                    None => {
                        if let Some(f) = folder.and_then(|d| d.read(&name)) {
                            archive(&tx, table, &f.name, &f.bytes)?;
                            queue.push(f);
                        }
                    }
                }
            }
        }
        tx.execute(
            "DELETE FROM sync_waiting WHERE table_id = ?1",
            [table.to_string()],
        )?;
        for (name, doc) in &waiting {
            tx.execute(
                "INSERT OR IGNORE INTO sync_waiting (table_id, name, doc_id) VALUES (?1, ?2, ?3)",
                params![table.to_string(), name, doc],
            )?;
        }
        report.waiting = waiting.len();
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

    /// Admits a device that asked to join, after the chair compared its fingerprint with what the
    /// device shows: it is added to the table document with its participant's partner and role,
    /// welcomed, and given the keys of what it may read.
    pub fn admit_device(
        &mut self,
        table: TableId,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<SyncReport> {
        if !self.runs_table(table)? {
            return Err(StoreError::Sync(SyncProblem::NotChair));
        }
        let (device, invitation_id, participant, label) = self.pending_join(table, fingerprint)?;
        let name = self.get_table(table)?.name;
        let actor = self.actor()?;
        let keys = self.device_keys()?;
        let engine = Engine::new(keys, EngineState::default());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let record: Vec<u8> = tx.query_row(
            "SELECT record FROM sync_invitation WHERE id = ?1",
            [&invitation_id],
            |r| r.get(0),
        )?;
        let invitation: Invitation =
            postcard::from_bytes(&record).map_err(|_| StoreError::Damaged("invitation".into()))?;
        let (org, role): (String, String) = tx.query_row(
            "SELECT organisation_id, role FROM participant WHERE id = ?1",
            [&participant],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let cases: Vec<CaseId> = {
            let mut stmt =
                tx.prepare("SELECT case_id FROM participant_case WHERE participant_id = ?1")?;
            let rows = stmt.query_map([&participant], |r| r.get::<_, String>(0))?;
            rows.filter_map(|r| r.ok())
                .filter_map(|c| c.parse().ok())
                .collect()
        };
        let record = DeviceRecord {
            device,
            member: Member {
                participant: invitation.participant,
                organisation: org
                    .parse()
                    .map_err(|_| StoreError::Damaged("organisation".into()))?,
                role: Role::from_code(&role).ok_or_else(|| StoreError::Damaged("role".into()))?,
                cases,
                removed: false,
            },
            label,
        };
        let mut doc = table_doc(&tx, table)?.ok_or(StoreError::Sync(SyncProblem::NotShared))?;
        let json =
            serde_json::to_string(&record).map_err(|e| StoreError::Damaged(e.to_string()))?;
        doc.edit(|d| {
            d.devices.insert(device_key(&device), json);
        })
        .map_err(|e| StoreError::Damaged(e.to_string()))?;
        docstore::save(&tx, &format!("table:{table}"), "table", &mut doc, now)?;
        let welcome = engine.welcome(&invitation, &name, &mut OsRng);
        to_outbox(&tx, table, &[welcome])?;
        forget_pending_join(&tx, table, &device)?;
        crate::audit::append(&tx, now, &actor, "sync.admit_device", fingerprint)?;
        tx.commit()?;
        self.sync_now(table, now)
    }

    /// Turns a device that asked to join away; it is told so.
    pub fn refuse_device(
        &mut self,
        table: TableId,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if !self.runs_table(table)? {
            return Err(StoreError::Sync(SyncProblem::NotChair));
        }
        let (device, _, _, _) = self.pending_join(table, fingerprint)?;
        let request: Vec<u8> = self.conn.query_row(
            "SELECT request FROM sync_pending_join WHERE table_id = ?1 AND device = ?2",
            params![table.to_string(), device_bytes(&device)],
            |r| r.get(0),
        )?;
        let invitations = apply::load_invitations(&self.conn, table)?;
        let engine = Engine::new(self.device_keys()?, EngineState::default());
        let answer = engine.refuse(&invitations, &request, &EnrolError::Refused, &mut OsRng);
        let actor = self.actor()?;
        let tx = self.conn.transaction()?;
        if let Some(a) = answer {
            to_outbox(&tx, table, &[a])?;
        }
        forget_pending_join(&tx, table, &device)?;
        crate::audit::append(&tx, now, &actor, "sync.refuse_device", fingerprint)?;
        tx.commit()?;
        let shared = load_shared(&self.conn, table)?;
        if let Ok(folder) = SharedFolder::open(&shared.folder) {
            self.flush_outbox(table, &folder)?;
        }
        Ok(())
    }

    fn pending_join(
        &self,
        table: TableId,
        fingerprint: &str,
    ) -> Result<(DeviceId, String, String, String)> {
        let mut stmt = self.conn.prepare(
            "SELECT device, invitation_id, participant, label FROM sync_pending_join WHERE table_id = ?1",
        )?;
        let rows: Vec<(Vec<u8>, String, String, String)> = stmt
            .query_map([table.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (device, inv, participant, label) in rows {
            let device = device_from(&device)?;
            if device.fingerprint() == fingerprint {
                return Ok((device, inv, participant, label));
            }
        }
        Err(StoreError::NotFound)
    }

    /// Removes a device from the table (the chair's decision): from the next pass on it receives
    /// no key, so nothing written later is readable to it; it is told it was removed.
    pub fn remove_device(
        &mut self,
        table: TableId,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if !self.runs_table(table)? {
            return Err(StoreError::Sync(SyncProblem::NotChair));
        }
        let me = self.device_keys()?.id();
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut doc = table_doc(&tx, table)?.ok_or(StoreError::Sync(SyncProblem::NotShared))?;
        let value = doc
            .value()
            .map_err(|e| StoreError::Damaged(e.to_string()))?;
        let (key, mut record) = value
            .devices
            .iter()
            .filter_map(|(k, v)| {
                serde_json::from_str::<DeviceRecord>(v)
                    .ok()
                    .map(|r| (k.clone(), r))
            })
            .find(|(_, r)| r.device.fingerprint() == fingerprint && r.device != me)
            .ok_or(StoreError::NotFound)?;
        record.member.removed = true;
        let json =
            serde_json::to_string(&record).map_err(|e| StoreError::Damaged(e.to_string()))?;
        doc.edit(|d| {
            d.devices.insert(key, json);
        })
        .map_err(|e| StoreError::Damaged(e.to_string()))?;
        docstore::save(&tx, &format!("table:{table}"), "table", &mut doc, now)?;
        crate::audit::append(&tx, now, &actor, "sync.remove_device", fingerprint)?;
        tx.commit()?;
        Ok(())
    }

    /// Copies the outbox into the folder; what could not be written stays for the next pass.
    fn flush_outbox(&mut self, table: TableId, folder: &SharedFolder) -> Result<usize> {
        let files: Vec<OutFile> = {
            let mut stmt = self
                .conn
                .prepare("SELECT name, bytes FROM sync_outbox WHERE table_id = ?1 ORDER BY name")?;
            let rows = stmt.query_map([table.to_string()], |r| {
                Ok(OutFile {
                    name: r.get(0)?,
                    bytes: r.get(1)?,
                })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut written = 0;
        for f in files {
            folder
                .write(&f)
                .map_err(|e| folder_error(folder.root(), e))?;
            self.conn.execute(
                "DELETE FROM sync_outbox WHERE table_id = ?1 AND name = ?2",
                params![table.to_string(), f.name],
            )?;
            // Our own files need no reading back.
            apply::mark_done(&self.conn, table, &f.name)?;
            written += 1;
        }
        Ok(written)
    }

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
