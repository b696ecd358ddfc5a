//! Joining a table that another chair runs: the code they gave, the shared folder, a name for this
//! device. Afterwards this device's fingerprint is shown, to compare with the chair's screen; the
//! table appears once the chair's device has answered (the list is looked at every few seconds).

use casustafel_domain::Lang;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::field::{general_error, Field};
use crate::components::form::{kept, text, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;

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

#[function_component(JoinCard)]
pub fn join_card(p: &JoinProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = use_reducer(Form::<JoinDraft>::default);
    let joined = use_state(|| None::<String>);
    // The chair's device's answer, when it is a refusal (expired or used code).
    let refused = use_state(|| None::<String>);
    {
        let (on_tick, refused, joined) = (p.on_tick.clone(), refused.clone(), joined.clone());
        use_effect_with(joined.is_some(), move |waiting| {
            let timer = waiting.then(|| {
                crate::timer::every(
                    move || {
                        on_tick.emit(());
                        let (refused, joined) = (refused.clone(), joined.clone());
                        spawn_local(async move {
                            if let Ok(list) = api::refused_joins().await {
                                if let Some(reason) = list.into_iter().next() {
                                    refused.set(Some(reason));
                                    joined.set(None);
                                }
                            }
                        });
                    },
                    3_000,
                )
            });
            move || drop(timer)
        });
    }
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
    html! {
        <details class="card join" id="join-card" open={joined.is_some()}>
            <summary><h2>{ i18n.t("join-title") }</h2></summary>
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
        </details>
    }
}
