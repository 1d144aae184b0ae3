//! Forty phones send a whole self-assessment at the same moment to the room served on
//! 127.0.0.1 (and nowhere else): the app, on its own loop with a real sled store, decides,
//! writes durably and answers each. Prints the answer times (median, 90th and 99th
//! percentile, over `WORKSHOP_ROOM_ROUNDS` bursts), the app's frame time while the
//! submissions arrive (the Room and Assessment views drawn after each, 120x40), and the
//! process's resident memory with the devices joined. `cargo bench --bench room`.
#![allow(clippy::unwrap_used)]
// Percentiles and megabytes of a few hundred samples: no precision is at stake.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use workshop::room::{Room, RoomConfig, RoomPlan};
use workshop::run::Run;
use workshop::tui::app::App;
use workshop::tui::ui::View;

const PHONES: usize = 40;

fn request(
    at: SocketAddr,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> (u16, String) {
    let mut stream = TcpStream::connect(at).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {at}\r\nConnection: close\r\n");
    if method == "POST" {
        let _ = write!(
            head,
            "Origin: http://{at}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        );
    }
    if let Some(cookie) = cookie {
        let _ = write!(head, "Cookie: {cookie}\r\n");
    }
    head.push_str("\r\n");
    head.push_str(body);
    stream.write_all(head.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    (answer.split(' ').nth(1).unwrap().parse().unwrap(), answer)
}

fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

/// What the app's thread gives back: the newest event and the frame times.
type Finished = (u64, Vec<Duration>);

/// Where the app says it serves, how to stop it, and its thread.
type Started = (
    std::sync::mpsc::Receiver<(SocketAddr, Arc<Room>)>,
    tokio::sync::oneshot::Sender<()>,
    std::thread::JoinHandle<Finished>,
);

/// The app with a room on 127.0.0.1 on a thread of its own, taking submissions and drawing
/// a frame after each as `workshop run --room` does; where it serves, and how to stop it.
fn start_app(run: Run) -> Started {
    let (ready, started) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app_thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let mut app = App::new(run, "store".into(), Utc::now);
            app.overlap_syncs();
            let (sender, mut submissions) = tokio::sync::mpsc::channel(64);
            let today = app.state().zone().local(Utc::now()).date();
            let room = Room::new(RoomPlan::of(app.state()), sender, today);
            let config = RoomConfig { bind: Some([127, 0, 0, 1].into()), port: 0 };
            let bound = workshop::room::bind(config, &room).await.unwrap();
            app.open_room(Arc::clone(&room));
            ready.send((bound[0], room)).unwrap();
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            let mut frames = Vec::new();
            let mut stopped = stopped;
            loop {
                tokio::select! {
                    Some(submission) = submissions.recv() => {
                        app.take_submission(submission);
                        // As the app's loop does: a frame after each, then the server's
                        // tasks write the answer.
                        app.ui.view = if frames.len() % 2 == 0 { View::Room } else { View::Assessment };
                        let start = Instant::now();
                        terminal.draw(|f| workshop::tui::views::draw(f, app.state(), &app.ui)).unwrap();
                        frames.push(start.elapsed());
                        tokio::task::yield_now().await;
                    }
                    _ = &mut stopped => break,
                }
            }
            (app.state().applied(), frames)
        })
    });
    (started, stop, app_thread)
}

