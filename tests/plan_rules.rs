//! Every validation rule, each shown with a plan broken in that one way: the finding, its field
//! path, and the line and column it points at.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};
use workshop::plan::{Diagnostic, Severity, parse_plan, validate};

/// A small valid plan that each test breaks in one place.
fn base() -> Value {
    json!({
        "id": "test-plan",
        "title": "Test workshop",
        "organisers": ["UNITAR CIFAL Jeju"],
        "venue": "Jeju",
        "time_zone": "Asia/Seoul",
        "modules": [{"id": "m1", "title": "Module 1"}],
        "days": [
            {"date": "2020-03-31", "start": "09:00", "end": "12:00", "items": [
                {"id": "a", "kind": "lecture", "title": "Opening lecture", "module": "m1", "start": "09:00", "duration": 60},
                {"id": "b", "kind": "exercise", "title": "Group work", "module": "m1", "duration": 60, "exercise": "ex1"},
                {"id": "c", "kind": "break", "title": "Coffee", "duration": 30}
            ]},
            {"date": "2020-04-01", "start": "09:00", "end": "12:00", "items": [
                {"id": "d", "kind": "action-plan", "title": "Action plans", "module": "m1", "start": "09:00"}
            ]}
        ],
        "exercises": [{"id": "ex1", "title": "Checklist", "rubric": [{"id": "r1", "title": "Coverage", "max_points": 5}],
                       "checklist": [{"id": "k1", "text": "Deception"}]}],
        "framework": {"title": "F", "criteria": [{"id": "c1", "title": "Policy", "description": "d"}, {"id": "c2", "title": "Prevention", "description": "d"}],
                      "scale": {"levels": [{"value": 1, "label": "Low", "descriptor": "d"}, {"value": 2, "label": "High", "descriptor": "d"}],
                                "unknown": {"label": "Unknown", "descriptor": "d"}}},
        "roster": [
            {"id": "p01", "name": "김서연", "organisation": "Jeju Province", "country": "Korea", "city": "Jeju", "sector": "government"},
            {"id": "p02", "name": "সুমন", "organisation": "Dhaka NGO", "country": "Bangladesh", "city": "Dhaka", "sector": "NGO", "email": "s@example.org"}
        ],
        "groups": [{"id": "g1", "name": "Group A", "members": ["p01"]}]
    })
}

/// Sets (or adds) the value at a JSON pointer and returns the plan as pretty text.
fn with(pointer: &str, value: Value) -> String {
    let mut plan = base();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = plan
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent} in the base plan"));
    match parent {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer} is not inside an object or array"),
    }
    serde_json::to_string_pretty(&plan).unwrap()
}

fn findings(text: &str) -> Vec<Diagnostic> {
    match parse_plan(text) {
        Ok(plan) => validate(&plan).located_in(text).diagnostics,
        Err(diagnostic) => vec![diagnostic],
    }
}

/// Asserts exactly one finding of `severity` at `path` whose message contains `needle`, and
/// that its line and column point at that field in the text.
#[track_caller]
fn expect(text: &str, severity: Severity, path: &str, needle: &str) {
    let all = findings(text);
    let hits: Vec<&Diagnostic> = all.iter().filter(|d| d.severity == severity).collect();
    assert_eq!(hits.len(), 1, "expected one {severity:?}, got {all:#?}");
    let d = hits[0];
    assert_eq!(d.path.to_string(), path, "{d:#?}");
    assert!(
        d.message.contains(needle),
        "message {:?} lacks {needle:?}",
        d.message
    );
    let position = d.position.expect("a position");
    let line = text
        .lines()
        .nth(position.line - 1)
        .expect("the line exists");
    let last_key = path
        .rsplit('.')
        .next()
        .unwrap_or(path)
        .split('[')
        .next()
        .unwrap_or("");
    if !last_key.is_empty() && !path.ends_with(']') {
        let at: String = line.chars().skip(position.column - 1).collect();
        assert!(
            line.contains(&format!("\"{last_key}\""))
                || at.starts_with('"')
                || at.starts_with(|c: char| c.is_ascii_digit() || c == '[' || c == '{'),
            "line {} col {} ({line:?}) does not show {last_key}",
            position.line,
            position.column
        );
    }
}

