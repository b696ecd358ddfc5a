//! Case tables in the store.

use casustafel_domain::{
    LegalBasis, LegalBasisKind, Municipality, NewTable, Table, TableDraft, TableId, TableKind,
    TableSettings, Taken,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::profile::Store;

fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn bad(what: &str) -> StoreError {
    StoreError::Damaged(format!("unreadable value in case_table.{what}"))
}

/// A `case_table` row as SQLite holds it: typed fields are text until `decode` checks them.
struct RawTable {
    id: String,
    name: String,
    kind: String,
    legal_basis_kind: String,
    legal_basis_reference: String,
    legal_basis_date: String,
    legal_basis_expiry: Option<String>,
    finality: String,
    created_at: String,
    case_prefix: String,
    modalities: String,
    admission_criteria: String,
    retention_months: i64,
    cadence_weeks: Option<i64>,
}

fn table_from_row(row: &Row<'_>) -> rusqlite::Result<RawTable> {
    Ok(RawTable {
        id: row.get("id")?,
        name: row.get("name")?,
        kind: row.get("kind")?,
        legal_basis_kind: row.get("legal_basis_kind")?,
        legal_basis_reference: row.get("legal_basis_reference")?,
        legal_basis_date: row.get("legal_basis_date")?,
        legal_basis_expiry: row.get("legal_basis_expiry")?,
        finality: row.get("finality")?,
        created_at: row.get("created_at")?,
        case_prefix: row.get("case_prefix")?,
        modalities: row.get("modalities")?,
        admission_criteria: row.get("admission_criteria")?,
        retention_months: row.get("retention_months")?,
        cadence_weeks: row.get("cadence_weeks")?,
    })
}

/// Turns a raw row into a table, refusing anything it cannot read (municipalities and phenomena are
/// loaded apart).
fn decode(raw: RawTable) -> Result<Table> {
    let date = |s: &str, what: &str| s.parse::<NaiveDate>().map_err(|_| bad(what));
    Ok(Table {
        id: TableId(Uuid::parse_str(&raw.id).map_err(|_| bad("id"))?),
        name: raw.name,
        kind: TableKind::from_code(&raw.kind).ok_or_else(|| bad("kind"))?,
        municipalities: Vec::new(),
        legal_basis: LegalBasis {
            kind: LegalBasisKind::from_code(&raw.legal_basis_kind)
                .ok_or_else(|| bad("legal_basis_kind"))?,
            reference: raw.legal_basis_reference,
            date: date(&raw.legal_basis_date, "legal_basis_date")?,
            expiry: raw
                .legal_basis_expiry
                .as_deref()
                .map(|e| date(e, "legal_basis_expiry"))
                .transpose()?,
        },
        finality: raw.finality,
        settings: TableSettings {
            case_prefix: raw.case_prefix,
            modalities: raw.modalities,
            admission_criteria: serde_json::from_str(&raw.admission_criteria)
                .map_err(|_| bad("admission_criteria"))?,
            phenomena: Vec::new(),
            retention_months: u16::try_from(raw.retention_months)
                .map_err(|_| bad("retention_months"))?,
            cadence_weeks: raw
                .cadence_weeks
                .map(|w| u8::try_from(w).map_err(|_| bad("cadence_weeks")))
                .transpose()?,
        },
        created_at: DateTime::parse_from_rfc3339(&raw.created_at)
            .map_err(|_| bad("created_at"))?
            .with_timezone(&Utc),
    })
}

impl Store {
    fn load_details(&self, t: &mut Table) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT phenomenon_id FROM table_phenomenon WHERE table_id = ?1 ORDER BY phenomenon_id",
        )?;
        t.settings.phenomena = stmt
            .query_map([t.id.to_string()], |r| r.get::<_, String>(0))?
            .map(|r| r?.parse().map_err(|_| bad("phenomenon_id")))
            .collect::<Result<_>>()?;
        self.load_municipalities(t)
    }

    fn load_municipalities(&self, t: &mut Table) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT nis_code, name FROM table_municipality WHERE table_id = ?1 ORDER BY position",
        )?;
        t.municipalities = stmt
            .query_map([t.id.to_string()], |r| {
                Ok(Municipality {
                    nis_code: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }

    /// All tables, by name.
    pub fn list_tables(&self) -> Result<Vec<Table>> {
        let rows: Vec<RawTable> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT * FROM case_table ORDER BY name_key")?;
            let rows = stmt
                .query_map([], table_from_row)?
                .collect::<rusqlite::Result<_>>()?;
            rows
        };
        rows.into_iter()
            .map(|r| {
                let mut t = decode(r)?;
                self.load_details(&mut t)?;
                Ok(t)
            })
            .collect()
    }

    pub fn get_table(&self, id: TableId) -> Result<Table> {
        let row = self
            .conn
            .query_row(
                "SELECT * FROM case_table WHERE id = ?1",
                [id.to_string()],
                table_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        let mut t = decode(row)?;
        self.load_details(&mut t)?;
        Ok(t)
    }

    /// Checks the draft and stores it as a new table, in one transaction.
    pub fn create_table(&mut self, draft: &TableDraft, now: DateTime<Utc>) -> Result<Table> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let new = validate_against_others(&tx, draft, None)?;
        let id = TableId(Uuid::new_v4());
        tx.execute(
            "INSERT INTO case_table (id, name, name_key, kind, legal_basis_kind, legal_basis_reference,
                 legal_basis_date, legal_basis_expiry, finality, created_at, case_prefix, modalities,
                 admission_criteria, retention_months, cadence_weeks)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                id.to_string(),
                new.name,
                name_key(&new.name),
                new.kind.code(),
                new.legal_basis.kind.code(),
                new.legal_basis.reference,
                new.legal_basis.date.to_string(),
                new.legal_basis.expiry.map(|d| d.to_string()),
                new.finality,
                now.to_rfc3339(),
                new.settings.case_prefix,
                new.settings.modalities,
                criteria_json(&new)?,
                new.settings.retention_months,
                new.settings.cadence_weeks,
            ],
        )?;
        write_lists(&tx, id, &new)?;
        tx.commit()?;
        Ok(table_from_new(id, new, now))
    }

    /// Checks the draft and replaces the table's settings, in one transaction.
    pub fn update_table(&mut self, id: TableId, draft: &TableDraft) -> Result<Table> {
        self.guard_table(id)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let created_at: String = tx
            .query_row(
                "SELECT created_at FROM case_table WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        let new = validate_against_others(&tx, draft, Some(id))?;
        tx.execute(
            "UPDATE case_table SET name = ?2, name_key = ?3, kind = ?4, legal_basis_kind = ?5,
                 legal_basis_reference = ?6, legal_basis_date = ?7, legal_basis_expiry = ?8,
                 finality = ?9, case_prefix = ?10, modalities = ?11, admission_criteria = ?12,
                 retention_months = ?13, cadence_weeks = ?14
             WHERE id = ?1",
            params![
                id.to_string(),
                new.name,
                name_key(&new.name),
                new.kind.code(),
                new.legal_basis.kind.code(),
                new.legal_basis.reference,
                new.legal_basis.date.to_string(),
                new.legal_basis.expiry.map(|d| d.to_string()),
                new.finality,
                new.settings.case_prefix,
                new.settings.modalities,
                criteria_json(&new)?,
                new.settings.retention_months,
                new.settings.cadence_weeks,
            ],
        )?;
        tx.execute(
            "DELETE FROM table_municipality WHERE table_id = ?1",
            [id.to_string()],
        )?;
        tx.execute(
            "DELETE FROM table_phenomenon WHERE table_id = ?1",
            [id.to_string()],
        )?;
        write_lists(&tx, id, &new)?;
        tx.commit()?;
        let created_at = DateTime::parse_from_rfc3339(&created_at)
            .map_err(|_| bad("created_at"))?
            .with_timezone(&Utc);
        Ok(table_from_new(id, new, created_at))
    }
}

