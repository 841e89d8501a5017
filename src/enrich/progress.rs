//! Progress trackers, enriched: totals by status, percentage complete,
//! overdue and due-soon items, movement since the last period, and a
//! summary per owner. Pure: the same trackers always give the same view.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use crate::model::progress::{Status, Tracker, TrackerItem};

/// How many days ahead "due soon" looks.
pub const DUE_SOON_DAYS: i32 = 30;

#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub title: String,
    pub as_at: String,
    pub as_at_long: String,
    pub previous_as_at_long: Option<String>,
    pub total: usize,
    pub complete: usize,
    pub complete_percent: u32,
    /// One entry per status, in display order, zero counts included.
    pub totals: Vec<StatusTotal>,
    /// The totals in one sentence, for text formats and alt text.
    pub summary: String,
    pub items: Vec<ProgressItem>,
    pub overdue: Vec<String>,
    pub due_soon: Vec<String>,
    /// Refs in the previous period's tracker that are gone from this one.
    pub removed: Vec<String>,
    pub movement: MovementTotals,
    pub owners: Vec<OwnerSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusTotal {
    pub status: &'static str,
    pub key: &'static str,
    pub count: usize,
    /// Share of all items, 0 to 100, for bar lengths.
    pub percent: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressItem {
    pub reference: String,
    pub action: String,
    pub owner: String,
    pub due: String,
    pub due_long: String,
    pub status: &'static str,
    pub status_key: &'static str,
    /// "Green", "Amber" or "Red" where the status has a RAG colour.
    pub rag: Option<&'static str>,
    pub overdue: bool,
    pub due_soon: bool,
    /// "Improved", "Declined", "Unchanged" or "New"; none without a
    /// previous period.
    pub movement: Option<&'static str>,
    pub previous_status: Option<&'static str>,
    /// Overdue, due soon and declined, in words, for every format.
    pub flags: Vec<&'static str>,
    pub update: String,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct MovementTotals {
    pub improved: usize,
    pub declined: usize,
    pub unchanged: usize,
    pub new: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OwnerSummary {
    pub owner: String,
    pub total: usize,
    pub complete: usize,
    pub open: usize,
    pub overdue: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    Improved,
    Declined,
    Unchanged,
    New,
}

impl Movement {
    pub fn label(self) -> &'static str {
        match self {
            Movement::Improved => "Improved",
            Movement::Declined => "Declined",
            Movement::Unchanged => "Unchanged",
            Movement::New => "New",
        }
    }
}

/// Due before `as_at` and not complete. Due on `as_at` is not yet overdue.
pub fn is_overdue(item: &TrackerItem, as_at: Date) -> bool {
    item.status != Status::Complete && item.due < as_at
}

/// Not complete and due after `as_at` but within [`DUE_SOON_DAYS`].
pub fn is_due_soon(item: &TrackerItem, as_at: Date) -> bool {
    let horizon = as_at.saturating_add(DUE_SOON_DAYS.days());
    item.status != Status::Complete && item.due >= as_at && item.due <= horizon
}

pub fn movement(item: &TrackerItem, previous: Option<&Tracker>) -> Option<Movement> {
    let previous = previous?;
    Some(
        match previous
            .items
            .iter()
            .find(|p| p.reference == item.reference)
        {
            None => Movement::New,
            Some(p) if item.status > p.status => Movement::Improved,
            Some(p) if item.status < p.status => Movement::Declined,
            Some(_) => Movement::Unchanged,
        },
    )
}

fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        0
    } else {
        ((part as f64 * 100.0) / whole as f64).round() as u32
    }
}

