//! A small A4 layout engine over printpdf: positioned text in Liberation Sans (embedded and
//! subset), greedy word wrap measured with the font's own advances, lines and boxes, automatic
//! page breaks and a "Page X of Y" footer added once the page count is known.
//!
//! Every PDF is tagged, for a screen reader: each piece of text is marked content of a structure
//! element (a paragraph, a heading, a table's cell), lines, boxes and the footer are artifacts,
//! and [`Layout::finish`] writes the structure tree, the document's language (en-GB) and any form
//! fields ([`Layout::text_field`]) into the file printpdf wrote, with lopdf: printpdf 0.12 writes
//! marked content but neither a structure tree nor form fields.
//!
//! Coordinates are in millimetres from the top-left corner of the page.

use printpdf::{
    Color, Date, DateTime, FontId, Greyscale, Line, LinePoint, Mm, Offset, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, Time,
};

const REGULAR_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");
pub const PAGE_W: f32 = 210.0;
/// Page height in mm (A4).
pub const PAGE_H: f32 = 297.0;
pub const MARGIN: f32 = 20.0;

/// The distance between lines of text at `size` pt, in mm; a line's baseline sits this far
/// below the top of its line.
pub fn leading(size: f32) -> f32 {
    size * 0.45
}
const FOOTER_Y: f32 = PAGE_H - 10.0;
/// The baseline of the running head, above the top margin.
const HEAD_Y: f32 = 12.0;
/// The size of a table's text and of a tick box's label: 10 pt, the smallest a form to be
/// filled in by hand is comfortable to read at.
const TABLE_PT: f32 = 10.0;
const PT_PER_MM: f32 = 72.0 / 25.4;

struct Font {
    parsed: ParsedFont,
    id: FontId,
}

impl Font {
    fn width_mm(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.parsed.pdf_font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = self.parsed.lookup_glyph_index(u32::from(c)).unwrap_or(0);
                u32::from(self.parsed.get_horizontal_advance(glyph))
            })
            .sum();
        units as f32 / upem * size / PT_PER_MM
    }
}

/// Text weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// How a run of text is drawn in [`Layout::rich_paragraph`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub weight: Weight,
    pub underline: bool,
    pub strike: bool,
}

impl Style {
    pub const PLAIN: Style = Style { weight: Weight::Regular, underline: false, strike: false };
}

/// The role of a structure element of the tagged PDF (PDF 1.7, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The document's title.
    H1,
    /// A section heading.
    H2,
    P,
    Table,
    TR,
    TH,
    TD,
    /// A form field.
    Form,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::P => "P",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Form => "Form",
        }
    }
}

/// A structure element as it is laid out: its role, the element it is in (none: the document),
/// and the marked content it holds as (page index, marked-content id), or the form field it is.
#[derive(Debug)]
struct Tag {
    role: Role,
    parent: Option<usize>,
    content: Vec<(usize, i64)>,
    field: Option<usize>,
}

/// A fillable text field: where it is (page index; mm from the page's top-left), its name and
/// what a screen reader says of it.
#[derive(Debug)]
struct Field {
    page: usize,
    rect: (f32, f32, f32, f32),
    name: String,
    tooltip: String,
    multiline: bool,
}

/// A document being laid out, page by page.
pub struct Layout {
    doc: PdfDocument,
    regular: Font,
    bold: Font,
    /// Finished pages.
    done: Vec<Vec<Op>>,
    /// The page being drawn on.
    current: Vec<Op>,
    /// The next baseline's distance from the top of the current page.
    pub y: f32,
    /// The structure elements, in reading order, and those open now (innermost last).
    tags: Vec<Tag>,
    open: Vec<usize>,
    /// The current page's next marked-content id.
    next_mcid: i64,
    /// Drawing what is not content (a repeated header row, the footer): nothing is tagged.
    in_artifact: bool,
    fields: Vec<Field>,
    /// The line at the top of every page ([`Layout::running_head`]).
    head: String,
}

impl std::fmt::Debug for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Layout").field("pages", &self.page_count()).field("y", &self.y).finish()
    }
}

