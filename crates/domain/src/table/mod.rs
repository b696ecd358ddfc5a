//! A case table (casustafel): the standing consultation that a mayor sets up, with its legal basis.
//!
//! Under art. 458ter of the Criminal Code, sharing professional secrets is lawful only inside a
//! consultation set up by law or decree, or authorised by the public prosecutor. So every table
//! records that basis (kind, reference, date, expiry) and its finality (purpose).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::ids::TableId;
use crate::validation::{Field, FieldError, Problem};

pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_REFERENCE_CHARS: usize = 300;
pub const MAX_FINALITY_CHARS: usize = 4000;
pub const MAX_MUNICIPALITY_NAME_CHARS: usize = 100;
/// A legal basis that expires within this many days is flagged as expiring soon.
pub const EXPIRY_WARNING_DAYS: i64 = 60;

/// The kind of table. One integral model: the kind labels the legal frame, not a separate workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Lokale integrale veiligheidscel radicalisme, extremisme en polarisatie (law of 30 July 2018).
    Livcr,
    /// An integral case consultation under art. 458ter Sw.
    Integral458ter,
    /// Intrafamily violence (e.g. a family justice centre consultation).
    IntrafamilyViolence,
    Other,
}

impl TableKind {
    pub const ALL: [TableKind; 4] = [
        TableKind::Livcr,
        TableKind::Integral458ter,
        TableKind::IntrafamilyViolence,
        TableKind::Other,
    ];

    /// A stable code, used in storage and as the suffix of translation keys.
    pub fn code(self) -> &'static str {
        match self {
            TableKind::Livcr => "livcr",
            TableKind::Integral458ter => "integral_458ter",
            TableKind::IntrafamilyViolence => "intrafamily_violence",
            TableKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where the table's authority to share secrets comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalBasisKind {
    Law,
    Decree,
    /// A reasoned authorisation of the public prosecutor (procureur des Konings).
    ProsecutorAuthorisation,
}

impl LegalBasisKind {
    pub const ALL: [LegalBasisKind; 3] = [
        LegalBasisKind::Law,
        LegalBasisKind::Decree,
        LegalBasisKind::ProsecutorAuthorisation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LegalBasisKind::Law => "law",
            LegalBasisKind::Decree => "decree",
            LegalBasisKind::ProsecutorAuthorisation => "prosecutor_authorisation",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The legal basis of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalBasis {
    pub kind: LegalBasisKind,
    /// E.g. "Wet van 30 juli 2018" or the prosecutor's reference number.
    pub reference: String,
    pub date: NaiveDate,
    /// An authorisation may be limited in time; a law usually is not.
    pub expiry: Option<NaiveDate>,
}

/// Whether a legal basis still holds on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum LegalBasisStatus {
    Valid,
    ExpiresSoon { days_left: i64 },
    Expired,
}

impl LegalBasis {
    pub fn status(&self, today: NaiveDate) -> LegalBasisStatus {
        match self.expiry {
            None => LegalBasisStatus::Valid,
            Some(expiry) if expiry < today => LegalBasisStatus::Expired,
            Some(expiry) => {
                let days_left = (expiry - today).num_days();
                if days_left <= EXPIRY_WARNING_DAYS {
                    LegalBasisStatus::ExpiresSoon { days_left }
                } else {
                    LegalBasisStatus::Valid
                }
            }
        }
    }
}

/// A municipality covered by a table, by its NIS code (e.g. 44021 Gent).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Municipality {
    pub nis_code: String,
    pub name: String,
}

/// What a person typed into the "new table" form, before it is checked. Every field may be wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableDraft {
    pub name: String,
    pub kind: Option<TableKind>,
    pub municipalities: Vec<Municipality>,
    pub legal_basis_kind: Option<LegalBasisKind>,
    pub legal_basis_reference: String,
    /// As typed: `30/07/2018` or `2018-07-30`.
    pub legal_basis_date: String,
    /// As typed; may stay empty.
    pub legal_basis_expiry: String,
    pub finality: String,
}

/// A checked table, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTable {
    pub name: String,
    pub kind: TableKind,
    pub municipalities: Vec<Municipality>,
    pub legal_basis: LegalBasis,
    pub finality: String,
}

/// A stored table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub id: TableId,
    pub name: String,
    pub kind: TableKind,
    pub municipalities: Vec<Municipality>,
    pub legal_basis: LegalBasis,
    pub finality: String,
    pub created_at: DateTime<Utc>,
}

