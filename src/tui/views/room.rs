//! The Room view: where the phones join (every address, today's code, a QR code of the
//! first address), whether the self-assessment is open to them, the devices joined, and
//! what arrived.

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Line;

use crate::room::RoomState;
use crate::state::State;
use crate::text::truncate;
use crate::tui::theme::THEME;
use crate::tui::ui::Ui;

/// The QR code of `text`, a line a row (two modules a character), dark on light; `None`
/// if it cannot be made.
pub fn qr_lines(text: &str) -> Option<Vec<String>> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let drawn = code.render::<Dense1x2>().quiet_zone(true).build();
    Some(drawn.lines().map(str::to_owned).collect())
}

/// The QR code of `text` as large as fits `width`×`height` cells (each module a square of
/// characters, two modules a row of half blocks), or `None` if even the smallest does not.
fn qr_fitting(text: &str, width: usize, height: usize) -> Option<Vec<String>> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    (1..=8).rev().find_map(|scale| {
        let drawn = code
            .render::<Dense1x2>()
            .quiet_zone(true)
            .module_dimensions(scale * 2, scale * 2)
            .build();
        let lines: Vec<String> = drawn.lines().map(str::to_owned).collect();
        let wide = lines.first().map_or(0, |l| l.chars().count());
        (lines.len() <= height && wide <= width).then_some(lines)
    })
}

/// The join QR code full screen, for the wall (`F5` in the Room view): the largest that
/// fits, the address and code under it; the room's own words if the window is too small.
pub fn projector(frame: &mut Frame, area: Rect, ui: &Ui) {
    let ink = Style::default().fg(Color::Black).bg(Color::White);
    frame.buffer_mut().set_style(area, ink);
    let Some(room) = &ui.room else {
        return;
    };
    let Some(url) = room.join_url() else {
        return;
    };
    let under = [
        format!("Scan, or open {url}"),
        format!("Join code {}", room.code),
        "Plain HTTP on this room's network: no case details about victims.".to_owned(),
    ];
    let height = usize::from(area.height).saturating_sub(under.len() + 1);
    let qr = qr_fitting(&url, usize::from(area.width), height)
        .or_else(|| qr_lines(&url).filter(|l| l.len() <= usize::from(area.height)))
        .unwrap_or_default();
    let wide = qr.first().map_or(0, |l| l.chars().count());
    let pad = |w: usize| " ".repeat(usize::from(area.width).saturating_sub(w) / 2);
    let mut lines: Vec<Line> = qr
        .iter()
        .map(|l| Line::styled(format!("{}{l}", pad(wide)), ink))
        .collect();
    lines.push(Line::raw(""));
    for text in under {
        let shown = truncate(&text, usize::from(area.width));
        lines.push(Line::styled(
            format!("{}{shown}", pad(crate::text::width(&shown))),
            ink,
        ));
    }
    super::put_lines(frame, area, &lines);
}

/// Draws the Room view into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, ui: &Ui) {
    let Some(room) = &ui.room else {
        super::put_lines(
            frame,
            area,
            &[Line::styled(
                " No room is open: start the app with `workshop run PLAN --room`.",
                THEME.info,
            )],
        );
        return;
    };
    let qr = room.join_url().and_then(|url| qr_lines(&url));
    let qr_width = qr
        .as_ref()
        .and_then(|lines| lines.first())
        .map_or(0, |l| l.chars().count());
    let fits = qr.as_ref().is_some_and(|lines| {
        lines.len() <= usize::from(area.height) && qr_width + 30 <= usize::from(area.width)
    });
    let text_x = if fits {
        area.x + u16::try_from(qr_width + 2).unwrap_or(0)
    } else {
        area.x
    };
    if let (true, Some(lines)) = (fits, &qr) {
        // Dark modules on a light ground, whatever the terminal's colours: phones read it.
        let ink = Style::default().fg(Color::Black).bg(Color::White);
        let drawn: Vec<Line> = lines.iter().map(|l| Line::styled(l.clone(), ink)).collect();
        super::put_lines(frame, area, &drawn);
    }
    let text_area = Rect {
        x: text_x,
        width: area.width.saturating_sub(text_x - area.x),
        ..area
    };
    let lines = words(room, state, ui, usize::from(text_area.width), fits);
    super::put_lines(frame, text_area, &lines);
}

/// The view's text: how to join, what is open, the devices and what arrived; a line too
/// long for the column wraps, indented under itself.
fn words(room: &RoomState, state: &State, ui: &Ui, w: usize, qr_shown: bool) -> Vec<Line<'static>> {
    let mut said: Vec<(String, Style)> = vec![(format!(" Join code {}", room.code), THEME.label)];
    for address in &room.addresses {
        said.push((format!(" {address}/j/{}", room.code), THEME.item));
    }
    if !qr_shown {
        said.push((
            " (a larger window shows the QR code)".to_owned(),
            THEME.footer_text,
        ));
    }
    if let Some(address) = room.addresses.first() {
        said.push((
            format!(" Second screen: {address}/screen?k={}", room.screen_key),
            THEME.footer_text,
        ));
    }
    said.push((
        " Plain HTTP on this network only: no case details about victims.".to_owned(),
        THEME.warning,
    ));
    said.push((String::new(), THEME.item));
    for (what, open, key) in [
        ("Self-assessment", room.assessment_open, 'o'),
        ("Peer ratings", room.peers_open, 'r'),
        ("Feedback", room.feedback_open, 'f'),
    ] {
        let (words, style) = if open {
            (format!("open to the phones ({key} closes)"), THEME.ahead)
        } else {
            (format!("closed ({key} opens)"), THEME.footer_text)
        };
        said.push((format!(" {what}: {words}"), style));
    }
    said.push((String::new(), THEME.item));
    said.push((format!(" Devices ({})", room.devices.len()), THEME.label));
    if room.devices.is_empty() {
        said.push((
            "   none yet: phones join by the code".to_owned(),
            THEME.footer_text,
        ));
    }
    for (i, device) in room.devices.iter().enumerate() {
        let mut style = if device.revoked {
            THEME.item_skipped
        } else {
            THEME.item
        };
        if i == ui.room_view.selected {
            style = style.patch(THEME.selected);
        }
        let revoked = if device.revoked { " · revoked" } else { "" };
        said.push((
            format!(
                "   {} · joined {}{revoked}",
                device.name,
                super::format::local_hm(state, device.joined)
            ),
            style,
        ));
    }
    said.push((String::new(), THEME.item));
    said.push((" What arrived".to_owned(), THEME.label));
    for line in room.feed.iter().rev() {
        said.push((format!("   {line}"), THEME.item));
    }
    said.into_iter()
        .flat_map(|(text, style)| {
            let indent = text.len() - text.trim_start().len() + 2;
            let wrapped = crate::text::wrap(text.trim_start(), w.saturating_sub(indent).max(8));
            let first_indent = text.len() - text.trim_start().len();
            wrapped
                .into_iter()
                .enumerate()
                .map(move |(i, part)| {
                    let pad = if i == 0 { first_indent } else { indent };
                    Line::styled(truncate(&format!("{}{part}", " ".repeat(pad)), w), style)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}
