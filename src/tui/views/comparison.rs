//! The comparison view, the one projected: cities × criteria as a heat map (the number is
//! always shown; colour only repeats it), own levels, the peers' mean or the gap, a regional
//! average row, a bar chart of the selected criterion, and who still has levels to give.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::assessment::level_style;
use super::columns::{Headings, pack};
use crate::state::{Lens, State};
use crate::text::{fit, truncate, width};
use crate::tui::keymap::Action;
use crate::tui::theme::THEME;
use crate::tui::ui::Ui;

/// What the comparison view keeps between frames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparisonView {
    /// What the comparison shows.
    pub lens: Lens,
    /// Whether cities are sorted by the selected criterion (else by each city's mean).
    pub sort_by_criterion: bool,
    /// Whether the chart shows the selected city's profile (else the selected criterion
    /// across cities).
    pub city_profile: bool,
}

impl ComparisonView {
    /// Carries out a comparison action of the view's own (what it shows and how); false if
    /// `action` is not one.
    pub fn handle(&mut self, action: Action) -> bool {
        match action {
            Action::Lens => {
                self.lens = match self.lens {
                    Lens::SelfAssessed => Lens::Peers,
                    Lens::Peers => Lens::Gap,
                    Lens::Gap => Lens::SelfAssessed,
                };
            }
            Action::Sort => self.sort_by_criterion = !self.sort_by_criterion,
            Action::Profile => self.city_profile = !self.city_profile,
            _ => return false,
        }
        true
    }
}

impl Default for ComparisonView {
    fn default() -> Self {
        Self {
            lens: Lens::SelfAssessed,
            sort_by_criterion: false,
            city_profile: false,
        }
    }
}

/// A figure as shown in a cell: "3", "3.5", "+1.5", or "–" when there is none.
pub fn figure_text(lens: Lens, figure: Option<f64>) -> String {
    match (lens, figure) {
        (_, None) => "–".to_owned(),
        // A gap that rounds to nothing is no gap, whatever its sign.
        (Lens::Gap, Some(g)) if g.abs() < 0.05 => "0.0".to_owned(),
        (Lens::Gap, Some(g)) => format!("{g:+.1}"),
        (_, Some(v)) if v.fract() == 0.0 => format!("{v:.0}"),
        (_, Some(v)) => format!("{v:.1}"),
    }
}

fn lens_name(lens: Lens) -> &'static str {
    match lens {
        Lens::SelfAssessed => "own levels",
        Lens::Peers => "peers' mean",
        Lens::Gap => "gap (own − peers)",
    }
}

/// The cities in the order the table shows them.
pub fn ordered_cities(state: &State, ui: &Ui) -> Vec<String> {
    let criteria = &state.plan().framework().criteria;
    let by = ui
        .comparison
        .sort_by_criterion
        .then(|| criteria.get(ui.cityshare.criterion).map(|c| c.id.as_str()))
        .flatten();
    state.cities_ranked(ui.comparison.lens, by)
}