fn pdf_date(t: chrono::DateTime<chrono::Utc>) -> DateTime {
    use chrono::{Datelike, Timelike};
    DateTime {
        date: Date {
            year: t.year(),
            month: u8::try_from(t.month()).unwrap_or(1),
            day: u8::try_from(t.day()).unwrap_or(1),
        },
        time: Time {
            hour: u8::try_from(t.hour()).unwrap_or(0),
            minute: u8::try_from(t.minute()).unwrap_or(0),
            second: u8::try_from(t.second()).unwrap_or(0),
            millisecond: 0,
        },
        offset: Offset { hours: 0, minutes: 0, seconds: 0, milliseconds: 0 },
    }
}

impl Layout {
    /// A new document; `created` is written as its creation and modification date.
    pub fn new(title: &str, author: &str, created: chrono::DateTime<chrono::Utc>) -> Result<Layout, String> {
        let mut doc = PdfDocument::new(title);
        let info = &mut doc.metadata.info;
        info.author = author.to_owned();
        info.creator = "Annual Review Desk".to_owned();
        info.producer = "Annual Review Desk".to_owned();
        info.creation_date = pdf_date(created);
        info.modification_date = pdf_date(created);
        info.metadata_date = pdf_date(created);
        let mut load = |bytes: &[u8]| -> Result<Font, String> {
            let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                .ok_or_else(|| "the embedded font could not be read".to_owned())?;
            let id = doc.add_font(&parsed);
            Ok(Font { parsed, id })
        };
        let regular = load(REGULAR_TTF)?;
        let bold = load(BOLD_TTF)?;
        Ok(Layout {
            doc,
            regular,
            bold,
            done: Vec::new(),
            current: Vec::new(),
            y: MARGIN,
            tags: Vec::new(),
            open: Vec::new(),
            next_mcid: 0,
            in_artifact: false,
            fields: Vec::new(),
            head: String::new(),
        })
    }

    /// Puts `text` (see [`crate::running_head`]) at the top of every page.
    pub fn running_head(&mut self, text: &str) {
        text.clone_into(&mut self.head);
    }

    /// Opens a structure element of `role` inside the one open now: the text drawn until
    /// [`Layout::end`] is its content.
    pub fn begin(&mut self, role: Role) {
        self.tags.push(Tag { role, parent: self.open.last().copied(), content: Vec::new(), field: None });
        self.open.push(self.tags.len() - 1);
    }

    /// Closes the structure element opened last.
    pub fn end(&mut self) {
        self.open.pop();
    }

    /// Runs `draw` as one element of `role`, unless an element is already open: a paragraph
    /// drawn inside a heading or a table's cell is part of it.
    fn within<R>(&mut self, role: Role, draw: impl FnOnce(&mut Self) -> R) -> R {
        if self.open.is_empty() && !self.in_artifact {
            self.begin(role);
            let r = draw(self);
            self.end();
            r
        } else {
            draw(self)
        }
    }

    /// Runs `draw` as an artifact: what it draws is not read out (a header row repeated on a
    /// new page).
    pub fn artifact<R>(&mut self, draw: impl FnOnce(&mut Self) -> R) -> R {
        let was = std::mem::replace(&mut self.in_artifact, true);
        let r = draw(self);
        self.in_artifact = was;
        r
    }

    /// `ops` as drawn: marked as an artifact when they are not text, or when drawing one;
    /// text as marked content of the open element (a paragraph of its own if none is open).
    fn mark(&mut self, ops: Vec<Op>, text: bool) {
        if !text || self.in_artifact {
            self.current.push(Op::BeginMarkedContent { tag: "Artifact".to_owned() });
            self.current.extend(ops);
            self.current.push(Op::EndMarkedContent);
            return;
        }
        let alone = self.open.is_empty();
        if alone {
            self.begin(Role::P);
        }
        let tag = self.open.last().copied().unwrap_or_default();
        let mcid = self.next_mcid;
        self.next_mcid += 1;
        let page = self.done.len();
        let role = self.tags.get(tag).map_or(Role::P, |t| t.role);
        if let Some(t) = self.tags.get_mut(tag) {
            t.content.push((page, mcid));
        }
        let mut props = std::collections::BTreeMap::new();
        props.insert("MCID".to_owned(), printpdf::DictItem::Int(mcid));
        self.current.push(Op::BeginMarkedContentWithProperties {
            tag: role.name().to_owned(),
            properties: printpdf::DictItem::Dict { map: props },
        });
        self.current.extend(ops);
        self.current.push(Op::EndMarkedContent);
        if alone {
            self.end();
        }
    }

