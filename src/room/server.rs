//! The room's HTTP server (axum): joining by the day's code, a phone's page, and its city's
//! self-assessment. Nothing else is served. Every request passes one guard first: a rate
//! limit per address and per device, the `Host` one of the room's own addresses, a post
//! only from the room's own pages, a time limit, and headers that keep pages to themselves.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{
    ConnectInfo, DefaultBodyLimit, Form, FromRequestParts, Path, Query, Request, State,
};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::oneshot;

use super::pages;
use super::words::{ENGLISH, Words};
use super::{Answer, Device, Room, RoomConfig, Submission, device_secret};
use crate::event::{FeedbackForm, Question, Score};
use crate::state::{AssessmentCommand, Command, FeedbackCommand};

/// The largest body a phone may send: a whole self-assessment with evidence is a few KiB.
pub const MOST_BODY: usize = 16 * 1024;
/// How long a request may take, the wait for the app's answer included.
const REQUEST_TIME: Duration = Duration::from_secs(10);
/// The cookie that names a device.
const COOKIE: &str = "workshop-device";

/// What the handlers share: the room, the words, and the rate limits.
#[derive(Clone)]
struct Served {
    room: Arc<Room>,
    words: &'static Words,
    /// Per address: generous, as a whole room may reach the laptop through one address (a
    /// router that hides its phones); it stops a flood, not a room.
    per_address: Arc<DefaultKeyedRateLimiter<String>>,
    /// Per device: what one phone needs, and no more.
    per_device: Arc<DefaultKeyedRateLimiter<String>>,
}

/// `burst` requests at once, then `per_second`.
fn quota(per_second: u32, burst: u32) -> Quota {
    Quota::per_second(NonZeroU32::new(per_second).unwrap_or(NonZeroU32::MIN))
        .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN))
}

/// The server's routes over `room`, each behind the guard.
pub fn router(room: Arc<Room>) -> Router {
    let served = Served {
        room,
        words: &ENGLISH,
        per_address: Arc::new(RateLimiter::keyed(quota(40, 200))),
        per_device: Arc::new(RateLimiter::keyed(quota(5, 20))),
    };
    Router::new()
        .route("/j/{code}", get(join_page))
        .route("/join", axum::routing::post(join))
        .route("/me", get(home))
        .route("/assess", get(assessment_page).post(assessment))
        .route("/peer", get(peer_page).post(peer))
        .route("/feedback", get(feedback_page).post(feedback))
        .route("/screen", get(screen))
        .route("/screen.js", get(screen_script))
        .route("/screen/events", get(screen_events))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MOST_BODY))
        .layer(middleware::from_fn_with_state(served.clone(), guard))
        .with_state(served)
}

/// Binds the room's addresses (`--bind`, else every private IPv4 address of this laptop,
/// else loopback) on `--port`, serves the room there, and says where in the room's state.
pub async fn bind(config: RoomConfig, room: &Arc<Room>) -> std::io::Result<Vec<SocketAddr>> {
    let addresses: Vec<IpAddr> = match config.bind {
        Some(address) => vec![address],
        None => {
            let private: Vec<IpAddr> = if_addrs::get_if_addrs()
                .unwrap_or_default()
                .into_iter()
                .map(|i| i.ip())
                .filter(|ip| matches!(ip, IpAddr::V4(v4) if v4.is_private()))
                .collect();
            if private.is_empty() {
                vec![IpAddr::from([127, 0, 0, 1])]
            } else {
                private
            }
        }
    };
    let mut bound = Vec::new();
    for address in addresses {
        let listener = tokio::net::TcpListener::bind((address, config.port)).await?;
        let at = listener.local_addr()?;
        bound.push(at);
        let app = router(Arc::clone(room)).into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move {
            // A failed accept loop ends this address only; the Room view still lists it.
            let _ = axum::serve(listener, app).await;
        });
    }
    let mut state = room.lock();
    state.addresses = bound.iter().map(|a| format!("http://{a}")).collect();
    state.hosts = bound.iter().map(ToString::to_string).collect();
    drop(state);
    room.changed.notify_one();
    Ok(bound)
}

