//! A case (casus): a pseudonymous code, its risk, track and partners, until it is closed and shredded.
//!
//! States: admitted → in follow-up ⇄ discussed → closed → shredded.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::ids::{CaseId, OrganisationId, ParticipantId, PhenomenonId, ReferralId, TableId};
use crate::transition::IllegalTransition;
use crate::validation::{Field, FieldError, Problem};

pub const MAX_OUTCOME_CHARS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Admitted,
    InFollowUp,
    Discussed,
    Closed,
    /// Personal data destroyed; only anonymised figures remain.
    Shredded,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 5] = [
        CaseStatus::Admitted,
        CaseStatus::InFollowUp,
        CaseStatus::Discussed,
        CaseStatus::Closed,
        CaseStatus::Shredded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CaseStatus::Admitted => "admitted",
            CaseStatus::InFollowUp => "in_follow_up",
            CaseStatus::Discussed => "discussed",
            CaseStatus::Closed => "closed",
            CaseStatus::Shredded => "shredded",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn is_open(self) -> bool {
        matches!(
            self,
            CaseStatus::Admitted | CaseStatus::InFollowUp | CaseStatus::Discussed
        )
    }

    pub fn apply(self, action: CaseAction) -> Result<CaseStatus, IllegalTransition> {
        use CaseStatus as S;
        match (self, action) {
            (S::Admitted | S::Discussed, CaseAction::FollowUp) => Ok(S::InFollowUp),
            (S::Admitted | S::InFollowUp, CaseAction::Discuss) => Ok(S::Discussed),
            (S::Admitted | S::InFollowUp | S::Discussed, CaseAction::Close) => Ok(S::Closed),
            (S::Closed, CaseAction::Shred) => Ok(S::Shredded),
            (from, action) => Err(IllegalTransition::new("case", from.code(), action.code())),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseAction {
    FollowUp,
    Discuss,
    Close,
    Shred,
}

impl CaseAction {
    pub fn code(self) -> &'static str {
        match self {
            CaseAction::FollowUp => "follow_up",
            CaseAction::Discuss => "discuss",
            CaseAction::Close => "close",
            CaseAction::Shred => "shred",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Green,
    Orange,
    Red,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 3] = [RiskLevel::Green, RiskLevel::Orange, RiskLevel::Red];

    pub fn code(self) -> &'static str {
        match self {
            RiskLevel::Green => "green",
            RiskLevel::Orange => "orange",
            RiskLevel::Red => "red",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The track (spoor) a case follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Spoor 1: advice to the referrer.
    Advice,
    /// Spoor 2: follow-up by a partner.
    PartnerFollowUp,
    /// Spoor 3: chain approach with a casusregisseur.
    ChainApproach,
}

impl Track {
    pub const ALL: [Track; 3] = [Track::Advice, Track::PartnerFollowUp, Track::ChainApproach];

    pub fn code(self) -> &'static str {
        match self {
            Track::Advice => "advice",
            Track::PartnerFollowUp => "partner_follow_up",
            Track::ChainApproach => "chain_approach",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureReason {
    GoalReached,
    NoLongerNeeded,
    HandedOver,
    PersonRefused,
    Moved,
    Other,
}

impl ClosureReason {
    pub const ALL: [ClosureReason; 6] = [
        ClosureReason::GoalReached,
        ClosureReason::NoLongerNeeded,
        ClosureReason::HandedOver,
        ClosureReason::PersonRefused,
        ClosureReason::Moved,
        ClosureReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ClosureReason::GoalReached => "goal_reached",
            ClosureReason::NoLongerNeeded => "no_longer_needed",
            ClosureReason::HandedOver => "handed_over",
            ClosureReason::PersonRefused => "person_refused",
            ClosureReason::Moved => "moved",
            ClosureReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub reason: ClosureReason,
    pub outcome: String,
    pub closed_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub table_id: TableId,
    pub referral_id: ReferralId,
    /// The pseudonymous code, e.g. `LZO-2026-004`. No name appears anywhere outside the identity.
    pub code: String,
    pub status: CaseStatus,
    pub phenomena: Vec<PhenomenonId>,
    pub risk: Option<RiskLevel>,
    pub track: Option<Track>,
    pub partners: Vec<OrganisationId>,
    pub casusregisseur: Option<ParticipantId>,
    pub next_review: Option<NaiveDate>,
    pub opened_on: NaiveDate,
    pub closure: Option<Closure>,
    /// Whether an identity is recorded (it is never part of this struct).
    pub has_identity: bool,
}

/// Builds a case code: the table's prefix, the year, a sequence number.
pub fn case_code(prefix: &str, year: i32, seq: u32) -> String {
    format!("{prefix}-{year}-{seq:03}")
}

/// The case form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseUpdate {
    pub phenomena: Vec<PhenomenonId>,
    pub risk: Option<RiskLevel>,
    pub track: Option<Track>,
    pub partners: Vec<OrganisationId>,
    pub casusregisseur: Option<ParticipantId>,
    pub next_review: String,
}

/// A checked case update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedCaseUpdate {
    pub phenomena: Vec<PhenomenonId>,
    pub risk: Option<RiskLevel>,
    pub track: Option<Track>,
    pub partners: Vec<OrganisationId>,
    pub casusregisseur: Option<ParticipantId>,
    pub next_review: Option<NaiveDate>,
}

impl CaseUpdate {
    /// `previous_review`: an unchanged review date may lie in the past (it is simply overdue);
    /// a newly set one may not.
    pub fn validate(
        &self,
        today: NaiveDate,
        previous_review: Option<NaiveDate>,
    ) -> Result<CheckedCaseUpdate, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.phenomena.is_empty() {
            errors.push(FieldError::new(Field::Phenomena, Problem::Required));
        }
        if self.track == Some(Track::ChainApproach) && self.casusregisseur.is_none() {
            errors.push(FieldError::new(Field::Casusregisseur, Problem::Required));
        }
        if self.track.is_some_and(|t| t != Track::Advice) && self.partners.is_empty() {
            errors.push(FieldError::new(Field::Partners, Problem::Required));
        }
        let next_review = match parse_date(&self.next_review) {
            Ok(Some(d)) if d < today && Some(d) != previous_review => {
                errors.push(FieldError::new(Field::NextReview, Problem::InPast));
                None
            }
            Ok(d) => d,
            Err(p) => {
                errors.push(FieldError::new(Field::NextReview, p));
                None
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut phenomena = self.phenomena.clone();
        phenomena.sort();
        phenomena.dedup();
        let mut partners = self.partners.clone();
        partners.sort();
        partners.dedup();
        Ok(CheckedCaseUpdate {
            phenomena,
            risk: self.risk,
            track: self.track,
            partners,
            casusregisseur: self.casusregisseur,
            next_review,
        })
    }
}

/// The closure form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureDraft {
    pub reason: Option<ClosureReason>,
    pub outcome: String,
}

impl ClosureDraft {
    pub fn validate(&self, today: NaiveDate) -> Result<Closure, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.reason.is_none() {
            errors.push(FieldError::new(Field::ClosureReason, Problem::Required));
        }
        let outcome = self.outcome.trim();
        if outcome.is_empty() {
            errors.push(FieldError::new(Field::ClosureOutcome, Problem::Required));
        } else if outcome.chars().count() > MAX_OUTCOME_CHARS {
            errors.push(FieldError::new(
                Field::ClosureOutcome,
                Problem::TooLong {
                    max: MAX_OUTCOME_CHARS,
                },
            ));
        }
        match self.reason {
            Some(reason) if errors.is_empty() => Ok(Closure {
                reason,
                outcome: outcome.to_string(),
                closed_on: today,
            }),
            _ => Err(errors),
        }
    }
}

/// What to look for in the case register. Every field narrows the list; empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFilter {
    pub table: Option<TableId>,
    /// NIS code: cases of the tables that cover this municipality.
    pub municipality: Option<String>,
    pub phenomenon: Option<PhenomenonId>,
    pub status: Option<CaseStatus>,
    pub risk: Option<RiskLevel>,
    pub track: Option<Track>,
    pub partner: Option<OrganisationId>,
    /// Only cases whose review date is today or earlier.
    pub review_due: bool,
    /// Free text over code, phenomena, partners and the referral's text (never the identity).
    pub text: String,
}

/// One line in a case's timeline. Stored as it happened; shown translated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    pub at: DateTime<Utc>,
    /// Who did it (the profile's owner, or a participant's name).
    pub by: String,
    pub kind: CaseEventKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum CaseEventKind {
    Admitted,
    Updated { fields: Vec<String> },
    StatusChanged { to: CaseStatus },
    IdentityRecorded,
    IdentityRevealed,
    Closed { reason: ClosureReason },
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn case_codes() {
        assert_eq!(case_code("LZO", 2026, 4), "LZO-2026-004");
        assert_eq!(case_code("IFG", 2027, 1234), "IFG-2027-1234");
    }

    #[test]
    fn update_rules() {
        let today = d(2026, 11, 28);
        let errs = CaseUpdate {
            track: Some(Track::ChainApproach),
            next_review: "01/11/2026".into(),
            ..CaseUpdate::default()
        }
        .validate(today, None)
        .unwrap_err();
        let fields: Vec<Field> = errs.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::Phenomena,
                Field::Casusregisseur,
                Field::Partners,
                Field::NextReview
            ]
        );
        // An unchanged past review date is accepted (the case is overdue, not wrong).
        let ok = CaseUpdate {
            phenomena: vec![PhenomenonId(Uuid::from_u128(1))],
            track: Some(Track::Advice),
            next_review: "01/11/2026".into(),
            ..CaseUpdate::default()
        };
        assert!(ok.validate(today, Some(d(2026, 11, 1))).is_ok());
        assert!(ok.validate(today, None).is_err());
    }

    #[test]
    fn closure_rules() {
        let today = d(2026, 11, 28);
        assert_eq!(
            ClosureDraft::default().validate(today).unwrap_err().len(),
            2
        );
        let c = ClosureDraft {
            reason: Some(ClosureReason::GoalReached),
            outcome: " Terug naar school ".into(),
        }
        .validate(today)
        .unwrap();
        assert_eq!(c.outcome, "Terug naar school");
        assert_eq!(c.closed_on, today);
    }

    fn action() -> impl Strategy<Value = CaseAction> {
        proptest::sample::select(vec![
            CaseAction::FollowUp,
            CaseAction::Discuss,
            CaseAction::Close,
            CaseAction::Shred,
        ])
    }

    proptest! {
        /// Closed cases only move to shredded; shredded is the end; open cases never skip closing.
        #[test]
        fn the_case_state_machine_holds(actions in proptest::collection::vec(action(), 0..16)) {
            let mut s = CaseStatus::Admitted;
            for a in actions {
                match s.apply(a) {
                    Ok(next) => {
                        prop_assert_ne!(s, CaseStatus::Shredded);
                        if s == CaseStatus::Closed { prop_assert_eq!(next, CaseStatus::Shredded); }
                        if next == CaseStatus::Shredded { prop_assert_eq!(s, CaseStatus::Closed); }
                        s = next;
                    }
                    Err(e) => prop_assert_eq!(e.from, s.code()),
                }
            }
        }
    }
}
