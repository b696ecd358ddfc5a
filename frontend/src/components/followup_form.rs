//! The follow-up of a case — risk, track, partners, casusregisseur, phenomena, next review — on the
//! case page, and per case in a running meeting (where it also records who presented the case).

use std::rc::Rc;

use casustafel_api::ApiError;
use casustafel_domain::case::{Case, CaseUpdate, RiskLevel, Track};
use casustafel_domain::organisation::Organisation;
use casustafel_domain::participant::Participant;
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::{
    format_date, Field as F, Lang, MeetingId, OrganisationId, ParticipantId, Table,
};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::field::{error_list, errors_for, general_error, radios, Field};
use crate::components::form::{apply, text, toggle, Form};
use crate::i18n::I18n;

#[derive(Debug, Properties, PartialEq)]
pub struct UpdateProps {
    pub case: Case,
    pub table: Table,
    pub phenomena: Vec<Phenomenon>,
    pub orgs: Vec<Organisation>,
    pub people: Vec<Participant>,
    pub on_saved: Callback<()>,
    /// Set when the follow-up is decided in a meeting: it is then recorded in that meeting too,
    /// with who presented the case.
    #[prop_or_default]
    pub meeting: Option<MeetingId>,
    #[prop_or_default]
    pub presenter: Option<ParticipantId>,
    /// Prefix of every element id, so several forms can share a screen.
    #[prop_or_default]
    pub prefix: AttrValue,
}

