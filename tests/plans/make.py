#!/usr/bin/env python3
"""Builds the corpus of EHC plan layouts (issue 14, item 5) in this folder: one .docx per layout
that local authorities' own templates use, and beside each a .json with what the import must
find, written from this script's own data (never from our reader's output).

Every plan is synthetic: the child, the school and every sentence are invented. The layouts
follow the shapes of published LA templates (letters in their own table cell, headings in the
regulations' wording, outcomes and provision in one table, one Section H, content controls,
cells merged across and down, the letter in a later column, a table nested in a cell...).
python-docx writes the documents; the constructs it has no API for (content controls, tracked
changes, hyperlinks, text boxes) are written as WordprocessingML into its tree, and the zip is
rewritten with fixed dates so that a second run writes the same bytes.

    python3 tests/plans/make.py            # writes tests/plans/*.docx and *.json
    python3 tests/plans/make.py --check    # opens each in python-docx and LibreOffice (soffice)

crates/app/src/tests/plan_import.rs reads every .docx here through the real import and compares
the sections with the .json. Expected text conventions (the import's): a section's paragraphs
are joined with a line break; the cells of one table row that go to the same section are joined
with a tab; a heading and a column label row are not text.
"""
import io
import json
import os
import re
import sys
import zipfile

import docx
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.shared import Cm

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else HERE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
CODES = ["Front", "A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]

# ---------------------------------------------------------------------------------------------
# The synthetic child and plan. Nothing here describes a real person.
CHILD = "Kit Fictional"
FRONT = [
    "Education, Health and Care Plan",
    "Synthetic test document: the child, the school and the text are invented.",
]
FRONT_ROWS = [("Name", CHILD), ("Date of birth", "01/02/2016"), ("Local authority", "Exampleshire County Council")]
TEXT = {
    "A": ["Kit likes building model bridges and wants to be an engineer.",
          "Kit's parents would like Kit to travel to school on the bus with friends by Year 9."],
    "B": ["Communication and interaction: Kit finds it hard to follow spoken instructions of more than two steps.",
          "Cognition and learning: Kit's spelling is about two years behind the class."],
    "C": ["Kit has a mild hearing loss in the left ear, reviewed each year by audiology."],
    "D": ["No social care needs were identified in the assessment."],
    "E": ["By July 2027 Kit will follow a three-step spoken instruction in class on four days out of five.",
          "By July 2027 Kit will spell 80% of the Year 5 word list correctly in a short test."],
    "F": ["Small-group language session of 30 minutes, three times a week, led by a trained teaching assistant.",
          "A structured spelling programme of 20 minutes a day, planned by the class teacher."],
    "G": ["Audiology review once a year by the community paediatric audiology service."],
    "H1": ["None."],
    "H2": ["None."],
    "I": ["Exampleton Primary School (mainstream, maintained)."],
    "J": ["No Personal Budget has been requested."],
    "K": ["Advice from the parents; educational psychology advice; school advice; audiology report."],
}
# Who delivers each Section F item and how often, for the layouts that give it a column.
WHO = ["Teaching assistant, 3 x 30 min a week", "Class teacher, daily"]

SHORT = {
    "A": "Views, interests and aspirations", "B": "Special educational needs", "C": "Health care needs",
    "D": "Social care needs", "E": "Outcomes", "F": "Special educational provision",
    "G": "Health care provision", "H1": "Social care provision (CSDPA 1970 s2)",
    "H2": "Other social care provision", "I": "Placement", "J": "Personal Budget",
    "K": "Advice and information",
}
# Headings in the wording of the SEND Regulations 2014, reg 12(1), as LA templates print them.
REGS = {
    "A": "The views, interests and aspirations of the child and his or her parents or the young person",
    "B": "The child or young person's special educational needs",
    "C": "The child or young person's health care needs which relate to their special educational needs",
    "D": "The child or young person's social care needs which relate to their special educational needs or to a disability",
    "E": "The outcomes sought for the child or young person",
    "F": "The special educational provision required by the child or young person",
    "G": "Any health care provision reasonably required by the learning difficulties or disabilities which result in the child or young person having special educational needs",
    "H1": "Any social care provision which must be made for the child or young person as a result of section 2 of the Chronically Sick and Disabled Persons Act 1970",
    "H2": "Any other social care provision reasonably required by the learning difficulties or disabilities which result in the child or young person having special educational needs",
    "I": "The name and type of the school or other institution to be attended by the child or young person",
    "J": "Where any special educational provision is to be secured by a direct payment, the special educational needs and outcomes to be met by the direct payment",
    "K": "The advice and information gathered during the EHC needs assessment",
}
ORDER = ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]


