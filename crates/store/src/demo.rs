//! The demo profile: a fictional Flemish municipality (Zonnedijk, with its neighbour Oudenberge), so
//! that a newcomer sees real screens at once. Its passphrase is public (README), its data invented.
//! Demo data goes through the same validation and storage code as anything a user types.

use casustafel_domain::TableDraft;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::error::{Result, StoreError};
use crate::profile::Store;

/// The demo profile's passphrase. Public on purpose: it protects invented data only.
pub const DEMO_PASSPHRASE: &str = "demo-zonnedijk-2026";

/// The demo profile's owner: a fictional coordinator of integral security.
pub const DEMO_OWNER: &str = "Ilse Demo (coördinator integrale veiligheid)";

const TABLES_JSON: &str = include_str!("../../../assets/demo/tables.json");

/// A demo table: the form's fields, with phenomena named by their built-in key.
#[derive(Debug, Deserialize)]
struct DemoTable {
    #[serde(flatten)]
    draft: TableDraft,
    phenomenon_keys: Vec<String>,
}

fn demo_error(what: impl std::fmt::Display) -> StoreError {
    StoreError::Damaged(format!("demo data: {what}"))
}

/// The demo tables, as drafts, with phenomena resolved against `store`'s taxonomy.
pub fn table_drafts(store: &Store) -> Result<Vec<TableDraft>> {
    let demo: Vec<DemoTable> = serde_json::from_str(TABLES_JSON).map_err(demo_error)?;
    let phenomena = store.list_phenomena()?;
    demo.into_iter()
        .map(|t| {
            let mut draft = t.draft;
            for key in &t.phenomenon_keys {
                let p = phenomena
                    .iter()
                    .find(|p| p.key.as_deref() == Some(key.as_str()))
                    .ok_or_else(|| demo_error(format!("phenomenon {key}")))?;
                draft.phenomena.push(p.id);
            }
            Ok(draft)
        })
        .collect()
}

/// Fills a freshly created store with the demo data.
pub fn seed(store: &mut Store, now: DateTime<Utc>) -> Result<()> {
    for draft in table_drafts(store)? {
        store.create_table(&draft, now)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{new_store, now};

    #[test]
    fn the_demo_data_is_valid_and_seeds() {
        let (_dir, mut s) = new_store();
        seed(&mut s, now()).expect("seed");
        let n = table_drafts(&s).expect("drafts").len();
        assert_eq!(s.list_tables().expect("list").len(), n);
        assert!(s
            .list_tables()
            .expect("list")
            .iter()
            .all(|t| !t.settings.phenomena.is_empty()));
    }
}
