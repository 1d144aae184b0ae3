//! The command line as a user meets it: validate, where, run, help and version.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use common::{output, session, stderr, stdout, workshop};

const SHIPPED: [&str; 4] = [
    "cifal-jeju-2012-human-security",
    "cifal-rso-2015-vca",
    "cifal-jeju-2017-vca",
    "cifal-jeju-2020-vca",
];

#[test]
fn validate_accepts_every_shipped_plan() {
    let home = tempfile::tempdir().unwrap();
    let out = output(
        workshop(home.path())
            .arg("validate")
            .args(SHIPPED.map(session)),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for name in SHIPPED {
        assert!(text.contains(&format!("{name}.json: ok: ")), "{text}");
    }
    assert!(
        text.contains("4 days, 5 modules, 37 items, 24 participants, 12 cities"),
        "{text}"
    );
    assert!(text.contains("14 days, 6 modules"), "{text}");
    assert!(
        !text.contains("warning"),
        "shipped plans carry no warnings: {text}"
    );
}

#[test]
fn shipped_plans_hold_what_the_seeds_describe() {
    use workshop::plan::load_plan;
    let plan = |name| load_plan(&session(name)).unwrap().plan;
    let p2020 = plan("cifal-jeju-2020-vca");
    assert_eq!(p2020.days.first().unwrap().date.to_string(), "2020-03-31");
    assert_eq!(p2020.days.last().unwrap().date.to_string(), "2020-04-03");
    assert_eq!(p2020.modules.len(), 5);
    assert!(
        p2020
            .items()
            .any(|(_, i)| i.kind == workshop::plan::ItemKind::StudyVisit)
    );
    assert!(
        p2020
            .items()
            .any(|(_, i)| i.kind == workshop::plan::ItemKind::ActionPlan)
    );
    assert_eq!(plan("cifal-jeju-2017-vca").modules.len(), 9);
    let p2015 = plan("cifal-rso-2015-vca");
    assert_eq!(p2015.modules.len(), 11);
    assert_eq!(p2015.exercises.len(), 3);
    let identification = p2015
        .exercises
        .iter()
        .find(|e| e.id == "ex-identification")
        .unwrap();
    assert_eq!(
        identification.checklist.len(),
        11,
        "the ILO's eleven indicators of forced labour"
    );
    let p2012 = plan("cifal-jeju-2012-human-security");
    assert_eq!(p2012.days.len(), 14);
    assert_eq!(p2012.days[0].date.to_string(), "2012-06-07");
    assert!(
        p2012.framework.is_some(),
        "2012 shows a plan with its own framework"
    );
    for name in SHIPPED {
        let p = plan(name);
        assert!(
            (15..=30).contains(&p.roster.len()),
            "{name}: {} participants",
            p.roster.len()
        );
        let native = p.roster.iter().filter(|x| !x.name.is_ascii()).count();
        assert!(
            native * 10 >= p.roster.len() * 4,
            "{name}: only {native} names in their own scripts"
        );
        assert!(p.roster.iter().all(|x| {
            x.email
                .as_deref()
                .is_none_or(|e| e.ends_with("@example.org"))
        }));
    }
}

#[test]
fn validate_reports_file_line_column_and_field() {
    let home = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(session("cifal-jeju-2020-vca")).unwrap();
    let broken = home.path().join("broken.json");
    std::fs::write(
        &broken,
        text.replacen("\"duration\": 30", "\"duraton\": 30", 1),
    )
    .unwrap();
    let good = session("cifal-jeju-2017-vca");
    let out = output(
        workshop(home.path())
            .arg("validate")
            .arg(&broken)
            .arg(&good),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let first = err.lines().next().unwrap();
    let prefix = format!("{}:", broken.display());
    assert!(first.starts_with(&prefix), "{first}");
    let rest: Vec<&str> = first[prefix.len()..].splitn(3, ':').collect();
    let line: usize = rest[0].parse().unwrap();
    let column: usize = rest[1].parse().unwrap();
    assert!(
        rest[2].contains("unknown field `duraton`")
            && rest[2].ends_with("(days[0].items[0].duraton)"),
        "{first}"
    );
    let marked = text.lines().nth(line - 1).unwrap();
    assert_eq!(
        &marked[column - 1..column + 8],
        "\"duration",
        "the column points at the misspelt key"
    );
    assert!(err.contains("1 of 2 plan files have errors"), "{err}");
    assert!(
        stdout(&out).contains("cifal-jeju-2017-vca.json: ok"),
        "the good plan is still reported"
    );
}

#[test]
fn validate_refuses_empty_binary_and_huge_files_clearly() {
    let home = tempfile::tempdir().unwrap();
    let empty = home.path().join("empty.json");
    std::fs::write(&empty, "").unwrap();
    let latin1 = home.path().join("latin1.json");
    std::fs::write(&latin1, b"{\"title\": \"Caf\xe9\"}").unwrap();
    let huge = home.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(2 * 1024 * 1024 * 1024)
        .unwrap();
    let missing = home.path().join("missing.json");
    let out = output(
        workshop(home.path())
            .arg("validate")
            .args([&empty, &latin1, &huge, &missing]),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("empty.json:1:1: EOF while parsing a value (top level)"),
        "{err}"
    );
    assert!(
        err.contains("latin1.json:1:15: the file is not valid UTF-8 text"),
        "{err}"
    );
    assert!(
        err.contains(
            "huge.json: cannot read the plan: the file is 2147483648 bytes, more than the"
        ),
        "{err}"
    );
    assert!(err.contains("missing.json: cannot read the plan"), "{err}");
}

#[test]
fn where_prints_the_default_folder_or_the_store_given() {
    let home = tempfile::tempdir().unwrap();
    let out = output(
        workshop(home.path())
            .arg("where")
            .arg(session("cifal-jeju-2020-vca")),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = home
        .path()
        .join("data")
        .join("workshop")
        .join("runs")
        .join("cifal-jeju-2020-vca");
    assert_eq!(stdout(&out).trim(), expected.display().to_string());
    let out = output(
        workshop(home.path())
            .args(["where", "--store", "/tmp/elsewhere"])
            .arg(session("cifal-jeju-2020-vca")),
    );
    assert_eq!(stdout(&out).trim(), "/tmp/elsewhere");
}

#[test]
fn run_creates_the_store_in_its_default_place_and_needs_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let out = output(
        workshop(home.path())
            .arg("run")
            .arg(session("cifal-jeju-2020-vca")),
    );
    assert_eq!(out.status.code(), Some(1));
    let dir = home.path().join("data/workshop/runs/cifal-jeju-2020-vca");
    assert!(dir.join("sled").join("db").exists());
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "workshop run needs a terminal to draw in; the run is ready in {}",
            dir.display()
        )
    );
}

