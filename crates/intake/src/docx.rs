//! The text of a Word document, paragraph by paragraph, for importing an EHC plan.
//!
//! The file is untrusted: it is sniffed by content first (so a renamed PDF or a macro document
//! is refused), only `word/document.xml` and the headers and footers are read, by name (no entry
//! name is ever used as a path), their decompressed size is counted on the bytes actually
//! inflated (a zip's stated sizes can lie), and the whole parse runs behind a panic boundary.
//!
//! The text is read as Word shows it with every change accepted: inserted text (`w:ins`,
//! `w:moveTo`) is read and deleted text (`w:del`, `w:moveFrom`) is not; content controls
//! (`w:sdt`) are read through, except one still showing its placeholder; a hyperlink's text is
//! read; a text box, which Word writes twice (DrawingML, and a VML copy in `mc:Fallback`), is
//! read once. Each paragraph keeps where it came from (body, header, footer, text box) and the
//! table cell it is in, so that the plan's layout can be recognised.

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use quick_xml::events::{BytesStart, Event};

use crate::{FileType, Refusal, sniff};

/// The largest `word/document.xml` read, decompressed (a 300-page plan is about 5 MB); the
/// headers and footers count towards the same total.
pub const MAX_DOCUMENT_XML: u64 = 32 * 1024 * 1024;
/// The largest decompressed-to-compressed ratio accepted for a part over 1 MB. Word's XML
/// compresses about 10:1; a zip bomb reaches 1000:1.
pub const MAX_RATIO: u64 = 200;
/// The most headers and footers read (Word writes up to three of each per document section).
pub const MAX_HEADER_PARTS: usize = 60;
/// How deeply paragraphs (in text boxes) and tables may nest. Word stops well short of this.
pub const MAX_NESTING: usize = 64;
/// The most grid columns one cell spans, or a row skips before its first cell, as read (Word
/// allows 63 columns in a table).
pub const MAX_GRID_SPAN: u32 = 64;

/// Where a paragraph of a Word document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Body,
    /// A page header (repeated on every page).
    Header,
    /// A page footer (repeated on every page).
    Footer,
    /// A text box in the body.
    TextBox,
}

/// The table cell a paragraph is in: its table (numbered in reading order, a nested table its
/// own number), row and column, each counted from 0.
///
/// The column is the table's grid column the cell starts in, so that a column is the same
/// column on every row however the rows' cells are merged: a cell merged across columns
/// (`w:gridSpan`) counts as all of them, and the grid columns a row leaves out before its first
/// cell (`w:gridBefore`) are counted. A cell merged down from the row above (`w:vMerge`) is
/// empty as Word writes it: its text is in the row where the merged cell starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cell {
    pub table: u32,
    pub row: u32,
    pub column: u32,
}

/// One paragraph of a Word document, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocParagraph {
    /// Its text (tabs kept, line breaks as `\n`, trailing spaces trimmed); never empty.
    pub text: String,
    pub origin: Origin,
    /// The innermost table cell it is in, if any.
    pub cell: Option<Cell>,
}

/// The paragraphs of a .docx: the body's in reading order (a text box's where it is anchored),
/// then the headers' and the footers'. Empty paragraphs are dropped. `limit` is the largest file
/// accepted.
pub fn docx_document(bytes: &[u8], limit: u64) -> Result<Vec<DocParagraph>, Refusal> {
    match sniff(bytes, limit)? {
        FileType::Docx => {}
        FileType::LegacyOffice => {
            return Err(Refusal::WrongType { expected: DOCX, found: compound_label(bytes) });
        }
        other => return Err(Refusal::WrongType { expected: DOCX, found: other.label() }),
    }
    catch_unwind(AssertUnwindSafe(|| {
        let mut parts = Parts::open(bytes)?;
        let body = parts.read("word/document.xml")?;
        let mut out = paragraphs(&body, Origin::Body)?;
        drop(body);
        for (name, origin) in parts.headers_and_footers() {
            let xml = parts.read(&name)?;
            out.extend(paragraphs(&xml, origin)?);
        }
        Ok(out)
    }))
    .unwrap_or_else(|_| Err(Refusal::Unreadable { detail: "the document's structure is invalid".to_owned() }))
}

