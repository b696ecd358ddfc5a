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
