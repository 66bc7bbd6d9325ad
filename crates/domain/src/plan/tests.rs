use super::*;

#[test]
fn codes_round_trip() {
    for s in SectionId::ALL {
        assert_eq!(SectionId::from_code(s.code()), Some(s));
    }
    assert_eq!(SectionId::from_code("h1"), Some(SectionId::H1));
    assert_eq!(SectionId::from_code("H"), None);
}

#[test]
fn headings_are_recognised_in_their_common_forms() {
    use SectionId::*;
    let one = |s| Some(Heading::One(s));
    let several = |v: &[SectionId]| Some(Heading::Several(v.to_vec()));
    for (line, id) in [
        ("Section A", one(A)),
        ("SECTION F \u{2013} Special educational provision", one(F)),
        ("Section H1: Social care provision", one(H1)),
        ("section k", one(K)),
        ("B: Special educational needs", one(B)),
        ("E) Outcomes", one(E)),
        ("(A) Views, Interests and Aspirations", one(A)),
        ("Sections E and F: Outcomes and provision", several(&[E, F])),
        ("Section E & F", several(&[E, F])),
        ("Sections B, E and F", several(&[B, E, F])),
        ("E/F: outcomes and provision", several(&[E, F])),
        ("Section H: Social care provision", several(&[H1, H2])),
        ("Section F and the provision", one(F)),
        // In the regulations' wording (reg 12(1)), or an LA's title, with no letter.
        (
            "The views, interests and aspirations of the child and his or her parents or the young person",
            one(A),
        ),
        ("The child or young person\u{2019}s special educational needs", one(B)),
        (
            "The child or young person's health care needs which relate to their special educational needs",
            one(C),
        ),
        ("The outcomes sought for the child or young person", one(E)),
        (
            "Any health care provision reasonably required by the learning difficulties or disabilities which result in the child or young person having special educational needs",
            one(G),
        ),
        (
            "Any social care provision which must be made for the child or young person as a result of section 2 of the Chronically Sick and Disabled Persons Act 1970",
            one(H1),
        ),
        (
            "Any other social care provision reasonably required by the learning difficulties or disabilities which result in the child or young person having special educational needs",
            one(H2),
        ),
        (
            "Where any special educational provision is to be secured by a direct payment, the special educational needs and outcomes to be met by the direct payment",
            one(J),
        ),
        ("Social care provision", several(&[H1, H2])),
        ("All about me", one(A)),
        ("The views, interests and aspirations of Kit Fictional and family", one(A)),
        // Not headings.
        ("A child who enjoys music", None),
        ("b) two sessions a week", None),
        ("(i) speech and language therapy", None),
        ("Sectional view", None),
        ("Section L", None),
        ("Section 2 of the Act", None),
        ("Special educational provision will be delivered by the class teacher", None),
        ("Special educational needs are met by the school.", None),
        ("No social care needs were identified", None),
        ("Education, Health and Care Plan", None),
        ("", None),
    ] {
        assert_eq!(heading(line), id, "{line:?}");
    }
}

#[test]
fn a_cell_of_letters_is_a_letter_and_at_most_a_title() {
    use super::headings::letter_cell;
    use SectionId::*;
    for (cell, expected) in [
        ("B", Some(Heading::One(B))),
        ("H1", Some(Heading::One(H1))),
        ("E and F", Some(Heading::Several(vec![E, F]))),
        ("Section B: Special educational needs", Some(Heading::One(B))),
        ("Section A: Views, interests and aspirations", Some(Heading::One(A))),
        // A lettered list, a sentence: not the section's letter.
        ("A. Kit will read twenty words.", None),
        ("B: write a sentence with a capital letter", None),
        ("Target", None),
        ("1", None),
    ] {
        assert_eq!(letter_cell(cell), expected, "{cell:?}");
    }
}

