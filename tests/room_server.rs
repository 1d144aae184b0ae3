//! The room server's handlers, called with tower's `oneshot` (no socket), and the real app
//! taking what the phones send: joining by the day's code, a self-assessment saved before
//! it is thanked, a resend not doubled, and every refusal a participant can act on.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response, StatusCode, header};
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use tokio::sync::mpsc;
use tower::ServiceExt;
use workshop::event::Event;
use workshop::room::{Room, RoomPlan, Submission, router};
use workshop::run::Run;
use workshop::tui::app::App;

const HOST: &str = "127.0.0.1:8080";

struct Setup {
    app: App,
    room: Arc<Room>,
    router: Router,
    submissions: mpsc::Receiver<Submission>,
    _dir: tempfile::TempDir,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let run = Run::open(common::plan_2020(), dir.path()).unwrap();
    let mut app = App::new(run, "store".into(), || {
        Utc.with_ymd_and_hms(2020, 4, 3, 0, 30, 0).unwrap()
    });
    let (sender, submissions) = mpsc::channel(8);
    let today = chrono::NaiveDate::from_ymd_opt(2020, 4, 3).unwrap();
    let room = Room::new(RoomPlan::of(app.state()), sender, today);
    {
        let mut state = room.lock();
        state.addresses = vec![format!("http://{HOST}")];
        state.hosts = vec![HOST.to_owned()];
    }
    app.open_room(Arc::clone(&room));
    let router = router(Arc::clone(&room));
    Setup {
        app,
        room,
        router,
        submissions,
        _dir: dir,
    }
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::HOST, HOST);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    with_peer(request.body(Body::empty()).unwrap(), 10)
}

fn post(path: &str, cookie: Option<&str>, body: &str) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    with_peer(request.body(Body::from(body.to_owned())).unwrap(), 10)
}

/// The request as if from the phone at 192.168.1.`n`.
fn with_peer(mut request: Request<Body>, n: u8) -> Request<Body> {
    let peer = SocketAddr::from(([192, 168, 1, n], 50_000));
    request.extensions_mut().insert(ConnectInfo(peer));
    request
}

async fn text(response: Response<Body>) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

impl Setup {
    async fn call(&self, request: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(request).await.unwrap()
    }

    /// Joins as a phone of `city`; its cookie.
    async fn join(&self, city: &str) -> String {
        let code = self.room.lock().code.clone();
        let page = self.call(get(&format!("/j/{code}"), None)).await;
        assert_eq!(page.status(), StatusCode::OK);
        let body = format!("code={code}&city={city}");
        let joined = self.call(post("/join", None, &body)).await;
        assert_eq!(joined.status(), StatusCode::SEE_OTHER);
        let cookie = joined.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        cookie.split(';').next().unwrap().to_owned()
    }

    /// Posts a form and plays the app's part: takes the submission, as its loop does.
    async fn send(&mut self, request: Request<Body>) -> (StatusCode, String) {
        let router = self.router.clone();
        let call = tokio::spawn(async move { router.oneshot(request).await.unwrap() });
        // The handler may answer without asking the app (a refusal at the door).
        tokio::task::yield_now().await;
        let response = loop {
            if call.is_finished() {
                break call.await.unwrap();
            }
            if let Ok(submission) = self.submissions.try_recv() {
                self.app.take_submission(submission);
            }
            tokio::task::yield_now().await;
        };
        let status = response.status();
        (status, text(response).await)
    }

    fn device_events(&self) -> usize {
        self.app
            .run()
            .history()
            .log()
            .iter()
            .filter(|r| matches!(r.event, Event::DeviceAssessed { .. }))
            .count()
    }
}

fn levels(pairs: &[(&str, &str)], form: &str) -> String {
    let mut body = format!("form={form}");
    for (criterion, level) in pairs {
        let _ = write!(body, "&level-{criterion}={level}");
    }
    body
}

