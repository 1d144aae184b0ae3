//! `workshop plan new --from PLAN --start DATE`: the next cohort's plan, as a facilitator
//! would make it for 2027 from the 2020 workshop.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use common::{output, session, stderr, stdout, workshop};
use workshop::plan::load_plan;

fn plan_new(home: &std::path::Path, out: &std::path::Path, extra: &[&str]) -> std::process::Output {
    output(
        workshop(home)
            .args(["plan", "new"])
            .arg(out)
            .arg("--from")
            .arg(session("cifal-jeju-2020-vca"))
            .args(extra),
    )
}

#[test]
fn the_2020_workshop_moved_to_2027() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("cifal-jeju-2027-vca.json");
    let done = plan_new(home.path(), &out, &["--start", "2027-03-30"]);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(
        stdout(&done).contains(
            "`cifal-jeju-2027-vca`, 4 days from 2027-03-30 to 2027-04-02, 37 agenda items, 0 participants"
        ),
        "{}",
        stdout(&done)
    );
    let old = common::plan_2020();
    let new = load_plan(&out).expect("the new plan validates").plan;
    assert_eq!(new.id, "cifal-jeju-2027-vca");
    assert_eq!(new.title, old.title);
    let dates: Vec<String> = new.days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(
        dates,
        ["2027-03-30", "2027-03-31", "2027-04-01", "2027-04-02"]
    );
    assert!(new.roster.is_empty() && new.groups.is_empty());
    // Everything else is the 2020 plan's: its items, modules, exercises, framework.
    for (a, b) in new.days.iter().zip(&old.days) {
        assert_eq!(a.items, b.items);
        assert_eq!((a.start, a.end), (b.start, b.end));
    }
    assert_eq!(new.modules, old.modules);
    assert_eq!(new.exercises, old.exercises);
    assert!(
        new.notes
            .last()
            .unwrap()
            .contains("Copied from the plan `cifal-jeju-2020-vca`"),
        "{:?}",
        new.notes
    );
    // Never over a file already there.
    let again = plan_new(home.path(), &out, &["--start", "2028-03-28"]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("a file is already there"),
        "{}",
        stderr(&again)
    );
    assert_eq!(load_plan(&out).unwrap().plan.id, "cifal-jeju-2027-vca");
}

#[test]
fn a_thursday_start_runs_past_the_weekend_with_its_own_id_title_and_roster() {
    let home = tempfile::tempdir().unwrap();
    let csv = home.path().join("roster.csv");
    std::fs::write(
        &csv,
        "name,organisation,country,city,sector,email\n\
         Ana Reyes,Cebu Youth Network,Philippines,Cebu City,ngo,\n\
         이지은,Jeju Women's Shelter,Korea,Jeju,ngo,jieun@example.org\n",
    )
    .unwrap();
    let out = home.path().join("autumn.json");
    let done = plan_new(
        home.path(),
        &out,
        &[
            "--start",
            "2027-09-23",
            "--id",
            "cifal-jeju-2027-autumn",
            "--title",
            "Victim-Centred Approach, autumn cohort",
            "--roster",
            csv.to_str().unwrap(),
        ],
    );
    assert!(done.status.success(), "{}", stderr(&done));
    let new = load_plan(&out).unwrap().plan;
    assert_eq!(
        (new.id.as_str(), new.title.as_str()),
        (
            "cifal-jeju-2027-autumn",
            "Victim-Centred Approach, autumn cohort"
        )
    );
    let dates: Vec<String> = new.days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(
        dates,
        ["2027-09-23", "2027-09-24", "2027-09-27", "2027-09-28"]
    );
    let names: Vec<&str> = new.roster.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana Reyes", "이지은"]);
}

#[test]
fn a_bad_roster_or_a_missing_start_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let csv = home.path().join("roster.csv");
    std::fs::write(
        &csv,
        "name,organisation,country,city,sector,email\nAna Reyes,,Philippines,Cebu City,farmer,\n",
    )
    .unwrap();
    let out = home.path().join("new.json");
    let refused = plan_new(
        home.path(),
        &out,
        &["--start", "2027-03-30", "--roster", csv.to_str().unwrap()],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("roster.csv:2"),
        "{}",
        stderr(&refused)
    );
    assert!(!out.exists(), "nothing half-made");
    let no_start = plan_new(home.path(), &out, &[]);
    assert!(!no_start.status.success());
    assert!(
        stderr(&no_start).contains("--start YYYY-MM-DD"),
        "{}",
        stderr(&no_start)
    );
    assert!(!out.exists());
}
