//! Schema migrations: numbered SQL files under `migrations/`, applied in order, never edited once shipped.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Result, StoreError};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_tables.sql")),
    M::up(include_str!("../migrations/0002_case_register.sql")),
    M::up(include_str!("../migrations/0003_documents.sql")),
    M::up(include_str!("../migrations/0004_disclosures.sql")),
    M::up(include_str!("../migrations/0005_sync.sql")),
    M::up(include_str!("../migrations/0006_join_refusal.sql")),
    M::up(include_str!("../migrations/0007_pending_joins.sql")),
    M::up(include_str!("../migrations/0008_sync_last_error.sql")),
    M::up(include_str!("../migrations/0009_sync_files.sql")),
    M::up(include_str!("../migrations/0010_document_rev.sql")),
    M::up(include_str!("../migrations/0011_sync_file_about.sql")),
    M::up(include_str!("../migrations/0012_held_rights.sql")),
    M::up(include_str!("../migrations/0013_doc_owner.sql")),
    M::up(include_str!("../migrations/0014_sync_junk.sql")),
    M::up(include_str!("../migrations/0015_join_welcome.sql")),
    M::up(include_str!("../migrations/0016_bounded_waiting.sql")),
];

pub fn run(conn: &mut Connection) -> Result<()> {
    Migrations::from_slice(MIGRATIONS)
        .to_latest(conn)
        .map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::Sqlite(err),
            other => StoreError::Damaged(format!("schema: {other}")),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
    }
}