/// Every phone sends a whole self-assessment at the same moment; each answer's time.
fn burst(at: SocketAddr, cookies: &[String], criteria: &[String], round: usize) -> Vec<Duration> {
    let barrier = Arc::new(Barrier::new(cookies.len()));
    let phones: Vec<_> = cookies
        .iter()
        .map(|cookie| {
            let (cookie, barrier, criteria) =
                (cookie.clone(), Arc::clone(&barrier), criteria.to_vec());
            std::thread::spawn(move || {
                let (_, page) = request(at, "GET", "/assess", Some(&cookie), "");
                let form = page.split("name=\"form\" value=\"").nth(1).unwrap()[..32].to_owned();
                let mut body = format!("form={form}");
                for criterion in &criteria {
                    let _ = write!(
                        body,
                        "&level-{criterion}={}&evidence-{criterion}=Seen+in+round+{round}",
                        1 + round % 5
                    );
                }
                barrier.wait();
                let start = Instant::now();
                let (status, answer) = request(at, "POST", "/assess", Some(&cookie), &body);
                let took = start.elapsed();
                assert!(
                    status == 200 && answer.contains("saved on the facilitator"),
                    "{status}"
                );
                took
            })
        })
        .collect();
    phones.into_iter().map(|p| p.join().unwrap()).collect()
}

fn main() {
    let rounds: usize = std::env::var("WORKSHOP_ROOM_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().unwrap();
    let plan = workshop::plan::load_plan(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sessions/cifal-jeju-2020-vca.json"
    )))
    .unwrap()
    .plan;
    let cities: Vec<String> = plan.cities().iter().map(|c| (*c).to_owned()).collect();
    let run = Run::open(plan, dir.path()).unwrap();
    let (started, stop, app_thread) = start_app(run);
    let (at, room) = started.recv().unwrap();
    let code = room.lock().code.clone();
    let criteria: Vec<String> = room
        .lock()
        .plan
        .criteria
        .iter()
        .map(|c| c.0.clone())
        .collect();
    let cookies: Vec<String> = (0..PHONES)
        .map(|i| {
            let city = &cities[i % cities.len()];
            let (status, answer) = request(
                at,
                "POST",
                "/join",
                None,
                &format!("code={code}&city={city}"),
            );
            assert_eq!(status, 303);
            let cookie = answer
                .lines()
                .find_map(|l| l.strip_prefix("set-cookie: "))
                .unwrap();
            cookie.split(';').next().unwrap().to_owned()
        })
        .collect();
    room.lock().assessment_open = true;
    // The second screen, open throughout: it counts the boards it is sent.
    let key = room.lock().screen_key.clone();
    let screen = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(at).unwrap();
        let head = format!("GET /screen/events?k={key} HTTP/1.1\r\nHost: {at}\r\n\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        let mut seen = Vec::new();
        let mut chunk = [0u8; 16 * 1024];
        while let Ok(n) = stream.read(&mut chunk) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&chunk[..n]);
        }
        String::from_utf8_lossy(&seen)
            .matches("event: board")
            .count()
    });
    let memory_joined = resident_kib();
    let mut times = Vec::new();
    for round in 0..rounds {
        times.extend(burst(at, &cookies, &criteria, round));
        // Every phone here comes from 127.0.0.1, one address for the room (a phone's own
        // limit is a burst of 20, the address's 200 then 40 a second): the next burst waits
        // for the address's allowance to come back, as a room of its own addresses would not.
        std::thread::sleep(Duration::from_millis(2500));
    }
    let memory_after = resident_kib();
    stop.send(()).unwrap();
    let (applied, mut frames) = app_thread.join().unwrap();
    let boards = screen.join().unwrap();
    times.sort();
    frames.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "room: {PHONES} phones x {rounds} bursts, a whole self-assessment each ({} levels with evidence)",
        criteria.len()
    );
    println!(
        "  answer: median {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} answers, every one durable: {} events in the store)",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.9)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap()),
        times.len(),
        applied
    );
    println!(
        "  app frame while they arrive (Room and Assessment views, 120x40): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(percentile(&frames, 0.5)),
        ms(percentile(&frames, 0.99)),
        ms(*frames.last().unwrap())
    );
    println!(
        "  resident memory: {:.1} MB with {PHONES} devices joined and the second screen open, {:.1} MB after the bursts",
        memory_joined as f64 / 1024.0,
        memory_after as f64 / 1024.0
    );
    println!("  the second screen was sent {boards} boards as the levels arrived");
}
