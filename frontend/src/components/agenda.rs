//! The agenda of a planned or running meeting: the chair moves items, removes them, adds a case of
//! the table or a theme. After the meeting, the agenda is shown as it was held.

use casustafel_domain::agenda::AgendaEdit;
use casustafel_domain::meeting::{MeetingStatus, MeetingView};
use casustafel_domain::{Field as F, Lang};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::api;
use crate::components::field::{error_list, errors_for, general_error, Field};
use crate::i18n::I18n;
use crate::load::{use_load, use_send, Submit};

#[derive(Debug, Properties, PartialEq)]
pub struct AgendaProps {
    pub view: MeetingView,
    pub on_changed: Callback<()>,
    /// The table is run from another device: the agenda is shown, not edited.
    #[prop_or_default]
    pub read_only: bool,
}

#[function_component(AgendaEditor)]
pub fn agenda_editor(p: &AgendaProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let theme = use_state(String::new);
    let m = &p.view.meeting;
    let editable =
        !p.read_only && matches!(m.status, MeetingStatus::Planned | MeetingStatus::InSession);
    // The open cases that can be put on the agenda, asked only while it can be edited.
    let cases = use_load((m.table_id, editable), |(table, editable)| async move {
        match editable {
            true => api::open_cases(table).await,
            false => Ok(Vec::new()),
        }
    });
    // Every edit is sent (a fast second move is not lost); a theme added empties its field.
    let Submit {
        send: edit, error, ..
    } = {
        let (id, on_changed, theme) = (m.id, p.on_changed.clone(), theme.clone());
        use_send(
            move |e: AgendaEdit| {
                let adds_theme = matches!(e, AgendaEdit::AddTheme { .. });
                async move { api::edit_agenda(id, e).await.map(|_| adds_theme) }
            },
            Callback::from(move |adds_theme| {
                if adds_theme {
                    theme.set(String::new());
                }
                on_changed.emit(());
            }),
        )
    };
    let on_theme = {
        let (edit, theme) = (edit.clone(), theme.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            edit.emit(AgendaEdit::AddTheme {
                title: (*theme).clone(),
            });
        })
    };
    let on_case = {
        let edit = edit.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            if let Ok(case) = select.value().parse() {
                edit.emit(AgendaEdit::AddCase { case });
            }
            select.set_value("");
        })
    };
    let last = p.view.agenda.len().saturating_sub(1);
    let on_agenda: Vec<_> = p.view.agenda.iter().filter_map(|i| i.case_id).collect();
    html! {
        <div id="agenda-editor">
            <h3>{ i18n.t("meeting-agenda") }</h3>
            if p.view.agenda.is_empty() {
                <p class="empty">{ i18n.t("meeting-agenda-empty") }</p>
            } else {
                <ol class="agenda" id="meeting-agenda">
                    { for p.view.agenda.iter().enumerate().map(|(n, item)| {
                        let (up, down, remove) = (
                            AgendaEdit::Move { item: item.id.clone(), up: true },
                            AgendaEdit::Move { item: item.id.clone(), up: false },
                            AgendaEdit::Remove { item: item.id.clone() },
                        );
                        let click = |e: AgendaEdit| {
                            let edit = edit.clone();
                            Callback::from(move |_| edit.emit(e.clone()))
                        };
                        html! {
                            <li>
                                <span class="strong agenda-title">{ &item.title }</span>
                                <span class="badge neutral">{ i18n.t(&format!("agenda-{}", item.kind.code())) }</span>
                                if editable {
                                    <span class="agenda-tools">
                                        <button type="button" class="icon agenda-up" title={i18n.t("agenda-up")} aria-label={i18n.t("agenda-up")}
                                            disabled={n == 0} onclick={click(up)}>{ "↑" }</button>
                                        <button type="button" class="icon agenda-down" title={i18n.t("agenda-down")} aria-label={i18n.t("agenda-down")}
                                            disabled={n == last} onclick={click(down)}>{ "↓" }</button>
                                        <button type="button" class="icon agenda-remove" title={i18n.t("agenda-remove")} aria-label={i18n.t("agenda-remove")}
                                            onclick={click(remove)}>{ "✕" }</button>
                                    </span>
                                }
                            </li>
                        }
                    }) }
                </ol>
            }
            if editable {
                <div class="row agenda-add">
                    <form class="form inline" id="agenda-theme-form" onsubmit={on_theme} novalidate=true>
                        <Field id="agenda-theme" label={i18n.t("agenda-add-theme")} hint={i18n.t("agenda-theme-hint")}
                            value={(*theme).clone()} oninput={let t = theme.clone(); Callback::from(move |v| t.set(v))}
                            errors={errors_for(&i18n, &error, F::AgendaTitle)} />
                        <button type="submit" id="agenda-theme-submit" class="secondary">{ i18n.t("agenda-add") }</button>
                    </form>
                    <div class="field">
                        <label class="label" for="agenda-case">{ i18n.t("agenda-add-case") }</label>
                        <select id="agenda-case" onchange={on_case}>
                            <option value="" selected=true>{ i18n.t("agenda-pick-case") }</option>
                            { for cases.get().into_iter().flatten().filter(|c| !on_agenda.contains(&c.id)).map(|c| html! {
                                <option value={c.id.to_string()}>{ &c.code }</option>
                            }) }
                        </select>
                        { cases.failure("agenda-case") }
                        { error_list("agenda-case-error", &errors_for(&i18n, &error, F::AgendaCase)) }
                    </div>
                </div>
                <div>{ general_error(&i18n, &error) }</div>
            }
        </div>
    }
}
