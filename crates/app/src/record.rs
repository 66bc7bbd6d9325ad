//! Everything held about one child, exported (issue 17 item 5): for a subject access request,
//! or to pass the record to the setting they move to. One zip named by their initials only:
//! `index.html` (readable in any browser, linking the rest), `record.json` (all of it, for a
//! machine), `files/` (every report and plan document held), `ar1/` (each meeting's record as a
//! PDF). Views typed in are in the index and the JSON.

use std::path::Path;

use ardesk_documents::record::{Cell, Part, RecordIndex, Table, index_html};
use ardesk_domain::ids::{ChildId, ReviewId};
use ardesk_dto::{AuditEntry, ChildDetail, ErrorCode, Exported, ExportedFile, RecordExport, ReviewExport};

use crate::context::initials;
use crate::files::{exported, write_zip_atomically};
use crate::{App, AppError};

/// A file in the export: its path in the zip and its bytes.
type Entry = (String, Vec<u8>);

impl App {
    /// The export's file name: `<initials>-record-<YYYY-MM-DD>.zip`.
    pub fn record_file_name(&self, id: i64) -> Result<String, AppError> {
        let child = self.store.child(ChildId(id))?;
        Ok(format!("{}-record-{}.zip", initials(&child.record), self.clock.today().format("%Y-%m-%d")))
    }

    /// Writes everything held about the child to `out` as one zip (see the module's notes).
    /// The export is recorded in the audit (which record, when, by whom).
    pub fn export_record(&mut self, id: i64, out: &Path) -> Result<Exported, AppError> {
        let (record, entries) = self.gather_record(id)?;
        let json = serde_json::to_vec_pretty(&record).map_err(|e| {
            AppError::new(ErrorCode::Storage, format!("The record could not be written: {e}"))
        })?;
        let html = index_html(&index_of(&record));
        let mut all: Vec<(&str, &[u8])> = vec![("index.html", html.as_bytes()), ("record.json", &json)];
        all.extend(entries.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())));
        write_zip_atomically(out, &all)?;
        let action =
            ardesk_store::Action { actor: &self.actor, name: "child.export_record", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.concerns("child", id);
            Ok(())
        })?;
        Ok(exported(out, all.len()))
    }

    /// The record and the files that go beside it (path in the zip, bytes).
    fn gather_record(&self, id: i64) -> Result<(RecordExport, Vec<Entry>), AppError> {
        let child = self.child(id)?;
        let stored = self.store.child(ChildId(id))?;
        let mut entries: Vec<Entry> = Vec::new();
        let mut files: Vec<ExportedFile> = Vec::new();
        let mut held = |what: String,
                        name: &str,
                        sha256: &str,
                        entries: &mut Vec<Entry>|
         -> Result<(), AppError> {
            let bytes = self.store.file_content(sha256)?;
            // Numbered, not named: a report's name often holds someone's name.
            let ext = crate::files::ext_of(name);
            let path =
                format!("files/{:02}.{}", files.len() + 1, if ext.is_empty() { "bin" } else { ext.as_str() });
            files.push(ExportedFile {
                path: path.clone(),
                what,
                original_name: name.to_owned(),
                size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
                sha256: sha256.to_owned(),
            });
            entries.push((path, bytes));
            Ok(())
        };
        if let Some(source) = self.store.plan_source(ChildId(id))? {
            held("The EHC plan, as imported".to_owned(), &source.name, &source.sha256, &mut entries)?;
        }
        let mut audit_of: Vec<(&str, i64)> = vec![("child", id)];
        audit_of.extend(child.parents.iter().map(|p| ("parent_carer", p.id)));
        audit_of.extend(child.professionals.iter().map(|p| ("professional", p.id)));
        let mut reviews = Vec::new();
        for summary in self.store.reviews_of(stored.id)? {
            let review = summary.id.0;
            let prep = self.review_prep(review)?;
            let ar1 = self.ar1(review)?;
            let amendments = self.amendments(review)?;
            let after = self.after_meeting(review)?;
            let mut views = Vec::new();
            for item in self.store.checklist(ReviewId(review))? {
                audit_of.push(("checklist_item", item.id));
                if let Some(file) = &item.file {
                    held(item.title.clone(), &file.name, &file.sha256, &mut entries)?;
                }
                if let Some(text) = item.views_text.filter(|t| !t.trim().is_empty()) {
                    views.push((item.title.clone(), text));
                }
            }
            audit_of.push(("review", review));
            audit_of.extend(prep.invitees.iter().map(|i| ("invitee", i.id)));
            audit_of.extend(amendments.amendments.iter().map(|a| ("amendment", a.id)));
            let ar1_record = if ar1.values.values().any(|v| !v.trim().is_empty()) {
                let path = format!("ar1/review-{review}-record.pdf");
                entries.push((path.clone(), self.record_bytes(review, "pdf")?));
                Some(path)
            } else {
                None
            };
            let requests = self.la_requests(review)?.requests;
            audit_of.extend(requests.iter().map(|r| ("la_request", r.id)));
            reviews.push(ReviewExport { prep, ar1, amendments, after, views, ar1_record, requests });
        }
        let check_ins = self.all_check_ins(id)?;
        audit_of.extend(check_ins.iter().map(|c| ("check_in", c.id)));
        let transition =
            self.transition(id).ok().filter(|t| !t.setting.setting.is_empty() || !t.actions.is_empty());
        audit_of
            .extend(transition.iter().flat_map(|t| t.actions.iter().map(|a| ("transition_action", a.id))));
        let audit = self
            .store
            .audit_about(&audit_of)?
            .into_iter()
            .map(|a| AuditEntry {
                at: a.at,
                user: a.os_user,
                action: a.action,
                record: format!("{} {}", a.record_type, a.record_id),
            })
            .collect();
        let record = RecordExport {
            made_on: self.clock.today().format("%d/%m/%Y").to_string(),
            school: self.store.school()?.map(|s| s.name),
            mis_snapshot: self.store.mis_snapshot(ChildId(id))?,
            child,
            reviews,
            files,
            audit,
            check_ins,
            transition,
        };
        Ok((record, entries))
    }
}

