//! Cases: the register, its search index, the timeline, closure and the identity behind a case.

use casustafel_domain::case::{
    Case, CaseAction, CaseEvent, CaseEventKind, CaseFilter, CaseStatus, CaseUpdate, Closure,
    ClosureDraft, RiskLevel, Track,
};
use casustafel_domain::identity::{check_identity, Identity, PersonDraft};
use casustafel_domain::{CaseId, OrganisationId, PhenomenonId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, TransactionBehavior};

use crate::error::{Result, StoreError};
use crate::profile::Store;
use crate::{audit, identity};

fn bad(what: &str) -> StoreError {
    StoreError::Damaged(format!("unreadable value in case_file.{what}"))
}

fn json_err(e: serde_json::Error) -> StoreError {
    StoreError::Io(std::io::Error::other(e))
}

pub(crate) fn add_event(
    conn: &Connection,
    case: CaseId,
    at: DateTime<Utc>,
    by: &str,
    kind: &CaseEventKind,
) -> Result<()> {
    conn.execute(
        "INSERT INTO case_event (case_id, at, by, event) VALUES (?1, ?2, ?3, ?4)",
        params![
            case.to_string(),
            at.to_rfc3339(),
            by,
            serde_json::to_string(kind).map_err(json_err)?
        ],
    )?;
    Ok(())
}

/// Rebuilds the search entry of a case: its code, phenomena, partners, the referral's text and the
/// closure. Never the identity: that must vanish with the case key.
pub(crate) fn reindex(conn: &Connection, case: CaseId) -> Result<()> {
    let id = case.to_string();
    let body: String = conn.query_row(
        "SELECT c.code || ' ' || r.concern || ' ' || r.question || ' ' || r.tried || ' ' ||
                COALESCE(c.closure, '') || ' ' ||
                COALESCE((SELECT group_concat(p.name, ' ') FROM case_phenomenon cp
                          JOIN phenomenon p ON p.id = cp.phenomenon_id WHERE cp.case_id = c.id), '') || ' ' ||
                COALESCE((SELECT group_concat(o.name, ' ') FROM case_partner cp
                          JOIN organisation o ON o.id = cp.organisation_id WHERE cp.case_id = c.id), '')
         FROM case_file c JOIN referral r ON r.id = c.referral_id WHERE c.id = ?1",
        [&id],
        |r| r.get(0),
    )?;
    conn.execute("DELETE FROM case_search WHERE case_id = ?1", [&id])?;
    conn.execute(
        "INSERT INTO case_search (case_id, body) VALUES (?1, ?2)",
        params![id, body],
    )?;
    Ok(())
}

/// Turns typed words into an FTS5 query: every word must match, as a prefix; quotes are escaped,
/// so nothing a person types is read as query syntax.
fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .map(|w| w.replace('"', "\"\""))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// One row per case, lists included, so that a list of thousands of cases is one query.
const SELECT: &str = "SELECT c.id, c.table_id, c.referral_id, c.code, c.status, c.risk, c.track,
    c.casusregisseur_id, c.next_review, c.opened_on, c.closure,
    (SELECT group_concat(phenomenon_id) FROM case_phenomenon WHERE case_id = c.id),
    (SELECT group_concat(organisation_id) FROM case_partner WHERE case_id = c.id),
    EXISTS(SELECT 1 FROM case_identity WHERE case_id = c.id)
    FROM case_file c";

type RawCase = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    bool,
);

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawCase> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
        r.get(13)?,
    ))
}

/// Parses a comma-separated id list (from `group_concat`), sorted.
fn id_list<T: std::str::FromStr + Ord>(list: Option<String>, what: &str) -> Result<Vec<T>> {
    let mut out = list
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|v| v.parse::<T>().map_err(|_| bad(what)))
        .collect::<Result<Vec<_>>>()?;
    out.sort();
    Ok(out)
}

fn decode(raw: RawCase) -> Result<Case> {
    let (
        id,
        table,
        referral,
        code,
        status,
        risk,
        track,
        regisseur,
        review,
        opened,
        closure,
        phenomena,
        partners,
        has_identity,
    ) = raw;
    Ok(Case {
        id: id.parse().map_err(|_| bad("id"))?,
        table_id: table.parse().map_err(|_| bad("table_id"))?,
        referral_id: referral.parse().map_err(|_| bad("referral_id"))?,
        code,
        status: CaseStatus::from_code(&status).ok_or_else(|| bad("status"))?,
        phenomena: id_list::<PhenomenonId>(phenomena, "phenomena")?,
        risk: risk
            .map(|r| RiskLevel::from_code(&r).ok_or_else(|| bad("risk")))
            .transpose()?,
        track: track
            .map(|t| Track::from_code(&t).ok_or_else(|| bad("track")))
            .transpose()?,
        partners: id_list::<OrganisationId>(partners, "partners")?,
        casusregisseur: regisseur
            .map(|p| p.parse().map_err(|_| bad("casusregisseur")))
            .transpose()?,
        next_review: review
            .map(|d| d.parse::<NaiveDate>().map_err(|_| bad("next_review")))
            .transpose()?,
        opened_on: opened.parse().map_err(|_| bad("opened_on"))?,
        closure: closure
            .map(|c| serde_json::from_str::<Closure>(&c).map_err(|_| bad("closure")))
            .transpose()?,
        has_identity,
    })
}