def new_doc():
    d = docx.Document()
    d.core_properties.author = "Annual Review Desk test corpus"
    d.core_properties.title = "Synthetic EHC plan"
    return d


def body(d):
    return d.element.body


def append_xml(d, xml):
    """Appends WordprocessingML (block-level) to the body, before the section properties."""
    el = parse_xml(xml)
    sect = body(d).find(f"{{{W}}}sectPr")
    if sect is not None:
        sect.addprevious(el)
    else:
        body(d).append(el)
    return el


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text):
    return f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def front_table(d):
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for label, value in FRONT_ROWS:
        cells = t.add_row().cells
        cells[0].text = label
        cells[1].text = value
    return "\n".join(f"{label}\t{value}" for label, value in FRONT_ROWS)


def save(d, name, expected):
    """Writes NAME.docx (zip entries in a fixed order with a fixed date) and NAME.json."""
    raw = io.BytesIO()
    d.save(raw)
    src = zipfile.ZipFile(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(fixed, src.read(info.filename))
    with open(os.path.join(OUT, name + ".docx"), "wb") as f:
        f.write(out.getvalue())
    sections = expected.get("sections", {})
    expected.setdefault("missing", [c for c in CODES if c not in sections])
    expected.setdefault("combined", [])
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump({"file": name + ".docx", **expected}, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {name}.docx")


def joined(code):
    return "\n".join(TEXT[code])


# ---------------------------------------------------------------------------------------------
# (a) "Section A: ..." headings, as today's importer knew.
def section_colon():
    d = new_doc()
    for p in FRONT:
        d.add_paragraph(p)
    front = "\n".join(FRONT) + "\n" + front_table(d)
    expected = {"Front": front}
    for code in ORDER:
        d.add_heading(f"Section {code}: {SHORT[code]}", level=2)
        for p in TEXT[code]:
            d.add_paragraph(p, style="List Bullet" if code == "F" else None)
        expected[code] = joined(code)
    save(d, "a-section-colon", {"layout": "Section X: headings", "sections": expected})


# (b) The letter alone in its own cell, beside a title, with the text in the row below; the
# letter cell is merged down over its rows, as many LA templates are drawn.
def letter_cells():
    d = new_doc()
    d.add_paragraph(FRONT[0])
    d.add_paragraph(FRONT[1])
    front = "\n".join(FRONT[:2]) + "\n" + front_table(d)
    expected = {"Front": front}
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for code in ORDER:
        title = t.add_row().cells
        title[0].text = code
        title[1].text = SHORT[code]
        text = t.add_row().cells
        text[0].merge(title[0])  # the letter's cell spans the title and the text
        text[1].text = TEXT[code][0]
        for p in TEXT[code][1:]:
            text[1].add_paragraph(p)
        expected[code] = joined(code)
    save(d, "b-letter-cells", {"layout": "section letter in its own table cell", "sections": expected})


# (c) Headings in the regulations' full wording, no letters, in Essex's order (E before B).
def regulation_wording():
    d = new_doc()
    d.add_heading("Education, Health and Care Plan", level=0)
    d.add_paragraph(f"This plan is for {CHILD}. Synthetic test document.")
    expected = {"Front": f"Education, Health and Care Plan\nThis plan is for {CHILD}. Synthetic test document."}
    order = ["A", "E", "B", "C", "D", "F", "G", "H1", "H2", "I", "J", "K"]
    for code in order:
        d.add_heading(REGS[code], level=1)
        for p in TEXT[code]:
            d.add_paragraph(p)
        expected[code] = joined(code)
    save(d, "c-regulation-wording", {"layout": "headings in the regulations' wording", "sections": expected})


# (d) Sections E and F in one table: one outcome and the provision for it on each row.
def combined_e_f():
    d = new_doc()
    d.add_paragraph(FRONT[0])
    expected = {"Front": FRONT[0]}
    for code in ["A", "B", "C", "D"]:
        d.add_heading(f"Section {code} \u2013 {SHORT[code]}", level=2)
        for p in TEXT[code]:
            d.add_paragraph(p)
        expected[code] = joined(code)
    d.add_heading("Sections E and F: Outcomes and the special educational provision to meet them", level=2)
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for cell, label in zip(t.rows[0].cells, ["Outcome (Section E)", "Provision (Section F)", "Who and how often"]):
        cell.text = label
    for outcome, provision, who in zip(TEXT["E"], TEXT["F"], WHO):
        cells = t.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = outcome, provision, who
    expected["E"] = joined("E")
    expected["F"] = "\n".join(f"{p}\t{w}" for p, w in zip(TEXT["F"], WHO))
    for code in ["G", "H1", "H2", "I", "J", "K"]:
        d.add_heading(f"Section {code} \u2013 {SHORT[code]}", level=2)
        for p in TEXT[code]:
            d.add_paragraph(p)
        expected[code] = joined(code)
    save(d, "d-combined-e-f", {"layout": "Sections E and F in one table", "sections": expected,
                               "combined": [["E", "F"]]})


# (e) One Section H for H1 and H2: the import puts it in H1 and says so.
def single_h():
    d = new_doc()
    d.add_paragraph(FRONT[0])
    expected = {"Front": FRONT[0]}
    h = ["Kit attends a Saturday youth club with a support worker, arranged by the children's disability team.",
         "Short breaks: one weekend a month, under section 2 of the Chronically Sick and Disabled Persons Act 1970."]
    for code in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"]:
        if code == "H":
            d.add_heading("Section H: Social care provision", level=2)
            for p in h:
                d.add_paragraph(p)
            expected["H1"] = "\n".join(h)
            expected["H2"] = ""
            continue
        d.add_heading(f"Section {code}. {SHORT[code]}", level=2)
        for p in TEXT[code]:
            d.add_paragraph(p)
        expected[code] = joined(code)
    save(d, "e-single-h", {"layout": "one Section H for H1 and H2", "sections": expected,
                           "combined": [["H1", "H2"]]})


# (f) Content controls: each section's text in a block content control, a name in an inline
# one, and a control still showing its placeholder (which is not the plan's text).
def content_controls():
    d = new_doc()
    d.add_paragraph(FRONT[0])
    append_xml(d, f'<w:p {NS}>{run("Name: ")}<w:sdt><w:sdtPr><w:alias w:val="Child name"/><w:tag w:val="name"/></w:sdtPr>'
                  f'<w:sdtContent>{run(CHILD)}</w:sdtContent></w:sdt></w:p>')
    expected = {"Front": f"{FRONT[0]}\nName: {CHILD}"}
    for code in ORDER:
        d.add_heading(f"Section {code}: {SHORT[code]}", level=2)
        if code == "J":
            append_xml(d, f'<w:sdt {NS}><w:sdtPr><w:alias w:val="Section J"/><w:showingPlcHdr/></w:sdtPr>'
                          f'<w:sdtContent><w:p>{run("Click or tap here to enter text.")}</w:p></w:sdtContent></w:sdt>')
            expected[code] = ""
            continue
        paras = "".join(f"<w:p>{run(p)}</w:p>" for p in TEXT[code])
        append_xml(d, f'<w:sdt {NS}><w:sdtPr><w:alias w:val="Section {code} text"/><w:tag w:val="sec{code}"/></w:sdtPr>'
                      f'<w:sdtContent>{paras}</w:sdtContent></w:sdt>')
        expected[code] = joined(code)
    save(d, "f-content-controls", {"layout": "content controls around the text", "sections": expected})


TEXTBOX = "In my own words: I like bridges because they join places together."


def textbox_xml():
    """A text box as Word 2010+ writes it: the DrawingML shape, and a VML copy for older readers
    in mc:Fallback. The text is in the file twice; it is in the plan once."""
    inner = f"<w:txbxContent><w:p>{run(TEXTBOX)}</w:p></w:txbxContent>"
    return (f'<w:p {NS}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="4572000" cy="571500"/>'
            '<wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="4572000" cy="571500"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
            f'<wps:txbx>{inner}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline>'
            '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="Text Box 1" style="width:360pt;height:45pt" '
            f'type="#_x0000_t202"><v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r></w:p>')


# (g) Tracked changes (inserted text is the plan's, deleted text is not; a moved sentence once),
# a hyperlink, and a text box (written twice by Word).
def tracked_changes():
    d = new_doc()
    d.add_paragraph(FRONT[0])
    expected = {"Front": FRONT[0]}
    rev = 'w:author="Exampleshire SEN team" w:date="2026-01-01T00:00:00Z"'
    link = d.part.relate_to("https://example.org/exampleshire/local-offer", RT.HYPERLINK, is_external=True)
    for code in ORDER:
        d.add_heading(f"Section {code}: {SHORT[code]}", level=2)
        if code == "A":
            append_xml(d, textbox_xml())
            for p in TEXT[code]:
                d.add_paragraph(p)
            expected[code] = TEXTBOX + "\n" + joined(code)
        elif code == "B":
            # "two years" was "three years": the deletion stays out, the insertion goes in.
            append_xml(d, f'<w:p {NS}>{run(TEXT["B"][0])}</w:p>')
            start = run("Cognition and learning: Kit's spelling is about ")
            append_xml(d, f'<w:p {NS}>{start}'
                          f'<w:del w:id="1" {rev}><w:r><w:delText>three</w:delText></w:r></w:del>'
                          f'<w:ins w:id="2" {rev}>{run("two")}</w:ins>{run(" years behind the class.")}</w:p>')
            expected[code] = joined(code)
        elif code == "F":
            # The second item was moved above the first: the old place is not read.
            append_xml(d, f'<w:p {NS}><w:moveTo w:id="3" {rev}>{run(TEXT["F"][1])}</w:moveTo></w:p>')
            append_xml(d, f'<w:p {NS}>{run(TEXT["F"][0])}</w:p>')
            append_xml(d, f'<w:p {NS}><w:moveFrom w:id="4" {rev}>{run(TEXT["F"][1])}</w:moveFrom></w:p>')
            append_xml(d, f'<w:p {NS}><w:ins w:id="5" {rev}>{run("Reviewed each term by the SENCO.")}</w:ins>'
                          f'<w:del w:id="6" {rev}><w:r><w:delText>Reviewed once a year.</w:delText></w:r></w:del></w:p>')
            expected[code] = "\n".join([TEXT["F"][1], TEXT["F"][0], "Reviewed each term by the SENCO."])
        elif code == "K":
            append_xml(d, f'<w:p {NS}>{run("Advice is listed in the ")}'
                          f'<w:hyperlink r:id="{link}" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
                          f'<w:t>Exampleshire Local Offer</w:t></w:r></w:hyperlink>{run(" appendix.")}</w:p>')
            for p in TEXT[code]:
                d.add_paragraph(p)
            expected[code] = "Advice is listed in the Exampleshire Local Offer appendix.\n" + joined(code)
        else:
            for p in TEXT[code]:
                d.add_paragraph(p)
            expected[code] = joined(code)
    save(d, "g-tracked-changes", {"layout": "tracked changes, a hyperlink and a text box", "sections": expected})


# (h) Headers and footers that repeat the child's name and the protective marking on every
# page (a different first page too); a plan converted from PDF also has the marking in its body
# at each page break. None of it is any section's text.
def headers_footers():
    d = new_doc()
    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    sec.first_page_header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    sec.header.paragraphs[0].text = f"{CHILD} \u2013 EHC plan \u2013 OFFICIAL-SENSITIVE"
    sec.footer.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    sec.first_page_footer.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    d.add_paragraph(FRONT[0])
    d.add_paragraph(FRONT[1])
    expected = {"Front": "\n".join(FRONT[:2])}
    for code in ORDER:
        d.add_heading(f"SECTION {code} - {SHORT[code].upper()}", level=2)
        for p in TEXT[code]:
            d.add_paragraph(p)
        expected[code] = joined(code)
        if code in ("C", "G"):
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            d.add_paragraph("OFFICIAL-SENSITIVE")
    save(d, "h-headers-footers", {"layout": "headers and footers on every page", "sections": expected})


# (i) A contents table ("Section A:" | its title) before the plan, then needs, outcomes and
# provision side by side, one row per area of need, under "Sections B, E and F".
def contents_and_b_e_f():
    d = new_doc()
    d.add_paragraph(FRONT[0])
    expected = {"Front": FRONT[0]}
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for code in ORDER:
        cells = t.add_row().cells
        cells[0].text = f"Section {code}:"
        cells[1].text = SHORT[code]
    for code in ["A"]:
        d.add_heading(f"Section {code}: {SHORT[code]}", level=1)
        for p in TEXT[code]:
            d.add_paragraph(p)
        expected[code] = joined(code)
    d.add_heading("Sections B, E and F: needs, outcomes and provision", level=1)
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for cell, label in zip(t.rows[0].cells, ["Special educational needs", "Outcomes", "Provision"]):
        cell.text = label
    for need, outcome, provision in zip(TEXT["B"], TEXT["E"], TEXT["F"]):
        cells = t.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = need, outcome, provision
    for code in ["B", "E", "F"]:
        expected[code] = joined(code)
    for code in ["C", "D", "G", "H1", "H2", "I", "J", "K"]:
        d.add_heading(f"Section {code}: {SHORT[code]}", level=1)
        for p in TEXT[code]:
            d.add_paragraph(p)
        expected[code] = joined(code)
    save(d, "i-contents-and-b-e-f", {"layout": "contents table; Sections B, E and F by area of need",
                                     "sections": expected, "combined": [["B", "E", "F"]]})


# (j) Not a plan: a letter with no section headings. The import refuses it and says why.
def no_sections():
    d = new_doc()
    d.add_paragraph("Exampleton Primary School")
    d.add_paragraph("Dear parent or carer,")
    d.add_paragraph("Section headings are not in this letter. The annual review meeting will be held in the school hall.")
    d.add_paragraph("A: this line starts like a heading but is a sentence in a letter, so it is long enough "
                    "that no plan would print it as the heading of section A, and it goes on and on and on.")
    d.add_paragraph("Yours faithfully, the SENCO")
    save(d, "j-no-sections", {"layout": "not a plan: no section headings", "refused": "No section headings",
                              "sections": {}, "missing": []})


def widths(table, *cm):
    """Sets a table's column widths (the grid's and each cell's, as Word writes them)."""
    for column, width in zip(table.columns, cm):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def cell_text(cell, paragraphs):
    """Writes PARAGRAPHS into CELL (which python-docx gives one empty paragraph)."""
    cell.text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


# Needs by area, for the layouts that give the area a cell of its own.
AREAS = [("Communication and interaction", "Kit finds it hard to follow spoken instructions of more than two steps."),
         ("Cognition and learning", "Kit's spelling is about two years behind the class.")]
# A second piece of provision for the first outcome, for the layouts that merge that outcome's
# cell down over two rows of provision.
VISUAL = "A visual timetable on Kit's desk, checked each morning by the teaching assistant."


# (k) One table for the whole plan, drawn with merged cells as LA templates are: each section's
# heading in a cell merged across the table's width (w:gridSpan); needs by area, the text's cell
# spanning two columns; a letter cell merged down (w:vMerge) beside its title and text; and
# Sections E and F with "Outcomes (Section E)" spanning the outcome number and the outcome, the
# first outcome's number and text merged down over two rows of provision.
def merged_cells():
    d = new_doc()
    d.add_paragraph(FRONT[0])
    expected = {"Front": FRONT[0]}
    t = d.add_table(rows=0, cols=3)
    t.style = "Table Grid"

    def across(paragraphs):
        cells = t.add_row().cells
        cell_text(cells[0].merge(cells[2]), paragraphs)

    def letter_merged_down(code):
        title, text = t.add_row().cells, t.add_row().cells
        letter = title[0].merge(text[0])
        letter.text = code
        title[1].merge(title[2]).text = SHORT[code]
        cell_text(text[1].merge(text[2]), TEXT[code])
        expected[code] = joined(code)

    across([f"Section A: {SHORT['A']}"])
    across(TEXT["A"])
    expected["A"] = joined("A")
    across([f"Section B: {SHORT['B']}"])
    for area, need in AREAS:
        cells = t.add_row().cells
        cells[0].text = area
        cells[1].merge(cells[2]).text = need
    expected["B"] = "\n".join(f"{area}\t{need}" for area, need in AREAS)
    for code in ["C", "D"]:
        letter_merged_down(code)
    across(["Sections E and F: Outcomes and the provision to meet them"])
    labels = t.add_row().cells
    labels[0].merge(labels[1]).text = "Outcomes (Section E)"
    labels[2].text = "Provision (Section F)"
    first, second, third = t.add_row().cells, t.add_row().cells, t.add_row().cells
    first[0].merge(second[0]).text = "1"
    first[1].merge(second[1]).text = TEXT["E"][0]
    first[2].text = TEXT["F"][0]
    second[2].text = VISUAL
    third[0].text, third[1].text, third[2].text = "2", TEXT["E"][1], TEXT["F"][1]
    # The outcome's number is in its column (under "Outcomes"), so it goes with the outcome.
    expected["E"] = f"1\t{TEXT['E'][0]}\n2\t{TEXT['E'][1]}"
    expected["F"] = "\n".join([TEXT["F"][0], VISUAL, TEXT["F"][1]])
    for code in ["G", "H1", "H2", "I", "J", "K"]:
        letter_merged_down(code)
    save(d, "k-merged-cells", {"layout": "cells merged across (gridSpan) and down (vMerge)",
                               "sections": expected, "combined": [["E", "F"]]})


# (l) The section's heading in a column other than the first: a numbered first column ("1" |
# "Section A: ..." with the text under the heading in the same cell); a table "Part | Section |
# What the plan says" with the letter in the middle column under a header row; and the text
# first with its letter in the last column. Row numbers and the header row are not text.
def heading_not_first_column():
    d = new_doc()
    d.add_paragraph(FRONT[0])
    expected = {"Front": FRONT[0]}
    numbered = d.add_table(rows=0, cols=2)
    numbered.style = "Table Grid"
    for n, code in enumerate(["A", "B", "C", "D", "E", "F"], start=1):
        cells = numbered.add_row().cells
        cells[0].text = str(n)
        cell_text(cells[1], [f"Section {code}: {SHORT[code]}"] + TEXT[code])
        expected[code] = joined(code)
    widths(numbered, 1.2, 14.8)
    d.add_paragraph()
    parts = d.add_table(rows=1, cols=3)
    parts.style = "Table Grid"
    for cell, label in zip(parts.rows[0].cells, ["Part", "Section", "What the plan says"]):
        cell.text = label
    for n, code in enumerate(["G", "H1", "H2"], start=7):
        cells = parts.add_row().cells
        cells[0].text = str(n)
        cells[1].text = code
        cell_text(cells[2], TEXT[code])
        expected[code] = joined(code)
    widths(parts, 1.5, 2.5, 12)
    d.add_paragraph()
    last = d.add_table(rows=0, cols=2)
    last.style = "Table Grid"
    for code in ["I", "J", "K"]:
        cells = last.add_row().cells
        cell_text(cells[0], TEXT[code])
        cells[1].text = code
        expected[code] = joined(code)
    widths(last, 14.5, 1.5)
    save(d, "l-heading-not-first-column", {"layout": "the section's letter or heading in a later column",
                                           "sections": expected})


# (m) Each section a row of one table (letter | text); Sections E and F share a row, and their
# outcomes and provision are a table nested in its text cell (w:tbl inside w:tc), under a
# sentence about the outcomes.
def nested_e_f():
    d = new_doc()
    d.add_paragraph(FRONT[0])
    expected = {"Front": FRONT[0]}
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    intro = "The outcomes below are to be achieved by the end of Key Stage 2."
    for code in ["A", "B", "C", "D", "EF", "G", "H1", "H2", "I", "J", "K"]:
        cells = t.add_row().cells
        if code != "EF":
            cells[0].text = code
            cell_text(cells[1], TEXT[code])
            expected[code] = joined(code)
            continue
        cells[0].text = "E and F"
        cells[1].text = intro
        inner = cells[1].add_table(rows=1, cols=3)
        inner.style = "Table Grid"
        for cell, label in zip(inner.rows[0].cells, ["Outcome", "Provision", "Who and how often"]):
            cell.text = label
        for outcome, provision, who in zip(TEXT["E"], TEXT["F"], WHO):
            row = inner.add_row().cells
            row[0].text, row[1].text, row[2].text = outcome, provision, who
        widths(inner, 4.5, 5, 3.5)
        # python-docx leaves the cell ending in its table; Word ends a cell with a paragraph.
        cells[1].add_paragraph()
        expected["E"] = intro + "\n" + joined("E")
        expected["F"] = "\n".join(f"{p}\t{w}" for p, w in zip(TEXT["F"], WHO))
    widths(t, 2.5, 13.5)
    save(d, "m-nested-e-f", {"layout": "Sections E and F as a table nested in a section table's cell",
                             "sections": expected, "combined": [["E", "F"]]})


def check(folder):
    """Opens every .docx in FOLDER with python-docx, and with LibreOffice: converted to .odt, where
    tracked changes become LibreOffice's own changed regions (a deletion is kept apart from the
    text) and a text box is one frame. Every line the .json expects must be in LibreOffice's
    text, no deleted text may be, the text box must be there once, and the revisions must have
    been read as revisions."""
    import subprocess
    import tempfile
    import xml.etree.ElementTree as ET
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    names = sorted(n for n in os.listdir(folder) if n.endswith(".docx"))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "odt", "--outdir", tmp]
                       + [os.path.join(folder, n) for n in names], check=True, capture_output=True)
        for name in names:
            docx.Document(os.path.join(folder, name))  # python-docx opens it
            with zipfile.ZipFile(os.path.join(tmp, name[:-5] + ".odt")) as odt:
                root = ET.fromstring(odt.read("content.xml"))
            changes = 0
            for parent in list(root.iter()):
                for child in list(parent):
                    if child.tag == f"{{{text_ns}}}tracked-changes":
                        changes += len(list(child))
                        parent.remove(child)  # the deleted text lives here, apart from the text
            tags = (f"{{{text_ns}}}p", f"{{{text_ns}}}h")
            # Leaf paragraphs only: a text box's frame sits in the paragraph it is anchored to.
            paragraphs = [" ".join("".join(p.itertext()).split()) for p in root.iter()
                          if p.tag in tags and not any(q.tag in tags for q in p.iter() if q is not p)]
            text = "\n".join(paragraphs).replace("\u2019", "'")
            with open(os.path.join(folder, name[:-5] + ".json"), encoding="utf-8") as f:
                expected = json.load(f)
            lines = [l for v in expected["sections"].values() for l in re.split("[\n\t]", v) if l]
            absent = [l for l in lines if l not in text]
            assert not absent, f"{name}: LibreOffice does not show {absent}"
            for deleted in ("three years", "Reviewed once a year."):
                assert deleted not in text, f"{name}: LibreOffice shows deleted text {deleted!r}"
            assert text.count(TEXTBOX) == (1 if TEXTBOX in lines else 0), f"{name}: text box"
            if name.startswith("g-"):
                assert changes >= 5, f"{name}: LibreOffice read {changes} revisions"
            print(f"checked {name}: python-docx and LibreOffice open it; {len(lines)} expected lines"
                  f" shown{f', {changes} revisions' if changes else ''}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        check(sys.argv[2] if len(sys.argv) > 2 else HERE)
        sys.exit(0)
    os.makedirs(OUT, exist_ok=True)
    for make in (section_colon, letter_cells, regulation_wording, combined_e_f, single_h, content_controls,
                 tracked_changes, headers_footers, contents_and_b_e_f, no_sections, merged_cells,
                 heading_not_first_column, nested_e_f):
        make()
