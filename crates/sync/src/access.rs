//! Need to know: which device may read and which may write which shared document. The answer comes
//! from the table's shared state (its members, their roles and partners, each case's partners), so
//! every device decides the same way. A device is sent only the keys of what it may read; a change
//! from a device that may not write a document is refused when it arrives.

use std::collections::BTreeMap;

use casustafel_domain::participant::Role;
use casustafel_domain::rights::Rights;
use casustafel_domain::{CaseId, MeetingId, OrganisationId, ParticipantId, TableId};
use serde::{Deserialize, Serialize};

use crate::keys::DeviceId;

/// A shared document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DocRef {
    /// Settings, partners, participants, devices, who is partner of which case: every member.
    Table(TableId),
    /// Agenda, attendance, general notes: the standing members.
    Meeting(MeetingId),
    /// Discussions, decisions, actions of one case: its partners only.
    Case(CaseId),
    /// The pseudonymous register and the meeting list: the standing members.
    Register(TableId),
}

/// One enrolled device of a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub participant: ParticipantId,
    pub organisation: OrganisationId,
    pub role: Role,
    /// For an ad hoc participant: the cases they were invited for.
    pub cases: Vec<CaseId>,
    /// A removed device reads and writes nothing from then on.
    pub removed: bool,
    /// How many of this device's files the register's keeper has dealt with: every file with a
    /// lower sequence number. Another device applies a file of this member only below it (the
    /// keeper vouches for it), so every device decides the same of a device removed meanwhile: its
    /// files below this are judged as a member's, the others are refused, whatever the order.
    #[serde(default)]
    pub settled: u64,
}

/// The table's view of who may do what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    pub members: BTreeMap<DeviceId, Member>,
    pub case_partners: BTreeMap<CaseId, Vec<OrganisationId>>,
    /// The chair's device that shares the table (every member trusts it from its welcome): the
    /// one device that keeps the register, says who sits at the table and hands out keys. One
    /// keeper per table, so no two devices ever pick the same key epoch or write the register apart.
    #[serde(default)]
    pub keeper: Option<DeviceId>,
}

fn runs_meetings(role: Role) -> bool {
    matches!(role, Role::Chair | Role::Secretary)
}

impl Access {
    fn active(&self, device: &DeviceId) -> Option<&Member> {
        self.members.get(device).filter(|m| !m.removed)
    }

    /// The member as its file number `seq` is judged: a file the keeper vouched for is judged as
    /// a member's, even once the device was removed.
    fn member_at(&self, device: &DeviceId, seq: u64) -> Option<&Member> {
        self.members
            .get(device)
            .filter(|m| !m.removed || seq < m.settled)
    }

    /// Whether the keeper vouched for file `seq` of `device` (the keeper's own files need none).
    pub fn vouched(&self, device: &DeviceId, seq: u64) -> bool {
        self.keeper == Some(*device) || self.members.get(device).is_some_and(|m| seq < m.settled)
    }

    /// `rights`, for file `seq` of `device` as vouched for (`rights_at(d, s)` on a device that
    /// is not the keeper; the keeper judges with the membership as it stands).
    pub fn rights_at(&self, device: &DeviceId, seq: u64) -> Rights {
        match self.member_at(device, seq) {
            None => Rights::NONE,
            Some(m) => Rights {
                runs_table: runs_meetings(m.role),
                keeps_register: self.keeper == Some(*device),
                organisation: Some(m.organisation),
            },
        }
    }

    /// `may_write` for file `seq` of `device`, as `rights_at` judges it.
    pub fn may_write_at(&self, device: &DeviceId, doc: DocRef, seq: u64) -> bool {
        let rights = self.rights_at(device, seq);
        match doc {
            DocRef::Table(_) | DocRef::Register(_) => rights.keeps_register,
            DocRef::Meeting(_) => rights.runs_table,
            DocRef::Case(case) => self
                .member_at(device, seq)
                .is_some_and(|m| self.reads(m, case)),
        }
    }

    fn reads(&self, m: &Member, case: CaseId) -> bool {
        runs_meetings(m.role)
            || match m.role {
                Role::AdHoc => m.cases.contains(&case),
                _ => self
                    .case_partners
                    .get(&case)
                    .is_some_and(|p| p.contains(&m.organisation)),
            }
    }

