//! The synthetic demo caseload (`ardesk demo`, "Load the demo caseload"): children from
//! `ardesk_domain::demo`, with each review's paperwork recorded as far as its stage has got, so
//! that every screen has something real to show. Refused on a caseload with real children.

use ardesk_domain::demo;
use ardesk_domain::follow_up::ActionStatus;
use ardesk_domain::ids::ChildId;
use ardesk_domain::review::{Review, ReviewStage};
use ardesk_dto::ErrorCode;
use ardesk_store::{Action, AmendmentEvidence, Attachment, ChecklistCode, ChildRow, NewChecklistItem};
use chrono::NaiveDate;

use crate::files::sha256_hex;
use crate::{App, AppError};

/// What a demo review past planning has already recorded.
#[derive(Debug)]
struct DemoPaperwork {
    invitees: Vec<ardesk_domain::invitees::Invitee>,
    docs: Vec<ardesk_domain::paperwork::Expected>,
    invited: NaiveDate,
    circulated: Option<NaiveDate>,
}

/// How many demo records ready to send have all their reports attached.
const DEMO_ATTACHED_REVIEWS: usize = 4;

/// A real password-protected PDF (qpdf, AES-256; `tests/fixtures/make-fixtures.sh`).
const DEMO_PROTECTED_PDF: &[u8] = include_bytes!("../demo/protected-report.pdf");

