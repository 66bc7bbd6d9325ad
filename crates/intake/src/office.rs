//! What an Office Open XML or OpenDocument file would run or fetch when opened, found by its
//! declared content types and relationships rather than by a part's name: macros (a VBA project
//! under any name), ActiveX controls, embedded OLE objects (which can wrap a program), and a
//! template fetched from elsewhere (`attachedTemplate` with an external target). Embedded
//! spreadsheets and charts, which Word documents often hold, are not flagged. Each part is read
//! through a cap, behind the caller's panic boundary.

use std::io::{Cursor, Read};

use ardesk_domain::content::Active;

/// The most bytes read from one part (`[Content_Types].xml`, a `.rels` file, a manifest), and
/// from all of them together.
const PART_CAP: u64 = 1 << 20;
const TOTAL_CAP: u64 = 8 << 20;

/// What the file holds that would run or fetch something, or `None`.
pub(crate) fn active_content(bytes: &[u8], names: &[String]) -> Option<Active> {
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    // By name first, for the obvious cases (cheap).
    if lower.iter().any(|n| n.ends_with("vbaproject.bin")) {
        return Some(Active::Macros);
    }
    if lower.iter().any(|n| n.starts_with("basic/") || n.starts_with("scripts/")) {
        return Some(Active::Macros);
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut budget = TOTAL_CAP;
    let mut read = |name: &str| -> Option<String> {
        let entry = archive.by_name(name).ok()?;
        let mut out = Vec::new();
        entry.take(PART_CAP.min(budget)).read_to_end(&mut out).ok()?;
        budget = budget.saturating_sub(u64::try_from(out.len()).unwrap_or(u64::MAX));
        Some(String::from_utf8_lossy(&out).into_owned())
    };
    if let Some(types) = read("[Content_Types].xml") {
        // The declared types only: a part's name (LibreOffice calls an embedded spreadsheet
        // "oleObject1.xlsx") says nothing.
        let types = types.to_ascii_lowercase();
        let declared: Vec<&str> =
            types.split("contenttype=").skip(1).filter_map(|rest| attribute(rest, "")).collect();
        let any = |test: &dyn Fn(&str) -> bool| declared.iter().any(|t| test(t));
        // A macro-enabled main part (.docm, .xlsm, and every .xlsb) with no VBA project holds
        // no code: Office opens it with nothing to enable, and olevba finds none.
        if any(&|t| {
            t == "application/vnd.ms-office.vbaproject"
                || t.starts_with("application/vnd.ms-excel.macrosheet")
                || t.starts_with("application/vnd.ms-excel.intlmacrosheet")
        }) {
            return Some(Active::Macros);
        }
        if any(&|t| t.starts_with("application/vnd.ms-office.activex")) {
            return Some(Active::Activex);
        }
        if any(&|t| t == "application/vnd.openxmlformats-officedocument.oleobject") {
            return Some(Active::EmbeddedObject);
        }
    }
    if let Some(manifest) = read("META-INF/manifest.xml") {
        // OpenDocument: scripts declared in the manifest, or an embedded OLE object.
        let manifest = manifest.to_ascii_lowercase();
        if manifest.contains("application/vnd.sun.xml.ui.configuration") && manifest.contains("basic/") {
            return Some(Active::Macros);
        }
        if manifest.contains("application/vnd.sun.star.oleobject") {
            return Some(Active::EmbeddedObject);
        }
    }
    let rels: Vec<String> =
        names.iter().filter(|n| n.to_ascii_lowercase().ends_with(".rels")).cloned().collect();
    for name in rels {
        let Some(text) = read(&name) else { continue };
        let text = text.to_ascii_lowercase();
        for rel in text.split("<relationship ").skip(1) {
            let kind = attribute(rel, "type=").unwrap_or_default();
            let external = attribute(rel, "targetmode=").is_some_and(|m| m == "external");
            if kind.ends_with("/vbaproject") {
                return Some(Active::Macros);
            }
            if kind.ends_with("/control") || kind.ends_with("/activexcontrol") {
                return Some(Active::Activex);
            }
            if kind.ends_with("/oleobject") {
                return Some(Active::EmbeddedObject);
            }
            if kind.ends_with("/attachedtemplate") && external {
                return Some(Active::ExternalTemplate);
            }
        }
    }
    None
}

/// The value of `name` ("type=") in a start tag's text (lower-cased), quotes removed.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(name)? + name.len();
    let rest = tag.get(at..)?;
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = rest.get(1..)?;
    rest.find(quote).and_then(|end| rest.get(..end))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_with(entries: &[(&str, &str)]) -> (Vec<u8>, Vec<String>) {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in entries {
            let _ = w.start_file(*name, zip::write::SimpleFileOptions::default());
            let _ = w.write_all(text.as_bytes());
        }
        let bytes = w.finish().map(|c| c.into_inner()).unwrap_or_default();
        (bytes, entries.iter().map(|(n, _)| (*n).to_owned()).collect())
    }

    const DOC: (&str, &str) = ("word/document.xml", "<w:document/>");

    #[test]
    fn active_parts_are_found_by_their_types_and_relationships() {
        let types = |extra: &str| {
            format!("<Types><Default Extension=\"xml\" ContentType=\"application/xml\"/>{extra}</Types>")
        };
        let plain = types("");
        type Case = (Vec<(&'static str, String)>, Option<Active>);
        let cases: Vec<Case> = vec![
            (vec![("[Content_Types].xml", plain.clone())], None),
            (
                vec![(
                    "[Content_Types].xml",
                    types("<Override PartName=\"/word/harmless.bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"),
                )],
                Some(Active::Macros),
            ),
            (
                vec![(
                    "[Content_Types].xml",
                    types("<Override PartName=\"/word/activeX/activeX1.xml\" ContentType=\"application/vnd.ms-office.activeX+xml\"/>"),
                )],
                Some(Active::Activex),
            ),
            (
                vec![
                    ("[Content_Types].xml", plain.clone()),
                    (
                        "word/_rels/settings.xml.rels",
                        "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate\" Target=\"https://example.org/t.dotm\" TargetMode=\"External\"/></Relationships>".to_owned(),
                    ),
                ],
                Some(Active::ExternalTemplate),
            ),
            (
                vec![
                    ("[Content_Types].xml", plain.clone()),
                    (
                        "word/_rels/settings.xml.rels",
                        "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate\" Target=\"Normal.dotm\"/></Relationships>".to_owned(),
                    ),
                ],
                None,
            ),
            (
                // LibreOffice names an embedded spreadsheet "oleObject1.xlsx": a name, not a type.
                vec![(
                    "[Content_Types].xml",
                    types("<Override PartName=\"/word/embeddings/oleObject1.xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>"),
                )],
                None,
            ),
            (
                vec![(
                    "[Content_Types].xml",
                    types("<Default Extension=\"bin\" ContentType=\"application/vnd.openxmlformats-officedocument.oleObject\"/>"),
                )],
                Some(Active::EmbeddedObject),
            ),
            (
                vec![
                    ("[Content_Types].xml", plain.clone()),
                    (
                        "word/_rels/document.xml.rels",
                        "<Relationships><Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" Target=\"embeddings/Microsoft_Excel_Worksheet.xlsx\"/></Relationships>".to_owned(),
                    ),
                ],
                None,
            ),
        ];
        for (parts, expected) in cases {
            let mut entries: Vec<(&str, &str)> = parts.iter().map(|(n, t)| (*n, t.as_str())).collect();
            entries.push(DOC);
            let (bytes, names) = zip_with(&entries);
            assert_eq!(active_content(&bytes, &names), expected, "{parts:?}");
        }
    }
}
