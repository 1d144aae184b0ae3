//! A plan as a workbook (`rust_xlsxwriter`): the agenda first, one row an item, with dates and
//! times as a spreadsheet's own, then a sheet for each other part, so planners can edit it
//! in any spreadsheet program and `plan new --agenda` reads it back into the same plan.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::plan::{ClockTime, Plan};

/// One cell to write.
enum Out {
    Text(String),
    Number(f64),
    Date(chrono::NaiveDate),
    Clock(ClockTime),
}

fn text(value: impl Into<String>) -> Option<Out> {
    let value = value.into();
    (!value.is_empty()).then_some(Out::Text(value))
}

fn yes(value: bool) -> Option<Out> {
    value.then(|| Out::Text("yes".to_owned()))
}

fn lines(values: &[String]) -> Option<Out> {
    text(values.join("\n"))
}

/// Day `index`'s number, from 1.
fn ordinal(index: usize) -> Out {
    Out::Number(f64::from(u32::try_from(index + 1).unwrap_or(u32::MAX)))
}

/// The plan as the bytes of an .xlsx workbook.
pub fn workbook_bytes(plan: &Plan) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheets = Sheets::new();
    sheets.agenda(book.add_worksheet(), plan)?;
    sheets.table(
        book.add_worksheet(),
        "Days",
        &["Day", "Date", "Start", "End", "Title", "Location"],
        plan.days.iter().enumerate().map(|(i, d)| {
            vec![
                Some(ordinal(i)),
                Some(Out::Date(d.date)),
                Some(Out::Clock(d.start)),
                Some(Out::Clock(d.end)),
                d.title.clone().and_then(text),
                d.location.clone().and_then(text),
            ]
        }),
    )?;
    sheets.table(
        book.add_worksheet(),
        "Modules",
        &["ID", "Title", "Description", "Objectives"],
        plan.modules.iter().map(|m| {
            vec![
                text(&m.id),
                text(&m.title),
                m.description.clone().and_then(text),
                lines(&m.objectives),
            ]
        }),
    )?;
    sheets.table(
        book.add_worksheet(),
        "Workshop",
        &["Field", "Value"],
        workshop_rows(plan),
    )?;
    sheets.exercises(&mut book, plan)?;
    sheets.framework(&mut book, plan)?;
    sheets.table(
        book.add_worksheet(),
        "Roster",
        &crate::roster::COLUMNS,
        plan.roster.iter().map(|p| {
            vec![
                text(&p.id),
                text(&p.name),
                text(&p.organisation),
                text(&p.country),
                text(&p.city),
                text(p.sector.as_str()),
                p.email.clone().and_then(text),
                text(if p.consent { "yes" } else { "no" }),
            ]
        }),
    )?;
    sheets.table(
        book.add_worksheet(),
        "Groups",
        &["ID", "Name", "Members"],
        plan.groups
            .iter()
            .map(|g| vec![text(&g.id), text(&g.name), text(g.members.join(", "))]),
    )?;
    book.save_to_buffer()
}

/// The Workshop sheet: what the plan says of itself, a field a row.
fn workshop_rows(plan: &Plan) -> Vec<Vec<Option<Out>>> {
    let mut rows: Vec<(&str, Option<Out>)> = vec![
        ("id", text(&plan.id)),
        ("title", text(&plan.title)),
        ("subtitle", plan.subtitle.clone().and_then(text)),
        ("organisers", lines(&plan.organisers)),
        ("partners", lines(&plan.partners)),
        ("venue", text(&plan.venue)),
        ("time zone", text(&plan.time_zone)),
        ("objectives", lines(&plan.objectives)),
        ("learning objectives", lines(&plan.learning_objectives)),
        ("notes", lines(&plan.notes)),
        (
            "certificate minimum attendance percent",
            Some(Out::Number(f64::from(
                plan.certificate.min_attendance_percent,
            ))),
        ),
        (
            "late counts as present",
            text(if plan.certificate.late_counts_as_present {
                "yes"
            } else {
                "no"
            }),
        ),
    ];
    if let Some(framework) = &plan.framework {
        rows.push(("framework title", text(&framework.title)));
        rows.push(("framework source", framework.source.clone().and_then(text)));
    }
    rows.into_iter()
        .map(|(field, value)| vec![text(field), value])
        .collect()
}

/// The formats every sheet shares.
struct Sheets {
    heading: Format,
    date: Format,
    clock: Format,
    wrapped: Format,
}

impl Sheets {
    fn new() -> Self {
        Self {
            heading: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            clock: Format::new().set_num_format("hh:mm"),
            wrapped: Format::new().set_text_wrap(),
        }
    }

