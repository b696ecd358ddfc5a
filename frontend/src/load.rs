//! Loading what a screen shows, and submitting what a person typed, each written once.
//!
//! `use_load` fetches on mount, again when its inputs change, when another device's changes were
//! applied (the data revision moved) and when asked (`reload`, the retry button). A load that fails
//! says so, in the user's language, with a retry button (`view`): a list that could not be read never
//! looks like an empty one. An answer that arrives after a newer request was sent is dropped, so a
//! slow old answer never overwrites a newer one.
//!
//! `use_submit` sends a form: one request at a time (a second click while it runs does nothing), the
//! error kept for the form to show next to its fields, and `on_done` called with the result.

use std::future::Future;
use std::rc::Rc;

use casustafel_api::ApiError;
use casustafel_domain::Lang;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::i18n::I18n;

/// Where a load stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    /// The first answer has not come yet.
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// What `use_load` gives a component.
pub struct Load<T> {
    state: UseStateHandle<Loaded<T>>,
    reload: Callback<()>,
}

impl<T> Load<T> {
    /// The data, once loaded (also while a reload is under way).
    pub fn get(&self) -> Option<&T> {
        match &*self.state {
            Loaded::Ready(t) => Some(t),
            _ => None,
        }
    }

    /// Asks for the data again (after a change made here, or to retry).
    pub fn reload(&self) -> Callback<()> {
        self.reload.clone()
    }

    /// Only the failure, if the load failed: for a screen that draws what it has meanwhile and
    /// needs the data for a part only.
    pub fn failure(&self, id: &str) -> Html {
        match &*self.state {
            Loaded::Failed(error) => html! {
                <LoadFailed id={format!("{id}-failed")} error={error.clone()} retry={self.reload.clone()} />
            },
            _ => html! {},
        }
    }

    /// `ready` of the data; while loading a quiet line, on failure the error and a retry button.
    /// `id` names the failure's element (`{id}-failed`) for tests and assistive technology.
    pub fn view(&self, id: &str, ready: impl FnOnce(&T) -> Html) -> Html {
        match &*self.state {
            Loaded::Loading => html! { <LoadingLine /> },
            Loaded::Failed(_) => self.failure(id),
            Loaded::Ready(t) => ready(t),
        }
    }
}

/// Loads with `fetch(deps)`, reloading when `deps` change, when the data revision moves and when
/// `reload` is called.
#[hook]
pub fn use_load<D, T, F, Fut>(deps: D, fetch: F) -> Load<T>
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Loaded::Loading);
    let asked = use_version();
    let latest = use_mut_ref(|| 0u64);
    let revision = crate::revision::use_revision();
    {
        let state = state.clone();
        let latest = latest.clone();
        use_effect_with((deps, revision, asked.get()), move |(deps, _, _)| {
            let request = *latest.borrow() + 1;
            *latest.borrow_mut() = request;
            let answer = fetch(deps.clone());
            spawn_local(async move {
                let result = answer.await;
                if *latest.borrow() != request {
                    return; // a newer request was sent meanwhile: its answer counts
                }
                state.set(match result {
                    Ok(t) => Loaded::Ready(t),
                    Err(e) => Loaded::Failed(e),
                });
            });
        });
    }
    let reload = asked.bumper();
    Load { state, reload }
}

/// A counter of changes made here, for loads to depend on. Each bump counts, even two made before
/// the next render (a reducer, not a value captured at the last render), so no reload is lost.
#[derive(Clone, PartialEq)]
pub struct Version(UseReducerHandle<Counter>);

#[derive(Debug, Default, PartialEq)]
pub struct Counter(u32);

impl Reducible for Counter {
    type Action = ();
    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Counter(self.0.wrapping_add(1)))
    }
}

impl Version {
    pub fn get(&self) -> u32 {
        self.0 .0
    }

    /// One more change: what depends on the version loads again.
    pub fn bump(&self) {
        self.0.dispatch(());
    }

