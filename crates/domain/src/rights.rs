//! Who may do what on a case table: the one rulebook. The store asks it before a local edit, the
//! sync engine and the store ask it when another device's change arrives (the same `Rights`, derived
//! from the table document by `casustafel_sync::Access::rights`), and the screens receive it to show
//! only what is allowed. A rule written here is never written again elsewhere.
//!
//! | what | who |
//! |---|---|
//! | the register: table, partners, participants, referrals, cases, planning, opening, closing and approving meetings, who sits at the table (devices and keys) | the chair's device, which keeps the register (one keeper per table, so no two devices ever write it apart) |
//! | a meeting's agenda, attendance and general notes | those who run the table (chair, secretary) |
//! | a case's confidential notes and decision in a meeting, its follow-up | those who run the table, until the meeting's report is approved |
//! | agreeing an action, changing what was agreed (what, owner, due, feedback) | those who run the table, until the meeting's report is approved |
//! | an action's status and a new progress note | its owner organisation, and those who run the table |
//! | changing or removing a progress note already written | nobody: it is history |
//!
//! What the report approved stays readable as approved: a change that still reaches an approved
//! meeting's record (made on a device that had not seen the approval) is printed as an amendment.

use serde::{Deserialize, Serialize};

use crate::OrganisationId;

/// One kind of change to what a table shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Act {
    /// The register: settings, partners, participants, referrals, cases and their register
    /// entries, the meeting list and each meeting's status, who sits at the table.
    KeepRegister,
    /// A meeting's agenda, attendance and general notes.
    RunTable,
    /// A case's notes, decision and follow-up in one meeting. `report_approved`: the meeting's
    /// report is approved, so the record must stay what the report says.
    WriteDiscussion { report_approved: bool },
    /// Agree an action in a meeting, or change or withdraw what was agreed. `report_approved`: that
    /// meeting's report is approved.
    AgreeAction { report_approved: bool },
    /// Set an action's status or add a progress note to it.
    ReportOnAction { owner: OrganisationId },
    /// Change or remove a progress note already written.
    RewriteProgress,
}

/// What one device may do on one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rights {
    /// Chair or secretary of a shared table, or the only device of a table not shared.
    pub runs_table: bool,
    /// The device that keeps the table's register: the chair's device that shares the table, or
    /// the only device of a table not shared.
    #[serde(default)]
    pub keeps_register: bool,
    /// The organisation of the device's participant, on a shared table.
    pub organisation: Option<OrganisationId>,
}

impl Rights {
    /// A device that is not (or no longer) a member: nothing.
    pub const NONE: Rights = Rights {
        runs_table: false,
        keeps_register: false,
        organisation: None,
    };

    /// A table this device alone holds (not shared): it runs it.
    pub const SOLE: Rights = Rights {
        runs_table: true,
        keeps_register: true,
        organisation: None,
    };

    pub fn may(&self, act: Act) -> bool {
        match act {
            Act::KeepRegister => self.keeps_register,
            Act::RunTable => self.runs_table,
            Act::WriteDiscussion { report_approved } | Act::AgreeAction { report_approved } => {
                self.runs_table && !report_approved
            }
            Act::ReportOnAction { owner } => {
                self.runs_table || self.organisation.is_some_and(|o| o == owner)
            }
            Act::RewriteProgress => false,
        }
    }

    /// Whether every one of `acts` is allowed; the first refused otherwise.
    pub fn check(&self, acts: impl IntoIterator<Item = Act>) -> Result<(), Act> {
        acts.into_iter().find(|a| !self.may(*a)).map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn the_rulebook() {
        let caw = OrganisationId(Uuid::from_u128(1));
        let ocmw = OrganisationId(Uuid::from_u128(2));
        let chair = Rights {
            runs_table: true,
            keeps_register: true,
            organisation: Some(ocmw),
        };
        let secretary = Rights {
            keeps_register: false,
            ..chair
        };
        let partner = Rights {
            runs_table: false,
            keeps_register: false,
            organisation: Some(caw),
        };
        let open = Act::WriteDiscussion {
            report_approved: false,
        };
        let approved = Act::WriteDiscussion {
            report_approved: true,
        };
        let mine = Act::ReportOnAction { owner: caw };
        let agree = Act::AgreeAction {
            report_approved: false,
        };
        let agreed = Act::AgreeAction {
            report_approved: true,
        };
        // (act, chair, partner of CAW, nobody, table not shared)
        let table = [
            (Act::RunTable, true, false, false, true),
            (open, true, false, false, true),
            (approved, false, false, false, false),
            (agree, true, false, false, true),
            (agreed, false, false, false, false),
            (mine, true, true, false, true),
            (
                Act::ReportOnAction { owner: ocmw },
                true,
                false,
                false,
                true,
            ),
            (Act::RewriteProgress, false, false, false, false),
        ];
        for (act, c, p, n, s) in table {
            assert_eq!(chair.may(act), c, "chair: {act:?}");
            assert_eq!(secretary.may(act), c, "secretary: {act:?}");
            assert_eq!(partner.may(act), p, "partner: {act:?}");
            assert_eq!(Rights::NONE.may(act), n, "nobody: {act:?}");
            assert_eq!(Rights::SOLE.may(act), s, "sole: {act:?}");
        }
        assert!(chair.may(Act::KeepRegister) && Rights::SOLE.may(Act::KeepRegister));
        assert!(
            !secretary.may(Act::KeepRegister),
            "one device keeps the register"
        );
        assert!(!partner.may(Act::KeepRegister) && !Rights::NONE.may(Act::KeepRegister));
        assert_eq!(partner.check([mine, open]), Err(open));
        assert_eq!(partner.check([mine]), Ok(()));
    }
}
