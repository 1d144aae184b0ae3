//! The report's charts, as inline SVG built with the same templates as the page.

use maud::{Markup, html};

use crate::export::report::{AgendaDay, CityProfile, ExerciseResult, ModuleFeedback, Report};
use crate::text::truncate;

/// Label widths are counted in characters: SVG cannot cut text to fit by itself.
const LABEL_CHARS: usize = 38;

fn n(x: f64) -> String {
    format!("{x:.1}")
}

/// Fill and text colour for a level on a scale of `top`.
fn level_colours(level: Option<u8>, top: u8) -> (&'static str, &'static str) {
    const RAMP: [&str; 5] = ["#deebf7", "#b6d3ea", "#84b6dc", "#4f90c6", "#2163a8"];
    match level {
        None => ("#ffffff", "#5b6475"),
        Some(0) => ("#ececec", "#5b6475"),
        Some(l) => {
            let top = usize::from(top.max(1));
            let index = ((usize::from(l) * RAMP.len()).div_ceil(top)).clamp(1, RAMP.len()) - 1;
            (RAMP[index], if index >= 3 { "#ffffff" } else { "#1d2433" })
        }
    }
}

/// Planned against actual times of one day's items.
pub fn timeline(day: &AgendaDay) -> Markup {
    const LABEL: f64 = 270.0;
    const WIDTH: f64 = 760.0;
    const ROW: f64 = 18.0;
    let actual_span = |row: &crate::export::report::AgendaRow| {
        row.actual.map(|(start, end)| {
            let minutes = u32::try_from(row.actual_minutes.unwrap_or(0).max(0)).unwrap_or(0);
            let end = end.filter(|e| *e >= start).unwrap_or(start + minutes);
            (start, end.min(24 * 60))
        })
    };
    let starts = day
        .items
        .iter()
        .map(|r| r.planned.0)
        .chain(day.items.iter().filter_map(|r| actual_span(r).map(|s| s.0)));
    let ends = day
        .items
        .iter()
        .map(|r| r.planned.1)
        .chain(day.items.iter().filter_map(|r| actual_span(r).map(|s| s.1)));
    let first = starts.min().unwrap_or(9 * 60) / 60 * 60;
    let last = ends.max().unwrap_or(17 * 60).div_ceil(60) * 60;
    let span = f64::from((last - first).max(60));
    let x = |minutes: u32| {
        LABEL + (WIDTH - LABEL - 24.0) * f64::from(minutes.saturating_sub(first)) / span
    };
    let rows = u32::try_from(day.items.len()).unwrap_or(0);
    let height = 24.0 + ROW * f64::from(rows);
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}"))
            role="img" aria-label=(format!("Timeline of {}: planned and actual times", day.heading)) {
            @for hour in (first / 60)..=(last / 60) {
                line x1=(n(x(hour * 60))) x2=(n(x(hour * 60))) y1="14" y2=(n(height)) stroke="#d7dce4" {}
                text x=(n(x(hour * 60))) y="10" font-size="10" text-anchor="middle" fill="#5b6475" {
                    (format!("{hour:02}:00"))
                }
            }
            @for (i, row) in day.items.iter().enumerate() {
                @let y = 18.0 + ROW * f64::from(u32::try_from(i).unwrap_or(0));
                text x="0" y=(n(y + 11.0)) font-size="11" fill="#1d2433" { (truncate(&row.title, LABEL_CHARS)) }
                rect x=(n(x(row.planned.0))) y=(n(y + 2.0)) width=(n((x(row.planned.1) - x(row.planned.0)).max(1.0)))
                    height="6" fill="#c9d4e5" { title { "planned " (row.planned_text()) } }
                @if let Some((start, end)) = actual_span(row) {
                    rect x=(n(x(start))) y=(n(y + 9.0)) width=(n((x(end) - x(start)).max(1.5)))
                        height="6" fill="#2f5d9c" { title { "actual " (row.actual_text()) } }
                }
            }
        }
    }
}

