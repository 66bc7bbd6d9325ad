//! Reads. Rows are turned back into validated domain values; a row that no longer validates
//! (a file edited by hand, a damaged page) is reported as corrupt rather than shown wrongly.

use ardesk_domain::calendar::SchoolCalendar;
use ardesk_domain::child::{ChildRecord, Upn};
use ardesk_domain::clock::Transfers;
use ardesk_domain::dates::parse_iso;
use ardesk_domain::follow_up::{ActionStatus, Decision};
use ardesk_domain::ids::{ChildId, ReviewId};
use ardesk_domain::invitees::{Invitee, InviteeKind};
use ardesk_domain::people::{ContactMethod, ParentCarer, Professional};
use ardesk_domain::plan::{EhcPlan, SectionId};
use ardesk_domain::review::{Attendance, Meeting, Review, ReviewStage};
use ardesk_domain::school::School;
use ardesk_domain::text::PersonName;
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{OptionalExtension, Row};

use crate::{Store, StoreError};

/// A review with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReview {
    pub id: ReviewId,
    pub review: Review,
}

/// One review of a child, newest last, with how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSummary {
    pub id: ReviewId,
    pub meeting_date: Option<NaiveDate>,
    pub stage: ReviewStage,
    pub submitted_on: Option<NaiveDate>,
    pub decision: Option<(Decision, NaiveDate)>,
}

/// The follow-up recorded for one agreed action (no row means it is open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub row: usize,
    pub status: ActionStatus,
    pub note: String,
    pub updated_on: NaiveDate,
}

/// The agreed actions of one review whose meeting has been held, for the follow-up list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewActions {
    pub review: ReviewId,
    pub child: ChildId,
    pub meeting_date: Option<NaiveDate>,
    /// The `actions.N.…` fields of its AR1 record.
    pub fields: Vec<(String, String)>,
    pub follow_ups: Vec<FollowUp>,
}

/// A proposed amendment as stored, with the checklist items it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAmendment {
    pub id: i64,
    pub section: SectionId,
    pub current: String,
    pub proposed: String,
    pub reason: String,
    pub agreed: bool,
    pub disagreement: String,
    /// (checklist item id, page or paragraph).
    pub evidence: Vec<(i64, String)>,
}

/// An invitee as stored, with what has happened since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInvitee {
    pub id: i64,
    pub invitee: Invitee,
    pub invited_on: Option<NaiveDate>,
    pub attendance: Attendance,
}

/// A stored file attached to a checklist item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    pub sha256: String,
    /// The name the file had when it was attached.
    pub name: String,
    pub file_type: String,
    pub size: i64,
    /// The password scan's verdict and detail when it was attached (`None` before schema v8).
    pub scan: Option<(String, String)>,
}

/// One document of a review's report checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub invitee_id: Option<i64>,
    pub requested_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
    pub chased_on: Option<NaiveDate>,
    pub file: Option<FileRef>,
    /// Views typed in rather than attached.
    pub views_text: Option<String>,
}

/// A letter that was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterLogRow {
    pub invitee_id: Option<i64>,
    pub kind: String,
    pub file_name: String,
    /// RFC 3339.
    pub generated_at: String,
}

/// One line of the caseload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildRow {
    pub id: ChildId,
    pub record: ChildRecord,
    pub last_review_decision: Option<NaiveDate>,
    /// The current (latest) review, if one has been started.
    pub review: Option<StoredReview>,
}

/// A child with everything recorded about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChild {
    pub id: ChildId,
    pub record: ChildRecord,
    pub plan: EhcPlan,
    pub parents: Vec<ParentCarer>,
    pub professionals: Vec<Professional>,
    pub review: Option<StoredReview>,
}

const CHILD_COLUMNS: &str = "
    c.id, c.legal_forenames, c.legal_surname, c.preferred_name, c.dob, c.upn, c.ncy_offset,
    c.looked_after, c.la_id, c.la_ref, p.issue_date, p.last_review_decision,
    r.id, r.meeting_date, r.meeting_start, r.venue, r.stage, c.transfer_ncy, c.post16_move, r.circulated_on
    FROM child c
    JOIN ehc_plan p ON p.child_id = c.id
    LEFT JOIN review r ON r.id = (SELECT max(id) FROM review WHERE child_id = c.id)";

