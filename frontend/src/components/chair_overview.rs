//! Before the next meeting, the chair sees on one card what needs attention: actions past their
//! due date and cases whose review date has come.

use casustafel_domain::meeting::ChairOverview;
use casustafel_domain::{format_date, Lang, TableId};
use yew::prelude::*;

use crate::api;
use crate::components::cases::risk_badge;
use crate::i18n::I18n;
use crate::load::use_load;

#[derive(Debug, Properties, PartialEq)]
pub struct OverviewProps {
    pub table: TableId,
    /// Bumped by the parent after a change, to load again.
    pub version: u32,
}

#[function_component(ChairOverviewCard)]
pub fn chair_overview_card(p: &OverviewProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let overview = use_load((p.table, p.version), |(table, _)| {
        api::chair_overview(table)
    });
    overview.view("chair-overview", |o: &ChairOverview| html! {
        <div class="card" id="chair-overview">
            <h2>{ i18n.t("overview-title") }</h2>
            <div class="row two">
                <div>
                    <h3>{ i18n.t_args("overview-overdue", &[("count", (o.overdue_actions.len() as i64).into())]) }</h3>
                    if o.overdue_actions.is_empty() {
                        <p class="empty">{ i18n.t("overview-overdue-none") }</p>
                    } else {
                        <ul class="plain" id="overview-overdue">
                            { for o.overdue_actions.iter().map(|a| html! {
                                <li>
                                    <span class="strong">{ &a.case_code }</span>{ " — " }{ &a.what }
                                    <span class="badge bad">{ i18n.t_args("action-overdue-since", &[("date", format_date(a.due).into())]) }</span>
                                </li>
                            }) }
                        </ul>
                    }
                </div>
                <div>
                    <h3>{ i18n.t_args("overview-review", &[("count", (o.review_due.len() as i64).into())]) }</h3>
                    if o.review_due.is_empty() {
                        <p class="empty">{ i18n.t("overview-review-none") }</p>
                    } else {
                        <ul class="plain" id="overview-review">
                            { for o.review_due.iter().map(|c| html! {
                                <li>
                                    <span class="strong">{ &c.code }</span>{ " " }
                                    { risk_badge(&i18n, c.risk) }
                                    <span class="muted small">{ i18n.t_args("overview-review-since", &[("date", c.next_review.map(format_date).unwrap_or_default().into())]) }</span>
                                </li>
                            }) }
                        </ul>
                    }
                </div>
            </div>
        </div>
    })
}
