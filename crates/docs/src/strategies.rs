//! Proptest strategies for the text people type: every free-text field is tested with these
//! (the document's own tests and the store's, in the tests crate, feature `strategies`).

use proptest::prelude::*;

/// Pieces real notes are made of, and the ones that break text handling: Flemish and French
/// accents (precomposed and with combining marks), emoji outside the basic plane (with skin tone
/// and zero-width joiner), right-to-left words, CJK, every kind of line ending, HTML look-alikes.
pub const PIECES: &[&str] = &[
    "geïnformeerd",
    "België",
    "ruziën",
    "café",
    "élève",
    "garçon",
    "œuvre",
    "à",
    "ê",
    "e\u{301}",
    "\u{308}",
    "👋",
    "👋🏽",
    "👩\u{200d}👩\u{200d}👧",
    "🇧🇪",
    "مرحبا",
    "שלום",
    "中文",
    "\r\n",
    "\n",
    "\r",
    "\t",
    "<img src=x onerror=alert(1)>",
    " ",
    ". ",
    "a",
    "",
];

/// A piece: one of [`PIECES`] most of the time, else any string of any characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

/// Any text, built from up to `max_pieces` pieces.
pub fn text(max_pieces: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..=max_pieces).prop_map(|p| p.concat())
}

/// One edit of a text, in characters: where (a fraction of the length), what to delete, what to
/// insert. An insertion, a deletion or a replacement, anywhere — also between a letter and its
/// combining mark, or inside an emoji sequence.
#[derive(Debug, Clone)]
pub struct Edit {
    pub at: f64,
    pub delete: usize,
    pub insert: String,
}

impl Edit {
    /// Applies the edit to `s`, counted in characters (never splits a character).
    pub fn apply(&self, s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let start = ((chars.len() as f64) * self.at).floor() as usize;
        let start = start.min(chars.len());
        let end = (start + self.delete).min(chars.len());
        let mut out: String = chars[..start].iter().collect();
        out.push_str(&self.insert);
        out.extend(&chars[end..]);
        out
    }
}

pub fn edit() -> impl Strategy<Value = Edit> {
    (
        0.0..=1.0f64,
        prop_oneof![2 => Just(0usize), 1 => 1usize..8],
        text(3),
    )
        .prop_map(|(at, delete, insert)| Edit { at, delete, insert })
}

/// A text and the edits made to it one after the other (each one saved).
pub fn edited_text() -> impl Strategy<Value = (String, Vec<Edit>)> {
    (text(8), proptest::collection::vec(edit(), 1..12))
}