#[track_caller]
fn error(text: &str, path: &str, needle: &str) {
    expect(text, Severity::Error, path, needle);
}

#[test]
fn the_base_plan_is_clean() {
    let text = serde_json::to_string_pretty(&base()).unwrap();
    assert_eq!(findings(&text), vec![]);
}

#[test]
fn a_misspelt_field_is_an_error_at_the_key() {
    let text = serde_json::to_string_pretty(&base()).unwrap().replacen(
        "\"duration\": 60",
        "\"duratoin\": 60",
        1,
    );
    let all = findings(&text);
    assert_eq!(all.len(), 1, "{all:#?}");
    let d = &all[0];
    assert!(
        d.message.contains("unknown field `duratoin`"),
        "{}",
        d.message
    );
    assert_eq!(d.path.to_string(), "days[0].items[0].duratoin");
    let position = d.position.unwrap();
    let line = text.lines().nth(position.line - 1).unwrap();
    assert_eq!(
        line.chars()
            .skip(position.column - 1)
            .take(10)
            .collect::<String>(),
        "\"duratoin\""
    );
}

#[test]
fn a_misspelt_top_level_field_is_an_error() {
    let text = serde_json::to_string_pretty(&base())
        .unwrap()
        .replacen("\"venue\"", "\"venu\"", 1);
    let all = findings(&text);
    assert!(all[0].message.contains("unknown field `venu`"), "{all:#?}");
}

#[test]
fn a_wrong_type_points_at_the_value() {
    error(
        &with("/days/0/items/1/duration", json!("ninety")),
        "days[0].items[1].duration",
        "invalid type",
    );
}

#[test]
fn a_missing_required_field_is_named() {
    let mut plan = base();
    plan["roster"][1].as_object_mut().unwrap().remove("country");
    let text = serde_json::to_string_pretty(&plan).unwrap();
    error(&text, "roster[1]", "missing field `country`");
}

#[test]
fn a_syntax_error_gives_line_and_column() {
    let text = "{\n  \"id\": \"x\",\n  \"title\": \"T\",,\n}";
    let all = findings(text);
    let position = all[0].position.unwrap();
    assert_eq!((position.line, position.column), (3, 16), "{all:#?}");
}

#[test]
fn an_unknown_item_kind_is_refused() {
    error(
        &with("/days/0/items/0/kind", json!("keynote")),
        "days[0].items[0].kind",
        "unknown variant `keynote`",
    );
}

#[test]
fn a_bad_time_of_day_is_refused() {
    error(
        &with("/days/0/items/0/start", json!("9h30")),
        "days[0].items[0].start",
        "HH:MM",
    );
}

#[test]
fn sector_is_case_insensitive_but_must_be_known() {
    let text = with("/roster/0/sector", json!("International Organisation"));
    assert_eq!(findings(&text), vec![]);
    error(
        &with("/roster/0/sector", json!("govt")),
        "roster[0].sector",
        "unknown sector `govt`",
    );
}

#[test]
fn duplicate_ids_are_refused_wherever_they_are() {
    error(
        &with("/days/1/items/0/id", json!("a")),
        "days[1].items[0].id",
        "duplicate item id `a`: already used at days[0].items[0].id",
    );
    error(
        &with("/roster/1/id", json!("p01")),
        "roster[1].id",
        "duplicate participant id `p01`",
    );
    error(
        &with("/framework/criteria/1/id", json!("c1")),
        "framework.criteria[1].id",
        "duplicate criterion id",
    );
    let mut plan = base();
    plan["modules"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "m1", "title": "Again"}));
    error(
        &serde_json::to_string_pretty(&plan).unwrap(),
        "modules[1].id",
        "duplicate module id",
    );
    let mut plan = base();
    let copy = plan["exercises"][0].clone();
    plan["exercises"].as_array_mut().unwrap().push(copy);
    error(
        &serde_json::to_string_pretty(&plan).unwrap(),
        "exercises[1].id",
        "duplicate exercise id",
    );
    let mut plan = base();
    plan["groups"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "g1", "name": "B", "members": ["p02"]}));
    error(
        &serde_json::to_string_pretty(&plan).unwrap(),
        "groups[1].id",
        "duplicate group id",
    );
}

