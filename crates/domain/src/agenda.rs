//! Editing a meeting's agenda: the chair adds a case or a theme, removes an item, moves one up or
//! down. Allowed while the meeting is planned or in session; after it, the agenda is what was held.

use serde::{Deserialize, Serialize};

use crate::meeting::MeetingStatus;
use crate::{CaseId, Field, FieldError, IllegalTransition, Problem};

/// The longest title of a thematic item.
pub const MAX_THEME_CHARS: usize = 200;

/// One change to the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum AgendaEdit {
    /// Put a case of this table on the agenda.
    AddCase {
        case: CaseId,
    },
    /// A thematic item: a subject, not a person (e.g. "Overlast rond het station").
    AddTheme {
        title: String,
    },
    Remove {
        item: String,
    },
    /// One place up (`up`) or down.
    Move {
        item: String,
        up: bool,
    },
}

impl AgendaEdit {
    pub fn code(&self) -> &'static str {
        match self {
            AgendaEdit::AddCase { .. } => "add_case",
            AgendaEdit::AddTheme { .. } => "add_theme",
            AgendaEdit::Remove { .. } => "remove",
            AgendaEdit::Move { .. } => "move",
        }
    }
}

pub fn check_agenda_editable(status: MeetingStatus) -> Result<(), IllegalTransition> {
    match status {
        MeetingStatus::Planned | MeetingStatus::InSession => Ok(()),
        other => Err(IllegalTransition::new(
            "meeting",
            other.code(),
            "edit_agenda",
        )),
    }
}

/// The trimmed title of a thematic item, or what is wrong with it.
pub fn check_theme(title: &str) -> Result<String, Vec<FieldError>> {
    let t = title.trim();
    if t.is_empty() {
        Err(vec![FieldError::new(Field::AgendaTitle, Problem::Required)])
    } else if t.chars().count() > MAX_THEME_CHARS {
        Err(vec![FieldError::new(
            Field::AgendaTitle,
            Problem::TooLong {
                max: MAX_THEME_CHARS,
            },
        )])
    } else {
        Ok(t.to_string())
    }
}

/// The position for an item added at the end.
pub fn next_position(positions: impl IntoIterator<Item = i64>) -> i64 {
    positions.into_iter().max().map_or(0, |m| m + 10)
}

/// The new positions of every item after moving `item` one place; `None` when it cannot move
/// (unknown, or already first/last). `ordered`: (id, position) in agenda order.
pub fn moved(ordered: &[(String, i64)], item: &str, up: bool) -> Option<Vec<(String, i64)>> {
    let i = ordered.iter().position(|(id, _)| id == item)?;
    let j = if up { i.checked_sub(1)? } else { i + 1 };
    if j >= ordered.len() {
        return None;
    }
    let mut ids: Vec<&String> = ordered.iter().map(|(id, _)| id).collect();
    ids.swap(i, j);
    Some(
        ids.into_iter()
            .enumerate()
            .map(|(n, id)| (id.clone(), n as i64 * 10))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn agenda(n: usize) -> Vec<(String, i64)> {
        (0..n).map(|i| (format!("i{i}"), i as i64 * 7)).collect()
    }

    #[test]
    fn moving_swaps_with_the_neighbour_and_stops_at_the_ends() {
        let a = agenda(3);
        let m = moved(&a, "i1", true).unwrap();
        assert_eq!(
            m,
            vec![("i1".into(), 0), ("i0".into(), 10), ("i2".into(), 20)]
        );
        assert!(moved(&a, "i0", true).is_none());
        assert!(moved(&a, "i2", false).is_none());
        assert!(moved(&a, "nope", false).is_none());
        assert_eq!(next_position([0, 30, 10]), 40);
        assert_eq!(next_position([]), 0);
    }

    #[test]
    fn only_planned_or_running_meetings_take_agenda_edits() {
        assert!(check_agenda_editable(MeetingStatus::Planned).is_ok());
        assert!(check_agenda_editable(MeetingStatus::InSession).is_ok());
        assert!(check_agenda_editable(MeetingStatus::Held).is_err());
        assert!(check_agenda_editable(MeetingStatus::ReportApproved).is_err());
        assert!(check_theme("  ").is_err());
        assert!(check_theme(&"x".repeat(MAX_THEME_CHARS + 1)).is_err());
        assert_eq!(
            check_theme(" Overlast station ").unwrap(),
            "Overlast station"
        );
    }

    proptest! {
        /// A move keeps every item exactly once and moves only the two neighbours.
        #[test]
        fn a_move_is_a_permutation(n in 1usize..12, pick in 0usize..12, up in any::<bool>()) {
            let a = agenda(n);
            let item = format!("i{}", pick % n);
            if let Some(m) = moved(&a, &item, up) {
                let mut ids: Vec<_> = m.iter().map(|(id, _)| id.clone()).collect();
                let before: Vec<_> = a.iter().map(|(id, _)| id.clone()).collect();
                let changed = ids.iter().zip(&before).filter(|(x, y)| x != y).count();
                prop_assert_eq!(changed, 2);
                ids.sort();
                let mut sorted = before.clone();
                sorted.sort();
                prop_assert_eq!(ids, sorted);
                prop_assert!(m.windows(2).all(|w| w[0].1 < w[1].1));
            }
        }
    }
}
