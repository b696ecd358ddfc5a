//! A form's draft as a reducer: each edit applies to the latest state, never to a stale copy, so
//! fast typing (or a test driver) loses no keystroke between two renders.

use std::future::Future;
use std::rc::Rc;

use casustafel_api::ApiError;
use yew::prelude::*;

use crate::load::use_submit;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Form<T>(pub T);

pub type Edit<T> = Rc<dyn Fn(&mut T)>;

impl<T: Clone + PartialEq + 'static> Reducible for Form<T> {
    type Action = Edit<T>;
    fn reduce(self: Rc<Self>, edit: Edit<T>) -> Rc<Self> {
        let mut next = self.0.clone();
        edit(&mut next);
        Rc::new(Form(next))
    }
}

/// A callback that stores typed text with `set`.
pub fn text<T: Clone + PartialEq + 'static>(
    form: &UseReducerHandle<Form<T>>,
    set: fn(&mut T, String),
) -> Callback<String> {
    pick(form, set)
}

/// A callback that stores what was picked (a radio button, an option) with `set`.
pub fn pick<T: Clone + PartialEq + 'static, V: Clone + 'static>(
    form: &UseReducerHandle<Form<T>>,
    set: fn(&mut T, V),
) -> Callback<V> {
    let form = form.clone();
    Callback::from(move |v: V| form.dispatch(Rc::new(move |d: &mut T| set(d, v.clone()))))
}

/// A callback that applies a fixed change (a radio button, a checkbox).
pub fn apply<T: Clone + PartialEq + 'static, E>(
    form: &UseReducerHandle<Form<T>>,
    change: impl Fn(&mut T) + 'static,
) -> Callback<E> {
    let form = form.clone();
    let change: Edit<T> = Rc::new(change);
    Callback::from(move |_| form.dispatch(change.clone()))
}

/// Adds `x` to the list if absent, removes it if present.
pub fn toggle<X: PartialEq>(list: &mut Vec<X>, x: X) {
    if let Some(i) = list.iter().position(|y| *y == x) {
        list.remove(i);
    } else {
        list.push(x);
    }
}

/// What `use_form_submit` gives a form.
pub struct FormSubmit {
    pub onsubmit: Callback<SubmitEvent>,
    /// The last send's error, for the fields and the form.
    pub error: UseStateHandle<Option<ApiError>>,
    /// A send is under way (the submit button waits).
    pub busy: bool,
}

/// A form whose draft is sent with `request` (one send at a time); once it is saved, `after_saved`
/// sets the draft for what comes next (empty for another one, or as it is when the form closes)
/// and `on_done` is told the answer.
#[hook]
pub fn use_form_submit<T, R, F, Fut>(
    form: &UseReducerHandle<Form<T>>,
    request: F,
    after_saved: fn(&mut T),
    on_done: Callback<R>,
) -> FormSubmit
where
    T: Clone + PartialEq + 'static,
    R: 'static,
    F: Fn(T) -> Fut + 'static,
    Fut: Future<Output = Result<R, ApiError>> + 'static,
{
    let done = {
        let form = form.clone();
        Callback::from(move |r: R| {
            form.dispatch(Rc::new(after_saved));
            on_done.emit(r);
        })
    };
    let submit = use_submit(request, done);
    let onsubmit = {
        let (form, send) = (form.clone(), submit.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send.emit(form.0.clone());
        })
    };
    FormSubmit {
        onsubmit,
        error: submit.error,
        busy: submit.busy,
    }
}

/// `after_saved` for a form that starts again empty.
pub fn emptied<T: Default>(draft: &mut T) {
    *draft = T::default();
}

/// `after_saved` for a form that closes once saved.
pub fn kept<T>(_: &mut T) {}