/// What a plan must be: the only kind of file read here.
const DOCX: &str = "Word document (.docx)";

/// What an OLE compound file is, as a refusal names it: a Word 97–2003 .doc (to be saved as
/// .docx in Word), an Office document with a password (Office encrypts a .docx into one), or
/// another pre-2007 Office file. Read behind a panic boundary; only stream names are looked at.
fn compound_label(bytes: &[u8]) -> &'static str {
    let kind = catch_unwind(AssertUnwindSafe(|| {
        let cfb = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
        if cfb.is_stream("/EncryptionInfo") || cfb.is_stream("/EncryptedPackage") {
            Some("password-protected Office document")
        } else if cfb.is_stream("/WordDocument") {
            Some("Word 97\u{2013}2003 document (.doc)")
        } else {
            None
        }
    }));
    kind.ok().flatten().unwrap_or("pre-2007 Office file")
}

/// The text of a .docx's body and text boxes, paragraph by paragraph, as [`docx_document`]
/// reads it (headers and footers left out).
pub fn docx_paragraphs(bytes: &[u8], limit: u64) -> Result<Vec<String>, Refusal> {
    Ok(docx_document(bytes, limit)?
        .into_iter()
        .filter(|p| matches!(p.origin, Origin::Body | Origin::TextBox))
        .map(|p| p.text)
        .collect())
}

/// Review marks left in a Word document: unaccepted tracked changes and comments (V16).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewMarks {
    pub revisions: bool,
    pub comments: bool,
}

/// Whether a .docx still holds tracked changes or comments. `None` if it cannot be read.
pub fn review_marks(bytes: &[u8]) -> Option<ReviewMarks> {
    catch_unwind(AssertUnwindSafe(|| {
        let xml = Parts::open(bytes).ok()?.read("word/document.xml").ok()?;
        let has = |tag: &[u8]| xml.windows(tag.len()).any(|w| w == tag);
        Some(ReviewMarks {
            revisions: has(b"<w:ins ") || has(b"<w:del ") || has(b"<w:ins>") || has(b"<w:del>"),
            comments: has(b"<w:commentReference"),
        })
    }))
    .ok()
    .flatten()
}

/// How many pages a .docx had when Word (or LibreOffice) last saved it, as it records in its
/// extended properties (`docProps/app.xml`, `<Pages>`); `None` if it does not say or cannot be
/// read. Only that part is inflated, within the same budget as the document.
pub fn docx_page_count(bytes: &[u8]) -> Option<usize> {
    catch_unwind(AssertUnwindSafe(|| {
        let xml = Parts::open(bytes).ok()?.read("docProps/app.xml").ok()?;
        let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
        let mut in_pages = false;
        loop {
            match reader.read_event().ok()? {
                Event::Start(e) => in_pages = e.local_name().into_inner() == "Pages",
                Event::Text(t) if in_pages => return AsRef::<str>::as_ref(&t).trim().parse().ok(),
                Event::End(_) => in_pages = false,
                Event::Eof => return None,
                _ => {}
            }
        }
    }))
    .ok()
    .flatten()
    .filter(|n| *n > 0)
}

/// The parts of a .docx, read by name against one budget of inflated bytes.
struct Parts<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

fn damaged(e: &dyn std::fmt::Display) -> Refusal {
    Refusal::Unreadable { detail: e.to_string() }
}