fn day_month_year(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

pub fn summarise(tracker: &Tracker, previous: Option<&Tracker>) -> Progress {
    let as_at = tracker.as_at;
    let total = tracker.items.len();
    let count = |s: Status| tracker.items.iter().filter(|i| i.status == s).count();
    let totals: Vec<StatusTotal> = Status::ALL
        .iter()
        .map(|&s| StatusTotal {
            status: s.label(),
            key: s.key(),
            count: count(s),
            percent: percent(count(s), total),
        })
        .collect();
    let complete = count(Status::Complete);

    let mut moves = MovementTotals::default();
    let items: Vec<ProgressItem> = tracker
        .items
        .iter()
        .map(|item| {
            let overdue = is_overdue(item, as_at);
            let due_soon = is_due_soon(item, as_at);
            let mv = movement(item, previous);
            match mv {
                Some(Movement::Improved) => moves.improved += 1,
                Some(Movement::Declined) => moves.declined += 1,
                Some(Movement::Unchanged) => moves.unchanged += 1,
                Some(Movement::New) => moves.new += 1,
                None => {}
            }
            let previous_status = previous
                .and_then(|p| p.items.iter().find(|p| p.reference == item.reference))
                .map(|p| p.status.label());
            let mut flags = Vec::new();
            if overdue {
                flags.push("Overdue");
            }
            if due_soon {
                flags.push("Due within 30 days");
            }
            if mv == Some(Movement::Declined) {
                flags.push("Declined");
            }
            ProgressItem {
                reference: item.reference.clone(),
                action: item.action.clone(),
                owner: item.owner.clone(),
                due: item.due.to_string(),
                due_long: day_month_year(item.due),
                status: item.status.label(),
                status_key: item.status.key(),
                rag: item.status.rag(),
                overdue,
                due_soon,
                movement: mv.map(Movement::label),
                previous_status,
                flags,
                update: item.update.clone(),
                evidence: item.evidence.clone(),
            }
        })
        .collect();

    let refs_where = |pred: fn(&ProgressItem) -> bool| -> Vec<String> {
        items
            .iter()
            .filter(|i| pred(i))
            .map(|i| i.reference.clone())
            .collect()
    };
    let overdue = refs_where(|i| i.overdue);
    let due_soon = refs_where(|i| i.due_soon);
    let removed: Vec<String> = previous
        .map(|p| {
            p.items
                .iter()
                .filter(|pi| !tracker.items.iter().any(|i| i.reference == pi.reference))
                .map(|pi| pi.reference.clone())
                .collect()
        })
        .unwrap_or_default();

    let mut owners: Vec<OwnerSummary> = Vec::new();
    for (item, view) in tracker.items.iter().zip(&items) {
        let entry = match owners.iter_mut().find(|o| o.owner == item.owner) {
            Some(e) => e,
            None => {
                owners.push(OwnerSummary {
                    owner: item.owner.clone(),
                    total: 0,
                    complete: 0,
                    open: 0,
                    overdue: 0,
                });
                owners.last_mut().expect("just pushed")
            }
        };
        entry.total += 1;
        if item.status == Status::Complete {
            entry.complete += 1;
        } else {
            entry.open += 1;
        }
        if view.overdue {
            entry.overdue += 1;
        }
    }

    let summary = summary_sentence(
        total,
        complete,
        &totals,
        overdue.len(),
        due_soon.len(),
        previous.map(|p| (p.as_at, &moves)),
        &removed,
    );

    Progress {
        title: tracker.title.clone(),
        as_at: as_at.to_string(),
        as_at_long: day_month_year(as_at),
        previous_as_at_long: previous.map(|p| day_month_year(p.as_at)),
        total,
        complete,
        complete_percent: percent(complete, total),
        totals,
        summary,
        items,
        overdue,
        due_soon,
        removed,
        movement: moves,
        owners,
    }
}

fn summary_sentence(
    total: usize,
    complete: usize,
    totals: &[StatusTotal],
    overdue: usize,
    due_soon: usize,
    previous: Option<(Date, &MovementTotals)>,
    removed: &[String],
) -> String {
    let items = if total == 1 { "item" } else { "items" };
    let mut parts: Vec<String> = totals
        .iter()
        .filter(|t| t.count > 0)
        .map(|t| {
            if t.key == "complete" {
                format!("{} complete ({}%)", t.count, percent(complete, total))
            } else {
                format!("{} {}", t.count, t.status.to_lowercase())
            }
        })
        .collect();
    let list = match parts.len() {
        0 => "none recorded".to_string(),
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().expect("two or more");
            format!("{} and {last}", parts.join(", "))
        }
    };
    let mut s = format!("{total} {items}: {list}.");
    let verb = |n: usize| if n == 1 { "is" } else { "are" };
    s.push_str(&format!(
        " {overdue} {} overdue and {due_soon} {} due within {DUE_SOON_DAYS} days.",
        verb(overdue),
        verb(due_soon)
    ));
    if let Some((date, m)) = previous {
        s.push_str(&format!(
            " Since {}: {} improved, {} declined, {} unchanged and {} new.",
            day_month_year(date),
            m.improved,
            m.declined,
            m.unchanged,
            m.new
        ));
        if !removed.is_empty() {
            s.push_str(&format!(" No longer tracked: {}.", removed.join(", ")));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::Pos;
    use jiff::civil::date;

    fn item(r: &str, due: Date, status: Status) -> TrackerItem {
        TrackerItem {
            reference: r.into(),
            action: format!("Action {r}"),
            owner: if r < "R3" { "A".into() } else { "B".into() },
            due,
            status,
            update: String::new(),
            evidence: None,
            pos: Pos { line: 1, column: 1 },
        }
    }

    fn tracker(as_at: Date, items: Vec<TrackerItem>) -> Tracker {
        Tracker {
            title: "T".into(),
            as_at,
            previous: None,
            items,
            positions: Default::default(),
        }
    }

    #[test]
    fn totals_and_percentage() {
        let t = tracker(
            date(2023, 2, 28),
            vec![
                item("R1", date(2023, 1, 1), Status::Complete),
                item("R2", date(2023, 6, 1), Status::OnTrack),
                item("R3", date(2023, 6, 1), Status::OnTrack),
            ],
        );
        let p = summarise(&t, None);
        assert_eq!(p.total, 3);
        assert_eq!(p.complete_percent, 33);
        let on_track = p.totals.iter().find(|t| t.key == "on-track").unwrap();
        assert_eq!(on_track.count, 2);
        assert_eq!(p.totals.iter().map(|t| t.count).sum::<usize>(), 3);
        assert!(
            p.summary
                .starts_with("3 items: 1 complete (33%) and 2 on track."),
            "{}",
            p.summary
        );
        assert!(
            p.items.iter().all(|i| i.movement.is_none()),
            "no previous period"
        );
    }

    #[test]
    fn due_on_as_at_is_not_overdue_but_the_day_before_is() {
        let as_at = date(2023, 2, 28);
        assert!(!is_overdue(&item("R1", as_at, Status::AtRisk), as_at));
        assert!(is_overdue(
            &item("R1", date(2023, 2, 27), Status::AtRisk),
            as_at
        ));
        assert!(!is_overdue(
            &item("R1", date(2023, 2, 27), Status::Complete),
            as_at
        ));
        assert!(is_due_soon(&item("R1", as_at, Status::OnTrack), as_at));
        assert!(is_due_soon(
            &item("R1", date(2023, 3, 30), Status::OnTrack),
            as_at
        ));
        assert!(!is_due_soon(
            &item("R1", date(2023, 3, 31), Status::OnTrack),
            as_at
        ));
        assert!(!is_due_soon(
            &item("R1", date(2023, 3, 1), Status::Complete),
            as_at
        ));
    }

    #[test]
    fn movement_against_the_previous_period() {
        let prev = tracker(
            date(2022, 12, 31),
            vec![
                item("R1", date(2023, 6, 1), Status::AtRisk),
                item("R2", date(2023, 6, 1), Status::OnTrack),
                item("R3", date(2023, 6, 1), Status::OnTrack),
                item("R9", date(2023, 6, 1), Status::OnTrack),
            ],
        );
        let cur = tracker(
            date(2023, 2, 28),
            vec![
                item("R1", date(2023, 6, 1), Status::OnTrack),
                item("R2", date(2023, 6, 1), Status::AtRisk),
                item("R3", date(2023, 6, 1), Status::OnTrack),
                item("R4", date(2023, 6, 1), Status::NotStarted),
            ],
        );
        let p = summarise(&cur, Some(&prev));
        let moves: Vec<_> = p.items.iter().map(|i| i.movement.unwrap()).collect();
        assert_eq!(moves, ["Improved", "Declined", "Unchanged", "New"]);
        assert_eq!(
            p.movement,
            MovementTotals {
                improved: 1,
                declined: 1,
                unchanged: 1,
                new: 1
            }
        );
        assert_eq!(p.removed, ["R9"]);
        assert!(p.items[1].flags.contains(&"Declined"));
        assert!(
            p.summary
                .contains("Since 31 December 2022: 1 improved, 1 declined, 1 unchanged and 1 new."),
            "{}",
            p.summary
        );
        assert!(p.summary.contains("No longer tracked: R9."));
    }

    #[test]
    fn owners_are_summarised_in_first_seen_order() {
        let t = tracker(
            date(2023, 2, 28),
            vec![
                item("R1", date(2023, 1, 1), Status::OffTrack),
                item("R2", date(2023, 6, 1), Status::Complete),
                item("R3", date(2023, 6, 1), Status::OnTrack),
            ],
        );
        let p = summarise(&t, None);
        assert_eq!(
            p.owners,
            vec![
                OwnerSummary {
                    owner: "A".into(),
                    total: 2,
                    complete: 1,
                    open: 1,
                    overdue: 1
                },
                OwnerSummary {
                    owner: "B".into(),
                    total: 1,
                    complete: 0,
                    open: 1,
                    overdue: 0
                },
            ]
        );
        assert_eq!(p.overdue, ["R1"]);
        assert!(p.items[0].flags.contains(&"Overdue"));
    }

    #[test]
    fn an_empty_tracker_does_not_divide_by_zero() {
        let p = summarise(&tracker(date(2023, 2, 28), vec![]), None);
        assert_eq!(p.complete_percent, 0);
        assert!(p.summary.starts_with("0 items: none recorded."));
    }
}
