//! The chair's overview before a meeting: actions past their due date and cases due for review.

use casustafel_domain::case::CaseFilter;
use casustafel_domain::meeting::ChairOverview;
use casustafel_domain::TableId;
use chrono::NaiveDate;

use super::{action_row, decode_action, ActionRow, ACTION_SELECT};
use crate::error::Result;
use crate::profile::Store;

impl Store {
    pub fn chair_overview(&self, table: TableId, today: NaiveDate) -> Result<ChairOverview> {
        let sql = format!(
            "{ACTION_SELECT} WHERE c.table_id = ?1 AND a.status IN ('open', 'in_progress')
             AND a.due < ?2 ORDER BY a.due, c.code, a.what"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows: Vec<ActionRow> = stmt
            .query_map([table.to_string(), today.to_string()], action_row)?
            .collect::<rusqlite::Result<_>>()?;
        let overdue_actions = rows.into_iter().map(decode_action).collect::<Result<_>>()?;
        let review_due = self.list_cases(
            &CaseFilter {
                table: Some(table),
                review_due: true,
                ..CaseFilter::default()
            },
            today,
        )?;
        Ok(ChairOverview {
            overdue_actions,
            review_due,
        })
    }
}