/// Names compare without case and surrounding space, so "LIVC-R Gent" and "livc-r gent " clash.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn check_text(
    errors: &mut Vec<FieldError>,
    field: Field,
    value: &str,
    max: usize,
) -> Option<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        errors.push(FieldError::new(field, Problem::Required));
        None
    } else if trimmed.chars().count() > max {
        errors.push(FieldError::new(field, Problem::TooLong { max }));
        None
    } else {
        Some(trimmed.to_string())
    }
}

fn check_municipalities(
    errors: &mut Vec<FieldError>,
    input: &[Municipality],
) -> Option<Vec<Municipality>> {
    let before = errors.len();
    // Rows left entirely empty in the form are ignored, not errors.
    let rows: Vec<&Municipality> = input
        .iter()
        .filter(|m| !(m.nis_code.trim().is_empty() && m.name.trim().is_empty()))
        .collect();
    if rows.is_empty() {
        errors.push(FieldError::new(Field::Municipalities, Problem::Required));
        return None;
    }
    let mut out: Vec<Municipality> = Vec::with_capacity(rows.len());
    for m in rows {
        let code = m.nis_code.trim();
        let name = m.name.trim();
        if code.len() != 5 || !code.chars().all(|c| c.is_ascii_digit()) {
            errors.push(FieldError::new(
                Field::Municipalities,
                Problem::InvalidNisCode {
                    value: code.to_string(),
                },
            ));
            continue;
        }
        if name.is_empty() {
            errors.push(FieldError::new(Field::Municipalities, Problem::Required));
            continue;
        }
        if name.chars().count() > MAX_MUNICIPALITY_NAME_CHARS {
            errors.push(FieldError::new(
                Field::Municipalities,
                Problem::TooLong {
                    max: MAX_MUNICIPALITY_NAME_CHARS,
                },
            ));
            continue;
        }
        if out.iter().any(|o| o.nis_code == code) {
            errors.push(FieldError::new(
                Field::Municipalities,
                Problem::DuplicateMunicipality {
                    nis_code: code.to_string(),
                },
            ));
            continue;
        }
        out.push(Municipality {
            nis_code: code.to_string(),
            name: name.to_string(),
        });
    }
    (errors.len() == before).then_some(out)
}

impl TableDraft {
    /// Checks the draft against the rules and the names of the tables that already exist.
    /// Returns every problem at once, so the form can mark all wrong fields in one go.
    pub fn validate<'a>(
        &self,
        existing_names: impl IntoIterator<Item = &'a str>,
    ) -> Result<NewTable, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut name = check_text(&mut errors, Field::Name, &self.name, MAX_NAME_CHARS);
        if let Some(n) = &name {
            if existing_names.into_iter().any(|e| same_name(e, n)) {
                errors.push(FieldError::new(Field::Name, Problem::DuplicateName));
                name = None;
            }
        }
        if self.kind.is_none() {
            errors.push(FieldError::new(Field::Kind, Problem::Required));
        }
        let municipalities = check_municipalities(&mut errors, &self.municipalities);
        if self.legal_basis_kind.is_none() {
            errors.push(FieldError::new(Field::LegalBasisKind, Problem::Required));
        }
        let reference = check_text(
            &mut errors,
            Field::LegalBasisReference,
            &self.legal_basis_reference,
            MAX_REFERENCE_CHARS,
        );
        let mut date_field = |field: Field, value: &str| match parse_date(value) {
            Ok(d) => d,
            Err(problem) => {
                errors.push(FieldError::new(field, problem));
                None
            }
        };
        let lb_date = date_field(Field::LegalBasisDate, &self.legal_basis_date);
        let lb_expiry = date_field(Field::LegalBasisExpiry, &self.legal_basis_expiry);
        if lb_date.is_none() && self.legal_basis_date.trim().is_empty() {
            errors.push(FieldError::new(Field::LegalBasisDate, Problem::Required));
        }
        if let (Some(date), Some(expiry)) = (lb_date, lb_expiry) {
            if expiry < date {
                errors.push(FieldError::new(
                    Field::LegalBasisExpiry,
                    Problem::ExpiryBeforeDate,
                ));
            }
        }
        let finality = check_text(
            &mut errors,
            Field::Finality,
            &self.finality,
            MAX_FINALITY_CHARS,
        );
        match (
            name,
            self.kind,
            municipalities,
            self.legal_basis_kind,
            reference,
            lb_date,
            finality,
        ) {
            (
                Some(name),
                Some(kind),
                Some(municipalities),
                Some(lb_kind),
                Some(reference),
                Some(date),
                Some(finality),
            ) if errors.is_empty() => Ok(NewTable {
                name,
                kind,
                municipalities,
                legal_basis: LegalBasis {
                    kind: lb_kind,
                    reference,
                    date,
                    expiry: lb_expiry,
                },
                finality,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests;