impl<'a> Parts<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, Refusal> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
        Ok(Parts { archive, budget: MAX_DOCUMENT_XML })
    }

    /// The headers' and footers' part names (`word/header1.xml`…), in number order; names are
    /// compared, never used as paths.
    fn headers_and_footers(&self) -> Vec<(String, Origin)> {
        let numbered = |name: &str, prefix: &str| {
            let digits = name.strip_prefix(prefix)?.strip_suffix(".xml")?;
            (!digits.is_empty() && digits.len() < 6 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse::<u32>().ok())
                .flatten()
        };
        let mut found: Vec<(Origin, u32, String)> = self
            .archive
            .file_names()
            .filter_map(|name| {
                let name = name.ok()?;
                let name = name.as_ref();
                let (origin, n) = match (numbered(name, "word/header"), numbered(name, "word/footer")) {
                    (Some(n), _) => (Origin::Header, n),
                    (_, Some(n)) => (Origin::Footer, n),
                    _ => return None,
                };
                Some((origin, n, name.to_owned()))
            })
            .collect();
        found.sort_by_key(|(origin, n, _)| (*origin == Origin::Footer, *n));
        found.into_iter().take(MAX_HEADER_PARTS).map(|(origin, _, name)| (name, origin)).collect()
    }

    fn read(&mut self, name: &str) -> Result<Vec<u8>, Refusal> {
        let entry = self.archive.by_name(name).map_err(|e| damaged(&e))?;
        let compressed = entry.compressed_size().max(1);
        let mut xml = Vec::new();
        // Count what is actually inflated: stop one byte past what is left of the budget.
        entry.take(self.budget.saturating_add(1)).read_to_end(&mut xml).map_err(|e| damaged(&e))?;
        let size = u64::try_from(xml.len()).unwrap_or(u64::MAX);
        if size > self.budget {
            return Err(Refusal::Unreadable {
                detail: format!("its text unpacks to more than {} MB", MAX_DOCUMENT_XML / (1024 * 1024)),
            });
        }
        if size > 1024 * 1024 && size / compressed > MAX_RATIO {
            return Err(Refusal::Unreadable {
                detail: format!("it unpacks to {} times its size, as a zip bomb does", size / compressed),
            });
        }
        self.budget -= size;
        Ok(xml)
    }
}

/// The table being read: its number, the row reached, the grid column the cell being read
/// starts in and how many it spans, and where the next cell of the row starts.
struct Table {
    id: u32,
    row: Option<u32>,
    column: u32,
    span: u32,
    next_column: u32,
}

impl Table {
    fn new(id: u32) -> Table {
        Table { id, row: None, column: 0, span: 1, next_column: 0 }
    }
}

/// A `w:val` count (`w:gridSpan`, `w:gridBefore`), capped at [`MAX_GRID_SPAN`]; `None` if it is
/// missing or not a number.
fn grid_count(e: &BytesStart<'_>) -> Option<u32> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == "val")
        .and_then(|a| a.value.as_ref().trim().parse::<u32>().ok())
        .map(|n| n.min(MAX_GRID_SPAN))
}

/// Grid spans and skipped columns, as Word writes them in a cell's or a row's properties.
fn grid(tables: &mut [Table], e: &BytesStart<'_>) {
    let Some(t) = tables.last_mut() else { return };
    match e.local_name().into_inner() {
        "gridSpan" => t.span = grid_count(e).unwrap_or(1).max(1),
        "gridBefore" => t.next_column = t.next_column.saturating_add(grid_count(e).unwrap_or(0)),
        _ => {}
    }
}

/// An open paragraph.
struct Open {
    text: String,
    origin: Origin,
    cell: Option<Cell>,
}

fn next(n: Option<u32>) -> Option<u32> {
    Some(n.map_or(0, |n| n.saturating_add(1)))
}

/// Whether an element's content is not the document's text as Word shows it with the changes
/// accepted: deleted or moved-away text, the VML copy of what `mc:Choice` holds, and a cell's or
/// a row's properties before a tracked change (their merges are not the table's).
fn hidden(local: &str) -> bool {
    matches!(local, "del" | "moveFrom" | "Fallback" | "tcPrChange" | "trPrChange")
}

