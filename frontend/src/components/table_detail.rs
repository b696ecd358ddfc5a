//! One case table: its legal frame at a glance.

use casustafel_domain::rights::Act;
use casustafel_domain::{format_date, Lang, TableId};
use yew::prelude::*;

use crate::api;
use crate::components::cases::CasesTab;
use crate::components::disclosures::DisclosuresTab;
use crate::components::meetings::MeetingsTab;
use crate::components::participants::ParticipantsTab;
use crate::components::referrals::ReferralsTab;
use crate::components::sync_panel::SyncTab;
use crate::components::table_form::TableForm;
use crate::components::tables::legal_basis_badge;
use crate::i18n::I18n;
use crate::load::{use_load, use_version};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Overview,
    Participants,
    Referrals,
    Cases,
    Meetings,
    Disclosures,
    Sync,
}

#[derive(Debug, Properties, PartialEq)]
pub struct DetailProps {
    pub id: TableId,
    pub on_back: Callback<()>,
}

#[function_component(TableDetail)]
pub fn table_detail(p: &DetailProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let editing = use_state(|| false);
    let tab = use_state(|| Tab::Overview);
    // Bumped after an edit is saved, to load the table again.
    let version = use_version();
    // The table, what this device may do here (the rulebook) and the phenomena: nothing is shown
    // or offered before all three are known.
    let detail = use_load((p.id, version.get()), |(id, _)| async move {
        let table = api::get_table(id).await?;
        let rights = api::table_rights(id).await?;
        let phenomena = api::list_phenomena().await?;
        Ok((table, rights, phenomena))
    });
    let back = html! {
        <button type="button" id="back" class="link" onclick={p.on_back.reform(|_| ())}>
            { i18n.t("detail-back") }
        </button>
    };
    let Some((t, rights, phenomena)) = detail.get().cloned() else {
        return html! {
            <section class="page" id="table-detail">
                { back }
                { detail.view("table-detail", |_| html! {}) }
            </section>
        };
    };
    // Shared from another device that runs it: its register is read-only here.
    let read_only = !rights.may(Act::KeepRegister);
    if *editing {
        let on_saved = {
            let (editing, version) = (editing.clone(), version.clone());
            Callback::from(move |_| {
                version.bump();
                editing.set(false);
            })
        };
        let on_cancel = {
            let editing = editing.clone();
            Callback::from(move |_| editing.set(false))
        };
        return html! { <TableForm existing={t.clone()} {on_saved} {on_cancel} /> };
    }
    let start_edit = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(true))
    };
    let tabs = html! {
        <div class="tabs" role="tablist">
            { for [(Tab::Overview, "tab-overview"), (Tab::Participants, "tab-participants"), (Tab::Referrals, "tab-referrals"), (Tab::Cases, "tab-cases"), (Tab::Meetings, "tab-meetings"), (Tab::Disclosures, "tab-disclosures"), (Tab::Sync, "tab-sync")]
                .into_iter().map(|(t, key)| {
                    let tab_handle = tab.clone();
                    html! {
                        <button type="button" role="tab" id={key} class={classes!((*tab == t).then_some("active"))}
                            aria-selected={(*tab == t).to_string()} onclick={Callback::from(move |_| tab_handle.set(t))}>
                            { i18n.t(key) }
                        </button>
                    }
                }) }
        </div>
    };
    if *tab != Tab::Overview {
        let inner = match *tab {
            Tab::Participants => {
                html! { <ParticipantsTab table={t.id} read_only={read_only} /> }
            }
            Tab::Referrals => html! {
                <ReferralsTab table={t.clone()} phenomena={phenomena.clone()} read_only={read_only} />
            },
            Tab::Meetings => html! {
                <MeetingsTab table={t.clone()} phenomena={phenomena.clone()} rights={rights} />
            },
            Tab::Disclosures => html! { <DisclosuresTab table={t.id} /> },
            Tab::Sync => html! { <SyncTab table={t.id} /> },
            _ => html! { <CasesTab table={t.clone()} phenomena={phenomena.clone()} /> },
        };
        return html! {
            <section class="page" id="table-detail">
                { back }
                <h1 id="table-detail-name">{ &t.name }</h1>
                { shared_notice(&i18n, read_only) }
                { tabs }
                { inner }
            </section>
        };
    }
    let body = {
        let today = crate::clock::today();
        let lb = &t.legal_basis;
        html! {
            <article class="card detail">
                <div class="page-head">
                    <h1 id="table-detail-name">{ &t.name }</h1>
                    if !read_only {
                        <button type="button" id="edit-table" class="secondary" onclick={start_edit}>
                            { i18n.t("detail-edit") }
                        </button>
                    }
                </div>
                { shared_notice(&i18n, read_only) }
                <p class="muted">{ i18n.t_args("detail-created", &[("date", format_date(t.created_at.date_naive()).into())]) }</p>
                <dl>
                    <dt>{ i18n.t("detail-kind") }</dt>
                    <dd id="detail-kind">{ i18n.t(&format!("kind-{}", t.kind.code())) }</dd>
                    <dt>{ i18n.t("detail-municipalities") }</dt>
                    <dd id="detail-municipalities">
                        { for t.municipalities.iter().map(|m| html! {
                            <span class="chip">{ format!("{} ({})", m.name, m.nis_code) }</span>
                        }) }
                    </dd>
                    <dt>{ i18n.t("detail-legal-basis") }</dt>
                    <dd id="detail-legal-basis">
                        <strong>{ i18n.t(&format!("lbkind-{}", lb.kind.code())) }</strong>
                        { " — " }{ &lb.reference }
                        <br/>
                        { format!("{}: {}", i18n.t("detail-lb-date"), format_date(lb.date)) }
                        { " · " }
                        { format!("{}: {}", i18n.t("detail-lb-expiry"),
                            lb.expiry.map(format_date).unwrap_or_else(|| i18n.t("detail-lb-no-expiry"))) }
                        <br/>
                        { today.map(|d| legal_basis_badge(&i18n, lb.status(d))).unwrap_or_default() }
                    </dd>
                    <dt>{ i18n.t("detail-finality") }</dt>
                    <dd id="detail-finality" class="prose">{ &t.finality }</dd>
                    <dt>{ i18n.t("detail-phenomena") }</dt>
                    <dd id="detail-phenomena">
                        { for phenomena.iter().filter(|ph| t.settings.phenomena.contains(&ph.id)).map(|ph| html! {
                            <span class="chip">{ i18n.phenomenon(ph) }</span>
                        }) }
                    </dd>
                    <dt>{ i18n.t("detail-case-prefix") }</dt>
                    <dd id="detail-case-prefix"><code>{ format!("{}-…", t.settings.case_prefix) }</code></dd>
                    <dt>{ i18n.t("detail-criteria") }</dt>
                    <dd id="detail-criteria">
                        if t.settings.admission_criteria.is_empty() {
                            <span class="muted">{ i18n.t("detail-none") }</span>
                        } else {
                            <ul class="plain">
                                { for t.settings.admission_criteria.iter().map(|c| html! { <li>{ c }</li> }) }
                            </ul>
                        }
                    </dd>
                    <dt>{ i18n.t("detail-modalities") }</dt>
                    <dd id="detail-modalities" class="prose">
                        if t.settings.modalities.is_empty() {
                            <span class="muted">{ i18n.t("detail-none") }</span>
                        } else {
                            { &t.settings.modalities }
                        }
                    </dd>
                    <dt>{ i18n.t("detail-retention") }</dt>
                    <dd id="detail-retention">
                        { i18n.t_args("detail-retention-months", &[("months", t.settings.retention_months.into())]) }
                    </dd>
                    <dt>{ i18n.t("detail-cadence") }</dt>
                    <dd id="detail-cadence">
                        { t.settings.cadence_weeks
                            .map(|w| i18n.t_args("detail-cadence-weeks", &[("weeks", w.into())]))
                            .unwrap_or_else(|| i18n.t("detail-none")) }
                    </dd>
                </dl>
            </article>
        }
    };
    html! {
        <section class="page" id="table-detail">
            { back }
            { tabs }
            { body }
        </section>
    }
}

/// Said on a table this device receives from the chair's device.
fn shared_notice(i18n: &I18n, read_only: bool) -> Html {
    if read_only {
        html! { <p class="notice info" id="shared-notice">{ i18n.t("sync-shared-notice") }</p> }
    } else {
        html! {}
    }
}
