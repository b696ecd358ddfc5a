//! Live sync in the meeting room (on tab *Synchronisatie*): the addresses at which this device
//! can be reached, the table's devices on the network (seen, connected, lost, refused — and why),
//! when something last went either way, and connecting by typing another device's address where
//! the network does not let devices find each other.

use casustafel_api::sync::PeerState;
use casustafel_domain::{Field as F, Lang, TableId};
use yew::prelude::*;

use crate::api;
use crate::components::field::{errors_for, general_error, Field};
use crate::components::form::{kept, text, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;
use crate::load::{use_load, use_version};

#[derive(Debug, Properties, PartialEq)]
pub struct LiveProps {
    pub table: TableId,
}

#[function_component(LivePanel)]
pub fn live_panel(p: &LiveProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let address = use_reducer(Form::<String>::default);
    let asked = use_state(|| false);
    let tick = use_version();
    // Asked again every 1.5 s (the tick): who is connected changes without any edit.
    let status = use_load((p.table, tick.get()), |(table, _)| api::live_status(table));
    {
        let tick = tick.clone();
        use_effect_with((), move |_| {
            let interval = crate::timer::every(move || tick.bump(), 1_500);
            move || drop(interval)
        });
    }
    let FormSubmit {
        onsubmit,
        error,
        busy,
    } = {
        let (table, asked, tick) = (p.table, asked.clone(), tick.clone());
        use_form_submit(
            &address,
            move |text| api::live_connect(table, text),
            kept,
            Callback::from(move |()| {
                asked.set(true);
                tick.bump();
            }),
        )
    };
    let Some(s) = status.get() else {
        return html! {};
    };
    if !s.running {
        return html! {
            <div class="card" id="live-panel">
                <h2>{ i18n.t("live-title") }</h2>
                <p class="hint">{ i18n.t("error-sync-live-off") }</p>
            </div>
        };
    }
    let field_errors = errors_for(&i18n, &error, F::PeerAddress);
    let other_error = if field_errors.is_empty() {
        general_error(&i18n, &error)
    } else {
        html! {}
    };
    html! {
        <div class="card" id="live-panel">
            <h2>{ i18n.t("live-title") }</h2>
            <p class="hint">{ i18n.t("live-intro") }</p>
            <dl class="facts">
                <dt>{ i18n.t("live-my-address") }</dt>
                <dd id="live-addresses">
                    if s.addresses.is_empty() {
                        { i18n.t("live-no-network") }
                    } else {
                        { for s.addresses.iter().map(|a| html! { <code class="address">{ a }</code> }) }
                    }
                </dd>
            </dl>
            if s.peers.is_empty() {
                <p class="empty" id="live-no-peers">{ i18n.t("live-no-peers") }</p>
            } else {
                <table class="grid" id="live-peers">
                    <thead><tr>
                        <th>{ i18n.t("live-device") }</th>
                        <th>{ i18n.t("live-address") }</th>
                        <th>{ i18n.t("live-state") }</th>
                        <th>{ i18n.t("live-last-exchange") }</th>
                    </tr></thead>
                    <tbody>
                        { for s.peers.iter().map(|peer| {
                            // The device's name, and whose it is when the name does not say so.
                            let who = match (&peer.fingerprint, peer.label.is_empty()) {
                                (Some(_), false) if peer.name.is_empty() || peer.label.contains(&peer.name) => peer.label.clone(),
                                (Some(_), false) => format!("{} — {}", peer.label, peer.name),
                                (Some(fp), true) => fp.clone(),
                                (None, _) => i18n.t("live-unknown-device"),
                            };
                            let badge = match peer.state {
                                PeerState::Connected => "ok",
                                PeerState::Refused => "danger",
                                PeerState::Lost => "warn",
                                PeerState::Seen => "neutral",
                            };
                            html! {
                                <tr data-state={peer.state.code()} data-fingerprint={peer.fingerprint.clone().unwrap_or_default()}>
                                    <td>
                                        { who }
                                        if let Some(fp) = &peer.fingerprint {
                                            <div class="fingerprint small">{ fp }</div>
                                        }
                                    </td>
                                    <td><code>{ &peer.address }</code></td>
                                    <td>
                                        <span class={classes!("badge", badge)}>{ i18n.t(&format!("live-state-{}", peer.state.code())) }</span>
                                        if let Some(r) = peer.reason {
                                            <div class="reason">{ i18n.t(&format!("live-reason-{}", r.code().replace('_', "-"))) }</div>
                                        }
                                    </td>
                                    <td class="nowrap">{ peer.last_exchange.map(crate::clock::local_clock).unwrap_or_else(|| "—".into()) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
            <form class="form inline" id="live-connect" {onsubmit} novalidate=true>
                <Field id="live-address" label={i18n.t("live-connect-label")} hint={i18n.t("live-connect-hint")}
                    value={address.0.clone()} errors={field_errors}
                    oninput={text(&address, |a, v| *a = v)} />
                <div class="actions start">
                    <button type="submit" id="live-connect-submit" class="secondary" disabled={busy}>{ i18n.t("live-connect") }</button>
                </div>
                if *asked && error.is_none() && !s.peers.iter().any(|p| p.state == PeerState::Connected) {
                    <p class="notice ok" role="status" id="live-connect-asked">{ i18n.t("live-connect-asked") }</p>
                }
                { other_error }
            </form>
        </div>
    }
}
