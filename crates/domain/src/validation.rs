//! Typed validation errors. A form shows each one next to the field it names, in the user's language;
//! the UI maps `Problem` to a translated sentence, so no message text lives here.

use serde::{Deserialize, Serialize};

/// A form field that input problems can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Kind,
    Municipalities,
    LegalBasisKind,
    LegalBasisReference,
    LegalBasisDate,
    LegalBasisExpiry,
    Finality,
    Passphrase,
    PassphraseConfirmation,
    OwnerName,
    CasePrefix,
    Modalities,
    AdmissionCriteria,
    Phenomena,
    RetentionMonths,
    CadenceWeeks,
    Category,
    Organisation,
    Role,
    ProtocolSignedOn,
    ProtocolVersion,
    ActiveFrom,
    ActiveTo,
    Cases,
    Referrer,
    Concern,
    Question,
    Tried,
    Urgency,
    PersonInformed,
    NotInformedReason,
    Criteria,
    Outcome,
    Reasons,
    RedirectedTo,
    Risk,
    Track,
    Casusregisseur,
    Partners,
    NextReview,
    ClosureReason,
    ClosureOutcome,
    Persons,
    PersonName,
    BirthDate,
    Address,
    ActionWhat,
    ActionOwner,
    ActionDue,
    ActionFeedback,
    MeetingDate,
    MeetingPlace,
    Recipient,
    AgendaTitle,
    AgendaCase,
    PeerAddress,
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// The field is required and was left empty.
    Required,
    /// The value is longer than allowed.
    TooLong { max: usize },
    /// The value is shorter than allowed.
    TooShort { min: usize },
    /// A NIS code is five digits.
    InvalidNisCode { value: String },
    /// The same municipality is listed twice.
    DuplicateMunicipality { nis_code: String },
    /// The text is not a date.
    InvalidDate { value: String },
    /// The expiry date lies before the date of the legal basis.
    ExpiryBeforeDate,
    /// Another table already has this name.
    DuplicateName,
    /// The two passphrase entries differ.
    Mismatch,
    /// An end date lies before its start date.
    EndBeforeStart,
    /// A date that must not lie in the past does.
    InPast,
    /// A date that must not lie in the future does.
    InFuture,
    /// A whole number between `min` and `max` was expected.
    OutOfRange { min: i64, max: i64 },
    /// Letters and digits only, within the given length.
    InvalidCode { min: usize, max: usize },
    /// A phenomenon that the table does not deal with.
    OutOfScope,
    /// Exactly one person must be the subject of the case.
    OneSubject,
    /// Another table already uses this case-code prefix.
    DuplicatePrefix,
    /// The participant has not signed the table's protocol, so may not see case content.
    ProtocolNotSigned,
    /// The case is on this meeting's agenda already.
    AlreadyOnAgenda,
    /// Not a network address such as 192.168.1.20:47474.
    InvalidAddress { value: String },
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    #[serde(flatten)]
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self { field, problem }
    }
}
