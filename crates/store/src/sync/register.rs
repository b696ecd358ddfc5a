//! The table document and the local tables. On a device that runs the table, the document is
//! refreshed from the register before each sync; on every other device, what arrives in it is
//! projected into the local tables, so the screens and queries work the same on both.
//!
//! Ids are kept as they are, so every device speaks of the same table, case and meeting. A
//! phenomenon or partner that this profile already knew under another id (the built-in
//! phenomena, a partner with the same name) is mapped through `sync_alias` instead of duplicated.

use std::collections::BTreeMap;

use casustafel_docs::{CaseDoc, RegisterDoc, TableDoc};
use casustafel_domain::case::{Case, CaseFilter};
use casustafel_domain::meeting::Meeting;
use casustafel_domain::organisation::Organisation;
use casustafel_domain::participant::Participant;
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::{OrganisationId, Table, TableId};
use casustafel_sync::{Access, DeviceId, DocRef, Member};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};
use crate::profile::Store;

/// A case as every member sees it: the register entry and who referred it (never its text).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CaseEntry {
    pub case: Case,
    pub referrer: OrganisationId,
}

/// An enrolled device, in the table document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRecord {
    pub device: DeviceId,
    pub member: Member,
    /// What the device calls itself, e.g. "Laptop CAW – An".
    pub label: String,
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Damaged(format!("json: {e}")))
}

fn parse<T: for<'de> Deserialize<'de>>(s: &str, what: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|_| StoreError::Damaged(format!("shared {what}")))
}

pub(crate) fn device_key(d: &DeviceId) -> String {
    let mut bytes = d.signing.to_vec();
    bytes.extend_from_slice(&d.agreement);
    hex::encode(bytes)
}

/// Replaces `map`'s entries by `fresh`, touching only those that differ (so the change is small).
fn sync_map(map: &mut BTreeMap<String, String>, fresh: BTreeMap<String, String>) {
    map.retain(|k, _| fresh.contains_key(k));
    for (k, v) in fresh {
        if map.get(&k) != Some(&v) {
            map.insert(k, v);
        }
    }
}

impl Store {
    /// The shared documents' content as the register holds it now (on the device that runs the
    /// table): the table document, the register document, and each case's register entry (for its
    /// case document). Devices are kept as the table document has them: they change through
    /// enrolment only.
    pub(crate) fn register_snapshot(
        &self,
        table: TableId,
        doc: &mut TableDoc,
        register: &mut RegisterDoc,
        today: chrono::NaiveDate,
    ) -> Result<Vec<(casustafel_domain::CaseId, String)>> {
        let t = self.get_table(table)?;
        doc.table_id = table.to_string();
        register.table_id = table.to_string();
        let table_json = json(&t)?;
        if doc.table != table_json {
            doc.table = table_json;
        }
        let phenomena: BTreeMap<String, String> = self
            .list_phenomena()?
            .into_iter()
            .map(|p| Ok((p.id.to_string(), json(&p)?)))
            .collect::<Result<_>>()?;
        sync_map(&mut doc.phenomena, phenomena);
        let orgs: BTreeMap<String, String> = self
            .list_organisations()?
            .into_iter()
            .map(|o| Ok((o.id.to_string(), json(&o)?)))
            .collect::<Result<_>>()?;
        sync_map(&mut doc.organisations, orgs);
        let people: BTreeMap<String, String> = self
            .list_participants(table)?
            .into_iter()
            .map(|p| Ok((p.id.to_string(), json(&p)?)))
            .collect::<Result<_>>()?;
        sync_map(&mut doc.participants, people);
        let mut cases = BTreeMap::new();
        let mut partners = BTreeMap::new();
        let mut entries = Vec::new();
        for c in self.list_cases(
            &CaseFilter {
                table: Some(table),
                ..CaseFilter::default()
            },
            today,
        )? {
            let referrer: String = self.conn.query_row(
                "SELECT referrer_id FROM referral WHERE id = ?1",
                [c.referral_id.to_string()],
                |r| r.get(0),
            )?;
            let referrer = referrer
                .parse()
                .map_err(|_| StoreError::Damaged("referrer".into()))?;
            partners.insert(c.id.to_string(), json(&c.partners)?);
            let entry = json(&CaseEntry {
                case: c.clone(),
                referrer,
            })?;
            cases.insert(c.id.to_string(), entry.clone());
            entries.push((c.id, entry));
        }
        sync_map(&mut doc.case_partners, partners);
        sync_map(&mut register.cases, cases);
        let meetings: BTreeMap<String, String> = self
            .list_meetings(table)?
            .into_iter()
            .map(|m| Ok((m.id.to_string(), json(&m)?)))
            .collect::<Result<_>>()?;
        sync_map(&mut register.meetings, meetings);
        Ok(entries)
    }
}

