//! Referral (aanmelding) and its triage: the way into the table.
//!
//! States: draft → submitted → in triage → {rejected | advice | admitted | redirected | re-refer by name}.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{CaseId, OrganisationId, PhenomenonId, ReferralId, TableId};
use crate::transition::IllegalTransition;
use crate::validation::{Field, FieldError, Problem};

pub const MAX_CONCERN_CHARS: usize = 2000;
pub const MAX_SHORT_TEXT_CHARS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralStatus {
    Draft,
    Submitted,
    InTriage,
    Rejected,
    Advice,
    Admitted,
    Redirected,
    /// The table asks the referrer to refer again, by name.
    RereferByName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriageOutcome {
    Rejected,
    AdviceOnly,
    Admitted,
    Redirected,
    RereferByName,
}

impl TriageOutcome {
    pub const ALL: [TriageOutcome; 5] = [
        TriageOutcome::Admitted,
        TriageOutcome::AdviceOnly,
        TriageOutcome::Redirected,
        TriageOutcome::RereferByName,
        TriageOutcome::Rejected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TriageOutcome::Rejected => "rejected",
            TriageOutcome::AdviceOnly => "advice_only",
            TriageOutcome::Admitted => "admitted",
            TriageOutcome::Redirected => "redirected",
            TriageOutcome::RereferByName => "rerefer_by_name",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    fn status(self) -> ReferralStatus {
        match self {
            TriageOutcome::Rejected => ReferralStatus::Rejected,
            TriageOutcome::AdviceOnly => ReferralStatus::Advice,
            TriageOutcome::Admitted => ReferralStatus::Admitted,
            TriageOutcome::Redirected => ReferralStatus::Redirected,
            TriageOutcome::RereferByName => ReferralStatus::RereferByName,
        }
    }
}

/// What can be done to a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", content = "outcome", rename_all = "snake_case")]
pub enum ReferralAction {
    Submit,
    StartTriage,
    Decide(TriageOutcome),
}

impl ReferralAction {
    pub fn code(self) -> &'static str {
        match self {
            ReferralAction::Submit => "submit",
            ReferralAction::StartTriage => "start_triage",
            ReferralAction::Decide(_) => "decide",
        }
    }
}

impl ReferralStatus {
    pub const ALL: [ReferralStatus; 8] = [
        ReferralStatus::Draft,
        ReferralStatus::Submitted,
        ReferralStatus::InTriage,
        ReferralStatus::Rejected,
        ReferralStatus::Advice,
        ReferralStatus::Admitted,
        ReferralStatus::Redirected,
        ReferralStatus::RereferByName,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReferralStatus::Draft => "draft",
            ReferralStatus::Submitted => "submitted",
            ReferralStatus::InTriage => "in_triage",
            ReferralStatus::Rejected => "rejected",
            ReferralStatus::Advice => "advice",
            ReferralStatus::Admitted => "admitted",
            ReferralStatus::Redirected => "redirected",
            ReferralStatus::RereferByName => "rerefer_by_name",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// A decided referral never changes again.
    pub fn is_final(self) -> bool {
        !matches!(
            self,
            ReferralStatus::Draft | ReferralStatus::Submitted | ReferralStatus::InTriage
        )
    }

    /// The state after `action`, or why it is not allowed. A decision may be taken on a submitted
    /// referral directly (triage then starts and ends in one step).
    pub fn apply(self, action: ReferralAction) -> Result<ReferralStatus, IllegalTransition> {
        use ReferralStatus as S;
        match (self, action) {
            (S::Draft, ReferralAction::Submit) => Ok(S::Submitted),
            (S::Submitted, ReferralAction::StartTriage) => Ok(S::InTriage),
            (S::Submitted | S::InTriage, ReferralAction::Decide(o)) => Ok(o.status()),
            (from, action) => Err(IllegalTransition::new(
                "referral",
                from.code(),
                action.code(),
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Normal,
    High,
    Urgent,
}

impl Urgency {
    pub const ALL: [Urgency; 3] = [Urgency::Normal, Urgency::High, Urgency::Urgent];

    pub fn code(self) -> &'static str {
        match self {
            Urgency::Normal => "normal",
            Urgency::High => "high",
            Urgency::Urgent => "urgent",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.code() == code)
    }
}

/// The answer to one admission criterion of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionAnswer {
    pub criterion: String,
    pub met: bool,
}

/// The triage decision on a referral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Triage {
    pub criteria: Vec<CriterionAnswer>,
    pub outcome: TriageOutcome,
    pub reasons: String,
    /// For a redirected referral: to whom.
    pub redirected_to: String,
    pub decided_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub id: ReferralId,
    pub table_id: TableId,
    pub status: ReferralStatus,
    pub anonymous: bool,
    pub referrer: OrganisationId,
    pub phenomena: Vec<PhenomenonId>,
    pub concern: String,
    pub question: String,
    pub tried: String,
    pub urgency: Urgency,
    pub person_informed: bool,
    pub not_informed_reason: String,
    pub created_at: DateTime<Utc>,
    pub triage: Option<Triage>,
    /// Set when the referral was admitted.
    pub case_id: Option<CaseId>,
}

/// The referral form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralDraft {
    pub anonymous: bool,
    pub referrer: Option<OrganisationId>,
    pub phenomena: Vec<PhenomenonId>,
    pub concern: String,
    pub question: String,
    pub tried: String,
    pub urgency: Option<Urgency>,
    /// `None` until the referrer answered.
    pub person_informed: Option<bool>,
    pub not_informed_reason: String,
}

/// A checked referral, without ids and state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReferral {
    pub anonymous: bool,
    pub referrer: OrganisationId,
    pub phenomena: Vec<PhenomenonId>,
    pub concern: String,
    pub question: String,
    pub tried: String,
    pub urgency: Urgency,
    pub person_informed: bool,
    pub not_informed_reason: String,
}

fn text(
    errors: &mut Vec<FieldError>,
    field: Field,
    value: &str,
    max: usize,
    required: bool,
) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        errors.push(FieldError::new(field, Problem::Required));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, Problem::TooLong { max }));
    }
    v.to_string()
}