fn get(conn: &Connection, id: CaseId) -> Result<Case> {
    let row = conn
        .query_row(&format!("{SELECT} WHERE c.id = ?1"), [id.to_string()], raw)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    decode(row)
}

impl Store {
    pub fn get_case(&self, id: CaseId) -> Result<Case> {
        get(&self.conn, id)
    }

    /// The cases that match every part of the filter, by code.
    pub fn list_cases(&self, filter: &CaseFilter, today: NaiveDate) -> Result<Vec<Case>> {
        let mut sql = format!("{SELECT} WHERE 1 = 1");
        let mut args: Vec<Value> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, v: Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(t) = filter.table {
            arg(&mut sql, " AND c.table_id = ?", Value::Text(t.to_string()));
        }
        if let Some(nis) = &filter.municipality {
            arg(
                &mut sql,
                " AND c.table_id IN (SELECT table_id FROM table_municipality WHERE nis_code = ?)",
                Value::Text(nis.clone()),
            );
        }
        if let Some(p) = filter.phenomenon {
            arg(
                &mut sql,
                " AND c.id IN (SELECT case_id FROM case_phenomenon WHERE phenomenon_id = ?)",
                Value::Text(p.to_string()),
            );
        }
        if let Some(s) = filter.status {
            arg(&mut sql, " AND c.status = ?", Value::Text(s.code().into()));
        }
        if let Some(r) = filter.risk {
            arg(&mut sql, " AND c.risk = ?", Value::Text(r.code().into()));
        }
        if let Some(t) = filter.track {
            arg(&mut sql, " AND c.track = ?", Value::Text(t.code().into()));
        }
        if let Some(o) = filter.partner {
            arg(
                &mut sql,
                " AND c.id IN (SELECT case_id FROM case_partner WHERE organisation_id = ?)",
                Value::Text(o.to_string()),
            );
        }
        if filter.review_due {
            arg(
                &mut sql,
                " AND c.next_review IS NOT NULL AND c.next_review <= ?",
                Value::Text(today.to_string()),
            );
        }
        if let Some(q) = fts_query(&filter.text) {
            arg(
                &mut sql,
                " AND c.id IN (SELECT case_id FROM case_search WHERE case_search MATCH ?)",
                Value::Text(q),
            );
        }
        sql.push_str(" ORDER BY c.code");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows: Vec<RawCase> = stmt
            .query_map(params_from_iter(args), raw)?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(decode).collect()
    }

