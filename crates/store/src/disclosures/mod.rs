//! The disclosure ledger, and the export of a decision report that writes to it.
//!
//! Order of an export: check (meeting closed, recipient given) → render → write a hidden part file
//! → record the disclosure (ledger line and audit entry, one transaction) → rename the part file to
//! its name. A report therefore never lies in the folder without its ledger line; if the rename
//! fails after recording, the ledger errs on the side of "it left".

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use casustafel_domain::disclosure::{
    check_report_may_leave, report_is_draft, Channel, Disclosure, DisclosureDraft, DisclosureKind,
};
use casustafel_domain::meeting::{MeetingReport, MeetingStatus};
use casustafel_domain::{DisclosureId, MeetingId, TableId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::audit;
use crate::error::{Result, StoreError};
use crate::profile::Store;

/// A finished export: the ledger line and where the file is.
#[derive(Debug, Clone)]
pub struct Exported {
    pub disclosure: Disclosure,
    pub path: PathBuf,
}

struct MeetingFacts {
    table: TableId,
    date: NaiveDate,
    status: MeetingStatus,
    prefix: String,
}

fn bad(what: &str) -> StoreError {
    StoreError::Damaged(format!("unreadable value in {what}"))
}

fn meeting_facts(conn: &Connection, id: MeetingId) -> Result<MeetingFacts> {
    let (table, date, status, prefix): (String, String, String, String) = conn
        .query_row(
            "SELECT m.table_id, m.date, m.status, t.case_prefix FROM meeting m
             JOIN case_table t ON t.id = m.table_id WHERE m.id = ?1",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound)?;
    Ok(MeetingFacts {
        table: table.parse().map_err(|_| bad("meeting.table_id"))?,
        date: date.parse().map_err(|_| bad("meeting.date"))?,
        status: MeetingStatus::from_code(&status).ok_or_else(|| bad("meeting.status"))?,
        prefix,
    })
}

/// `besluitenverslag-2026-03-12-ZON.pdf`, or with `-2`, `-3`… when that name is taken: an earlier
/// export is never overwritten.
fn free_name(dir: &Path, facts: &MeetingFacts) -> PathBuf {
    let prefix: String = facts
        .prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let stem = format!("besluitenverslag-{}-{prefix}", facts.date);
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.pdf")
        } else {
            format!("{stem}-{n}.pdf")
        };
        let path = dir.join(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

fn write_part(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

type DisclosureRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

fn decode(row: DisclosureRow) -> Result<Disclosure> {
    let (id, table, meeting, date, at, actor, kind, recipient, channel, file_name, sha256) = row;
    Ok(Disclosure {
        id: id.parse().map_err(|_| bad("disclosure.id"))?,
        table_id: table.parse().map_err(|_| bad("disclosure.table_id"))?,
        meeting_id: meeting.parse().map_err(|_| bad("disclosure.meeting_id"))?,
        meeting_date: date.parse().map_err(|_| bad("disclosure.meeting_date"))?,
        at: DateTime::parse_from_rfc3339(&at)
            .map_err(|_| bad("disclosure.at"))?
            .with_timezone(&Utc),
        actor,
        kind: DisclosureKind::from_code(&kind).ok_or_else(|| bad("disclosure.kind"))?,
        recipient,
        channel: Channel::from_code(&channel).ok_or_else(|| bad("disclosure.channel"))?,
        file_name,
        sha256,
    })
}

impl Store {
    /// Checks that the meeting's report may leave and that a recipient is named; returns the
    /// report content and whether it is still a draft. Nothing is written.
    pub fn report_for_disclosure(
        &self,
        meeting: MeetingId,
        draft: &DisclosureDraft,
    ) -> Result<(MeetingReport, bool)> {
        let facts = meeting_facts(&self.conn, meeting)?;
        check_report_may_leave(facts.status)?;
        draft.validate().map_err(StoreError::Invalid)?;
        Ok((self.meeting_report(meeting)?, report_is_draft(facts.status)))
    }

    /// Saves the decision report as a PDF in `dir` and records it in the disclosure ledger.
    /// `render` turns the report content (and whether it is a draft) into PDF bytes; when it
    /// fails, nothing is written.
    pub fn export_report<E: std::fmt::Display>(
        &mut self,
        meeting: MeetingId,
        draft: &DisclosureDraft,
        dir: &Path,
        render: impl FnOnce(&MeetingReport, bool) -> std::result::Result<Vec<u8>, E>,
        now: DateTime<Utc>,
    ) -> Result<Exported> {
        let (report, is_draft) = self.report_for_disclosure(meeting, draft)?;
        let bytes = render(&report, is_draft).map_err(|e| StoreError::Render(e.to_string()))?;
        let facts = meeting_facts(&self.conn, meeting)?;
        let export_err = |source: std::io::Error| StoreError::Export {
            folder: dir.display().to_string(),
            source,
        };
        fs::create_dir_all(dir).map_err(export_err)?;
        let path = free_name(dir, &facts);
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let part = dir.join(format!(".{file_name}.part"));
        write_part(&part, &bytes).map_err(export_err)?;
        let sha256 = hex::encode(Sha256::digest(&bytes));
        let recorded = self.record(
            meeting,
            &facts,
            draft,
            Channel::Pdf,
            &file_name,
            &sha256,
            now,
        );
        let disclosure = match recorded {
            Ok(d) => d,
            Err(e) => {
                let _ = fs::remove_file(&part);
                return Err(e);
            }
        };
        fs::rename(&part, &path).map_err(export_err)?;
        Ok(Exported { disclosure, path })
    }

    /// Records that the report was sent to a printer from the print view.
    pub fn record_print(
        &mut self,
        meeting: MeetingId,
        draft: &DisclosureDraft,
        now: DateTime<Utc>,
    ) -> Result<Disclosure> {
        let facts = meeting_facts(&self.conn, meeting)?;
        check_report_may_leave(facts.status)?;
        self.record(meeting, &facts, draft, Channel::Print, "", "", now)
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        meeting: MeetingId,
        facts: &MeetingFacts,
        draft: &DisclosureDraft,
        channel: Channel,
        file_name: &str,
        sha256: &str,
        now: DateTime<Utc>,
    ) -> Result<Disclosure> {
        let recipient = draft.validate().map_err(StoreError::Invalid)?;
        let actor = self.actor()?;
        let d = Disclosure {
            id: DisclosureId(Uuid::new_v4()),
            table_id: facts.table,
            meeting_id: meeting,
            meeting_date: facts.date,
            at: now,
            actor,
            kind: DisclosureKind::DecisionReport,
            recipient,
            channel,
            file_name: file_name.to_string(),
            sha256: sha256.to_string(),
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO disclosure (id, table_id, meeting_id, meeting_date, at, actor, kind,
             recipient, channel, file_name, sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                d.id.to_string(),
                d.table_id.to_string(),
                meeting.to_string(),
                d.meeting_date.to_string(),
                now.to_rfc3339(),
                d.actor,
                d.kind.code(),
                d.recipient,
                channel.code(),
                d.file_name,
                d.sha256,
            ],
        )?;
        audit::append(
            &tx,
            now,
            &d.actor,
            &format!("disclosure.{}", channel.code()),
            &meeting.to_string(),
        )?;
        tx.commit()?;
        Ok(d)
    }

    /// The ledger of one table, newest first.
    pub fn list_disclosures(&self, table: TableId) -> Result<Vec<Disclosure>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, table_id, meeting_id, meeting_date, at, actor, kind, recipient, channel,
             file_name, sha256 FROM disclosure WHERE table_id = ?1 ORDER BY at DESC, rowid DESC",
        )?;
        let rows: Vec<DisclosureRow> = stmt
            .query_map([table.to_string()], |r| {
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
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(decode).collect()
    }
}

#[cfg(test)]
mod tests;
