//! Case tables in the store.

use casustafel_domain::{
    table::same_name, LegalBasis, LegalBasisKind, Municipality, Table, TableDraft, TableId,
    TableKind,
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
    })
}

/// Turns a raw row into a table, refusing anything it cannot read (municipalities are loaded apart).
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
        created_at: DateTime::parse_from_rfc3339(&raw.created_at)
            .map_err(|_| bad("created_at"))?
            .with_timezone(&Utc),
    })
}

impl Store {
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
                self.load_municipalities(&mut t)?;
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
        self.load_municipalities(&mut t)?;
        Ok(t)
    }

    /// Checks the draft and stores it as a new table, in one transaction.
    pub fn create_table(&mut self, draft: &TableDraft, now: DateTime<Utc>) -> Result<Table> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let names: Vec<String> = {
            let mut stmt = tx.prepare("SELECT name FROM case_table")?;
            let names = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            names
        };
        let new = draft
            .validate(names.iter().map(String::as_str))
            .map_err(StoreError::Invalid)?;
        debug_assert!(!names.iter().any(|n| same_name(n, &new.name)));
        let id = TableId(Uuid::new_v4());
        tx.execute(
            "INSERT INTO case_table (id, name, name_key, kind, legal_basis_kind, legal_basis_reference,
                 legal_basis_date, legal_basis_expiry, finality, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
            ],
        )?;
        for (pos, m) in new.municipalities.iter().enumerate() {
            tx.execute(
                "INSERT INTO table_municipality (table_id, nis_code, name, position) VALUES (?1, ?2, ?3, ?4)",
                params![id.to_string(), m.nis_code, m.name, pos as i64],
            )?;
        }
        tx.commit()?;
        Ok(Table {
            id,
            name: new.name,
            kind: new.kind,
            municipalities: new.municipalities,
            legal_basis: new.legal_basis,
            finality: new.finality,
            created_at: now,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KdfParams, Profile};
    use casustafel_domain::{Field, Problem};

    const PASS: &str = "zeven dwergen achter de bergen";

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).expect("timestamp")
    }

    pub(crate) fn draft(name: &str) -> TableDraft {
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
        }
    }

    #[test]
    fn create_list_get_and_survive_a_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = Profile::new(dir.path());
        let params = KdfParams::insecure_for_tests().expect("params");
        let mut s = p.create(PASS, PASS, params, now()).expect("create");
        let a = s
            .create_table(&draft("Zorgtafel Noord"), now())
            .expect("table");
        s.create_table(&draft("Anker"), now()).expect("table");
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
        s.create_table(&draft("Anker"), now()).expect("table");
        match s.create_table(&draft(" anker "), now()) {
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
}
