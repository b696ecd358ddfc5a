//! Automerge documents in SQLite: a compacted snapshot plus the incremental changes saved since.
//! Each save appends only what changed (cheap, so the app can save every second); after
//! `COMPACT_AFTER` changes the document is saved whole again and the changes are dropped.

use casustafel_docs::Document;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Result, StoreError};

/// Changes kept before a document is compacted into a new snapshot.
pub const COMPACT_AFTER: i64 = 16;

fn doc_error(e: casustafel_docs::DocError) -> StoreError {
    StoreError::Damaged(format!("document: {e}"))
}

/// Loads a document, or `None` if there is none with this id.
pub(crate) fn load<T>(conn: &Connection, id: &str) -> Result<Option<Document<T>>>
where
    T: autosurgeon::Reconcile + autosurgeon::Hydrate + Clone,
{
    let snapshot: Option<Vec<u8>> = conn
        .query_row("SELECT snapshot FROM document WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(snapshot) = snapshot else {
        return Ok(None);
    };
    let mut doc = Document::<T>::load(&snapshot).map_err(doc_error)?;
    let mut stmt =
        conn.prepare_cached("SELECT bytes FROM document_change WHERE doc_id = ?1 ORDER BY seq")?;
    let changes = stmt.query_map([id], |r| r.get::<_, Vec<u8>>(0))?;
    for change in changes {
        doc.apply_incremental(&change?).map_err(doc_error)?;
    }
    Ok(Some(doc))
}

/// Saves what changed in `doc` since it was loaded or last saved, in the caller's transaction.
pub(crate) fn save<T>(
    conn: &Connection,
    id: &str,
    kind: &str,
    doc: &mut Document<T>,
    now: DateTime<Utc>,
) -> Result<()>
where
    T: autosurgeon::Reconcile + autosurgeon::Hydrate + Clone,
{
    let exists = conn
        .query_row("SELECT 1 FROM document WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some();
    if !exists {
        let snapshot = doc.save();
        conn.execute(
            "INSERT INTO document (id, kind, snapshot, updated_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, kind, snapshot, now.to_rfc3339()],
        )?;
        return Ok(());
    }
    let delta = doc.save_incremental();
    let (count, last): (i64, i64) = conn.query_row(
        "SELECT count(*), COALESCE(MAX(seq), 0) FROM document_change WHERE doc_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if count + 1 >= COMPACT_AFTER {
        let snapshot = doc.save();
        conn.execute(
            "UPDATE document SET snapshot = ?2, updated_at = ?3, rev = rev + 1 WHERE id = ?1",
            params![id, snapshot, now.to_rfc3339()],
        )?;
        conn.execute("DELETE FROM document_change WHERE doc_id = ?1", [id])?;
    } else if !delta.is_empty() {
        conn.execute(
            "INSERT INTO document_change (doc_id, seq, bytes) VALUES (?1, ?2, ?3)",
            params![id, last + 1, delta],
        )?;
        conn.execute(
            "UPDATE document SET updated_at = ?2, rev = rev + 1 WHERE id = ?1",
            params![id, now.to_rfc3339()],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{new_store, now};
    use casustafel_docs::{ActionDoc, CaseDoc};

    #[test]
    fn saves_incrementally_then_compacts_and_loads_back() {
        let (_dir, s) = new_store();
        let conn = &s.conn;
        let mut doc = Document::new(&CaseDoc {
            case_id: "c1".into(),
            ..CaseDoc::default()
        })
        .unwrap();
        save(conn, "c1", "case", &mut doc, now()).unwrap();
        for i in 0..(COMPACT_AFTER + 10) {
            doc.edit(|c| {
                c.actions.insert(
                    format!("a{i}"),
                    ActionDoc {
                        what: format!("actie {i}"),
                        ..ActionDoc::default()
                    },
                );
            })
            .unwrap();
            save(conn, "c1", "case", &mut doc, now()).unwrap();
            let back = load::<CaseDoc>(conn, "c1").unwrap().unwrap();
            assert_eq!(
                back.value().unwrap(),
                doc.value().unwrap(),
                "after save {i}"
            );
        }
        let changes: i64 = conn
            .query_row("SELECT count(*) FROM document_change", [], |r| r.get(0))
            .unwrap();
        assert!(
            changes < COMPACT_AFTER,
            "compaction keeps the change list short"
        );
        assert!(load::<CaseDoc>(conn, "nope").unwrap().is_none());
    }
}
