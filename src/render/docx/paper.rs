//! The paper's body from the context: the title, the header table, then
//! every part in the house style's order (`report.sections`), with the
//! same content as the Markdown and HTML templates give it. Numbered
//! sections and paragraphs are the paper's one Word list where Word's own
//! counting gives the numbers the context holds; else (a house style
//! Word's list cannot follow) the numbers are typed as text.

use crate::context::Context;
use crate::enrich::numbering::Item;
use crate::enrich::progress::Progress;
use crate::layout::SectionView;
use crate::model::wording::Second;

use super::numbering::Scheme;
use super::prose::Lead;
use super::styles::Role;
use super::writer::{Fmt, NumPr, Writer, run, worded};

/// How the paper's numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbers {
    /// As the paper's Word list (its numId), headings at level 0.
    List(u32, Scheme),
    /// Typed as text.
    Text,
}

/// One numbered thing in document order, for the check that Word's
/// counting gives the context's numbers.
enum Numbered<'a> {
    /// A numbered section heading (None: a number with no heading to hold it).
    Heading(Option<u64>),
    Paragraph(&'a str),
}

fn leading_number(label: &str) -> Option<u64> {
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn numbered(ctx: &Context) -> (Vec<Numbered<'_>>, Vec<&str>) {
    let mut out = Vec::new();
    let mut labels = Vec::new();
    for part in &ctx.report.sections {
        if part.kind == "group" {
            continue;
        }
        if part.id == "body" {
            for s in &ctx.report.body.sections {
                if let Some(l) = &s.label {
                    labels.push(l.as_str());
                }
                if let Some(n) = s.number {
                    let held = s.title.is_some().then_some(u64::from(n));
                    out.push(Numbered::Heading(held));
                }
                for item in &s.items {
                    if let Some(n) = &item.number {
                        out.push(Numbered::Paragraph(n));
                    }
                }
            }
            continue;
        }
        let first = part.paragraphs.iter().find_map(|i| i.number.as_deref());
        match (&part.number, first) {
            (Some(label), _) => {
                labels.push(label.as_str());
                let held = part.heading.as_ref().and(leading_number(label));
                out.push(Numbered::Heading(held));
            }
            (None, Some(n)) if n.contains('.') => {
                let held = part.heading.as_ref().and(leading_number(n));
                out.push(Numbered::Heading(held));
            }
            _ => {}
        }
        for item in &part.paragraphs {
            if let Some(n) = &item.number {
                out.push(Numbered::Paragraph(n));
            }
        }
    }
    (out, labels)
}

/// The scheme and first section number with which Word's list gives
/// every number of the paper, if there is one.
pub fn plan(ctx: &Context) -> Option<(Scheme, u64)> {
    let (events, labels) = numbered(ctx);
    let paragraphs: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Numbered::Paragraph(n) => Some(*n),
            Numbered::Heading(_) => None,
        })
        .collect();
    let scheme = if labels.iter().any(|l| l.ends_with(".0")) {
        Scheme::DotZero
    } else if !labels.is_empty() {
        Scheme::Dot
    } else if paragraphs.iter().any(|n| n.contains('.')) {
        Scheme::Bare
    } else if !paragraphs.is_empty() {
        Scheme::Flat
    } else {
        return None;
    };
    if scheme == Scheme::Flat {
        let counted = paragraphs
            .iter()
            .enumerate()
            .all(|(i, n)| *n == (i + 1).to_string());
        return counted.then_some((scheme, 1));
    }
    let mut section: Option<u64> = None;
    let mut start = None;
    let mut nth = 0u64;
    for e in &events {
        match e {
            Numbered::Heading(None) => return None,
            Numbered::Heading(Some(n)) => {
                if section.is_some_and(|s| s + 1 != *n) {
                    return None;
                }
                start.get_or_insert(*n);
                section = Some(*n);
                nth = 0;
            }
            Numbered::Paragraph(text) => {
                let s = section?;
                nth += 1;
                if *text != format!("{s}.{nth}") {
                    return None;
                }
            }
        }
    }
    // Labels as the scheme prints them.
    let printed = |n: u64| match scheme {
        Scheme::DotZero => format!("{n}.0"),
        _ => format!("{n}."),
    };
    if labels
        .iter()
        .any(|l| leading_number(l).is_none_or(|n| *l != printed(n)))
    {
        return None;
    }
    start.map(|s| (scheme, s))
}

