//! Tab *Synchronisatie* of a table: share it through a folder, see when it last synced and what
//! waits, the enrolled devices with their fingerprints, and (for the chair) invite a participant's
//! device with a one-time code, shown as text and as a QR code.

use casustafel_api::sync::{DeviceView, InviteCode, SyncReport};
use casustafel_api::ApiError;
use casustafel_domain::rights::Act;
use casustafel_domain::{Lang, ParticipantId, TableId};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::api;
use crate::components::field::{general_error, Field};
use crate::components::form::{kept, text, use_form_submit, Form};
use crate::components::live_panel::LivePanel;
use crate::i18n::I18n;
use crate::load::{use_load, use_submit, use_version};

#[derive(Debug, Properties, PartialEq)]
pub struct SyncProps {
    pub table: TableId,
}

#[function_component(SyncTab)]
pub fn sync_tab(p: &SyncProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let folder = use_reducer(Form::<String>::default);
    let report = use_state(|| None::<SyncReport>);
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
        .is_some_and(|(_, _, rights)| rights.may(Act::KeepRegister));
    // Shows what the background sync brings in, without a click.
    {
        let version = version.clone();
        use_effect_with((), move |_| {
            let interval = crate::timer::every(move || version.bump(), 5_000);
            move || drop(interval)
        });
    }
    // What each send brought: the pass's report is shown, and the tab reloads.
    let reported = {
        let (report, version) = (report.clone(), version.clone());
        Callback::from(move |r: SyncReport| {
            report.set(Some(r));
            version.bump();
        })
    };
    let table = p.table;
    let share = use_form_submit(
        &folder,
        move |f| api::share_table(table, f),
        kept,
        reported.clone(),
    );
    let sync_now = use_submit(move |()| api::sync_table(table), reported.clone());
    let remove = {
        let (confirm, version) = (confirm.clone(), version.clone());
        use_submit(
            move |fp| api::remove_device(table, fp),
            Callback::from(move |()| {
                confirm.set(None);
                version.bump();
            }),
        )
    };
    let admit = use_submit(move |fp| api::admit_device(table, fp), reported);
    let refuse = use_submit(move |fp| api::refuse_device(table, fp), version.bumper());
    let busy = share.busy || sync_now.busy;
    let run_now = sync_now.send.reform(|e: SubmitEvent| e.prevent_default());
    let body = match loaded.get().map(|(_, status, _)| status) {
        None => loaded.view("sync-status", |_| html! {}),
        Some(None) => html! {
            <form class="card form" id="share-form" onsubmit={share.onsubmit.clone()} novalidate=true>
                <h2>{ i18n.t("sync-share-title") }</h2>
                <p class="hint">{ i18n.t("sync-share-intro") }</p>
                <Field id="sync-folder" label={i18n.t("sync-folder")} hint={i18n.t("sync-folder-hint")}
                    value={folder.0.clone()} oninput={text(&folder, |f, v| *f = v)} />
                <div class="actions start">
                    <button type="submit" id="share-submit" class="primary" disabled={busy}>{ i18n.t("sync-share") }</button>
                </div>
            </form>
        },
        Some(Some(s)) => html! {
            <>
                <form class="card" id="sync-status" onsubmit={run_now}>
                    <div class="page-head">
                        <h2>{ i18n.t("sync-title") }</h2>
                        <button type="submit" id="sync-now" class="primary" disabled={busy}>{ i18n.t("sync-now") }</button>
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
                                    let (fp, confirm, send) = (fp.clone(), confirm.clone(), remove.send.clone());
                                    Callback::from(move |_| {
                                        // The first click asks; the second removes.
                                        if confirm.as_deref() != Some(fp.as_str()) {
                                            confirm.set(Some(fp.clone()));
                                        } else {
                                            send.emit(fp.clone());
                                        }
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
                                    let decide = |send: &Callback<String>| {
                                        let (fp, send) = (fp.clone(), send.clone());
                                        Callback::from(move |_| send.emit(fp.clone()))
                                    };
                                    html! {
                                        <tr data-fingerprint={fp.clone()}>
                                            <td class="fingerprint strong">{ fp }</td>
                                            <td>{ label }</td>
                                            <td>{ who }</td>
                                            <td class="nowrap">
                                                <button type="button" class="primary small admit" onclick={decide(&admit.send)}>{ i18n.t("sync-admit") }</button>
                                                { " " }
                                                <button type="button" class="secondary small refuse" onclick={decide(&refuse.send)}>{ i18n.t("sync-refuse") }</button>
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
            <div>
                { for [&share.error, &sync_now.error, &remove.error, &admit.error, &refuse.error]
                    .into_iter()
                    .map(|e| general_error(&i18n, e)) }
            </div>
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
    let people = use_load(p.table, api::list_participants);
    let on_pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            chosen.set(v.parse().ok());
        })
    };
    let invite = {
        let (table, code) = (p.table, code.clone());
        use_submit(
            move |who: Option<ParticipantId>| async move {
                match who {
                    Some(who) => api::invite_device(table, who).await,
                    None => Err(ApiError::Invalid {
                        errors: vec![casustafel_domain::FieldError::new(
                            casustafel_domain::Field::Name,
                            casustafel_domain::Problem::Required,
                        )],
                    }),
                }
            },
            Callback::from(move |c| code.set(Some(c))),
        )
    };
    let onsubmit = {
        let (chosen, send) = (chosen.clone(), invite.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send.emit(*chosen);
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
                <button type="submit" id="invite-submit" class="primary" disabled={invite.busy}>{ i18n.t("sync-invite") }</button>
            </div>
            <div>{ general_error(&i18n, &invite.error) }</div>
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
