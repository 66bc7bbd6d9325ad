//! The readable index of a child's record as exported (a subject access request, or the record
//! passed to the next setting): one self-contained HTML page that any browser opens, linking the
//! files beside it. Plain text in, HTML out: every value is escaped, nothing is fetched.

/// The page: a title, a few lines saying what it is, and its parts in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordIndex {
    pub title: String,
    pub intro: Vec<String>,
    pub parts: Vec<Part>,
}

/// One part of the page, under its heading: lines of text, label–value pairs and a table, each
/// shown when not empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    pub heading: String,
    /// A part within the one before it (a review's papers under the review).
    pub sub: bool,
    pub paragraphs: Vec<String>,
    pub fields: Vec<(String, String)>,
    pub table: Option<Table>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: text, or a link to a file in the export (a relative path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Link { text: String, href: String },
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

const STYLE: &str = "body{font-family:'Liberation Sans',Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;\
line-height:1.45;color:#1b1b1b}h1{font-size:1.6em}h2{font-size:1.3em;margin-top:2em;border-bottom:2px solid #1d5b8c}\
h3{font-size:1.1em;margin-top:1.5em}table{border-collapse:collapse;width:100%;margin:.5em 0}\
th,td{border:1px solid #b1b4b6;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#eef2f5}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1.5em}dt{font-weight:bold}dd{margin:0;white-space:pre-wrap}\
p.text{white-space:pre-wrap}";

/// The page as HTML (UTF-8, British English).
pub fn index_html(index: &RecordIndex) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&index.title)
    ));
    out.push_str(&format!("<h1>{}</h1>\n", escape(&index.title)));
    for line in &index.intro {
        out.push_str(&format!("<p>{}</p>\n", escape(line)));
    }
    for part in &index.parts {
        let tag = if part.sub { "h3" } else { "h2" };
        out.push_str(&format!("<{tag}>{}</{tag}>\n", escape(&part.heading)));
        for p in &part.paragraphs {
            out.push_str(&format!("<p class=\"text\">{}</p>\n", escape(p)));
        }
        if !part.fields.is_empty() {
            out.push_str("<dl>\n");
            for (label, value) in &part.fields {
                out.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", escape(label), escape(value)));
            }
            out.push_str("</dl>\n");
        }
        if let Some(table) = &part.table {
            out.push_str("<table>\n<thead><tr>");
            for c in &table.columns {
                out.push_str(&format!("<th scope=\"col\">{}</th>", escape(c)));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in &table.rows {
                out.push_str("<tr>");
                for cell in row {
                    match cell {
                        Cell::Text(t) => out.push_str(&format!("<td>{}</td>", escape(t))),
                        Cell::Link { text, href } => {
                            out.push_str(&format!(
                                "<td><a href=\"{}\">{}</a></td>",
                                escape(href),
                                escape(text)
                            ));
                        }
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// `text` with the characters HTML gives meaning to replaced by their entities.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_escaped_and_links_are_relative() {
        let index = RecordIndex {
            title: "Record of <b>A</b>".into(),
            intro: vec!["Made & checked".into()],
            parts: vec![Part {
                heading: "Papers".into(),
                table: Some(Table {
                    columns: vec!["Title".into(), "File".into()],
                    rows: vec![vec![
                        Cell::from("O'Neil \"report\""),
                        Cell::Link { text: "x.pdf".into(), href: "files/01-x.pdf".into() },
                    ]],
                }),
                ..Part::default()
            }],
        };
        let html = index_html(&index);
        assert!(html.contains("<h1>Record of &lt;b&gt;A&lt;/b&gt;</h1>"));
        assert!(html.contains("<p>Made &amp; checked</p>"));
        assert!(html.contains("<td>O&#39;Neil &quot;report&quot;</td>"));
        assert!(html.contains("<a href=\"files/01-x.pdf\">x.pdf</a>"));
        assert!(!html.contains("<b>"));
    }
}
