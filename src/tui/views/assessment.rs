//! The self-assessment view and its peer mode: cities on the left, the framework's criteria
//! on the right with each level's label, and the selected criterion's descriptor and evidence.

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::event::Flag;
use crate::plan::AssessmentFramework;
use crate::state::State;
use crate::text::{fit, truncate, width};
use crate::tui::theme::THEME;
use crate::tui::ui::Ui;

/// What the CityShare views (assessment, comparison, plans) keep between frames: the same
/// city and criterion stay selected as the facilitator moves between them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CityShareView {
    /// The city selected (index into the cities).
    pub city: usize,
    /// The criterion selected (index into the framework's criteria).
    pub criterion: usize,
    /// In peer mode, the city giving the ratings; `None` for self-assessment.
    pub rater: Option<String>,
}

mod actions;

pub use actions::command_for;

impl CityShareView {
    /// The city selected.
    pub fn city(&self, state: &State) -> Option<String> {
        let cities = state.cities();
        cities
            .get(self.city.min(cities.len().saturating_sub(1)))
            .cloned()
    }
}

/// The style for a level on a scale whose top is `top` (colour with the number, never alone).
pub fn level_style(level: f64, top: u8) -> Style {
    let top = f64::from(top.max(2));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=4 by construction
    let step = (((level - 1.0) / (top - 1.0)).clamp(0.0, 1.0) * 4.0).round() as usize;
    THEME.levels[step]
}

/// A level as "3 Partial", "0 Unknown / not applicable" or "–" when missing.
pub fn level_words(framework: &AssessmentFramework, level: Option<u8>) -> String {
    match level {
        None => "–".to_owned(),
        Some(0) => format!("0 {}", framework.scale.unknown.label),
        Some(v) => framework
            .scale
            .levels
            .iter()
            .find(|l| l.value == v)
            .map_or(v.to_string(), |l| format!("{v} {}", l.label)),
    }
}

/// Draws the assessment view into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    let Some(city) = ui.cityshare.city(state) else {
        frame.render_widget(Paragraph::new(" No cities on the roster yet."), area);
        return;
    };
    let criteria = state.plan().framework().criteria.len();
    frame.render_widget(
        Paragraph::new(banner(state, ui, &city, usize::from(area.width))),
        Rect {
            height: 1.min(area.height),
            ..area
        },
    );
    // The cities down the left, over the whole height, scrolling; on the right the criteria
    // and their header, then the selected criterion's detail.
    let body = Rect {
        y: area.y + 1.min(area.height),
        height: area.height.saturating_sub(1),
        ..area
    };
    let longest = state.cities().iter().map(|c| width(c)).max().unwrap_or(0);
    let left_w: u16 = if area.width >= 60 {
        u16::try_from((longest + 13).clamp(20, 30)).unwrap_or(20)
    } else {
        0
    };
    if left_w > 0 {
        city_list(
            frame,
            Rect {
                width: left_w,
                ..body
            },
            state,
            ui,
        );
    }
    let right = Rect {
        x: body.x + left_w,
        width: body.width - left_w,
        ..body
    };
    let table = Rect {
        height: right
            .height
            .min(u16::try_from(criteria + 1).unwrap_or(u16::MAX)),
        ..right
    };
    criteria_table(frame, table, state, ui, &city);
    let detail = Rect {
        y: table.y + table.height,
        height: right.height.saturating_sub(table.height),
        ..right
    };
    if detail.height >= 2 {
        criterion_detail(frame, detail, state, ui, &city);
    }
}

fn banner(state: &State, ui: &Ui, city: &str, w: usize) -> Line<'static> {
    let criteria = &state.plan().framework().criteria;
    let rater = ui.cityshare.rater.as_deref();
    let given = criteria
        .iter()
        .filter(|c| state.level(rater, city, &c.id).is_some())
        .count();
    let text = match rater {
        None => format!(
            " Self-assessment · {city} · {given} of {} criteria",
            criteria.len()
        ),
        Some(rater) if rater == city => {
            format!(" Peer mode: {rater} rates the other cities; choose one with ← →")
        }
        Some(rater) => format!(
            " Peer mode: {rater} rates {city} · {given} of {} criteria",
            criteria.len()
        ),
    };
    Line::styled(
        truncate(&text, w),
        if rater.is_some() {
            THEME.warning
        } else {
            THEME.label
        },
    )
}

