//! Who sits at a shared table: sharing it, inviting a participant's device with a one-time code,
//! joining with that code, admitting or refusing a device that asked, and removing one. The
//! files this exchanges (join requests, welcomes, refusals) are carried by the folder transport;
//! nothing here touches a folder.

use std::path::{Path, PathBuf};

use casustafel_docs::{Document, TableDoc};
use casustafel_domain::participant::Role;
use casustafel_domain::{CaseId, ParticipantId, TableId};
use casustafel_sync::enrol::{self, Code, EnrolError, Invitation};
use casustafel_sync::{DeviceId, Engine, EngineState, Member, OutFile};
use chrono::{DateTime, Utc};
use rand_core::OsRng;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::export::to_outbox;
use super::register::device_key;
use super::state::table_doc;
use super::{apply, code_error, device_bytes, device_from, DeviceRecord, INVITATION_DAYS};
use crate::docstore;
use crate::error::{Result, StoreError, SyncProblem};
use crate::profile::Store;

/// A join this device asked for and waits on: where the chair's device answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingJoin {
    /// The code's public id (names the join, not the secret).
    pub id: String,
    /// The folder the request went to, where the answer comes.
    pub folder: PathBuf,
    /// The name of the welcome, if the chair admits this device.
    pub welcome: String,
    /// The name of the refusal, if the chair's device refuses it.
    pub refusal: String,
}

/// A join request answered (admitted or refused) no longer waits on the chair's screen.
fn forget_pending_join(conn: &Connection, table: TableId, device: &DeviceId) -> Result<()> {
    conn.execute(
        "DELETE FROM sync_pending_join WHERE table_id = ?1 AND device = ?2",
        params![table.to_string(), device_bytes(device)],
    )?;
    Ok(())
}

impl Store {
    /// Starts sharing a table through `folder` from this device, which runs it (the chair's). The
    /// folder transport checks the folder before and makes the first pass after.
    pub fn start_sharing(
        &mut self,
        table: TableId,
        folder: &Path,
        now: DateTime<Utc>,
    ) -> Result<()> {
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
                settled: 0,
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
        Ok(())
    }

