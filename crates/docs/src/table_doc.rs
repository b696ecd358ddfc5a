//! The table document: what every member of a table shares — the table and its settings, the
//! partner organisations, the participants, the enrolled devices and their rights, the
//! pseudonymous case register (codes, partners, follow-up; never a name, never a referral's text)
//! and the meeting list. Written by those who run the table (chair, secretary); read by every member.
//!
//! Entries are JSON of the domain types, one per id: each is written by one hand, so the last
//! writer winning per entry is the right merge, and new fields need no document migration.

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile};

#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct TableDoc {
    pub table_id: String,
    /// The table with its settings (JSON of `casustafel_domain::Table`).
    pub table: String,
    /// By id: phenomena the table uses (JSON).
    pub phenomena: BTreeMap<String, String>,
    /// By id: partner organisations (JSON).
    pub organisations: BTreeMap<String, String>,
    /// By id: participants (JSON).
    pub participants: BTreeMap<String, String>,
    /// By device (hex of its public keys): the device's member record (JSON).
    pub devices: BTreeMap<String, String>,
    /// By id: the register entry of a case (JSON): code, status, partners, follow-up.
    pub cases: BTreeMap<String, String>,
    /// By id: meetings (JSON).
    pub meetings: BTreeMap<String, String>,
}
