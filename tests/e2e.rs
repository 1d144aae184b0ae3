//! End to end: the real binary in tmux with a temporary store. Each test has its own tmux
//! socket and folder, so they run in parallel, and waits for what it expects (with a
//! deadline) rather than sleeping.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use common::pane::{Pane, prompt_back};

use std::path::{Path, PathBuf};

#[test]
fn two_steps_then_quit_and_start_again_resumes_the_same_item() {
    let pane = Pane::new();
    pane.start_app("");
    assert!(
        pane.now_line().contains("nothing running"),
        "{}",
        pane.now_line()
    );
    pane.keys(&["n"]);
    pane.wait_for("registration to start", |s| {
        s.contains("started \"Registration and welcome coffee\"")
    });
    pane.keys(&["n"]);
    pane.wait_for("the opening to start", |s| {
        s.lines().any(|l| l.starts_with(" NOW  Opening ceremony"))
    });
    pane.keys(&["q"]);
    let screen = pane.wait_for("the shell", prompt_back);
    assert!(screen.contains("The run is saved in"), "{screen}");
    // The terminal is back, so the app may say where it backed the run up.
    assert!(screen.contains("Backed up to "), "{screen}");
    let backup = workshop::backup::newest(&pane.store()).unwrap().unwrap();
    assert_eq!(backup.events, 2, "the two starts are backed up");

    pane.start_app("");
    let now = pane.now_line();
    assert!(
        now.contains("Opening ceremony and group photo"),
        "resumed on the same item: {now}"
    );
    let screen = pane.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.contains("✓ 08:30") && l.contains("Registration")),
        "registration is done:\n{screen}"
    );
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

