//! The decision report (besluitenverslag) of a meeting, as a PDF.
//!
//! The input has no field for the confidential discussion notes: the report cannot contain them, by
//! construction. Every page is marked confidential under art. 458ter of the Criminal Code. Texts
//! arrive translated (`Labels`), so this crate knows no language. DejaVu Sans is embedded (subset),
//! so accents and punctuation of Dutch and French print as typed.

pub use casustafel_api::report::{report_data, Issued, ReportAction, ReportData, ReportItem};
pub use casustafel_api::ReportLabels as Labels;
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rgb, TextItem,
};

mod script;

const FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    #[error("the embedded font cannot be read")]
    Font,
}

/// Splits text into lines of at most `width` characters, at spaces where possible.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let needed =
                line.chars().count() + word.chars().count() + usize::from(!line.is_empty());
            if needed > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut w = word.to_string();
            while w.chars().count() > width {
                lines.push(w.chars().take(width).collect());
                w = w.chars().skip(width).collect();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&w);
        }
        lines.push(line);
    }
    lines
}

fn ink() -> Color {
    Color::Rgb(Rgb {
        r: 0.1,
        g: 0.16,
        b: 0.2,
        icc_profile: None,
    })
}

fn red() -> Color {
    Color::Rgb(Rgb {
        r: 0.64,
        g: 0.15,
        b: 0.17,
        icc_profile: None,
    })
}

/// Lays text out top to bottom, starting a new page when one is full.
struct Writer {
    /// What the embedded font can draw (the bold face covers the same characters).
    script: script::Script,
    regular: FontId,
    bold: FontId,
    pages: Vec<Vec<Op>>,
    y: f32,
    header: String,
}

impl Writer {
    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_H - MARGIN;
        let header = self.header.clone();
        self.line(&header, 8.0, true, red());
        self.y -= 1.0;
        let y = self.y;
        self.page().push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: Point::new(Mm(MARGIN), Mm(y)),
                        bezier: false,
                    },
                    LinePoint {
                        p: Point::new(Mm(PAGE_W - MARGIN), Mm(y)),
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
        self.y -= 7.0;
    }

    fn line(&mut self, text: &str, size: f32, bold: bool, col: Color) {
        let font = if bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        };
        let y = self.y;
        let drawn = self.script.visual(text);
        self.page().extend([
            Op::StartTextSection,
            Op::SetFillColor { col },
            Op::SetTextCursor {
                pos: Point::new(Mm(MARGIN), Mm(y)),
            },
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            },
            Op::ShowText {
                items: vec![TextItem::Text(drawn)],
            },
            Op::EndTextSection,
        ]);
        self.y -= size * 0.3528 * 1.45;
    }

    /// A paragraph, wrapped and paginated; `indent` in spaces.
    fn para(&mut self, text: &str, size: f32, bold: bool, indent: usize) {
        let width = ((PAGE_W - 2.0 * MARGIN) / (size * 0.3528 * 0.56)) as usize;
        for line in wrap(text, width.saturating_sub(indent).max(20)) {
            if self.y < MARGIN + 10.0 {
                self.new_page();
            }
            self.line(
                &format!("{}{}", " ".repeat(indent), line),
                size,
                bold,
                ink(),
            );
        }
    }

    fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }
}

/// A case's follow-up, decision and actions, indented by `indent` spaces; a part that is `None`
/// is left out (an amendment prints only what changed).
fn record(
    w: &mut Writer,
    l: &Labels,
    (follow_up, decision, actions): (Option<&str>, Option<&str>, Option<&[ReportAction]>),
    indent: usize,
) {
    if let Some(f) = follow_up.filter(|f| !f.is_empty()) {
        w.para(f, 9.5, false, indent);
    }
    if let Some(d) = decision {
        w.para(&format!("{}: {d}", l.decision), 10.0, false, indent);
    }
    let Some(actions) = actions else { return };
    w.para(&format!("{}:", l.actions), 10.0, true, indent);
    if actions.is_empty() {
        w.para(&l.no_actions, 10.0, false, indent + 2);
    }
    for a in actions {
        w.para(&format!("• {}", a.what), 10.0, false, indent + 2);
        let mut meta = format!("{}: {} · {}: {}", l.owner, a.owner, l.due, a.due);
        if !a.expected_feedback.is_empty() {
            meta.push_str(&format!(" · {}: {}", l.feedback, a.expected_feedback));
        }
        w.para(&meta, 9.0, false, indent + 4);
    }
}

/// Renders the decision report.
pub fn render(data: &ReportData) -> Result<Vec<u8>, ReportError> {
    let mut doc = PdfDocument::new(&data.labels.title);
    let regular = ParsedFont::from_bytes(FONT, 0, &mut Vec::new()).ok_or(ReportError::Font)?;
    let bold = ParsedFont::from_bytes(FONT_BOLD, 0, &mut Vec::new()).ok_or(ReportError::Font)?;
    let mut w = Writer {
        script: {
            let probe = regular.clone();
            script::Script::new(move |c| probe.lookup_glyph_index(u32::from(c)).is_some())
        },
        regular: doc.add_font(&regular),
        bold: doc.add_font(&bold),
        pages: Vec::new(),
        y: 0.0,
        header: data.labels.confidential.clone(),
    };
    let l = &data.labels;
    w.new_page();
    w.para(&l.title, 18.0, true, 0);
    w.para(&data.table_name, 12.0, true, 0);
    w.para(&format!("{} — {}", data.date, data.place), 11.0, false, 0);
    if let Some(draft) = &data.draft {
        w.gap(1.0);
        w.line(draft, 11.0, true, red());
    }
    if !data.issued.is_empty() {
        w.para(&data.issued, 9.0, false, 0);
    }
    w.gap(4.0);
    w.para(&l.attendance, 13.0, true, 0);
    for (who, presence) in &data.attendance {
        w.para(&format!("• {who}: {presence}"), 10.0, false, 2);
    }
    w.gap(4.0);
    w.para(&l.decisions, 13.0, true, 0);
    for item in &data.items {
        w.gap(2.0);
        w.para(&item.code, 11.5, true, 0);
        let parts = (
            Some(item.follow_up.as_str()),
            Some(item.decision.as_str()),
            Some(item.actions.as_slice()),
        );
        record(&mut w, l, parts, 2);
        if let Some(a) = &item.amendment {
            w.gap(1.0);
            w.line(&format!("  {}", l.amended), 10.0, true, red());
            let parts = (
                a.follow_up.as_deref(),
                a.decision.as_deref(),
                a.actions.as_deref(),
            );
            record(&mut w, l, parts, 4);
        }
    }
    let total = w.pages.len();
    let footer_font = w.regular.clone();
    let pages = std::mem::take(&mut w.pages)
        .into_iter()
        .enumerate()
        .map(|(i, mut ops)| {
            ops.extend([
                Op::StartTextSection,
                Op::SetFillColor { col: ink() },
                Op::SetTextCursor {
                    pos: Point::new(Mm(PAGE_W - MARGIN - 25.0), Mm(MARGIN - 8.0)),
                },
                Op::SetFont {
                    font: PdfFontHandle::External(footer_font.clone()),
                    size: Pt(8.0),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(format!("{} {}/{}", l.page, i + 1, total))],
                },
                Op::EndTextSection,
            ]);
            PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)
        })
        .collect();
    Ok(doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let text = "een twee drie vier vijf zes zeven acht negen tien elf twaalf";
        let lines = wrap(text, 12);
        assert!(lines.iter().all(|l| l.chars().count() <= 12));
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap(&"x".repeat(30), 10).len(), 3);
    }
}