fn paragraphs(xml: &[u8], part: Origin) -> Result<Vec<DocParagraph>, Refusal> {
    let invalid = |e: &dyn std::fmt::Display| Refusal::Unreadable {
        detail: format!("its text is not valid XML ({e})"),
    };
    let too_deep = || Refusal::Unreadable {
        detail: "its tables or text boxes are nested more deeply than Word writes them".to_owned(),
    };
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut next_table = 0u32;
    // Open content controls, each with whether it still shows its placeholder text.
    let mut controls: Vec<bool> = Vec::new();
    let mut depth = 0usize;
    let mut hidden_from: Option<usize> = None;
    let mut text_boxes = 0usize;
    let mut tab_stops = 0usize;
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| invalid(&e))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if hidden_from.is_some() {
                    buf.clear();
                    continue;
                }
                let local = e.local_name().into_inner();
                let placeholder = local == "sdtContent" && controls.last() == Some(&true);
                if hidden(local) || placeholder {
                    hidden_from = Some(depth);
                    buf.clear();
                    continue;
                }
                match local {
                    "t" => in_text = true,
                    "p" => {
                        if open.len() >= MAX_NESTING {
                            return Err(too_deep());
                        }
                        let origin =
                            if text_boxes > 0 && part == Origin::Body { Origin::TextBox } else { part };
                        let cell = tables.last().map(|t| Cell {
                            table: t.id,
                            row: t.row.unwrap_or(0),
                            column: t.column,
                        });
                        open.push(Open { text: String::new(), origin, cell });
                    }
                    "tbl" => {
                        if tables.len() >= MAX_NESTING {
                            return Err(too_deep());
                        }
                        tables.push(Table::new(next_table));
                        next_table = next_table.saturating_add(1);
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row = next(t.row);
                            t.column = 0;
                            t.span = 1;
                            t.next_column = 0;
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.column = t.next_column;
                            t.span = 1;
                        }
                    }
                    "gridSpan" | "gridBefore" => grid(&mut tables, &e),
                    "sdt" => {
                        if controls.len() >= MAX_NESTING {
                            return Err(too_deep());
                        }
                        controls.push(false);
                    }
                    "showingPlcHdr" => placeholder_shown(&mut controls, &e),
                    "txbxContent" => text_boxes += 1,
                    "tabs" => tab_stops += 1,
                    _ => {}
                }
            }
            Event::End(e) => {
                if hidden_from == Some(depth) {
                    hidden_from = None;
                }
                depth = depth.saturating_sub(1);
                if hidden_from.is_some() {
                    buf.clear();
                    continue;
                }
                match e.local_name().into_inner() {
                    "t" => in_text = false,
                    "p" => {
                        if let Some(p) = open.pop() {
                            let text = p.text.trim_end();
                            if !text.trim_start().is_empty() {
                                out.push(DocParagraph {
                                    text: text.to_owned(),
                                    origin: p.origin,
                                    cell: p.cell,
                                });
                            }
                        }
                    }
                    "tbl" => {
                        tables.pop();
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.next_column = t.column.saturating_add(t.span);
                        }
                    }
                    "sdt" => {
                        controls.pop();
                    }
                    "txbxContent" => text_boxes = text_boxes.saturating_sub(1),
                    "tabs" => tab_stops = tab_stops.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Empty(e) if hidden_from.is_none() => {
                let current = open.last_mut().map(|p| &mut p.text);
                match (e.local_name().into_inner(), current) {
                    ("tab", Some(text)) if tab_stops == 0 => text.push('\t'),
                    ("br" | "cr", Some(text)) => text.push('\n'),
                    ("noBreakHyphen", Some(text)) => text.push('-'),
                    ("showingPlcHdr", _) => placeholder_shown(&mut controls, &e),
                    ("gridSpan" | "gridBefore", _) => grid(&mut tables, &e),
                    _ => {}
                }
            }
            Event::Text(t) if in_text && hidden_from.is_none() => {
                if let Some(p) = open.last_mut() {
                    p.text.push_str(t.as_ref());
                }
            }
            Event::GeneralRef(r) if in_text && hidden_from.is_none() => {
                let c = match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(p) = open.last_mut() {
                    p.text.extend(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// `w:showingPlcHdr` in a content control's properties: what it shows is its placeholder, not
/// the document's text ("Click or tap here to enter text.").
fn placeholder_shown(controls: &mut [bool], e: &BytesStart<'_>) {
    let off = e.attributes().flatten().any(|a| {
        a.key.local_name().into_inner() == "val" && matches!(a.value.as_ref(), "0" | "false" | "off")
    });
    if let Some(shown) = controls.last_mut() {
        *shown = !off;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const LIMIT: u64 = crate::DEFAULT_MAX_BYTES;

    fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            let options = zip::write::SimpleFileOptions::default().compression_method(method);
            let _ = w.start_file(*name, options);
            let _ = w.write_all(data);
        }
        w.finish().map(Cursor::into_inner).unwrap_or_default()
    }

    fn docx(document: &[u8]) -> Vec<u8> {
        zip_of(
            &[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", document)],
            zip::CompressionMethod::Deflated,
        )
    }

    fn code(bytes: &[u8]) -> &'static str {
        match docx_paragraphs(bytes, LIMIT) {
            Ok(_) => "ok",
            Err(r) => r.code(),
        }
    }

    #[test]
    fn paragraphs_come_out_in_order_with_entities_tabs_and_no_deleted_text() {
        let xml = br#"<w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Section F &amp; provision</w:t></w:r></w:p>
            <w:p></w:p>
            <w:p><w:r><w:t xml:space="preserve">Speech </w:t></w:r><w:r><w:tab/><w:t>therapy</w:t></w:r>
                 <w:del><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:br/><w:t>weekly &#8211; 30 min</w:t></w:r></w:p>
        </w:body></w:document>"#;
        let got = docx_paragraphs(&docx(xml), LIMIT);
        assert_eq!(
            got,
            Ok(vec![
                "Section F & provision".to_owned(),
                "Speech \ttherapy\nweekly \u{2013} 30 min".to_owned()
            ])
        );
    }

    /// A paragraph as the tests compare it: text, origin, (table, row, column).
    type Read = (String, Origin, Option<(u32, u32, u32)>);

    fn read(document: &[u8], extra: &[(&str, &[u8])]) -> Vec<Read> {
        let mut entries: Vec<(&str, &[u8])> =
            vec![("[Content_Types].xml", b"<Types/>"), ("word/document.xml", document)];
        entries.extend_from_slice(extra);
        docx_document(&zip_of(&entries, zip::CompressionMethod::Deflated), LIMIT)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.text, p.origin, p.cell.map(|c| (c.table, c.row, c.column))))
            .collect()
    }

    fn body(text: &str) -> Read {
        (text.to_owned(), Origin::Body, None)
    }

    #[test]
    fn tracked_changes_are_read_accepted_and_a_text_box_once() {
        let xml = br#"<w:document xmlns:w="w" xmlns:mc="mc" xmlns:wps="wps" xmlns:v="v"><w:body>
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
                 <w:r><w:t xml:space="preserve">about </w:t></w:r><w:del w:id="1"><w:r><w:delText>three</w:delText></w:r></w:del>
                 <w:ins w:id="2"><w:r><w:t>two</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> years</w:t></w:r></w:p>
            <w:p><w:moveFrom w:id="3"><w:r><w:t>moved away</w:t></w:r></w:moveFrom></w:p>
            <w:p><w:moveTo w:id="4"><w:r><w:t>moved here</w:t></w:r></w:moveTo></w:p>
            <w:p><w:r><w:t xml:space="preserve">See the </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>Local Offer</w:t></w:r></w:hyperlink></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
                <w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
                <mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>
            </mc:AlternateContent></w:r><w:r><w:t>Anchor</w:t></w:r></w:p>
        </w:body></w:document>"#;
        assert_eq!(
            read(xml, &[]),
            vec![
                body("about two years"),
                body("moved here"),
                body("See the Local Offer"),
                ("In a box".to_owned(), Origin::TextBox, None),
                body("Anchor"),
            ]
        );
    }

    #[test]
    fn tables_content_controls_headers_and_footers_keep_where_they_are() {
        let xml = br#"<w:document xmlns:w="w"><w:body>
            <w:sdt><w:sdtPr><w:alias w:val="Name"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Kit</w:t></w:r></w:p></w:sdtContent></w:sdt>
            <w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Views</w:t></w:r></w:p>
                <w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>
              <w:sdt><w:sdtContent><w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>row two</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>
            <w:p><w:r><w:t>after</w:t></w:r></w:p>
        </w:body></w:document>"#;
        let header: &[u8] =
            br#"<w:hdr xmlns:w="w"><w:p><w:r><w:t>OFFICIAL-SENSITIVE</w:t></w:r></w:p></w:hdr>"#;
        let footer: &[u8] = br#"<w:ftr xmlns:w="w"><w:p><w:r><w:t>Page 1</w:t></w:r></w:p></w:ftr>"#;
        let got = read(
            xml,
            &[("word/footer1.xml", footer), ("word/header2.xml", header), ("word/headerX.xml", header)],
        );
        assert_eq!(
            got,
            vec![
                body("Kit"),
                ("A".to_owned(), Origin::Body, Some((0, 0, 0))),
                ("Views".to_owned(), Origin::Body, Some((0, 0, 1))),
                ("nested".to_owned(), Origin::Body, Some((1, 0, 0))),
                ("row two".to_owned(), Origin::Body, Some((0, 1, 1))),
                body("after"),
                ("OFFICIAL-SENSITIVE".to_owned(), Origin::Header, None),
                ("Page 1".to_owned(), Origin::Footer, None),
            ]
        );
    }

    #[test]
    fn issue_14_a_merged_cell_s_column_is_the_grid_column_it_starts_in() {
        // A heading merged across three columns; a letter merged down (its continuation holds an
        // empty paragraph); a row leaving out its first two columns; a span over the cap, one
        // that is not a number, and one before a tracked change (not the table's); a nested
        // table, then the outer cell again.
        let xml = br#"<w:document xmlns:w="w"><w:body><w:tbl>
            <w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>Section B</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc>
                  <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Health</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
                  <w:tc><w:p><w:r><w:t>one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>two</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr><w:tc><w:p><w:r><w:t>last</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:gridSpan w:val="4000000000"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc>
                  <w:tc><w:tcPr><w:gridSpan w:val="x"/><w:tcPrChange w:id="1"><w:tcPr><w:gridSpan w:val="9"/></w:tcPr></w:tcPrChange></w:tcPr><w:p><w:r><w:t>beside</w:t></w:r></w:p>
                    <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"></w:gridSpan></w:tcPr><w:p><w:r><w:t>n1</w:t></w:r></w:p></w:tc>
                      <w:tc><w:p><w:r><w:t>n2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
                    <w:p><w:r><w:t>outer again</w:t></w:r></w:p></w:tc>
                  <w:tc><w:p><w:r><w:t>right</w:t></w:r></w:p></w:tc></w:tr>
        </w:tbl></w:body></w:document>"#;
        let at = |text: &str, cell: (u32, u32, u32)| (text.to_owned(), Origin::Body, Some(cell));
        assert_eq!(
            read(xml, &[]),
            vec![
                at("Section B", (0, 0, 0)),
                at("C", (0, 1, 0)),
                at("Health", (0, 1, 1)),
                at("one", (0, 2, 1)),
                at("two", (0, 2, 2)),
                at("last", (0, 3, 2)),
                at("wide", (0, 4, 0)),
                at("beside", (0, 4, MAX_GRID_SPAN)),
                at("n1", (1, 0, 0)),
                at("n2", (1, 0, 2)),
                at("outer again", (0, 4, MAX_GRID_SPAN)),
                at("right", (0, 4, MAX_GRID_SPAN + 1)),
            ]
        );
    }

    #[test]
    fn nesting_deeper_than_word_writes_is_refused() {
        let deep = format!(
            "<w:document><w:body>{}{}</w:body></w:document>",
            "<w:tbl><w:tr><w:tc>".repeat(100),
            "</w:tc></w:tr></w:tbl>".repeat(100)
        );
        let refused =
            docx_paragraphs(&docx(deep.as_bytes()), LIMIT).err().map(|r| r.to_string()).unwrap_or_default();
        assert!(refused.contains("nested more deeply"), "{refused}");
    }

    #[test]
    fn hostile_files_are_refused_with_a_reason() {
        // (How fast each is refused is measured by the benchmarks, not here.)
        // A zip bomb: 8 MB of one byte deflates to a few kilobytes.
        let bomb = docx(&vec![b' '; 8 * 1024 * 1024]);
        assert!(bomb.len() < 100_000);
        let refusal = docx_paragraphs(&bomb, LIMIT).err().map(|r| r.to_string()).unwrap_or_default();
        assert!(refusal.contains("zip bomb"), "{refusal}");
        // Entry names that climb out of a folder: never used as paths, and not a Word document.
        let traversal =
            zip_of(&[("../../etc/passwd", b"x"), ("/abs/path", b"y")], zip::CompressionMethod::Stored);
        assert_eq!(code(&traversal), "archive");
        // A truncated file, an empty document part, a renamed PDF, a macro document.
        let good = docx(b"<w:document><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>");
        assert_eq!(code(good.get(..good.len() / 2).unwrap_or_default()), "unreadable");
        assert_eq!(docx_paragraphs(&docx(b""), LIMIT), Ok(vec![]));
        assert_eq!(code(b"%PDF-1.7 renamed.docx"), "wrong_type");
        assert_eq!(code(b"<w:document>not even a zip"), "wrong_type");
        assert_eq!(code(b"not xml at all <<<"), "wrong_type");
        let broken = docx(b"<w:document><w:p><w:t>unclosed</w:p>");
        assert_eq!(code(&broken), "unreadable");
    }

    fn compound_with(streams: &[&str]) -> Vec<u8> {
        let Ok(mut cfb) = cfb::CompoundFile::create(Cursor::new(Vec::new())) else { return Vec::new() };
        for path in streams {
            if let Ok(mut s) = cfb.create_stream(path) {
                let _ = s.write_all(b"synthetic");
            }
        }
        let _ = cfb.flush();
        cfb.into_inner().into_inner()
    }

    #[test]
    fn issue_14_a_doc_a_pdf_or_a_password_is_refused_saying_what_the_file_is() {
        let said = |bytes: &[u8]| match docx_document(bytes, LIMIT) {
            Ok(_) => "read".to_owned(),
            Err(r) => format!("{}: {r}", r.code()),
        };
        for (bytes, expected) in [
            (
                compound_with(&["/WordDocument", "/1Table"]),
                "the file is a Word 97\u{2013}2003 document (.doc), not a Word document (.docx). Open it in Word, choose File > Save As > Word Document (.docx)",
            ),
            (
                compound_with(&["/EncryptionInfo", "/EncryptedPackage"]),
                "the file is a password-protected Office document, not a Word document (.docx). Open it in Word, remove the password",
            ),
            (
                compound_with(&["/Workbook"]),
                "the file is a pre-2007 Office file, not a Word document (.docx)",
            ),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 truncated".to_vec(), "the file is a pre-2007 Office file"),
            (
                b"%PDF-1.7\n1 0 obj".to_vec(),
                "the file is a PDF, not a Word document (.docx). If the LA sent the plan in Word too, use that",
            ),
        ] {
            let said = said(&bytes);
            assert!(said.starts_with("wrong_type: ") && said.contains(expected), "{said}");
        }
    }

    /// LibreOffice records the pages it laid out (3, as qpdf counts its PDF of the same file);
    /// a file that records none (the plan, converted from HTML) or damaged bytes give `None`.
    #[test]
    fn a_word_file_s_pages_are_read_from_what_it_recorded() {
        let fixture = |name: &str| {
            std::fs::read(format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR")))
                .unwrap_or_default()
        };
        let report = fixture("report-three-pages.docx");
        assert_eq!(docx_page_count(&report), Some(3));
        assert_eq!(docx_page_count(&fixture("plan.docx")), None);
        assert_eq!(docx_page_count(report.get(..report.len() / 2).unwrap_or_default()), None);
    }

    #[test]
    fn a_hundred_thousand_entries_are_refused() {
        let names: Vec<String> = (0..100_000).map(|n| format!("f{n}")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let many = zip_of(&entries, zip::CompressionMethod::Stored);
        assert_eq!(code(&many), "unreadable");
    }
}