#[function_component(CaseUpdateForm)]
pub fn case_update_form(p: &UpdateProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = {
        let c = p.case.clone();
        use_reducer(move || {
            Form(CaseUpdate {
                phenomena: c.phenomena,
                risk: c.risk,
                track: c.track,
                partners: c.partners,
                casusregisseur: c.casusregisseur,
                next_review: c.next_review.map(format_date).unwrap_or_default(),
            })
        })
    };
    let error = use_state(|| None::<ApiError>);
    let presenter = use_state(|| p.presenter);
    let saved = use_state(|| false);
    let onsubmit = {
        let (form, error, id, on_saved, meeting, presenter, saved) = (
            form.clone(),
            error.clone(),
            p.case.id,
            p.on_saved.clone(),
            p.meeting,
            presenter.clone(),
            saved.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (u, error, on_saved, who, saved) = (
                form.0.clone(),
                error.clone(),
                on_saved.clone(),
                *presenter,
                saved.clone(),
            );
            spawn_local(async move {
                let result = match meeting {
                    Some(m) => api::save_followup(m, id, who, u).await,
                    None => api::update_case(id, u).await,
                };
                saved.set(result.is_ok());
                match result {
                    Ok(_) => {
                        error.set(None);
                        on_saved.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let err = |f: F| errors_for(&i18n, &error, f);
    let px = p.prefix.clone();
    let pid = move |s: &str| format!("{px}{s}");
    let risks: Vec<_> = RiskLevel::ALL
        .iter()
        .map(|r| {
            (
                *r,
                pid(&format!("risk-{}", r.code())),
                i18n.t(&format!("risk-{}", r.code())),
            )
        })
        .collect();
    let tracks: Vec<_> = Track::ALL
        .iter()
        .map(|t| {
            (
                *t,
                pid(&format!("track-{}", t.code())),
                i18n.t(&format!("track-{}", t.code())),
            )
        })
        .collect();
    let regisseurs: Vec<_> = p
        .people
        .iter()
        .map(|pp| (pp.id, pid(&format!("regisseur-{}", pp.id)), pp.name.clone()))
        .collect();
    let pick_risk = {
        let form = form.clone();
        Callback::from(move |r: RiskLevel| {
            form.dispatch(Rc::new(move |d: &mut CaseUpdate| d.risk = Some(r)))
        })
    };
    let pick_track = {
        let form = form.clone();
        Callback::from(move |t: Track| {
            form.dispatch(Rc::new(move |d: &mut CaseUpdate| d.track = Some(t)))
        })
    };
    let presenters: Vec<_> = p
        .people
        .iter()
        .map(|pp| (pp.id, pid(&format!("presenter-{}", pp.id)), pp.name.clone()))
        .collect();
    let pick_presenter = {
        let presenter = presenter.clone();
        Callback::from(move |id: ParticipantId| presenter.set(Some(id)))
    };
    let pick_regisseur = {
        let form = form.clone();
        Callback::from(move |id: ParticipantId| {
            form.dispatch(Rc::new(move |d: &mut CaseUpdate| {
                d.casusregisseur = Some(id)
            }))
        })
    };
    html! {
        <form class={classes!("form", p.meeting.is_none().then_some("card"))} id={pid("case-form")} {onsubmit} novalidate=true>
            if p.meeting.is_none() {
                <h2>{ i18n.t("case-follow-up") }</h2>
            } else {
                <div class="field">
                    <span class="label">{ i18n.t("followup-presenter") }</span>
                    { radios("presenter", &presenters, *presenter, pick_presenter) }
                </div>
            }
            <div class="field">
                <span class="label">{ i18n.t("case-risk") }</span>
                { radios("risk", &risks, form.0.risk, pick_risk) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("case-track") }</span>
                { radios("track", &tracks, form.0.track, pick_track) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("case-partners") }</span>
                <div class="checks">
                    { for p.orgs.iter().map(|o| {
                        let id: OrganisationId = o.id;
                        let dom = pid(&format!("partner-{}", o.id));
                        html! {
                            <label class="radio" for={dom.clone()}>
                                <input type="checkbox" id={dom} checked={form.0.partners.contains(&id)}
                                    onchange={apply(&form, move |d: &mut CaseUpdate| toggle(&mut d.partners, id))} />
                                <span>{ &o.name }</span>
                            </label>
                        }
                    }) }
                </div>
                { error_list(&pid("case-partners-error"), &err(F::Partners)) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("case-regisseur") }</span>
                if p.people.is_empty() {
                    <p class="hint">{ i18n.t("case-regisseur-none") }</p>
                }
                { radios("regisseur", &regisseurs, form.0.casusregisseur, pick_regisseur) }
                { error_list(&pid("case-regisseur-error"), &err(F::Casusregisseur)) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("form-phenomena") }</span>
                <div class="checks">
                    { for p.phenomena.iter().filter(|ph| p.table.settings.phenomena.contains(&ph.id) || form.0.phenomena.contains(&ph.id)).map(|ph| {
                        let id = ph.id;
                        let dom = pid(&format!("cphen-{}", ph.key.clone().unwrap_or_else(|| ph.id.to_string())));
                        html! {
                            <label class="radio" for={dom.clone()}>
                                <input type="checkbox" id={dom} checked={form.0.phenomena.contains(&id)}
                                    onchange={apply(&form, move |d: &mut CaseUpdate| toggle(&mut d.phenomena, id))} />
                                <span>{ i18n.phenomenon(ph) }</span>
                            </label>
                        }
                    }) }
                </div>
                { error_list(&pid("case-phenomena-error"), &err(F::Phenomena)) }
            </div>
            <Field id={pid("next-review")} label={i18n.t("case-next-review")} placeholder={i18n.t("form-date-hint")}
                value={form.0.next_review.clone()} oninput={text(&form, |d, v| d.next_review = v)}
                errors={err(F::NextReview)} />
            { general_error(&i18n, &error) }
            <div class="actions">
                <button type="submit" id={pid("case-submit")} class="primary">{ i18n.t(if p.meeting.is_some() { "followup-save" } else { "case-save" }) }</button>
                if *saved {
                    <span class="save-state" id={pid("case-saved")}>{ i18n.t("autosave-saved") }</span>
                }
            </div>
        </form>
    }
}
