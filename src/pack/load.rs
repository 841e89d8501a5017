//! Loading a meeting: the meeting file, its council, every report and every
//! attached document, with all the errors of all of them in one run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::check::{self, SourceKind};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::assets::Logo;
use crate::load::yaml::Pos;
use crate::load::{self, contained_path};
use crate::model::meeting::{ItemKind, Meeting};
use crate::model::{Council, Report};
use crate::pipeline::{self, LoadedReport};

use super::clear_days::Calendar;
use super::exempt::Exemption;

/// A meeting with everything it refers to, loaded and checked.
pub struct LoadedMeeting {
    pub path: PathBuf,
    pub meeting: Meeting,
    pub council: Council,
    pub council_dir: PathBuf,
    pub logo: Option<Logo>,
    /// The publication date in force (from the file, `SOURCE_DATE_EPOCH`
    /// or today).
    pub published: Date,
    /// Clear working days between publication and the meeting.
    pub clear_days: u32,
    pub items: Vec<LoadedItem>,
    pub warnings: Vec<Diagnostic>,
}

/// One agenda item, numbered.
pub struct LoadedItem {
    /// 1, 2, 3 ... in agenda order.
    pub number: usize,
    pub late: Option<String>,
    pub kind: LoadedKind,
}

pub enum LoadedKind {
    Standard {
        title: crate::model::wording::Wording,
        text: crate::model::wording::Wording,
        document: Option<Document>,
    },
    Report {
        report: Box<LoadedReport>,
        exemption: Exemption,
        appendices: Vec<Appendix>,
    },
}

impl LoadedItem {
    /// The item's title as one line ("A / B" on a bilingual council).
    pub fn title(&self) -> String {
        match &self.kind {
            LoadedKind::Standard { title, .. } => title.joined(),
            LoadedKind::Report { report, .. } => report.report.subject.clone(),
        }
    }

    pub fn report(&self) -> Option<&LoadedReport> {
        match &self.kind {
            LoadedKind::Report { report, .. } => Some(report),
            LoadedKind::Standard { .. } => None,
        }
    }

    /// Whether the whole item is exempt (kept out of every public file).
    pub fn is_exempt(&self) -> bool {
        matches!(&self.kind, LoadedKind::Report { exemption, .. } if exemption.whole)
    }
}

/// An attached file: a PDF or a Markdown document.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    Pdf { bytes: Vec<u8>, pages: usize },
    Markdown(String),
}

impl Document {
    pub fn extension(&self) -> &'static str {
        match self.content {
            Content::Pdf { .. } => "pdf",
            Content::Markdown(_) => "md",
        }
    }
}

/// A report's appendix that is a file.
#[derive(Debug, Clone)]
pub struct Appendix {
    /// N in "Appendix N".
    pub number: usize,
    pub title: String,
    pub document: Document,
    /// Named in the report's `exempt.parts`.
    pub exempt: bool,
}

/// The publication date when the meeting file gives none:
/// `SOURCE_DATE_EPOCH` (UTC) if set, else today.
pub fn default_published(epoch: Option<&str>) -> Result<Date, Diagnostic> {
    match epoch.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => text
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
            .ok_or_else(|| {
                Diagnostic::error(
                    Code::P111,
                    format!("SOURCE_DATE_EPOCH `{text}` is not a time"),
                )
                .with_hint("set it to a number of seconds since 1970-01-01 00:00 UTC, or unset it")
            }),
        None => Ok(jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC))
            .date()),
    }
}

fn at(d: Diagnostic, file: &Path, pos: Pos) -> Diagnostic {
    d.in_file(file).at(pos.line, pos.column)
}