/// Who may do what, from the table document; `root` (the device that welcomed this one, or this
/// device when it runs the table) is always trusted as the chair.
pub(crate) fn access_from(
    doc: Option<&TableDoc>,
    root: DeviceId,
    root_member: Member,
) -> Result<Access> {
    let mut access = Access {
        keeper: Some(root),
        ..Access::default()
    };
    access.members.insert(root, root_member);
    let Some(doc) = doc else {
        return Ok(access);
    };
    for v in doc.devices.values() {
        let d: DeviceRecord = parse(v, "device")?;
        if d.device == root {
            // The keeper is the chair's, whatever a record says of it.
            continue;
        }
        access.members.insert(d.device, d.member);
    }
    for (case, v) in &doc.case_partners {
        let case = case
            .parse()
            .map_err(|_| StoreError::Damaged("shared case id".into()))?;
        access
            .case_partners
            .insert(case, parse(v, "case partners")?);
    }
    Ok(access)
}

fn alias(conn: &Connection, kind: &str, remote: &str) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT local_id FROM sync_alias WHERE kind = ?1 AND remote_id = ?2",
            [kind, remote],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| remote.to_string()))
}

fn set_alias(conn: &Connection, kind: &str, remote: &str, local: &str) -> Result<()> {
    if remote != local {
        conn.execute(
            "INSERT OR REPLACE INTO sync_alias (kind, remote_id, local_id) VALUES (?1, ?2, ?3)",
            [kind, remote, local],
        )?;
    }
    Ok(())
}

/// The local id of a shared organisation.
pub(crate) fn local_org(conn: &Connection, remote: &str) -> Result<String> {
    alias(conn, "organisation", remote)
}

fn project_phenomenon(conn: &Connection, p: &Phenomenon) -> Result<()> {
    let id = p.id.to_string();
    let existing: Option<String> = conn
        .query_row(
            "SELECT id FROM phenomenon WHERE id = ?1
             OR (?2 IS NOT NULL AND key = ?2) OR name_key = ?3
             ORDER BY id = ?1 DESC LIMIT 1",
            params![id, p.key, p.name.to_lowercase()],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(local) => set_alias(conn, "phenomenon", &id, &local),
        None => {
            conn.execute(
                "INSERT INTO phenomenon (id, key, name, name_key) VALUES (?1, NULL, ?2, ?3)",
                params![id, p.name, p.name.to_lowercase()],
            )?;
            Ok(())
        }
    }
}

/// A partner as `table` shares it. Partners are the profile's, seen from every table it sits at:
/// a partner is updated only by the table that brought it here (a partner this profile made
/// itself, or another table brought, is only mapped to), so no table renames another's partner.
fn project_org(conn: &Connection, table: TableId, o: &Organisation) -> Result<()> {
    let id = o.id.to_string();
    let key = format!("organisation:{id}");
    let existing: Option<String> = conn
        .query_row(
            "SELECT id FROM organisation WHERE id = ?1 OR name_key = ?2 ORDER BY id = ?1 DESC LIMIT 1",
            params![id, o.name.to_lowercase()],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(local) if local == id => {
            if super::apply::owner_of(conn, &key)? != Some(table.to_string()) {
                return Ok(());
            }
            conn.execute(
                "UPDATE organisation SET name = ?2, name_key = ?3, category = ?4, bound_by_secrecy = ?5
                 WHERE id = ?1",
                params![id, o.name, o.name.to_lowercase(), o.category.code(), o.bound_by_secrecy],
            )?;
            Ok(())
        }
        Some(local) => set_alias(conn, "organisation", &id, &local),
        None => {
            super::apply::claim_key(conn, table, &key)?;
            conn.execute(
                "INSERT INTO organisation (id, name, name_key, category, bound_by_secrecy)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    id,
                    o.name,
                    o.name.to_lowercase(),
                    o.category.code(),
                    o.bound_by_secrecy
                ],
            )?;
            Ok(())
        }
    }
}