    /// A fillable text field over the box at (`x`, `top`), `w` by `h` mm, on the current page,
    /// named `name` (unique in the document) and described by `tooltip` (what a screen reader
    /// says of it); `multiline` for a box to write paragraphs in.
    pub fn text_field(
        &mut self,
        name: &str,
        tooltip: &str,
        (x, top, w, h): (f32, f32, f32, f32),
        multiline: bool,
    ) {
        self.fields.push(Field {
            page: self.done.len(),
            rect: (x, top, w, h),
            name: name.to_owned(),
            tooltip: tooltip.to_owned(),
            multiline,
        });
        self.tags.push(Tag {
            role: Role::Form,
            parent: self.open.last().copied(),
            content: Vec::new(),
            field: Some(self.fields.len() - 1),
        });
    }

    fn font(&self, weight: Weight) -> &Font {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    pub fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        self.font(weight).width_mm(text, size)
    }

    /// Draws `text` with its baseline at (`x`, `y`) on the current page.
    pub fn text_at(&mut self, x: f32, y: f32, text: &str, weight: Weight, size: f32) {
        let id = self.font(weight).id.clone();
        let ops = vec![
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(id), size: Pt(size) },
            Op::SetTextCursor { pos: Point::new(Mm(x), Mm(PAGE_H - y)) },
            Op::ShowText { items: vec![TextItem::Text(text.to_owned())] },
            Op::EndTextSection,
        ];
        self.mark(ops, true);
    }

    /// Draws `text` right-aligned to `right` (mm from the left edge).
    pub fn text_right(&mut self, right: f32, y: f32, text: &str, weight: Weight, size: f32) {
        let w = self.width(text, weight, size);
        self.text_at(right - w, y, text, weight, size);
    }

    /// Breaks `text` into lines no wider than `max` mm.
    pub fn wrap(&self, text: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for hard in text.split('\n') {
            let mut line = String::new();
            for word in hard.split_whitespace() {
                let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
                if line.is_empty() || self.width(&candidate, weight, size) <= max {
                    line = candidate;
                } else {
                    lines.push(std::mem::replace(&mut line, word.to_owned()));
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Starts a new page if fewer than `needed` mm remain above the bottom margin.
    pub fn ensure_space(&mut self, needed: f32) {
        if self.y + needed > PAGE_H - MARGIN - 5.0 {
            self.new_page();
        }
    }

    pub fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.current));
        self.next_mcid = 0;
        self.y = MARGIN;
    }

    /// The height (mm) [`Layout::paragraph`] gives `text` at `size` pt, `width` mm wide, before
    /// the space after it: to keep it on a page with what follows.
    pub fn paragraph_height(&self, text: &str, weight: Weight, size: f32, width: f32) -> f32 {
        self.wrap(text, weight, size, width).len() as f32 * leading(size)
    }

    /// Writes a wrapped paragraph at `x`, `width` wide, moving down; `after` mm of space follow.
    pub fn paragraph(&mut self, x: f32, width: f32, text: &str, weight: Weight, size: f32, after: f32) {
        let leading = leading(size);
        self.within(Role::P, |pdf| {
            for line in pdf.wrap(text, weight, size, width) {
                pdf.ensure_space(leading);
                pdf.y += leading;
                pdf.text_at(x, pdf.y, &line, weight, size);
            }
        });
        self.y += after;
    }

    /// Writes a wrapped paragraph of styled runs (bold, underlined, struck through), moving down.
    /// Lines break between words, whatever run they are in; `\n` in a run breaks the line.
    pub fn rich_paragraph(&mut self, x: f32, width: f32, runs: &[(Style, String)], size: f32, after: f32) {
        let leading = leading(size);
        self.within(Role::P, |pdf| {
            for line in pdf.rich_lines(runs, size, width) {
                pdf.ensure_space(leading);
                pdf.y += leading;
                let y = pdf.y;
                pdf.rich_line(x, y, &line, size);
            }
        });
        self.y += after;
    }

    /// `runs` broken into lines no wider than `width` mm: each word with its style and its
    /// offset from the line's start. Lines break between words, whatever run they are in; `\n`
    /// breaks the line.
    fn rich_lines<'r>(
        &self,
        runs: &'r [(Style, String)],
        size: f32,
        width: f32,
    ) -> Vec<Vec<(Style, &'r str, f32)>> {
        // Words with their style and whether whitespace came before them; `None` is a hard break.
        let mut words: Vec<Option<(Style, &str, bool)>> = Vec::new();
        let mut space = false;
        for (style, text) in runs {
            for (n, hard) in text.split('\n').enumerate() {
                if n > 0 {
                    words.push(None);
                    space = false;
                }
                let mut rest = hard;
                while !rest.is_empty() {
                    let trimmed = rest.trim_start();
                    space |= trimmed.len() < rest.len();
                    let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
                    if let Some(word) = trimmed.get(..end).filter(|w| !w.is_empty()) {
                        words.push(Some((*style, word, space)));
                        space = false;
                    }
                    rest = trimmed.get(end..).unwrap_or("");
                }
            }
        }
        let mut lines: Vec<Vec<(Style, &str, f32)>> = vec![Vec::new()];
        let mut used = 0.0;
        for word in words {
            let Some((style, text, space_before)) = word else {
                lines.push(Vec::new());
                used = 0.0;
                continue;
            };
            let gap = if space_before && used > 0.0 { self.width(" ", style.weight, size) } else { 0.0 };
            let w = self.width(text, style.weight, size);
            if used > 0.0 && used + gap + w > width {
                lines.push(Vec::new());
                used = 0.0;
            }
            let at = if used > 0.0 { used + gap } else { 0.0 };
            if let Some(line) = lines.last_mut() {
                line.push((style, text, at));
            }
            used = at + w;
        }
        lines
    }

    /// One line of [`Layout::rich_lines`] with its baseline at `y`.
    fn rich_line(&mut self, x: f32, y: f32, line: &[(Style, &str, f32)], size: f32) {
        for (style, text, at) in line {
            self.text_at(x + at, y, text, style.weight, size);
            let w = self.width(text, style.weight, size);
            if style.underline {
                self.line(x + at, y + 0.7, x + at + w, y + 0.7, 0.5);
            }
            if style.strike {
                let mid = y - size * 0.12;
                self.line(x + at, mid, x + at + w, mid, 0.6);
            }
        }
    }

    /// A table whose cells are styled runs (a change's deleted words struck, its new words
    /// bold): the header repeats on each page, as in [`Layout::table`].
    pub fn rich_table(
        &mut self,
        widths: &[f32],
        header: &[&str],
        rows: &[Vec<Vec<(Style, String)>>],
        min_height: f32,
    ) {
        let size = 9.0;
        let bold = Style { weight: Weight::Bold, underline: false, strike: false };
        let header_row: Vec<Vec<(Style, String)>> =
            header.iter().map(|h| vec![(bold, (*h).to_owned())]).collect();
        let draw = |pdf: &mut Layout, cells: &[Vec<(Style, String)>], height: f32, cell_role: Role| {
            let mut x = MARGIN;
            let top = pdf.y;
            pdf.begin(Role::TR);
            for (cell, w) in cells.iter().zip(widths) {
                pdf.rect(x, top, *w, height, 0.4);
                let lines = pdf.rich_lines(cell, size, w - 3.0);
                let mut y = top + 4.2;
                pdf.begin(cell_role);
                for line in &lines {
                    pdf.rich_line(x + 1.5, y, line, size);
                    y += 4.0;
                }
                pdf.end();
                x += w;
            }
            pdf.end();
            pdf.y = top + height;
        };
        let height_of = |pdf: &Layout, cells: &[Vec<(Style, String)>]| {
            let lines = cells
                .iter()
                .zip(widths)
                .map(|(cell, w)| pdf.rich_lines(cell, size, w - 3.0).len())
                .max()
                .unwrap_or(1) as f32;
            (lines * 4.0 + 2.5).max(min_height)
        };
        let header_height = height_of(self, &header_row);
        self.ensure_space(header_height + min_height);
        self.begin(Role::Table);
        draw(self, &header_row, header_height, Role::TH);
        for row in rows {
            let height = height_of(self, row);
            if self.y + height > PAGE_H - MARGIN - 5.0 {
                self.new_page();
                self.artifact(|pdf| draw(pdf, &header_row, header_height, Role::TH));
            }
            draw(self, row, height, Role::TD);
        }
        self.end();
        self.y += 3.0;
    }

    /// The top of a first page: `top_line` (the LA and the school) small and right-aligned,
    /// then `title` in bold at `size` pt, followed by `after` mm of space.
    pub fn masthead(&mut self, top_line: &str, title: &str, size: f32, after: f32) {
        self.text_right(PAGE_W - MARGIN, self.y + 2.0, top_line, Weight::Regular, 9.0);
        self.y += 7.0;
        self.begin(Role::H1);
        self.paragraph(MARGIN, PAGE_W - 2.0 * MARGIN, title, Weight::Bold, size, after);
        self.end();
    }

    /// A black line from (`x1`, `y1`) to (`x2`, `y2`), `width` points thick.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        let point = |x: f32, y: f32| LinePoint { p: Point::new(Mm(x), Mm(PAGE_H - y)), bezier: false };
        let ops = vec![
            Op::SetOutlineColor { col: Color::Greyscale(Greyscale::new(0.0, None)) },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } },
        ];
        self.mark(ops, false);
    }

    /// A line through `points` (mm from the page's top-left), closed back to the first if
    /// `closed`, `width` points thick: the child's letter draws its pictures with it.
    pub fn polyline(&mut self, points: &[(f32, f32)], closed: bool, width: f32) {
        let point = |(x, y): &(f32, f32)| LinePoint { p: Point::new(Mm(*x), Mm(PAGE_H - *y)), bezier: false };
        let ops = vec![
            Op::SetOutlineColor { col: Color::Greyscale(Greyscale::new(0.0, None)) },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine { line: Line { points: points.iter().map(point).collect(), is_closed: closed } },
        ];
        self.mark(ops, false);
    }

    /// A circle of radius `r` mm about (`cx`, `cy`), drawn as a 32-sided polygon.
    pub fn circle(&mut self, cx: f32, cy: f32, r: f32, width: f32) {
        let points: Vec<(f32, f32)> = (0..32)
            .map(|i| {
                let a = i as f32 * std::f32::consts::TAU / 32.0;
                (cx + r * a.cos(), cy + r * a.sin())
            })
            .collect();
        self.polyline(&points, true, width);
    }

    /// An unfilled box with its top-left corner at (`x`, `y`).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32) {
        self.boxed(x, y, w, h, width, None);
    }

    /// A box filled grey (`grey`: 0 black, 1 white) with a thin black outline, its top-left
    /// corner at (`x`, `y`): a chart's bar.
    pub fn filled_rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        self.boxed(x, y, w, h, 0.4, Some(grey));
    }

    fn boxed(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32, fill: Option<f32>) {
        let grey = |g: f32| Color::Greyscale(Greyscale::new(g, None));
        let mut ops = Vec::new();
        if let Some(g) = fill {
            ops.push(Op::SetFillColor { col: grey(g) });
        }
        ops.extend([
            Op::SetOutlineColor { col: grey(0.0) },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Mm(x).into(),
                    y: Mm(PAGE_H - y - h).into(),
                    width: Mm(w).into(),
                    height: Mm(h).into(),
                    mode: Some(if fill.is_some() { PaintMode::FillStroke } else { PaintMode::Stroke }),
                    winding_order: None,
                },
            },
        ]);
        if fill.is_some() {
            // Text after it is drawn black again.
            ops.push(Op::SetFillColor { col: grey(0.0) });
        }
        self.mark(ops, false);
    }

    pub fn page_count(&self) -> usize {
        self.done.len() + 1
    }

    /// A heading with a rule under it, kept with at least `keep` mm of what follows.
    pub fn heading(&mut self, text: &str, keep: f32) {
        self.ensure_space(12.0 + keep);
        self.y += 4.0;
        self.begin(Role::H2);
        self.paragraph(MARGIN, PAGE_W - 2.0 * MARGIN, text, Weight::Bold, 12.0, 1.0);
        self.end();
        self.line(MARGIN, self.y, PAGE_W - MARGIN, self.y, 0.4);
        self.y += 2.0;
    }

    /// A labelled write-in box `height` mm tall, with `prefill` text inside if any.
    pub fn write_in(&mut self, label: &str, height: f32, prefill: &str) {
        let width = PAGE_W - 2.0 * MARGIN;
        let lines = if prefill.is_empty() {
            Vec::new()
        } else {
            self.wrap(prefill, Weight::Regular, 9.5, width - 4.0)
        };
        let height = height.max(lines.len() as f32 * 4.3 + 4.0);
        self.ensure_space(height + 7.0);
        if !label.is_empty() {
            self.paragraph(MARGIN, width, label, Weight::Bold, 10.0, 1.0);
        }
        let top = self.y;
        self.rect(MARGIN, top, width, height, 0.5);
        let mut y = top + 4.5;
        self.within(Role::P, |pdf| {
            for line in lines {
                pdf.text_at(MARGIN + 2.0, y, &line, Weight::Regular, 9.5);
                y += 4.3;
            }
        });
        self.y = top + height + 3.0;
    }

    /// A row of tick boxes with labels, e.g. Achieved / Partly / Not yet.
    pub fn tick_boxes(&mut self, x: f32, labels: &[&str]) {
        self.ensure_space(6.0);
        let mut x = x;
        let y = self.y;
        self.within(Role::P, |pdf| {
            for label in labels {
                pdf.rect(x, y, 3.8, 3.8, 0.5);
                pdf.text_at(x + 5.5, y + 3.4, label, Weight::Regular, TABLE_PT);
                x += 9.5 + pdf.width(label, Weight::Regular, TABLE_PT);
            }
        });
        self.y += 6.0;
    }

    /// A table with a header row (repeated after a page break); each row is at least
    /// `min_height` mm tall and grows to fit its wrapped text.
    pub fn table(&mut self, widths: &[f32], header: &[&str], rows: &[Vec<String>], min_height: f32) {
        let draw_row = |pdf: &mut Layout, cells: &[String], weight: Weight, height: f32| {
            let mut x = MARGIN;
            let top = pdf.y;
            pdf.begin(Role::TR);
            for (cell, w) in cells.iter().zip(widths) {
                pdf.rect(x, top, *w, height, 0.4);
                let mut y = top + 4.6;
                pdf.begin(if weight == Weight::Bold { Role::TH } else { Role::TD });
                for line in pdf.wrap(cell, weight, TABLE_PT, w - 3.0) {
                    pdf.text_at(x + 1.5, y, &line, weight, TABLE_PT);
                    y += leading(TABLE_PT);
                }
                pdf.end();
                x += w;
            }
            pdf.end();
            pdf.y = top + height;
        };
        let header_cells: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        // A table of label and value pairs has no column titles: no empty header row.
        let header_height = if header.iter().all(|h| h.trim().is_empty()) { 0.0 } else { 7.0 };
        self.ensure_space(header_height + min_height);
        self.begin(Role::Table);
        if header_height > 0.0 {
            draw_row(self, &header_cells, Weight::Bold, header_height);
        }
        for row in rows {
            let lines = row
                .iter()
                .zip(widths)
                .map(|(cell, w)| self.wrap(cell, Weight::Regular, TABLE_PT, w - 3.0).len())
                .max()
                .unwrap_or(1) as f32;
            let height = (lines * leading(TABLE_PT) + 2.5).max(min_height);
            if self.y + height > PAGE_H - MARGIN - 5.0 {
                self.new_page();
                if header_height > 0.0 {
                    self.artifact(|pdf| draw_row(pdf, &header_cells, Weight::Bold, header_height));
                }
            }
            draw_row(self, row, Weight::Regular, height);
        }
        self.end();
        self.y += 3.0;
    }

    /// Adds "Page X of Y" (and `footer` on the left) to every page and returns the PDF bytes,
    /// tagged, with its form fields.
    pub fn finish(mut self, footer: &str) -> Vec<u8> {
        self.new_page();
        let pages = std::mem::take(&mut self.done);
        let total = pages.len();
        let mut out = Vec::with_capacity(total);
        let head = std::mem::take(&mut self.head);
        for (n, ops) in pages.into_iter().enumerate() {
            self.current = ops;
            let label = format!("Page {} of {total}", n + 1);
            self.artifact(|pdf| {
                if !head.is_empty() {
                    pdf.text_at(MARGIN, HEAD_Y, &head, Weight::Regular, 8.0);
                }
                pdf.text_right(PAGE_W - MARGIN, FOOTER_Y, &label, Weight::Regular, 8.0);
                if !footer.is_empty() {
                    pdf.text_at(MARGIN, FOOTER_Y, footer, Weight::Regular, 8.0);
                }
            });
            out.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), std::mem::take(&mut self.current)));
        }
        self.doc.with_pages(out);
        let pdf = self.doc.save(&PdfSaveOptions::default(), &mut Vec::new());
        match structured(&pdf, &self.tags, &self.fields) {
            Ok(tagged) => tagged,
            // Our own bytes, re-read by the lopdf printpdf writes with: should that ever fail,
            // the document is still whole, only untagged.
            Err(_) => pdf,
        }
    }
}