    /// Changes risk, track, partners, casusregisseur, phenomena or review date, and notes what
    /// changed in the timeline.
    pub fn update_case(
        &mut self,
        id: CaseId,
        update: &CaseUpdate,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Case> {
        self.guard_case(id)?;
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let after = update_case_in(&tx, &actor, id, update, today, now)?;
        tx.commit()?;
        Ok(after)
    }

    /// Closes a case with its reason and outcome. The retention clock starts on the closing date.
    pub fn close_case(
        &mut self,
        id: CaseId,
        draft: &ClosureDraft,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Case> {
        self.guard_case(id)?;
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let before = get(&tx, id)?;
        let closure = draft.validate(today).map_err(StoreError::Invalid)?;
        let next = before.status.apply(CaseAction::Close)?;
        tx.execute(
            "UPDATE case_file SET status = ?2, closure = ?3 WHERE id = ?1",
            params![
                id.to_string(),
                next.code(),
                serde_json::to_string(&closure).map_err(json_err)?
            ],
        )?;
        add_event(
            &tx,
            id,
            now,
            &actor,
            &CaseEventKind::Closed {
                reason: closure.reason,
            },
        )?;
        audit::append(&tx, now, &actor, "case.close", &id.to_string())?;
        reindex(&tx, id)?;
        let after = get(&tx, id)?;
        tx.commit()?;
        Ok(after)
    }

    /// The case's timeline, oldest first.
    pub fn case_timeline(&self, id: CaseId) -> Result<Vec<CaseEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, by, event FROM case_event WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (at, by, event) = row?;
            Ok(CaseEvent {
                at: DateTime::parse_from_rfc3339(&at)
                    .map_err(|_| bad("event time"))?
                    .with_timezone(&Utc),
                by,
                kind: serde_json::from_str(&event).map_err(|_| bad("event"))?,
            })
        })
        .collect()
    }

    /// Records (or replaces) the identity behind a case, encrypted with the case's own key.
    pub fn record_identity(
        &mut self,
        id: CaseId,
        persons: &[PersonDraft],
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.guard_case(id)?;
        let actor = self.actor()?;
        let identity = check_identity(persons, today).map_err(StoreError::Invalid)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let case = get(&tx, id)?;
        if !case.status.is_open() {
            return Err(casustafel_domain::IllegalTransition::new(
                "case",
                case.status.code(),
                "record_identity",
            )
            .into());
        }
        identity::store_identity(&tx, id, &identity)?;
        add_event(&tx, id, now, &actor, &CaseEventKind::IdentityRecorded)?;
        audit::append(&tx, now, &actor, "identity.record", &id.to_string())?;
        tx.commit()?;
        Ok(())
    }

    /// Shows the identity behind a case. Every look is recorded first: who, when.
    pub fn reveal_identity(&mut self, id: CaseId, now: DateTime<Utc>) -> Result<Identity> {
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        get(&tx, id)?;
        let identity = identity::load_identity(&tx, id)?.ok_or(StoreError::NotFound)?;
        add_event(&tx, id, now, &actor, &CaseEventKind::IdentityRevealed)?;
        audit::append(&tx, now, &actor, "identity.reveal", &id.to_string())?;
        tx.commit()?;
        Ok(identity)
    }
}

/// The follow-up update inside the caller's transaction (also used when a meeting records it).
pub(crate) fn update_case_in(
    tx: &rusqlite::Connection,
    actor: &str,
    id: CaseId,
    update: &CaseUpdate,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Case> {
    let before = get(tx, id)?;
    if !before.status.is_open() {
        return Err(casustafel_domain::IllegalTransition::new(
            "case",
            before.status.code(),
            "update",
        )
        .into());
    }
    let u = update
        .validate(today, before.next_review)
        .map_err(StoreError::Invalid)?;
    if let Some(p) = u.casusregisseur {
        let ok = tx
            .query_row(
                "SELECT 1 FROM participant WHERE id = ?1 AND table_id = ?2",
                params![p.to_string(), before.table_id.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !ok {
            return Err(StoreError::NotFound);
        }
    }
    tx.execute(
        "UPDATE case_file SET risk = ?2, track = ?3, casusregisseur_id = ?4, next_review = ?5
             WHERE id = ?1",
        params![
            id.to_string(),
            u.risk.map(|r| r.code()),
            u.track.map(|t| t.code()),
            u.casusregisseur.map(|p| p.to_string()),
            u.next_review.map(|d| d.to_string()),
        ],
    )?;
    tx.execute(
        "DELETE FROM case_phenomenon WHERE case_id = ?1",
        [id.to_string()],
    )?;
    for p in &u.phenomena {
        tx.execute(
            "INSERT INTO case_phenomenon (case_id, phenomenon_id) VALUES (?1, ?2)",
            params![id.to_string(), p.to_string()],
        )?;
    }
    tx.execute(
        "DELETE FROM case_partner WHERE case_id = ?1",
        [id.to_string()],
    )?;
    for o in &u.partners {
        tx.execute(
            "INSERT INTO case_partner (case_id, organisation_id) VALUES (?1, ?2)",
            params![id.to_string(), o.to_string()],
        )?;
    }
    let mut fields = Vec::new();
    if before.risk != u.risk {
        fields.push("risk".to_string());
    }
    if before.track != u.track {
        fields.push("track".to_string());
    }
    if before.partners != u.partners {
        fields.push("partners".to_string());
    }
    if before.casusregisseur != u.casusregisseur {
        fields.push("casusregisseur".to_string());
    }
    if before.next_review != u.next_review {
        fields.push("next_review".to_string());
    }
    if before.phenomena != u.phenomena {
        fields.push("phenomena".to_string());
    }
    if !fields.is_empty() {
        add_event(tx, id, now, actor, &CaseEventKind::Updated { fields })?;
    }
    if before.status == CaseStatus::Admitted {
        let next = before.status.apply(CaseAction::FollowUp)?;
        tx.execute(
            "UPDATE case_file SET status = ?2 WHERE id = ?1",
            params![id.to_string(), next.code()],
        )?;
        add_event(
            tx,
            id,
            now,
            actor,
            &CaseEventKind::StatusChanged { to: next },
        )?;
    }
    reindex(tx, id)?;
    get(tx, id)
}

#[cfg(test)]
mod tests;
