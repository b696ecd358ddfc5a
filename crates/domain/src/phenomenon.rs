//! Phenomena: an extensible taxonomy. A new phenomenon is data the chair adds, never a code change.

use serde::{Deserialize, Serialize};

use crate::ids::PhenomenonId;
use crate::validation::{Field, FieldError, Problem};

pub const MAX_PHENOMENON_CHARS: usize = 80;

/// The starting taxonomy. Their names are translated (`phenomenon-<key>`); names the chair adds are
/// shown as typed.
pub const BUILTIN_PHENOMENA: [&str; 8] = [
    "radicalisation",
    "youth_crime",
    "intrafamily_violence",
    "mental_health",
    "drug_nuisance",
    "subversion",
    "human_trafficking",
    "school_dropout",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phenomenon {
    pub id: PhenomenonId,
    /// Set for the built-in phenomena; `None` for those the chair added.
    pub key: Option<String>,
    pub name: String,
    /// Retired phenomena stay on the cases that carry them but are not offered for new ones.
    pub retired: bool,
}

/// Checks the name of a new phenomenon against the existing ones.
pub fn check_phenomenon_name<'a>(
    name: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<String, Vec<FieldError>> {
    let n = name.trim();
    let err = |p| Err(vec![FieldError::new(Field::Name, p)]);
    if n.is_empty() {
        return err(Problem::Required);
    }
    if n.chars().count() > MAX_PHENOMENON_CHARS {
        return err(Problem::TooLong {
            max: MAX_PHENOMENON_CHARS,
        });
    }
    if existing.into_iter().any(|e| crate::table::same_name(e, n)) {
        return err(Problem::DuplicateName);
    }
    Ok(n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_unique_and_bounded() {
        assert_eq!(
            check_phenomenon_name("  Vereenzaming ", ["Drugs"]),
            Ok("Vereenzaming".into())
        );
        assert!(check_phenomenon_name("drugs", ["Drugs "]).is_err());
        assert!(check_phenomenon_name(" ", []).is_err());
        assert!(check_phenomenon_name(&"x".repeat(81), []).is_err());
    }
}
