//! First start: choose the passphrase that will open this profile.

use casustafel_api::ProfileStatus;
use casustafel_domain::{Field as F, Lang, MIN_PASSPHRASE_CHARS};
use yew::prelude::*;

use crate::api;
use crate::components::field::{errors_for as field_errors, Field, FieldKind};
use crate::components::form::{kept, text, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;

/// What the first start asks.
#[derive(Debug, Clone, PartialEq, Default)]
struct SetupDraft {
    owner: String,
    passphrase: String,
    confirmation: String,
}

#[derive(Debug, Properties, PartialEq)]
pub struct SetupProps {
    pub on_created: Callback<ProfileStatus>,
}

#[function_component(SetupScreen)]
pub fn setup_screen(p: &SetupProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = use_reducer(Form::<SetupDraft>::default);
    let FormSubmit {
        onsubmit,
        error,
        busy,
    } = use_form_submit(
        &form,
        |d: SetupDraft| api::create_profile(d.owner, d.passphrase, d.confirmation),
        kept,
        p.on_created.clone(),
    );
    let errors_for = |field: F| field_errors(&i18n, &error, field);
    html! {
        <main class="center-screen">
            <form class="card narrow" id="setup-form" {onsubmit} novalidate=true>
                <h1>{ i18n.t("setup-title") }</h1>
                <p>{ i18n.t("setup-intro") }</p>
                <Field id="setup-owner" label={i18n.t("setup-owner")} hint={i18n.t("setup-owner-hint")}
                    value={form.0.owner.clone()} oninput={text(&form, |d, v| d.owner = v)} autofocus=true
                    errors={errors_for(F::OwnerName)} disabled={busy} />
                <Field id="setup-passphrase" label={i18n.t("setup-passphrase")} kind={FieldKind::Password}
                    value={form.0.passphrase.clone()} oninput={text(&form, |d, v| d.passphrase = v)}
                    hint={i18n.t_args("setup-passphrase-hint", &[("min", MIN_PASSPHRASE_CHARS.into())])}
                    errors={errors_for(F::Passphrase)} disabled={busy} />
                <Field id="setup-confirmation" label={i18n.t("setup-confirmation")} kind={FieldKind::Password}
                    value={form.0.confirmation.clone()} oninput={text(&form, |d, v| d.confirmation = v)}
                    errors={errors_for(F::PassphraseConfirmation)} disabled={busy} />
                <p class="notice warning">{ i18n.t("setup-warning") }</p>
                if let Some(e) = error.as_ref().filter(|e| e.field_errors().is_empty()) {
                    <p class="form-error" id="setup-error" role="alert">{ i18n.error(e) }</p>
                }
                <div class="actions">
                    <button type="submit" id="setup-submit" class="primary" disabled={busy}>
                        { if busy { i18n.t("setup-busy") } else { i18n.t("setup-submit") } }
                    </button>
                </div>
            </form>
        </main>
    }
}
