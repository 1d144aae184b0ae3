//! The plans view: each city's key challenges, good practices and action plan; the whole
//! room grouped by criterion; and the full-screen presentation of one city's plan.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::event::TakeawayKind;
use crate::state::State;
use crate::text::{fit, truncate};
use crate::tui::theme::THEME;
use crate::tui::ui::Ui;

/// What the plans view keeps between frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlansView {
    /// The selected line (takeaways, then actions).
    pub line: usize,
    /// Whether the view shows the whole room grouped by criterion.
    pub room_wide: bool,
}

mod actions;

pub use actions::command_for;

/// The selectable lines of a city: its challenges, good practices, then actions, by id.
pub fn lines_of(state: &State, city: &str) -> Vec<u64> {
    let mut ids: Vec<u64> = state
        .takeaways(city, TakeawayKind::Challenge)
        .iter()
        .map(|t| t.id)
        .collect();
    ids.extend(
        state
            .takeaways(city, TakeawayKind::GoodPractice)
            .iter()
            .map(|t| t.id),
    );
    ids.extend(state.action_plan(city).iter().map(|a| a.id));
    ids
}

fn tags(criteria: &[String]) -> String {
    criteria
        .iter()
        .map(|c| format!("#{c}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Draws the plans view into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    if ui.plans.room_wide {
        room_wide(frame, area, state);
        return;
    }
    let Some(city) = ui.cityshare.city(state) else {
        frame.render_widget(Paragraph::new(" No cities on the roster yet."), area);
        return;
    };
    let w = usize::from(area.width);
    let selected = lines_of(state, &city).get(ui.plans.line).copied();
    let mark = |id: u64| {
        if Some(id) == selected {
            THEME.selected
        } else {
            THEME.item
        }
    };
    let challenges = state.takeaways(&city, TakeawayKind::Challenge);
    let practices = state.takeaways(&city, TakeawayKind::GoodPractice);
    let actions = state.action_plan(&city);
    let mut lines = vec![Line::styled(
        truncate(
            &format!(" {city} · ← → other cities · w the whole room · Enter presents the plan"),
            w,
        ),
        THEME.label,
    )];
    let mut selected_row = 0;
    for (title, entries) in [
        ("KEY CHALLENGES (c)", &challenges),
        ("GOOD PRACTICES (g)", &practices),
    ] {
        lines.push(Line::styled(format!(" {title}"), THEME.day));
        if entries.is_empty() {
            lines.push(Line::styled("   none yet", THEME.item_done));
        }
        for e in entries {
            if Some(e.id) == selected {
                selected_row = lines.len();
            }
            let tag = tags(&e.criteria);
            let room = w.saturating_sub(tag.len() + 6);
            lines.push(Line::from(vec![
                Span::styled(format!("   {} ", fit(&e.text, room)), mark(e.id)),
                Span::styled(tag, THEME.module),
            ]));
        }
    }
    lines.push(Line::styled(
        " ACTION PLAN (a: what | who | when | criterion | indicator; s status)",
        THEME.day,
    ));
    if actions.is_empty() {
        lines.push(Line::styled("   none yet", THEME.item_done));
    }
    let what_w = (w / 3).max(12);
    for (n, a) in actions.iter().enumerate() {
        if Some(a.id) == selected {
            selected_row = lines.len();
        }
        let rest = format!(
            " {} · {} · #{} · {}",
            a.action.who, a.action.due, a.action.criterion, a.status
        );
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {:>2}. {}", n + 1, fit(&a.action.what, what_w)),
                mark(a.id),
            ),
            Span::styled(
                truncate(&rest, w.saturating_sub(what_w + 6)),
                THEME.footer_text,
            ),
        ]));
        lines.push(Line::styled(
            truncate(&format!("       indicator: {}", a.action.indicator), w),
            THEME.item_done,
        ));
    }
    // The city line stays; the rest scrolls so that the selected line is in view.
    let rows = usize::from(area.height).saturating_sub(1);
    let body = lines.len().saturating_sub(1);
    let first = selected_row
        .saturating_sub(1)
        .saturating_sub(rows / 2)
        .min(body.saturating_sub(rows));
    let shown: Vec<Line> = lines
        .iter()
        .take(1)
        .chain(lines.iter().skip(1 + first).take(rows))
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// Every takeaway of the room, under the criteria it is tagged with.
fn room_wide(frame: &mut Frame, area: Rect, state: &State) {
    let w = usize::from(area.width);
    let mut lines = vec![Line::styled(
        truncate(
            " The whole room by criterion: challenges, then practices that may answer them · w back",
            w,
        ),
        THEME.label,
    )];
    let untagged: Vec<&crate::state::Takeaway> = state
        .all_takeaways()
        .iter()
        .filter(|t| t.criteria.is_empty())
        .collect();
    let framework = state.plan().framework();
    let groups = framework
        .criteria
        .iter()
        .map(|c| (c.title.as_str(), state.takeaways_on(&c.id)))
        .chain([("Not tagged with a criterion", untagged)]);
    for (heading, on) in groups {
        if on.is_empty() {
            continue;
        }
        lines.push(Line::styled(format!(" {heading}"), THEME.day));
        for e in on {
            let (word, style) = match e.kind {
                TakeawayKind::Challenge => ("challenge", THEME.warning),
                TakeawayKind::GoodPractice => ("practice ", THEME.info),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("   {word} "), style),
                Span::raw(truncate(
                    &format!("{}: {}", e.city, e.text),
                    w.saturating_sub(14),
                )),
            ]));
        }
    }
    if lines.len() == 1 {
        lines.push(Line::styled("   No takeaways yet.", THEME.item_done));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// One city's action plan, full screen and large, for its presentation to the room.
pub fn presentation(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    frame.render_widget(Block::new().style(THEME.projector), area);
    let Some(city) = ui.cityshare.city(state) else {
        return;
    };
    let country = state
        .participants()
        .iter()
        .find(|p| p.city == city)
        .map(|p| p.country.clone())
        .unwrap_or_default();
    let cities = state.cities();
    let mut lines = vec![
        Line::raw(""),
        Line::styled(format!("{city} · {country}"), THEME.projector_title).centered(),
        Line::styled(
            format!(
                "Action plan · city {} of {}",
                ui.cityshare.city.min(cities.len().saturating_sub(1)) + 1,
                cities.len()
            ),
            THEME.projector_dim,
        )
        .centered(),
        Line::raw(""),
    ];
    let actions = state.action_plan(&city);
    if actions.is_empty() {
        lines.push(Line::styled("No actions yet.", THEME.projector_dim).centered());
    }
    for (n, a) in actions.iter().enumerate() {
        lines.push(Line::styled(
            format!("  {}. {}", n + 1, a.action.what),
            THEME.projector_clock,
        ));
        lines.push(Line::styled(
            format!(
                "     {} · {} · {}",
                a.action.who,
                a.action.due,
                state
                    .plan()
                    .framework()
                    .criteria
                    .iter()
                    .find(|c| c.id == a.action.criterion)
                    .map_or(a.action.criterion.clone(), |c| c.title.clone())
            ),
            THEME.projector_dim,
        ));
        lines.push(Line::styled(
            format!("     Follow-up: {} ({})", a.action.indicator, a.status),
            THEME.projector_dim,
        ));
        lines.push(Line::raw(""));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .style(THEME.projector),
        area,
    );
}