fn cells(rows: &[&[&str]], table: u32) -> Vec<PlanLine> {
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            for p in cell.split('\n').filter(|p| !p.is_empty()) {
                let at = (table, u32::try_from(r).unwrap_or(0), u32::try_from(c).unwrap_or(0));
                out.push(PlanLine { text: p.to_owned(), origin: LineOrigin::Body, cell: Some(at) });
            }
        }
    }
    out
}

fn text(found: &FoundSections, id: SectionId) -> &str {
    found.sections.iter().find(|(s, _)| *s == id).map_or("(none)", |(_, t)| t.as_str())
}

#[test]
fn a_letter_in_its_own_cell_heads_the_text_beside_and_below_it() {
    let mut lines = vec![PlanLine::body("Education, Health and Care Plan")];
    lines.extend(cells(&[&["Name", "Kit Fictional"]], 0));
    lines.extend(cells(
        &[
            &["A", "Views, interests and aspirations"],
            &["", "Kit likes bridges.\nKit wants to be an engineer."],
            &["B", "Kit finds spoken instructions hard."],
            &["H", "Social care provision"],
            &["", "A youth club on Saturdays."],
        ],
        1,
    ));
    let found = find_sections_in(&lines);
    assert_eq!(found.front, "Education, Health and Care Plan\nName\tKit Fictional");
    assert_eq!(text(&found, SectionId::A), "Kit likes bridges.\nKit wants to be an engineer.");
    assert_eq!(text(&found, SectionId::B), "Kit finds spoken instructions hard.");
    assert_eq!(text(&found, SectionId::H1), "A youth club on Saturdays.");
    assert_eq!(text(&found, SectionId::H2), "");
    assert_eq!(found.combined.len(), 1);
    assert!(found.combined.iter().all(|c| c.sections == [SectionId::H1, SectionId::H2]));
}

#[test]
fn outcomes_and_provision_in_one_table_are_split_row_by_row_and_can_be_reassigned() {
    let mut lines = vec![PlanLine::body("Section B: Needs"), PlanLine::body("Reading.")];
    lines.push(PlanLine::body("Sections E and F"));
    lines.extend(cells(
        &[
            &["Outcome", "Provision", "Who and how often"],
            &["Read a page aloud.", "Daily reading.", "TA, daily"],
            &["Spell 80% of the list.", "Spelling programme.", "Teacher"],
        ],
        0,
    ));
    lines.push(PlanLine::body("Section G: Health provision"));
    lines.push(PlanLine::body("None."));
    let mut found = find_sections_in(&lines);
    assert_eq!(text(&found, SectionId::E), "Read a page aloud.\nSpell 80% of the list.");
    assert_eq!(text(&found, SectionId::F), "Daily reading.\tTA, daily\nSpelling programme.\tTeacher");
    assert_eq!(text(&found, SectionId::G), "None.");
    let combined = found.combined.first().cloned().unwrap_or_else(|| unreachable!("{found:?}"));
    assert_eq!(combined.sections, [SectionId::E, SectionId::F]);
    assert!(combined.note.contains("\u{201c}Outcome\u{201d} to E"), "{}", combined.note);
    assert_eq!(combined.parts.len(), 4);
    // The SENCO moves the second outcome to F.
    assert!(found.assign(0, 2, SectionId::F));
    assert_eq!(text(&found, SectionId::E), "Read a page aloud.");
    assert_eq!(
        text(&found, SectionId::F),
        "Daily reading.\tTA, daily\nSpell 80% of the list.\nSpelling programme.\tTeacher"
    );
    assert!(!found.assign(0, 9, SectionId::F) && !found.assign(5, 0, SectionId::F));
}

#[test]
fn combined_sections_with_no_table_go_to_the_first_and_say_so() {
    let lines: Vec<PlanLine> =
        ["Sections C and D", "Asthma.", "No social care needs.", "Section E", "Outcomes."]
            .into_iter()
            .map(PlanLine::body)
            .collect();
    let found = find_sections_in(&lines);
    assert_eq!(text(&found, SectionId::C), "Asthma.\nNo social care needs.");
    assert_eq!(text(&found, SectionId::D), "");
    assert!(!found.missing.contains(&SectionId::D));
    let note = found.combined.first().map(|c| c.note.clone()).unwrap_or_default();
    assert!(note.contains("Sections C and D") && note.contains("put in C"), "{note}");
}