/// Each day's marks as one stacked bar.
pub fn attendance(days: &[AgendaDay]) -> Markup {
    const LABEL: f64 = 70.0;
    const WIDTH: f64 = 760.0;
    let kinds: [(&str, &str); 6] = [
        ("present", "#2f7d5c"),
        ("late", "#8cc084"),
        ("left early", "#e3c33b"),
        ("excused", "#e39b3b"),
        ("absent", "#b5472f"),
        ("not marked", "#e5e7eb"),
    ];
    let height = 30.0 + 22.0 * f64::from(u32::try_from(days.len()).unwrap_or(0));
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}"))
            role="img" aria-label="Attendance per day" {
            @for (k, (kind, colour)) in kinds.iter().enumerate() {
                @let lx = LABEL + 110.0 * f64::from(u32::try_from(k).unwrap_or(0));
                rect x=(n(lx)) y="2" width="10" height="10" fill=(colour) {}
                text x=(n(lx + 14.0)) y="11" font-size="11" fill="#1d2433" { (kind) }
            }
            @for (i, day) in days.iter().enumerate() {
                @let t = day.totals;
                @let counts = [t.present, t.late, t.left_early, t.excused, t.absent, t.unmarked];
                @let total = counts.iter().sum::<usize>().max(1);
                @let y = 24.0 + 22.0 * f64::from(u32::try_from(i).unwrap_or(0));
                text x="0" y=(n(y + 12.0)) font-size="11" fill="#1d2433" { "Day " (i + 1) }
                @for (left, w, count, kind, colour) in segments(&counts, total, &kinds, LABEL, WIDTH - LABEL - 10.0) {
                    rect x=(n(left)) y=(n(y)) width=(n(w)) height="16" fill=(colour) {
                        title { (count) " " (kind) }
                    }
                    @if w > 18.0 {
                        text x=(n(left + w / 2.0)) y=(n(y + 12.0)) font-size="10" text-anchor="middle"
                            fill=(if matches!(kind, "not marked" | "left early") { "#1d2433" } else { "#ffffff" }) { (count) }
                    }
                }
            }
        }
    }
}

/// The stretches of a stacked bar: start, width, count, kind and colour of each non-empty part.
fn segments<'a>(
    counts: &[usize],
    total: usize,
    kinds: &[(&'a str, &'a str)],
    start: f64,
    width: f64,
) -> Vec<(f64, f64, usize, &'a str, &'a str)> {
    let mut left = start;
    let mut parts = Vec::new();
    for (count, (kind, colour)) in counts.iter().zip(kinds) {
        let w = width * f64::from(u32::try_from(*count).unwrap_or(0))
            / f64::from(u32::try_from(total.max(1)).unwrap_or(1));
        if *count > 0 {
            parts.push((left, w, *count, *kind, *colour));
        }
        left += w;
    }
    parts
}

/// Cities by criteria, coloured by each city's own level.
pub fn heat_map(report: &Report) -> Markup {
    const LABEL: f64 = 130.0;
    const HEAD: f64 = 86.0;
    const CELL_W: f64 = 68.0;
    const CELL_H: f64 = 38.0;
    let columns = f64::from(u32::try_from(report.criteria.len()).unwrap_or(0));
    let rows = f64::from(u32::try_from(report.comparison.len()).unwrap_or(0));
    let (width, height) = (LABEL + CELL_W * columns + 4.0, HEAD + CELL_H * rows + 4.0);
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {width} {height}"))
            role="img" aria-label="Heat map of self-assessed levels by city and criterion" {
            @for (j, (id, title)) in report.criteria.iter().enumerate() {
                @let cx = LABEL + CELL_W * f64::from(u32::try_from(j).unwrap_or(0)) + CELL_W / 2.0;
                text transform=(format!("translate({} {}) rotate(-35)", n(cx), n(HEAD - 6.0)))
                    font-size="11" fill="#1d2433" { title { (title) } (id) }
            }
            @for (i, city) in report.comparison.iter().enumerate() {
                @let y = HEAD + CELL_H * f64::from(u32::try_from(i).unwrap_or(0));
                text x="0" y=(n(y + CELL_H / 2.0 + 4.0)) font-size="12" fill="#1d2433" { (truncate(&city.city, 18)) }
                @for j in 0..report.criteria.len() {
                    @let x = LABEL + CELL_W * f64::from(u32::try_from(j).unwrap_or(0));
                    @let own = city.own.get(j).copied().flatten();
                    @let (fill, ink) = level_colours(own, report.top_level);
                    rect x=(n(x)) y=(n(y)) width=(n(CELL_W - 2.0)) height=(n(CELL_H - 2.0)) fill=(fill) stroke="#d7dce4" {
                        title { (city.city) ", " (report.criteria[j].1) }
                    }
                    @let peers = city.peers.get(j).copied().flatten();
                    text x=(n(x + CELL_W / 2.0 - 1.0)) y=(n(y + if peers.is_some() { 16.0 } else { 23.0 })) font-size="14" font-weight="600"
                        text-anchor="middle" fill=(ink) {
                        (own.map_or("–".to_owned(), |l| if l == 0 { "?".to_owned() } else { l.to_string() }))
                    }
                    @if let Some(peers) = peers {
                        @let gap = city.gaps.get(j).copied().flatten();
                        text x=(n(x + CELL_W / 2.0 - 1.0)) y=(n(y + 30.0)) font-size="10" text-anchor="middle" fill=(ink) {
                            (format!("{peers:.1}"))
                            @if let Some(gap) = gap { " (" (format!("{gap:+.1}")) ")" @if gap >= 1.0 { " ▲" } }
                        }
                    }
                }
            }
        }
    }
}

