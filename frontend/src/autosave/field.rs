//! One autosaved field as a pure state machine: what is typed, what is being saved, what failed.
//! The save loop (`mod.rs`) only runs its effects; every decision is here, tested on the host.

use casustafel_api::ApiError;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Loading,
    Saved,
    Saving,
    /// The last try failed for this reason; the loop tries again by itself.
    Failed(ApiError),
}

/// What the loop does after a save came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Stored, and nothing new was typed: the loop ends.
    Done,
    /// Stored, but more was typed meanwhile: save again at once.
    SaveAgain,
    /// Not stored: wait, then save the latest text again.
    Retry,
    /// The field was dropped (the profile was locked): stop.
    Stop,
}

/// One field's text and where its saving stands.
#[derive(Debug)]
pub struct Field {
    pub notes: String,
    pub decision: String,
    pub state: SaveState,
    /// Loaded from the store at least once.
    pub loaded: bool,
    /// A save loop runs for this field.
    in_flight: bool,
    /// Typed since the running save took its copy.
    dirty: bool,
    /// Dropped (the profile was locked): the loop stops.
    dropped: bool,
}

impl Default for Field {
    fn default() -> Self {
        Self {
            notes: String::new(),
            decision: String::new(),
            state: SaveState::Loading,
            loaded: false,
            in_flight: false,
            dirty: false,
            dropped: false,
        }
    }
}

impl Field {
    /// What is on screen is not (yet) in the store.
    pub fn unsaved(&self) -> bool {
        self.dirty || self.in_flight || matches!(self.state, SaveState::Failed(_))
    }

    /// Text from the store. Taken only when nothing typed here waits to be saved (a text being
    /// typed is never replaced); returns whether what is shown changed.
    pub fn loaded(&mut self, notes: String, decision: String) -> bool {
        if self.unsaved() {
            return false;
        }
        let same = self.loaded && self.notes == notes && self.decision == decision;
        self.notes = notes;
        self.decision = decision;
        self.loaded = true;
        self.state = SaveState::Saved;
        !same
    }

    /// A key was typed. Returns whether a save loop must start (none runs yet).
    pub fn typed(&mut self, notes: Option<String>, decision: Option<String>) -> bool {
        if let Some(n) = notes {
            self.notes = n;
        }
        if let Some(d) = decision {
            self.decision = d;
        }
        self.dirty = true;
        if !matches!(self.state, SaveState::Failed(_)) {
            self.state = SaveState::Saving;
        }
        !std::mem::replace(&mut self.in_flight, true)
    }

    /// The loop starts a save: the text to send, or `None` when the field was dropped.
    pub fn take(&mut self) -> Option<(String, String)> {
        if self.dropped {
            return None;
        }
        self.dirty = false;
        Some((self.notes.clone(), self.decision.clone()))
    }

    /// A save came back.
    pub fn finished(&mut self, result: Result<(), ApiError>) -> Next {
        if self.dropped {
            return Next::Stop;
        }
        match result {
            Ok(()) if self.dirty => {
                self.state = SaveState::Saving;
                Next::SaveAgain
            }
            Ok(()) => {
                self.in_flight = false;
                self.state = SaveState::Saved;
                Next::Done
            }
            Err(e) => {
                self.state = SaveState::Failed(e);
                Next::Retry
            }
        }
    }

    /// The profile is being locked: the loop stops at its next step.
    pub fn drop_text(&mut self) {
        self.dropped = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(f: &mut Field, s: &str) -> bool {
        f.typed(Some(s.to_string()), None)
    }

    #[test]
    fn one_save_at_a_time_and_the_latest_text_always_follows() {
        let mut f = Field::default();
        f.loaded(String::new(), String::new());
        assert!(typed(&mut f, "G"), "the first key starts the loop");
        assert!(!typed(&mut f, "Ge"), "a loop runs: no second one");
        assert_eq!(f.take().unwrap().0, "Ge");
        assert!(!typed(&mut f, "Geï"), "typed while saving");
        assert_eq!(f.finished(Ok(())), Next::SaveAgain);
        assert_eq!(f.take().unwrap().0, "Geï");
        assert_eq!(f.finished(Ok(())), Next::Done);
        assert_eq!(f.state, SaveState::Saved);
        assert!(!f.unsaved());
        assert!(
            typed(&mut f, "Geïn"),
            "after the loop ended, a new one starts"
        );
    }

    #[test]
    fn a_failure_keeps_the_text_and_retries_with_the_latest() {
        let mut f = Field::default();
        typed(&mut f, "café");
        f.take();
        assert_eq!(f.finished(Err(ApiError::DiskFull)), Next::Retry);
        assert_eq!(f.state, SaveState::Failed(ApiError::DiskFull));
        assert!(f.unsaved());
        // Typing on does not start another loop and does not hide the failure.
        assert!(!typed(&mut f, "café élève"));
        assert_eq!(f.state, SaveState::Failed(ApiError::DiskFull));
        // Text from elsewhere never replaces what waits to be saved.
        assert!(!f.loaded("ouder".into(), String::new()));
        assert_eq!(f.notes, "café élève");
        assert_eq!(f.take().unwrap().0, "café élève");
        assert_eq!(f.finished(Err(ApiError::Busy)), Next::Retry);
        assert_eq!(f.take().unwrap().0, "café élève");
        assert_eq!(f.finished(Ok(())), Next::Done);
        assert!(!f.unsaved());
        assert!(
            f.loaded("ouder".into(), String::new()),
            "now it may be replaced"
        );
    }

    #[test]
    fn a_dropped_field_stops_its_loop() {
        let mut f = Field::default();
        typed(&mut f, "x");
        f.take();
        f.drop_text();
        assert_eq!(f.finished(Err(ApiError::Locked)), Next::Stop);
        assert_eq!(f.take(), None);
    }
}