/// Loads the meeting at `path` and everything it names. `epoch` is
/// `SOURCE_DATE_EPOCH`, read by the caller.
pub fn load_meeting(path: &Path, epoch: Option<&str>) -> Result<LoadedMeeting, Vec<Diagnostic>> {
    let source = load::read_text(path).map_err(|e| vec![e])?;
    let meeting = load::parse_with_source::<Meeting>(&source, "meeting")
        .map_err(|e| e.into_iter().map(|d| d.in_file(path)).collect::<Vec<_>>());
    let ((meeting, source), council, council_path) = load::with_council(path, meeting)?;
    let council_dir = load::folder_of(&council_path);
    // A `rules:` setting that names no rule, or a fixed one (P109), stops
    // the pack as it stops `render`.
    let mut errors: Vec<Diagnostic> = check::rules::check_settings(&council.rules)
        .into_iter()
        .map(|d| d.in_file(&council_path))
        .collect();
    // Item titles and texts given in languages that are not the council's (P128).
    for w in meeting.wordings() {
        errors.extend(
            w.check(council.languages)
                .into_iter()
                .map(|d| d.in_file(path)),
        );
    }
    let mut warnings = Vec::new();

    // The rules over the meeting's own text, as over a report's.
    let own = check::check_source(SourceKind::Meeting, &source, &council.rules)
        .into_iter()
        .map(|d| d.in_file(path))
        .collect();
    for d in check::leave_unfinished_to_p300(own, path, &source) {
        if d.is_error() {
            errors.push(d);
        } else {
            warnings.push(d);
        }
    }

    if !council.committees.is_empty() && !council.committees.contains(&meeting.committee) {
        let pos = meeting
            .positions
            .get("committee")
            .unwrap_or(Pos { line: 1, column: 1 });
        errors.push(at(
            Diagnostic::error(
                Code::P301,
                format!("`{}` is not a committee in council.yaml", meeting.committee),
            )
            .with_hint("use the committee's name as council.yaml lists it"),
            path,
            pos,
        ));
    }

    let published = match meeting.published {
        Some(d) => d,
        None => default_published(epoch).map_err(|e| vec![e])?,
    };
    let calendar = Calendar::new(council.jurisdiction, &council.pack);
    let clear_days = calendar.clear_days(published, meeting.date);
    let required = council.pack.clear_days;
    let file_pos = Pos { line: 1, column: 1 };
    let mut years = vec![published.year(), meeting.date.year()];
    years.dedup();
    for year in years {
        if !calendar.knows_year(year) && council.pack.bank_holidays.iter().all(|d| d.year() != year)
        {
            warnings.push(at(
                Diagnostic::warning(
                    Code::P402,
                    format!(
                        "no bank holidays are known for {year}: clear days are counted without them"
                    ),
                )
                .with_hint(
                    "list that year's bank holidays in council.yaml under `pack.bank_holidays`",
                ),
                path,
                meeting.positions.get("date").unwrap_or(file_pos),
            ));
        }
    }
    if clear_days < required && meeting.short_notice.is_none() {
        let latest = calendar.latest_publication(meeting.date, required);
        let where_ = meeting
            .positions
            .get("published")
            .or(meeting.positions.get("date"))
            .unwrap_or(file_pos);
        errors.push(at(
            Diagnostic::error(Code::P402, format!(
                "published {published} leaves {clear_days} clear working day{} before the meeting on {}; {required} are needed (publish by {latest})",
                if clear_days == 1 { "" } else { "s" },
                meeting.date
            ))
            .with_hint("publish earlier, or give the reason for short notice in `short_notice:`"),
            path,
            where_,
        ));
    }

    let mut seen: HashMap<PathBuf, Pos> = HashMap::new();
    // The `exclusion: Yes` items: (item number, position).
    let mut exclusions: Vec<(usize, Pos)> = Vec::new();
    let mut items = Vec::new();
    for (i, item) in meeting.items.iter().enumerate() {
        let number = i + 1;
        if let Some(added) = item.added
            && added > published
            && item.late.is_none()
        {
            errors.push(at(
                Diagnostic::error(Code::P402, format!(
                    "item {number} was added on {added}, after the pack was published on {published}: it is a late item"
                ))
                .with_hint("give the chair's reason for urgency in `late:`"),
                path,
                item.pos,
            ));
        }
        match &item.kind {
            ItemKind::Standard {
                title,
                text,
                file,
                exclusion,
            } => {
                if *exclusion {
                    exclusions.push((number, item.pos));
                }
                let document = match file {
                    None => None,
                    Some((rel, pos)) => match load_document(path, rel, &council_dir) {
                        Ok(doc) => Some(doc),
                        Err(d) => {
                            errors.push(at(d, path, *pos));
                            None
                        }
                    },
                };
                items.push(LoadedItem {
                    number,
                    late: item.late.clone(),
                    kind: LoadedKind::Standard {
                        title: title.clone(),
                        text: text.clone(),
                        document,
                    },
                });
            }
            ItemKind::Report {
                path: rel,
                path_pos,
            } => {
                let report_path = match contained_path(path, rel, &council_dir) {
                    Ok(p) => tidy_path(&p),
                    Err(msg) => {
                        errors.push(at(
                            Diagnostic::error(Code::P108, msg).with_hint(
                                "keep reports inside the folder that holds council.yaml",
                            ),
                            path,
                            *path_pos,
                        ));
                        continue;
                    }
                };
                if !report_path.is_file() {
                    errors.push(at(
                        Diagnostic::error(Code::P108, format!("report `{rel}` not found"))
                            .with_hint("report paths are relative to the meeting file"),
                        path,
                        *path_pos,
                    ));
                    continue;
                }
                let key = report_path.canonicalize().unwrap_or(report_path.clone());
                if let Some(first) = seen.get(&key) {
                    errors.push(at(
                        Diagnostic::error(
                            Code::P404,
                            format!(
                                "report `{rel}` is on the agenda twice (first at line {})",
                                first.line
                            ),
                        )
                        .with_hint("remove one of the two items"),
                        path,
                        *path_pos,
                    ));
                    continue;
                }
                seen.insert(key, *path_pos);
                let loaded = match pipeline::load_report(&report_path) {
                    Ok(l) => l,
                    Err(e) => {
                        errors.extend(e);
                        continue;
                    }
                };
                warnings.extend(loaded.findings.iter().cloned());
                errors.extend(mismatches(&meeting, path, *path_pos, &loaded));
                let (exemption, appendices) = match load_appendices(&loaded, &council_dir) {
                    Ok(x) => x,
                    Err(e) => {
                        errors.extend(e);
                        continue;
                    }
                };
                items.push(LoadedItem {
                    number,
                    late: item.late.clone(),
                    kind: LoadedKind::Report {
                        report: Box::new(loaded),
                        exemption,
                        appendices,
                    },
                });
            }
        }
    }

    if errors.is_empty() {
        let law = council.jurisdiction.law();
        errors.extend(
            write_exclusions(&mut items, &exclusions, law)
                .into_iter()
                .map(|(d, pos)| at(d, path, pos)),
        );
    }

    // Every report read the same council.yaml, and with it the logo.
    let logo = items
        .iter()
        .find_map(|i| i.report())
        .and_then(|r| r.logo.clone());
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(LoadedMeeting {
        path: path.to_path_buf(),
        meeting,
        council,
        council_dir,
        logo,
        published,
        clear_days,
        items,
        warnings,
    })
}

