//! A form's draft as a reducer: each edit applies to the latest state, never to a stale copy, so
//! fast typing (or a test driver) loses no keystroke between two renders.

use std::rc::Rc;

use yew::prelude::*;

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
    let form = form.clone();
    Callback::from(move |v: String| form.dispatch(Rc::new(move |d: &mut T| set(d, v.clone()))))
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
