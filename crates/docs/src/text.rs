//! Prose fields: the one way a `Text` is given a new value.
//!
//! A screen sends the whole new text of a field; [`set_text`] turns the difference into splices
//! so that concurrent edits on other devices merge per character. Two units must agree for that:
//! the positions the diff yields and the positions the document counts. Rust strings (and
//! autosurgeon's `Text`) are indexed in UTF-8 bytes, so every [`crate::Document`] counts text in
//! UTF-8 code units too (`TextEncoding::Utf8CodeUnit`); automerge's default counts code points,
//! and a byte position past the first "ë" was then out of bounds (or cut the wrong characters).
//!
//! The diff is computed per character (code point), not per grapheme: adding a combining accent
//! to a letter is then an insertion of that accent alone, so a concurrent edit of the same
//! letter elsewhere can never duplicate it. `autosurgeon::Text::update` (per grapheme) is not used
//! (clippy's `disallowed-methods`).

use std::time::Duration;

use autosurgeon::Text;
use similar::{Algorithm, DiffOp, TextDiff};

/// A diff of two very different long texts (a paste over a long note) is cut short after this:
/// the splices are then less minimal, never wrong.
const DIFF_TIMEOUT: Duration = Duration::from_millis(50);

/// Gives `text` the value `new`, recording the difference as splices.
pub fn set_text(text: &mut Text, new: &str) {
    let old = text.as_str().to_string();
    if old == new {
        return;
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIMEOUT)
        .diff_chars(old.as_str(), new);
    // Byte offset of every character boundary, so that diff ranges (in characters) become
    // byte ranges; the last entry is the length.
    let old_at = boundaries(&old);
    let new_at = boundaries(new);
    let bytes = |at: &[usize], r: std::ops::Range<usize>| at[r.start]..at[r.end];
    // Ops run left to right; `pos` is where the next one starts in the text being changed (what
    // is before it is already `new`). Only the old ranges, and the new ranges of what is
    // inserted, are used: `similar` reports a deletion's `new_index` in another convention.
    let mut pos = 0;
    for op in diff.ops() {
        let old_bytes = bytes(&old_at, op.old_range());
        match op {
            DiffOp::Equal { .. } => pos += old_bytes.len(),
            DiffOp::Delete { .. } => text.splice(pos, old_bytes.len() as isize, ""),
            DiffOp::Insert { .. } | DiffOp::Replace { .. } => {
                let inserted = &new[bytes(&new_at, op.new_range())];
                text.splice(pos, old_bytes.len() as isize, inserted);
                pos += inserted.len();
            }
        }
    }
    debug_assert_eq!(text.as_str(), new);
}

fn boundaries(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

#[cfg(test)]
mod tests;
