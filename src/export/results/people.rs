//! Attendance and certificates.

use crate::export::table::{Cell, Table};
use crate::state::{Certificate, State};

/// The certificate status in words.
pub fn certificate_words(certificate: Certificate) -> &'static str {
    match certificate {
        Certificate::Eligible => "eligible",
        Certificate::NotYet => "not yet",
        Certificate::NotEligible => "not eligible",
    }
}

/// One row per participant, one column per day, totals and the certificate status.
pub fn attendance(state: &State) -> Table {
    let mut columns: Vec<String> = [
        "ID",
        "Name",
        "Organisation",
        "City",
        "Country",
        "Sector",
        "Withdrawn",
    ]
    .map(str::to_owned)
    .to_vec();
    for (i, day) in state.plan().days.iter().enumerate() {
        columns.push(format!("Day {} ({})", i + 1, day.date));
    }
    columns.extend(["Days attended", "Days required", "Certificate"].map(str::to_owned));
    let mut table = Table::new("attendance", "Attendance", &[]);
    table.columns = columns;
    for p in state.participants() {
        let mut row = vec![
            Cell::text(&p.id),
            Cell::text(&p.name),
            Cell::text(&p.organisation),
            Cell::text(&p.city),
            Cell::text(&p.country),
            Cell::text(p.sector.to_string()),
            Cell::yes_no(state.is_withdrawn(&p.id)),
        ];
        for day in 0..state.plan().days.len() {
            row.push(
                state
                    .mark(&p.id, day)
                    .map_or(Cell::Empty, |m| Cell::text(m.to_string())),
            );
        }
        row.extend([
            Cell::count(state.days_attended(&p.id)),
            Cell::count(state.days_required()),
            Cell::text(certificate_words(state.certificate(&p.id))),
        ]);
        table.rows.push(row);
    }
    table
}

/// The participants who earned a certificate, ready for a mail merge.
pub fn certificates(state: &State) -> Table {
    let mut table = Table::new(
        "certificates",
        "Certificates",
        &[
            "ID",
            "Name",
            "Organisation",
            "City",
            "Country",
            "Email",
            "Days attended",
            "Days required",
        ],
    );
    for p in state.participants() {
        if state.certificate(&p.id) != Certificate::Eligible {
            continue;
        }
        table.rows.push(vec![
            Cell::text(&p.id),
            Cell::text(&p.name),
            Cell::text(&p.organisation),
            Cell::text(&p.city),
            Cell::text(&p.country),
            Cell::text(p.email.clone().unwrap_or_default()),
            Cell::count(state.days_attended(&p.id)),
            Cell::count(state.days_required()),
        ]);
    }
    table
}