impl ReferralDraft {
    /// `in_scope`: the phenomena the table deals with; others are refused.
    pub fn validate(&self, in_scope: &[PhenomenonId]) -> Result<NewReferral, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.referrer.is_none() {
            errors.push(FieldError::new(Field::Referrer, Problem::Required));
        }
        if self.phenomena.is_empty() {
            errors.push(FieldError::new(Field::Phenomena, Problem::Required));
        } else if self.phenomena.iter().any(|p| !in_scope.contains(p)) {
            errors.push(FieldError::new(Field::Phenomena, Problem::OutOfScope));
        }
        let concern = text(
            &mut errors,
            Field::Concern,
            &self.concern,
            MAX_CONCERN_CHARS,
            true,
        );
        let question = text(
            &mut errors,
            Field::Question,
            &self.question,
            MAX_SHORT_TEXT_CHARS,
            true,
        );
        let tried = text(
            &mut errors,
            Field::Tried,
            &self.tried,
            MAX_SHORT_TEXT_CHARS,
            true,
        );
        if self.urgency.is_none() {
            errors.push(FieldError::new(Field::Urgency, Problem::Required));
        }
        let reason = text(
            &mut errors,
            Field::NotInformedReason,
            &self.not_informed_reason,
            MAX_SHORT_TEXT_CHARS,
            self.person_informed == Some(false),
        );
        if self.person_informed.is_none() {
            errors.push(FieldError::new(Field::PersonInformed, Problem::Required));
        }
        match (self.referrer, self.urgency, self.person_informed) {
            (Some(referrer), Some(urgency), Some(informed)) if errors.is_empty() => {
                let mut phenomena = self.phenomena.clone();
                phenomena.sort();
                phenomena.dedup();
                Ok(NewReferral {
                    anonymous: self.anonymous,
                    referrer,
                    phenomena,
                    concern,
                    question,
                    tried,
                    urgency,
                    person_informed: informed,
                    not_informed_reason: if informed { String::new() } else { reason },
                })
            }
            _ => Err(errors),
        }
    }
}

/// The triage form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageDraft {
    pub criteria: Vec<CriterionAnswer>,
    pub outcome: Option<TriageOutcome>,
    pub reasons: String,
    pub redirected_to: String,
}

impl TriageDraft {
    /// `admission_criteria`: the table's checklist; every criterion must be answered, once.
    pub fn validate(
        &self,
        admission_criteria: &[String],
        today: NaiveDate,
    ) -> Result<Triage, Vec<FieldError>> {
        let mut errors = Vec::new();
        let answered: Vec<&str> = self.criteria.iter().map(|c| c.criterion.as_str()).collect();
        let complete = admission_criteria
            .iter()
            .all(|c| answered.contains(&c.as_str()))
            && answered.len() == admission_criteria.len();
        if !complete {
            errors.push(FieldError::new(Field::Criteria, Problem::Required));
        }
        if self.outcome.is_none() {
            errors.push(FieldError::new(Field::Outcome, Problem::Required));
        }
        let reasons = text(
            &mut errors,
            Field::Reasons,
            &self.reasons,
            MAX_SHORT_TEXT_CHARS,
            true,
        );
        let redirected_to = text(
            &mut errors,
            Field::RedirectedTo,
            &self.redirected_to,
            300,
            self.outcome == Some(TriageOutcome::Redirected),
        );
        match self.outcome {
            Some(outcome) if errors.is_empty() => Ok(Triage {
                criteria: self.criteria.clone(),
                outcome,
                reasons,
                redirected_to: if outcome == TriageOutcome::Redirected {
                    redirected_to
                } else {
                    String::new()
                },
                decided_on: today,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests;
