//! The table document: what every member of a table shares, ad hoc participants too — the table and
//! its settings, the partner organisations, the participants, the enrolled devices and their
//! rights, and which partners each case has (ids only: what every device needs to check who may
//! write a case). The register itself (codes, follow-up) and the meeting list are in the register
//! document, for the standing members. Both are written by those who run the table.
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
    /// By case id: the partner organisations of the case (JSON list of ids).
    pub case_partners: BTreeMap<String, String>,
}

/// The register document: the pseudonymous case register and the meeting list of a table, for its
/// standing members (never a name, never a referral's text).
#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct RegisterDoc {
    pub table_id: String,
    /// By id: the register entry of a case (JSON): code, status, partners, follow-up.
    pub cases: BTreeMap<String, String>,
    /// By id: meetings (JSON).
    pub meetings: BTreeMap<String, String>,
}
