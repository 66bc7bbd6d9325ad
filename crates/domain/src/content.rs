//! One policy for what the scan finds in a file (spec V01, V14; issue 18): a password, or content
//! that would run or fetch something when the file is opened. Each finding has a severity — a
//! password always blocks (the LA cannot open the file); active content blocks unless the LA's
//! profile says to warn — and a sentence saying what to do, in the menus of the program that
//! made the file. The checklist (when a file is attached), the bundle check, `ardesk verify`,
//! `ardesk scan` and the plan import all take their words from here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::problem::Severity;

/// What a file holds that would run or fetch something when it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Active {
    /// A VBA project or document scripts (Word, Excel, PowerPoint, LibreOffice Basic).
    Macros,
    /// An ActiveX control.
    Activex,
    /// An embedded OLE object, which can wrap a program.
    EmbeddedObject,
    /// A Word template fetched from elsewhere when the document opens.
    ExternalTemplate,
    /// JavaScript in a PDF.
    Javascript,
    /// A PDF action that starts a program.
    Launch,
    /// A file carried inside a PDF.
    EmbeddedFile,
}

impl Active {
    pub const ALL: [Active; 7] = [
        Active::Macros,
        Active::Activex,
        Active::EmbeddedObject,
        Active::ExternalTemplate,
        Active::Javascript,
        Active::Launch,
        Active::EmbeddedFile,
    ];

    /// A stable code, as the profile and `ardesk scan --json` write it.
    pub fn code(self) -> &'static str {
        match self {
            Active::Macros => "macros",
            Active::Activex => "activex",
            Active::EmbeddedObject => "embedded_object",
            Active::ExternalTemplate => "external_template",
            Active::Javascript => "javascript",
            Active::Launch => "launch",
            Active::EmbeddedFile => "embedded_file",
        }
    }

    pub fn from_code(code: &str) -> Option<Active> {
        Active::ALL.into_iter().find(|a| a.code() == code)
    }

    /// What it is, in words that follow "the document contains".
    pub fn describe(self) -> &'static str {
        match self {
            Active::Macros => "macros (program code)",
            Active::Activex => "an ActiveX control (program code)",
            Active::EmbeddedObject => "an embedded object, which can run a program when opened",
            Active::ExternalTemplate => "a link to a template elsewhere, fetched when it is opened",
            Active::Javascript => "JavaScript",
            Active::Launch => "an action that starts a program",
            Active::EmbeddedFile => "an embedded file",
        }
    }
}

/// The program a file is opened with, for the steps in the advice: from the extension of its
/// sniffed type (or of its name, for a password-protected Office file, whose type is hidden).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Word,
    Excel,
    PowerPoint,
    OpenDocument,
    Archive,
    Other,
}

impl Format {
    pub fn of_ext(ext: &str) -> Format {
        match ext.to_ascii_lowercase().as_str() {
            "pdf" => Format::Pdf,
            "docx" | "docm" | "doc" | "dotx" | "dotm" | "rtf" => Format::Word,
            "xlsx" | "xlsm" | "xls" => Format::Excel,
            "pptx" | "pptm" | "ppt" => Format::PowerPoint,
            "odt" | "ods" | "odp" => Format::OpenDocument,
            "zip" | "7z" => Format::Archive,
            _ => Format::Other,
        }
    }

    fn program(self) -> &'static str {
        match self {
            Format::Word => "Word",
            Format::Excel => "Excel",
            Format::PowerPoint => "PowerPoint",
            Format::OpenDocument => "LibreOffice",
            Format::Pdf | Format::Archive | Format::Other => "",
        }
    }
}

/// The severity of active content `what` under the LA's overrides (a profile's
/// `files.active_content`): a block unless the LA says a warning will do.
pub fn active_severity(overrides: &BTreeMap<Active, Level>, what: Active) -> Severity {
    match overrides.get(&what) {
        Some(Level::Warn) => Severity::Warn,
        Some(Level::Block) | None => Severity::Block,
    }
}

/// How an LA treats a kind of active content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Block,
    Warn,
}

/// What to do about a file the scan did not pass, by its verdict's code (`encrypted`, `macro`,
/// `unsupported`, `too_large`, `unreadable`); empty for `ok`.
pub fn fix(verdict: &str, active: Option<Active>, format: Format) -> String {
    match verdict {
        "ok" => String::new(),
        "encrypted" => password_fix(format).to_owned(),
        "macro" => active_fix(active.unwrap_or(Active::Macros), format),
        "too_large" => "Ask for a smaller copy within the LA's size limit (for example a PDF without scanned images at full resolution).".to_owned(),
        "unsupported" => "Ask for the document as a PDF or Word document (.docx).".to_owned(),
        _ => "Ask the sender for a new copy: this one is damaged or cut short.".to_owned(),
    }
}

