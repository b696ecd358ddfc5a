//! The disclosure ledger (verstrekkingsregister) of a table: every report that left the app, with
//! what, when, by whom, to whom and how. Read-only: the ledger cannot be edited.

use casustafel_domain::disclosure::Disclosure;
use casustafel_domain::{format_date, Lang, TableId};
use yew::prelude::*;

use crate::api;
use crate::i18n::I18n;
use crate::load::use_load;

#[derive(Debug, Properties, PartialEq)]
pub struct DisclosuresProps {
    pub table: TableId,
}

#[function_component(DisclosuresTab)]
pub fn disclosures_tab(p: &DisclosuresProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let list = use_load(p.table, api::list_disclosures);
    html! {
        <div class="tab" id="disclosures-tab">
            <div class="card">
                <h2>{ i18n.t("disclosures-title") }</h2>
                <p class="hint">{ i18n.t("disclosures-hint") }</p>
                { list.view("disclosure-list", |l: &Vec<Disclosure>| match l {
                    l if l.is_empty() => html! { <p class="empty">{ i18n.t("disclosures-empty") }</p> },
                    l => html! {
                        <table class="grid" id="disclosure-list">
                            <thead><tr>
                                <th>{ i18n.t("disclosure-when") }</th>
                                <th>{ i18n.t("disclosure-what") }</th>
                                <th>{ i18n.t("disclosure-to") }</th>
                                <th>{ i18n.t("disclosure-by") }</th>
                                <th>{ i18n.t("disclosure-how") }</th>
                            </tr></thead>
                            <tbody>
                                { for l.iter().map(|d| {
                                    html! {
                                        <tr>
                                            <td>{ crate::clock::local_time(d.at) }</td>
                                            <td>{ i18n.t_args(&format!("disclosure-kind-{}", d.kind.code()), &[("date", format_date(d.meeting_date).into())]) }</td>
                                            <td class="strong">{ &d.recipient }</td>
                                            <td>{ &d.actor }</td>
                                            <td>
                                                { i18n.t(&format!("disclosure-channel-{}", d.channel.code())) }
                                                if !d.file_name.is_empty() {
                                                    <div class="muted small" title={d.sha256.clone()}>{ &d.file_name }</div>
                                                }
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    },
                }) }
            </div>
        </div>
    }
}
