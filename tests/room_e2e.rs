//! The room served by the real binary in tmux, on 127.0.0.1 only: phones join by the code on
//! the Room view and send self-assessments in a burst, and a `kill -9` in the middle of it
//! shows that no phone was ever thanked for a form the store does not hold.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::pane::{Pane, prompt_back};
use workshop::event::Event;

/// One HTTP/1.1 request to the room on 127.0.0.1, read to its end: status and text.
fn request(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    if method == "POST" {
        let _ = write!(
            head,
            "Origin: http://127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        );
    }
    if let Some(cookie) = cookie {
        let _ = write!(head, "Cookie: {cookie}\r\n");
    }
    head.push_str("\r\n");
    head.push_str(body);
    stream.write_all(head.as_bytes()).ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let status = answer.split(' ').nth(1)?.parse().ok()?;
    Some((status, answer))
}

/// A port free on 127.0.0.1 just now.
fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Joins as a phone of `city`; its cookie.
fn join(port: u16, code: &str, city: &str) -> String {
    let (status, answer) = request(
        port,
        "POST",
        "/join",
        None,
        &format!("code={code}&city={city}"),
    )
    .unwrap();
    assert_eq!(status, 303, "{answer}");
    let cookie = answer
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

/// Starts the app on the 2020 plan with a room on 127.0.0.1:`port`, goes to the Room view
/// and opens the self-assessment; today's join code.
fn open_room(pane: &Pane, port: u16) -> String {
    let line = format!(
        "{} --store {} run {} --room --bind 127.0.0.1 --port {port}",
        env!("CARGO_BIN_EXE_workshop"),
        pane.store().display(),
        common::session("cifal-jeju-2020-vca").display()
    );
    pane.type_line(&line);
    pane.wait_for("the agenda", |s| s.contains(" NOW ") && s.contains("Room"));
    pane.keys(&["BTab"]);
    let screen = pane.wait_for("the Room view", |s| s.contains("Join code"));
    assert!(
        screen.contains(&format!("http://127.0.0.1:{port}/j/")),
        "{screen}"
    );
    pane.keys(&["o"]);
    pane.wait_for("the self-assessment open", |s| {
        s.contains("open to the phones")
    });
    screen
        .split("Join code ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// What the phones share: the forms thanked, how many were sent, and when to stop.
#[derive(Default)]
struct Tally {
    thanked: Mutex<Vec<String>>,
    sent: AtomicUsize,
    stop: AtomicBool,
}

/// A phone sending one self-assessment after another (each a new form) until told to stop
/// or the app is gone; every thanked form is noted.
fn phone(port: u16, cookie: &str, criteria: &[String], tally: &Tally) {
    for round in 0..40_u32 {
        if tally.stop.load(Ordering::Relaxed) {
            break;
        }
        let Some((200, form_page)) = request(port, "GET", "/assess", Some(cookie), "") else {
            std::thread::sleep(Duration::from_millis(250));
            continue;
        };
        let form = form_page.split("name=\"form\" value=\"").nth(1).unwrap()[..32].to_owned();
        let mut body = format!("form={form}");
        for criterion in criteria {
            let _ = write!(body, "&level-{criterion}={}", 1 + round % 5);
        }
        tally.sent.fetch_add(1, Ordering::Relaxed);
        match request(port, "POST", "/assess", Some(cookie), &body) {
            Some((200, thanks)) if thanks.contains("saved on the facilitator") => {
                tally.thanked.lock().unwrap().push(form);
            }
            Some((429, _)) => std::thread::sleep(Duration::from_millis(250)),
            // Killed: the connection fails or closes unanswered.
            _ => {}
        }
    }
}

#[test]
fn no_phone_is_thanked_for_a_form_the_store_does_not_hold_after_kill_9() {
    let pane = Pane::new();
    let port = free_port();
    let code = open_room(&pane, port);
    let plan = common::plan_2020();
    let criteria = common::criterion_ids(&workshop::state::State::new(plan.clone()));
    let tally = Arc::new(Tally::default());
    let phones: Vec<_> = plan
        .cities()
        .iter()
        .take(6)
        .map(|city| {
            let cookie = join(port, &code, city);
            let (tally, criteria) = (Arc::clone(&tally), criteria.clone());
            std::thread::spawn(move || phone(port, &cookie, &criteria, &tally))
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(30);
    while tally.thanked.lock().unwrap().len() < 15 {
        assert!(
            Instant::now() < deadline,
            "only {} thanked",
            tally.thanked.lock().unwrap().len()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    pane.signal("-KILL");
    tally.stop.store(true, Ordering::Relaxed);
    for phone in phones {
        phone.join().unwrap();
    }
    pane.wait_for("the shell after the kill", |s| {
        s.replace('\n', "").contains("Killed")
    });
    pane.type_line("reset");
    pane.wait_for("the reset prompt", prompt_back);
    let thanked: Vec<String> = tally.thanked.lock().unwrap().clone();
    let run = workshop::run::Run::open(plan, &pane.store()).unwrap();
    let held: HashSet<String> = run
        .history()
        .log()
        .iter()
        .filter_map(|r| match &r.event {
            Event::DeviceAssessed { form, .. } => Some(form.clone()),
            _ => None,
        })
        .collect();
    let lost: Vec<&String> = thanked.iter().filter(|f| !held.contains(*f)).collect();
    assert!(lost.is_empty(), "thanked but not in the store: {lost:?}");
    eprintln!(
        "{} forms sent, {} thanked, {} in the store after kill -9",
        tally.sent.load(Ordering::Relaxed),
        thanked.len(),
        held.len()
    );
}
