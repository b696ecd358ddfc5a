//! Referrals and their triage. Admitting a referral opens a case in the same transaction.

use casustafel_domain::case::{case_code, CaseEventKind, CaseStatus};
use casustafel_domain::referral::{
    Referral, ReferralAction, ReferralDraft, ReferralStatus, Triage, TriageDraft, TriageOutcome,
    Urgency,
};
use casustafel_domain::{CaseId, ReferralId, TableId};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::profile::Store;
use crate::{audit, cases, identity};

fn bad(what: &str) -> StoreError {
    StoreError::Damaged(format!("unreadable value in referral.{what}"))
}

const SELECT: &str =
    "SELECT id, table_id, status, anonymous, referrer_id, concern, question, tried,
    urgency, person_informed, not_informed_reason, created_at, triage, case_id FROM referral";

type RawReferral = (
    String,
    String,
    String,
    bool,
    String,
    String,
    String,
    String,
    String,
    bool,
    String,
    String,
    Option<String>,
    Option<String>,
);

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawReferral> {
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

fn decode(conn: &rusqlite::Connection, raw: RawReferral) -> Result<Referral> {
    let (
        id,
        table,
        status,
        anonymous,
        referrer,
        concern,
        question,
        tried,
        urgency,
        informed,
        reason,
        created,
        triage,
        case,
    ) = raw;
    let mut stmt = conn.prepare_cached(
        "SELECT phenomenon_id FROM referral_phenomenon WHERE referral_id = ?1 ORDER BY phenomenon_id",
    )?;
    let phenomena = stmt
        .query_map([&id], |r| r.get::<_, String>(0))?
        .map(|p| p?.parse().map_err(|_| bad("phenomenon")))
        .collect::<Result<Vec<_>>>()?;
    Ok(Referral {
        id: id.parse().map_err(|_| bad("id"))?,
        table_id: table.parse().map_err(|_| bad("table_id"))?,
        status: ReferralStatus::from_code(&status).ok_or_else(|| bad("status"))?,
        anonymous,
        referrer: referrer.parse().map_err(|_| bad("referrer"))?,
        phenomena,
        concern,
        question,
        tried,
        urgency: Urgency::from_code(&urgency).ok_or_else(|| bad("urgency"))?,
        person_informed: informed,
        not_informed_reason: reason,
        created_at: DateTime::parse_from_rfc3339(&created)
            .map_err(|_| bad("created_at"))?
            .with_timezone(&Utc),
        triage: triage
            .map(|t| serde_json::from_str::<Triage>(&t).map_err(|_| bad("triage")))
            .transpose()?,
        case_id: case
            .map(|c| c.parse::<CaseId>().map_err(|_| bad("case_id")))
            .transpose()?,
    })
}

pub(crate) fn table_phenomena(
    tx: &rusqlite::Connection,
    table: TableId,
) -> Result<Vec<casustafel_domain::PhenomenonId>> {
    let mut stmt =
        tx.prepare_cached("SELECT phenomenon_id FROM table_phenomenon WHERE table_id = ?1")?;
    let ids = stmt
        .query_map([table.to_string()], |r| r.get::<_, String>(0))?
        .map(|p| p?.parse().map_err(|_| bad("table phenomenon")))
        .collect::<Result<Vec<_>>>()?;
    Ok(ids)
}

impl Store {
    /// Files a referral for a table; `submit` sends it to triage at once, otherwise it stays a draft.
    pub fn create_referral(
        &mut self,
        table: TableId,
        draft: &ReferralDraft,
        submit: bool,
        now: DateTime<Utc>,
    ) -> Result<Referral> {
        self.guard_table(table)?;
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let in_scope = table_phenomena(&tx, table)?;
        if in_scope.is_empty() {
            return Err(StoreError::NotFound);
        }
        let new = draft.validate(&in_scope).map_err(StoreError::Invalid)?;
        let known_referrer = tx
            .query_row(
                "SELECT 1 FROM organisation WHERE id = ?1",
                [new.referrer.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !known_referrer {
            return Err(StoreError::NotFound);
        }
        let status = if submit {
            ReferralStatus::Draft.apply(ReferralAction::Submit)?
        } else {
            ReferralStatus::Draft
        };
        let id = ReferralId(Uuid::new_v4());
        tx.execute(
            "INSERT INTO referral (id, table_id, status, anonymous, referrer_id, concern, question,
                 tried, urgency, person_informed, not_informed_reason, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                id.to_string(),
                table.to_string(),
                status.code(),
                new.anonymous,
                new.referrer.to_string(),
                new.concern,
                new.question,
                new.tried,
                new.urgency.code(),
                new.person_informed,
                new.not_informed_reason,
                now.to_rfc3339(),
            ],
        )?;
        for p in &new.phenomena {
            tx.execute(
                "INSERT INTO referral_phenomenon (referral_id, phenomenon_id) VALUES (?1, ?2)",
                params![id.to_string(), p.to_string()],
            )?;
        }
        audit::append(&tx, now, &actor, "referral.create", &id.to_string())?;
        let referral = get(&tx, id)?;
        tx.commit()?;
        Ok(referral)
    }

    /// A table's referrals, newest first.
    pub fn list_referrals(&self, table: TableId) -> Result<Vec<Referral>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE table_id = ?1 ORDER BY created_at DESC, rowid DESC"
        ))?;
        let rows: Vec<RawReferral> = stmt
            .query_map([table.to_string()], raw)?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(|r| decode(&self.conn, r)).collect()
    }

    pub fn get_referral(&self, id: ReferralId) -> Result<Referral> {
        get(&self.conn, id)
    }

    /// Records the triage decision. An admitted referral becomes a case with a pseudonymous code.
    pub fn triage_referral(
        &mut self,
        id: ReferralId,
        draft: &TriageDraft,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Referral> {
        self.guard_referral(id)?;
        let actor = self.actor()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let referral = get(&tx, id)?;
        let table = self_table_settings(&tx, referral.table_id)?;
        let triage = draft
            .validate(&table.1, today)
            .map_err(StoreError::Invalid)?;
        let status = referral
            .status
            .apply(ReferralAction::Decide(triage.outcome))?;
        let triage_json =
            serde_json::to_string(&triage).map_err(|e| StoreError::Io(std::io::Error::other(e)))?;
        tx.execute(
            "UPDATE referral SET status = ?2, triage = ?3 WHERE id = ?1",
            params![id.to_string(), status.code(), triage_json],
        )?;
        audit::append(
            &tx,
            now,
            &actor,
            &format!("referral.triage.{}", triage.outcome.code()),
            &id.to_string(),
        )?;
        if triage.outcome == TriageOutcome::Admitted {
            let case = open_case(&tx, &referral, &table.0, today, now, &actor)?;
            tx.execute(
                "UPDATE referral SET case_id = ?2 WHERE id = ?1",
                params![id.to_string(), case.to_string()],
            )?;
        }
        let referral = get(&tx, id)?;
        tx.commit()?;
        Ok(referral)
    }
}