fn project_table(conn: &Connection, t: &Table) -> Result<()> {
    let id = t.id.to_string();
    let criteria = json(&t.settings.admission_criteria)?;
    conn.execute(
        "INSERT INTO case_table (id, name, name_key, kind, legal_basis_kind, legal_basis_reference,
             legal_basis_date, legal_basis_expiry, finality, created_at, case_prefix, modalities,
             admission_criteria, retention_months, cadence_weeks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT(id) DO UPDATE SET name = ?2, name_key = ?3, kind = ?4, legal_basis_kind = ?5,
             legal_basis_reference = ?6, legal_basis_date = ?7, legal_basis_expiry = ?8,
             finality = ?9, case_prefix = ?11, modalities = ?12, admission_criteria = ?13,
             retention_months = ?14, cadence_weeks = ?15",
        params![
            id,
            t.name,
            t.name.trim().to_lowercase(),
            t.kind.code(),
            t.legal_basis.kind.code(),
            t.legal_basis.reference,
            t.legal_basis.date.to_string(),
            t.legal_basis.expiry.map(|d| d.to_string()),
            t.finality,
            t.created_at.to_rfc3339(),
            t.settings.case_prefix,
            t.settings.modalities,
            criteria,
            t.settings.retention_months,
            t.settings.cadence_weeks,
        ],
    )?;
    conn.execute("DELETE FROM table_municipality WHERE table_id = ?1", [&id])?;
    for (pos, m) in t.municipalities.iter().enumerate() {
        conn.execute(
            "INSERT INTO table_municipality (table_id, nis_code, name, position) VALUES (?1, ?2, ?3, ?4)",
            params![id, m.nis_code, m.name, pos as i64],
        )?;
    }
    conn.execute("DELETE FROM table_phenomenon WHERE table_id = ?1", [&id])?;
    for p in &t.settings.phenomena {
        conn.execute(
            "INSERT OR IGNORE INTO table_phenomenon (table_id, phenomenon_id) VALUES (?1, ?2)",
            params![id, alias(conn, "phenomenon", &p.to_string())?],
        )?;
    }
    Ok(())
}

fn project_participant(conn: &Connection, p: &Participant) -> Result<()> {
    let id = p.id.to_string();
    conn.execute(
        "INSERT INTO participant (id, table_id, name, organisation_id, role, protocol_signed_on,
             protocol_version, active_from, active_to)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(id) DO UPDATE SET name = ?3, organisation_id = ?4, role = ?5,
             protocol_signed_on = ?6, protocol_version = ?7, active_from = ?8, active_to = ?9
         WHERE participant.table_id = excluded.table_id",
        params![
            id,
            p.table_id.to_string(),
            p.name,
            local_org(conn, &p.organisation_id.to_string())?,
            p.role.code(),
            p.protocol.as_ref().map(|x| x.signed_on.to_string()),
            p.protocol.as_ref().map(|x| x.version.clone()),
            p.active_from.to_string(),
            p.active_to.map(|d| d.to_string()),
        ],
    )?;
    Ok(())
}

fn exists(conn: &Connection, sql: &str, id: &str) -> Result<bool> {
    Ok(conn.query_row(sql, [id], |_| Ok(())).optional()?.is_some())
}

/// Whether the row `id` of `rows` (`case_file`, `meeting` or `participant`) exists here for
/// another table than `table`: then no table but its own may touch it.
fn of_other_table(conn: &Connection, rows: &str, id: &str, table: TableId) -> Result<bool> {
    let sql = format!("SELECT table_id FROM {rows} WHERE id = ?1");
    let owner: Option<String> = conn.query_row(&sql, [id], |r| r.get(0)).optional()?;
    Ok(owner.is_some_and(|t| t != table.to_string()))
}