/// The readable index of the record.
fn index_of(r: &RecordExport) -> RecordIndex {
    let c = &r.child;
    let mut parts = vec![details(c)];
    parts.push(Part {
        heading: "EHC plan".into(),
        paragraphs: if c.sections.is_empty() {
            vec!["No plan sections recorded.".into()]
        } else {
            Vec::new()
        },
        fields: c.sections.iter().map(|s| (s.title.clone(), s.text.clone())).collect(),
        ..Part::default()
    });
    parts.push(Part {
        heading: "Parents and carers".into(),
        table: Some(Table {
            columns: cols(&[
                "Name",
                "Relationship",
                "Parental responsibility",
                "Contact details",
                "Contact by",
                "Restriction",
            ]),
            rows: c
                .parents
                .iter()
                .map(|p| {
                    let contact: Vec<&str> =
                        [&p.phone, &p.email, &p.address].into_iter().flatten().map(String::as_str).collect();
                    vec![
                        p.name.as_str().into(),
                        p.relationship.as_str().into(),
                        yes_no(p.parental_responsibility).into(),
                        contact.join("; ").into(),
                        p.preferred_contact.label().into(),
                        p.restriction.map(|x| x.label()).unwrap_or("").into(),
                    ]
                })
                .collect(),
        }),
        ..Part::default()
    });
    parts.push(Part {
        heading: "Professionals".into(),
        table: Some(Table {
            columns: cols(&["Name", "Role", "Organisation", "Service", "Contact details"]),
            rows: c
                .professionals
                .iter()
                .map(|p| {
                    vec![
                        p.name.as_str().into(),
                        p.role.as_str().into(),
                        p.organisation.as_str().into(),
                        p.service.label().into(),
                        [&p.phone, &p.email]
                            .into_iter()
                            .flatten()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                            .join("; ")
                            .into(),
                    ]
                })
                .collect(),
        }),
        ..Part::default()
    });
    for (n, review) in r.reviews.iter().enumerate() {
        parts.extend(review_parts(n + 1, review, &r.files));
    }
    if !r.check_ins.is_empty() {
        parts.push(Part {
            heading: "Check-ins between reviews".into(),
            table: Some(Table {
                columns: cols(&["Day", "Progress", "The child's view", "The parents' feedback"]),
                rows: r
                    .check_ins
                    .iter()
                    .map(|c| {
                        vec![
                            c.on.as_str().into(),
                            c.progress.as_str().into(),
                            c.child_view.as_str().into(),
                            c.parent_view.as_str().into(),
                        ]
                    })
                    .collect(),
            }),
            ..Part::default()
        });
    }
    if let Some(t) = &r.transition {
        let s = &t.setting;
        parts.push(Part {
            heading: "Transition plan".into(),
            fields: vec![
                ("Receiving setting".into(), s.setting.clone()),
                ("Contact there".into(), s.contact.clone()),
                ("Email".into(), s.email.clone()),
                ("Phone".into(), s.phone.clone()),
            ],
            table: Some(Table {
                columns: cols(&["Action", "Who", "By", "Done"]),
                rows: t
                    .actions
                    .iter()
                    .map(|a| {
                        vec![
                            a.action.as_str().into(),
                            a.owner.as_str().into(),
                            a.due.clone().unwrap_or_default().into(),
                            a.done.clone().unwrap_or_default().into(),
                        ]
                    })
                    .collect(),
            }),
            ..Part::default()
        });
    }
    parts.push(Part {
        heading: "Files held".into(),
        paragraphs: if r.files.is_empty() { vec!["None.".into()] } else { Vec::new() },
        table: (!r.files.is_empty()).then(|| Table {
            columns: cols(&["What", "File", "Size (bytes)", "SHA-256"]),
            rows: r
                .files
                .iter()
                .map(|f| {
                    vec![
                        f.what.as_str().into(),
                        Cell::Link { text: f.original_name.clone(), href: f.path.clone() },
                        f.size.to_string().into(),
                        f.sha256.as_str().into(),
                    ]
                })
                .collect(),
        }),
        ..Part::default()
    });
    parts.push(Part {
        heading: "What was done to this record".into(),
        paragraphs: vec!["Each change, and each export, with the computer account that made it. The audit keeps no content.".into()],
        table: Some(Table {
            columns: cols(&["When (UTC)", "Who", "Action", "Record"]),
            rows: r
                .audit
                .iter()
                .map(|a| vec![a.at.as_str().into(), a.user.as_str().into(), a.action.as_str().into(), a.record.as_str().into()])
                .collect(),
        }),
        ..Part::default()
    });
    RecordIndex {
        title: format!("Record held about {}", c.legal_name),
        intro: vec![
            format!(
                "Everything {} holds about {} in Annual Review Desk, exported on {}.",
                r.school.as_deref().unwrap_or("the school"),
                c.legal_name,
                r.made_on
            ),
            "The files named below are in the files folder beside this page; each review meeting's record is in \
             the ar1 folder; record.json holds all of it for a computer to read."
                .into(),
        ],
        parts,
    }
}