#[test]
fn ids_may_not_hold_spaces() {
    error(
        &with("/roster/1/id", json!("p 02")),
        "roster[1].id",
        "no spaces",
    );
}

#[test]
fn items_must_reference_existing_exercises_and_modules() {
    error(
        &with("/days/0/items/1/exercise", json!("ex9")),
        "days[0].items[1].exercise",
        "no exercise has the id `ex9`",
    );
    error(
        &with("/days/0/items/1/module", json!("m9")),
        "days[0].items[1].module",
        "no module has the id `m9`",
    );
}

#[test]
fn scale_levels_must_ascend_and_be_unique() {
    let levels = json!([{"value": 2, "label": "High", "descriptor": "d"}, {"value": 1, "label": "Low", "descriptor": "d"}]);
    error(
        &with("/framework/scale/levels", levels),
        "framework.scale.levels[1].value",
        "ascending order",
    );
    let levels = json!([{"value": 1, "label": "Low", "descriptor": "d"}, {"value": 1, "label": "Again", "descriptor": "d"}]);
    error(
        &with("/framework/scale/levels", levels),
        "framework.scale.levels[1].value",
        "appears twice",
    );
    error(
        &with("/framework/scale/levels/1/value", json!(10)),
        "framework.scale.levels[1].value",
        "outside 1-9",
    );
    error(
        &with("/framework/scale/levels/0/value", json!(0)),
        "framework.scale.levels[0].value",
        "0 is the unknown choice",
    );
}

#[test]
fn every_participant_needs_a_city_and_a_country() {
    error(
        &with("/roster/0/city", json!("  ")),
        "roster[0].city",
        "needs a city",
    );
    error(
        &with("/roster/1/country", json!("")),
        "roster[1].country",
        "needs a country",
    );
    error(
        &with("/roster/1/email", json!("not-an-address")),
        "roster[1].email",
        "not an email address",
    );
}

#[test]
fn times_must_fall_inside_their_day() {
    error(
        &with("/days/0/items/0/start", json!("08:00")),
        "days[0].items[0].start",
        "starts before the day",
    );
    error(
        &with("/days/1/items/0/start", json!("12:30")),
        "days[1].items[0].start",
        "after the day has ended",
    );
    error(
        &with("/days/0/end", json!("08:00")),
        "days[0].end",
        "ends at 08:00 but starts at 09:00",
    );
}

#[test]
fn an_item_without_duration_needs_a_following_start() {
    let mut plan = base();
    plan["days"][0]["items"][0]
        .as_object_mut()
        .unwrap()
        .remove("duration");
    error(
        &serde_json::to_string_pretty(&plan).unwrap(),
        "days[0].items[0]",
        "give this item a duration",
    );
}

#[test]
fn an_overrunning_day_is_a_warning_not_an_error() {
    let text = with("/days/0/items/2/duration", json!(90));
    expect(
        &text,
        Severity::Warning,
        "days[0].end",
        "run until 12:30, past the end of the day (12:00)",
    );
    assert!(
        findings(&text)
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
}

#[test]
fn overlapping_items_are_a_warning() {
    expect(
        &with("/days/0/items/1/start", json!("09:30")),
        Severity::Warning,
        "days[0].items[1].start",
        "before the previous item ends (10:00)",
    );
}

#[test]
fn a_day_without_items_and_an_unused_module_are_warnings() {
    let text = with("/days/1/items", json!([]));
    let all = findings(&text);
    assert!(
        all.iter().all(|d| d.severity == Severity::Warning),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|d| d.path.to_string() == "days[1].items" && d.message.contains("no items"))
    );
    let mut plan = base();
    plan["modules"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "m2", "title": "Unused"}));
    expect(
        &serde_json::to_string_pretty(&plan).unwrap(),
        Severity::Warning,
        "modules[1].id",
        "no agenda item belongs to module `m2`",
    );
}