#[test]
fn headers_footers_and_their_repeats_in_the_body_are_not_text() {
    let mut lines = vec![
        PlanLine::body("Section A"),
        PlanLine::body("Kit likes bridges."),
        PlanLine::body("OFFICIAL-SENSITIVE"),
        PlanLine::body("More about Kit."),
    ];
    for (text, origin) in [("OFFICIAL-SENSITIVE", LineOrigin::Footer), ("Kit Fictional", LineOrigin::Header)]
    {
        lines.push(PlanLine { text: text.to_owned(), origin, cell: None });
    }
    let found = find_sections_in(&lines);
    assert_eq!(text(&found, SectionId::A), "Kit likes bridges.\nMore about Kit.");
}

#[test]
fn a_contents_table_does_not_take_a_section_s_text() {
    let mut lines = cells(
        &[
            &["Section A:", "Views, interests and aspirations"],
            &["Section H1:", "Social care provision (CSDPA 1970 s2)"],
        ],
        0,
    );
    lines.extend(["Section A: Views", "Kit.", "Section H1", "None."].into_iter().map(PlanLine::body));
    let found = find_sections_in(&lines);
    assert_eq!(text(&found, SectionId::A), "Kit.");
    assert_eq!(text(&found, SectionId::H1), "None.");
}

