//! Later starts: the passphrase opens the profile. A wrong one says so and lets the person retry.

use std::rc::Rc;

use casustafel_api::{ApiError, ProfileStatus};
use casustafel_domain::Lang;
use yew::prelude::*;

use crate::api;
use crate::components::field::{Field, FieldKind};
use crate::components::form::{emptied, kept, text, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;

#[derive(Debug, Properties, PartialEq)]
pub struct UnlockProps {
    pub status: ProfileStatus,
    pub on_unlocked: Callback<ProfileStatus>,
}

#[function_component(UnlockScreen)]
pub fn unlock_screen(p: &UnlockProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let passphrase = use_reducer(Form::<String>::default);
    let show_forgot = use_state(|| false);
    let FormSubmit {
        onsubmit,
        error,
        busy,
    } = {
        let form = passphrase.clone();
        use_form_submit(
            &passphrase,
            move |pass| {
                let form = form.clone();
                async move {
                    let r = api::unlock_profile(pass).await;
                    // A wrong passphrase is cleared so the next try starts fresh.
                    if r == Err(ApiError::WrongPassphrase) {
                        form.dispatch(Rc::new(emptied));
                    }
                    r
                }
            },
            kept,
            p.on_unlocked.clone(),
        )
    };
    let oninput = text(&passphrase, |p, v| *p = v);
    let toggle_forgot = {
        let show_forgot = show_forgot.clone();
        Callback::from(move |_| show_forgot.set(!*show_forgot))
    };
    html! {
        <main class="center-screen">
            <form class="card narrow" id="unlock-form" {onsubmit} novalidate=true>
                <h1>{ i18n.t("unlock-title") }</h1>
                if let Some(fp) = &p.status.fingerprint {
                    <p class="muted" id="profile-fingerprint">
                        { i18n.t_args("unlock-profile", &[("fingerprint", fp.as_str().into())]) }
                    </p>
                }
                if p.status.demo {
                    <p class="notice info">{ i18n.t("unlock-demo-hint") }</p>
                }
                <Field id="unlock-passphrase" label={i18n.t("unlock-passphrase")} kind={FieldKind::Password}
                    value={passphrase.0.clone()} {oninput} autofocus=true disabled={busy} />
                if let Some(e) = error.as_ref() {
                    <p class="form-error" id="unlock-error" role="alert">{ i18n.error(e) }</p>
                }
                <div class="actions spread">
                    <button type="button" id="forgot" class="link" onclick={toggle_forgot}>
                        { i18n.t("unlock-forgot") }
                    </button>
                    <button type="submit" id="unlock-submit" class="primary" disabled={busy}>
                        { if busy { i18n.t("unlock-busy") } else { i18n.t("unlock-submit") } }
                    </button>
                </div>
                if *show_forgot {
                    <p class="notice warning" id="forgot-text">{ i18n.t("unlock-forgot-text") }</p>
                }
            </form>
        </main>
    }
}