    /// Makes a one-time code for a participant's device to join the table; valid for a week.
    pub fn invite(
        &mut self,
        table: TableId,
        participant: ParticipantId,
        now: DateTime<Utc>,
    ) -> Result<casustafel_api::sync::InviteCode> {
        if !self.keeps_register(table)? {
            return Err(StoreError::Sync(SyncProblem::NotKeeper));
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
        Ok(casustafel_api::sync::InviteCode {
            code: code.to_text(),
            expires,
        })
    }

    /// On the joining device: the request to join with `code`, for the folder transport to write
    /// into the table's folder. Nothing is recorded until it was written (`join_sent`).
    pub fn join_request(&self, code: &str, label: &str) -> Result<OutFile> {
        let code = Code::parse(code).map_err(code_error)?;
        let keys = self.device_keys()?;
        Ok(enrol::join_request(&keys, &code, label, &mut OsRng))
    }

    /// The join request with `code` was written into `folder`: this device now waits for the
    /// chair's answer there. Returns this device's fingerprint, to compare with the chair's
    /// screen.
    pub fn join_sent(&mut self, code: &str, folder: &Path, now: DateTime<Utc>) -> Result<String> {
        let code = Code::parse(code).map_err(code_error)?;
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_join (code_id, code, folder, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![code.id_hex(), code.to_text(), folder.display().to_string(), now.to_rfc3339()],
        )?;
        Ok(self.device_keys()?.id().fingerprint())
    }

    /// The joins this device waits on, with where their answers come.
    pub fn waiting_joins(&self) -> Result<Vec<WaitingJoin>> {
        let joins: Vec<(String, String)> = {
            let mut stmt = self.conn.prepare(
                "SELECT code, folder FROM sync_join WHERE refused IS NULL AND welcome IS NULL",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let me = self.device_keys()?.id();
        Ok(joins
            .into_iter()
            .filter_map(|(code, folder)| {
                let code = Code::parse(&code).ok()?;
                Some(WaitingJoin {
                    id: code.id_hex(),
                    folder: folder.into(),
                    welcome: code.welcome_name(),
                    refusal: code.refusal_name(&me),
                })
            })
            .collect())
    }

    /// What the folder held of the answer to the waiting join `id`: a refusal is recorded (the
    /// screen says why), a welcome is kept for the person to confirm (`welcomes_to_confirm`,
    /// `confirm_welcome`): anyone who heard the code can write one, so nothing in it is trusted
    /// before. Bytes that are not a valid answer under the join's code are ignored.
    pub fn join_answered(
        &mut self,
        id: &str,
        welcome: Option<&[u8]>,
        refusal: Option<&[u8]>,
    ) -> Result<()> {
        let Some(code_text): Option<String> = self
            .conn
            .query_row(
                "SELECT code FROM sync_join WHERE code_id = ?1 AND refused IS NULL",
                [id],
                |r| r.get(0),
            )
            .optional()?
        else {
            return Ok(());
        };
        let Ok(code) = Code::parse(&code_text) else {
            return Ok(());
        };
        let me = self.device_keys()?.id();
        if let Some(reason) = refusal.and_then(|b| enrol::read_refusal(&code, &me, b).ok()) {
            self.conn.execute(
                "UPDATE sync_join SET refused = ?2 WHERE code_id = ?1",
                params![code.id_hex(), reason.code()],
            )?;
            return Ok(());
        }
        let Some(bytes) = welcome.filter(|b| enrol::read_welcome(&code, b).is_ok()) else {
            return Ok(());
        };
        self.conn.execute(
            "UPDATE sync_join SET welcome = ?2 WHERE code_id = ?1 AND welcome IS NULL",
            params![code.id_hex(), bytes],
        )?;
        Ok(())
    }

    /// The answers to joins that wait for the person's confirmation, newest first.
    pub fn welcomes_to_confirm(&self) -> Result<Vec<casustafel_api::sync::WelcomeToConfirm>> {
        let me = self.device_keys()?.id().fingerprint();
        Ok(self
            .pending_welcomes()?
            .into_iter()
            .map(|(id, w, _)| casustafel_api::sync::WelcomeToConfirm {
                id,
                table_name: w.table_name,
                chair: w.chair.fingerprint(),
                me: me.clone(),
            })
            .collect())
    }

    fn pending_welcomes(&self) -> Result<Vec<(String, enrol::Welcome, String)>> {
        let rows: Vec<(String, String, String, Vec<u8>)> = {
            let mut stmt = self.conn.prepare(
                "SELECT code_id, code, folder, welcome FROM sync_join
                 WHERE welcome IS NOT NULL AND refused IS NULL ORDER BY created_at DESC",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        Ok(rows
            .into_iter()
            .filter_map(|(id, code, folder, bytes)| {
                let code = Code::parse(&code).ok()?;
                let w = enrol::read_welcome(&code, &bytes).ok()?;
                Some((id, w, folder))
            })
            .collect())
    }

    /// The person compared the fingerprint of the device that answered the join `id` with the
    /// chair's screen. `same`: the table is shared here from now on, with that device trusted as
    /// its chair (the content arrives with the next pass). Not the same: nothing of the answer
    /// is kept and the device stays unjoined (`refused_joins` says `welcome_refused`; the chair
    /// gives a new code).
    pub fn confirm_welcome(&mut self, id: &str, same: bool, now: DateTime<Utc>) -> Result<()> {
        let Some((_, welcome, folder)) = self
            .pending_welcomes()?
            .into_iter()
            .find(|(i, _, _)| i == id)
        else {
            return Err(StoreError::NotFound);
        };
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if same {
            let state = postcard::to_allocvec(&EngineState::default())
                .map_err(|_| StoreError::Damaged("sync state".into()))?;
            tx.execute(
                "INSERT OR IGNORE INTO sync_table (table_id, folder, engine_state, trusted_root) VALUES (?1, ?2, ?3, ?4)",
                params![welcome.table.to_string(), folder, state, device_bytes(&welcome.chair)],
            )?;
            tx.execute("DELETE FROM sync_join WHERE code_id = ?1", [id])?;
        } else {
            tx.execute(
                "UPDATE sync_join SET refused = 'welcome_refused', welcome = NULL WHERE code_id = ?1",
                [id],
            )?;
        }
        crate::audit::append(
            &tx,
            now,
            &actor,
            if same {
                "sync.join"
            } else {
                "sync.join_refused"
            },
            &welcome.table.to_string(),
        )?;
        tx.commit()?;
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

    /// Admits a device that asked to join, after the chair compared its fingerprint with what the
    /// device shows: it is added to the table document with its participant's partner and role,
    /// welcomed, and given the keys of what it may read.
    /// The next pass hands it what it needs.
    pub fn admit(&mut self, table: TableId, fingerprint: &str, now: DateTime<Utc>) -> Result<()> {
        if !self.keeps_register(table)? {
            return Err(StoreError::Sync(SyncProblem::NotKeeper));
        }
        let (device, invitation_id, participant, label) = self.pending_join(table, fingerprint)?;
        let name = self.get_table(table)?.name;
        let actor = self.actor()?;
        let keys = self.device_keys()?;
        let engine = Engine::new(keys, table, EngineState::default());
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
                settled: 0,
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
        to_outbox(&tx, &engine, table, &[welcome])?;
        forget_pending_join(&tx, table, &device)?;
        crate::audit::append(&tx, now, &actor, "sync.admit_device", fingerprint)?;
        tx.commit()?;
        Ok(())
    }

    /// Turns a device that asked to join away; it is told so by the next pass.
    pub fn refuse(&mut self, table: TableId, fingerprint: &str, now: DateTime<Utc>) -> Result<()> {
        if !self.keeps_register(table)? {
            return Err(StoreError::Sync(SyncProblem::NotKeeper));
        }
        let (device, _, _, _) = self.pending_join(table, fingerprint)?;
        let request: Vec<u8> = self.conn.query_row(
            "SELECT request FROM sync_pending_join WHERE table_id = ?1 AND device = ?2",
            params![table.to_string(), device_bytes(&device)],
            |r| r.get(0),
        )?;
        let invitations = apply::load_invitations(&self.conn, table)?;
        let engine = Engine::new(self.device_keys()?, table, EngineState::default());
        let answer = engine.refuse(&invitations, &request, &EnrolError::Refused, &mut OsRng);
        let actor = self.actor()?;
        let tx = self.conn.transaction()?;
        if let Some(a) = answer {
            to_outbox(&tx, &engine, table, &[a])?;
        }
        forget_pending_join(&tx, table, &device)?;
        crate::audit::append(&tx, now, &actor, "sync.refuse_device", fingerprint)?;
        tx.commit()?;
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
    /// no key, so nothing written later is readable to it; it is told it was removed. What this
    /// device has read of it so far still counts everywhere (`Member::settled`): the folder
    /// transport reads the folder first.
    pub fn remove_device(
        &mut self,
        table: TableId,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if !self.keeps_register(table)? {
            return Err(StoreError::Sync(SyncProblem::NotKeeper));
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
        // The removal takes effect from here: what this device dealt with of the removed one
        // counts on every device, nothing it writes from now on.
        let dealt = super::state::load_shared(&tx, table)?
            .state
            .dealt_prefix(&record.device);
        record.member.settled = record.member.settled.max(dealt);
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
}
