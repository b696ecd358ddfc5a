//! Tab *Synchronisatie* of a table: share it through a folder, see when it last synced and what
//! waits, the enrolled devices with their fingerprints, and (for the chair) invite a participant's
//! device with a one-time code, shown as text and as a QR code.

use casustafel_api::sync::{DeviceView, InviteCode, SyncReport};
use casustafel_api::ApiError;
use casustafel_domain::rights::Act;
use casustafel_domain::{Lang, ParticipantId, TableId};
use web_sys::HtmlSelectElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::field::{general_error, Field};
use crate::components::live_panel::LivePanel;
use crate::i18n::I18n;
use crate::load::{use_load, use_version};

#[derive(Debug, Properties, PartialEq)]
pub struct SyncProps {
    pub table: TableId,
}

#[function_component(SyncTab)]
pub fn sync_tab(p: &SyncProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let folder = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let report = use_state(|| None::<SyncReport>);
    let busy = use_state(|| false);
    // The fingerprint whose removal waits for a second click.
    let confirm = use_state(|| None::<String>);
    let version = use_version();
    // This device's fingerprint, the table's sync state and what this device may do here (the
    // rulebook: those who run the table invite, admit and remove devices), asked again every 5 s
    // (below) to show what the background sync brings in.
    let loaded = use_load((p.table, version.get()), |(table, _)| async move {
        let me = api::device_fingerprint().await?;
        let status = api::sync_status(table).await?;
        let rights = api::table_rights(table).await?;
        Ok((me, status, rights))
    });
    let me = loaded
        .get()
        .map(|(me, _, _)| me.clone())
        .unwrap_or_default();
    let runs = loaded
        .get()
        .is_some_and(|(_, _, rights)| rights.may(Act::RunTable));
    // Shows what the background sync brings in, without a click.
    {
        let version = version.clone();
        use_effect_with((), move |_| {
            let interval = crate::timer::every(move || version.bump(), 5_000);
            move || drop(interval)
        });
    }
    let run = |share: bool| {
        let (table, folder, error, report, busy, version) = (
            p.table,
            folder.clone(),
            error.clone(),
            report.clone(),
            busy.clone(),
            version.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (folder, error, report, busy, version) = (
                (*folder).clone(),
                error.clone(),
                report.clone(),
                busy.clone(),
                version.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let r = if share {
                    api::share_table(table, folder).await
                } else {
                    api::sync_table(table).await
                };
                busy.set(false);
                match r {
                    Ok(r) => {
                        error.set(None);
                        report.set(Some(r));
                    }
                    Err(e) => error.set(Some(e)),
                }
                version.bump();
            });
        })
    };
    let body = match loaded.get().map(|(_, status, _)| status) {
        None => loaded.view("sync-status", |_| html! {}),
        Some(None) => html! {
            <form class="card form" id="share-form" onsubmit={run(true)} novalidate=true>
                <h2>{ i18n.t("sync-share-title") }</h2>
                <p class="hint">{ i18n.t("sync-share-intro") }</p>
                <Field id="sync-folder" label={i18n.t("sync-folder")} hint={i18n.t("sync-folder-hint")}
                    value={(*folder).clone()} oninput={let f = folder.clone(); Callback::from(move |v| f.set(v))} />
                <div class="actions start">
                    <button type="submit" id="share-submit" class="primary" disabled={*busy}>{ i18n.t("sync-share") }</button>
                </div>
            </form>
        },
        Some(Some(s)) => html! {
            <>
                <form class="card" id="sync-status" onsubmit={run(false)}>
                    <div class="page-head">
                        <h2>{ i18n.t("sync-title") }</h2>
                        <button type="submit" id="sync-now" class="primary" disabled={*busy}>{ i18n.t("sync-now") }</button>
                    </div>
                    <dl class="facts">
                        <dt>{ i18n.t("sync-folder") }</dt><dd id="sync-folder-path">{ &s.folder }</dd>
                        <dt>{ i18n.t("sync-last") }</dt>
                        <dd id="sync-last">{ s.last_sync.map(crate::clock::local_time).unwrap_or_else(|| i18n.t("sync-never")) }</dd>
                        <dt>{ i18n.t("sync-outbox") }</dt><dd id="sync-outbox">{ s.outbox }</dd>
                        <dt>{ i18n.t("sync-this-device") }</dt><dd class="fingerprint" id="sync-me">{ &me }</dd>
                    </dl>
                    if let Some(r) = report.as_ref() {
                        <p class="notice ok" id="sync-report" role="status">
                            { i18n.t_args("sync-report", &[("written", (r.written as i64).into()), ("applied", (r.applied as i64).into()), ("waiting", (r.waiting as i64).into())]) }
                        </p>
                        if r.pending > 0 {
                            <div class="progress" id="sync-progress">
                                <progress max={(r.read + r.pending).to_string()} value={r.read.to_string()} />
                                <span>{ i18n.t_args("sync-pending", &[("count", (r.pending as i64).into())]) }</span>
                            </div>
                        }
                    }
                    if let Some(problem) = s.last_error {
                        <p class="form-error" role="alert" id="sync-last-error">
                            { i18n.t_args(problem.message_id(), &[("folder", s.folder.as_str().into())]) }
                        </p>
                    }
                    if !s.warnings.is_empty() {
                        <h3>{ i18n.t("sync-warnings") }</h3>
                        <ul class="plain" id="sync-warnings">
                            { for s.warnings.iter().map(|w| html! {
                                <li><span class="badge warn">{ i18n.t("sync-set-aside") }</span>{ " " }<code>{ &w.file }</code>{ " — " }{ i18n.t(&format!("sync-reason-{}", w.reason.code())) }</li>
                            }) }
                        </ul>
                    }
                </form>
                <LivePanel table={p.table} />
                <div class="card">
                    <h2>{ i18n.t("sync-devices") }</h2>
                    <p class="hint">{ i18n.t("sync-devices-hint") }</p>
                    <table class="grid" id="device-list">
                        <thead><tr><th>{ i18n.t("sync-fingerprint") }</th><th>{ i18n.t("sync-label") }</th><th>{ i18n.t("sync-participant") }</th><th></th></tr></thead>
                        <tbody>
                            { for s.devices.iter().map(|DeviceView { fingerprint: fp, label, participant: who }| {
                                let mine = *fp == *me;
                                let confirming = confirm.as_deref() == Some(fp.as_str());
                                let onclick = {
                                    let (fp, confirm, error, version, table) =
                                        (fp.clone(), confirm.clone(), error.clone(), version.clone(), p.table);
                                    Callback::from(move |_| {
                                        if confirm.as_deref() != Some(fp.as_str()) {
                                            confirm.set(Some(fp.clone()));
                                            return;
                                        }
                                        let (fp, confirm, error, version) =
                                            (fp.clone(), confirm.clone(), error.clone(), version.clone());
                                        spawn_local(async move {
                                            match api::remove_device(table, fp).await {
                                                Ok(()) => error.set(None),
                                                Err(e) => error.set(Some(e)),
                                            }
                                            confirm.set(None);
                                            version.bump();
                                        });
                                    })
                                };
                                html! {
                                    <tr data-fingerprint={fp.clone()}>
                                        <td class="fingerprint">{ fp }{ if mine { html!{ <span class="badge neutral">{ i18n.t("sync-you") }</span> } } else { html!{} } }</td>
                                        <td>{ label }</td>
                                        <td>{ who }</td>
                                        <td>
                                            if runs && !mine {
                                                <button type="button" class={classes!("small", if confirming { "danger" } else { "secondary" })} {onclick}>
                                                    { i18n.t(if confirming { "sync-remove-confirm" } else { "sync-remove" }) }
                                                </button>
                                            }
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                if runs && !s.pending.is_empty() {
                    <div class="card highlight" id="pending-devices">
                        <h2>{ i18n.t("sync-pending-title") }</h2>
                        <p class="hint">{ i18n.t("sync-pending-hint") }</p>
                        <table class="grid">
                            <thead><tr><th>{ i18n.t("sync-fingerprint") }</th><th>{ i18n.t("sync-label") }</th><th>{ i18n.t("sync-participant") }</th><th></th></tr></thead>
                            <tbody>
                                { for s.pending.iter().map(|DeviceView { fingerprint: fp, label, participant: who }| {
                                    let decide = |admit: bool| {
                                        let (fp, error, version, table, report) =
                                            (fp.clone(), error.clone(), version.clone(), p.table, report.clone());
                                        Callback::from(move |_| {
                                            let (fp, error, version, report) =
                                                (fp.clone(), error.clone(), version.clone(), report.clone());
                                            spawn_local(async move {
                                                let r = if admit {
                                                    api::admit_device(table, fp).await.map(|r| report.set(Some(r)))
                                                } else {
                                                    api::refuse_device(table, fp).await
                                                };
                                                match r {
                                                    Ok(()) => error.set(None),
                                                    Err(e) => error.set(Some(e)),
                                                }
                                                version.bump();
                                            });
                                        })
                                    };
                                    html! {
                                        <tr data-fingerprint={fp.clone()}>
                                            <td class="fingerprint strong">{ fp }</td>
                                            <td>{ label }</td>
                                            <td>{ who }</td>
                                            <td class="nowrap">
                                                <button type="button" class="primary small admit" onclick={decide(true)}>{ i18n.t("sync-admit") }</button>
                                                { " " }
                                                <button type="button" class="secondary small refuse" onclick={decide(false)}>{ i18n.t("sync-refuse") }</button>
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
                if runs {
                    <InviteForm table={p.table} />
                }
            </>
        },
    };
    html! {
        <div class="tab" id="sync-tab">
            { body }
            <div>{ general_error(&i18n, &error) }</div>
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct InviteProps {
    table: TableId,
}

#[function_component(InviteForm)]
fn invite_form(p: &InviteProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let chosen = use_state(|| None::<ParticipantId>);
    let code = use_state(|| None::<InviteCode>);
    let error = use_state(|| None::<ApiError>);
    let people = use_load(p.table, api::list_participants);
    let on_pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            chosen.set(v.parse().ok());
        })
    };
    let onsubmit = {
        let (table, chosen, code, error) = (p.table, chosen.clone(), code.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (code, error) = (code.clone(), error.clone());
            let Some(who) = *chosen else {
                error.set(Some(ApiError::Invalid {
                    errors: vec![casustafel_domain::FieldError::new(
                        casustafel_domain::Field::Name,
                        casustafel_domain::Problem::Required,
                    )],
                }));
                return;
            };
            spawn_local(async move {
                match api::invite_device(table, who).await {
                    Ok(c) => {
                        error.set(None);
                        code.set(Some(c));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    html! {
        <form class="card form" id="invite-form" {onsubmit} novalidate=true>
            <h2>{ i18n.t("sync-invite-title") }</h2>
            <p class="hint">{ i18n.t("sync-invite-intro") }</p>
            <div class="field">
                <label class="label" for="invite-participant">{ i18n.t("sync-participant") }</label>
                <select id="invite-participant" onchange={on_pick}>
                    <option value="" selected={chosen.is_none()}>{ i18n.t("sync-pick-participant") }</option>
                    { for people.get().into_iter().flatten().map(|pp| html! {
                        <option value={pp.id.to_string()} selected={*chosen == Some(pp.id)}>{ &pp.name }</option>
                    }) }
                </select>
                { people.failure("invite-participant") }
            </div>
            <div class="actions start">
                <button type="submit" id="invite-submit" class="primary">{ i18n.t("sync-invite") }</button>
            </div>
            <div>{ general_error(&i18n, &error) }</div>
            if let Some(c) = code.as_ref() {
                <div class="invite-code">
                    <p class="code" id="invite-code">{ &c.code }</p>
                    { qr(&c.code) }
                    <p class="hint">{ i18n.t_args("sync-invite-expires", &[("when", crate::clock::local_time(c.expires).into())]) }</p>
                </div>
            }
        </form>
    }
}

/// The code as a QR code, drawn with SVG rectangles.
fn qr(text: &str) -> Html {
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else {
        return html! {};
    };
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 8;
    html! {
        <svg class="qr" id="invite-qr" viewBox={format!("0 0 {size} {size}")} width="180" height="180" shape-rendering="crispEdges" role="img" aria-label={text.to_string()}>
            <rect x="0" y="0" width={size.to_string()} height={size.to_string()} fill="#fff" />
            { for colors.iter().enumerate().filter(|(_, c)| **c == qrcode::Color::Dark).map(|(i, _)| html! {
                <rect x={(i % width + 4).to_string()} y={(i / width + 4).to_string()} width="1" height="1" fill="#1a2933" />
            }) }
        </svg>
    }
}
