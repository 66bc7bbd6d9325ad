//! The compliance report for the head teacher and governors (issue 20 item 6): the period's
//! totals for each statutory deadline as a bar chart and a table (the bars drawn as decoration,
//! the table carrying the same figures with their headings), then each review by initials.

use chrono::{DateTime, Utc};

use crate::pdf::{Layout, MARGIN, PAGE_W, Weight};

/// One deadline's totals: what it is, and how many reviews met it, were late, are pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineTotals {
    pub code: String,
    pub title: String,
    pub met: usize,
    pub late: usize,
    pub pending: usize,
    /// The share met of those met or late, in percent; `None` when none is either.
    pub on_time: Option<u32>,
}

/// What the report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplianceDoc {
    pub school_name: String,
    /// "1 September 2026 to 31 December 2026".
    pub period: String,
    pub totals: Vec<DeadlineTotals>,
    /// Meeting, initials, LA, then T07, T09, T11, T12 as met / late / pending / n/a.
    pub rows: Vec<Vec<String>>,
    pub created: DateTime<Utc>,
}

/// The bars' shades: met, late, pending.
/// Light enough for black figures on each, and told apart in greyscale print.
const SHADES: [(f32, &str); 3] = [(0.55, "met"), (0.82, "late"), (1.0, "pending")];

pub fn render_compliance_pdf(doc: &ComplianceDoc) -> Result<Vec<u8>, String> {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pdf = Layout::new("Annual reviews: statutory deadlines", &doc.school_name, doc.created)?;
    pdf.running_head(&doc.school_name);
    pdf.masthead(&doc.school_name, "Annual reviews: statutory deadlines", 16.0, 2.0);
    pdf.paragraph(
        MARGIN,
        width,
        &format!(
            "Reviews whose meeting fell from {}: {} in all. Each deadline is the one the SEND Regulations 2014 set (or the LA's, where it asks sooner): two weeks' notice of the meeting (reg 20(3)), all advice circulated two weeks before it (reg 20(4)), the report sent within two weeks after it, and the LA's decision within four weeks (reg 20(10)). Children are named by initials only.",
            doc.period,
            doc.rows.len()
        ),
        Weight::Regular,
        10.0,
        3.0,
    );
    // The chart: one bar per deadline, split into met, late and pending.
    let label_w = 62.0;
    let bar_w = width - label_w - 4.0;
    let top = pdf.y;
    // The bars are artifacts (every shape is); their figures and the legend are read out as
    // text, before the table that gives the same figures with their headings.
    {
        let mut y = top;
        for t in &doc.totals {
            let counts = [t.met, t.late, t.pending];
            let all: usize = counts.iter().sum();
            pdf.text_at(MARGIN, y + 5.0, &format!("{} {}", t.code, t.title), Weight::Regular, 9.0);
            let mut x = MARGIN + label_w;
            for (count, (grey, _)) in counts.into_iter().zip(SHADES) {
                if count == 0 || all == 0 {
                    continue;
                }
                let w = bar_w * count as f32 / all as f32;
                pdf.filled_rect(x, y, w, 7.0, grey);
                let text = count.to_string();
                if pdf.width(&text, Weight::Bold, 9.0) + 2.0 < w {
                    pdf.text_at(x + 1.5, y + 5.0, &text, Weight::Bold, 9.0);
                }
                x += w;
            }
            if all == 0 {
                pdf.rect(MARGIN + label_w, y, bar_w, 7.0, 0.4);
                pdf.text_at(MARGIN + label_w + 2.0, y + 5.0, "no reviews", Weight::Regular, 9.0);
            }
            y += 10.0;
        }
        let mut x = MARGIN + label_w;
        for (grey, name) in SHADES {
            pdf.filled_rect(x, y, 4.0, 4.0, grey);
            pdf.text_at(x + 5.5, y + 3.5, name, Weight::Regular, 9.0);
            x += 10.0 + pdf.width(name, Weight::Regular, 9.0);
        }
    }
    pdf.y = top + doc.totals.len() as f32 * 10.0 + 9.0;
    let totals: Vec<Vec<String>> = doc
        .totals
        .iter()
        .map(|t| {
            let share = t.on_time.map_or_else(|| "—".to_owned(), |p| format!("{p}%"));
            vec![
                format!("{} {}", t.code, t.title),
                t.met.to_string(),
                t.late.to_string(),
                t.pending.to_string(),
                share,
            ]
        })
        .collect();
    pdf.table(
        &[80.0, 20.0, 20.0, 25.0, 25.0],
        &["Deadline", "Met", "Late", "Pending", "On time"],
        &totals,
        7.0,
    );
    pdf.heading("Each review", 20.0);
    if doc.rows.is_empty() {
        pdf.paragraph(MARGIN, width, "No review had its meeting in this period.", Weight::Regular, 10.0, 1.5);
    } else {
        pdf.table(
            &[24.0, 18.0, 48.0, 20.0, 20.0, 20.0, 20.0],
            &["Meeting", "Child", "LA", "Notice", "Circulated", "Report", "Decision"],
            &doc.rows,
            6.5,
        );
    }
    Ok(pdf.finish(&format!("Annual reviews: statutory deadlines · {}", doc.period)))
}