/// Writes the resolution of each `exclusion: Yes` item: the law's section
/// and the paragraphs of the exempt items after it (up to the next
/// exclusion item), before any text the meeting gives. An exclusion with
/// no exempt item after it, or a wholly exempt item before the first
/// exclusion, is an error (P403) at the item.
fn write_exclusions(
    items: &mut [LoadedItem],
    exclusions: &[(usize, Pos)],
    law: &crate::law::Law,
) -> Vec<(Diagnostic, Pos)> {
    let mut errors = Vec::new();
    let Some(&(first, _)) = exclusions.first() else {
        return errors;
    };
    for item in items.iter().filter(|i| i.number < first && i.is_exempt()) {
        errors.push((
            Diagnostic::error(Code::P403, format!(
                "item {} is exempt, but comes before the exclusion of the public (item {first})",
                item.number
            ))
            .with_hint("move the `exclusion: Yes` item before every exempt item"),
            exclusions[0].1,
        ));
    }
    for (k, &(number, pos)) in exclusions.iter().enumerate() {
        let end = exclusions.get(k + 1).map_or(usize::MAX, |e| e.0);
        let mut numbers = Vec::new();
        let mut paragraphs = Vec::new();
        for item in items.iter().filter(|i| i.number > number && i.number < end) {
            if let LoadedKind::Report { exemption, .. } = &item.kind
                && exemption.is_exempt()
            {
                numbers.push(item.number);
                paragraphs.extend(exemption.paragraphs.iter().cloned());
            }
        }
        if numbers.is_empty() {
            errors.push((
                Diagnostic::error(
                    Code::P403,
                    format!("item {number} excludes the public, but no exempt item follows it"),
                )
                .with_hint("place `exclusion: Yes` just before the exempt items, or remove it"),
                pos,
            ));
            continue;
        }
        paragraphs.sort_unstable();
        paragraphs.dedup();
        let resolution = law.exclusion_resolution(&numbers, &paragraphs);
        if let Some(LoadedItem {
            kind: LoadedKind::Standard { text, .. },
            ..
        }) = items.iter_mut().find(|i| i.number == number)
        {
            // The law's resolution is in English: it goes before the
            // English text, and the council's second language follows.
            text.text = if text.text.trim().is_empty() {
                resolution
            } else {
                format!("{resolution}\n\n{}", text.text)
            };
        }
    }
    errors
}

/// A report for another committee or another date, naming both.
fn mismatches(meeting: &Meeting, path: &Path, pos: Pos, loaded: &LoadedReport) -> Vec<Diagnostic> {
    let r: &Report = &loaded.report;
    let mismatch = |message: String, at: Option<Pos>, fix: &str| {
        let d = Diagnostic::error(Code::P401, message).in_file(&loaded.path);
        let d = match at {
            Some(p) => d.at(p.line, p.column),
            None => d,
        };
        d.with_hint(format!(
            "fix {fix} here, or the item at {}:{}:{}",
            path.display(),
            pos.line,
            pos.column
        ))
    };
    let mut out = Vec::new();
    if r.committee != meeting.committee {
        out.push(mismatch(
            format!(
                "the report is for `{}`, but the meeting ({}) is of `{}`",
                r.committee,
                path.display(),
                meeting.committee
            ),
            r.positions.get("committee"),
            "the committee",
        ));
    }
    if r.meeting_date != meeting.date {
        out.push(mismatch(
            format!(
                "the report's meeting date is {}, but the meeting ({}) is on {}",
                r.meeting_date,
                path.display(),
                meeting.date
            ),
            r.positions.get("meeting_date"),
            "`meeting_date`",
        ));
    }
    out
}

