//! First start: choose the passphrase that will open this profile.

use casustafel_api::{ApiError, ProfileStatus};
use casustafel_domain::{Field as F, Lang, MIN_PASSPHRASE_CHARS};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::field::{errors_for as field_errors, Field, FieldKind};
use crate::i18n::I18n;

#[derive(Debug, Properties, PartialEq)]
pub struct SetupProps {
    pub on_created: Callback<ProfileStatus>,
}

#[function_component(SetupScreen)]
pub fn setup_screen(p: &SetupProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let owner = use_state(String::new);
    let passphrase = use_state(String::new);
    let confirmation = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    let onsubmit = {
        let (owner, passphrase, confirmation, error, busy) = (
            owner.clone(),
            passphrase.clone(),
            confirmation.clone(),
            error.clone(),
            busy.clone(),
        );
        let on_created = p.on_created.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            let (name, pass, conf) = (
                (*owner).clone(),
                (*passphrase).clone(),
                (*confirmation).clone(),
            );
            let (error, busy, on_created) = (error.clone(), busy.clone(), on_created.clone());
            spawn_local(async move {
                match api::create_profile(name, pass, conf).await {
                    Ok(status) => on_created.emit(status),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let errors_for = |field: F| field_errors(&i18n, &error, field);
    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |v: String| h.set(v))
    };
    html! {
        <main class="center-screen">
            <form class="card narrow" id="setup-form" {onsubmit} novalidate=true>
                <h1>{ i18n.t("setup-title") }</h1>
                <p>{ i18n.t("setup-intro") }</p>
                <Field id="setup-owner" label={i18n.t("setup-owner")} hint={i18n.t("setup-owner-hint")}
                    value={(*owner).clone()} oninput={set(&owner)} autofocus=true
                    errors={errors_for(F::OwnerName)} disabled={*busy} />
                <Field id="setup-passphrase" label={i18n.t("setup-passphrase")} kind={FieldKind::Password}
                    value={(*passphrase).clone()} oninput={set(&passphrase)}
                    hint={i18n.t_args("setup-passphrase-hint", &[("min", MIN_PASSPHRASE_CHARS.into())])}
                    errors={errors_for(F::Passphrase)} disabled={*busy} />
                <Field id="setup-confirmation" label={i18n.t("setup-confirmation")} kind={FieldKind::Password}
                    value={(*confirmation).clone()} oninput={set(&confirmation)}
                    errors={errors_for(F::PassphraseConfirmation)} disabled={*busy} />
                <p class="notice warning">{ i18n.t("setup-warning") }</p>
                if let Some(e) = error.as_ref().filter(|e| e.field_errors().is_empty()) {
                    <p class="form-error" id="setup-error" role="alert">{ i18n.error(e) }</p>
                }
                <div class="actions">
                    <button type="submit" id="setup-submit" class="primary" disabled={*busy}>
                        { if *busy { i18n.t("setup-busy") } else { i18n.t("setup-submit") } }
                    </button>
                </div>
            </form>
        </main>
    }
}
