//! Later starts: the passphrase opens the profile. A wrong one says so and lets the person retry.

use casustafel_api::{ApiError, ProfileStatus};
use casustafel_domain::Lang;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::field::{Field, FieldKind};
use crate::i18n::I18n;

#[derive(Debug, Properties, PartialEq)]
pub struct UnlockProps {
    pub status: ProfileStatus,
    pub on_unlocked: Callback<ProfileStatus>,
}

#[function_component(UnlockScreen)]
pub fn unlock_screen(p: &UnlockProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let passphrase = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let show_forgot = use_state(|| false);

    let onsubmit = {
        let (passphrase, error, busy) = (passphrase.clone(), error.clone(), busy.clone());
        let on_unlocked = p.on_unlocked.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let pass = (*passphrase).clone();
            let (error, busy, on_unlocked, passphrase) = (
                error.clone(),
                busy.clone(),
                on_unlocked.clone(),
                passphrase.clone(),
            );
            spawn_local(async move {
                match api::unlock_profile(pass).await {
                    Ok(status) => on_unlocked.emit(status),
                    Err(e) => {
                        // A wrong passphrase is cleared so the next try starts fresh.
                        if e == ApiError::WrongPassphrase {
                            passphrase.set(String::new());
                        }
                        error.set(Some(e));
                    }
                }
                busy.set(false);
            });
        })
    };
    let oninput = {
        let passphrase = passphrase.clone();
        Callback::from(move |v: String| passphrase.set(v))
    };
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
                    value={(*passphrase).clone()} {oninput} autofocus=true disabled={*busy} />
                if let Some(e) = error.as_ref() {
                    <p class="form-error" id="unlock-error" role="alert">{ i18n.error(e) }</p>
                }
                <div class="actions spread">
                    <button type="button" id="forgot" class="link" onclick={toggle_forgot}>
                        { i18n.t("unlock-forgot") }
                    </button>
                    <button type="submit" id="unlock-submit" class="primary" disabled={*busy}>
                        { if *busy { i18n.t("unlock-busy") } else { i18n.t("unlock-submit") } }
                    </button>
                </div>
                if *show_forgot {
                    <p class="notice warning" id="forgot-text">{ i18n.t("unlock-forgot-text") }</p>
                }
            </form>
        </main>
    }
}
