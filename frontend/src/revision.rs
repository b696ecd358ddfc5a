//! Reloading what other devices changed: the app polls the shell's data revision (it grows when
//! changes from other devices were applied, live or from the folder) and hands it down as a
//! context; lists that can change elsewhere (actions, cases, meetings) reload when it moves.

use yew::prelude::*;

/// The shell's data revision as last polled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Revision(pub u64);

/// How often the shell is asked (a counter read, no database work).
pub const POLL_MS: i32 = 400;

/// The current revision, to add to a loading effect's dependencies.
#[hook]
pub fn use_revision() -> u64 {
    use_context::<Revision>().unwrap_or_default().0
}