    /// `bump` as a callback.
    pub fn bumper<T>(&self) -> Callback<T> {
        let v = self.clone();
        Callback::from(move |_| v.bump())
    }
}

#[hook]
pub fn use_version() -> Version {
    Version(use_reducer(Counter::default))
}

/// What `use_submit` and `use_send` give a form or a row of buttons.
pub struct Submit<A> {
    /// Sends with these arguments (with `use_submit`, ignored while a send is under way).
    pub send: Callback<A>,
    /// The last failed send's error, cleared when a send succeeds.
    pub error: UseStateHandle<Option<ApiError>>,
    /// A send is under way.
    pub busy: bool,
}

/// Sends a form with `request(args)`, one send at a time (a second press while the first is on
/// its way is ignored); on success calls `on_done` with the answer.
#[hook]
pub fn use_submit<A, T, F, Fut>(request: F, on_done: Callback<T>) -> Submit<A>
where
    A: 'static,
    T: 'static,
    F: Fn(A) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    use_sender(request, on_done, true)
}

/// Sends every click with `request(args)`, also while an earlier one is on its way: for rows of
/// independent choices (attendance, agenda moves), where a fast second click must not be lost.
#[hook]
pub fn use_send<A, T, F, Fut>(request: F, on_done: Callback<T>) -> Submit<A>
where
    A: 'static,
    T: 'static,
    F: Fn(A) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    use_sender(request, on_done, false)
}

#[hook]
fn use_sender<A, T, F, Fut>(request: F, on_done: Callback<T>, exclusive: bool) -> Submit<A>
where
    A: 'static,
    T: 'static,
    F: Fn(A) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let error = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    // How many sends are on their way.
    let running = use_mut_ref(|| 0usize);
    let send = {
        let (error, busy, running) = (error.clone(), busy.clone(), running.clone());
        let request = Rc::new(request);
        Callback::from(move |args: A| {
            if exclusive && *running.borrow() > 0 {
                return;
            }
            *running.borrow_mut() += 1;
            busy.set(true);
            let answer = request(args);
            let (error, busy, running, on_done) = (
                error.clone(),
                busy.clone(),
                running.clone(),
                on_done.clone(),
            );
            spawn_local(async move {
                let result = answer.await;
                let left = {
                    let mut n = running.borrow_mut();
                    *n -= 1;
                    *n
                };
                busy.set(left > 0);
                match result {
                    Ok(t) => {
                        error.set(None);
                        on_done.emit(t);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    Submit {
        send,
        error,
        busy: *busy,
    }
}

#[function_component(LoadingLine)]
fn loading_line() -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    html! { <p class="loading" aria-busy="true">{ i18n.t("load-loading") }</p> }
}

#[derive(Debug, Properties, PartialEq)]
pub struct LoadFailedProps {
    pub id: AttrValue,
    pub error: ApiError,
    pub retry: Callback<()>,
}

/// A load that failed: what went wrong, that nothing saved is lost, and a retry button.
#[function_component(LoadFailed)]
pub fn load_failed(p: &LoadFailedProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let retry = p.retry.reform(|_: MouseEvent| ());
    html! {
        <div class="load-failed" id={p.id.clone()} role="alert">
            <p class="load-failed-title">{ i18n.t("load-failed") }</p>
            <p class="load-failed-why">{ i18n.error(&p.error) }</p>
            <button type="button" class="secondary small load-retry" onclick={retry}>{ i18n.t("load-retry") }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bump_counts_even_before_a_render() {
        // Two changes dispatched before the next render both reach the counter, so the load that
        // depends on it sees a new value after each (a captured `*version + 1` would give 1 twice).
        let start = Rc::new(Counter::default());
        let once = start.clone().reduce(());
        let twice = once.clone().reduce(());
        assert_eq!((start.0, once.0, twice.0), (0, 1, 2));
    }
}