impl App {
    /// Loads the synthetic demo caseload of `size` children in one transaction. Refused when the
    /// caseload already holds real (non-demo) children; a no-op when the demo is already loaded.
    /// Returns the number of children in the demo caseload.
    pub fn load_demo(&mut self, size: usize) -> Result<usize, AppError> {
        if !(1..=demo::MAX_SIZE).contains(&size) {
            return Err(AppError::new(
                ErrorCode::Validation,
                format!("The demo caseload can have 1 to {} children.", demo::MAX_SIZE),
            ));
        }
        let today = self.clock.today();
        let caseload = demo::caseload(today, size);
        let existing = self.store.child_count()?;
        if existing > 0 {
            let is_demo = self.store.school()?.is_some_and(|s| s.urn == caseload.school.urn);
            if is_demo {
                return usize::try_from(existing)
                    .map_err(|_| AppError::new(ErrorCode::Storage, "Too many children."));
            }
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!(
                    "This caseload already has {existing} children, so the demo was not loaded. \
                     Use a new database for the demo (ardesk demo --db NEW_FILE)."
                ),
            ));
        }
        // Reviews past planning already have their invitees, requests for advice and (once the
        // meeting has happened) circulation recorded, as a real caseload would.
        let plans: Vec<Option<DemoPaperwork>> = caseload
            .children
            .iter()
            .map(|c| self.demo_paperwork(c, (&caseload.school.name, &caseload.school.head_teacher), today))
            .collect();
        let action = Action { actor: &self.actor, name: "demo.load", at: self.clock.now() };
        let now = self.clock.now();
        self.store.write(action, |tx| {
            // The first few records ready to send have every report received, so that they
            // export cleanly; the second has its school report sent with a password (V01).
            let mut attached = 0;
            tx.set_school(&caseload.school)?;
            for (c, plan) in caseload.children.iter().zip(&plans) {
                let id = tx.insert_child(&c.record)?;
                for (section, text) in &c.sections {
                    tx.set_section(id, *section, text)?;
                }
                for p in &c.parents {
                    tx.add_parent(id, p)?;
                }
                for p in &c.professionals {
                    tx.add_professional(id, p)?;
                }
                // The review the last decision letter concluded, with its actions' follow-up.
                if let Some(prev) = demo::previous_review(c) {
                    let held = prev.meeting.date;
                    let review = tx.insert_review(
                        id,
                        &Review {
                            meeting: Some(prev.meeting),
                            stage: ReviewStage::Decided,
                            circulated_on: None,
                        },
                    )?;
                    for (key, value) in &prev.actions {
                        tx.set_ar1_field(review, key, value)?;
                    }
                    for row in prev.done {
                        tx.set_follow_up(review, row, ActionStatus::Done, "", held + chrono::Days::new(14))?;
                    }
                    tx.set_decision(review, prev.decision, prev.decided_on, ReviewStage::Decided)?;
                }
                let review = tx.insert_review(
                    id,
                    &Review { meeting: c.meeting.clone(), stage: c.stage, circulated_on: None },
                )?;
                if let (ReviewStage::Submitted, Some(m)) = (c.stage, &c.meeting) {
                    tx.set_submitted(review, m.date + chrono::Days::new(5), ReviewStage::Submitted)?;
                }
                if let Some(p) = plan {
                    let ids = tx.replace_invitees(review, &p.invitees)?;
                    let items: Vec<NewChecklistItem> = p
                        .docs
                        .iter()
                        .map(|d| NewChecklistItem {
                            code: d.code.to_owned(),
                            title: d.title.clone(),
                            invitee_id: d.from.and_then(|n| ids.get(n).copied()),
                            due_on: None,
                        })
                        .collect();
                    tx.add_checklist_items(review, &items)?;
                    let ways: Vec<_> = ids.iter().zip(&p.invitees).map(|(id, i)| (*id, i.usual_send())).collect();
                    tx.mark_invited(review, p.invited, &ways)?;
                    // The papers go round with everyone told which have not arrived (all of
                    // them, but in the reviews whose papers are attached below).
                    let mut all_received = false;
                    // A review ready to submit has its meeting recorded in full, attendance too.
                    if c.stage >= ReviewStage::ReadyToSubmit {
                        for (id, invitee) in ids.iter().zip(&p.invitees) {
                            tx.update_invitee(*id, invitee, demo::attendance(invitee.kind))?;
                        }
                        for (key, value) in demo::ar1_fields(c) {
                            tx.set_ar1_field(review, &key, &value)?;
                        }
                        let items = tx.checklist_codes(review)?;
                        for a in demo::amendments(c) {
                            let evidence: Vec<AmendmentEvidence> = a
                                .evidence
                                .iter()
                                .filter_map(|(code, at)| {
                                    items.iter().find(|i| i.code == *code).map(|i| AmendmentEvidence {
                                        checklist_item_id: i.id,
                                        locator: (*at).to_owned(),
                                    })
                                })
                                .collect();
                            tx.add_amendment(
                                review,
                                &ardesk_store::AmendmentRow {
                                    section: a.section,
                                    current: &a.current,
                                    proposed: &a.proposed,
                                    reason: &a.reason,
                                    agreed: true,
                                    disagreement: "",
                                    evidence: &evidence,
                                },
                            )?;
                        }
                        if attached < DEMO_ATTACHED_REVIEWS {
                            attached += 1;
                            let received = p.circulated.unwrap_or(today) - chrono::Days::new(1);
                            let name = c.record.display_name();
                            for ChecklistCode { id: item, code, title } in &items {
                                if code == "D10" || code == "D11" {
                                    let views = format!(
                                        "{title} for {name}, recorded by the SENCO in a phone call (synthetic demo text): \
                                         happy with progress in reading; would like more help with friendships."
                                    );
                                    tx.mark_received(*item, received, None, Some(&views))?;
                                    continue;
                                }
                                let (bytes, file) = if attached == 2 && code == "D02" {
                                    (DEMO_PROTECTED_PDF.to_vec(), "school-report-protected.pdf".to_owned())
                                } else {
                                    let body = format!(
                                        "{title} for {name}: a synthetic demo document. Progress towards the outcomes \
                                         in Section E is good in reading and partial in social communication. The \
                                         provision in Section F was delivered as specified."
                                    );
                                    match ardesk_documents::bundle::render_views_pdf(title, &name, &body, now) {
                                        Ok(b) => (b, format!("{}.pdf", title.replace(['/', '(', ')'], ""))),
                                        Err(_) => continue,
                                    }
                                };
                                let sha = sha256_hex(&bytes);
                                tx.put_file(&sha, "application/pdf", &bytes)?;
                                let scan = ardesk_intake::scan(&bytes, ardesk_intake::DEFAULT_MAX_BYTES);
                                tx.set_file_scan(&sha, &crate::convert::file_scan(&scan.verdict))?;
                                tx.mark_received(*item, received, Some(Attachment { sha256: &sha, name: &file }), None)?;
                            }
                            all_received = true;
                        }
                    }
                    if let Some(on) = p.circulated {
                        let missing: Vec<String> =
                            if all_received { Vec::new() } else { p.docs.iter().map(|d| d.title.clone()).collect() };
                        tx.mark_circulated(review, on, &missing)?;
                    }
                }
            }
            tx.touch_none();
            Ok(())
        })?;
        Ok(caseload.children.len())
    }

    /// For a demo review past planning: its invitees and checklist, when invitations went, and
    /// when the papers were circulated (for reviews whose meeting has happened).
    fn demo_paperwork(
        &self,
        c: &demo::DemoChild,
        (school, head): (&str, &str),
        today: NaiveDate,
    ) -> Option<DemoPaperwork> {
        let meeting = c.meeting.as_ref()?;
        if c.stage < ReviewStage::InvitationsSent {
            return None;
        }
        let row = ChildRow {
            id: ChildId(0),
            record: c.record.clone(),
            review: Some(ardesk_store::StoredReview {
                id: ardesk_domain::ids::ReviewId(0),
                review: Review { meeting: Some(meeting.clone()), stage: c.stage, circulated_on: None },
            }),
            left: None,
        };
        let cycle = self.cal.cycle(&row, None, None, today).ok()?;
        let timeline = cycle.timeline.ok()?;
        let around = ardesk_domain::paperwork::Around {
            parents: &c.parents,
            professionals: &c.professionals,
            receiving: None,
        };
        let (invitees, docs) = ardesk_domain::paperwork::plan(
            &c.record,
            &around,
            meeting.date,
            Some(&timeline),
            cycle.profile,
            (school, head),
        );
        let due = |id| timeline.get(id).map(|m| m.due);
        let invited = due(ardesk_domain::clock::MilestoneId::T06)?.min(today);
        let circulated = (c.stage >= ReviewStage::MeetingHeld)
            .then(|| due(ardesk_domain::clock::MilestoneId::T09))
            .flatten();
        Some(DemoPaperwork { invitees, docs, invited, circulated })
    }
}