/// What to do about a file with a password, in the menus of the program that opens it.
pub fn password_fix(format: Format) -> &'static str {
    match format {
        Format::Pdf => {
            "Ask the sender for a copy without a password. If you know the password: open it in Adobe Acrobat, choose File > Properties > Security, set Security Method to No Security and save; or print it to a new PDF (File > Print > Microsoft Print to PDF). Attach the copy."
        }
        Format::Word => {
            "Ask the sender for a copy without a password. If you know the password: open it in Word, choose File > Info > Protect Document > Encrypt with Password, delete the password, click OK and save. Attach the copy."
        }
        Format::Excel => {
            "Ask the sender for a copy without a password. If you know the password: open it in Excel, choose File > Info > Protect Workbook > Encrypt with Password, delete the password, click OK and save. Attach the copy."
        }
        Format::PowerPoint => {
            "Ask the sender for a copy without a password. If you know the password: open it in PowerPoint, choose File > Info > Protect Presentation > Encrypt with Password, delete the password, click OK and save. Attach the copy."
        }
        Format::OpenDocument => {
            "Ask the sender for a copy without a password. If you know the password: open it in LibreOffice, choose File > Save As, untick \u{201c}Save with password\u{201d} and save. Attach the copy."
        }
        Format::Archive => {
            "Ask the sender for the documents themselves, each without a password: the LA cannot open an archive with a password, and the bundle carries documents one by one."
        }
        Format::Other => "Ask the sender for a copy without a password, as a PDF or Word document.",
    }
}

/// What to do about a file holding `what`, in the menus of the program that opens it.
pub fn active_fix(what: Active, format: Format) -> String {
    let program = format.program();
    match (what, format) {
        (Active::Macros, Format::Word | Format::Excel | Format::PowerPoint) => {
            let kind = match format {
                Format::Word => "Word Document (*.docx)",
                Format::Excel => "Excel Workbook (*.xlsx)",
                _ => "PowerPoint Presentation (*.pptx)",
            };
            format!(
                "Open it in {program} and choose File > Save As > {kind}: that copy has no macros. Attach the copy, or ask the sender for a PDF."
            )
        }
        (Active::ExternalTemplate, Format::Word) => "Open it in Word, choose File > Options > Add-ins, Manage: Templates, Go; clear the Document template box, click OK and save. Attach the copy, or save it as PDF (File > Save As > PDF) and attach that.".to_owned(),
        (Active::Javascript | Active::Launch, _) | (_, Format::Pdf) => {
            let extra = if what == Active::EmbeddedFile {
                " If the file inside it is needed, ask for it as a document of its own."
            } else {
                ""
            };
            format!(
                "Print it to a new PDF (open it, File > Print > Microsoft Print to PDF): the pages are kept, the rest is not. Attach the new PDF, or ask the sender for a plain one.{extra}"
            )
        }
        (_, Format::Word | Format::Excel | Format::PowerPoint) => format!(
            "Open it in {program} and save it as PDF (File > Save As > PDF): the pages are kept, the {} is not. Attach the PDF, or ask the sender for a plain copy.",
            if what == Active::Activex { "control" } else { "object" }
        ),
        (_, Format::OpenDocument) => "Open it in LibreOffice and export it as PDF (File > Export as PDF): the pages are kept, the rest is not. Attach the PDF, or ask the sender for a plain copy.".to_owned(),
        _ => "Ask the sender for the document as a PDF without it.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for a in Active::ALL {
            assert_eq!(Active::from_code(a.code()), Some(a));
            assert_eq!(serde_json::to_string(&a).ok(), Some(format!("\"{}\"", a.code())));
        }
    }

    #[test]
    fn each_fix_names_the_program_that_made_the_file() {
        assert!(password_fix(Format::of_ext("DOCX")).contains("Protect Document"));
        assert!(password_fix(Format::of_ext("xls")).contains("Protect Workbook"));
        assert!(password_fix(Format::of_ext("pptx")).contains("Protect Presentation"));
        assert!(password_fix(Format::of_ext("ods")).contains("Save with password"));
        assert!(password_fix(Format::of_ext("pdf")).contains("No Security"));
        assert!(password_fix(Format::of_ext("zip")).contains("archive"));
        assert!(active_fix(Active::Macros, Format::Excel).contains("Excel Workbook"));
        assert!(active_fix(Active::Javascript, Format::Pdf).contains("Print to PDF"));
        assert!(active_fix(Active::EmbeddedFile, Format::Pdf).contains("document of its own"));
        assert!(active_fix(Active::ExternalTemplate, Format::Word).contains("Templates"));
        assert!(active_fix(Active::Activex, Format::PowerPoint).contains("PowerPoint and save it as PDF"));
        assert!(active_fix(Active::EmbeddedObject, Format::OpenDocument).contains("Export as PDF"));
    }

    #[test]
    fn active_content_blocks_unless_the_la_says_warn() {
        let mut overrides = BTreeMap::new();
        assert_eq!(active_severity(&overrides, Active::EmbeddedFile), Severity::Block);
        overrides.insert(Active::EmbeddedFile, Level::Warn);
        assert_eq!(active_severity(&overrides, Active::EmbeddedFile), Severity::Warn);
        assert_eq!(active_severity(&overrides, Active::Javascript), Severity::Block);
    }
}