/// One city's own level against its peers' mean on every criterion.
pub fn profile(report: &Report, city: &CityProfile) -> Markup {
    const LABEL: f64 = 92.0;
    const WIDTH: f64 = 260.0;
    const ROW: f64 = 18.0;
    let top = f64::from(report.top_level.max(1));
    let bar = |v: f64| (WIDTH - LABEL - 6.0) * v / top;
    let height = 16.0 + ROW * f64::from(u32::try_from(report.criteria.len()).unwrap_or(0));
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}"))
            role="img" aria-label=(format!("{}: own level and peers' mean per criterion", city.city)) {
            @for level in 0..=report.top_level {
                @let x = LABEL + bar(f64::from(level));
                line x1=(n(x)) x2=(n(x)) y1="10" y2=(n(height)) stroke="#e5e7eb" {}
                text x=(n(x)) y="8" font-size="8" text-anchor="middle" fill="#5b6475" { (level) }
            }
            @for (j, (id, _)) in report.criteria.iter().enumerate() {
                @let y = 12.0 + ROW * f64::from(u32::try_from(j).unwrap_or(0));
                text x="0" y=(n(y + 11.0)) font-size="10" fill="#1d2433" { (truncate(id, 15)) }
                @if let Some(own) = city.own.get(j).copied().flatten().filter(|l| *l > 0) {
                    rect x=(n(LABEL)) y=(n(y + 2.0)) width=(n(bar(f64::from(own)))) height="6" fill="#2f5d9c" {
                        title { "own " (own) }
                    }
                }
                @if let Some(peers) = city.peers.get(j).copied().flatten() {
                    rect x=(n(LABEL)) y=(n(y + 9.0)) width=(n(bar(peers))) height="6" fill="#e39b3b" {
                        title { "peers " (format!("{peers:.1}")) }
                    }
                }
            }
        }
    }
}

/// Each group's total out of the rubric's maximum.
pub fn scores(exercise: &ExerciseResult) -> Markup {
    const LABEL: f64 = 150.0;
    const WIDTH: f64 = 760.0;
    let out_of = f64::from(exercise.out_of.max(1));
    let height = 8.0 + 22.0 * f64::from(u32::try_from(exercise.standings.len()).unwrap_or(0));
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}"))
            role="img" aria-label=(format!("Scores of {}", exercise.title)) {
            @for (i, group) in exercise.standings.iter().enumerate() {
                @let y = 4.0 + 22.0 * f64::from(u32::try_from(i).unwrap_or(0));
                @let w = (WIDTH - LABEL - 60.0) * f64::from(group.total) / out_of;
                text x="0" y=(n(y + 12.0)) font-size="11" fill="#1d2433" { (group.rank) " " (truncate(&group.group, 20)) }
                rect x=(n(LABEL)) y=(n(y)) width=(n(WIDTH - LABEL - 60.0)) height="16" fill="#eef1f5" {}
                rect x=(n(LABEL)) y=(n(y)) width=(n(w)) height="16" fill="#2f5d9c" {}
                text x=(n(LABEL + w + 6.0)) y=(n(y + 12.0)) font-size="11" fill="#1d2433" {
                    (group.total) " / " (exercise.out_of)
                }
            }
        }
    }
}

/// Mean usefulness and interest per module, on the 1 to 5 scale.
pub fn feedback(modules: &[ModuleFeedback]) -> Markup {
    const LABEL: f64 = 300.0;
    const WIDTH: f64 = 760.0;
    const ROW: f64 = 22.0;
    let bar = |v: f64| (WIDTH - LABEL - 50.0) * v / 5.0;
    let height = 18.0 + ROW * f64::from(u32::try_from(modules.len()).unwrap_or(0));
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}"))
            role="img" aria-label="Feedback per module" {
            @for v in 0..=5u8 {
                @let x = LABEL + bar(f64::from(v));
                line x1=(n(x)) x2=(n(x)) y1="12" y2=(n(height)) stroke="#e5e7eb" {}
                text x=(n(x)) y="10" font-size="9" text-anchor="middle" fill="#5b6475" { (v) }
            }
            @for (i, module) in modules.iter().enumerate() {
                @let y = 14.0 + ROW * f64::from(u32::try_from(i).unwrap_or(0));
                text x="0" y=(n(y + 12.0)) font-size="11" fill="#1d2433" { (truncate(&module.module, 48)) }
                @for (k, (answer, colour)) in [(module.usefulness, "#2f7d5c"), (module.interest, "#8a63b8")].into_iter().enumerate() {
                    @if let Some((mean, count)) = answer {
                        @let by = y + 2.0 + 8.0 * f64::from(u32::try_from(k).unwrap_or(0));
                        rect x=(n(LABEL)) y=(n(by)) width=(n(bar(mean))) height="7" fill=(colour) {
                            title { (format!("{mean:.1}")) " (n=" (count) ")" }
                        }
                        text x=(n(LABEL + bar(mean) + 4.0)) y=(n(by + 7.0)) font-size="9" fill="#1d2433" { (format!("{mean:.1}")) }
                    }
                }
            }
        }
    }
}