/// The guard every request passes, in order: the rate limits, the `Host`, a post's origin,
/// the time limit; then the headers every answer carries.
async fn guard(State(served): State<Served>, request: Request, next: Next) -> Response {
    let words = served.words;
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
    let device = device_cookie(request.headers());
    let limited = served.per_address.check_key(&address).is_err()
        || device.is_some_and(|d| served.per_device.check_key(&d.to_owned()).is_err());
    let mut response = if limited {
        refusal(words, StatusCode::TOO_MANY_REQUESTS, words.too_many)
    } else if !own_host(&served.room, request.headers()) {
        refusal(words, StatusCode::MISDIRECTED_REQUEST, words.not_found)
    } else if request.method() == Method::POST && !same_origin(request.headers()) {
        refusal(words, StatusCode::FORBIDDEN, words.other_site)
    } else {
        match tokio::time::timeout(REQUEST_TIME, next.run(request)).await {
            Ok(response) => response,
            Err(_) => refusal(words, StatusCode::REQUEST_TIMEOUT, words.busy),
        }
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Not "no-referrer": a browser would then send `Origin: null` with the room's own
        // posts, and the origin check would refuse them.
        (header::REFERRER_POLICY, "same-origin"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        // A page that needs more (the second screen's script) says so itself.
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    }
    response
}

/// Whether the request names one of the room's own addresses: a page fetched through
/// another name (a rebinding attack) is not served.
fn own_host(room: &Room, headers: &HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    room.lock().hosts.iter().any(|h| h == host)
}

/// Whether a post comes from the room's own pages: its `Origin` (or, without one, its
/// `Referer`) is this host's.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let own = format!("http://{host}");
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    match (text(header::ORIGIN), text(header::REFERER)) {
        (Some(origin), _) => origin == own,
        (None, Some(referer)) => referer == own || referer.starts_with(&format!("{own}/")),
        // A browser always says where a post comes from; a program posting by itself can
        // forge nothing it does not already hold.
        (None, None) => true,
    }
}

/// The device cookie's value, if the request carries one.
fn device_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

/// The phone a request comes from: a handler that takes it answers only phones that
/// joined and were not revoked; any other gets the page that says how to join.
struct Joined(Device);

impl FromRequestParts<Served> for Joined {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, served: &Served) -> Result<Self, Response> {
        device_of(served, &parts.headers)
            .map(Joined)
            .ok_or_else(|| refusal(served.words, StatusCode::FORBIDDEN, served.words.not_joined))
    }
}

/// The device a request comes from, if it joined and was not revoked.
fn device_of(served: &Served, headers: &HeaderMap) -> Option<Device> {
    let secret = device_cookie(headers)?;
    served.room.lock().device(secret).cloned()
}

