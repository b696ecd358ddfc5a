//! A labelled form field that shows its own errors, next to it, in the user's language.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldKind {
    #[default]
    Text,
    Password,
    Multiline,
}

#[derive(Debug, Properties, PartialEq)]
pub struct FieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub errors: Vec<String>,
    #[prop_or_default]
    pub kind: FieldKind,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub autofocus: bool,
    #[prop_or_default]
    pub disabled: bool,
}

/// A group of radio buttons, one per option.
pub fn radios<T: Copy + PartialEq + 'static>(
    name: &'static str,
    options: &[(T, String, String)],
    selected: Option<T>,
    on_pick: Callback<T>,
) -> Html {
    html! {
        <div class="radios" role="radiogroup">
            { for options.iter().map(|(value, id, label)| {
                let value = *value;
                let onchange = on_pick.reform(move |_| value);
                html! {
                    <label class="radio" for={id.clone()}>
                        <input type="radio" id={id.clone()} {name} checked={selected == Some(value)} {onchange} />
                        <span>{ label }</span>
                    </label>
                }
            }) }
        </div>
    }
}

/// The options of a group of radio buttons for the values of a domain enum: each value, its
/// element id `{ids}-{code}` and its label, the message `{labels}-{code}`.
pub fn coded<T: Copy>(
    i18n: &crate::i18n::I18n,
    ids: &str,
    labels: &str,
    all: &[T],
    code: impl Fn(T) -> &'static str,
) -> Vec<(T, String, String)> {
    all.iter()
        .map(|v| {
            let c = code(*v);
            (*v, format!("{ids}-{c}"), i18n.t(&format!("{labels}-{c}")))
        })
        .collect()
}

/// The translated errors that `error` holds for `field`.
pub fn errors_for(
    i18n: &crate::i18n::I18n,
    error: &Option<casustafel_api::ApiError>,
    field: casustafel_domain::Field,
) -> Vec<String> {
    error
        .as_ref()
        .map(|e| {
            e.field_errors()
                .iter()
                .filter(|fe| fe.field == field)
                .map(|fe| i18n.problem(&fe.problem))
                .collect()
        })
        .unwrap_or_default()
}

/// The sentence for an error that is not about one field, if any.
pub fn general_error(i18n: &crate::i18n::I18n, error: &Option<casustafel_api::ApiError>) -> Html {
    match error.as_ref() {
        Some(e) => html! { <p class="form-error" role="alert">{ i18n.error(e) }</p> },
        None => html! {},
    }
}

/// The errors of one field, in an element that is always there (empty when all is well), so that
/// errors appearing or going never shift Yew's idea of which element is which.
pub fn error_list(id: &str, errors: &[String]) -> Html {
    html! {
        <div class="field-errors" id={id.to_string()} role="alert">
            { for errors.iter().map(|e| html! { <p class="field-error">{ e }</p> }) }
        </div>
    }
}

#[function_component(Field)]
pub fn field(p: &FieldProps) -> Html {
    let has_error = !p.errors.is_empty();
    let error_id = format!("{}-error", p.id);
    let described = if has_error {
        Some(error_id.clone())
    } else {
        None
    };
    let control = match p.kind {
        FieldKind::Multiline => {
            let oninput = p
                .oninput
                .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
            html! {
                <textarea id={p.id.clone()} value={p.value.clone()} {oninput} rows="4"
                    aria-invalid={has_error.to_string()} aria-describedby={described}
                    disabled={p.disabled} placeholder={p.placeholder.clone()} />
            }
        }
        kind => {
            let oninput = p
                .oninput
                .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
            let ty = if kind == FieldKind::Password {
                "password"
            } else {
                "text"
            };
            html! {
                <input id={p.id.clone()} type={ty} value={p.value.clone()} {oninput}
                    aria-invalid={has_error.to_string()} aria-describedby={described}
                    autofocus={p.autofocus} disabled={p.disabled}
                    placeholder={p.placeholder.clone()} autocomplete="off" spellcheck="false" />
            }
        }
    };
    html! {
        <div class={classes!("field", has_error.then_some("has-error"))}>
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            { control }
            if let Some(hint) = &p.hint {
                <p class="hint">{ hint.clone() }</p>
            }
            { error_list(&error_id, &p.errors) }
        </div>
    }
}
