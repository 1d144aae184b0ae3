//! The HTML report: one self-contained page (inline CSS and SVG, no scripts, no fetches; a
//! content security policy forbids any) that opens offline from a USB stick and prints on A4.

mod charts;
mod style;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::report::{ExerciseResult, Report};

/// The report as one HTML page.
pub fn render(report: &Report) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (report.title) }
                style { (PreEscaped(style::CSS)) }
            }
            body {
                (heading(report))
                (agenda(report))
                (attendance(report))
                (comparison(report))
                (plans(report))
                (exercises(report))
                (feedback(report))
            }
        }
    }
    .into_string()
}

fn heading(report: &Report) -> Markup {
    html! {
        header {
            h1 { (report.title) }
            @if let Some(subtitle) = &report.subtitle { p.subtitle { (subtitle) } }
            p { (report.when_where) }
            @if !report.organisers.is_empty() {
                p { "Organisers: " (report.organisers.join(", ")) }
            }
            @if !report.partners.is_empty() {
                p { "Partners: " (report.partners.join(", ")) }
            }
            p.muted { "Exported " (report.exported) "." }
            @if let Some(privacy) = &report.privacy {
                p.privacy { strong { "Privacy: " } (privacy) }
            }
            dl.figures {
                @for (label, value) in &report.figures {
                    div { dt { (label) } dd { (value) } }
                }
            }
        }
    }
}

fn signed(value: Option<i64>) -> String {
    value.map_or(String::new(), |d| format!("{d:+}"))
}