#[test]
fn sections_are_found_in_any_order_and_contents_pages_are_skipped() {
    let doc: Vec<String> = [
        "Education, Health and Care Plan",
        "Name: Robin Testcase",
        "Section A",
        "Section B",
        "Section E", // a contents page
        "Section E: Outcomes",
        "1. Read at the expected level.",
        "Section B \u{2013} Special educational needs",
        "Robin has difficulties with reading.",
        "Section A: Views",
        "Robin likes football.",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let found = find_sections(&doc);
    assert_eq!(found.front, "Education, Health and Care Plan\nName: Robin Testcase");
    assert_eq!(
        found.sections,
        vec![
            (SectionId::Front, found.front.clone()),
            (SectionId::A, "Robin likes football.".to_owned()),
            (SectionId::B, "Robin has difficulties with reading.".to_owned()),
            (SectionId::E, "1. Read at the expected level.".to_owned()),
        ]
    );
    assert!(found.missing.contains(&SectionId::F) && !found.missing.contains(&SectionId::A));
}

/// The lines of table `table` from row `first_row` on: each row's cells as (grid column, text),
/// a cell's paragraphs split at '\n'. A cell merged down from the row above, or left empty, is
/// not listed, as the .docx reader gives nothing for it.
fn grid(table: u32, first_row: u32, rows: &[&[(u32, &str)]]) -> Vec<PlanLine> {
    let mut out = Vec::new();
    for (row, cells) in (first_row..).zip(rows) {
        for (column, cell) in *cells {
            for p in cell.split('\n') {
                out.push(PlanLine {
                    text: p.to_owned(),
                    origin: LineOrigin::Body,
                    cell: Some((table, row, *column)),
                });
            }
        }
    }
    out
}

/// Each section's text as found, for the sections `expected` names, and the sections printed
/// together.
fn check(lines: &[PlanLine], expected: &[(SectionId, &str)], combined: &[&[SectionId]]) -> FoundSections {
    let found = find_sections_in(lines);
    let got: Vec<(SectionId, &str)> = expected.iter().map(|(s, _)| (*s, text(&found, *s))).collect();
    assert_eq!(got, expected, "{found:#?}");
    let got: Vec<&[SectionId]> = found.combined.iter().map(|c| c.sections.as_slice()).collect();
    assert_eq!(got, combined, "{found:#?}");
    found
}

#[test]
fn issue_14_cells_merged_across_and_down_go_to_their_column_s_section() {
    use SectionId::*;
    // One table of three grid columns: a heading merged across it; a letter merged down beside
    // its title and its text, or alone with the text below; "Outcomes (Section E)" merged across
    // the number and outcome columns; the first outcome and its number merged down over two rows
    // of provision, so that the second row holds only the provision.
    let lines = grid(
        0,
        0,
        &[
            &[(0, "Section B: Special educational needs")],
            &[(0, "Communication and interaction"), (1, "Kit finds long instructions hard.")],
            &[(0, "C"), (1, "Health care needs")],
            &[(1, "A mild hearing loss.")],
            &[(0, "D")],
            &[(1, "No social care needs.")],
            &[(0, "Sections E and F: Outcomes and provision")],
            &[(0, "Outcomes (Section E)"), (2, "Provision (Section F)")],
            &[(0, "1"), (1, "Follow a three-step instruction."), (2, "A language group.")],
            &[(2, "A visual timetable.")],
            &[(0, "2"), (1, "Spell 80% of the list."), (2, "A spelling programme.")],
            &[(0, "G"), (1, "Health care provision")],
            &[(1, "An audiology review.")],
        ],
    );
    let found = check(
        &lines,
        &[
            (B, "Communication and interaction\tKit finds long instructions hard."),
            (C, "A mild hearing loss."),
            (D, "No social care needs."),
            (E, "1\tFollow a three-step instruction.\n2\tSpell 80% of the list."),
            (F, "A language group.\nA visual timetable.\nA spelling programme."),
            (G, "An audiology review."),
        ],
        &[&[E, F]],
    );
    let parts: Vec<SectionId> = found.combined.iter().flat_map(|c| c.parts.iter().map(|(s, _)| *s)).collect();
    assert_eq!(parts, [E, F, F, E, F]);
}

#[test]
fn issue_14_a_letter_or_heading_in_a_later_column_heads_its_row() {
    use SectionId::*;
    // A numbered first column, the heading and the text in the cell beside it.
    let mut lines = grid(
        0,
        0,
        &[
            &[(0, "1"), (1, "Section A: Views, interests and aspirations\nKit likes bridges.")],
            &[(0, "2"), (1, "Section B: Special educational needs\nKit finds spelling hard.")],
        ],
    );
    // "Part | Section | What the plan says": the letter in the middle, under a header row.
    lines.extend(grid(
        1,
        0,
        &[
            &[(0, "Part"), (1, "Section"), (2, "What the plan says")],
            &[(0, "7"), (1, "G"), (2, "An audiology review.")],
            &[(0, "8"), (1, "H1"), (2, "None.")],
        ],
    ));
    // The text first, its letter after it.
    lines.extend(grid(
        2,
        0,
        &[&[(0, "Exampleton Primary School."), (1, "I")], &[(0, "No Personal Budget."), (1, "J")]],
    ));
    // A lettered list in a later column is text, not headings.
    lines.extend(grid(
        3,
        0,
        &[
            &[(0, "Target"), (1, "A. Kit will read twenty words.")],
            &[(0, "Next"), (1, "B. Kit will write a sentence.")],
        ],
    ));
    let found = check(
        &lines,
        &[
            (A, "Kit likes bridges."),
            (B, "Kit finds spelling hard."),
            (G, "An audiology review."),
            (H1, "None."),
            (I, "Exampleton Primary School."),
            (
                J,
                "No Personal Budget.\nTarget\tA. Kit will read twenty words.\nNext\tB. Kit will write a sentence.",
            ),
        ],
        &[],
    );
    // Neither the row numbers nor the header row are any section's text.
    assert!(
        found.front.is_empty()
            && found.sections.iter().all(|(_, t)| !t.contains("Part") && !t.starts_with('1'))
    );
}

#[test]
fn issue_14_outcomes_and_provision_in_a_table_nested_in_a_section_cell() {
    use SectionId::*;
    // Each section a row of table 0 (letter | text); the E and F row's text cell holds a
    // sentence and then table 1, read where it stands, before the outer table's next row.
    let mut lines = grid(
        0,
        0,
        &[
            &[(0, "D"), (1, "No social care needs.")],
            &[(0, "E and F"), (1, "Outcomes for the end of Key Stage 2.")],
        ],
    );
    lines.extend(grid(
        1,
        0,
        &[
            &[(0, "Outcome"), (1, "Provision"), (2, "Who and how often")],
            &[(0, "Read a page aloud."), (1, "Daily reading."), (2, "Teaching assistant, daily")],
            &[(0, "Spell 80% of the list."), (1, "A spelling programme."), (2, "Class teacher")],
        ],
    ));
    lines.extend(grid(0, 2, &[&[(0, "G"), (1, "An audiology review.")]]));
    check(
        &lines,
        &[
            (D, "No social care needs."),
            (E, "Outcomes for the end of Key Stage 2.\nRead a page aloud.\nSpell 80% of the list."),
            (F, "Daily reading.\tTeaching assistant, daily\nA spelling programme.\tClass teacher"),
            (G, "An audiology review."),
        ],
        &[&[E, F]],
    );
}

mod properties {
    use super::super::*;
    use proptest::prelude::*;

    fn line() -> impl Strategy<Value = PlanLine> {
        let text = prop_oneof![
            "[a-z ]{0,30}\\.",
            "(Section|Sections|SECTION) [A-KH12, &/and]{1,8}[:.]? ?[A-Za-z ]{0,20}",
            "[A-K](1|2)?[:.)\\-] [a-z ]{0,10}",
            "\\PC{0,40}",
        ];
        let origin = prop_oneof![
            Just(LineOrigin::Body),
            Just(LineOrigin::Header),
            Just(LineOrigin::Footer),
            Just(LineOrigin::TextBox)
        ];
        let cell = proptest::option::of((0u32..3, 0u32..4, 0u32..4));
        (text, origin, cell).prop_map(|(text, origin, cell)| PlanLine { text, origin, cell })
    }

    proptest! {
        #[test]
        fn any_document_gives_each_section_once_and_parts_can_move(
            lines in proptest::collection::vec(line(), 0..60),
            moves in proptest::collection::vec((0usize..3, 0usize..8, 0usize..13), 0..4),
        ) {
            let mut found = find_sections_in(&lines);
            for (b, p, to) in moves {
                let to = SectionId::ALL.get(to).copied().unwrap_or(SectionId::A);
                let _ = found.assign(b, p, to);
            }
            let ids: Vec<SectionId> = found.sections.iter().map(|(s, _)| *s).collect();
            let mut sorted = ids.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(&ids, &sorted);
            for s in SectionId::ALL {
                prop_assert!(ids.contains(&s) != found.missing.contains(&s));
            }
            for c in &found.combined {
                prop_assert!(c.sections.len() >= 2 && !c.parts.is_empty() && !c.note.is_empty());
            }
        }

        #[test]
        fn text_under_letter_headings_is_found_whole(
            plan in proptest::collection::vec((0usize..12, proptest::collection::vec("[a-z][a-z ]{0,20}\\.", 1..4)), 1..12),
        ) {
            let mut lines = Vec::new();
            let mut expected: Vec<(SectionId, String)> = Vec::new();
            for (i, body) in &plan {
                let id = SectionId::ALL.get(i + 1).copied().unwrap_or(SectionId::A);
                if expected.iter().any(|(s, _)| *s == id) {
                    continue;
                }
                lines.push(PlanLine::body(format!("Section {}: {}", id.code(), id.title())));
                lines.extend(body.iter().map(PlanLine::body));
                expected.push((id, body.join("\n").trim().to_owned()));
            }
            let found = find_sections_in(&lines);
            expected.sort();
            prop_assert_eq!(found.sections, expected);
            prop_assert!(found.combined.is_empty());
        }
    }
}