fn corrupt(what: &str, id: i64) -> StoreError {
    StoreError::Corrupt { detail: format!("{what} of record {id} is not valid") }
}

fn date(text: &str, what: &str, id: i64) -> Result<NaiveDate, StoreError> {
    parse_iso(text).ok_or_else(|| corrupt(what, id))
}

fn name(text: &str, what: &str, id: i64) -> Result<PersonName, StoreError> {
    PersonName::parse("name", what, text).map_err(|_| corrupt(what, id))
}

/// The raw columns of [`CHILD_COLUMNS`], read without interpretation so that conversion errors
/// can be reported as corruption instead of SQL errors.
struct RawChild {
    id: i64,
    forenames: String,
    surname: String,
    preferred: Option<String>,
    dob: String,
    upn: Option<String>,
    offset: i8,
    looked_after: bool,
    la_id: String,
    la_ref: Option<String>,
    issue_date: String,
    last_decision: Option<String>,
    review_id: Option<i64>,
    meeting_date: Option<String>,
    meeting_start: Option<String>,
    venue: Option<String>,
    stage: Option<String>,
    transfer_ncy: Option<i32>,
    post16_move: Option<String>,
    circulated_on: Option<String>,
}

impl RawChild {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<RawChild> {
        Ok(RawChild {
            id: row.get(0)?,
            forenames: row.get(1)?,
            surname: row.get(2)?,
            preferred: row.get(3)?,
            dob: row.get(4)?,
            upn: row.get(5)?,
            offset: row.get(6)?,
            looked_after: row.get(7)?,
            la_id: row.get(8)?,
            la_ref: row.get(9)?,
            issue_date: row.get(10)?,
            last_decision: row.get(11)?,
            review_id: row.get(12)?,
            meeting_date: row.get(13)?,
            meeting_start: row.get(14)?,
            venue: row.get(15)?,
            stage: row.get(16)?,
            transfer_ncy: row.get(17)?,
            post16_move: row.get(18)?,
            circulated_on: row.get(19)?,
        })
    }

    fn into_row(self) -> Result<ChildRow, StoreError> {
        let id = self.id;
        let record = ChildRecord {
            legal_forenames: name(&self.forenames, "legal forenames", id)?,
            legal_surname: name(&self.surname, "legal surname", id)?,
            preferred_name: match self.preferred {
                Some(p) => Some(name(&p, "preferred name", id)?),
                None => None,
            },
            dob: date(&self.dob, "date of birth", id)?,
            upn: match self.upn {
                Some(u) => Some(Upn::parse(&u).map_err(|_| corrupt("UPN", id))?),
                None => None,
            },
            ncy_offset: self.offset,
            looked_after: self.looked_after,
            la_id: self.la_id,
            la_ref: self.la_ref,
            plan_issue_date: date(&self.issue_date, "plan issue date", id)?,
            transfers: Transfers {
                extra_transfer_ncy: self.transfer_ncy,
                post16_move: match self.post16_move {
                    Some(d) => Some(date(&d, "post-16 move date", id)?),
                    None => None,
                },
            },
        };
        let last_review_decision = match self.last_decision {
            Some(d) => Some(date(&d, "last review decision", id)?),
            None => None,
        };
        let review = match (self.review_id, self.stage) {
            (Some(review_id), Some(stage)) => Some(StoredReview {
                id: ReviewId(review_id),
                review: review_of(
                    review_id,
                    [self.meeting_date, self.meeting_start, self.venue, Some(stage), self.circulated_on],
                )?,
            }),
            _ => None,
        };
        Ok(ChildRow { id: ChildId(id), record, last_review_decision, review })
    }
}