#[test]
fn days_must_come_in_date_order() {
    error(
        &with("/days/1/date", json!("2020-03-30")),
        "days[1].date",
        "does not come after",
    );
}

#[test]
fn a_plan_needs_days() {
    error(&with("/days", json!([])), "days", "at least one day");
}

#[test]
fn the_time_zone_must_be_known() {
    error(
        &with("/time_zone", json!("Asia/Jeju")),
        "time_zone",
        "unknown time zone `Asia/Jeju`",
    );
    assert_eq!(findings(&with("/time_zone", json!("UTC+9"))), vec![]);
}

#[test]
fn the_plan_id_names_a_folder_safely() {
    error(
        &with("/id", json!("../etc")),
        "id",
        "lowercase letters, digits and dashes",
    );
    error(
        &with("/id", json!("Jeju 2020")),
        "id",
        "lowercase letters, digits and dashes",
    );
}

#[test]
fn required_texts_are_not_empty() {
    error(&with("/title", json!(" ")), "title", "must not be empty");
    error(
        &with("/organisers", json!([])),
        "organisers",
        "at least one organiser",
    );
    error(
        &with("/days/0/items/0/title", json!("")),
        "days[0].items[0].title",
        "must not be empty",
    );
}

#[test]
fn groups_must_name_rostered_participants_once() {
    error(
        &with("/groups/0/members", json!(["p09"])),
        "groups[0].members[0]",
        "no participant has the id `p09`",
    );
    let mut plan = base();
    plan["groups"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "g2", "name": "B", "members": ["p01"]}));
    error(
        &serde_json::to_string_pretty(&plan).unwrap(),
        "groups[1].members[0]",
        "already in group `g1`",
    );
}

#[test]
fn exercises_need_a_rubric_with_points() {
    error(
        &with("/exercises/0/rubric", json!([])),
        "exercises[0].rubric",
        "at least one rubric criterion",
    );
    error(
        &with("/exercises/0/rubric/0/max_points", json!(0)),
        "exercises[0].rubric[0].max_points",
        "at least 1",
    );
    error(
        &with("/exercises/0/rubric/0/max_points", json!(-2)),
        "exercises[0].rubric[0].max_points",
        "invalid value",
    );
}

#[test]
fn the_certificate_rule_is_a_percentage() {
    error(
        &with("/certificate", json!({"min_attendance_percent": 120})),
        "certificate.min_attendance_percent",
        "0 to 100",
    );
}

#[test]
fn a_plan_without_a_framework_gets_the_default() {
    let mut plan = base();
    plan.as_object_mut().unwrap().remove("framework");
    let text = serde_json::to_string_pretty(&plan).unwrap();
    let parsed = parse_plan(&text).unwrap();
    assert_eq!(findings(&text), vec![]);
    assert_eq!(parsed.framework().criteria.len(), 9);
}

#[test]
fn several_problems_are_all_reported() {
    let mut plan = base();
    plan["roster"][0]["city"] = json!("");
    plan["days"][0]["items"][1]["exercise"] = json!("nope");
    plan["framework"]["scale"]["levels"][1]["value"] = json!(1);
    let text = serde_json::to_string_pretty(&plan).unwrap();
    let errors = findings(&text)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    assert_eq!(errors, 3);
}

#[test]
fn a_duplicate_key_is_placed_on_its_second_line() {
    let text = serde_json::to_string_pretty(&base()).unwrap().replacen(
        "\"duration\": 60",
        "\"duration\": 60,\n        \"duration\": 45",
        1,
    );
    let all = findings(&text);
    assert_eq!(all.len(), 1, "{all:#?}");
    let d = &all[0];
    assert!(d.message.contains("duplicate field `duration`"), "{d:#?}");
    let position = d.position.expect("a position");
    let line = text.lines().nth(position.line - 1).unwrap();
    assert!(
        line.trim().starts_with("\"duration\": 45"),
        "{position:?}: {line}"
    );
}

#[test]
fn an_empty_time_zone_is_refused() {
    error(
        &with("/time_zone", json!("")),
        "time_zone",
        "the time zone is empty",
    );
}
