//! A case table (casustafel): the standing consultation that a mayor sets up, with its legal basis.
//!
//! Under art. 458ter of the Criminal Code, sharing professional secrets is lawful only inside a
//! consultation set up by law or decree, or authorised by the public prosecutor. So every table
//! records that basis (kind, reference, date, expiry) and its finality (purpose).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::ids::{PhenomenonId, TableId};
use crate::validation::{Field, FieldError, Problem};

pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_REFERENCE_CHARS: usize = 300;
pub const MAX_FINALITY_CHARS: usize = 4000;
pub const MAX_MUNICIPALITY_NAME_CHARS: usize = 100;
pub const MAX_MODALITIES_CHARS: usize = 4000;
pub const MAX_CRITERION_CHARS: usize = 300;
pub const MAX_CRITERIA: usize = 20;
pub const PREFIX_MIN: usize = 2;
pub const PREFIX_MAX: usize = 6;
pub const RETENTION_MONTHS: (i64, i64) = (1, 120);
pub const CADENCE_WEEKS: (i64, i64) = (1, 52);
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
    /// Prefix of the pseudonymous case codes, e.g. `LZO` for `LZO-2026-004`.
    #[serde(default)]
    pub case_prefix: String,
    /// The working rules agreed for the consultation.
    #[serde(default)]
    pub modalities: String,
    /// The admission checklist, one criterion a line.
    #[serde(default)]
    pub admission_criteria: String,
    /// The phenomena this table deals with.
    #[serde(default)]
    pub phenomena: Vec<PhenomenonId>,
    /// Months that a closed case's personal data are kept, as typed.
    #[serde(default)]
    pub retention_months: String,
    /// Weeks between meetings, as typed; may stay empty.
    #[serde(default)]
    pub cadence_weeks: String,
}

/// The configuration of a table beyond its legal frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSettings {
    pub case_prefix: String,
    pub modalities: String,
    pub admission_criteria: Vec<String>,
    pub phenomena: Vec<PhenomenonId>,
    pub retention_months: u16,
    pub cadence_weeks: Option<u8>,
}

/// A checked table, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTable {
    pub name: String,
    pub kind: TableKind,
    pub municipalities: Vec<Municipality>,
    pub legal_basis: LegalBasis,
    pub finality: String,
    pub settings: TableSettings,
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
    pub settings: TableSettings,
    pub created_at: DateTime<Utc>,
}

impl Table {
    /// The form that edits this table, filled with its current values.
    pub fn to_draft(&self) -> TableDraft {
        TableDraft {
            name: self.name.clone(),
            kind: Some(self.kind),
            municipalities: self.municipalities.clone(),
            legal_basis_kind: Some(self.legal_basis.kind),
            legal_basis_reference: self.legal_basis.reference.clone(),
            legal_basis_date: crate::dates::format_date(self.legal_basis.date),
            legal_basis_expiry: self
                .legal_basis
                .expiry
                .map(crate::dates::format_date)
                .unwrap_or_default(),
            finality: self.finality.clone(),
            case_prefix: self.settings.case_prefix.clone(),
            modalities: self.settings.modalities.clone(),
            admission_criteria: self.settings.admission_criteria.join("\n"),
            phenomena: self.settings.phenomena.clone(),
            retention_months: self.settings.retention_months.to_string(),
            cadence_weeks: self
                .settings
                .cadence_weeks
                .map(|w| w.to_string())
                .unwrap_or_default(),
        }
    }
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

fn check_number(
    errors: &mut Vec<FieldError>,
    field: Field,
    value: &str,
    (min, max): (i64, i64),
    required: bool,
) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() {
        if required {
            errors.push(FieldError::new(field, Problem::Required));
        }
        return None;
    }
    match v.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            errors.push(FieldError::new(field, Problem::OutOfRange { min, max }));
            None
        }
    }
}

