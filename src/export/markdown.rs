//! The Markdown report: one document that reads well as plain text and renders cleanly on a
//! code-hosting site.

use std::fmt::Write;

use super::report::Report;

/// Escapes what Markdown would otherwise read as markup, keeps a cell on one line, and
/// neutralises what a terminal showing the file would obey.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::safe_text::neutralise(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A table with a header row; cells are escaped here.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(&header.iter().map(|h| md(h)).collect::<Vec<_>>()));
    out.push_str(&line(
        &header.iter().map(|_| "---".to_owned()).collect::<Vec<_>>(),
    ));
    for row in rows {
        out.push_str(&line(&row.iter().map(|c| md(c)).collect::<Vec<_>>()));
    }
    out.push('\n');
}

fn figure(value: Option<f64>) -> String {
    value.map_or("–".to_owned(), |v| format!("{v:.1}"))
}

fn signed(value: Option<f64>) -> String {
    value.map_or("–".to_owned(), |v| format!("{v:+.1}"))
}

/// The report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    heading(&mut out, report);
    agenda(&mut out, report);
    attendance(&mut out, report);
    comparison(&mut out, report);
    plans(&mut out, report);
    exercises(&mut out, report);
    feedback(&mut out, report);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn heading(out: &mut String, report: &Report) {
    let _ = writeln!(out, "# {}\n", md(&report.title));
    if let Some(subtitle) = &report.subtitle {
        let _ = writeln!(out, "{}\n", md(subtitle));
    }
    let _ = writeln!(out, "{}\n", md(&report.when_where));
    for (label, names) in [
        ("Organisers", &report.organisers),
        ("Partners", &report.partners),
    ] {
        if !names.is_empty() {
            let _ = writeln!(out, "{label}: {}\n", md(&names.join(", ")));
        }
    }
    let _ = writeln!(out, "Exported {}.\n", md(&report.exported));
    if let Some(privacy) = &report.privacy {
        let _ = writeln!(out, "> **Privacy:** {}\n", md(privacy));
    }
    let rows = vec![report.figures.iter().map(|(_, v)| v.clone()).collect()];
    let header: Vec<&str> = report.figures.iter().map(|(l, _)| *l).collect();
    table(out, &header, &rows);
}

fn agenda(out: &mut String, report: &Report) {
    out.push_str("## Agenda as run\n\n");
    for day in &report.days {
        let _ = writeln!(out, "### {} ({})\n", md(&day.heading), md(&day.date));
        let rows: Vec<Vec<String>> = day
            .items
            .iter()
            .map(|row| {
                vec![
                    row.planned_text(),
                    row.actual_text(),
                    row.title.clone(),
                    row.kind.to_owned(),
                    row.difference().map_or(String::new(), |d| format!("{d:+}")),
                    row.status_text(),
                ]
            })
            .collect();
        table(
            out,
            &["Planned", "Actual", "Item", "Kind", "± min", "Status"],
            &rows,
        );
    }
}

fn attendance(out: &mut String, report: &Report) {
    out.push_str("## Attendance\n\n");
    let rows: Vec<Vec<String>> = report
        .days
        .iter()
        .map(|day| {
            let t = day.totals;
            vec![
                day.heading.clone(),
                t.present.to_string(),
                t.late.to_string(),
                t.left_early.to_string(),
                t.excused.to_string(),
                t.absent.to_string(),
                t.unmarked.to_string(),
            ]
        })
        .collect();
    table(
        out,
        &[
            "Day",
            "Present",
            "Late",
            "Left early",
            "Excused",
            "Absent",
            "Not marked",
        ],
        &rows,
    );
    out.push_str("### Certificates\n\n");
    let _ = writeln!(out, "{}\n", md(&report.certificate_rule));
    if report.certificates.is_empty() {
        out.push_str("Nobody has earned a certificate yet.\n\n");
    } else {
        let rows: Vec<Vec<String>> = report.certificates.iter().map(|c| c.to_vec()).collect();
        table(out, &["Name", "Organisation", "City", "Country"], &rows);
    }
}