fn project_case(conn: &Connection, e: &CaseEntry) -> Result<()> {
    let c = &e.case;
    let id = c.id.to_string();
    if of_other_table(conn, "case_file", &id, c.table_id)? {
        return Ok(());
    }
    // Its table and referring partner come with the table document; until then, wait.
    let referrer = local_org(conn, &e.referrer.to_string())?;
    if !exists(
        conn,
        "SELECT 1 FROM case_table WHERE id = ?1",
        &c.table_id.to_string(),
    )? || !exists(conn, "SELECT 1 FROM organisation WHERE id = ?1", &referrer)?
    {
        return Ok(());
    }
    let regisseur = match c.casusregisseur {
        Some(p)
            if exists(
                conn,
                "SELECT 1 FROM participant WHERE id = ?1",
                &p.to_string(),
            )? =>
        {
            Some(p.to_string())
        }
        _ => None,
    };
    // The referral's text stays with those who triaged it; here it is a placeholder row.
    conn.execute(
        "INSERT OR IGNORE INTO referral (id, table_id, status, anonymous, referrer_id, concern,
             question, tried, urgency, person_informed, not_informed_reason, created_at, case_id)
         VALUES (?1, ?2, 'admitted', 1, ?3, '', '', '', 'normal', 1, '', ?4, ?5)",
        params![
            c.referral_id.to_string(),
            c.table_id.to_string(),
            referrer,
            format!("{}T00:00:00+00:00", c.opened_on),
            id,
        ],
    )?;
    let (year, seq) = c
        .code
        .rsplitn(3, '-')
        .collect::<Vec<_>>()
        .get(..2)
        .map(|p| {
            (
                p[1].parse::<i64>().unwrap_or(0),
                p[0].parse::<i64>().unwrap_or(0),
            )
        })
        .unwrap_or((0, 0));
    let closure = c.closure.as_ref().map(json).transpose()?;
    conn.execute(
        "INSERT INTO case_file (id, table_id, referral_id, code, year, seq, status, risk, track,
             casusregisseur_id, next_review, opened_on, closure)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT(id) DO UPDATE SET status = ?7, risk = ?8, track = ?9, casusregisseur_id = ?10,
             next_review = ?11, closure = ?13
         WHERE case_file.table_id = excluded.table_id",
        params![
            id,
            c.table_id.to_string(),
            c.referral_id.to_string(),
            c.code,
            year,
            seq,
            c.status.code(),
            c.risk.map(|r| r.code()),
            c.track.map(|t| t.code()),
            regisseur,
            c.next_review.map(|d| d.to_string()),
            c.opened_on.to_string(),
            closure,
        ],
    )?;
    conn.execute("DELETE FROM case_phenomenon WHERE case_id = ?1", [&id])?;
    for p in &c.phenomena {
        conn.execute(
            "INSERT OR IGNORE INTO case_phenomenon (case_id, phenomenon_id) VALUES (?1, ?2)",
            params![id, alias(conn, "phenomenon", &p.to_string())?],
        )?;
    }
    conn.execute("DELETE FROM case_partner WHERE case_id = ?1", [&id])?;
    for o in &c.partners {
        conn.execute(
            "INSERT OR IGNORE INTO case_partner (case_id, organisation_id) VALUES (?1, ?2)",
            params![id, local_org(conn, &o.to_string())?],
        )?;
    }
    crate::cases::reindex(conn, c.id)
}

fn project_meeting(conn: &Connection, m: &Meeting) -> Result<()> {
    conn.execute(
        "INSERT INTO meeting (id, table_id, date, place, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(id) DO UPDATE SET date = ?3, place = ?4, status = ?5
         WHERE meeting.table_id = excluded.table_id",
        params![
            m.id.to_string(),
            m.table_id.to_string(),
            m.date.to_string(),
            m.place,
            m.status.code(),
            format!("{}T00:00:00+00:00", m.date),
        ],
    )?;
    Ok(())
}

