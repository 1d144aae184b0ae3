//! The phone pages: small, plain HTML that works without JavaScript, every text escaped
//! (maud) and cleaned of control and direction-override characters.

use maud::{DOCTYPE, Markup, html};

use super::RoomPlan;
use super::words::Words;
use crate::safe_text::neutralise;

/// Text from the plan or a person, fit for a page: control and direction-override
/// characters replaced (maud escapes the rest).
fn clean(text: &str) -> String {
    neutralise(text)
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

/// A whole page: `title`, then `body`, with the plain-HTTP warning at its foot.
pub fn page(words: &Words, title: &str, body: &Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(words.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (clean(title)) }
                style { (STYLE) }
            }
            body {
                main {
                    h1 { (clean(title)) }
                    (body)
                }
                footer {
                    p { (words.plain_http) " " strong { (words.no_case_details) } }
                }
            }
        }
    }
    .into_string()
}

/// The few rules the pages need: readable on a phone, large targets.
const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:36rem;padding:1rem;line-height:1.4}\
fieldset{border:1px solid #999;border-radius:.5rem;margin:0 0 1rem;padding:.5rem .75rem}\
legend{font-weight:600}label{display:block;padding:.35rem 0}\
input[type=radio]{transform:scale(1.3);margin-right:.5rem}\
textarea,select,input[type=text]{width:100%;box-sizing:border-box;font-size:1rem;padding:.4rem}\
button{font-size:1.1rem;padding:.6rem 1.4rem;margin-top:.5rem}\
.note{color:#555;font-size:.9rem}.error{color:#a00}footer{margin-top:2rem;color:#555;font-size:.85rem}";

/// Choosing a city to join as.
pub fn join(words: &Words, plan: &RoomPlan, code: &str) -> String {
    let body = html! {
        form method="post" action="/join" {
            input type="hidden" name="code" value=(code);
            label for="city" { (words.pick_city) }
            select id="city" name="city" required {
                @for city in &plan.cities {
                    option value=(clean(city)) { (clean(city)) }
                }
            }
            button type="submit" { (words.join_button) }
        }
    };
    page(
        words,
        &format!("{} · {}", words.join_heading, plan.title),
        &body,
    )
}

/// What is open to the phones now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Open {
    pub assessment: bool,
    pub peers: bool,
    pub feedback: bool,
}

/// A phone's own page: its city and what it may answer now.
pub fn home(words: &Words, city: &str, open: Open) -> String {
    let body = html! {
        p { (words.joined_as) " " strong { (clean(city)) } "." }
        @if open.assessment { p { a href="/assess" { (words.assessment_link) } } }
        @if open.peers { p { a href="/peer" { (words.peers_link) } } }
        @if open.feedback { p { a href="/feedback" { (words.feedback_link) } } }
        @if !(open.assessment || open.peers || open.feedback) { p { (words.nothing_open) } }
    };
    page(words, &clean(city), &body)
}

/// The other cities, each a link to its rating form.
pub fn peer_cities(words: &Words, plan: &RoomPlan, own: &str) -> String {
    let body = html! {
        ul {
            @for (i, city) in plan.cities.iter().enumerate() {
                @if city != own {
                    li { a href=(format!("/peer?c={i}")) { (clean(city)) } }
                }
            }
        }
    };
    page(words, words.peers_link, &body)
}

/// The criteria with the scale's levels (and "unknown"), each a set of radio buttons named
/// `level-ID`, and an evidence box where `evidence` says so.
fn levels(words: &Words, plan: &RoomPlan, evidence: bool) -> Markup {
    html! {
        @for (id, title, description) in &plan.criteria {
            fieldset {
                legend { (clean(title)) }
                p.note { (clean(description)) }
                @for (value, label, descriptor) in &plan.levels {
                    label {
                        input type="radio" name=(format!("level-{id}")) value=(value);
                        strong { (value) " " (clean(label)) }
                        " — " (clean(descriptor))
                    }
                }
                label {
                    input type="radio" name=(format!("level-{id}")) value="0";
                    strong { (clean(&plan.unknown)) }
                    " — " (words.unknown_hint)
                }
                @if evidence {
                    label {
                        (words.evidence)
                        textarea name=(format!("evidence-{id}")) rows="2" maxlength="600" {}
                    }
                }
            }
        }
    }
}

/// A rating of city number `index` of the plan's cities.
pub fn peer(words: &Words, plan: &RoomPlan, index: usize, form: &str) -> String {
    let city = plan.cities.get(index).map_or("", String::as_str);
    let hidden = [("form", form.to_owned()), ("c", index.to_string())];
    let title = format!("{}: {}", words.peers_heading, clean(city));
    levels_form(
        words,
        plan,
        (&title, words.peers_intro),
        "/peer",
        &hidden,
        false,
    )
}

/// A page with a form of levels: `title` and `intro` over it, posted to `action` with the
/// `hidden` fields, evidence boxes where `evidence` says so.
fn levels_form(
    words: &Words,
    plan: &RoomPlan,
    (title, intro): (&str, &str),
    action: &str,
    hidden: &[(&str, String)],
    evidence: bool,
) -> String {
    let body = html! {
        p { (intro) }
        form method="post" action=(action) {
            @for (name, value) in hidden {
                input type="hidden" name=(name) value=(value);
            }
            (levels(words, plan, evidence))
            button type="submit" { (words.send) }
        }
    };
    page(words, title, &body)
}

/// The modules to give feedback on, and the workshop as a whole.
pub fn feedback_modules(words: &Words, plan: &RoomPlan) -> String {
    let body = html! {
        p { (words.feedback_intro) }
        ul {
            @for (id, title) in &plan.modules {
                li { a href=(format!("/feedback?m={id}")) { (clean(title)) } }
            }
            li { a href="/feedback?m=overall" { (words.overall) } }
        }
    };
    page(words, words.feedback_heading, &body)
}

/// One to five, as radio buttons named `name`.
fn one_to_five(words: &Words, question: &str, name: &str) -> Markup {
    html! {
        fieldset {
            legend { (question) }
            @for value in 1..=5 {
                label {
                    input type="radio" name=(name) value=(value);
                    (match value { 1 => words.scale_low, 5 => words.scale_high, _ => "" })
                    @if value != 1 && value != 5 { (value) }
                }
            }
        }
    }
}

/// The feedback form for module `id` (or `overall`), titled `title`.
pub fn feedback(words: &Words, id: &str, title: &str) -> String {
    let body = html! {
        p { (words.feedback_intro) }
        form method="post" action="/feedback" {
            input type="hidden" name="m" value=(id);
            @if id == "overall" {
                (one_to_five(words, words.overall_question, "overall"))
            } @else {
                (one_to_five(words, words.usefulness, "usefulness"))
                (one_to_five(words, words.interest, "interest"))
            }
            button type="submit" { (words.send) }
        }
    };
    page(
        words,
        &format!("{}: {}", words.feedback_heading, clean(title)),
        &body,
    )
}

/// A city's self-assessment form: each criterion with the scale's levels (label and
/// descriptor) and "unknown", and a box for evidence.
pub fn assessment(words: &Words, plan: &RoomPlan, city: &str, form: &str) -> String {
    let title = format!("{}: {}", words.assessment_heading, clean(city));
    let hidden = [("form", form.to_owned())];
    levels_form(
        words,
        plan,
        (&title, words.assessment_intro),
        "/assess",
        &hidden,
        true,
    )
}

/// A short page with one message and a way back.
pub fn message(words: &Words, title: &str, text: &str, error: bool) -> String {
    let body = html! {
        p class=[error.then_some("error")] { (clean(text)) }
        p { a href="/me" { (words.back) } }
    };
    page(words, title, &body)
}

/// The board as the second screen shows it: a heat map of each city's own levels and how
/// much is done. A fragment, sent whole to the screen as it changes.
pub fn board(board: &super::Board) -> String {
    let (given, all) = board.done();
    html! {
        p.done { (given) " of " (all) " levels given" }
        table {
            thead { tr { th {} @for title in &board.criteria { th { (clean(title)) } } } }
            tbody {
                @for (city, levels) in &board.rows {
                    tr {
                        th { (clean(city)) }
                        @for level in levels {
                            @match level {
                                Some(0) => td.l0 { "?" },
                                Some(l) => td class=(format!("l{l}")) { (l) },
                                None => td.none { "·" },
                            }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

/// The second screen: the board, kept up to date by the little script beside it (server-sent
/// events), or by reloading every 15 seconds where scripts are off.
pub fn screen(words: &Words, title: &str, board_html: &str) -> String {
    html! {
        (DOCTYPE)
        html lang=(words.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                noscript { meta http-equiv="refresh" content="15"; }
                title { (clean(title)) }
                style { (SCREEN_STYLE) }
                script src="/screen.js" defer {}
            }
            body {
                h1 { (clean(title)) }
                div #board { (maud::PreEscaped(board_html)) }
            }
        }
    }
    .into_string()
}

/// The board's colours: a level's shade, darker as it rises.
const SCREEN_STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;background:#fff;color:#111}\
table{border-collapse:collapse;font-size:1.2rem}th,td{border:1px solid #ccc;padding:.4rem .6rem;text-align:center}\
thead th{font-size:.9rem;max-width:9rem}tbody th{text-align:left}.done{font-size:1.4rem}\
.none{color:#999}.l0{background:#eee}.l1{background:#fde0dd}.l2{background:#fcc5c0}\
.l3{background:#c6dbef}.l4{background:#6baed6;color:#fff}.l5{background:#08519c;color:#fff}";

/// The second screen's script: listens for the board and puts it in place.
pub const SCREEN_SCRIPT: &str = "(function(){var k=new URLSearchParams(location.search).get('k');\
var s=new EventSource('/screen/events?k='+encodeURIComponent(k||''));\
s.addEventListener('board',function(e){document.getElementById('board').innerHTML=e.data;});})();";