#[test]
fn kill_9_loses_nothing_the_screen_showed() {
    let pane = Pane::new();
    pane.start_app("");
    pane.keys(&["n"]);
    pane.wait_for("registration to start", |s| {
        s.contains("started \"Registration")
    });
    pane.keys(&["n"]);
    pane.wait_for("the opening to start", |s| {
        s.lines().any(|l| l.starts_with(" NOW  Opening ceremony"))
    });
    pane.keys(&["space"]);
    pane.wait_for("the pause to show", |s| s.contains("PAUSED at"));
    pane.signal("-KILL");
    pane.wait_for("the shell after the kill", |s| {
        s.replace('\n', "").contains("Killed")
    });
    // A killed program cannot restore the terminal; the shell's user would type `reset`.
    pane.type_line("reset");
    pane.wait_for("the reset prompt", prompt_back);

    pane.start_app("");
    let now = pane.now_line();
    assert!(
        now.contains("Opening ceremony and group photo") && now.contains("PAUSED"),
        "same item, still paused: {now}"
    );
    pane.keys(&["u"]);
    pane.wait_for("undo of the pause", |s| s.contains("undone: clock paused"));
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back() {
    for signal in ["-TERM", "-HUP"] {
        let pane = Pane::new();
        pane.save_tty();
        pane.start_app("");
        pane.signal(signal);
        pane.wait_for("the shell after the signal", prompt_back);
        pane.assert_tty_restored();
    }
}

#[test]
fn a_panic_gives_the_terminal_back_and_says_what_happened() {
    let pane = Pane::new();
    pane.save_tty();
    pane.start_app("WORKSHOP_TEST_PANIC=1 RUST_BACKTRACE=0");
    pane.keys(&["F12"]);
    let screen = pane.wait_for("the shell after the panic", prompt_back);
    assert!(
        screen.contains("WORKSHOP_TEST_PANIC: F12 pressed"),
        "{screen}"
    );
    pane.assert_tty_restored();
}

#[test]
fn projector_message_and_help_from_the_keyboard() {
    let pane = Pane::new();
    pane.start_app("");
    pane.keys(&["n", "P"]);
    pane.wait_for("the projector", |s| s.contains("Items 0 of 12"));
    pane.keys(&["m"]);
    pane.wait_for("the message field", |s| {
        s.contains("Message on the projector")
    });
    pane.type_line("Back at 23:59");
    // The message is drawn in large letters, of quadrant blocks (their text is in the
    // projector's snapshots).
    let large_letters = |s: &str| {
        !s.contains("Message on the projector") && s.chars().any(|c| ('▖'..='▟').contains(&c))
    };
    pane.wait_for("the message in large letters", large_letters);
    pane.keys(&["b"]);
    pane.wait_for("a blank screen", |s| s.trim().is_empty());
    pane.keys(&["b"]);
    pane.wait_for("the projector again", large_letters);
    pane.keys(&["Escape"]);
    pane.wait_for("the agenda", |s| s.contains(" NOW "));
    pane.keys(&["?"]);
    pane.wait_for("the help", |s| {
        s.contains("undo the last action (repeatable)")
    });
    pane.keys(&["Escape"]);
    pane.wait_for("the help to close", |s| {
        !s.contains("undo the last action (repeatable)")
    });
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

#[test]
fn a_second_window_on_the_same_run_is_told_so() {
    let pane = Pane::new();
    pane.start_app("");
    let store = pane.store();
    let out = common::output(
        common::workshop(Path::new(pane.dir.path()))
            .arg("--store")
            .arg(&store)
            .arg("run")
            .arg(common::session("cifal-jeju-2020-vca")),
    );
    assert!(
        common::stderr(&out).starts_with(&format!(
            "this run is open in another window (pid {})",
            pane.app_pid()
        )),
        "{}",
        common::stderr(&out)
    );
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

#[test]
fn attendance_marks_from_an_imported_roster_survive_kill_9() {
    let pane = Pane::new();
    let csv = pane.dir.path().join("walk-ins.csv");
    std::fs::write(
        &csv,
        "name,organisation,country,city,sector,email\n\
         Ana Reyes,Cebu Youth Network,Philippines,Cebu City,ngo,\n\
         이지은,\"Jeju Women's Shelter, Counselling\",Korea,Jeju,ngo,jieun@example.org\n\
         ประเสริฐ ศรีสุข,Bangkok Social Development Office,Thailand,Bangkok,government,\n",
    )
    .unwrap();
    let out = common::output(
        common::workshop(pane.dir.path())
            .arg("--store")
            .arg(pane.store())
            .args(["roster", "import"])
            .arg(common::session("cifal-jeju-2020-vca"))
            .arg(&csv),
    );
    assert!(
        common::stdout(&out).contains("Added 3 participants (p25, p26, p27)"),
        "{}",
        common::stderr(&out)
    );

    pane.start_app("");
    pane.keys(&["Tab"]);
    pane.wait_for("the attendance view", |s| s.contains("27 participants"));
    let find = |filter: &str| {
        pane.keys(&["/"]);
        pane.type_line(filter);
        pane.wait_for("one match", |s| s.contains("1 of 27 shown"));
    };
    let clear = || {
        pane.keys(&["Escape"]);
        pane.wait_for("the filter to clear", |s| s.contains("27 participants"));
    };
    find("cebu youth");
    pane.keys(&["space"]);
    pane.wait_for("the present mark", |s| s.contains("Ana Reyes: present"));
    clear();
    find("women's shelter");
    pane.keys(&["l"]);
    pane.wait_for("the time field", |s| s.contains("arrived late on day 1 at"));
    // The field offers the time now; the test runs at any hour, so it gives one in the day.
    pane.keys(&["C-u"]);
    pane.type_line("09:40");
    pane.wait_for("the late mark", |s| s.contains("이지은: late (09:40)"));
    clear();
    find("social development office");
    pane.keys(&["x"]);
    pane.wait_for("the reason field", |s| s.contains("is excused on day 1"));
    pane.type_line("clinic");
    pane.wait_for("the excused mark", |s| s.contains("excused: clinic"));

    pane.signal("-KILL");
    pane.wait_for("the shell after the kill", |s| {
        s.replace('\n', "").contains("Killed")
    });
    pane.type_line("reset");
    pane.wait_for("the reset prompt", prompt_back);
    pane.start_app("");
    pane.keys(&["Tab", "End"]);
    // All three rows and the day's totals: a screen caught between two draws has not them all.
    let screen = pane.wait_for("the last rows", |s| {
        ["Ana Reyes", "이지은", "Bangkok Soc", "1 excused"]
            .iter()
            .all(|text| s.contains(text))
    });
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        row("Ana Reyes").contains(" P  ·  ·  · "),
        "{}",
        row("Ana Reyes")
    );
    assert!(row("이지은").contains(" L  ·  ·  · "), "{}", row("이지은"));
    assert!(
        row("Bangkok Soc").contains(" X  ·  ·  · "),
        "{}",
        row("Bangkok Soc")
    );
    assert!(
        screen.contains("Day 1 · Tue 31 Mar: 1 present · 1 late · 0 left early · 1 excused"),
        "{screen}"
    );
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

#[test]
fn cityshare_levels_survive_kill_9_and_compare_the_same() {
    let pane = Pane::new();
    pane.start_app("");
    pane.keys(&["Tab", "Tab"]);
    pane.wait_for("the assessment view", |s| {
        s.contains("Self-assessment · Jeju · 0 of 9 criteria")
    });
    // Jeju's whole self-assessment, then Kunming's, as runs of digits.
    pane.keys(&["3", "4", "5", "1", "2", "0", "3", "4", "5"]);
    pane.wait_for("Jeju done", |s| {
        s.contains("Self-assessment · Jeju · 9 of 9 criteria")
    });
    // → to the next city: the digits start at its first criterion without a level.
    pane.keys(&["Right"]);
    pane.wait_for("Kunming", |s| s.contains("Self-assessment · Kunming"));
    pane.keys(&["2", "2", "3", "3", "4", "4", "5", "5", "1"]);
    pane.wait_for("Kunming done", |s| {
        s.contains("Self-assessment · Kunming · 9 of 9 criteria")
    });
    // Jeju rates Kunming on the first two criteria.
    pane.keys(&["Left", "r"]);
    pane.wait_for("peer mode", |s| s.contains("Peer mode: Jeju rates Kunming"));
    for _ in 0..9 {
        pane.keys(&["Up"]);
    }
    pane.keys(&["1", "3"]);
    pane.wait_for("two peer ratings", |s| {
        s.contains("Peer mode: Jeju rates Kunming · 2 of 9")
    });
    pane.keys(&["Tab"]);
    pane.keys(&["v", "v"]);
    let before = pane.wait_for("the gap view", |s| s.contains("Comparison: gap"));
    // The heat map: from the column heads to the regional row (the bar chart below follows
    // the selected criterion, which is the screen's state, not the run's).
    let rows = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .skip_while(|l| !l.starts_with(" CITY"))
            .take_while(|l| !l.starts_with(" Region"))
            .chain(screen.lines().filter(|l| l.starts_with(" Region")))
            .map(str::to_owned)
            .collect()
    };
    assert!(
        rows(&before)
            .iter()
            .any(|r| r.starts_with(" Kunming") && r.contains("+1.0") && r.contains("-1.0")),
        "{before}"
    );

    pane.signal("-KILL");
    pane.wait_for("the shell after the kill", |s| {
        s.replace('\n', "").contains("Killed")
    });
    pane.type_line("reset");
    pane.wait_for("the reset prompt", prompt_back);
    pane.start_app("");
    pane.keys(&["Tab", "Tab", "Tab"]);
    pane.keys(&["v", "v"]);
    let after = pane.wait_for("the gap view again", |s| s.contains("Comparison: gap"));
    assert_eq!(
        rows(&after),
        rows(&before),
        "the same figures after kill -9"
    );
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

#[test]
fn groups_scores_and_feedback_survive_kill_9() {
    let pane = Pane::new();
    pane.start_app("");
    for _ in 0..5 {
        pane.keys(&["Tab"]);
    }
    pane.wait_for("the exercises view", |s| s.contains("(1 of 2) · groups"));
    pane.keys(&["G"]);
    pane.wait_for("the group count field", |s| s.contains("How many groups?"));
    pane.type_line("4");
    pane.wait_for("four groups", |s| {
        s.contains("4 groups formed") && s.contains("Group D (6 people)")
    });
    pane.keys(&["v"]);
    pane.wait_for("the scores panel", |s| s.contains("· scores ·"));
    pane.keys(&["4"]);
    pane.wait_for("the points field", |s| {
        s.contains("Up to the criterion's maximum")
    });
    pane.keys(&["Enter"]);
    pane.wait_for("the first points", |s| {
        s.contains("Group A: 4 points on Target audience")
    });
    // Groups are the grid's rows: ↓ is the next group, at its first criterion unscored.
    pane.keys(&["Down", "5"]);
    pane.wait_for("the points field", |s| {
        s.contains("Up to the criterion's maximum")
    });
    pane.keys(&["Enter"]);
    pane.wait_for("the second points", |s| {
        s.contains("Group B: 5 points on Target audience")
    });
    pane.keys(&["Tab"]);
    pane.wait_for("the feedback view", |s| s.contains("Feedback · 0 forms"));
    pane.keys(&["f", "5", "4", "Enter", "4", "4", "Enter", "3", "Enter"]);
    pane.wait_for("three forms", |s| s.contains("Feedback · 3 forms"));
    pane.keys(&["Escape"]);
    let before = pane.wait_for("the summary", |s| {
        s.contains("Module 1.") && !s.contains("Answers so far")
    });
    let module_1 = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("Module 1."))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        module_1(&before).contains("0 0 1 1 1"),
        "{}",
        module_1(&before)
    );

    pane.signal("-KILL");
    pane.wait_for("the shell after the kill", |s| {
        s.replace('\n', "").contains("Killed")
    });
    pane.type_line("reset");
    pane.wait_for("the reset prompt", prompt_back);
    pane.start_app("");
    pane.keys(&["BTab"]);
    // Polled until the row matches (a capture can land between two rows being drawn); at
    // the deadline the screen is shown.
    pane.wait_for("the feedback intact", |s| {
        s.contains("Feedback · 3 forms") && module_1(s) == module_1(&before)
    });
    pane.keys(&["BTab", "v"]);
    let scores = pane.wait_for("the scores again", |s| s.contains("· scores ·"));
    let row = |name: &str| {
        scores
            .lines()
            .find(|l| l.starts_with(&format!(" {name}")))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        row("Group A").starts_with(" Group A") && row("Group A").contains(" 4 "),
        "{scores}"
    );
    assert!(
        row("Group B").contains(" 5 ") && row("Group B").trim_end().ends_with(" 1"),
        "group B leads with 5: {scores}"
    );
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

#[test]
fn x_exports_from_the_app_and_says_where() {
    let pane = Pane::new();
    pane.start_app("");
    pane.keys(&["n", "X"]);
    pane.wait_for("the export to finish", |s| {
        s.contains("exported 14 files to")
    });
    let exports = pane.store().join("exports");
    let folders: Vec<PathBuf> = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let html = folders[0].join("cifal-jeju-2020-vca-report.html");
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("Registration and welcome coffee"));
    pane.keys(&["q"]);
    pane.wait_for("the shell prompt", prompt_back);
}

#[test]
fn a_storm_of_resizes_leaves_a_working_app() {
    let pane = Pane::new();
    pane.start_app("");
    let mut rng = fastrand::Rng::with_seed(3);
    for _ in 0..60 {
        let (width, height) = (rng.u16(1..=300), rng.u16(1..=100));
        assert!(
            pane.tmux(&[
                "resize-window",
                "-t",
                "e2e",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .status()
            .unwrap()
            .success()
        );
    }
    assert!(
        pane.tmux(&["resize-window", "-t", "e2e", "-x", "100", "-y", "30"])
            .status()
            .unwrap()
            .success()
    );
    pane.keys(&["n"]);
    pane.wait_for("the first item running after the storm", |s| {
        s.contains(" NOW  Registration")
    });
    pane.keys(&["q"]);
    pane.wait_for("the shell prompt", prompt_back);
}

/// Names in scripts whose marks terminals and unicode-width measured apart, as the room
/// has them: each must show whole in the terminal, and the organisation after it start in
/// the same column on every row.
#[test]
fn names_in_every_script_show_whole_with_the_columns_after_them_in_place() {
    let names = [
        "প্রিয়া রহমান",
        "বাংলা দেশ",
        "සුනිල් පෙරේරා",
        "கார்த்திக் ராஜா",
        "മാളവിക നായർ",
        "សុខា ចាន់",
        "สมศักดิ์ ใจดี",
        "सीता गुरुङ",
        "김서연",
        "Maya 🌏 Santos",
    ];
    let pane = Pane::new();
    let csv: String = std::iter::once("name,organisation,country,city,sector\n".to_owned())
        .chain(
            names
                .iter()
                .map(|name| format!("{name},Widths Org,Nepal,Kathmandu,ngo\n")),
        )
        .collect();
    let file = pane.dir.path().join("scripts.csv");
    std::fs::write(&file, csv).unwrap();
    let imported = std::process::Command::new(env!("CARGO_BIN_EXE_workshop"))
        .arg("--store")
        .arg(pane.store())
        .args(["roster", "import"])
        .arg(common::session("cifal-jeju-2020-vca"))
        .arg(&file)
        .env("HOME", pane.dir.path())
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    pane.start_app("");
    pane.keys(&["Tab", "/"]);
    pane.type_line("widths org");
    // Where the organisation starts on each name's row; `None` until every name shows
    // whole on a row of its own (a frame may still be reaching the terminal).
    let columns = |screen: &str| -> Option<Vec<usize>> {
        names
            .iter()
            .map(|name| {
                let row = screen
                    .lines()
                    .find(|l| l.contains(name) && l.contains("Kathmandu"))?;
                Some(workshop::text::width(&row[..row.find("Widths Org")?]))
            })
            .collect()
    };
    pane.wait_for("every name whole, the organisation column in place", |s| {
        columns(s).is_some_and(|c| c.iter().all(|x| *x == c[0]))
    });
    // q quits from here too; Esc and q sent together would read as Alt-q.
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

/// A field in a real terminal: the cursor keys move in it, Ctrl-W and Ctrl-U edit (they once
/// typed a `w` and a `u`), and a paste goes in at the cursor.
#[test]
fn a_note_is_edited_in_the_field_as_in_a_shell() {
    let pane = Pane::new();
    pane.start_app("");
    pane.keys(&["a"]);
    pane.wait_for("the note field", |s| s.contains("Note on"));
    pane.type_text("Back after lunch");
    pane.keys(&["C-w", "C-w"]);
    pane.wait_for("two words gone", |s| s.contains(" Back █"));
    pane.type_text("at two");
    pane.keys(&["Home", "Right", "Right", "Right", "Right", "C-u"]);
    pane.wait_for("all before the cursor gone", |s| s.contains(" at two"));
    pane.keys(&["End"]);
    pane.tmux(&["set-buffer", "--", " sharp"]).status().unwrap();
    pane.tmux(&["paste-buffer", "-p", "-t", "e2e"])
        .status()
        .unwrap();
    pane.wait_for("the paste", |s| s.contains(" at two sharp█"));
    pane.keys(&["Enter"]);
    pane.wait_for("the note saved", |s| s.contains("note added to"));
    pane.keys(&["Enter"]);
    pane.wait_for("the note in the detail", |s| s.contains(" at two sharp"));
    // q quits from here too; Esc and q sent together would read as Alt-q.
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

#[test]
fn a_roll_call_a_paper_form_and_an_undo_from_another_view() {
    let pane = Pane::new();
    pane.start_app("");
    // A roll call is one key a person.
    pane.keys(&["Tab", "space", "space", "a"]);
    pane.wait_for("two present and one absent", |s| {
        s.contains(": 2 present · 0 late · 0 left early · 0 excused · 1 absent")
    });
    // A paper form: one Esc on a begun form asks, it does not drop the answers.
    pane.keys(&["BTab", "BTab"]);
    pane.wait_for("the feedback view", |s| s.contains("Feedback · 0 forms"));
    pane.keys(&["f", "5", "4", "6"]);
    pane.wait_for("the 6 refused aloud", |s| s.contains("6 is not an answer"));
    pane.wait_for("the answers labelled", |s| {
        s.contains("Answers so far: M1 useful 5 · M1 interest 4")
    });
    pane.keys(&["Escape"]);
    pane.wait_for("the question", |s| {
        s.contains("this form has 2 answers typed: Enter saves it")
    });
    pane.keys(&["Enter"]);
    pane.wait_for("the form saved", |s| s.contains("Feedback · 1 form "));
    pane.keys(&["Escape"]);
    // From Attendance, the first u says what it would undo and where; the second does.
    pane.keys(&["Tab", "Tab"]);
    pane.wait_for("the attendance view", |s| {
        s.contains("participants · / finds")
    });
    pane.keys(&["u"]);
    pane.wait_for("what u would undo", |s| {
        s.contains("the newest action was in Feedback:") && s.contains("u again undoes it")
    });
    pane.keys(&["u"]);
    pane.keys(&["BTab", "BTab"]);
    pane.wait_for("the form undone", |s| s.contains("Feedback · 0 forms"));
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

#[test]
fn the_agenda_changed_live_survives_kill_9_and_is_marked_in_the_export() {
    let pane = Pane::new();
    pane.start_app("");
    // A guest speaker after lunch: 20 minutes, a lecture.
    pane.keys(&["Down", "Down", "Down", "Down", "Down", "Down", "i"]);
    pane.wait_for("the item form", |s| s.contains("Add an item after Lunch"));
    pane.type_text("Guest speaker: a survivor advocate");
    pane.keys(&["Tab", "C-u"]);
    pane.type_text("20");
    pane.keys(&["Tab", "Tab"]);
    pane.type_text("Ms Kanya Srisuk");
    pane.keys(&["Enter"]);
    pane.wait_for("the item added", |s| {
        s.contains("added \"Guest speaker: a survivor advocate\" (20 min) to the agenda")
            && s.contains("13:30  20'  Guest speaker: a survivor advocate [added]")
    });
    // Moved two places later, after the afternoon lecture on legal instruments.
    pane.keys(&["M", "Down", "Down"]);
    pane.wait_for("where it would go", |s| {
        s.contains("⇢ here: Guest speaker: a survivor advocate")
    });
    pane.keys(&["Enter"]);
    pane.wait_for("the move", |s| {
        s.contains("moved \"Guest speaker: a survivor advocate\" to Tue 31 Mar, place 10")
    });
    // The wrap-up renamed, then the renaming undone.
    pane.keys(&["End", "E"]);
    pane.wait_for("the edit form", |s| s.contains("Change Closing ceremony"));
    pane.keys(&["C-u"]);
    pane.type_text("Closing, certificates and a song");
    pane.keys(&["Enter"]);
    pane.wait_for("the edit", |s| {
        s.contains("now reads \"Closing, certificates and a song\"")
    });
    pane.keys(&["u"]);
    pane.wait_for("the undo", |s| s.contains("undone: "));
    pane.signal("-KILL");
    pane.wait_for("the shell after the kill", |s| {
        s.replace('\n', "").contains("Killed")
    });
    pane.type_line("reset");
    pane.wait_for("the reset prompt", prompt_back);

    pane.start_app("");
    let screen = pane.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let at = |text: &str| lines.iter().position(|l| l.contains(text));
    let guest = at("Guest speaker: a survivor advocate [added]").expect(&screen);
    let instruments = at("International legal instruments").expect(&screen);
    assert_eq!(guest, instruments + 1, "after the lecture:\n{screen}");
    pane.keys(&["X"]);
    pane.wait_for("the export", |s| s.contains("exported 14 files to"));
    let exports = pane.store().join("exports");
    let folder = std::fs::read_dir(&exports)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let csv = std::fs::read_to_string(folder.join("cifal-jeju-2020-vca-agenda.csv")).unwrap();
    let guest_row = csv
        .lines()
        .find(|l| l.contains("Guest speaker"))
        .expect(&csv);
    assert!(guest_row.ends_with(",added in the room"), "{guest_row}");
    let closing = csv.lines().find(|l| l.contains("d4-closing")).unwrap();
    assert!(
        closing.contains("Closing ceremony and certificates"),
        "{closing}"
    );
    assert!(
        closing.ends_with(','),
        "the undone change is not marked: {closing}"
    );
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}
