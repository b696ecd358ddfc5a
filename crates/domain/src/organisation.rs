//! Partner organisations: who sits around the table, and whether they are bound by professional secrecy.

use serde::{Deserialize, Serialize};

use crate::ids::OrganisationId;
use crate::validation::{Field, FieldError, Problem};

pub const MAX_ORG_NAME_CHARS: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgCategory {
    Police,
    Parket,
    /// OCMW / social services of the municipality.
    SocialServices,
    /// Centrum Algemeen Welzijnswerk.
    Caw,
    /// Centrum Geestelijke Gezondheidszorg.
    Cgg,
    /// CLB or a school.
    ClbSchool,
    YouthWelfare,
    NeighbourhoodWork,
    /// The municipality itself (prevention service, coordinator integral security).
    Municipality,
    Other,
}

impl OrgCategory {
    pub const ALL: [OrgCategory; 10] = [
        OrgCategory::Police,
        OrgCategory::Parket,
        OrgCategory::SocialServices,
        OrgCategory::Caw,
        OrgCategory::Cgg,
        OrgCategory::ClbSchool,
        OrgCategory::YouthWelfare,
        OrgCategory::NeighbourhoodWork,
        OrgCategory::Municipality,
        OrgCategory::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrgCategory::Police => "police",
            OrgCategory::Parket => "parket",
            OrgCategory::SocialServices => "social_services",
            OrgCategory::Caw => "caw",
            OrgCategory::Cgg => "cgg",
            OrgCategory::ClbSchool => "clb_school",
            OrgCategory::YouthWelfare => "youth_welfare",
            OrgCategory::NeighbourhoodWork => "neighbourhood_work",
            OrgCategory::Municipality => "municipality",
            OrgCategory::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Whether organisations of this category are usually bound by professional secrecy
    /// (a default for the form; the chair decides per organisation).
    pub fn usually_bound_by_secrecy(self) -> bool {
        !matches!(self, OrgCategory::Municipality | OrgCategory::Other)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    pub category: OrgCategory,
    pub bound_by_secrecy: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDraft {
    pub name: String,
    pub category: Option<OrgCategory>,
    pub bound_by_secrecy: bool,
}

impl OrganisationDraft {
    pub fn validate<'a>(
        &self,
        existing_names: impl IntoIterator<Item = &'a str>,
    ) -> Result<(String, OrgCategory, bool), Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new(Field::Name, Problem::Required));
        } else if name.chars().count() > MAX_ORG_NAME_CHARS {
            errors.push(FieldError::new(
                Field::Name,
                Problem::TooLong {
                    max: MAX_ORG_NAME_CHARS,
                },
            ));
        } else if existing_names
            .into_iter()
            .any(|e| crate::table::same_name(e, name))
        {
            errors.push(FieldError::new(Field::Name, Problem::DuplicateName));
        }
        if self.category.is_none() {
            errors.push(FieldError::new(Field::Category, Problem::Required));
        }
        match self.category {
            Some(c) if errors.is_empty() => Ok((name.to_string(), c, self.bound_by_secrecy)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_validation_reports_all() {
        for c in OrgCategory::ALL {
            assert_eq!(OrgCategory::from_code(c.code()), Some(c));
        }
        let errs = OrganisationDraft::default().validate([]).unwrap_err();
        assert_eq!(errs.len(), 2);
        let ok = OrganisationDraft {
            name: " PZ Zonnedijk ".into(),
            category: Some(OrgCategory::Police),
            bound_by_secrecy: true,
        };
        assert_eq!(
            ok.validate(["CAW Oost"]).unwrap(),
            ("PZ Zonnedijk".into(), OrgCategory::Police, true)
        );
        assert!(ok.validate(["pz zonnedijk"]).is_err());
    }
}