pub struct Paper<'w, 's> {
    pub w: &'w mut Writer<'s>,
    pub numbers: Numbers,
    pub ctx: &'w Context,
}

impl Paper<'_, '_> {
    /// A section heading, tied to the paper's list when it is numbered.
    fn section_heading(
        &mut self,
        level: u8,
        label: Option<&str>,
        number: bool,
        title: &str,
        second: Option<&Second>,
    ) {
        let titled = worded(title, second, "", Fmt::default());
        match (self.numbers, label, number) {
            (Numbers::List(num, scheme), _, true) if scheme != Scheme::Flat => {
                self.w
                    .heading_runs(level, &titled, Some(NumPr { num, ilvl: 0 }));
            }
            (_, Some(label), _) => {
                let runs = format!("{}{titled}", run(&format!("{label} "), Fmt::default()));
                self.w.heading_runs(level, &runs, None);
            }
            _ => self.w.heading_runs(level, &titled, None),
        }
    }

    /// A paragraph item: numbered (as the list or as text) or plain.
    fn item(&mut self, item: &Item) {
        let lead = match (&item.number, self.numbers) {
            (Some(_), Numbers::List(num, _)) => {
                Lead::numbered(Role::NumberedParagraph, NumPr { num, ilvl: 1 })
            }
            (Some(n), Numbers::Text) => Lead {
                role: Some(Role::NumberedParagraph),
                num: None,
                prefix: format!(
                    "{}<w:r><w:tab/></w:r>",
                    run(
                        n,
                        Fmt {
                            bold: true,
                            ..Fmt::default()
                        }
                    )
                ),
            },
            (None, _) => Lead::default(),
        };
        self.w.markdown(&item.markdown, lead, Role::BodyText);
    }

    fn md(&mut self, markdown: &str) {
        self.w.markdown(markdown, Lead::default(), Role::BodyText);
    }

    /// Markdown after a bold label on the same line.
    fn labelled(&mut self, label: &str, markdown: &str) {
        let prefix = run(
            &format!("{label} "),
            Fmt {
                bold: true,
                ..Fmt::default()
            },
        );
        self.w.markdown(
            markdown,
            Lead {
                role: None,
                num: None,
                prefix,
            },
            Role::BodyText,
        );
    }

    /// Each entry its own numbered item of a new list.
    fn ordered(&mut self, items: &[String], role: Role) {
        let num = self.w.lists.ordered(1);
        for text in items {
            self.w
                .markdown(text, Lead::numbered(role, NumPr { num, ilvl: 0 }), role);
        }
    }

    fn bullets(&mut self, items: &[String]) {
        let num = self.w.lists.bullets();
        for text in items {
            self.w.markdown(
                text,
                Lead::numbered(Role::ListParagraph, NumPr { num, ilvl: 0 }),
                Role::ListParagraph,
            );
        }
    }