/// Other tables' names and case prefixes, to keep both unique.
#[derive(Debug, Clone, Copy, Default)]
pub struct Taken<'a> {
    pub names: &'a [String],
    pub prefixes: &'a [String],
}

impl TableDraft {
    fn check_settings(
        &self,
        errors: &mut Vec<FieldError>,
        taken_prefixes: &[String],
    ) -> Option<TableSettings> {
        let before = errors.len();
        let prefix = self.case_prefix.trim().to_uppercase();
        if prefix.is_empty() {
            errors.push(FieldError::new(Field::CasePrefix, Problem::Required));
        } else if !(PREFIX_MIN..=PREFIX_MAX).contains(&prefix.chars().count())
            || !prefix.chars().all(|c| c.is_ascii_alphanumeric())
        {
            errors.push(FieldError::new(
                Field::CasePrefix,
                Problem::InvalidCode {
                    min: PREFIX_MIN,
                    max: PREFIX_MAX,
                },
            ));
        } else if taken_prefixes
            .iter()
            .any(|p| p.eq_ignore_ascii_case(&prefix))
        {
            errors.push(FieldError::new(Field::CasePrefix, Problem::DuplicatePrefix));
        }
        let modalities = self.modalities.trim();
        if modalities.chars().count() > MAX_MODALITIES_CHARS {
            errors.push(FieldError::new(
                Field::Modalities,
                Problem::TooLong {
                    max: MAX_MODALITIES_CHARS,
                },
            ));
        }
        let mut criteria: Vec<String> = Vec::new();
        for line in self
            .admission_criteria
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            if line.chars().count() > MAX_CRITERION_CHARS {
                errors.push(FieldError::new(
                    Field::AdmissionCriteria,
                    Problem::TooLong {
                        max: MAX_CRITERION_CHARS,
                    },
                ));
            } else if !criteria.iter().any(|c| c == line) {
                criteria.push(line.to_string());
            }
        }
        if criteria.len() > MAX_CRITERIA {
            errors.push(FieldError::new(
                Field::AdmissionCriteria,
                Problem::OutOfRange {
                    min: 0,
                    max: MAX_CRITERIA as i64,
                },
            ));
        }
        if self.phenomena.is_empty() {
            errors.push(FieldError::new(Field::Phenomena, Problem::Required));
        }
        let retention = check_number(
            errors,
            Field::RetentionMonths,
            &self.retention_months,
            RETENTION_MONTHS,
            true,
        );
        let cadence = check_number(
            errors,
            Field::CadenceWeeks,
            &self.cadence_weeks,
            CADENCE_WEEKS,
            false,
        );
        if errors.len() != before {
            return None;
        }
        let mut phenomena = self.phenomena.clone();
        phenomena.sort();
        phenomena.dedup();
        Some(TableSettings {
            case_prefix: prefix,
            modalities: modalities.to_string(),
            admission_criteria: criteria,
            phenomena,
            retention_months: retention.and_then(|r| u16::try_from(r).ok())?,
            cadence_weeks: cadence.and_then(|c| u8::try_from(c).ok()),
        })
    }

    /// Checks the draft against the rules and the names of the tables that already exist.
    /// Returns every problem at once, so the form can mark all wrong fields in one go.
    pub fn validate(&self, taken: Taken<'_>) -> Result<NewTable, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut name = check_text(&mut errors, Field::Name, &self.name, MAX_NAME_CHARS);
        if let Some(n) = &name {
            if taken.names.iter().any(|e| same_name(e, n)) {
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
        let settings = self.check_settings(&mut errors, taken.prefixes);
        match (
            name,
            self.kind,
            municipalities,
            self.legal_basis_kind,
            reference,
            lb_date,
            finality,
            settings,
        ) {
            (
                Some(name),
                Some(kind),
                Some(municipalities),
                Some(lb_kind),
                Some(reference),
                Some(date),
                Some(finality),
                Some(settings),
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
                settings,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests;