#[tokio::test]
async fn a_phone_joins_by_the_days_code_and_its_city_is_saved_before_it_is_thanked() {
    let mut s = setup();
    let wrong = s.call(get("/j/ZZZZZ", None)).await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    assert!(text(wrong).await.contains("not today"));
    let cookie = s.join("Bangkok").await;
    let home = s.call(get("/me", Some(&cookie))).await;
    assert!(text(home).await.contains("Nothing is open"));
    let closed = s.call(get("/assess", Some(&cookie))).await;
    assert_eq!(closed.status(), StatusCode::FORBIDDEN);
    s.room.lock().assessment_open = true;
    let page = text(s.call(get("/assess", Some(&cookie))).await).await;
    assert!(page.contains("Self-assessment: Bangkok"), "{page}");
    let criteria = common::criterion_ids(s.app.state());
    let chosen: Vec<(&str, &str)> = criteria.iter().map(|c| (c.as_str(), "3")).collect();
    let mut body = levels(&chosen, "a1b2c3");
    let _ = write!(body, "&evidence-{}=A+referral+desk+since+2018", criteria[0]);
    let (status, page) = s.send(post("/assess", Some(&cookie), &body)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("saved on the facilitator"), "{page}");
    // Thanked only once durable: nothing is pending, and the event is in the log.
    assert!(!s.app.is_pending());
    assert_eq!(s.device_events(), 1);
    let state = s.app.state();
    assert_eq!(state.self_level("Bangkok", &criteria[0]), Some(3));
    // The Room view says who sent what.
    let feed = &s.app.ui.room.as_ref().unwrap().feed;
    assert!(
        feed.iter()
            .any(|l| l.contains("Bangkok 1 sent Bangkok's self-assessment")),
        "{feed:?}"
    );
}

#[tokio::test]
async fn a_resend_of_the_same_form_is_thanked_and_not_doubled() {
    let mut s = setup();
    let cookie = s.join("Hanoi").await;
    s.room.lock().assessment_open = true;
    let criteria = common::criterion_ids(s.app.state());
    let body = levels(&[(&criteria[0], "2")], "f00d");
    let (first, _) = s.send(post("/assess", Some(&cookie), &body)).await;
    let (again, page) = s.send(post("/assess", Some(&cookie), &body)).await;
    assert_eq!((first, again), (StatusCode::OK, StatusCode::OK));
    assert!(page.contains("had already arrived"), "{page}");
    assert_eq!(s.device_events(), 1);
}

#[tokio::test]
async fn a_bad_level_is_refused_with_its_reason() {
    let mut s = setup();
    let cookie = s.join("Hanoi").await;
    s.room.lock().assessment_open = true;
    let criteria = common::criterion_ids(s.app.state());
    let (status, page) = s
        .send(post(
            "/assess",
            Some(&cookie),
            &levels(&[(&criteria[0], "7")], "beef"),
        ))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("level 7 is not on the scale (1, 2, 3, 4, 5, or 0 for unknown)"),
        "{page}"
    );
    let (status, page) = s
        .send(post(
            "/assess",
            Some(&cookie),
            &levels(&[(&criteria[0], "high")], "beef"),
        ))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("`high` is not a level"), "{page}");
    assert_eq!(s.device_events(), 0);
}