    /// A two-column table of labels and values, the labels bold.
    fn label_table(&mut self, role: Role, caption: Option<&str>, rows: &[(String, String)]) {
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|(l, v)| vec![self.w.cell(l, true), v.clone()])
            .collect();
        self.w.table(role, caption, &[], &cells, &[35, 65]);
    }

    /// The whole body.
    pub fn write(&mut self) {
        let ctx = self.ctx;
        let r = &ctx.report;
        self.w.text_para(Role::Title, &r.subject);
        let opening = format!(
            "{}{}",
            run(
                &format!("{}: report to {}, ", ctx.council.name, r.committee),
                Fmt::default()
            ),
            worded(
                &r.meeting_date_long,
                r.second.get("meeting_date_long"),
                "",
                Fmt::default()
            )
        );
        self.w.para(Role::BodyText, None, &opening);
        if !r.header.is_empty() {
            let bold = Fmt {
                bold: true,
                ..Fmt::default()
            };
            let cells: Vec<Vec<String>> = r
                .header
                .iter()
                .map(|row| {
                    let label = worded(&row.label, row.second.get("label"), ":", bold);
                    let value = worded(&row.value, row.second.get("value"), "", Fmt::default());
                    vec![self.w.cell_runs(&label), self.w.cell_runs(&value)]
                })
                .collect();
            self.w
                .table(Role::HeaderTable, None, &[], &cells, &[35, 65]);
        }
        for part in &r.sections {
            self.part(part);
        }
    }

    fn part(&mut self, part: &SectionView) {
        let ctx = self.ctx;
        let r = &ctx.report;
        let level = part.level.saturating_sub(1).max(1);
        if part.kind == "group" {
            let runs = worded(
                part.heading.as_deref().unwrap_or_default(),
                part.second.get("heading"),
                "",
                Fmt::default(),
            );
            self.w.heading_runs(level, &runs, None);
            return;
        }
        if part.id == "body" {
            self.body();
            return;
        }
        if let Some(h) = &part.heading {
            let numbered = part.number.is_some()
                || part
                    .paragraphs
                    .iter()
                    .any(|i| i.number.as_deref().is_some_and(|n| n.contains('.')));
            self.section_heading(
                level,
                part.number.as_deref(),
                numbered,
                h,
                part.second.get("heading"),
            );
        }
        if let Some(intro) = &part.intro {
            let runs = worded(intro, part.second.get("intro"), "", Fmt::default());
            self.w.para(Role::BodyText, None, &runs);
        }
        let sub = level + 1;
        if !part.paragraphs.is_empty() {
            for item in &part.paragraphs {
                self.item(item);
            }
            return;
        }
        match part.id.as_str() {
            "summary" => self.md(&r.summary),
            "recommendations" => match r.recommendations.as_slice() {
                [one] => self.md(one),
                many => self.ordered(many, Role::Recommendation),
            },
            "options" => self.md(&r.options),
            "costs" => {
                self.w.heading(sub, "(A) Revenue Costs", None);
                self.md(&r.costs.revenue);
                self.w.heading(sub, "(B) Capital Costs", None);
                self.md(&r.costs.capital);
            }
            "implications" => {
                self.w.heading(
                    sub,
                    "Resource Implications (Financial, IT, Staffing and Assets)",
                    None,
                );
                self.md(&r.implications.resources);
                self.w.heading(sub, "Legal Implications", None);
                self.md(&r.implications.legal);
                self.w.heading(sub, "Equality Implications", None);
                self.md(&r.implications.equality);
            }
            "climate" => {
                self.w.text_para(
                    Role::BodyText,
                    "The recommendations within this report will",
                );
                let header = vec![
                    self.w.cell("Climate emergency implication", true),
                    self.w.cell("Answer", true),
                ];
                let rows: Vec<Vec<String>> = r
                    .climate
                    .iter()
                    .map(|c| vec![self.w.cell(c.label, false), self.w.cell(c.answer, false)])
                    .collect();
                self.w.table(Role::Table, None, &header, &rows, &[75, 25]);
            }
            "core_purpose" => {
                for row in &r.core_purpose {
                    self.labelled(&format!("{}:", row.purpose), &row.text);
                }
            }
            "consultations" => {
                self.w.heading(sub, "(A) Internal Consultations", None);
                self.md(&r.consultations.internal);
                self.w.heading(sub, "(B) External Consultations", None);
                self.md(&r.consultations.external);
            }
            "implementation_date" => self.md(&r.implementation_date),
            "contact" => {
                let c = &r.contact;
                let telephone = if c.telephone.is_empty() {
                    "Not given"
                } else {
                    c.telephone.as_str()
                };
                let rows = vec![
                    ("Contact Officer:".to_string(), self.w.cell(&c.name, false)),
                    (
                        "Telephone Number:".to_string(),
                        self.w.cell(telephone, false),
                    ),
                    ("Email Address:".to_string(), self.email_cell(&c.email)),
                ];
                self.label_table(Role::Table, None, &rows);
            }
            "appendices" => match r.appendices.as_slice() {
                [] => self
                    .w
                    .text_para(Role::BodyText, "There are no appendices to this report."),
                [one] => self.md(one),
                many => self.ordered(many, Role::ListParagraph),
            },
            "background_papers" => match r.background_papers.as_slice() {
                [] => self.w.text_para(
                    Role::BodyText,
                    "There are no background papers available for inspection.",
                ),
                [one] => self.md(one),
                many => self.bullets(many),
            },
            _ => self.custom(part),
        }
    }

    fn email_cell(&mut self, email: &str) -> String {
        let link_style = self.w.styles.id(Role::Hyperlink).to_string();
        let runs = super::writer::run_with(
            email,
            Fmt {
                link: true,
                ..Fmt::default()
            },
            &link_style,
        );
        let runs = if email.is_empty() {
            String::new()
        } else {
            self.w.hyperlink(&format!("mailto:{email}"), &runs)
        };
        let ppr = self.w.ppr(Role::BodyText, None, false, "");
        format!("<w:p>{ppr}{runs}</w:p>")
    }

    /// A council's own field, by its type.
    fn custom(&mut self, part: &SectionView) {
        match part.kind {
            "markdown" => self.md(part.text.as_deref().unwrap_or_default()),
            "list" => self.bullets(&part.items),
            "table" => {
                let header: Vec<String> =
                    part.columns.iter().map(|c| self.w.cell(c, true)).collect();
                let rows: Vec<Vec<String>> = part
                    .rows
                    .iter()
                    .map(|row| row.iter().map(|c| self.w.cell_markdown(c)).collect())
                    .collect();
                self.w.table(Role::Table, None, &header, &rows, &[]);
            }
            "officer" => {
                if let Some(o) = &part.officer {
                    let mut rows = vec![("Name:".to_string(), self.w.cell(&o.name, false))];
                    if !o.post.is_empty() {
                        rows.push(("Post:".into(), self.w.cell(&o.post, false)));
                    }
                    if !o.telephone.is_empty() {
                        rows.push(("Telephone Number:".into(), self.w.cell(&o.telephone, false)));
                    }
                    if !o.email.is_empty() {
                        let cell = self.email_cell(&o.email);
                        rows.push(("Email Address:".into(), cell));
                    }
                    self.label_table(Role::Table, None, &rows);
                }
            }
            _ => {
                if let Some(t) = &part.text {
                    self.w.text_para(Role::BodyText, t);
                }
            }
        }
    }

    fn body(&mut self) {
        let ctx = self.ctx;
        let level = ctx.report.body_level.saturating_sub(1).max(1);
        for section in &ctx.report.body.sections {
            if let Some(title) = &section.title {
                self.section_heading(
                    level,
                    section.label.as_deref(),
                    section.number.is_some(),
                    title,
                    None,
                );
            }
            for item in &section.items {
                if let Some(h) = &item.heading {
                    let sub = if h.level > 3 { level + 2 } else { level + 1 };
                    self.w.heading(sub, &h.text, None);
                } else if let Some(k) = item.progress {
                    if let Some(p) = ctx.report.progress.get(k) {
                        self.placed(k, |paper| paper.progress(p));
                    }
                } else {
                    self.item(item);
                }
            }
        }
    }

    /// What `write` puts in the paper for the body's `{{ progress }}`
    /// marker (`{{ progress 2 }}` for the second tracker), between the two
    /// ends of a hidden bookmark named after it (`_papers_progress`,
    /// `_papers_progress_2`): `papers import` puts the marker back where
    /// the tracker was printed. A bookmark, not a content control: readers
    /// such as python-docx skip a content control's paragraphs.
    fn placed(&mut self, index: usize, write: impl FnOnce(&mut Self)) {
        let (name, id) = (progress_bookmark(index), PROGRESS_BOOKMARK_ID + index);
        self.w.out.push_str(&format!(
            "<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>"
        ));
        write(self);
        self.w
            .out
            .push_str(&format!("<w:bookmarkEnd w:id=\"{id}\"/>"));
    }

    /// A tracker: its position in a sentence, the chart (a picture with
    /// alt text), the items and the summary by owner as tables.
    fn progress(&mut self, p: &Progress) {
        let lead = run(
            &format!("{}: position at {}. ", p.title, p.as_at_long),
            Fmt {
                bold: true,
                ..Fmt::default()
            },
        );
        let runs = format!("{lead}{}", run(&p.summary, Fmt::default()));
        self.w.para(Role::BodyText, None, &runs);
        if let Some(chart) = super::chart::chart(p) {
            self.w.picture(
                &super::writer::Picture {
                    bytes: &chart.png,
                    ext: "png",
                    svg: Some(chart.svg.as_bytes()),
                    cx: chart.cx,
                    cy: chart.cy,
                    alt: &chart.alt,
                    name: &format!("Chart: {}", p.title),
                },
                Role::BodyText,
            );
            self.w.text_para(
                Role::Caption,
                &format!(
                    "Items by status at {} ({} in all, {}% complete)",
                    p.as_at_long, p.total, p.complete_percent
                ),
            );
        }
        let since = p.previous_as_at_long.as_ref();
        let mut header = vec!["Ref", "Action", "Owner", "Due", "Status"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>();
        if let Some(s) = since {
            header.push(format!("Since {s}"));
        }
        header.push("Update".into());
        let header: Vec<String> = header.iter().map(|h| self.w.cell(h, true)).collect();
        let mut rows = Vec::new();
        for i in &p.items {
            let mut due = i.due_long.clone();
            for f in &i.flags {
                due.push_str(&format!(", {f}"));
            }
            let status = match i.rag {
                Some(rag) => format!("{} ({rag})", i.status),
                None => i.status.to_string(),
            };
            let mut row = vec![
                self.w.cell(&i.reference, true),
                self.w.cell(&i.action, false),
                self.w.cell(&i.owner, false),
                self.w.cell(&due, false),
                self.w.cell(&status, false),
            ];
            if since.is_some() {
                let mut m = i.movement.unwrap_or_default().to_string();
                if let Some(prev) = i.previous_status
                    && i.movement != Some("Unchanged")
                {
                    m.push_str(&format!(" (was {prev})"));
                }
                row.push(self.w.cell(&m, false));
            }
            let mut update = self.w.cell_markdown(&i.update);
            if let Some(e) = &i.evidence {
                update.push_str(&self.w.cell(&format!("Evidence: {e}"), false));
            }
            row.push(update);
            rows.push(row);
        }
        let caption = format!("{}: position at {}", p.title, p.as_at_long);
        let widths: &[u32] = if since.is_some() {
            &[7, 20, 12, 12, 11, 11, 27]
        } else {
            &[7, 22, 13, 13, 12, 33]
        };
        self.w
            .table(Role::Table, Some(&caption), &header, &rows, widths);
        let header: Vec<String> = ["Owner", "Items", "Complete", "Open", "Overdue"]
            .iter()
            .map(|h| self.w.cell(h, true))
            .collect();
        let rows: Vec<Vec<String>> = p
            .owners
            .iter()
            .map(|o| {
                vec![
                    self.w.cell(&o.owner, true),
                    self.w.cell(&o.total.to_string(), false),
                    self.w.cell(&o.complete.to_string(), false),
                    self.w.cell(&o.open.to_string(), false),
                    self.w.cell(&o.overdue.to_string(), false),
                ]
            })
            .collect();
        self.w.table(
            Role::Table,
            Some("Summary by owner"),
            &header,
            &rows,
            &[40, 15, 15, 15, 15],
        );
    }
}

/// The first bookmark id of the trackers' bookmarks: the paper writes no
/// other bookmark, and a template's body is not carried over.
const PROGRESS_BOOKMARK_ID: usize = 9000;

/// The hidden bookmark (a leading `_` keeps it out of Word's list) around
/// the tracker printed for the body's `index`th `{{ progress }}` marker.
pub fn progress_bookmark(index: usize) -> String {
    match index {
        0 => "_papers_progress".to_string(),
        k => format!("_papers_progress_{}", k + 1),
    }
}