    /// Whether a file about `doc` (a key grant sealed to `to`, if any) may be handed to `device`:
    /// only to a device that may read the document, and a grant only to its own device.
    pub fn may_hand(&self, device: &DeviceId, doc: DocRef, to: Option<&DeviceId>) -> bool {
        self.may_read(device, doc) && to.is_none_or(|t| t == device)
    }

    pub fn may_read(&self, device: &DeviceId, doc: DocRef) -> bool {
        let Some(m) = self.active(device) else {
            return false;
        };
        match doc {
            DocRef::Table(_) => true,
            DocRef::Meeting(_) | DocRef::Register(_) => m.role != Role::AdHoc,
            DocRef::Case(case) => self.reads(m, case),
        }
    }

    /// What `device` may do on the table: the rulebook's input, the same on every device.
    pub fn rights(&self, device: &DeviceId) -> Rights {
        match self.active(device) {
            None => Rights::NONE,
            Some(m) => Rights {
                runs_table: runs_meetings(m.role),
                keeps_register: self.keeper == Some(*device),
                organisation: Some(m.organisation),
            },
        }
    }

    /// Whether a change to `doc` from `device` is looked at at all. The table and register
    /// documents are written by the register's keeper only, meeting documents by those who run
    /// the table. A case document is written by its readers, each only in the fields the rulebook
    /// lets them (`Rights::may`, checked on what the change does to the document when applied).
    pub fn may_write(&self, device: &DeviceId, doc: DocRef) -> bool {
        match doc {
            DocRef::Table(_) | DocRef::Register(_) => self.rights(device).keeps_register,
            DocRef::Meeting(_) => self.rights(device).runs_table,
            DocRef::Case(_) => self.may_read(device, doc),
        }
    }

    /// Keys are handed out by the register's keeper alone (the chair's device).
    pub fn may_grant(&self, device: &DeviceId) -> bool {
        self.rights(device).keeps_register
    }

    /// The devices that may read `doc`: those its key is granted to.
    pub fn readers(&self, doc: DocRef) -> Vec<DeviceId> {
        self.members
            .keys()
            .filter(|d| self.may_read(d, doc))
            .copied()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn dev(n: u8) -> DeviceId {
        DeviceId {
            signing: [n; 32],
            agreement: [n; 32],
        }
    }

    fn member(org: u128, role: Role, cases: Vec<CaseId>) -> Member {
        Member {
            participant: ParticipantId(Uuid::from_u128(org + 100)),
            organisation: OrganisationId(Uuid::from_u128(org)),
            role,
            cases,
            removed: false,
            settled: 0,
        }
    }

    #[test]
    fn a_case_is_for_its_partners_and_the_chair_only() {
        let case = CaseId(Uuid::from_u128(50));
        let other = CaseId(Uuid::from_u128(51));
        let meeting = DocRef::Meeting(MeetingId(Uuid::from_u128(60)));
        let mut a = Access::default();
        a.members.insert(dev(1), member(1, Role::Chair, vec![]));
        a.members.insert(dev(2), member(2, Role::Member, vec![]));
        a.members.insert(dev(3), member(3, Role::Member, vec![]));
        a.members.insert(dev(4), member(4, Role::AdHoc, vec![case]));
        a.case_partners
            .insert(case, vec![OrganisationId(Uuid::from_u128(2))]);
        let c = DocRef::Case(case);
        assert_eq!(a.readers(c), vec![dev(1), dev(2), dev(4)]);
        assert!(!a.may_read(&dev(3), c), "not a partner of the case");
        assert!(
            !a.may_read(&dev(4), DocRef::Case(other)),
            "ad hoc: own case only"
        );
        assert!(!a.may_read(&dev(4), meeting), "ad hoc: no meeting document");
        let register = DocRef::Register(TableId(Uuid::from_u128(70)));
        assert!(
            !a.may_read(&dev(4), register),
            "ad hoc: not the whole register"
        );
        assert!(a.may_read(&dev(3), register));
        assert!(a.may_read(&dev(4), DocRef::Table(TableId(Uuid::from_u128(70)))));
        assert!(a.may_read(&dev(3), meeting));
        assert!(
            !a.may_write(&dev(3), meeting),
            "members do not edit the agenda"
        );
        assert!(a.may_write(&dev(2), c), "partners update their actions");
        assert!(!a.may_read(&dev(9), c), "unknown device");
        a.members.get_mut(&dev(2)).unwrap().removed = true;
        assert!(
            !a.may_read(&dev(2), c) && !a.may_write(&dev(2), c),
            "removed"
        );
    }
}