fn criteria_json(new: &NewTable) -> Result<String> {
    serde_json::to_string(&new.settings.admission_criteria)
        .map_err(|e| StoreError::Io(std::io::Error::other(e)))
}

/// Validates a draft against the other tables' names and prefixes (all but `except`) and checks
/// that every phenomenon exists.
fn validate_against_others(
    tx: &rusqlite::Transaction<'_>,
    draft: &TableDraft,
    except: Option<TableId>,
) -> Result<NewTable> {
    let except = except.map(|i| i.to_string()).unwrap_or_default();
    let mut names = Vec::new();
    let mut prefixes = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT name, case_prefix FROM case_table WHERE id != ?1")?;
        let mut rows = stmt.query([&except])?;
        while let Some(r) = rows.next()? {
            names.push(r.get::<_, String>(0)?);
            prefixes.push(r.get::<_, String>(1)?);
        }
    }
    let new = draft
        .validate(Taken {
            names: &names,
            prefixes: &prefixes,
        })
        .map_err(StoreError::Invalid)?;
    for p in &new.settings.phenomena {
        let known: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM phenomenon WHERE id = ?1)",
            [p.to_string()],
            |r| r.get(0),
        )?;
        if !known {
            return Err(StoreError::NotFound);
        }
    }
    Ok(new)
}

