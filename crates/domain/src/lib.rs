//! The domain of Casustafel: what a case table is, what makes input valid, and the rules that hold
//! whatever the storage or the screen. This crate does no IO: no files, no clock, no randomness.
//! Callers pass in "today" and fresh ids, so every rule can be tested in isolation.

pub mod agenda;
pub mod case;
pub mod dates;
pub mod disclosure;
pub mod identity;
pub mod ids;
pub mod lang;
pub mod meeting;
pub mod organisation;
pub mod participant;
pub mod passphrase;
pub mod phenomenon;
pub mod referral;
pub mod rights;
pub mod sync;
pub mod table;
pub mod transition;
pub mod validation;

pub use dates::{format_date, parse_date};
pub use ids::{
    ActionId, CaseId, DisclosureId, MeetingId, OrganisationId, ParticipantId, PhenomenonId,
    ReferralId, TableId,
};
pub use lang::Lang;
pub use passphrase::{check_new_passphrase, PassphraseProblem, MIN_PASSPHRASE_CHARS};
pub use table::{
    LegalBasis, LegalBasisKind, LegalBasisStatus, Municipality, NewTable, Table, TableDraft,
    TableKind, TableSettings, Taken, MAX_FINALITY_CHARS, MAX_NAME_CHARS,
};
pub use transition::IllegalTransition;
pub use validation::{Field, FieldError, Problem};
