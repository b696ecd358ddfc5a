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
