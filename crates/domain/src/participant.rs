//! Participants: the people around a table, with their role and their secrecy commitment.
//!
//! Art. 458ter: participants are bound to secrecy about what is shared, and an ad hoc participant
//! must have signed the table's protocol before they can see anything.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::ids::{CaseId, OrganisationId, ParticipantId, TableId};
use crate::validation::{Field, FieldError, Problem};

pub const MAX_PERSON_NAME_CHARS: usize = 120;
pub const MAX_PROTOCOL_VERSION_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chair,
    Secretary,
    Member,
    /// Invited for one or more cases only.
    AdHoc,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Chair, Role::Secretary, Role::Member, Role::AdHoc];

    pub fn code(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Secretary => "secretary",
            Role::Member => "member",
            Role::AdHoc => "ad_hoc",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The signed secrecy commitment / protocol of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protocol {
    pub signed_on: NaiveDate,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: ParticipantId,
    pub table_id: TableId,
    pub name: String,
    pub organisation_id: OrganisationId,
    pub role: Role,
    pub protocol: Option<Protocol>,
    pub active_from: NaiveDate,
    pub active_to: Option<NaiveDate>,
    /// For an ad hoc participant: the cases they were invited for.
    pub cases: Vec<CaseId>,
}

impl Participant {
    /// Active on `day`: within the from–to period.
    pub fn is_active(&self, day: NaiveDate) -> bool {
        self.active_from <= day && self.active_to.is_none_or(|to| day <= to)
    }

    /// May this person see the content of `case` on `day`? Active, protocol signed (on or before
    /// that day), and — for an ad hoc participant — invited for that case.
    pub fn may_see_case(&self, case: CaseId, day: NaiveDate) -> bool {
        let signed = self.protocol.as_ref().is_some_and(|p| p.signed_on <= day);
        let scoped = self.role != Role::AdHoc || self.cases.contains(&case);
        self.is_active(day) && signed && scoped
    }

    /// Invited to a meeting on `day` whose agenda holds `cases`: every standing member active that
    /// day; an ad hoc participant only when one of their cases is on the agenda.
    pub fn invited_to(&self, day: NaiveDate, cases: &[CaseId]) -> bool {
        self.is_active(day)
            && (self.role != Role::AdHoc || self.cases.iter().any(|c| cases.contains(c)))
    }
}

/// Checks the name of the profile's owner, recorded as the actor in the audit log and timelines.
pub fn check_owner_name(name: &str) -> Result<String, Vec<FieldError>> {
    let n = name.trim();
    if n.is_empty() {
        Err(vec![FieldError::new(Field::OwnerName, Problem::Required)])
    } else if n.chars().count() > MAX_PERSON_NAME_CHARS {
        Err(vec![FieldError::new(
            Field::OwnerName,
            Problem::TooLong {
                max: MAX_PERSON_NAME_CHARS,
            },
        )])
    } else {
        Ok(n.to_string())
    }
}

/// What the participant form holds, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantDraft {
    pub name: String,
    pub organisation_id: Option<OrganisationId>,
    pub role: Option<Role>,
    pub protocol_signed_on: String,
    pub protocol_version: String,
    pub active_from: String,
    pub active_to: String,
    pub cases: Vec<CaseId>,
}

/// A checked participant, without its ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewParticipant {
    pub name: String,
    pub organisation_id: OrganisationId,
    pub role: Role,
    pub protocol: Option<Protocol>,
    pub active_from: NaiveDate,
    pub active_to: Option<NaiveDate>,
    pub cases: Vec<CaseId>,
}