fn html(status: StatusCode, page: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

fn refusal(words: &Words, status: StatusCode, text: &str) -> Response {
    html(status, pages::message(words, words.refused, text, true))
}

async fn not_found(State(served): State<Served>) -> Response {
    refusal(served.words, StatusCode::NOT_FOUND, served.words.not_found)
}

async fn join_page(State(served): State<Served>, Path(code): Path<String>) -> Response {
    let state = served.room.lock();
    if !code.eq_ignore_ascii_case(&state.code) {
        return refusal(served.words, StatusCode::NOT_FOUND, served.words.wrong_code);
    }
    html(
        StatusCode::OK,
        pages::join(served.words, &state.plan, &state.code),
    )
}

async fn join(State(served): State<Served>, Form(form): Form<HashMap<String, String>>) -> Response {
    let words = served.words;
    let field = |name: &str| form.get(name).map_or("", |v| v.trim());
    let mut state = served.room.lock();
    if !field("code").eq_ignore_ascii_case(&state.code) {
        return refusal(words, StatusCode::FORBIDDEN, words.wrong_code);
    }
    let Some(city) = state
        .plan
        .cities
        .iter()
        .find(|c| *c == field("city"))
        .cloned()
    else {
        return refusal(words, StatusCode::UNPROCESSABLE_ENTITY, words.pick_city);
    };
    let Some(secret) = device_secret() else {
        return refusal(words, StatusCode::SERVICE_UNAVAILABLE, words.busy);
    };
    let number = state.devices.iter().filter(|d| d.city == city).count() + 1;
    let name = format!("{city} {number}");
    state.devices.push(Device {
        secret: secret.clone(),
        name: name.clone(),
        city,
        joined: chrono::Utc::now(),
        revoked: false,
    });
    state.said(format!("{name} joined"));
    drop(state);
    served.room.changed.notify_one();
    let cookie = format!("{COOKIE}={secret}; HttpOnly; SameSite=Strict; Path=/");
    let mut response = Redirect::to("/me").into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

async fn home(State(served): State<Served>, Joined(device): Joined) -> Response {
    let open = {
        let state = served.room.lock();
        pages::Open {
            assessment: state.assessment_open,
            peers: state.peers_open,
            feedback: state.feedback_open,
        }
    };
    html(
        StatusCode::OK,
        pages::home(served.words, &device.city, open),
    )
}

async fn assessment_page(State(served): State<Served>, Joined(device): Joined) -> Response {
    let words = served.words;
    let state = served.room.lock();
    if !state.assessment_open {
        return refusal(words, StatusCode::FORBIDDEN, words.closed);
    }
    let Some(form) = device_secret() else {
        return refusal(words, StatusCode::SERVICE_UNAVAILABLE, words.busy);
    };
    html(
        StatusCode::OK,
        pages::assessment(words, &state.plan, &device.city, &form),
    )
}

async fn assessment(
    State(served): State<Served>,
    Joined(device): Joined,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let words = served.words;
    let criteria = {
        let state = served.room.lock();
        if !state.assessment_open {
            return refusal(words, StatusCode::FORBIDDEN, words.closed);
        }
        state.plan.criteria.clone()
    };
    if let Some(city) = form.get("city").filter(|c| **c != device.city) {
        let why = format!(
            "this phone answers for {}, not for {}",
            device.city,
            crate::safe_text::neutralise(city)
        );
        return refusal(words, StatusCode::FORBIDDEN, &why);
    }
    let Some(id) = form_id(&form) else {
        return refusal(words, StatusCode::UNPROCESSABLE_ENTITY, words.not_found);
    };
    let levels = levels_of(&form, &criteria, &device.city, None);
    send_levels(&served, words.assessment_heading, device, id, levels).await
}

/// A form's levels (or why they cannot be read) sent to the app as `device`'s form `id`,
/// answered with the app's word under `title`.
async fn send_levels(
    served: &Served,
    title: &str,
    device: Device,
    id: String,
    levels: Result<Vec<Score>, String>,
) -> Response {
    let words = served.words;
    let scores = match levels {
        Ok(scores) => scores,
        Err(why) => return refusal(words, StatusCode::UNPROCESSABLE_ENTITY, &why),
    };
    let command = Command::Assessment(AssessmentCommand::FromDevice {
        device: device.name.clone(),
        form: id,
        scores,
    });
    answered(words, title, ask_app(served, device.name, command).await)
}

/// The page for the app's answer (`None`: no answer in time).
fn answered(words: &Words, title: &str, answer: Option<Answer>) -> Response {
    match answer {
        Some(Answer::Thanks { again }) => html(
            StatusCode::OK,
            pages::message(
                words,
                title,
                if again {
                    words.thanks_again
                } else {
                    words.thanks
                },
                false,
            ),
        ),
        Some(Answer::Refused(why)) => refusal(words, StatusCode::UNPROCESSABLE_ENTITY, &why),
        Some(Answer::NotSaved) => refusal(words, StatusCode::SERVICE_UNAVAILABLE, words.not_saved),
        None => refusal(words, StatusCode::SERVICE_UNAVAILABLE, words.busy),
    }
}

/// A form's random id, if it has a well-formed one.
fn form_id(form: &HashMap<String, String>) -> Option<String> {
    let id = form.get("form").map_or("", |f| f.trim());
    (!id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| id.to_owned())
}

/// The levels a form gives, one a criterion answered: `city`'s own, or `rater`'s rating
/// of it; evidence where the form has it. A value that is not a number says so.
fn levels_of(
    form: &HashMap<String, String>,
    criteria: &[(String, String, String)],
    city: &str,
    rater: Option<&str>,
) -> Result<Vec<Score>, String> {
    let mut scores = Vec::new();
    for (criterion, title, _) in criteria {
        let Some(level) = form.get(&format!("level-{criterion}")) else {
            continue;
        };
        let Ok(level) = level.trim().parse::<u8>() else {
            return Err(format!(
                "{title}: `{}` is not a level",
                crate::safe_text::neutralise(level)
            ));
        };
        scores.push(Score {
            rater: rater.map(str::to_owned),
            city: city.to_owned(),
            criterion: criterion.clone(),
            level,
            note: form.get(&format!("evidence-{criterion}")).cloned(),
        });
    }
    Ok(scores)
}

/// The other cities to rate, or the rating form of one (`?c=INDEX`).
async fn peer_page(
    State(served): State<Served>,
    Joined(device): Joined,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let words = served.words;
    let state = served.room.lock();
    if !state.peers_open {
        return refusal(words, StatusCode::FORBIDDEN, words.closed);
    }
    let chosen = query
        .get("c")
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|i| state.plan.cities.get(*i).is_some_and(|c| *c != device.city));
    match (chosen, device_secret()) {
        (Some(index), Some(form)) => html(
            StatusCode::OK,
            pages::peer(words, &state.plan, index, &form),
        ),
        _ => html(
            StatusCode::OK,
            pages::peer_cities(words, &state.plan, &device.city),
        ),
    }
}

/// A rating of another city, sent as this device's city's.
async fn peer(
    State(served): State<Served>,
    Joined(device): Joined,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let words = served.words;
    let (criteria, rated) = {
        let state = served.room.lock();
        if !state.peers_open {
            return refusal(words, StatusCode::FORBIDDEN, words.closed);
        }
        let rated = form
            .get("c")
            .and_then(|c| c.parse::<usize>().ok())
            .and_then(|i| state.plan.cities.get(i).cloned());
        (state.plan.criteria.clone(), rated)
    };
    let (Some(id), Some(rated)) = (form_id(&form), rated) else {
        return refusal(words, StatusCode::UNPROCESSABLE_ENTITY, words.not_found);
    };
    let levels = levels_of(&form, &criteria, &rated, Some(&device.city));
    send_levels(&served, words.peers_heading, device, id, levels).await
}

/// The modules to give feedback on, or the form for one (`?m=ID`, or `overall`).
async fn feedback_page(
    State(served): State<Served>,
    _joined: Joined,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let words = served.words;
    let state = served.room.lock();
    if !state.feedback_open {
        return refusal(words, StatusCode::FORBIDDEN, words.closed);
    }
    let module = query.get("m").map(String::as_str);
    let title = match module {
        Some("overall") => Some(words.overall.to_owned()),
        Some(id) => state
            .plan
            .modules
            .iter()
            .find(|(m, _)| m == id)
            .map(|(_, title)| title.clone()),
        None => None,
    };
    match (module, title) {
        (Some(id), Some(title)) => html(StatusCode::OK, pages::feedback(words, id, &title)),
        _ => html(StatusCode::OK, pages::feedback_modules(words, &state.plan)),
    }
}

/// One anonymous feedback form: nothing of the device goes with it; one form a device a
/// module, known by a keyed hash held in memory only.
async fn feedback(
    State(served): State<Served>,
    Joined(device): Joined,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let words = served.words;
    if !served.room.lock().feedback_open {
        return refusal(words, StatusCode::FORBIDDEN, words.closed);
    }
    let module = form.get("m").map_or("", |m| m.trim()).to_owned();
    let answer = |name: &str| form.get(name).and_then(|a| a.trim().parse::<u8>().ok());
    let answers: Vec<(Question, u8)> = if module == "overall" {
        answer("overall")
            .map(|a| (Question::Overall, a))
            .into_iter()
            .collect()
    } else {
        [
            (
                Question::Usefulness {
                    module: module.clone(),
                },
                answer("usefulness"),
            ),
            (
                Question::Interest {
                    module: module.clone(),
                },
                answer("interest"),
            ),
        ]
        .into_iter()
        .filter_map(|(q, a)| a.map(|a| (q, a)))
        .collect()
    };
    if !served.room.give_feedback(&device.secret, &module) {
        return answered(
            words,
            words.feedback_heading,
            Some(Answer::Thanks { again: true }),
        );
    }
    let command = Command::Feedback(FeedbackCommand::GiveFeedback(FeedbackForm { answers }));
    // Said in the feed without the device: the form is anonymous there too.
    let answer = ask_app(&served, "A phone".to_owned(), command).await;
    if !matches!(answer, Some(Answer::Thanks { .. })) {
        served.room.feedback_not_given(&device.secret, &module);
    }
    answered(words, words.feedback_heading, answer)
}

/// Whether `query` carries the second screen's key.
fn screen_key(served: &Served, query: &HashMap<String, String>) -> bool {
    let key = served.room.lock().screen_key.clone();
    !key.is_empty() && query.get("k").is_some_and(|k| *k == key)
}

/// The second screen: the comparison's heat map and how much is done, read-only.
async fn screen(
    State(served): State<Served>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if !screen_key(&served, &query) {
        return refusal(served.words, StatusCode::FORBIDDEN, served.words.not_found);
    }
    let (title, board) = {
        let state = served.room.lock();
        (state.plan.title.clone(), pages::board(&state.board))
    };
    let mut response = html(StatusCode::OK, pages::screen(served.words, &title, &board));
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    response
}

async fn screen_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        pages::SCREEN_SCRIPT,
    )
        .into_response()
}

/// The board, sent again whenever it changes (server-sent events).
async fn screen_events(
    State(served): State<Served>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if !screen_key(&served, &query) {
        return refusal(served.words, StatusCode::FORBIDDEN, served.words.not_found);
    }
    let changes = served.room.board_changed.subscribe();
    let room = Arc::clone(&served.room);
    let stream = futures::stream::unfold(
        (changes, room, true),
        |(mut changes, room, first)| async move {
            if !first {
                changes.changed().await.ok()?;
            }
            let board = pages::board(&room.lock().board);
            let event = Event::default()
                .event("board")
                .data(board.replace('\n', " "));
            Some((
                Ok::<_, std::convert::Infallible>(event),
                (changes, room, false),
            ))
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// Hands `command` to the app and waits for its answer: sent once the event is on disk.
/// `None` when the app is gone or did not answer in time.
async fn ask_app(served: &Served, device: String, command: Command) -> Option<Answer> {
    let (reply, answer) = oneshot::channel();
    let submission = Submission {
        device,
        command,
        reply,
    };
    served.room.submissions.send(submission).await.ok()?;
    answer.await.ok()
}
