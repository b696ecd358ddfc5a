//! The demo profile: a fictional Flemish municipality (Zonnedijk, with its neighbour Oudenberge), so
//! that a newcomer sees real screens at once. Its passphrase is public (README), its data invented.
//! Demo data goes through the same validation and storage code as anything a user types.

use casustafel_domain::TableDraft;
use chrono::{DateTime, Utc};

use crate::error::{Result, StoreError};
use crate::profile::Store;

/// The demo profile's passphrase. Public on purpose: it protects invented data only.
pub const DEMO_PASSPHRASE: &str = "demo-zonnedijk-2026";

const TABLES_JSON: &str = include_str!("../../../assets/demo/tables.json");

/// The demo tables, as drafts.
pub fn table_drafts() -> Result<Vec<TableDraft>> {
    serde_json::from_str(TABLES_JSON).map_err(|e| StoreError::Damaged(format!("demo data: {e}")))
}

/// Fills a freshly created store with the demo data.
pub fn seed(store: &mut Store, now: DateTime<Utc>) -> Result<()> {
    for draft in table_drafts()? {
        store.create_table(&draft, now)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KdfParams, Profile};

    #[test]
    fn the_demo_data_is_valid_and_seeds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let now = DateTime::from_timestamp(1_790_000_000, 0).expect("timestamp");
        let params = KdfParams::insecure_for_tests().expect("params");
        let mut s = Profile::new(dir.path())
            .create(DEMO_PASSPHRASE, DEMO_PASSPHRASE, params, now)
            .expect("create");
        seed(&mut s, now).expect("seed");
        assert_eq!(
            s.list_tables().expect("list").len(),
            table_drafts().expect("drafts").len()
        );
    }
}
