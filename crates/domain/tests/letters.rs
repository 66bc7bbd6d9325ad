//! Snapshot tests of every letter's text: the words that go into both the DOCX and the PDF.
//! Run with `UPDATE_SNAPSHOTS=1` to rewrite the snapshots after a deliberate wording change,
//! then review the diff.

// A test reports failure by panicking.
#![allow(clippy::panic)]

use ardesk_domain::letters::{LetterKind, MergeData, render};

fn data(flags: &[&str]) -> MergeData {
    let mut d = MergeData::new();
    for (k, v) in [
        ("child.name", "Robin"),
        ("child.legal_name", "Robin Testcase"),
        ("child.full_name", "Robin Testcase"),
        ("child.dob", "14 May 2015"),
        ("child.references", "Redcar & Cleveland reference: RC-EHC-10000"),
        ("meeting.date", "Tuesday 12 January 2027"),
        ("meeting.time", "10:00"),
        ("meeting.venue", "SENCO office, main site"),
        ("rsvp.date", "Tuesday 22 December 2026"),
        ("reports.due", "Tuesday 22 December 2026"),
        ("circulate.date", "Tuesday 29 December 2026"),
        ("requested.date", "1 December 2026"),
        ("recipient.name", "Pat Example"),
        ("invitees.list", "the head teacher; the LA's SEN casework officer"),
        ("la.name", "Redcar & Cleveland"),
        ("la.advice_form", "AR3"),
        ("sender.name", "Alex Example"),
        ("reports.received", "School report (educational advice)\nParent/carer views"),
        ("reports.missing", "Advice from Educational Psychologist (Dr Ed Psych)"),
    ] {
        d.set(k, v);
    }
    // The current plan's sections are recorded (a letter without them is its own test).
    d.flag("plan", true);
    for f in flags {
        d.flag(f, true);
    }
    d
}

fn check(name: &str, kind: LetterKind, flags: &[&str]) {
    let text = render(kind.builtin_template(), &data(flags))
        .unwrap_or_else(|p| panic!("{name}: {p:?}"))
        .plain_text();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SNAPSHOTS=1 to create it)", path.display()));
    assert_eq!(
        text, expected,
        "{name} changed: if deliberate, run with UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

#[test]
fn parent_invitation() {
    check("parent_invitation", LetterKind::ParentInvitation, &[]);
}

#[test]
fn parent_invitation_year_9_remote_transfer() {
    check(
        "parent_invitation_y9_remote_transfer",
        LetterKind::ParentInvitation,
        &["pfa", "remote", "transfer"],
    );
}

/// Issue 16: a letter promises the plan's sections only when they are recorded.
#[test]
fn no_plan_is_promised_when_none_is_recorded() {
    for kind in [LetterKind::ParentInvitation, LetterKind::ProfessionalInvitation] {
        let mut d = data(&["advice"]);
        d.flag("plan", false);
        let text = render(kind.builtin_template(), &d).unwrap_or_else(|p| panic!("{p:?}")).plain_text();
        assert!(!text.contains("current plan"), "{text}");
        let with =
            render(kind.builtin_template(), &data(&["advice"])).map(|l| l.plain_text()).unwrap_or_default();
        assert!(with.contains("current plan"), "{with}");
    }
}

#[test]
fn child_invitation() {
    check("child_invitation", LetterKind::ChildInvitation, &[]);
}

#[test]
fn professional_invitation_and_request_for_advice() {
    check(
        "professional_invitation_advice",
        LetterKind::ProfessionalInvitation,
        &["advice", "advice_form", "health"],
    );
}

#[test]
fn professional_invitation_only() {
    check("professional_invitation_only", LetterKind::ProfessionalInvitation, &[]);
}

#[test]
fn reminder() {
    check("reminder", LetterKind::Reminder, &[]);
}

#[test]
fn circulation_cover() {
    check("circulation_cover", LetterKind::CirculationCover, &["missing"]);
}
