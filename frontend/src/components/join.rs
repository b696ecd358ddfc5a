//! Joining a table that another chair runs: the code they gave, the shared folder, a name for this
//! device. Afterwards this device's fingerprint is shown, to compare with the chair's screen. When
//! an answer comes, nothing of it is trusted before the person compared the fingerprint of the
//! device that answered with the chair's screen (anyone who heard the code could have answered):
//! the same, and the table appears; not the same, and this device stays unjoined. (Answers and
//! refusals are looked for every few seconds, and once when the card appears.)

use casustafel_api::sync::WelcomeToConfirm;
use casustafel_domain::Lang;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::field::{general_error, Field};
use crate::components::form::{kept, text, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;
use crate::load::{use_submit, Submit};

/// What joining asks: the code, the shared folder, a name for this device.
#[derive(Debug, Clone, PartialEq, Default)]
struct JoinDraft {
    code: String,
    folder: String,
    label: String,
}

#[derive(Debug, Properties, PartialEq)]
pub struct JoinProps {
    /// Called every few seconds after a join, so the list of tables is read again.
    pub on_tick: Callback<()>,
}

/// Looks for the chair's answer: a refusal, or a welcome to confirm.
fn look_for_answers(
    refused: UseStateHandle<Option<String>>,
    joined: UseStateHandle<Option<String>>,
    to_confirm: UseStateHandle<Option<WelcomeToConfirm>>,
) {
    spawn_local(async move {
        if let Ok(list) = api::refused_joins().await {
            if let Some(reason) = list.into_iter().next() {
                refused.set(Some(reason));
                joined.set(None);
            }
        }
        if let Ok(list) = api::welcomes_to_confirm().await {
            to_confirm.set(list.into_iter().next());
        }
    });
}

#[function_component(JoinCard)]
pub fn join_card(p: &JoinProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = use_reducer(Form::<JoinDraft>::default);
    let joined = use_state(|| None::<String>);
    // The chair's device's answer, when it is a refusal (expired or used code).
    let refused = use_state(|| None::<String>);
    // An answer that waits for the person to compare fingerprints.
    let to_confirm = use_state(|| None::<WelcomeToConfirm>);
    {
        // Also after a restart: an answer may have come while the app was closed.
        let (refused, joined, to_confirm) = (refused.clone(), joined.clone(), to_confirm.clone());
        use_effect_with((), move |_| look_for_answers(refused, joined, to_confirm));
    }
    {
        let (on_tick, refused, joined, to_confirm) = (
            p.on_tick.clone(),
            refused.clone(),
            joined.clone(),
            to_confirm.clone(),
        );
        use_effect_with(joined.is_some(), move |waiting| {
            let timer = waiting.then(|| {
                crate::timer::every(
                    move || {
                        on_tick.emit(());
                        look_for_answers(refused.clone(), joined.clone(), to_confirm.clone());
                    },
                    3_000,
                )
            });
            move || drop(timer)
        });
    }
    let Submit {
        send: confirm,
        error: confirm_error,
        busy: confirming,
    } = {
        let (on_tick, refused, joined, to_confirm) = (
            p.on_tick.clone(),
            refused.clone(),
            joined.clone(),
            to_confirm.clone(),
        );
        use_submit(
            |(id, same): (String, bool)| async move {
                api::confirm_welcome(id, same).await.map(|()| same)
            },
            Callback::from(move |same: bool| {
                to_confirm.set(None);
                joined.set(None);
                if !same {
                    refused.set(Some("welcome_refused".into()));
                }
                on_tick.emit(());
            }),
        )
    };
    let FormSubmit {
        onsubmit,
        error,
        busy,
    } = {
        let (joined, refused) = (joined.clone(), refused.clone());
        use_form_submit(
            &form,
            |d: JoinDraft| api::join_table(d.code, d.folder, d.label),
            kept,
            Callback::from(move |fp| {
                refused.set(None);
                joined.set(Some(fp));
            }),
        )
    };
    let panel = to_confirm.as_ref().map(|w| {
        let choose = |same: bool| {
            let (confirm, id) = (confirm.clone(), w.id.clone());
            Callback::from(move |_: MouseEvent| confirm.emit((id.clone(), same)))
        };
        html! {
            <div class="notice warning" id="join-confirm" role="alert">
                <p>{ i18n.t_args("join-confirm-intro", &[("table", w.table_name.clone().into())]) }</p>
                <p>{ i18n.t("join-confirm-chair") }{ ": " }<span class="fingerprint" id="join-chair-fingerprint">{ &w.chair }</span></p>
                <p class="hint">{ i18n.t("join-confirm-hint") }</p>
                <div class="actions start">
                    <button type="button" id="join-confirm-same" class="primary" disabled={confirming}
                        onclick={choose(true)}>{ i18n.t("join-confirm-same") }</button>
                    <button type="button" id="join-confirm-different" class="danger" disabled={confirming}
                        onclick={choose(false)}>{ i18n.t("join-confirm-different") }</button>
                </div>
                { general_error(&i18n, &confirm_error) }
            </div>
        }
    });
    html! {
        <details class="card join" id="join-card" open={joined.is_some() || panel.is_some() || refused.is_some()}>
            <summary><h2>{ i18n.t("join-title") }</h2></summary>
            // An answer to compare comes first: the form is not needed until it is dealt with.
            if let Some(panel) = panel {
                { panel }
            } else {
                <p class="hint">{ i18n.t("join-intro") }</p>
                <form class="form" id="join-form" {onsubmit} novalidate=true>
                    <Field id="join-code" label={i18n.t("join-code")} hint={i18n.t("join-code-hint")}
                        value={form.0.code.clone()} oninput={text(&form, |d, v| d.code = v)} />
                    <Field id="join-folder" label={i18n.t("sync-folder")} hint={i18n.t("sync-folder-hint")}
                        value={form.0.folder.clone()} oninput={text(&form, |d, v| d.folder = v)} />
                    <Field id="join-label" label={i18n.t("sync-label")} hint={i18n.t("join-label-hint")}
                        value={form.0.label.clone()} oninput={text(&form, |d, v| d.label = v)} />
                    <div class="actions start">
                        <button type="submit" id="join-submit" class="primary" disabled={busy}>{ i18n.t("join-submit") }</button>
                    </div>
                    <div>{ general_error(&i18n, &error) }</div>
                    if let Some(reason) = refused.as_ref() {
                        <p class="form-error" role="alert" id="join-refused">{ i18n.t(&format!("error-sync-{}", reason.replace('_', "-"))) }</p>
                    }
                    if let Some(fp) = joined.as_ref() {
                        <p class="notice ok" id="join-waiting" role="status">
                            { i18n.t("join-waiting") }<br />
                            { i18n.t("sync-this-device") }{ ": " }<span class="fingerprint" id="join-fingerprint">{ fp }</span>
                        </p>
                    }
                </form>
            }
        </details>
    }
}