/// A review from its columns: meeting date, start, venue, stage, circulation date.
fn review_of(
    id: i64,
    [meeting_date, start, venue, stage, circulated]: [Option<String>; 5],
) -> Result<Review, StoreError> {
    let stage =
        stage.as_deref().and_then(ReviewStage::from_code).ok_or_else(|| corrupt("review stage", id))?;
    let meeting = match meeting_date {
        Some(d) => Some(Meeting {
            date: date(&d, "meeting date", id)?,
            start: match start {
                Some(t) => {
                    Some(NaiveTime::parse_from_str(&t, "%H:%M").map_err(|_| corrupt("meeting time", id))?)
                }
                None => None,
            },
            venue: venue.unwrap_or_default(),
        }),
        None => None,
    };
    let circulated_on = circulated.map(|d| date(&d, "circulation date", id)).transpose()?;
    Ok(Review { meeting, stage, circulated_on })
}

impl Store {
    pub fn child_count(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM child", [], |r| r.get(0))?)
    }

    /// The whole caseload, ordered by surname then forenames.
    pub fn children(&self) -> Result<Vec<ChildRow>, StoreError> {
        let sql = format!(
            "SELECT {CHILD_COLUMNS} ORDER BY c.legal_surname COLLATE NOCASE, c.legal_forenames COLLATE NOCASE, c.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let raw = stmt.query_map([], RawChild::from_row)?.collect::<Result<Vec<_>, _>>()?;
        raw.into_iter().map(RawChild::into_row).collect()
    }

    /// One child with their plan, people and current review.
    pub fn child(&self, id: ChildId) -> Result<StoredChild, StoreError> {
        let sql = format!("SELECT {CHILD_COLUMNS} WHERE c.id = ?1");
        let raw = self
            .conn
            .query_row(&sql, [id.0], RawChild::from_row)
            .optional()?
            .ok_or(StoreError::NotFound { what: "child", id: id.0 })?;
        let row = raw.into_row()?;

        let mut stmt = self.conn.prepare("SELECT section, body FROM plan_section WHERE child_id = ?1")?;
        let mut sections = stmt
            .query_map([id.0], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .map(|(code, body)| {
                SectionId::from_code(&code).map(|s| (s, body)).ok_or_else(|| corrupt("plan section", id.0))
            })
            .collect::<Result<Vec<_>, _>>()?;
        sections.sort_by_key(|(s, _)| *s);

        let mut stmt = self.conn.prepare(
            "SELECT name, relationship, parental_responsibility, phone, email, address, preferred_contact
             FROM parent_carer WHERE child_id = ?1 ORDER BY id",
        )?;
        let parents = stmt
            .query_map([id.0], |r| {
                Ok((
                    ParentCarer {
                        name: r.get(0)?,
                        relationship: r.get(1)?,
                        parental_responsibility: r.get(2)?,
                        phone: r.get(3)?,
                        email: r.get(4)?,
                        address: r.get(5)?,
                        preferred_contact: ContactMethod::Email,
                    },
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .map(|(mut p, method)| {
                p.preferred_contact =
                    ContactMethod::from_code(&method).ok_or_else(|| corrupt("contact method", id.0))?;
                Ok(p)
            })
            .collect::<Result<Vec<_>, StoreError>>()?;

        let mut stmt = self.conn.prepare(
            "SELECT name, role, organisation, email, phone FROM professional WHERE child_id = ?1 ORDER BY id",
        )?;
        let professionals = stmt
            .query_map([id.0], |r| {
                Ok(Professional {
                    name: r.get(0)?,
                    role: r.get(1)?,
                    organisation: r.get(2)?,
                    email: r.get(3)?,
                    phone: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;

        let plan = EhcPlan {
            issue_date: row.record.plan_issue_date,
            last_review_decision: row.last_review_decision,
            sections,
        };
        Ok(StoredChild { id: row.id, record: row.record, plan, parents, professionals, review: row.review })
    }

    /// The school's term dates and closure days.
    pub fn school_calendar(&self) -> Result<SchoolCalendar, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, starts, ends FROM school_term ORDER BY starts")?;
        let terms = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .map(|(id, s, e)| Ok((date(&s, "term start", id)?, date(&e, "term end", id)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let mut stmt = self.conn.prepare("SELECT day FROM school_closure ORDER BY day")?;
        let closures = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .iter()
            .map(|d| date(d, "closure day", 0))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SchoolCalendar::new(terms, closures))
    }

    /// Bank holidays imported from gov.uk (the embedded table is in the domain crate).
    pub fn imported_bank_holidays(&self) -> Result<Vec<NaiveDate>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT day FROM bank_holiday ORDER BY day")?;
        let days = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        days.iter().map(|d| date(d, "bank holiday", 0)).collect()
    }

    /// The school's own LA profiles as `(id, json)`, unparsed: the caller validates them.
    pub fn custom_profiles(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, json FROM la_profile ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn school(&self) -> Result<Option<School>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, address, urn, logo, senco_name, senco_role, phone, email FROM school WHERE id = 1",
                [],
                |r| {
                    Ok(School {
                        name: r.get(0)?,
                        address: r.get(1)?,
                        urn: r.get(2)?,
                        logo: r.get(3)?,
                        senco_name: r.get(4)?,
                        senco_role: r.get(5)?,
                        phone: r.get(6)?,
                        email: r.get(7)?,
                    })
                },
            )
            .optional()?)
    }

    /// A review by id, with the child it belongs to.
    pub fn review_info(&self, review: ReviewId) -> Result<(ChildId, Review), StoreError> {
        let (child, columns): (i64, [Option<String>; 5]) = self
            .conn
            .query_row(
                "SELECT child_id, meeting_date, meeting_start, venue, stage, circulated_on
                 FROM review WHERE id = ?1",
                [review.0],
                |r| Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?])),
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "review", id: review.0 })?;
        Ok((ChildId(child), review_of(review.0, columns)?))
    }

    pub fn invitees(&self, review: ReviewId) -> Result<Vec<StoredInvitee>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, name, role, organisation, email, phone, address, preferred_contact,
                    advice_requested, statutory, reason, invited_on, attendance
             FROM invitee WHERE review_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt
            .query_map([review.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    Invitee {
                        kind: InviteeKind::Parent,
                        name: r.get(2)?,
                        role: r.get(3)?,
                        organisation: r.get(4)?,
                        email: r.get(5)?,
                        phone: r.get(6)?,
                        address: r.get(7)?,
                        preferred_contact: ContactMethod::Email,
                        advice_requested: r.get(9)?,
                        statutory: r.get(10)?,
                        reason: r.get(11)?,
                    },
                    r.get::<_, String>(8)?,
                    r.get::<_, Option<String>>(12)?,
                    r.get::<_, String>(13)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, kind, mut invitee, contact, invited, attendance)| {
                invitee.kind = InviteeKind::from_code(&kind).ok_or_else(|| corrupt("invitee kind", id))?;
                invitee.preferred_contact =
                    ContactMethod::from_code(&contact).ok_or_else(|| corrupt("contact method", id))?;
                Ok(StoredInvitee {
                    id,
                    invitee,
                    invited_on: invited.map(|d| date(&d, "invitation date", id)).transpose()?,
                    attendance: Attendance::from_code(&attendance)
                        .ok_or_else(|| corrupt("attendance", id))?,
                })
            })
            .collect()
    }

    pub fn checklist(&self, review: ReviewId) -> Result<Vec<ChecklistRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.code, c.title, c.invitee_id, c.requested_on, c.due_on, c.received_on, c.chased_on,
                    c.file_sha256, c.file_name, f.file_type, f.size, c.views_text, f.scan_verdict, f.scan_detail
             FROM checklist_item c LEFT JOIN stored_file f ON f.sha256 = c.file_sha256
             WHERE c.review_id = ?1 ORDER BY c.position, c.id",
        )?;
        type Raw = (
            i64,
            String,
            String,
            Option<i64>,
            [Option<String>; 4],
            (Option<String>, Option<String>, Option<String>, Option<i64>),
            Option<String>,
            (Option<String>, Option<String>),
        );
        let rows: Vec<Raw> = stmt
            .query_map([review.0], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                    (r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?),
                    r.get(12)?,
                    (r.get(13)?, r.get(14)?),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |(
                    id,
                    code,
                    title,
                    invitee_id,
                    [requested, due, received, chased],
                    file,
                    views_text,
                    scan,
                )| {
                    let d = |v: Option<String>, what| v.map(|s| date(&s, what, id)).transpose();
                    Ok(ChecklistRow {
                        id,
                        code,
                        title,
                        invitee_id,
                        requested_on: d(requested, "requested date")?,
                        due_on: d(due, "due date")?,
                        received_on: d(received, "received date")?,
                        chased_on: d(chased, "chased date")?,
                        file: match file {
                            (Some(sha256), Some(name), Some(file_type), Some(size)) => {
                                let scan = match scan {
                                    (Some(verdict), detail) => Some((verdict, detail.unwrap_or_default())),
                                    _ => None,
                                };
                                Some(FileRef { sha256, name, file_type, size, scan })
                            }
                            _ => None,
                        },
                        views_text,
                    })
                },
            )
            .collect()
    }

    /// The bytes of a stored file.
    pub fn file_content(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        self.conn
            .query_row("SELECT content FROM stored_file WHERE sha256 = ?1", [sha256], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound { what: "file", id: 0 })
    }

    /// What was generated for a review, oldest first.
    pub fn letter_log(&self, review: ReviewId) -> Result<Vec<LetterLogRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT invitee_id, kind, file_name, generated_at FROM letter_log WHERE review_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([review.0], |r| {
                Ok(LetterLogRow {
                    invitee_id: r.get(0)?,
                    kind: r.get(1)?,
                    file_name: r.get(2)?,
                    generated_at: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// A review's AR1 record as stored `(key, value)` fields.
    pub fn ar1_fields(&self, review: ReviewId) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT key, value FROM ar1_field WHERE review_id = ?1 ORDER BY key")?;
        let rows =
            stmt.query_map([review.0], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The school's own letter templates, by kind code.
    pub fn letter_templates(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT kind, body FROM letter_template ORDER BY kind")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Every review of a child, oldest first.
    pub fn reviews_of(&self, child: ChildId) -> Result<Vec<ReviewSummary>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, meeting_date, stage, submitted_on, decision, decided_on
             FROM review WHERE child_id = ?1 ORDER BY id",
        )?;
        type Raw = (i64, Option<String>, String, Option<String>, Option<String>, Option<String>);
        let rows: Vec<Raw> = stmt
            .query_map([child.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, meeting, stage, submitted, decision, decided)| {
                let opt_date = |d: Option<String>, what: &str| d.map(|d| date(&d, what, id)).transpose();
                let decision = match (decision, opt_date(decided, "decision date")?) {
                    (Some(code), Some(on)) => {
                        Some((Decision::from_code(&code).ok_or_else(|| corrupt("decision", id))?, on))
                    }
                    _ => None,
                };
                Ok(ReviewSummary {
                    id: ReviewId(id),
                    meeting_date: opt_date(meeting, "meeting date")?,
                    stage: ReviewStage::from_code(&stage).ok_or_else(|| corrupt("review stage", id))?,
                    submitted_on: opt_date(submitted, "submission date")?,
                    decision,
                })
            })
            .collect()
    }

    /// The follow-up recorded for a review's actions, by row.
    pub fn follow_ups(&self, review: ReviewId) -> Result<Vec<FollowUp>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT action_row, status, note, updated_on FROM action_follow_up
             WHERE review_id = ?1 ORDER BY action_row",
        )?;
        let rows: Vec<(i64, String, String, String)> = stmt
            .query_map([review.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter().map(|raw| follow_up(review.0, raw)).collect()
    }

    /// The agreed actions of every review whose meeting has been held, with their follow-up:
    /// the caseload's list of tracked tasks. Two queries, whatever the caseload's size.
    pub fn tracked_actions(&self) -> Result<Vec<ReviewActions>, StoreError> {
        let held = "('meeting_held','ready_to_submit','submitted','decided')";
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.id, r.child_id, r.meeting_date, f.key, f.value
             FROM review r JOIN ar1_field f ON f.review_id = r.id
             WHERE r.stage IN {held} AND f.key LIKE 'actions.%'
             ORDER BY r.id, f.key"
        ))?;
        type Raw = (i64, i64, Option<String>, String, String);
        let rows: Vec<Raw> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;
        let mut out: Vec<ReviewActions> = Vec::new();
        for (review, child, meeting, key, value) in rows {
            if out.last().is_none_or(|last| last.review.0 != review) {
                out.push(ReviewActions {
                    review: ReviewId(review),
                    child: ChildId(child),
                    meeting_date: meeting.map(|d| date(&d, "meeting date", review)).transpose()?,
                    fields: Vec::new(),
                    follow_ups: Vec::new(),
                });
            }
            if let Some(last) = out.last_mut() {
                last.fields.push((key, value));
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT review_id, action_row, status, note, updated_on FROM action_follow_up
             ORDER BY review_id, action_row",
        )?;
        let rows: Vec<(i64, i64, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;
        for (review, row, status, note, updated) in rows {
            if let Ok(i) = out.binary_search_by_key(&review, |r| r.review.0)
                && let Some(entry) = out.get_mut(i)
            {
                entry.follow_ups.push(follow_up(review, (row, status, note, updated))?);
            }
        }
        Ok(out)
    }
}

fn follow_up(
    review: i64,
    (row, status, note, updated): (i64, String, String, String),
) -> Result<FollowUp, StoreError> {
    Ok(FollowUp {
        row: usize::try_from(row).map_err(|_| corrupt("action row", review))?,
        status: ActionStatus::from_code(&status).ok_or_else(|| corrupt("action status", review))?,
        note,
        updated_on: date(&updated, "follow-up date", review)?,
    })
}

impl Store {
    /// A review's proposed amendments, in the order they were added.
    pub fn amendments(&self, review: ReviewId) -> Result<Vec<StoredAmendment>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, section, current, proposed, reason, agreed, disagreement
             FROM amendment WHERE review_id = ?1 ORDER BY id",
        )?;
        type Raw = (i64, String, String, String, String, bool, String);
        let rows: Vec<Raw> = stmt
            .query_map([review.0], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut evidence = self.conn.prepare(
            "SELECT amendment_id, checklist_item_id, locator FROM amendment_evidence
             WHERE amendment_id IN (SELECT id FROM amendment WHERE review_id = ?1)
             ORDER BY amendment_id, checklist_item_id",
        )?;
        let evidence: Vec<(i64, i64, String)> = evidence
            .query_map([review.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, section, current, proposed, reason, agreed, disagreement)| {
                Ok(StoredAmendment {
                    id,
                    section: SectionId::from_code(&section)
                        .ok_or_else(|| corrupt("amendment section", id))?,
                    current,
                    proposed,
                    reason,
                    agreed,
                    disagreement,
                    evidence: evidence
                        .iter()
                        .filter(|(a, _, _)| *a == id)
                        .map(|(_, item, locator)| (*item, locator.clone()))
                        .collect(),
                })
            })
            .collect()
    }

    /// The review's own choice of how to show amendments (`None`: the LA profile's default).
    pub fn amendment_mode(&self, review: ReviewId) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT amendment_mode FROM review WHERE id = ?1", [review.0], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// The plan document a child's plan was imported from: (file name, SHA-256).
    pub fn plan_source(&self, child: ChildId) -> Result<Option<(String, String)>, StoreError> {
        let row: Option<(Option<String>, Option<String>)> = self
            .conn
            .query_row(
                "SELECT source_name, source_sha256 FROM ehc_plan WHERE child_id = ?1",
                [child.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match row {
            Some((Some(name), Some(sha))) => Some((name, sha)),
            _ => None,
        })
    }

    /// The reasons recorded for overriding a review's bundle findings: (rule, message, reason).
    pub fn bundle_overrides(&self, review: ReviewId) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT rule, message, reason FROM bundle_override WHERE review_id = ?1 ORDER BY rule, message",
        )?;
        let rows = stmt
            .query_map([review.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