fn agenda(report: &Report) -> Markup {
    html! {
        section #agenda {
            h2 { "Agenda as run" }
            p.legend {
                span.key.planned {} " planned " span.key.actual {} " actual"
            }
            @for day in &report.days {
                div.day {
                    h3 { (day.heading) " " span.muted { "(" (day.date) ")" } }
                    figure { (charts::timeline(day)) }
                    table {
                        thead { tr { th { "Planned" } th { "Actual" } th { "Item" } th { "Kind" } th.num { "± min" } th { "Status" } } }
                        tbody {
                            @for row in &day.items {
                                tr {
                                    td.time { (row.planned_text()) }
                                    td.time { (row.actual_text()) }
                                    td { (row.title) }
                                    td { (row.kind) }
                                    td.num { (signed(row.difference())) }
                                    td { (row.status_text()) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn attendance(report: &Report) -> Markup {
    html! {
        section #attendance {
            h2 { "Attendance" }
            figure { (charts::attendance(&report.days)) }
            table {
                thead { tr { th { "Day" } th.num { "Present" } th.num { "Late" } th.num { "Left early" } th.num { "Excused" } th.num { "Absent" } th.num { "Not marked" } } }
                tbody {
                    @for day in &report.days {
                        tr {
                            td { (day.heading) }
                            td.num { (day.totals.present) }
                            td.num { (day.totals.late) }
                            td.num { (day.totals.left_early) }
                            td.num { (day.totals.excused) }
                            td.num { (day.totals.absent) }
                            td.num { (day.totals.unmarked) }
                        }
                    }
                }
            }
            h3 { "Certificates" }
            p { (report.certificate_rule) }
            @if report.certificates.is_empty() {
                p { "Nobody has earned a certificate yet." }
            } @else {
                table {
                    thead { tr { th { "Name" } th { "Organisation" } th { "City" } th { "Country" } } }
                    tbody {
                        @for [name, organisation, city, country] in &report.certificates {
                            tr { td { (name) } td { (organisation) } td { (city) } td { (country) } }
                        }
                    }
                }
            }
        }
    }
}

fn comparison(report: &Report) -> Markup {
    html! {
        section #comparison {
            h2 { "CityShare comparison" }
            @if report.comparison.is_empty() {
                p { "No cities on the roster." }
            } @else {
                p {
                    "Each cell shows the city's own level, coloured by level, and below it the "
                    "mean of its peers' ratings and the gap. A gap of +1.0 or more (marked ▲) means the city "
                    "rates itself a level or more above its peers."
                }
                figure { (charts::heat_map(report)) }
                dl.criteria {
                    @for (id, title) in &report.criteria { div { dt { (id) } dd { (title) } } }
                }
                h3 { "City profiles: own level against peers" }
                p.legend { span.key.own {} " own level " span.key.peers {} " peers' mean" }
                @let (rated, unrated): (Vec<_>, Vec<_>) = report.comparison.iter().partition(|c| {
                    c.own.iter().any(Option::is_some) || c.peers.iter().any(Option::is_some)
                });
                @if !unrated.is_empty() {
                    p.muted {
                        "No levels yet for "
                        (unrated.iter().map(|c| c.city.as_str()).collect::<Vec<_>>().join(", ")) "."
                    }
                }
                div.profiles {
                    @for city in rated {
                        figure.profile {
                            figcaption { (city.city) }
                            (charts::profile(report, city))
                        }
                    }
                }
            }
        }
    }
}

fn plans(report: &Report) -> Markup {
    html! {
        section #plans {
            h2 { "Key challenges, good practices and action plans" }
            @if report.plans.is_empty() { p { "No city has recorded any yet." } }
            @for city in &report.plans {
                div.city {
                    h3 { (city.city) }
                    @if !city.challenges.is_empty() {
                        h4 { "Key challenges" }
                        ul { @for line in &city.challenges { li { (line) } } }
                    }
                    @if !city.practices.is_empty() {
                        h4 { "Good practices" }
                        ul { @for line in &city.practices { li { (line) } } }
                    }
                    @if !city.actions.is_empty() {
                        h4 { "Action plan" }
                        table {
                            thead { tr { th { "Action" } th { "Who" } th { "Due" } th { "Criterion" } th { "Indicator" } th { "Status" } } }
                            tbody {
                                @for action in &city.actions {
                                    tr { @for cell in action { td { (cell) } } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn scoreboard(exercise: &ExerciseResult) -> Markup {
    html! {
        figure { (charts::scores(exercise)) }
        table {
            thead {
                tr {
                    th.num { "Rank" } th { "Group" }
                    @for (criterion, max) in &exercise.rubric { th.num { (criterion) " (/" (max) ")" } }
                    th.num { "Total (/" (exercise.out_of) ")" }
                    th { "Members" }
                }
            }
            tbody {
                @for group in &exercise.standings {
                    tr {
                        td.num { (group.rank) } td { (group.group) }
                        @for points in &group.points {
                            td.num { (points.map_or("–".to_owned(), |p| p.to_string())) }
                        }
                        td.num { strong { (group.total) } }
                        td.members { (group.members) }
                    }
                }
            }
        }
    }
}

fn exercises(report: &Report) -> Markup {
    html! {
        section #exercises {
            h2 { "Group exercises" }
            @for exercise in &report.exercises {
                div.exercise {
                    h3 { (exercise.title) }
                    @if exercise.standings.is_empty() {
                        p { "No groups were scored." }
                    } @else {
                        (scoreboard(exercise))
                    }
                    @if !exercise.uncovered.is_empty() {
                        h4 { "Reference items no group covered" }
                        ul { @for item in &exercise.uncovered { li { (item) } } }
                    }
                }
            }
        }
    }
}

fn feedback(report: &Report) -> Markup {
    let answer =
        |a: Option<(f64, u32)>| a.map_or("–".to_owned(), |(m, n)| format!("{m:.1} (n={n})"));
    html! {
        section #feedback {
            h2 { "Feedback" }
            p { (report.feedback_sources) " Answers run from 1 (not at all) to 5 (very)." }
            p.legend { span.key.useful {} " useful " span.key.interesting {} " interesting" }
            figure { (charts::feedback(&report.feedback)) }
            table {
                thead { tr { th { "Module" } th.num { "Useful" } th.num { "Interesting" } } }
                tbody {
                    @for module in &report.feedback {
                        tr { td { (module.module) } td.num { (answer(module.usefulness)) } td.num { (answer(module.interest)) } }
                    }
                }
            }
            @if let Some((mean, n, share)) = report.overall {
                p {
                    "Overall satisfaction: " strong { (format!("{mean:.1}")) } " of 5 (n=" (n) "); "
                    (format!("{:.0}", share * 100.0)) "% answered 4 or 5."
                }
            }
        }
    }
}