impl ParticipantDraft {
    pub fn validate(&self) -> Result<NewParticipant, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new(Field::Name, Problem::Required));
        } else if name.chars().count() > MAX_PERSON_NAME_CHARS {
            errors.push(FieldError::new(
                Field::Name,
                Problem::TooLong {
                    max: MAX_PERSON_NAME_CHARS,
                },
            ));
        }
        if self.organisation_id.is_none() {
            errors.push(FieldError::new(Field::Organisation, Problem::Required));
        }
        if self.role.is_none() {
            errors.push(FieldError::new(Field::Role, Problem::Required));
        }
        let mut date = |field: Field, value: &str, required: bool| match parse_date(value) {
            Ok(None) if required => {
                errors.push(FieldError::new(field, Problem::Required));
                None
            }
            Ok(d) => d,
            Err(p) => {
                errors.push(FieldError::new(field, p));
                None
            }
        };
        let signed_on = date(Field::ProtocolSignedOn, &self.protocol_signed_on, false);
        let from = date(Field::ActiveFrom, &self.active_from, true);
        let to = date(Field::ActiveTo, &self.active_to, false);
        let version = self.protocol_version.trim();
        if signed_on.is_some() && version.is_empty() {
            errors.push(FieldError::new(Field::ProtocolVersion, Problem::Required));
        }
        if version.chars().count() > MAX_PROTOCOL_VERSION_CHARS {
            errors.push(FieldError::new(
                Field::ProtocolVersion,
                Problem::TooLong {
                    max: MAX_PROTOCOL_VERSION_CHARS,
                },
            ));
        }
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                errors.push(FieldError::new(Field::ActiveTo, Problem::EndBeforeStart));
            }
        }
        if self.role == Some(Role::AdHoc) && self.cases.is_empty() {
            errors.push(FieldError::new(Field::Cases, Problem::Required));
        }
        match (self.organisation_id, self.role, from) {
            (Some(organisation_id), Some(role), Some(active_from)) if errors.is_empty() => {
                Ok(NewParticipant {
                    name: name.to_string(),
                    organisation_id,
                    role,
                    protocol: signed_on.map(|signed_on| Protocol {
                        signed_on,
                        version: version.to_string(),
                    }),
                    active_from,
                    active_to: to,
                    // Only an ad hoc participant is scoped to cases.
                    cases: if role == Role::AdHoc {
                        self.cases.clone()
                    } else {
                        Vec::new()
                    },
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn person(role: Role, signed: Option<NaiveDate>, cases: Vec<CaseId>) -> Participant {
        Participant {
            id: ParticipantId(Uuid::from_u128(1)),
            table_id: TableId(Uuid::from_u128(2)),
            name: "An Peeters".into(),
            organisation_id: OrganisationId(Uuid::from_u128(3)),
            role,
            protocol: signed.map(|signed_on| Protocol {
                signed_on,
                version: "2026-1".into(),
            }),
            active_from: d(2026, 1, 1),
            active_to: Some(d(2026, 12, 31)),
            cases,
        }
    }

    #[test]
    fn need_to_know_for_ad_hoc_participants() {
        let case = CaseId(Uuid::from_u128(10));
        let other = CaseId(Uuid::from_u128(11));
        let day = d(2026, 6, 1);
        assert!(person(Role::Member, Some(d(2026, 1, 5)), vec![]).may_see_case(other, day));
        // No protocol: nothing.
        assert!(!person(Role::Member, None, vec![]).may_see_case(case, day));
        assert!(!person(Role::AdHoc, None, vec![case]).may_see_case(case, day));
        // Protocol signed after the day: not yet.
        assert!(!person(Role::AdHoc, Some(d(2026, 7, 1)), vec![case]).may_see_case(case, day));
        // Ad hoc: only their case.
        let adhoc = person(Role::AdHoc, Some(d(2026, 1, 5)), vec![case]);
        assert!(adhoc.may_see_case(case, day));
        assert!(!adhoc.may_see_case(other, day));
        // Outside the active period: nothing.
        assert!(!adhoc.may_see_case(case, d(2027, 1, 1)));
    }

    #[test]
    fn invitations_standing_members_and_ad_hoc_for_their_cases() {
        let case = CaseId(Uuid::from_u128(10));
        let other = CaseId(Uuid::from_u128(11));
        let day = d(2026, 6, 1);
        let member = person(Role::Member, Some(d(2026, 1, 5)), vec![]);
        assert!(member.invited_to(day, &[]));
        assert!(
            !member.invited_to(d(2027, 2, 1), &[case]),
            "no longer active"
        );
        let adhoc = person(Role::AdHoc, Some(d(2026, 1, 5)), vec![case]);
        assert!(adhoc.invited_to(day, &[other, case]));
        assert!(!adhoc.invited_to(day, &[other]));
    }

    #[test]
    fn draft_rules() {
        let errs = ParticipantDraft::default().validate().unwrap_err();
        let fields: Vec<Field> = errs.iter().map(|e| e.field).collect();
        assert!(fields.contains(&Field::Name));
        assert!(fields.contains(&Field::Organisation));
        assert!(fields.contains(&Field::Role));
        assert!(fields.contains(&Field::ActiveFrom));

        let mut ok = ParticipantDraft {
            name: "Jan Claes".into(),
            organisation_id: Some(OrganisationId(Uuid::from_u128(3))),
            role: Some(Role::AdHoc),
            protocol_signed_on: "02/02/2026".into(),
            protocol_version: "".into(),
            active_from: "01/02/2026".into(),
            active_to: "31/01/2026".into(),
            cases: vec![],
        };
        let errs = ok.validate().unwrap_err();
        let fields: Vec<Field> = errs.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![Field::ProtocolVersion, Field::ActiveTo, Field::Cases]
        );
        ok.protocol_version = "v3".into();
        ok.active_to = String::new();
        ok.cases = vec![CaseId(Uuid::from_u128(9))];
        let p = ok.validate().unwrap();
        assert_eq!(p.protocol.unwrap().version, "v3");
        // A member is never scoped to cases, whatever the form held.
        ok.role = Some(Role::Member);
        assert!(ok.validate().unwrap().cases.is_empty());
    }
}
