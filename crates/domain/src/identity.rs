//! The identity behind a pseudonymous case: the subject and related persons. It is kept apart from
//! everything else, encrypted with a key of its own per case, and shown only on an explicit,
//! recorded request.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::validation::{Field, FieldError, Problem};

pub const MAX_ADDRESS_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    Subject,
    Parent,
    Partner,
    Sibling,
    Other,
}

impl PersonRole {
    pub const ALL: [PersonRole; 5] = [
        PersonRole::Subject,
        PersonRole::Parent,
        PersonRole::Partner,
        PersonRole::Sibling,
        PersonRole::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PersonRole::Subject => "subject",
            PersonRole::Parent => "parent",
            PersonRole::Partner => "partner",
            PersonRole::Sibling => "sibling",
            PersonRole::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub role: PersonRole,
    pub name: String,
    pub birth_date: Option<NaiveDate>,
    pub address: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub persons: Vec<Person>,
}

/// One person in the identity form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDraft {
    pub role: Option<PersonRole>,
    pub name: String,
    pub birth_date: String,
    pub address: String,
}

impl PersonDraft {
    fn is_blank(&self) -> bool {
        self.name.trim().is_empty()
            && self.birth_date.trim().is_empty()
            && self.address.trim().is_empty()
    }
}

/// Checks the identity form. Blank rows are ignored; exactly one subject is required.
pub fn check_identity(rows: &[PersonDraft], today: NaiveDate) -> Result<Identity, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut persons = Vec::new();
    for row in rows.iter().filter(|r| !r.is_blank()) {
        let name = row.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new(Field::PersonName, Problem::Required));
        } else if name.chars().count() > crate::participant::MAX_PERSON_NAME_CHARS {
            errors.push(FieldError::new(
                Field::PersonName,
                Problem::TooLong {
                    max: crate::participant::MAX_PERSON_NAME_CHARS,
                },
            ));
        }
        let birth_date = match parse_date(&row.birth_date) {
            Ok(Some(d)) if d > today => {
                errors.push(FieldError::new(Field::BirthDate, Problem::InFuture));
                None
            }
            Ok(d) => d,
            Err(p) => {
                errors.push(FieldError::new(Field::BirthDate, p));
                None
            }
        };
        if row.address.trim().chars().count() > MAX_ADDRESS_CHARS {
            errors.push(FieldError::new(
                Field::Address,
                Problem::TooLong {
                    max: MAX_ADDRESS_CHARS,
                },
            ));
        }
        persons.push(Person {
            role: row.role.unwrap_or(PersonRole::Other),
            name: name.to_string(),
            birth_date,
            address: row.address.trim().to_string(),
        });
    }
    let subjects = persons
        .iter()
        .filter(|p| p.role == PersonRole::Subject)
        .count();
    if subjects != 1 {
        errors.push(FieldError::new(Field::Persons, Problem::OneSubject));
    }
    if errors.is_empty() {
        Ok(Identity { persons })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_one_subject_and_sane_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let subject = PersonDraft {
            role: Some(PersonRole::Subject),
            name: "Sam V.".into(),
            birth_date: "12/03/2009".into(),
            address: "Kerkstraat 1, Zonnedijk".into(),
        };
        let blank = PersonDraft::default();
        let id = check_identity(&[subject.clone(), blank.clone()], today).unwrap();
        assert_eq!(id.persons.len(), 1);
        assert!(check_identity(&[blank], today).is_err());
        assert!(check_identity(&[subject.clone(), subject.clone()], today).is_err());
        let mut future = subject;
        future.birth_date = "01/01/2030".into();
        let errs = check_identity(&[future], today).unwrap_err();
        assert_eq!(
            errs,
            vec![FieldError::new(Field::BirthDate, Problem::InFuture)]
        );
    }
}