/// Draws the comparison into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    let framework = state.plan().framework();
    let criteria = &framework.criteria;
    let w = usize::from(area.width);
    let cities = ordered_cities(state, ui);
    let sorted = match (
        ui.comparison.sort_by_criterion,
        criteria.get(ui.cityshare.criterion),
    ) {
        (true, Some(c)) => format!("sorted by {}", c.title),
        _ => "sorted by each city's mean".to_owned(),
    };
    let mut lines = vec![Line::styled(
        truncate(
            &format!(
                " Comparison: {} · {sorted} · v view · s sort",
                lens_name(ui.comparison.lens)
            ),
            w,
        ),
        THEME.label,
    )];
    lines.extend(completion_lines(state, w));

    // The heat map is written line by line, not as ratatui's `Table`: at 50 cities the
    // `Table` frame took 0.58-1.03 ms (over the 1 ms target in one run of the scale
    // benchmark), these lines 0.37 ms.
    let city_w = city_column_width(&cities);
    let cell_w = (w.saturating_sub(city_w + 6) / criteria.len().max(1)).clamp(4, 16);
    let ids: Vec<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
    let titles: Vec<&str> = criteria.iter().map(|c| c.title.as_str()).collect();
    let headings = Headings::fit_named(&ids, &titles, cell_w - 1);
    let mut header = vec![Span::styled(fit(" CITY", city_w), THEME.label)];
    for (i, label) in headings.labels.iter().enumerate() {
        let style = if i == ui.cityshare.criterion {
            THEME.tab_active
        } else {
            THEME.label
        };
        header.push(Span::styled(fit(label, cell_w - 1) + " ", style));
    }
    header.push(Span::styled("MEAN", THEME.label));
    lines.push(Line::from(header));

    let legend = headings.legend_lines(w, 4);
    // The chart keeps three rows where the window has them; the cities scroll.
    let table_rows = usize::from(area.height)
        .saturating_sub(lines.len() + 1 + legend.len() + 3)
        .max(3)
        .min(cities.len());
    let selected = ui.cityshare.city.min(cities.len().saturating_sub(1));
    let first = selected
        .saturating_sub(table_rows / 2)
        .min(cities.len().saturating_sub(table_rows));
    for (i, city) in cities.iter().enumerate().skip(first).take(table_rows) {
        lines.push(city_row(state, ui, city, i == selected, city_w, cell_w));
    }
    let mut average = vec![Span::styled(fit(" Region", city_w), THEME.label)];
    for c in criteria {
        average.push(Span::styled(
            fit(
                &figure_text(
                    ui.comparison.lens,
                    state.regional_average(ui.comparison.lens, &c.id),
                ),
                cell_w - 1,
            ) + " ",
            THEME.label,
        ));
    }
    lines.push(Line::from(average));
    lines.extend(
        legend
            .into_iter()
            .map(|l| Line::styled(l, THEME.footer_text)),
    );
    let used = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    super::put_lines(
        frame,
        Rect {
            height: used.min(area.height),
            ..area
        },
        &lines,
    );

    let chart = Rect {
        y: area.y + used.min(area.height),
        height: area.height.saturating_sub(used),
        ..area
    };
    if chart.height >= 3 {
        if ui.comparison.city_profile {
            profile(frame, chart, state, ui, &cities);
        } else {
            bar_chart(frame, chart, state, ui, &cities);
        }
    }
}

/// One city's row of the heat map.
fn city_row(
    state: &State,
    ui: &Ui,
    city: &str,
    selected: bool,
    city_w: usize,
    cell_w: usize,
) -> Line<'static> {
    let framework = state.plan().framework();
    let criteria = &framework.criteria;
    let top = framework.scale.top();
    let name_style = if selected { THEME.selected } else { THEME.item };
    let mut spans = vec![Span::styled(fit(&format!(" {city}"), city_w), name_style)];
    for c in criteria {
        let figure = state.figure(ui.comparison.lens, city, &c.id);
        let higher = ui.comparison.lens != Lens::Peers && state.rates_itself_higher(city, &c.id);
        let text = format!(
            "{}{}",
            figure_text(ui.comparison.lens, figure),
            if higher { "▲" } else { "" }
        );
        let style = match (ui.comparison.lens, figure) {
            (_, None) => THEME.item_done,
            (Lens::Gap, Some(g)) if g >= 1.0 => THEME.warning,
            (Lens::Gap, Some(_)) => THEME.item,
            (_, Some(v)) => level_style(v, top),
        };
        spans.push(Span::styled(fit(&text, cell_w - 1), style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw(figure_text(
        ui.comparison.lens,
        state.city_mean(ui.comparison.lens, city),
    )));
    Line::from(spans)
}

/// The width of the city column: the longest name, within 6 to 16 columns, plus margins.
fn city_column_width(cities: &[String]) -> usize {
    cities
        .iter()
        .map(|c| width(c))
        .max()
        .unwrap_or(4)
        .clamp(6, 16)
        + 2
}

/// Who still has levels to give, so the facilitator knows whom to chase: every city, on
/// up to three lines, then how many more.
fn completion_lines(state: &State, w: usize) -> Vec<Line<'static>> {
    const MOST: usize = 3;
    let completion = state.completion();
    let waiting: Vec<String> = completion
        .self_missing
        .iter()
        .zip(&completion.peer_missing)
        .filter(|((_, own), (_, peer))| *own > 0 || *peer > 0)
        .map(|((city, own), (_, peer))| format!("{city} {own}/{peer}"))
        .collect();
    if waiting.is_empty() {
        return vec![Line::styled(
            truncate(" Every city has given every level.", w),
            THEME.footer_text,
        )];
    }
    pack("Still to give (own/peer levels):", &waiting, w, MOST)
        .into_iter()
        .map(|l| Line::styled(l, THEME.footer_text))
        .collect()
}