/// The report's file appendices, read and checked, and which parts are
/// exempt.
fn load_appendices(
    loaded: &LoadedReport,
    council_dir: &Path,
) -> Result<(Exemption, Vec<Appendix>), Vec<Diagnostic>> {
    let report = &loaded.report;
    let mut errors = Vec::new();
    let exemption = match Exemption::of(report) {
        Ok(e) => e,
        Err(d) => {
            let d = match report.positions.get("exempt") {
                Some(p) => d.in_file(&loaded.path).at(p.line, p.column),
                None => d.in_file(&loaded.path),
            };
            return Err(vec![d]);
        }
    };
    let mut appendices = Vec::new();
    for a in &report.attachments {
        match load_document(&loaded.path, &a.file, council_dir) {
            Ok(document) => appendices.push(Appendix {
                number: a.number,
                title: a.title.clone(),
                document,
                exempt: exemption.appendix_exempt(a.number),
            }),
            Err(d) => errors.push(at(d, &loaded.path, a.pos)),
        }
    }
    if errors.is_empty() {
        Ok((exemption, appendices))
    } else {
        Err(errors)
    }
}

/// Reads an attached document: a PDF (checked to be one) or Markdown.
fn load_document(from: &Path, rel: &str, council_dir: &Path) -> Result<Document, Diagnostic> {
    let path = contained_path(from, rel, council_dir).map_err(|msg| {
        Diagnostic::error(Code::P108, msg)
            .with_hint("keep attached files inside the folder that holds council.yaml")
    })?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "pdf" | "md" | "markdown") {
        return Err(Diagnostic::error(
            Code::P108,
            format!("`{rel}` is not a PDF or Markdown file"),
        )
        .with_hint("attach a .pdf or a .md file (convert other documents to PDF first)"));
    }
    let bytes = std::fs::read(&path).map_err(|e| {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "not found".to_string(),
            _ => e.to_string(),
        };
        Diagnostic::error(Code::P108, format!("`{rel}`: {what}"))
            .with_hint("attached file paths are relative to the file that names them")
    })?;
    let content = if ext == "pdf" {
        let pages = pdf_pages(&bytes).map_err(|why| {
            Diagnostic::error(Code::P108, format!("`{rel}` is not a readable PDF: {why}"))
                .with_hint("export the document to PDF again, or attach it as Markdown")
        })?;
        Content::Pdf { bytes, pages }
    } else {
        let text = String::from_utf8(bytes).map_err(|_| {
            Diagnostic::error(Code::P108, format!("`{rel}` is not UTF-8 text"))
                .with_hint("save it as UTF-8")
        })?;
        Content::Markdown(text)
    };
    Ok(Document { path, content })
}

/// The number of pages of a PDF, or why it cannot be read.
pub fn pdf_pages(bytes: &[u8]) -> Result<usize, String> {
    if !bytes.starts_with(b"%PDF-") {
        return Err("it does not start with %PDF-".into());
    }
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let pages = doc.get_pages().len();
    if pages == 0 {
        return Err("it has no pages".into());
    }
    Ok(pages)
}

/// `reports/meetings/../r.yaml` as `reports/r.yaml`, for messages (the
/// containment check has already run on the canonical path).
fn tidy_path(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_defaults_to_source_date_epoch() {
        // 1667779200 is 2022-11-07 00:00 UTC.
        assert_eq!(
            default_published(Some("1667779200")).unwrap(),
            jiff::civil::date(2022, 11, 7)
        );
        assert!(
            default_published(Some("last week"))
                .unwrap_err()
                .message
                .contains("SOURCE_DATE_EPOCH")
        );
        // Without it, today (whatever that is, it is a date this century).
        assert!(default_published(None).unwrap().year() >= 2024);
    }

    #[test]
    fn paths_in_messages_lose_their_dot_dots() {
        assert_eq!(
            tidy_path(Path::new("reports/meetings/../r.yaml")),
            PathBuf::from("reports/r.yaml")
        );
        assert_eq!(
            tidy_path(Path::new("../a/./b.yaml")),
            PathBuf::from("../a/b.yaml")
        );
    }
}