/// Writes what this device received of a table into the local tables (on a device that does not
/// run it): the table document, then the register (standing members) or the register entries in
/// the case documents it holds (an ad hoc participant), then who is invited for which case. Upserts
/// only, so it can run after any change, in any order of arrival.
pub(crate) fn reproject(conn: &Connection, table: TableId) -> Result<()> {
    let Some(doc) = crate::docstore::load::<TableDoc>(conn, &format!("table:{table}"))? else {
        return Ok(());
    };
    let Ok(doc) = doc.value() else {
        return Ok(());
    };
    if doc.table.is_empty() {
        return Ok(());
    }
    for v in doc.phenomena.values() {
        project_phenomenon(conn, &parse(v, "phenomenon")?)?;
    }
    // Everything projected must be this table's: a table's document speaks for it alone.
    let settings: Table = parse(&doc.table, "table")?;
    if settings.id != table {
        return Ok(());
    }
    for v in doc.organisations.values() {
        project_org(conn, table, &parse(v, "organisation")?)?;
    }
    project_table(conn, &settings)?;
    let people: Vec<Participant> = doc
        .participants
        .values()
        .map(|v| parse::<Participant>(v, "participant"))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .filter(|p| p.table_id == table)
        .filter(|p| !of_other_table(conn, "participant", &p.id.to_string(), table).unwrap_or(true))
        .collect();
    for p in &people {
        project_participant(conn, p)?;
    }
    if let Some(reg) = crate::docstore::load::<RegisterDoc>(conn, &format!("register:{table}"))? {
        if let Ok(reg) = reg.value() {
            // A damaged entry is not projected; it does not stop the others.
            for v in reg.cases.values() {
                let Ok(entry) = parse::<CaseEntry>(v, "case") else {
                    continue;
                };
                if entry.case.table_id == table {
                    project_case(conn, &entry)?;
                }
            }
            for v in reg.meetings.values() {
                let Ok(m) = parse::<Meeting>(v, "meeting") else {
                    continue;
                };
                if m.table_id == table
                    && !of_other_table(conn, "meeting", &m.id.to_string(), table)?
                {
                    project_meeting(conn, &m)?;
                }
            }
        }
    }
    let case_docs: Vec<String> = {
        let mut stmt = conn.prepare("SELECT id FROM document WHERE kind = 'case'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut held = Vec::new();
    for id in case_docs {
        let Some(d) = crate::docstore::load::<CaseDoc>(conn, &id)? else {
            continue;
        };
        let Ok(d) = d.value() else { continue };
        if d.register.is_empty() {
            continue;
        }
        // A damaged or tampered entry is not projected (its author's change was set aside
        // elsewhere); it does not stop the others.
        let Ok(entry) = parse::<CaseEntry>(&d.register, "case") else {
            continue;
        };
        // A case document's entry speaks for that case only, of the table it belongs to.
        let own = entry.case.id.to_string() == id
            && super::apply::claim(conn, table, DocRef::Case(entry.case.id))?;
        if own && entry.case.table_id == table {
            project_case(conn, &entry)?;
            held.push((id, d));
        }
    }
    for p in &people {
        conn.execute(
            "DELETE FROM participant_case WHERE participant_id = ?1",
            [p.id.to_string()],
        )?;
        for c in &p.cases {
            if exists(
                conn,
                "SELECT 1 FROM case_file WHERE id = ?1",
                &c.to_string(),
            )? {
                conn.execute(
                    "INSERT OR IGNORE INTO participant_case (participant_id, case_id) VALUES (?1, ?2)",
                    params![p.id.to_string(), c.to_string()],
                )?;
            }
        }
    }
    for (id, d) in held {
        reindex_actions(conn, &id, &d)?;
    }
    Ok(())
}

/// Rebuilds the action index of a case from its document (owners mapped to local partners).
pub(crate) fn reindex_actions(conn: &Connection, case: &str, doc: &CaseDoc) -> Result<()> {
    if !exists(conn, "SELECT 1 FROM case_file WHERE id = ?1", case)? {
        return Ok(()); // its register entry has not arrived yet; indexed then
    }
    conn.execute("DELETE FROM action_index WHERE case_id = ?1", [case])?;
    for (id, a) in &doc.actions {
        conn.execute(
            "INSERT INTO action_index (id, case_id, meeting_id, what, owner_id, owner_person, due, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                case,
                a.meeting_id,
                a.what,
                local_org(conn, &a.owner)?,
                a.owner_person,
                a.due,
                a.status
            ],
        )?;
    }
    Ok(())
}
