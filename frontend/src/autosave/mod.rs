//! Text saved as it is typed: a case's notes and decision in a meeting, and a meeting's general
//! notes. One buffer per field for the whole session (not per screen), so what waits to be saved
//! survives leaving the screen and coming back. One save loop per field: it always saves the latest
//! text, never two saves at once, and after a failure it keeps retrying in the background (1, 2, 4,
//! 8 s apart) until the text is stored. Whether anything is unsaved is told to the shell, which then
//! asks before the window closes; the lock button asks too. Nothing is kept anywhere but here in
//! memory and, once saved, in the encrypted store (no browser storage).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use casustafel_api::ApiError;
use casustafel_domain::{CaseId, MeetingId};
use yew::platform::spawn_local;
use yew::Callback;

use crate::api;

mod field;

pub use field::{Field, Next, SaveState};

/// What an editor saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Case { meeting: MeetingId, case: CaseId },
    General { meeting: MeetingId },
}

type Saving = Pin<Box<dyn Future<Output = Result<(), ApiError>>>>;

impl Target {
    fn save(self, first: String, second: String) -> Saving {
        Box::pin(async move {
            match self {
                Target::Case { meeting, case } => {
                    api::save_discussion(meeting, case, first, second).await
                }
                Target::General { meeting } => api::save_general_notes(meeting, first).await,
            }
        })
    }

    /// What the store holds for this field.
    pub async fn load(self) -> Result<(String, String), ApiError> {
        match self {
            Target::Case { meeting, case } => api::get_discussion(meeting, case)
                .await
                .map(|d| (d.notes, d.decision)),
            Target::General { meeting } => api::get_meeting(meeting)
                .await
                .map(|v| (v.general_notes, String::new())),
        }
    }
}

/// A listener: its id, the field it follows (`None`: every field), what to call.
type Listener = (u32, Option<Target>, Callback<()>);

thread_local! {
    static FIELDS: RefCell<HashMap<Target, Rc<RefCell<Field>>>> = RefCell::new(HashMap::new());
    /// Called when a field changes: an editor for its own field, the leave dialog (`None`) for any.
    static LISTENERS: RefCell<Vec<Listener>> = const { RefCell::new(Vec::new()) };
    static NEXT_LISTENER: Cell<u32> = const { Cell::new(0) };
    /// What the shell was last told.
    static TOLD_SHELL: Cell<bool> = const { Cell::new(false) };
}

/// The buffer of `target`'s field (created empty, not loaded, the first time).
pub fn field(target: Target) -> Rc<RefCell<Field>> {
    FIELDS.with(|f| {
        f.borrow_mut()
            .entry(target)
            .or_insert_with(|| Rc::new(RefCell::new(Field::default())))
            .clone()
    })
}

/// Calls `cb` when `target`'s field changes (any field's, with `None`); returns the id to pass to
/// [`unsubscribe`].
pub fn subscribe(target: Option<Target>, cb: Callback<()>) -> u32 {
    let id = NEXT_LISTENER.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    LISTENERS.with(|l| l.borrow_mut().push((id, target, cb)));
    id
}

pub fn unsubscribe(id: u32) {
    LISTENERS.with(|l| l.borrow_mut().retain(|(i, _, _)| *i != id));
}

/// `target`'s field changed (every field, with `None`).
fn changed(target: Option<Target>) {
    let listeners: Vec<Callback<()>> = LISTENERS.with(|l| {
        l.borrow()
            .iter()
            .filter(|(_, t, _)| t.is_none() || target.is_none() || *t == target)
            .map(|(_, _, cb)| cb.clone())
            .collect()
    });
    for cb in listeners {
        cb.emit(());
    }
    let unsaved = any_unsaved();
    if TOLD_SHELL.with(|t| t.replace(unsaved)) != unsaved {
        spawn_local(async move {
            // If the shell cannot be told, closing simply does not ask: nothing else depends on it.
            let _ = api::set_unsaved(unsaved).await;
        });
    }
}

/// Whether any field holds text that is not in the store.
pub fn any_unsaved() -> bool {
    FIELDS.with(|f| f.borrow().values().any(|x| x.borrow().unsaved()))
}

/// Why the first failing field failed, if one does.
pub fn problem() -> Option<ApiError> {
    FIELDS.with(|f| {
        f.borrow().values().find_map(|x| match &x.borrow().state {
            SaveState::Failed(e) => Some(e.clone()),
            _ => None,
        })
    })
}

/// Text loaded from the store: shown unless something typed here waits to be saved.
pub fn loaded(target: Target, notes: String, decision: String) {
    let changed_now = field(target).borrow_mut().loaded(notes, decision);
    if changed_now {
        changed(Some(target));
    }
}

/// A key was typed: keep the text and save it (now, or after the save under way).
pub fn typed(target: Target, notes: Option<String>, decision: Option<String>) {
    let f = field(target);
    let start = f.borrow_mut().typed(notes, decision);
    changed(Some(target));
    if start {
        save_loop(target, f);
    }
}

const FIRST_RETRY_MS: u32 = 1_000;
const LAST_RETRY_MS: u32 = 8_000;

/// Runs the field's saves until the latest text is stored (`Field` decides every step).
fn save_loop(target: Target, f: Rc<RefCell<Field>>) {
    spawn_local(async move {
        let mut wait = FIRST_RETRY_MS;
        loop {
            let Some((notes, decision)) = f.borrow_mut().take() else {
                return;
            };
            let result = target.save(notes, decision).await;
            let next = f.borrow_mut().finished(result);
            changed(Some(target));
            match next {
                Next::Done | Next::Stop => return,
                Next::SaveAgain => wait = FIRST_RETRY_MS,
                Next::Retry => {
                    crate::timer::sleep(wait).await;
                    wait = (wait * 2).min(LAST_RETRY_MS);
                }
            }
        }
    });
}

/// The profile is being locked: forget every buffer (its text must not outlive the unlock) and
/// stop the loops.
pub fn drop_all() {
    FIELDS.with(|f| {
        for x in f.borrow_mut().drain().map(|(_, x)| x) {
            x.borrow_mut().drop_text();
        }
    });
    changed(None);
}