fn details(c: &ChildDetail) -> Part {
    let or_not = |v: &Option<String>| v.clone().unwrap_or_else(|| "Not recorded".into());
    let mut fields = vec![
        ("Legal name".to_owned(), c.legal_name.clone()),
        ("Known as".to_owned(), c.name.clone()),
        ("Date of birth".to_owned(), c.dob.clone()),
        ("Year group".to_owned(), c.year_group.clone()),
        ("UPN".to_owned(), or_not(&c.upn)),
        ("Maintaining LA".to_owned(), c.la_name.clone()),
        ("LA reference".to_owned(), or_not(&c.la_ref)),
        ("Looked after".to_owned(), yes_no(c.looked_after).to_owned()),
        ("SEN need types".to_owned(), c.need_types.join("; ")),
        ("Plan first issued".to_owned(), or_not(&c.plan_issued)),
        ("Last review meeting".to_owned(), or_not(&c.last_review_meeting)),
        ("LA's last decision letter".to_owned(), or_not(&c.last_review_decision)),
    ];
    if let Some(from) = &c.ceased_from {
        fields.push(("Plan ceased from".into(), from.clone()));
    }
    if let Some(left) = &c.left {
        fields.push(("Left the school".into(), format!("{} to {}", left.on, left.destination)));
    }
    Part { heading: "Details".into(), fields, ..Part::default() }
}

