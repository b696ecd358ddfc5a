//! Translations: Fluent files under `assets/i18n/`, compiled into the app. Dutch is the reference;
//! a key missing in French or English falls back to Dutch rather than showing nothing.

use casustafel_api::ApiError;
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::{Lang, Problem};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::{langid, LanguageIdentifier};

const NL: &str = include_str!("../../assets/i18n/nl.ftl");
const FR: &str = include_str!("../../assets/i18n/fr.ftl");
const EN: &str = include_str!("../../assets/i18n/en.ftl");

fn source(lang: Lang) -> (&'static str, LanguageIdentifier) {
    match lang {
        Lang::Nl => (NL, langid!("nl-BE")),
        Lang::Fr => (FR, langid!("fr-BE")),
        Lang::En => (EN, langid!("en-GB")),
    }
}

fn build(lang: Lang) -> FluentBundle<FluentResource> {
    let (src, id) = source(lang);
    let mut bundle = FluentBundle::new(vec![id]);
    // No Unicode isolation marks around arguments: the text is shown as is.
    bundle.set_use_isolating(false);
    // The files ship with the app and are checked by tests; a broken entry is skipped, not fatal.
    let resource = FluentResource::try_new(src.to_string()).unwrap_or_else(|(res, _)| res);
    let _ = bundle.add_resource(resource);
    bundle
}

thread_local! {
    static BUNDLES: [FluentBundle<FluentResource>; 3] = [build(Lang::Nl), build(Lang::Fr), build(Lang::En)];
}

fn index(lang: Lang) -> usize {
    match lang {
        Lang::Nl => 0,
        Lang::Fr => 1,
        Lang::En => 2,
    }
}

fn format(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    BUNDLES.with(|b| {
        let bundle = &b[index(lang)];
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    })
}

/// The current language, passed down as a Yew context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct I18n {
    pub lang: Lang,
}