/// Every city with how many criteria it has levels for: a `Table` whose selection stays in
/// the middle of the list as it scrolls.
fn city_list(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    let cities = state.cities();
    let criteria = &state.plan().framework().criteria;
    let rater = ui.cityshare.rater.as_deref();
    let height = usize::from(area.height);
    let w = usize::from(area.width);
    let first = ui
        .cityshare
        .city
        .saturating_sub(height / 2)
        .min(cities.len().saturating_sub(height));
    let rows = cities.iter().map(|c| {
        let done = criteria
            .iter()
            .filter(|k| state.level(rater, c, &k.id).is_some())
            .count();
        let mark = if rater == Some(c.as_str()) {
            "rater"
        } else {
            ""
        };
        let text = format!(
            " {} {done:>2}/{} {mark}",
            fit(c, w.saturating_sub(13)),
            criteria.len()
        );
        Row::new([fit(&text, w)]).style(THEME.item)
    });
    let table = Table::new(rows, [Constraint::Fill(1)])
        .column_spacing(0)
        .row_highlight_style(THEME.selected);
    let mut at = TableState::new()
        .with_offset(first)
        .with_selected(Some(ui.cityshare.city));
    frame.render_stateful_widget(table, area, &mut at);
}

/// The city's level on each criterion, with its flags: a `Table` under a header row.
fn criteria_table(frame: &mut Frame, area: Rect, state: &State, ui: &Ui, city: &str) {
    let framework = state.plan().framework();
    let top = framework.scale.top();
    let rater = ui.cityshare.rater.as_deref();
    let w = usize::from(area.width);
    let level_w = 22.min(w / 3);
    let title_w = w.saturating_sub(level_w + 8);
    let header = Row::new([
        format!(" {}", fit("CRITERION", title_w)),
        "LEVEL".to_owned(),
    ])
    .style(THEME.label);
    let rows = framework.criteria.iter().enumerate().map(|(i, criterion)| {
        let level = state.level(rater, city, &criterion.id);
        let mark = |on: bool, glyph: &'static str| if on { glyph } else { " " };
        let flags = format!(
            " {}{}{}",
            mark(
                state.is_flagged(city, &criterion.id, Flag::GoodPractice),
                "★"
            ),
            mark(state.is_flagged(city, &criterion.id, Flag::Priority), "!"),
            mark(!state.evidence(city, &criterion.id).is_empty(), "✎"),
        );
        let level_style = match level {
            Some(v) if v > 0 => level_style(f64::from(v), top),
            _ => THEME.item_done,
        };
        // Only the title is drawn as selected: the level keeps its colour.
        let title_style = if i == ui.cityshare.criterion {
            THEME.selected
        } else {
            THEME.item
        };
        Row::new([
            Cell::new(format!(" {} ", fit(&criterion.title, title_w))).style(title_style),
            Cell::new(fit(&level_words(&framework, level), level_w)).style(level_style),
            Cell::new(flags).style(THEME.warning),
        ])
    });
    let widths = [
        Constraint::Length(u16::try_from(title_w + 2).unwrap_or(u16::MAX)),
        Constraint::Length(u16::try_from(level_w).unwrap_or(u16::MAX)),
        Constraint::Fill(1),
    ];
    let table = Table::new(rows, widths).header(header).column_spacing(0);
    let mut at = TableState::new().with_selected(Some(ui.cityshare.criterion));
    frame.render_stateful_widget(table, area, &mut at);
}

fn criterion_detail(frame: &mut Frame, area: Rect, state: &State, ui: &Ui, city: &str) {
    let framework = state.plan().framework();
    let Some(criterion) = framework.criteria.get(ui.cityshare.criterion) else {
        return;
    };
    let level = state.level(ui.cityshare.rater.as_deref(), city, &criterion.id);
    let mut text = vec![Line::styled(
        format!(" {} — {}", criterion.title, criterion.description),
        THEME.label,
    )];
    text.extend(
        criterion
            .indicators
            .iter()
            .map(|i| Line::from(format!("   • {i}"))),
    );
    let descriptor = match level {
        Some(0) => Some(framework.scale.unknown.descriptor.clone()),
        Some(v) => framework
            .scale
            .levels
            .iter()
            .find(|l| l.value == v)
            .map(|l| l.descriptor.clone()),
        None => None,
    };
    if let Some(descriptor) = descriptor {
        text.push(Line::from(format!(
            " {}: {descriptor}",
            level_words(&framework, level)
        )));
    }
    text.extend(
        state
            .evidence(city, &criterion.id)
            .iter()
            .flat_map(|e| e.split('\n').enumerate())
            .map(|(i, line)| {
                let lead = if i == 0 { " ✎ " } else { "   " };
                Line::styled(format!("{lead}{line}"), THEME.footer_text)
            }),
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), area);
}
