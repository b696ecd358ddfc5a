//! Illegal state transitions, as a typed error the UI can explain.

use serde::{Deserialize, Serialize};

/// An action that the current state does not allow (e.g. triaging a referral twice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{entity}: cannot {action} from state {from}")]
pub struct IllegalTransition {
    /// `referral` or `case`.
    pub entity: String,
    /// The state code the entity was in.
    pub from: String,
    /// The action code that was refused.
    pub action: String,
}

impl IllegalTransition {
    pub fn new(entity: &str, from: &str, action: &str) -> Self {
        Self {
            entity: entity.into(),
            from: from.into(),
            action: action.into(),
        }
    }
}