/// Every city's figure for the selected criterion as a horizontal bar.
fn bar_chart(frame: &mut Frame, area: Rect, state: &State, ui: &Ui, cities: &[String]) {
    let framework = state.plan().framework();
    let Some(criterion) = framework.criteria.get(ui.cityshare.criterion) else {
        return;
    };
    let top = f64::from(framework.scale.top());
    let w = usize::from(area.width);
    let name_w = city_column_width(cities);
    let bar_room = w.saturating_sub(name_w + 8);
    let mut lines = vec![Line::styled(
        truncate(
            &format!(" {}: {}", criterion.title, lens_name(ui.comparison.lens)),
            w,
        ),
        THEME.label,
    )];
    for city in cities
        .iter()
        .take(usize::from(area.height).saturating_sub(1))
    {
        let figure = state.figure(ui.comparison.lens, city, &criterion.id);
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )] // a bar of a few dozen cells
        let cells = figure.map_or(0, |f| {
            ((f.abs() / top).clamp(0.0, 1.0) * bar_room as f64).round() as usize
        });
        let style = match figure {
            Some(v) if ui.comparison.lens != Lens::Gap => level_style(v, framework.scale.top()),
            Some(_) => THEME.warning,
            None => THEME.item_done,
        };
        lines.push(Line::from(vec![
            Span::raw(fit(&format!(" {city}"), name_w)),
            Span::styled(" ".repeat(cells), style),
            Span::raw(format!(" {}", figure_text(ui.comparison.lens, figure))),
        ]));
    }
    super::put_lines(frame, area, &lines);
}

/// The selected city across every criterion: its own level and its peers' mean, side by side.
fn profile(frame: &mut Frame, area: Rect, state: &State, ui: &Ui, cities: &[String]) {
    let framework = state.plan().framework();
    let Some(city) = cities.get(ui.cityshare.city.min(cities.len().saturating_sub(1))) else {
        return;
    };
    let top_value = framework.scale.top();
    let top = f64::from(top_value);
    let w = usize::from(area.width);
    let name_w = 24.min(w / 3);
    let bar_room = (w.saturating_sub(name_w + 16)) / 2;
    let bar = |figure: Option<f64>| -> (String, ratatui::style::Style) {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )] // a few dozen cells
        let cells = figure.map_or(0, |f| {
            ((f / top).clamp(0.0, 1.0) * bar_room as f64).round() as usize
        });
        let style = figure.map_or(THEME.item_done, |f| level_style(f, top_value));
        (" ".repeat(cells), style)
    };
    let mut lines = vec![Line::styled(
        truncate(
            &format!(
                " {city}: own level, then the peers' mean, on every criterion · c back to the criterion chart"
            ),
            w,
        ),
        THEME.label,
    )];
    for criterion in framework
        .criteria
        .iter()
        .take(usize::from(area.height).saturating_sub(1))
    {
        let own = state.figure(Lens::SelfAssessed, city, &criterion.id);
        let peers = state.figure(Lens::Peers, city, &criterion.id);
        let (own_bar, own_style) = bar(own);
        let (peer_bar, peer_style) = bar(peers);
        lines.push(Line::from(vec![
            Span::raw(fit(&format!(" {}", criterion.title), name_w)),
            Span::raw(format!(" {:>4} ", figure_text(Lens::SelfAssessed, own))),
            Span::styled(fit(&own_bar, bar_room), own_style),
            Span::raw(format!(" {:>4} ", figure_text(Lens::Peers, peers))),
            Span::styled(peer_bar, peer_style),
        ]));
    }
    super::put_lines(frame, area, &lines);
}