#[tokio::test]
async fn a_device_writing_for_another_city_is_refused() {
    let mut s = setup();
    let cookie = s.join("Hanoi").await;
    s.room.lock().assessment_open = true;
    let criteria = common::criterion_ids(s.app.state());
    let mut body = levels(&[(&criteria[0], "4")], "cafe");
    body.push_str("&city=Bangkok");
    let (status, page) = s.send(post("/assess", Some(&cookie), &body)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        page.contains("this phone answers for Hanoi, not for Bangkok"),
        "{page}"
    );
    assert_eq!(s.device_events(), 0);
    // A revoked device sends nothing more.
    s.room.lock().devices[0].revoked = true;
    let (status, _) = s
        .send(post(
            "/assess",
            Some(&cookie),
            &levels(&[(&criteria[0], "4")], "cafe"),
        ))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_cross_origin_post_another_host_and_too_large_a_body_are_refused() {
    let s = setup();
    let code = s.room.lock().code.clone();
    let mut forged = post("/join", None, &format!("code={code}&city=Hanoi"));
    forged
        .headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    let refused = s.call(forged).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(text(refused).await.contains("sent from another page"));
    let mut rebound = get(&format!("/j/{code}"), None);
    rebound
        .headers_mut()
        .insert(header::HOST, "evil.example:8080".parse().unwrap());
    assert_eq!(
        s.call(rebound).await.status(),
        StatusCode::MISDIRECTED_REQUEST
    );
    let huge = format!("code={code}&city={}", "x".repeat(20 * 1024));
    assert_eq!(
        s.call(post("/join", None, &huge)).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert!(s.room.lock().devices.is_empty());
    let page = s.call(get(&format!("/j/{code}"), None)).await;
    let policy = page.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert_eq!(
        s.call(get("/admin", None)).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_flood_from_one_address_or_one_device_is_answered_429_and_others_are_still_served() {
    let s = setup();
    let mut statuses = Vec::new();
    for _ in 0..260 {
        statuses.push(s.call(get("/me", None)).await.status());
    }
    assert_eq!(statuses[0], StatusCode::FORBIDDEN, "not joined, but served");
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "a whole room's worth is let through, a flood is not"
    );
    let other = with_peer(
        Request::get("/me")
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
        11,
    );
    assert_eq!(s.call(other).await.status(), StatusCode::FORBIDDEN);
    // One device: a phone's worth of requests, then 429, from any address.
    let device = "workshop-device=0123456789abcdef";
    let mut statuses = Vec::new();
    for n in 0..30 {
        let request = Request::get("/me")
            .header(header::HOST, HOST)
            .header(header::COOKIE, device)
            .body(Body::empty())
            .unwrap();
        statuses.push(s.call(with_peer(request, 100 + n)).await.status());
    }
    assert!(statuses[..20].iter().all(|s| *s == StatusCode::FORBIDDEN));
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn text_from_the_plan_is_escaped_on_the_phone() {
    let s = setup();
    s.room
        .lock()
        .plan
        .cities
        .push("<script>alert(1)</script>\u{202E}".to_owned());
    let code = s.room.lock().code.clone();
    let page = text(s.call(get(&format!("/j/{code}"), None)).await).await;
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("&lt;script&gt;"));
    assert!(!page.contains('\u{202E}'));
}

/// The Room view of a room with two phones, one revoked, and the self-assessment open.
fn room_screen(width: u16, height: u16) -> String {
    let state = workshop::state::State::new(common::plan_2020());
    let mut ui = workshop::tui::ui::Ui::new(
        Utc.with_ymd_and_hms(2020, 4, 3, 0, 30, 0).unwrap(),
        0,
        "store".into(),
    );
    ui.view = workshop::tui::ui::View::Room;
    let joined = Utc.with_ymd_and_hms(2020, 4, 3, 0, 12, 0).unwrap();
    let device = |name: &str, city: &str, revoked: bool| workshop::room::Device {
        secret: String::new(),
        name: name.into(),
        city: city.into(),
        joined,
        revoked,
    };
    let mut room = workshop::room::RoomState {
        code: "KBYGB".into(),
        addresses: vec![
            "http://192.168.8.20:8080".into(),
            "http://10.0.0.5:8080".into(),
        ],
        devices: vec![
            device("Bangkok 1", "Bangkok", false),
            device("Hanoi 1", "Hanoi", true),
        ],
        assessment_open: true,
        screen_key: "5f1e09a2c4b7d3e8".into(),
        ..Default::default()
    };
    room.said("Bangkok 1 joined".into());
    room.said("Bangkok 1 sent Bangkok's self-assessment: 9 levels".into());
    ui.room = Some(room);
    common::screen(&state, &ui, width, height)
}

#[test]
fn the_room_view_shows_how_to_join_who_joined_and_what_arrived() {
    let large = room_screen(120, 40);
    assert!(
        large.contains("http://192.168.8.20:8080/j/KBYGB"),
        "{large}"
    );
    assert!(large.contains("http://10.0.0.5:8080/j/KBYGB"));
    assert!(
        large.contains("Hanoi 1 · joined 09:12 · revoked"),
        "the plan's local time"
    );
    assert!(large.contains("▀"), "the QR code is drawn");
    insta::assert_snapshot!("room_120x40", large);
    let small = room_screen(80, 24);
    assert!(
        small.contains(" Room "),
        "the Room tab fits at 80 columns:\n{small}"
    );
    insta::assert_snapshot!("room_80x24", small);
}

#[tokio::test]
async fn a_phone_rates_other_cities_but_never_its_own() {
    let mut s = setup();
    let cookie = s.join("Hanoi").await;
    let closed = s.call(get("/peer", Some(&cookie))).await;
    assert_eq!(closed.status(), StatusCode::FORBIDDEN);
    s.room.lock().peers_open = true;
    let cities = s.room.lock().plan.cities.clone();
    let list = text(s.call(get("/peer", Some(&cookie))).await).await;
    assert!(
        list.contains("Bangkok") && !list.contains(">Hanoi<"),
        "{list}"
    );
    let bangkok = cities.iter().position(|c| c == "Bangkok").unwrap();
    let hanoi = cities.iter().position(|c| c == "Hanoi").unwrap();
    let criteria = common::criterion_ids(s.app.state());
    let mut body = levels(&[(&criteria[0], "4")], "abcd01");
    let _ = write!(body, "&c={bangkok}");
    let (status, page) = s.send(post("/peer", Some(&cookie), &body)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(
        s.app.state().peer_average("Bangkok", &criteria[0]),
        Some(4.0)
    );
    let feed = &s.app.ui.room.as_ref().unwrap().feed;
    assert!(
        feed.iter()
            .any(|l| l.contains("Hanoi 1 rated Bangkok: 1 level")),
        "{feed:?}"
    );
    let mut own = levels(&[(&criteria[0], "5")], "abcd02");
    let _ = write!(own, "&c={hanoi}");
    let (status, page) = s.send(post("/peer", Some(&cookie), &own)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("Hanoi cannot rate itself as a peer"),
        "{page}"
    );
}

#[tokio::test]
async fn feedback_from_a_phone_is_anonymous_and_one_a_module() {
    let mut s = setup();
    let cookie = s.join("Bangkok").await;
    s.room.lock().feedback_open = true;
    let module = s.room.lock().plan.modules[0].0.clone();
    let list = text(s.call(get("/feedback", Some(&cookie))).await).await;
    assert!(list.contains(&format!("/feedback?m={module}")), "{list}");
    let form = text(
        s.call(get(&format!("/feedback?m={module}"), Some(&cookie)))
            .await,
    )
    .await;
    assert!(form.contains("How useful was it"), "{form}");
    let body = format!("m={module}&usefulness=5&interest=4");
    let (status, page) = s.send(post("/feedback", Some(&cookie), &body)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let (again, page) = s.send(post("/feedback", Some(&cookie), &body)).await;
    assert_eq!(again, StatusCode::OK);
    assert!(page.contains("had already arrived"), "{page}");
    let forms: Vec<String> = s
        .app
        .run()
        .history()
        .log()
        .iter()
        .filter(|r| matches!(r.event, Event::FeedbackGiven { .. }))
        .map(|r| serde_json::to_string(&r.event).unwrap())
        .collect();
    assert_eq!(forms.len(), 1, "one form a phone a module");
    let device = s.room.lock().devices[0].clone();
    assert!(
        !forms[0].contains(&device.secret) && !forms[0].contains("Bangkok"),
        "nothing of the phone is kept with the form: {}",
        forms[0]
    );
    // The workshop as a whole is a form of its own.
    let (status, _) = s
        .send(post("/feedback", Some(&cookie), "m=overall&overall=5"))
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn levels_from_a_phone_are_marked_in_the_exports_and_u_takes_them_back() {
    let mut s = setup();
    let cookie = s.join("Bangkok").await;
    s.room.lock().assessment_open = true;
    let criteria = common::criterion_ids(s.app.state());
    let (status, _) = s
        .send(post(
            "/assess",
            Some(&cookie),
            &levels(&[(&criteria[0], "4")], "0a0b"),
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let at = Utc.with_ymd_and_hms(2020, 4, 3, 9, 0, 0).unwrap();
    let sent_from = |privacy| {
        let files = workshop::export::render(
            s.app.run().history(),
            &[workshop::export::Format::Csv],
            privacy,
            at,
        )
        .unwrap();
        let csv = files
            .iter()
            .find(|f| f.name.ends_with("self-assessments.csv"))
            .unwrap();
        let text = String::from_utf8(csv.bytes.clone()).unwrap();
        text.lines()
            .find(|l| l.starts_with("Bangkok,") && l.contains(&criteria[0]))
            .unwrap()
            .rsplit(',')
            .next()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        sent_from(workshop::export::Privacy::ConsentedNamed),
        "Bangkok 1"
    );
    assert_eq!(sent_from(workshop::export::Privacy::Redacted), "a phone");
    // `u` in the Room view: the newest action was the Assessment view's, so the first `u`
    // says what it would undo and the second takes the phone's levels back.
    s.app.ui.view = workshop::tui::ui::View::Room;
    s.app.act(workshop::tui::keymap::Action::Undo);
    s.app.act(workshop::tui::keymap::Action::Undo);
    assert_eq!(s.app.state().self_level("Bangkok", &criteria[0]), None);
}

#[tokio::test]
async fn the_second_screen_needs_its_key_and_follows_the_levels_as_they_arrive() {
    let mut s = setup();
    let key = s.room.lock().screen_key.clone();
    assert_eq!(key.len(), 16);
    assert_eq!(
        s.call(get("/screen?k=wrong", None)).await.status(),
        StatusCode::FORBIDDEN
    );
    let page = s.call(get(&format!("/screen?k={key}"), None)).await;
    let policy = page.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(policy.contains("script-src 'self'") && policy.contains("connect-src 'self'"));
    let page = text(page).await;
    assert!(
        page.contains("0 of ") && page.contains("/screen.js"),
        "{page}"
    );
    let events = s.call(get(&format!("/screen/events?k={key}"), None)).await;
    assert_eq!(
        events.headers()[header::CONTENT_TYPE].to_str().unwrap(),
        "text/event-stream"
    );
    let mut body = events.into_body();
    let first = next_event(&mut body).await;
    assert!(first.starts_with("event: board"), "{first}");
    // A phone sends Bangkok's levels: the screen hears of them without asking.
    let cookie = s.join("Bangkok").await;
    s.room.lock().assessment_open = true;
    let criteria = common::criterion_ids(s.app.state());
    let (status, _) = s
        .send(post(
            "/assess",
            Some(&cookie),
            &levels(&[(&criteria[0], "5")], "5c7e"),
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let second = next_event(&mut body).await;
    assert!(
        second.contains("1 of ") && second.contains("class=\"l5\""),
        "{second}"
    );
}

/// The next server-sent event's text, within five seconds.
async fn next_event(body: &mut Body) -> String {
    let frame = tokio::time::timeout(std::time::Duration::from_secs(5), body.frame())
        .await
        .expect("an event in time")
        .unwrap()
        .unwrap();
    String::from_utf8(frame.into_data().unwrap().to_vec()).unwrap()
}

#[test]
fn f5_in_the_room_view_puts_the_join_code_on_the_wall() {
    let state = workshop::state::State::new(common::plan_2020());
    let mut ui = workshop::tui::ui::Ui::new(
        Utc.with_ymd_and_hms(2020, 4, 3, 0, 30, 0).unwrap(),
        0,
        "store".into(),
    );
    ui.view = workshop::tui::ui::View::Room;
    ui.mode = workshop::tui::ui::Mode::Projector { blank: false };
    ui.room = Some(workshop::room::RoomState {
        code: "KBYGB".into(),
        addresses: vec!["http://192.168.8.20:8080".into()],
        ..Default::default()
    });
    let keys = workshop::tui::keymap::Keymap::built_in();
    let f5 = ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::F(5));
    assert_eq!(
        keys.action(
            workshop::tui::ui::View::Room,
            &workshop::tui::ui::Mode::Normal,
            f5
        ),
        Some(workshop::tui::keymap::Action::Projector)
    );
    let large = common::screen(&state, &ui, 120, 40);
    assert!(
        large.contains("Scan, or open http://192.168.8.20:8080/j/KBYGB"),
        "{large}"
    );
    assert!(
        large.contains("██"),
        "modules two characters wide at this size:\n{large}"
    );
    insta::assert_snapshot!("room_projector_120x40", large);
    let small = common::screen(&state, &ui, 80, 24);
    assert!(small.contains("Join code KBYGB"), "{small}");
    insta::assert_snapshot!("room_projector_80x24", small);
}

#[tokio::test]
async fn the_facilitator_renames_a_device_and_moves_it_to_another_city() {
    use workshop::tui::keymap::Action;
    let mut s = setup();
    let cookie = s.join("Bangkok").await;
    s.app.ui.view = workshop::tui::ui::View::Room;
    s.app.act(Action::EditLine);
    let workshop::tui::ui::Mode::Input(input) = &mut s.app.ui.mode else {
        panic!("no name field: {:?}", s.app.ui.mode);
    };
    assert_eq!(input.text, "Bangkok 1");
    input.text = "Bangkok 1 (Kanya)".into();
    s.app.act(Action::Confirm);
    assert!(matches!(s.app.ui.mode, workshop::tui::ui::Mode::Normal));
    assert_eq!(s.room.lock().devices[0].name, "Bangkok 1 (Kanya)");
    // Moved: the phone now answers for the next city, and its page says so.
    s.app.act(Action::NextCity);
    let city = s.room.lock().devices[0].city.clone();
    assert_ne!(city, "Bangkok");
    let home = text(s.call(get("/me", Some(&cookie))).await).await;
    assert!(home.contains(&format!("<strong>{city}</strong>")), "{home}");
    let feed = &s.app.ui.room.as_ref().unwrap().feed;
    assert!(
        feed.iter()
            .any(|l| l == &format!("Bangkok 1 (Kanya) now answers for {city}")),
        "{feed:?}"
    );
}
