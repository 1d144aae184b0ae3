//! A phone in headless Chromium (mobile emulation) joins the room served on 127.0.0.1 by the
//! real server, fills its city's self-assessment and a feedback form and sends them; the
//! app, running the server on its own loop, saves them, and its Assessment view shows the
//! levels, and a second tab on the second screen (`/screen`) follows by itself. The same
//! with the phone's scripts off: the phone's pages need none. The phone's
//! screenshot is left in `target/room-phone/` (and, with `WORKSHOP_SCREENSHOTS=1`, written
//! to `docs/room-phone.png` for the README).
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod browser;
mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use workshop::room::{Room, RoomConfig, RoomPlan};
use workshop::run::Run;
use workshop::tui::app::App;

/// The app with a room on 127.0.0.1, run on a thread of its own as `workshop run --room`
/// runs it: the server's tasks and the app taking submissions on one loop. Dropping
/// `stop` ends it and gives the app back.
struct Served {
    address: SocketAddr,
    room: Arc<Room>,
    stop: tokio::sync::oneshot::Sender<()>,
    thread: std::thread::JoinHandle<App>,
}

fn serve(dir: &std::path::Path) -> Served {
    let run = Run::open(common::plan_2020(), dir).unwrap();
    let (ready, started) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let mut app = App::new(run, "store".into(), || {
                Utc.with_ymd_and_hms(2020, 4, 3, 0, 30, 0).unwrap()
            });
            let (sender, mut submissions) = tokio::sync::mpsc::channel(8);
            let today = chrono::NaiveDate::from_ymd_opt(2020, 4, 3).unwrap();
            let room = Room::new(RoomPlan::of(app.state()), sender, today);
            let config = RoomConfig {
                bind: Some([127, 0, 0, 1].into()),
                port: 0,
            };
            let bound = workshop::room::bind(config, &room).await.unwrap();
            app.open_room(Arc::clone(&room));
            ready.send((bound[0], room)).unwrap();
            let mut stopped = stopped;
            loop {
                tokio::select! {
                    Some(submission) = submissions.recv() => app.take_submission(submission),
                    _ = &mut stopped => break,
                }
            }
            app
        })
    });
    let (address, room) = started.recv_timeout(Duration::from_secs(20)).unwrap();
    Served {
        address,
        room,
        stop,
        thread,
    }
}

/// Waits (ten seconds at most) for the second screen's count to start with `text`.
fn screen_says(browser: &mut browser::Browser, screen: &browser::Tab, text: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let done = browser.eval(screen, "document.querySelector('.done').innerText");
        if done.as_str().unwrap().starts_with(text) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the screen still says {done}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Leaves the phone's screenshot in `target/room-phone/`, and in `docs/` for the README
/// with `WORKSHOP_SCREENSHOTS=1`.
fn keep_screenshot(shot: &[u8], scripts: bool) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let kept = root.join("target/room-phone");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::write(kept.join(format!("assessment-scripts-{scripts}.png")), shot).unwrap();
    if scripts && std::env::var_os("WORKSHOP_SCREENSHOTS").is_some() {
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::write(root.join("docs/room-phone.png"), shot).unwrap();
    }
}

/// A phone joins as Bangkok, sends a whole self-assessment and a feedback form.
fn a_phone_answers(scripts: bool) {
    let Some(chromium) = browser::chromium() else {
        assert!(
            std::env::var_os("WORKSHOP_REQUIRE_CHROMIUM").is_none(),
            "WORKSHOP_REQUIRE_CHROMIUM is set but Chromium is not installed"
        );
        eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let served = serve(dir.path());
    let base = format!("http://{}", served.address);
    let code = served.room.lock().code.clone();
    let mut browser = browser::Browser::start(&chromium);
    // A second screen, as a projector on another machine would show it.
    let key = served.room.lock().screen_key.clone();
    let screen = browser.phone_tab(true);
    browser.goto(&screen, &format!("{base}/screen?k={key}"));
    let done = browser.eval(&screen, "document.querySelector('.done').innerText");
    assert!(done.as_str().unwrap().starts_with("0 of "), "{done}");
    let phone = browser.phone_tab(scripts);
    browser.goto(&phone, &format!("{base}/j/{code}"));
    let page = browser.eval(&phone, "document.body.innerText");
    assert!(
        page.as_str().unwrap().contains("Join the workshop"),
        "{page}"
    );
    browser.eval(&phone, "document.querySelector('select').value = 'Bangkok'");
    browser.submit(&phone);
    let page = browser.eval(&phone, "document.body.innerText");
    assert!(
        page.as_str()
            .unwrap()
            .contains("This phone answers for Bangkok"),
        "{page}"
    );
    served.room.lock().assessment_open = true;
    served.room.lock().feedback_open = true;
    browser.goto(&phone, &format!("{base}/assess"));
    // Level 4 on every criterion, and evidence on the first.
    let chosen = browser.eval(
        &phone,
        "[...document.querySelectorAll('input[type=radio][value=\"4\"]')].map(r => { r.checked = true; return r.name }).length",
    );
    assert!(chosen.as_u64().unwrap() >= 5, "{chosen}");
    browser.eval(
        &phone,
        "document.querySelector('textarea').value = 'A referral desk at the city hall since 2019'",
    );
    keep_screenshot(&browser.screenshot(&phone), scripts);
    browser.submit(&phone);
    let page = browser.eval(&phone, "document.body.innerText");
    assert!(
        page.as_str()
            .unwrap()
            .contains("saved on the facilitator's laptop"),
        "{page}"
    );
    // The second screen updated by itself (server-sent events), no reload.
    let criteria = served.room.lock().plan.criteria.len();
    screen_says(&mut browser, &screen, &format!("{criteria} of "));
    browser.goto(&phone, &format!("{base}/feedback"));
    let module = served.room.lock().plan.modules[0].0.clone();
    browser.goto(&phone, &format!("{base}/feedback?m={module}"));
    browser.eval(
        &phone,
        "document.querySelector('input[name=usefulness][value=\"5\"]').checked = true; document.querySelector('input[name=interest][value=\"4\"]').checked = true",
    );
    browser.submit(&phone);
    let page = browser.eval(&phone, "document.body.innerText");
    assert!(page.as_str().unwrap().contains("saved"), "{page}");
    drop(browser);

    served.stop.send(()).unwrap();
    let app = served.thread.join().unwrap();
    let state = app.state();
    let criteria = common::criterion_ids(state);
    for criterion in &criteria {
        assert_eq!(
            state.self_level("Bangkok", criterion),
            Some(4),
            "{criterion}"
        );
    }
    assert_eq!(
        state.evidence("Bangkok", &criteria[0]),
        ["A referral desk at the city hall since 2019"]
    );
    assert_eq!(state.feedback_forms(), 1);
    // The app's Assessment view shows the phone's levels.
    let mut ui = app.ui.clone();
    ui.view = workshop::tui::ui::View::Assessment;
    let screen = common::screen(state, &ui, 120, 40);
    assert!(screen.contains("Bangkok"), "{screen}");
    assert!(screen.contains("4 "), "{screen}");
}

#[test]
fn a_phone_joins_and_answers_with_its_scripts_on() {
    a_phone_answers(true);
}

#[test]
fn a_phone_joins_and_answers_with_its_scripts_off() {
    a_phone_answers(false);
}