impl I18n {
    pub fn t(&self, id: &str) -> String {
        self.t_args(id, &[])
    }

    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let fargs = (!args.is_empty()).then_some(&fargs);
        format(self.lang, id, fargs)
            .or_else(|| format(Lang::Nl, id, fargs))
            .unwrap_or_else(|| id.to_string())
    }

    /// The sentence for a field problem.
    pub fn problem(&self, p: &Problem) -> String {
        match p {
            Problem::Required => self.t("problem-required"),
            Problem::TooLong { max } => self.t_args("problem-too-long", &[("max", (*max).into())]),
            Problem::TooShort { min } => {
                self.t_args("problem-too-short", &[("min", (*min).into())])
            }
            Problem::InvalidNisCode { value } => self.t_args(
                "problem-invalid-nis-code",
                &[("value", value.as_str().into())],
            ),
            Problem::DuplicateMunicipality { nis_code } => self.t_args(
                "problem-duplicate-municipality",
                &[("nis_code", nis_code.as_str().into())],
            ),
            Problem::InvalidDate { value } => {
                self.t_args("problem-invalid-date", &[("value", value.as_str().into())])
            }
            Problem::ExpiryBeforeDate => self.t("problem-expiry-before-date"),
            Problem::DuplicateName => self.t("problem-duplicate-name"),
            Problem::AlreadyOnAgenda => self.t("problem-already-on-agenda"),
            Problem::Mismatch => self.t("problem-mismatch"),
            Problem::EndBeforeStart => self.t("problem-end-before-start"),
            Problem::InPast => self.t("problem-in-past"),
            Problem::InFuture => self.t("problem-in-future"),
            Problem::OutOfRange { min, max } => self.t_args(
                "problem-out-of-range",
                &[("min", (*min).into()), ("max", (*max).into())],
            ),
            Problem::InvalidCode { min, max } => self.t_args(
                "problem-invalid-code",
                &[("min", (*min).into()), ("max", (*max).into())],
            ),
            Problem::OutOfScope => self.t("problem-out-of-scope"),
            Problem::OneSubject => self.t("problem-one-subject"),
            Problem::DuplicatePrefix => self.t("problem-duplicate-prefix"),
            Problem::ProtocolNotSigned => self.t("problem-protocol-not-signed"),
            Problem::InvalidAddress { value } => self.t_args(
                "problem-invalid-address",
                &[("value", value.as_str().into())],
            ),
        }
    }

    /// A phenomenon's name: translated for the built-in ones, as typed for those the chair added.
    pub fn phenomenon(&self, p: &Phenomenon) -> String {
        match &p.key {
            Some(key) => self.t(&format!("phenomenon-{key}")),
            None => p.name.clone(),
        }
    }

    /// The sentence for an error from the shell. An input error about one thing that has no field on
    /// screen (e.g. a click in a list) is told by its problem.
    pub fn error(&self, e: &ApiError) -> String {
        if let ApiError::Invalid { errors } = e {
            if let [only] = errors.as_slice() {
                if only.problem == Problem::ProtocolNotSigned {
                    return self.problem(&only.problem);
                }
            }
        }
        let (detail, folder) = match e {
            ApiError::ProfileDamaged { detail }
            | ApiError::Io { detail }
            | ApiError::Internal { detail } => (detail.as_str(), ""),
            ApiError::ExportFailed { folder, detail } => (detail.as_str(), folder.as_str()),
            ApiError::Sync { folder, .. } => ("", folder.as_str()),
            _ => ("", ""),
        };
        self.t_args(
            e.message_id(),
            &[("detail", detail.into()), ("folder", folder.into())],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentResource;

    fn ids(src: &str) -> Vec<String> {
        let res = FluentResource::try_new(src.to_string()).expect("the file parses");
        res.entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_file_parses_and_has_every_dutch_key() {
        let nl = ids(NL);
        assert!(nl.len() > 50);
        for (name, src) in [("nl", NL), ("fr", FR), ("en", EN)] {
            let mut seen = std::collections::HashSet::new();
            let dups: Vec<_> = ids(src)
                .into_iter()
                .filter(|k| !seen.insert(k.clone()))
                .collect();
            assert!(dups.is_empty(), "{name}.ftl defines twice: {dups:?}");
        }
        for (name, src) in [("fr", FR), ("en", EN)] {
            let other = ids(src);
            let missing: Vec<_> = nl.iter().filter(|k| !other.contains(k)).collect();
            assert!(missing.is_empty(), "{name}.ftl lacks {missing:?}");
            let extra: Vec<_> = other.iter().filter(|k| !nl.contains(k)).collect();
            assert!(
                extra.is_empty(),
                "{name}.ftl has keys nl.ftl lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn every_error_and_kind_has_a_message() {
        let nl = ids(NL);
        let errors = [
            ApiError::NoProfile,
            ApiError::ProfileExists,
            ApiError::WrongPassphrase,
            ApiError::Locked,
            ApiError::Invalid { errors: vec![] },
            ApiError::NotFound,
            ApiError::IllegalTransition {
                entity: String::new(),
                from: String::new(),
                action: String::new(),
            },
            ApiError::ProfileDamaged {
                detail: String::new(),
            },
            ApiError::Io {
                detail: String::new(),
            },
            ApiError::Internal {
                detail: String::new(),
            },
            ApiError::DiskFull,
            ApiError::Busy,
            ApiError::ExportFailed {
                folder: String::new(),
                detail: String::new(),
            },
        ];
        let sync = casustafel_api::SyncProblem::ALL.map(|problem| ApiError::Sync {
            problem,
            folder: String::new(),
        });
        for e in errors.into_iter().chain(sync) {
            assert!(nl.contains(&e.message_id().to_string()), "{e:?}");
        }
        for r in casustafel_api::sync::SetAsideReason::ALL {
            assert!(nl.contains(&format!("sync-reason-{}", r.code())), "{r:?}");
        }
        for r in casustafel_api::sync::PeerReason::ALL {
            let id = format!("live-reason-{}", r.code().replace('_', "-"));
            assert!(nl.contains(&id), "{r:?}");
        }
        for s in [
            casustafel_api::sync::PeerState::Seen,
            casustafel_api::sync::PeerState::Connected,
            casustafel_api::sync::PeerState::Lost,
            casustafel_api::sync::PeerState::Refused,
        ] {
            assert!(nl.contains(&format!("live-state-{}", s.code())), "{s:?}");
        }
        for k in casustafel_domain::TableKind::ALL {
            assert!(nl.contains(&format!("kind-{}", k.code())), "{k:?}");
        }
        for k in casustafel_domain::phenomenon::BUILTIN_PHENOMENA {
            assert!(nl.contains(&format!("phenomenon-{k}")), "{k}");
        }
        for k in casustafel_domain::LegalBasisKind::ALL {
            assert!(nl.contains(&format!("lbkind-{}", k.code())), "{k:?}");
        }
    }

    #[test]
    fn arguments_are_filled_in_and_languages_differ() {
        let nl = I18n { lang: Lang::Nl };
        let fr = I18n { lang: Lang::Fr };
        assert_eq!(
            nl.t("error-wrong-passphrase"),
            "Verkeerde wachtwoordzin. Er is niets gewijzigd; probeer het opnieuw."
        );
        assert_ne!(
            fr.t("error-wrong-passphrase"),
            nl.t("error-wrong-passphrase")
        );
        assert_eq!(
            nl.problem(&Problem::TooLong { max: 120 }),
            "Maximaal 120 tekens."
        );
        assert_eq!(nl.t("no-such-key"), "no-such-key");
    }
}
