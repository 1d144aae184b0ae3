//! One participant's detail over the attendance view: who they are, each day's mark with
//! its time or reason, the items they were checked in to, their groups, consent, and what
//! their details were before each correction.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::centred;
use super::popup::frame_popup;
use crate::event::Mark;
use crate::plan::Participant;
use crate::state::State;
use crate::tui::theme::THEME;
use crate::tui::ui::Ui;

/// Draws the selected participant's detail.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    let Some(person) = ui
        .attendance
        .selected_person(state)
        .and_then(|id| state.participant(&id).cloned())
    else {
        return;
    };
    let width = area.width.saturating_sub(4).min(80);
    let inner = usize::from(width).saturating_sub(2).max(1);
    // Wrapped here, not by the paragraph, so that the box is as tall as its lines.
    let lines: Vec<Line> = lines(state, &person)
        .into_iter()
        .flat_map(|line| {
            let style = line.style;
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            // An indented line keeps its indent, on every line it wraps to.
            let body = text.trim_start();
            let indent = " ".repeat(text.len() - body.len());
            crate::text::wrap(body, inner.saturating_sub(indent.len()).max(1))
                .into_iter()
                .map(move |part| Line::styled(format!("{indent}{part}"), style))
        })
        .collect();
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centred(area, width, height);
    let (_, block) = frame_popup(frame, popup, &person.name);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// The detail's lines.
pub fn lines(state: &State, person: &Participant) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(details(person))];
    let mut standing = vec![if person.consent {
        "Consents to be named in reports".to_owned()
    } else {
        "Did not consent to be named: reports use a pseudonym".to_owned()
    }];
    if state.is_withdrawn(&person.id) {
        standing.push("withdrawn (past marks kept)".to_owned());
    }
    lines.push(Line::from(standing.join(" · ")));
    lines.push(Line::styled("Attendance", THEME.label));
    for (index, day) in state.plan().days.iter().enumerate() {
        let mark = match state.mark(&person.id, index) {
            None => "no mark".to_owned(),
            Some(Mark::Present) => "present".to_owned(),
            Some(Mark::Absent) => "absent".to_owned(),
            Some(Mark::Late { at }) => format!("late, arrived {at}"),
            Some(Mark::LeftEarly { at }) => format!("left early, at {at}"),
            Some(Mark::Excused { reason: None }) => "excused".to_owned(),
            Some(Mark::Excused {
                reason: Some(reason),
            }) => format!("excused: {reason}"),
        };
        lines.push(Line::from(format!(
            "  Day {} · {}: {mark}",
            index + 1,
            day.date.format("%a %-d %b")
        )));
    }
    let items = state.checked_in_items(&person.id);
    if !items.is_empty() {
        let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
        lines.push(Line::from(format!("Checked in to: {}", titles.join(" · "))));
    }
    let groups = groups_of(state, &person.id);
    lines.push(Line::from(if groups.is_empty() {
        "In no group".to_owned()
    } else {
        format!("Groups: {}", groups.join(" · "))
    }));
    let earlier = state.earlier_details(&person.id);
    if !earlier.is_empty() {
        lines.push(Line::styled("Before corrections", THEME.label));
        lines.extend(
            earlier
                .iter()
                .map(|p| Line::styled(format!("  {}", details(p)), THEME.item_done)),
        );
    }
    lines.push(Line::styled(
        "E corrects these details · Esc closes",
        THEME.footer_text,
    ));
    lines
}

/// Name, organisation, city, country, sector and email, on one line.
fn details(p: &Participant) -> String {
    let mut parts = vec![
        p.name.clone(),
        p.organisation.clone(),
        format!("{}, {}", p.city, p.country),
        p.sector.to_string(),
    ];
    parts.extend(p.email.clone());
    parts.join(" · ")
}

/// The groups `participant` is in: the shared ones, and each exercise's own.
fn groups_of(state: &State, participant: &str) -> Vec<String> {
    let mut found = Vec::new();
    let scopes = std::iter::once(None).chain(
        state
            .plan()
            .exercises
            .iter()
            .filter(|e| e.own_groups)
            .map(|e| Some(e.id.as_str())),
    );
    for scope in scopes {
        for group in state.groups(scope) {
            if group.members.iter().any(|m| m == participant) {
                found.push(
                    match scope.and_then(|e| state.plan().exercises.iter().find(|x| x.id == e)) {
                        Some(exercise) => format!("{} ({})", group.name, exercise.title),
                        None => group.name.clone(),
                    },
                );
            }
        }
    }
    found
}