#[test]
fn a_run_open_in_another_process_is_named_not_a_panic() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("store");
    let _held = workshop::store::Store::open(&dir).unwrap();
    let out = output(
        workshop(home.path())
            .arg("--store")
            .arg(&dir)
            .arg("run")
            .arg(session("cifal-jeju-2020-vca")),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "this run is open in another window (pid {})",
            std::process::id()
        )),
        "{err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("WouldBlock"),
        "{err}"
    );
    assert!(
        err.contains("quit workshop there first (q), or press X in it to export"),
        "{err}"
    );
}

#[test]
fn every_command_has_help_and_there_is_a_version() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["run", "--help"],
        &["validate", "--help"],
        &["where", "--help"],
        &["roster", "import", "--help"],
        &["roster", "list", "--help"],
        &["export", "--help"],
    ] {
        let out = output(workshop(home.path()).args(args));
        assert!(out.status.success(), "{args:?}");
        assert!(
            stdout(&out).contains("Usage: workshop"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
    let out = output(workshop(home.path()).arg("--version"));
    assert_eq!(
        stdout(&out).trim(),
        format!("workshop {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Runs `workshop` with `args` and a deadline: a command that waits on a pipe or reads a
/// device without end fails the test instead of hanging it.
fn output_within(home: &std::path::Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    let mut child = workshop(home)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("workshop {args:?} still running after 10 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn devices_pipes_and_folders_are_refused_at_once_and_leave_no_store() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("roster.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let store = home.path().join("store");
    let plan = session("cifal-jeju-2020-vca");
    let (zero, urandom) = (
        std::path::Path::new("/dev/zero"),
        std::path::Path::new("/dev/urandom"),
    );
    let cases: Vec<(Vec<&std::ffi::OsStr>, &str)> = vec![
        (vec!["validate".as_ref(), zero.as_ref()], "a device"),
        (vec!["run".as_ref(), urandom.as_ref()], "a device"),
        (vec!["run".as_ref(), home.path().as_ref()], "a folder"),
        (
            vec![
                "roster".as_ref(),
                "import".as_ref(),
                plan.as_ref(),
                urandom.as_ref(),
            ],
            "a device",
        ),
        (
            vec![
                "roster".as_ref(),
                "import".as_ref(),
                plan.as_ref(),
                fifo.as_ref(),
            ],
            "a pipe",
        ),
        (
            vec![
                "scores".as_ref(),
                "import".as_ref(),
                plan.as_ref(),
                fifo.as_ref(),
            ],
            "a pipe",
        ),
        (vec!["import".as_ref(), fifo.as_ref()], "a pipe"),
        (vec!["import".as_ref(), zero.as_ref()], "a device"),
    ];
    for (args, kind) in cases {
        let mut all: Vec<&std::ffi::OsStr> = vec!["--store".as_ref(), store.as_ref()];
        all.extend(args);
        let out = output_within(home.path(), &all);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{all:?}: {err}");
        assert!(
            err.contains(&format!("it is not a regular file but {kind}")),
            "{all:?}: {err}"
        );
        assert!(!store.exists(), "{all:?} left a store folder");
    }
}

#[test]
fn a_roster_with_a_bad_row_leaves_no_store_behind() {
    let home = tempfile::tempdir().unwrap();
    let csv = home.path().join("roster.csv");
    std::fs::write(
        &csv,
        "name,organisation,country,city,sector\nAna,Org,Nepal,Kathmandu,pirate\n",
    )
    .unwrap();
    let store = home.path().join("store");
    let out = common::roster_import(home.path(), &store, &csv);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("roster.csv:2: sector"),
        "{}",
        stderr(&out)
    );
    assert!(!store.exists(), "a refused roster left a store folder");
}