fn get(conn: &rusqlite::Connection, id: ReferralId) -> Result<Referral> {
    let row = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id.to_string()], raw)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    decode(conn, row)
}

/// The table's case prefix and admission criteria.
fn self_table_settings(tx: &Transaction<'_>, table: TableId) -> Result<(String, Vec<String>)> {
    let (prefix, criteria): (String, String) = tx
        .query_row(
            "SELECT case_prefix, admission_criteria FROM case_table WHERE id = ?1",
            [table.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound)?;
    let criteria = serde_json::from_str(&criteria)
        .map_err(|_| StoreError::Damaged("admission criteria".into()))?;
    Ok((prefix, criteria))
}

/// Opens the case of an admitted referral: next code of the year, the referral's phenomena, the
/// referrer as first partner, a fresh per-case key, a first timeline event and a search entry.
fn open_case(
    tx: &Transaction<'_>,
    referral: &Referral,
    prefix: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<CaseId> {
    let year = today.year();
    let seq: i64 = tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM case_file WHERE table_id = ?1 AND year = ?2",
        params![referral.table_id.to_string(), year],
        |r| r.get(0),
    )?;
    let code = case_code(prefix, year, u32::try_from(seq).unwrap_or(u32::MAX));
    let id = CaseId(Uuid::new_v4());
    tx.execute(
        "INSERT INTO case_file (id, table_id, referral_id, code, year, seq, status, opened_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id.to_string(),
            referral.table_id.to_string(),
            referral.id.to_string(),
            code,
            year,
            seq,
            CaseStatus::Admitted.code(),
            today.to_string(),
        ],
    )?;
    for p in &referral.phenomena {
        tx.execute(
            "INSERT INTO case_phenomenon (case_id, phenomenon_id) VALUES (?1, ?2)",
            params![id.to_string(), p.to_string()],
        )?;
    }
    tx.execute(
        "INSERT INTO case_partner (case_id, organisation_id) VALUES (?1, ?2)",
        params![id.to_string(), referral.referrer.to_string()],
    )?;
    identity::create_key(tx, id)?;
    cases::add_event(tx, id, now, actor, &CaseEventKind::Admitted)?;
    audit::append(tx, now, actor, "case.open", &id.to_string())?;
    cases::reindex(tx, id)?;
    Ok(id)
}