fn review_parts(n: usize, r: &ReviewExport, files: &[ExportedFile]) -> Vec<Part> {
    let p = &r.prep;
    let mut fields = vec![
        ("Kind of review".to_owned(), p.review_type.label().to_owned()),
        ("Stage".to_owned(), p.stage_label.clone()),
        ("Meeting".to_owned(), p.meeting_text.clone().unwrap_or_else(|| "Not set".into())),
    ];
    if let Some(on) = &r.after.submitted_on {
        fields.push(("Sent to the LA".into(), on.clone()));
    }
    if let Some(decision) = &r.after.decision {
        fields.push(("The LA's decision".into(), decision.clone()));
    }
    let mut parts = vec![Part { heading: format!("Review {n}"), fields, ..Part::default() }];
    parts.push(Part {
        heading: "Invited".into(),
        sub: true,
        table: Some(Table {
            columns: cols(&["Name", "Role", "Organisation", "Invited on"]),
            rows: p
                .invitees
                .iter()
                .map(|i| {
                    vec![
                        i.form.name.as_str().into(),
                        i.form.role.as_str().into(),
                        i.form.organisation.as_str().into(),
                        i.invited_on.clone().unwrap_or_default().into(),
                    ]
                })
                .collect(),
        }),
        ..Part::default()
    });
    parts.push(Part {
        heading: "Reports and views".into(),
        sub: true,
        table: Some(Table {
            columns: cols(&["Document", "From", "Requested", "Received", "File"]),
            rows: p
                .checklist
                .iter()
                .map(|c| {
                    let file = c
                        .file_name
                        .as_ref()
                        .and_then(|name| files.iter().find(|f| &f.original_name == name && f.what == c.title))
                        .map_or(Cell::Text(String::new()), |f| Cell::Link {
                            text: f.original_name.clone(),
                            href: f.path.clone(),
                        });
                    vec![
                        c.title.as_str().into(),
                        c.from.clone().unwrap_or_default().into(),
                        c.requested_on.clone().unwrap_or_default().into(),
                        c.received_on.clone().unwrap_or_default().into(),
                        file,
                    ]
                })
                .collect(),
        }),
        ..Part::default()
    });
    for (title, text) in &r.views {
        parts.push(Part {
            heading: format!("Views typed in: {title}"),
            sub: true,
            paragraphs: vec![text.clone()],
            ..Part::default()
        });
    }
    parts.push(Part {
        heading: "Letters".into(),
        sub: true,
        table: Some(Table {
            columns: cols(&["Letter", "To", "Made"]),
            rows: p
                .letters
                .iter()
                .map(|l| {
                    vec![
                        l.kind_label.as_str().into(),
                        l.recipient.clone().unwrap_or_default().into(),
                        l.generated.as_str().into(),
                    ]
                })
                .collect(),
        }),
        ..Part::default()
    });
    parts.push(Part {
        heading: "The meeting's record (AR1)".into(),
        sub: true,
        paragraphs: vec![match &r.ar1_record {
            Some(_) => "The record as written at the meeting:".into(),
            None => "Nothing of the meeting was recorded.".into(),
        }],
        table: r.ar1_record.as_ref().map(|path| Table {
            columns: cols(&["Document"]),
            rows: vec![vec![Cell::Link { text: "AR1 record (PDF)".into(), href: path.clone() }]],
        }),
        ..Part::default()
    });
    if !r.amendments.amendments.is_empty() {
        parts.push(Part {
            heading: "Amendments proposed".into(),
            sub: true,
            table: Some(Table {
                columns: cols(&["Section", "Current", "Proposed", "Why"]),
                rows: r
                    .amendments
                    .amendments
                    .iter()
                    .map(|a| {
                        vec![
                            a.section_title.as_str().into(),
                            a.form.current.as_str().into(),
                            a.form.proposed.as_str().into(),
                            a.form.reason.as_str().into(),
                        ]
                    })
                    .collect(),
            }),
            ..Part::default()
        });
    }
    if !r.requests.is_empty() {
        parts.push(Part {
            heading: "Requests to the LA".into(),
            sub: true,
            table: Some(Table {
                columns: cols(&["Request", "Sent", "Reasons", "Evidence", "The LA's answer"]),
                rows: r
                    .requests
                    .iter()
                    .map(|q| {
                        vec![
                            q.kind_label.as_str().into(),
                            q.sent_on.as_str().into(),
                            q.grounds.as_str().into(),
                            q.evidence.join("; ").into(),
                            match (&q.outcome_label, &q.answered_on) {
                                (Some(o), Some(on)) => format!("{o} ({on}) {}", q.note).trim().to_owned(),
                                _ => "Awaited".to_owned(),
                            }
                            .into(),
                        ]
                    })
                    .collect(),
            }),
            ..Part::default()
        });
    }
    parts
}

fn cols(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}
