//! The phenomenon taxonomy: built-in entries (seeded by migration 0002) and those the chair adds.

use casustafel_domain::phenomenon::{check_phenomenon_name, Phenomenon};
use casustafel_domain::PhenomenonId;
use rusqlite::params;
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::profile::Store;

impl Store {
    /// Every phenomenon, retired ones included (they remain on old cases), built-ins first.
    pub fn list_phenomena(&self) -> Result<Vec<Phenomenon>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, key, name, retired FROM phenomenon ORDER BY key IS NULL, rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (id, key, name, retired) = row?;
            Ok(Phenomenon {
                id: id
                    .parse()
                    .map_err(|_| StoreError::Damaged("unreadable phenomenon id".into()))?,
                key,
                name,
                retired,
            })
        })
        .collect()
    }

    /// Adds a phenomenon. A new phenomenon is a setting, never a code change.
    pub fn add_phenomenon(&mut self, name: &str) -> Result<Phenomenon> {
        let existing: Vec<String> = self.list_phenomena()?.into_iter().map(|p| p.name).collect();
        let name = check_phenomenon_name(name, existing.iter().map(String::as_str))
            .map_err(StoreError::Invalid)?;
        let id = PhenomenonId(Uuid::new_v4());
        self.conn.execute(
            "INSERT INTO phenomenon (id, key, name, name_key) VALUES (?1, NULL, ?2, ?3)",
            params![id.to_string(), name, name.to_lowercase()],
        )?;
        Ok(Phenomenon {
            id,
            key: None,
            name,
            retired: false,
        })
    }

    /// Retires (or brings back) a phenomenon: it stays on the cases that carry it.
    pub fn set_phenomenon_retired(&mut self, id: PhenomenonId, retired: bool) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE phenomenon SET retired = ?2 WHERE id = ?1",
            params![id.to_string(), retired],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::new_store;
    use crate::StoreError;

    #[test]
    fn built_ins_are_seeded_and_the_chair_can_add_and_retire() {
        let (_dir, mut s) = new_store();
        let all = s.list_phenomena().unwrap();
        assert_eq!(all.len(), 8);
        assert_eq!(all[0].key.as_deref(), Some("radicalisation"));
        let p = s.add_phenomenon("  Vereenzaming bij ouderen ").unwrap();
        assert_eq!(p.name, "Vereenzaming bij ouderen");
        assert!(matches!(
            s.add_phenomenon("vereenzaming bij ouderen"),
            Err(StoreError::Invalid(_))
        ));
        s.set_phenomenon_retired(p.id, true).unwrap();
        let again = s.list_phenomena().unwrap();
        assert!(again.iter().any(|q| q.id == p.id && q.retired));
    }
}