fn write_lists(tx: &rusqlite::Transaction<'_>, id: TableId, new: &NewTable) -> Result<()> {
    for (pos, m) in new.municipalities.iter().enumerate() {
        tx.execute(
            "INSERT INTO table_municipality (table_id, nis_code, name, position) VALUES (?1, ?2, ?3, ?4)",
            params![id.to_string(), m.nis_code, m.name, pos as i64],
        )?;
    }
    for p in &new.settings.phenomena {
        tx.execute(
            "INSERT INTO table_phenomenon (table_id, phenomenon_id) VALUES (?1, ?2)",
            params![id.to_string(), p.to_string()],
        )?;
    }
    Ok(())
}

fn table_from_new(id: TableId, new: NewTable, created_at: DateTime<Utc>) -> Table {
    Table {
        id,
        name: new.name,
        kind: new.kind,
        municipalities: new.municipalities,
        legal_basis: new.legal_basis,
        finality: new.finality,
        settings: new.settings,
        created_at,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{KdfParams, Profile};
    use casustafel_domain::{Field, Problem};

    const PASS: &str = "zeven dwergen achter de bergen";

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).expect("timestamp")
    }

    pub(crate) fn draft(store: &Store, name: &str, prefix: &str) -> TableDraft {
        TableDraft {
            name: name.into(),
            kind: Some(TableKind::Integral458ter),
            municipalities: vec![
                Municipality {
                    nis_code: "11002".into(),
                    name: "Antwerpen".into(),
                },
                Municipality {
                    nis_code: "11008".into(),
                    name: "Brasschaat".into(),
                },
            ],
            legal_basis_kind: Some(LegalBasisKind::ProsecutorAuthorisation),
            legal_basis_reference: "PK 2026/114".into(),
            legal_basis_date: "01/03/2026".into(),
            legal_basis_expiry: "28/02/2029".into(),
            finality: "Zorg en veiligheid rond kwetsbare jongeren".into(),
            case_prefix: prefix.into(),
            admission_criteria: "Meerdere partners betrokken\nErnstige zorg".into(),
            phenomena: vec![store.list_phenomena().expect("phenomena")[0].id],
            retention_months: "24".into(),
            ..TableDraft::default()
        }
    }

    #[test]
    fn create_list_get_and_survive_a_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = Profile::new(dir.path());
        let params = KdfParams::insecure_for_tests().expect("params");
        let mut s = p.create(PASS, PASS, params, now()).expect("create");
        let a = s
            .create_table(&draft(&s, "Zorgtafel Noord", "ZN"), now())
            .expect("table");
        s.create_table(&draft(&s, "Anker", "ANK"), now())
            .expect("table");
        drop(s);
        let s = p.unlock(PASS).expect("unlock");
        let all = s.list_tables().expect("list");
        assert_eq!(
            all.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["Anker", "Zorgtafel Noord"]
        );
        let got = s.get_table(a.id).expect("get");
        assert_eq!(got, a);
        assert_eq!(got.municipalities[1].name, "Brasschaat");
        assert!(matches!(
            s.get_table(TableId(Uuid::new_v4())),
            Err(StoreError::NotFound)
        ));
    }

    #[test]
    fn duplicate_names_and_bad_input_are_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = Profile::new(dir.path());
        let params = KdfParams::insecure_for_tests().expect("params");
        let mut s = p.create(PASS, PASS, params, now()).expect("create");
        s.create_table(&draft(&s, "Anker", "ANK"), now())
            .expect("table");
        match s.create_table(&draft(&s, " anker ", "ANK2"), now()) {
            Err(StoreError::Invalid(errs)) => assert_eq!(
                errs,
                vec![casustafel_domain::FieldError::new(
                    Field::Name,
                    Problem::DuplicateName
                )]
            ),
            other => panic!("expected a duplicate name, got {other:?}"),
        }
        assert!(matches!(
            s.create_table(&TableDraft::default(), now()),
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(s.list_tables().expect("list").len(), 1);
    }

    #[test]
    fn a_table_is_updated_and_its_prefix_stays_unique() {
        let dir = tempfile::tempdir().expect("tempdir");
        let params = KdfParams::insecure_for_tests().expect("params");
        let mut s = Profile::new(dir.path())
            .create(PASS, PASS, params, now())
            .expect("create");
        let a = s
            .create_table(&draft(&s, "Anker", "ANK"), now())
            .expect("a");
        let b = s
            .create_table(&draft(&s, "Baken", "BAK"), now())
            .expect("b");
        let mut d = b.to_draft();
        d.case_prefix = "ank".into();
        assert!(matches!(
            s.update_table(b.id, &d),
            Err(StoreError::Invalid(_))
        ));
        d.case_prefix = "BK".into();
        d.cadence_weeks = "4".into();
        let b2 = s.update_table(b.id, &d).expect("update");
        assert_eq!(b2.settings.case_prefix, "BK");
        assert_eq!(s.get_table(b.id).expect("get"), b2);
        // Keeping its own name and prefix is no clash.
        s.update_table(a.id, &a.to_draft()).expect("unchanged");
    }
}
