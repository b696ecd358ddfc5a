//! A typed Automerge document: hydrate, edit the Rust value, reconcile — always from the document's
//! current state, so an edit never rolls back what a merge brought in.

use std::collections::HashSet;
use std::marker::PhantomData;

use automerge::{AutoCommit, ChangeHash, LoadOptions, TextEncoding};
use autosurgeon::{hydrate, reconcile, Hydrate, Reconcile};

use crate::peer_bytes::{self, PeerBytesError};

/// Bytes larger than this are refused before Automerge parses them.
pub const MAX_DOC_BYTES: usize = 64 * 1024 * 1024;

/// Text positions are counted in UTF-8 bytes, the unit Rust strings and autosurgeon's `Text`
/// splice in (see `text.rs`). This is how this device indexes text, not part of the saved bytes:
/// documents written before, or by other devices, load the same.
const ENCODING: TextEncoding = TextEncoding::Utf8CodeUnit;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocError {
    #[error("the document bytes are not a readable Automerge document: {0}")]
    Corrupt(String),
    #[error("the document is larger than {MAX_DOC_BYTES} bytes")]
    TooLarge,
    #[error("the document does not have the expected shape: {0}")]
    Shape(String),
    /// Bytes from another device that Automerge is not handed at all (`peer_bytes`).
    #[error("refused before reading: {0}")]
    Refused(#[from] PeerBytesError),
}

/// What `Document::apply_checked` did with changes from elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied<E> {
    Done,
    /// They depend on changes not here yet, whose hashes these are (32 bytes each): nothing was
    /// applied. Offer them again once `has_changes` says those are here.
    Waiting(Vec<u8>),
    /// `check` refused what they do: nothing was applied.
    Refused(E),
}

/// An Automerge document whose root has the shape `T`.
#[derive(Debug)]
pub struct Document<T> {
    doc: AutoCommit,
    _shape: PhantomData<T>,
}

impl<T: Reconcile + Hydrate + Clone> Document<T> {
    /// A new document holding `value`.
    pub fn new(value: &T) -> Result<Self, DocError> {
        let mut doc = AutoCommit::new_with_encoding(ENCODING);
        reconcile(&mut doc, value).map_err(|e| DocError::Shape(e.to_string()))?;
        Ok(Self {
            doc,
            _shape: PhantomData,
        })
    }

    /// A document with nothing in it yet, on a device that will receive its content from others.
    /// Its `value` is an error until the first change arrives.
    pub fn empty() -> Self {
        Self {
            doc: AutoCommit::new_with_encoding(ENCODING),
            _shape: PhantomData,
        }
    }

    /// Loads saved bytes. Garbage, truncated or oversized input is an error.
    pub fn load(bytes: &[u8]) -> Result<Self, DocError> {
        if bytes.len() > MAX_DOC_BYTES {
            return Err(DocError::TooLarge);
        }
        let doc = AutoCommit::load_with_options(bytes, LoadOptions::new().text_encoding(ENCODING))
            .map_err(|e| DocError::Corrupt(e.to_string()))?;
        let this = Self {
            doc,
            _shape: PhantomData,
        };
        // A document that loads but has the wrong shape is refused too.
        this.value()?;
        Ok(this)
    }

    /// The current value.
    pub fn value(&self) -> Result<T, DocError> {
        hydrate(&self.doc).map_err(|e| DocError::Shape(e.to_string()))
    }

    /// Applies `edit` to the current value and records the difference as one change.
    pub fn edit<R>(&mut self, edit: impl FnOnce(&mut T) -> R) -> Result<R, DocError> {
        let mut value = self.value()?;
        let out = edit(&mut value);
        reconcile(&mut self.doc, &value).map_err(|e| DocError::Shape(e.to_string()))?;
        self.doc.commit();
        Ok(out)
    }

    /// Like `edit`, and also returns the bytes of the change it made, to send to the others
    /// (empty when the edit changed nothing).
    pub fn edit_for_sync<R>(
        &mut self,
        edit: impl FnOnce(&mut T) -> R,
    ) -> Result<(R, Vec<u8>), DocError> {
        let before = self.doc.get_heads();
        let out = self.edit(edit)?;
        Ok((out, self.doc.save_after(&before)))
    }

    /// The whole document, compacted.
    pub fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    /// Only what changed since the last `save` or `save_incremental`.
    pub fn save_incremental(&mut self) -> Vec<u8> {
        self.doc.save_incremental()
    }

    /// Applies changes saved incrementally elsewhere. Bad bytes leave the document unchanged.
    pub fn apply_incremental(&mut self, bytes: &[u8]) -> Result<(), DocError> {
        if bytes.len() > MAX_DOC_BYTES {
            return Err(DocError::TooLarge);
        }
        let mut probe = self.doc.fork();
        probe
            .load_incremental(bytes)
            .map_err(|e| DocError::Corrupt(e.to_string()))?;
        // Only keep the result if it still has our shape. While changes wait for changes they
        // depend on (they arrive in any order), the shape cannot be judged yet.
        if probe.get_missing_deps(&[]).is_empty() {
            hydrate::<_, T>(&probe).map_err(|e| DocError::Shape(e.to_string()))?;
        }
        self.doc
            .load_incremental(bytes)
            .map_err(|e| DocError::Corrupt(e.to_string()))?;
        Ok(())
    }

