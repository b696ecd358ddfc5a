//! The rule for a new profile passphrase. There is no recovery without it, so it must be both long
//! enough to resist guessing and typed the same twice.

use crate::validation::{Field, FieldError, Problem};

/// Minimum length in characters. A sentence of a few words easily passes; a short password does not.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Why a new passphrase was refused.
pub type PassphraseProblem = FieldError;

/// Checks a new passphrase and its confirmation. Returns every problem found.
pub fn check_new_passphrase(passphrase: &str, confirmation: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let chars = passphrase.chars().count();
    if passphrase.trim().is_empty() {
        errors.push(FieldError::new(Field::Passphrase, Problem::Required));
    } else if chars < MIN_PASSPHRASE_CHARS {
        errors.push(FieldError::new(
            Field::Passphrase,
            Problem::TooShort {
                min: MIN_PASSPHRASE_CHARS,
            },
        ));
    }
    if passphrase != confirmation {
        errors.push(FieldError::new(
            Field::PassphraseConfirmation,
            Problem::Mismatch,
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_long_matching_passphrase() {
        assert!(check_new_passphrase("paard correct nietje", "paard correct nietje").is_ok());
    }

    #[test]
    fn refuses_short_empty_and_mismatched() {
        let errs = check_new_passphrase("kort", "kort").unwrap_err();
        assert_eq!(
            errs,
            vec![FieldError::new(
                Field::Passphrase,
                Problem::TooShort {
                    min: MIN_PASSPHRASE_CHARS
                }
            )]
        );
        let errs = check_new_passphrase("   ", "").unwrap_err();
        assert!(errs.contains(&FieldError::new(Field::Passphrase, Problem::Required)));
        assert!(errs.contains(&FieldError::new(
            Field::PassphraseConfirmation,
            Problem::Mismatch
        )));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // Twelve characters, more bytes: accepted.
        assert!(check_new_passphrase("éééééééééééé", "éééééééééééé").is_ok());
        // Eleven multi-byte characters: refused although it has more than 12 bytes.
        assert!(check_new_passphrase("ééééééééééé", "ééééééééééé").is_err());
    }
}