/// `pdf` with what printpdf cannot write: the structure tree of `tags` (each page's marked
/// content and each field's widget in its element), the document marked as tagged, its language
/// (British English), and `fields` as an interactive form.
fn structured(pdf: &[u8], tags: &[Tag], fields: &[Field]) -> Result<Vec<u8>, lopdf::Error> {
    use lopdf::{Dictionary, Object, ObjectId};
    let mut doc = lopdf::Document::load_mem(pdf)?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let page = |n: usize| pages.get(n).copied().map_or(Object::Null, Object::Reference);
    let root = doc.new_object_id();
    let top = doc.new_object_id();
    let ids: Vec<ObjectId> = tags.iter().map(|_| doc.new_object_id()).collect();
    let id = |n: Option<usize>| n.and_then(|n| ids.get(n)).copied().unwrap_or(top);

    // The form's fields, each its own widget on its page.
    let pt = |mm: f32| Object::Real(mm * PT_PER_MM);
    let mut widgets: Vec<ObjectId> = Vec::new();
    for (n, f) in fields.iter().enumerate() {
        let (x, top_mm, w, h) = f.rect;
        let mut widget = Dictionary::new();
        widget.set("Type", Object::Name(b"Annot".to_vec()));
        widget.set("Subtype", Object::Name(b"Widget".to_vec()));
        widget.set("FT", Object::Name(b"Tx".to_vec()));
        widget.set("T", lopdf::text_string(&f.name));
        widget.set("TU", lopdf::text_string(&f.tooltip));
        widget
            .set("Rect", Object::Array(vec![pt(x), pt(PAGE_H - top_mm - h), pt(x + w), pt(PAGE_H - top_mm)]));
        widget.set("F", Object::Integer(4));
        widget.set("Ff", Object::Integer(if f.multiline { 4096 } else { 0 }));
        widget.set("DA", Object::string_literal("/Helv 10 Tf 0 g"));
        widget.set("P", page(f.page));
        widget.set("StructParent", Object::Integer((pages.len() + n) as i64));
        let wid = doc.add_object(widget);
        widgets.push(wid);
        if let Some(page_id) = pages.get(f.page) {
            let page_dict = doc.get_dictionary_mut(*page_id)?;
            let mut annots = match page_dict.get(b"Annots") {
                Ok(Object::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            annots.push(Object::Reference(wid));
            page_dict.set("Annots", Object::Array(annots));
            // Tab through the fields in the order of the structure.
            page_dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }

    // The structure elements, and each page's marked content back to its element.
    let mut parents: Vec<Vec<Object>> = vec![Vec::new(); pages.len()];
    let mut tops: Vec<Object> = Vec::new();
    let mut kids: Vec<Vec<Object>> = vec![Vec::new(); tags.len()];
    for (n, tag) in tags.iter().enumerate() {
        let me = Object::Reference(id(Some(n)));
        match tag.parent.and_then(|p| kids.get_mut(p)) {
            Some(siblings) => siblings.push(me),
            None => tops.push(me),
        }
        for (p, mcid) in &tag.content {
            if let Some(list) = parents.get_mut(*p) {
                let at = usize::try_from(*mcid).unwrap_or(usize::MAX);
                if list.len() <= at {
                    list.resize(at + 1, Object::Null);
                }
                if let Some(slot) = list.get_mut(at) {
                    *slot = Object::Reference(id(Some(n)));
                }
            }
        }
    }
    for (n, tag) in tags.iter().enumerate() {
        let mut e = Dictionary::new();
        e.set("Type", Object::Name(b"StructElem".to_vec()));
        e.set("S", Object::Name(tag.role.name().as_bytes().to_vec()));
        e.set("P", Object::Reference(id(tag.parent)));
        let mut k: Vec<Object> = kids.get(n).cloned().unwrap_or_default();
        for (p, mcid) in &tag.content {
            let mut mcr = Dictionary::new();
            mcr.set("Type", Object::Name(b"MCR".to_vec()));
            mcr.set("Pg", page(*p));
            mcr.set("MCID", Object::Integer(*mcid));
            k.push(Object::Dictionary(mcr));
        }
        if let Some((f, wid)) = tag.field.and_then(|f| fields.get(f).zip(widgets.get(f))) {
            let mut objr = Dictionary::new();
            objr.set("Type", Object::Name(b"OBJR".to_vec()));
            objr.set("Obj", Object::Reference(*wid));
            objr.set("Pg", page(f.page));
            k.push(Object::Dictionary(objr));
            e.set("Alt", lopdf::text_string(&f.tooltip));
        }
        if let Some((p, _)) = tag.content.first() {
            e.set("Pg", page(*p));
        }
        e.set("K", Object::Array(k));
        if let Some(i) = ids.get(n) {
            doc.objects.insert(*i, Object::Dictionary(e));
        }
    }
    let mut document = Dictionary::new();
    document.set("Type", Object::Name(b"StructElem".to_vec()));
    document.set("S", Object::Name(b"Document".to_vec()));
    document.set("P", Object::Reference(root));
    document.set("K", Object::Array(tops));
    doc.objects.insert(top, Object::Dictionary(document));

    let mut nums = Vec::new();
    for (n, list) in parents.into_iter().enumerate() {
        nums.push(Object::Integer(n as i64));
        nums.push(Object::Array(list));
        if let Some(page_id) = pages.get(n) {
            doc.get_dictionary_mut(*page_id)?.set("StructParents", Object::Integer(n as i64));
        }
    }
    for (n, tag) in tags.iter().enumerate() {
        if let Some(f) = tag.field {
            nums.push(Object::Integer((pages.len() + f) as i64));
            nums.push(Object::Reference(id(Some(n))));
        }
    }
    let mut tree = Dictionary::new();
    tree.set("Nums", Object::Array(nums));
    let tree = doc.add_object(tree);
    let mut struct_root = Dictionary::new();
    struct_root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    struct_root.set("K", Object::Reference(top));
    struct_root.set("ParentTree", Object::Reference(tree));
    struct_root.set("ParentTreeNextKey", Object::Integer((pages.len() + fields.len()) as i64));
    doc.objects.insert(root, Object::Dictionary(struct_root));

    let form = if widgets.is_empty() {
        None
    } else {
        let mut helv = Dictionary::new();
        helv.set("Type", Object::Name(b"Font".to_vec()));
        helv.set("Subtype", Object::Name(b"Type1".to_vec()));
        helv.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
        helv.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        let helv = doc.add_object(helv);
        let mut fonts = Dictionary::new();
        fonts.set("Helv", Object::Reference(helv));
        let mut resources = Dictionary::new();
        resources.set("Font", Object::Dictionary(fonts));
        let mut form = Dictionary::new();
        form.set("Fields", Object::Array(widgets.iter().copied().map(Object::Reference).collect()));
        form.set("NeedAppearances", Object::Boolean(true));
        form.set("DA", Object::string_literal("/Helv 10 Tf 0 g"));
        form.set("DR", Object::Dictionary(resources));
        Some(doc.add_object(form))
    };

    let catalog = doc.catalog_mut()?;
    catalog.set("Lang", Object::string_literal("en-GB"));
    let mut mark = Dictionary::new();
    mark.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark));
    catalog.set("StructTreeRoot", Object::Reference(root));
    let mut viewer = Dictionary::new();
    viewer.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(viewer));
    if let Some(form) = form {
        catalog.set("AcroForm", Object::Reference(form));
    }
    let mut out = Vec::with_capacity(pdf.len() + 4096);
    doc.save_to(&mut out)?;
    Ok(out)
}