    /// Applies changes made elsewhere only if `check(before, after)` accepts what they do. `before`
    /// is the document as their author had it — exactly the changes they depend on, directly or
    /// not, and nothing that happened concurrently — and `after` is that plus them; `before` is
    /// `None` for a document's first changes. So the verdict depends on the changes alone and every
    /// device reaches the same one, whatever else it received first. Changes that depend on changes
    /// not here yet are not applied at all (`Applied::Waiting`): the caller keeps them and offers
    /// them again later, so each is judged with its own author, never inside another's. Bad bytes
    /// or a wrong shape are an error; on anything but `Done` the document is unchanged. The bytes
    /// are another device's: only plain change chunks of bounded size are read (`peer_bytes`).
    pub fn apply_checked<E>(
        &mut self,
        bytes: &[u8],
        check: impl FnOnce(Option<&T>, &T) -> Result<(), E>,
    ) -> Result<Applied<E>, DocError> {
        if bytes.len() > MAX_DOC_BYTES {
            return Err(DocError::TooLarge);
        }
        peer_bytes::check(bytes)?;
        let corrupt = |e: automerge::AutomergeError| DocError::Corrupt(e.to_string());
        let mut probe = self.doc.fork();
        probe.load_incremental(bytes).map_err(corrupt)?;
        let missing = probe.get_missing_deps(&[]);
        if !missing.is_empty() {
            return Ok(Applied::Waiting(missing.iter().flat_map(|h| h.0).collect()));
        }
        let new = self.doc.get_changes_added(&mut probe);
        if new.is_empty() {
            return Ok(Applied::Done);
        }
        let hashes: HashSet<ChangeHash> = new.iter().map(|c| c.hash()).collect();
        let mut base: Vec<ChangeHash> = new
            .iter()
            .flat_map(|c| c.deps().iter().copied())
            .filter(|d| !hashes.contains(d))
            .collect();
        base.sort();
        base.dedup();
        let mut seen = probe.fork_at(&base).map_err(corrupt)?;
        let before: Option<T> = if base.is_empty() {
            None
        } else {
            Some(hydrate(&seen).map_err(|e| DocError::Shape(e.to_string()))?)
        };
        seen.apply_changes(new).map_err(corrupt)?;
        let after: T = hydrate(&seen).map_err(|e| DocError::Shape(e.to_string()))?;
        // The result here must have the shape too (what arrived merged with what is here).
        hydrate::<_, T>(&probe).map_err(|e| DocError::Shape(e.to_string()))?;
        if let Err(e) = check(before.as_ref(), &after) {
            return Ok(Applied::Refused(e));
        }
        self.doc.load_incremental(bytes).map_err(corrupt)?;
        Ok(Applied::Done)
    }

    /// Merges another copy of the same document into this one.
    pub fn merge(&mut self, other: &mut Self) -> Result<(), DocError> {
        self.doc
            .merge(&mut other.doc)
            .map_err(|e| DocError::Corrupt(e.to_string()))?;
        Ok(())
    }

    /// A copy that will record its own changes (another device).
    pub fn fork(&mut self) -> Self {
        Self {
            doc: self.doc.fork(),
            _shape: PhantomData,
        }
    }

    /// Whether changes wait for changes they depend on (arrived out of order). Such waiting
    /// changes are not part of `save`, so whoever stores the document must keep them elsewhere.
    pub fn waits_for_changes(&mut self) -> bool {
        !self.doc.get_missing_deps(&[]).is_empty()
    }

    /// Whether every change named in `hashes` (32 bytes each) is here. Unreadable hashes count as
    /// missing.
    pub fn has_changes(&mut self, hashes: &[u8]) -> bool {
        hashes.chunks(32).all(|c| {
            ChangeHash::try_from(c).is_ok_and(|h| self.doc.get_change_by_hash(&h).is_some())
        })
    }

    /// The heads as bytes (32 per head), to remember where a sync left off.
    pub fn heads_bytes(&mut self) -> Vec<u8> {
        self.heads().iter().flat_map(|h| h.0).collect()
    }

    /// Everything not already covered by `heads` (bytes from `heads_bytes`): what to send others.
    /// Empty when nothing changed. Unreadable heads count as none, so everything is sent.
    pub fn changes_since(&mut self, heads: &[u8]) -> Vec<u8> {
        let heads: Vec<ChangeHash> = heads
            .chunks_exact(32)
            .filter_map(|c| ChangeHash::try_from(c).ok())
            .collect();
        let known: Vec<ChangeHash> = heads
            .into_iter()
            .filter(|h| self.doc.get_change_by_hash(h).is_some())
            .collect();
        self.doc.save_after(&known)
    }

    /// The heads: equal heads mean equal documents.
    pub fn heads(&mut self) -> Vec<ChangeHash> {
        let mut h = self.doc.get_heads();
        h.sort();
        h
    }
}