    /// The Exercises, Rubric and Checklist sheets.
    fn exercises(&self, book: &mut Workbook, plan: &Plan) -> Result<(), XlsxError> {
        self.table(
            book.add_worksheet(),
            "Exercises",
            &["ID", "Title", "Description", "Own groups"],
            plan.exercises.iter().map(|e| {
                vec![
                    text(&e.id),
                    text(&e.title),
                    e.description.clone().and_then(text),
                    yes(e.own_groups),
                ]
            }),
        )?;
        self.table(
            book.add_worksheet(),
            "Rubric",
            &["Exercise", "ID", "Title", "Max points", "Description"],
            plan.exercises.iter().flat_map(|e| {
                e.rubric.iter().map(|c| {
                    vec![
                        text(&e.id),
                        text(&c.id),
                        text(&c.title),
                        Some(Out::Number(f64::from(c.max_points))),
                        c.description.clone().and_then(text),
                    ]
                })
            }),
        )?;
        self.table(
            book.add_worksheet(),
            "Checklist",
            &["Exercise", "ID", "Text"],
            plan.exercises.iter().flat_map(|e| {
                e.checklist
                    .iter()
                    .map(|i| vec![text(&e.id), text(&i.id), text(&i.text)])
            }),
        )?;
        Ok(())
    }

    /// The Criteria and Scale sheets, for a plan with a framework of its own.
    fn framework(&self, book: &mut Workbook, plan: &Plan) -> Result<(), XlsxError> {
        if let Some(framework) = &plan.framework {
            self.table(
                book.add_worksheet(),
                "Criteria",
                &["ID", "Title", "Description", "Indicators"],
                framework.criteria.iter().map(|c| {
                    vec![
                        text(&c.id),
                        text(&c.title),
                        text(&c.description),
                        lines(&c.indicators),
                    ]
                }),
            )?;
            let unknown = std::iter::once(vec![
                Some(Out::Number(0.0)),
                text(&framework.scale.unknown.label),
                text(&framework.scale.unknown.descriptor),
            ]);
            self.table(
                book.add_worksheet(),
                "Scale",
                &["Value", "Label", "Descriptor"],
                framework
                    .scale
                    .levels
                    .iter()
                    .map(|l| {
                        vec![
                            Some(Out::Number(f64::from(l.value))),
                            text(&l.label),
                            text(&l.descriptor),
                        ]
                    })
                    .chain(unknown),
            )?;
        }
        Ok(())
    }

    fn agenda(&self, sheet: &mut Worksheet, plan: &Plan) -> Result<(), XlsxError> {
        let rows = plan.days.iter().enumerate().flat_map(|(i, day)| {
            day.items.iter().map(move |item| {
                vec![
                    Some(ordinal(i)),
                    Some(Out::Date(day.date)),
                    item.start.map(Out::Clock),
                    item.duration.map(|m| Out::Number(f64::from(m))),
                    text(&item.title),
                    text(item.kind.as_str()),
                    item.module.clone().and_then(text),
                    item.presenter.clone().and_then(text),
                    item.organisation.clone().and_then(text),
                    yes(item.fixed),
                    yes(item.attendance),
                    item.notes.clone().and_then(text),
                    lines(&item.objectives),
                    item.exercise.clone().and_then(text),
                    text(&item.id),
                ]
            })
        });
        self.table(
            sheet,
            "Agenda",
            &[
                "Day",
                "Date",
                "Start",
                "Minutes",
                "Title",
                "Kind",
                "Module",
                "Presenter",
                "Organisation",
                "Fixed",
                "Attendance",
                "Notes",
                "Objectives",
                "Exercise",
                "ID",
            ],
            rows,
        )
    }

    /// A sheet called `name` with `headings` (bold, frozen) over `rows`.
    fn table(
        &self,
        sheet: &mut Worksheet,
        name: &str,
        headings: &[&str],
        rows: impl IntoIterator<Item = Vec<Option<Out>>>,
    ) -> Result<(), XlsxError> {
        sheet.set_name(name)?;
        let mut widths: Vec<usize> = headings.iter().map(|h| h.chars().count()).collect();
        for (column, heading) in (0u16..).zip(headings) {
            sheet.write_string_with_format(0, column, *heading, &self.heading)?;
        }
        for (row, cells) in (1u32..).zip(rows) {
            for ((column, cell), width) in (0u16..).zip(cells).zip(widths.iter_mut()) {
                let Some(cell) = cell else { continue };
                match cell {
                    Out::Text(value) => {
                        let longest = value.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                        *width = (*width).max(longest);
                        if value.contains('\n') {
                            sheet.write_string_with_format(row, column, value, &self.wrapped)?;
                        } else {
                            sheet.write_string(row, column, value)?;
                        }
                    }
                    Out::Number(value) => {
                        sheet.write_number(row, column, value)?;
                    }
                    Out::Date(date) => {
                        use chrono::Datelike;
                        let at = ExcelDateTime::from_ymd(
                            u16::try_from(date.year()).unwrap_or(1900),
                            u8::try_from(date.month()).unwrap_or(1),
                            u8::try_from(date.day()).unwrap_or(1),
                        )?;
                        *width = (*width).max(10);
                        sheet.write_datetime_with_format(row, column, &at, &self.date)?;
                    }
                    Out::Clock(clock) => {
                        let minutes = clock.minutes();
                        let at = ExcelDateTime::from_hms(
                            u16::try_from(minutes / 60).unwrap_or(0),
                            u8::try_from(minutes % 60).unwrap_or(0),
                            0,
                        )?;
                        sheet.write_datetime_with_format(row, column, &at, &self.clock)?;
                    }
                }
            }
        }
        for (column, width) in (0u16..).zip(widths) {
            sheet.set_column_width(
                column,
                f64::from(u8::try_from(width.min(60) + 2).unwrap_or(62)),
            )?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(())
    }
}
