//! Text as the PDF must draw it. The PDF places glyphs left to right as given and does no
//! shaping, so a line is prepared first: Arabic letters take their joined forms (presentation
//! forms, which DejaVu Sans has), right-to-left runs are put in visual order (the Unicode bidi
//! algorithm), and a character the embedded font cannot draw (an emoji) becomes U+FFFD, a visible
//! mark that something was there, never silently nothing.

use unicode_bidi::BidiInfo;

/// What the embedded font can draw.
pub struct Script {
    covers: Box<dyn Fn(char) -> bool>,
    reshaper: ar_reshaper::ArabicReshaper,
}

impl std::fmt::Debug for Script {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Script").finish_non_exhaustive()
    }
}

impl Script {
    pub fn new(covers: impl Fn(char) -> bool + 'static) -> Self {
        Self {
            covers: Box::new(covers),
            reshaper: ar_reshaper::ArabicReshaper::default(),
        }
    }

    /// One line (no line breaks) in the order its glyphs are drawn, left to right.
    pub fn visual(&self, line: &str) -> String {
        let shaped = self.reshaper.reshape(line);
        let bidi = BidiInfo::new(&shaped, None);
        let ordered: String = bidi
            .paragraphs
            .iter()
            .map(|p| bidi.reorder_line(p, p.range.clone()).into_owned())
            .collect();
        ordered
            .chars()
            .filter(|c| !is_bidi_control(*c))
            .map(|c| {
                if c.is_whitespace() || (self.covers)(c) {
                    c
                } else {
                    char::REPLACEMENT_CHARACTER
                }
            })
            .collect()
    }
}

/// Marks that steer the bidi algorithm; drawn, they would show as boxes.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin_and_arabic() -> Script {
        Script::new(|c| (c as u32) < 0x2100 || ('\u{fb50}'..='\u{feff}').contains(&c))
    }

    #[test]
    fn latin_text_with_accents_is_unchanged() {
        let s = latin_and_arabic();
        let t = "Spoor 3: geïnformeerd, ça va, élève, œuvre — ruziën";
        assert_eq!(s.visual(t), t);
    }

    #[test]
    fn an_arabic_word_is_joined_and_drawn_right_to_left() {
        let s = latin_and_arabic();
        let drawn = s.visual("Besluit مرحبا ok");
        assert!(drawn.starts_with("Besluit "), "{drawn:?}");
        assert!(drawn.ends_with(" ok"), "{drawn:?}");
        let arabic: Vec<char> = drawn
            .trim_start_matches("Besluit ")
            .trim_end_matches(" ok")
            .chars()
            .collect();
        // Joined forms (no isolated base letters left), drawn last letter first.
        assert!(
            arabic.iter().all(|c| ('\u{fb50}'..='\u{feff}').contains(c)),
            "{arabic:?}"
        );
        assert_eq!(arabic.len(), 5);
        // The first letter drawn is the word's last (alef, final form U+FE8E).
        assert_eq!(arabic[0], '\u{fe8e}');
        // The last drawn is the word's first (meem, initial form U+FEE3).
        assert_eq!(arabic[4], '\u{fee3}');
    }

    #[test]
    fn what_the_font_lacks_is_marked_not_dropped() {
        let s = latin_and_arabic();
        assert_eq!(s.visual("Goed 👍 zo"), "Goed \u{fffd} zo");
    }
}