fn comparison(out: &mut String, report: &Report) {
    out.push_str("## CityShare comparison\n\n");
    if report.comparison.is_empty() {
        out.push_str("No cities on the roster.\n\n");
        return;
    }
    out.push_str(
        "Each cell: the city's own level / the mean of its peers' ratings (gap). \
         A gap of +1.0 or more means the city rates itself a level or more above its peers.\n\n",
    );
    let mut header = vec!["City"];
    header.extend(report.criteria.iter().map(|(id, _)| id.as_str()));
    let mut rows: Vec<Vec<String>> = report
        .comparison
        .iter()
        .map(|city| {
            let mut row = vec![city.city.clone()];
            for i in 0..report.criteria.len() {
                let own = city.own[i].map_or("–".to_owned(), |l| {
                    if l == 0 {
                        "?".to_owned()
                    } else {
                        l.to_string()
                    }
                });
                let peers = city.peers[i];
                row.push(match peers {
                    None => own,
                    Some(_) => format!("{own} / {} ({})", figure(peers), signed(city.gaps[i])),
                });
            }
            row
        })
        .collect();
    let mut regional = vec!["Regional self average".to_owned()];
    regional.extend(report.regional.iter().map(|v| figure(*v)));
    rows.push(regional);
    table(out, &header, &rows);
    let legend: Vec<String> = report
        .criteria
        .iter()
        .map(|(id, title)| format!("`{id}` {}", md(title)))
        .collect();
    let _ = writeln!(out, "Criteria: {}.\n", legend.join("; "));
}

fn plans(out: &mut String, report: &Report) {
    out.push_str("## Key challenges, good practices and action plans\n\n");
    if report.plans.is_empty() {
        out.push_str("No city has recorded any yet.\n\n");
    }
    for city in &report.plans {
        let _ = writeln!(out, "### {}\n", md(&city.city));
        for (label, lines) in [
            ("Key challenges", &city.challenges),
            ("Good practices", &city.practices),
        ] {
            if !lines.is_empty() {
                let _ = writeln!(out, "{label}:\n");
                for line in lines {
                    let _ = writeln!(out, "- {}", md(line));
                }
                out.push('\n');
            }
        }
        if !city.actions.is_empty() {
            let rows: Vec<Vec<String>> = city.actions.iter().map(|a| a.to_vec()).collect();
            table(
                out,
                &["Action", "Who", "Due", "Criterion", "Indicator", "Status"],
                &rows,
            );
        }
    }
}

fn exercises(out: &mut String, report: &Report) {
    out.push_str("## Group exercises\n\n");
    for exercise in &report.exercises {
        let _ = writeln!(out, "### {}\n", md(&exercise.title));
        if exercise.standings.is_empty() {
            out.push_str("No groups were scored.\n\n");
            continue;
        }
        let mut header = vec!["Rank".to_owned(), "Group".to_owned()];
        header.extend(
            exercise
                .rubric
                .iter()
                .map(|(c, max)| format!("{c} (/{max})")),
        );
        header.push(format!("Total (/{})", exercise.out_of));
        header.push("Members".to_owned());
        let rows: Vec<Vec<String>> = exercise
            .standings
            .iter()
            .map(|g| {
                let mut row = vec![g.rank.clone(), g.group.clone()];
                row.extend(
                    g.points
                        .iter()
                        .map(|p| p.map_or("–".to_owned(), |p| p.to_string())),
                );
                row.push(g.total.to_string());
                row.push(g.members.clone());
                row
            })
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        table(out, &header, &rows);
        if !exercise.uncovered.is_empty() {
            out.push_str("Reference items no group covered:\n\n");
            for item in &exercise.uncovered {
                let _ = writeln!(out, "- {}", md(item));
            }
            out.push('\n');
        }
    }
}

fn feedback(out: &mut String, report: &Report) {
    out.push_str("## Feedback\n\n");
    let _ = writeln!(
        out,
        "{} Answers run from 1 (not at all) to 5 (very).\n",
        report.feedback_sources
    );
    let answer =
        |a: Option<(f64, u32)>| a.map_or("–".to_owned(), |(m, n)| format!("{m:.1} (n={n})"));
    let rows: Vec<Vec<String>> = report
        .feedback
        .iter()
        .map(|m| vec![m.module.clone(), answer(m.usefulness), answer(m.interest)])
        .collect();
    table(out, &["Module", "Useful", "Interesting"], &rows);
    if let Some((mean, n, share)) = report.overall {
        let _ = writeln!(
            out,
            "Overall satisfaction: {mean:.1} of 5 (n={n}); {:.0}% answered 4 or 5.\n",
            share * 100.0
        );
    }
}
