//! A keymap file of one's own: `workshop keys`, and the app run with changed keys in a real
//! terminal (tmux), the footer and help following them; a file with a mistake is refused
//! before anything is opened.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use common::pane::{Pane, prompt_back};

/// Where `workshop` reads the keymap file when its config folder is `config`.
fn keys_file(config: &std::path::Path) -> std::path::PathBuf {
    config.join("workshop").join("keys")
}

#[test]
fn changed_keys_work_in_the_app_and_the_footer_and_help_follow() {
    let pane = Pane::new();
    let config = pane.dir.path().join("config");
    let file = keys_file(&config);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        "# a clicker that sends `.`\n[agenda]\nnext  . n PgDn\n\n[views]\nundo  z\n",
    )
    .unwrap();
    pane.start_app(&format!("XDG_CONFIG_HOME={}", config.display()));
    // The frame may still be reaching the terminal: wait for its last line, the footer.
    let screen = pane.wait_for("the footer with the new undo key", |s| {
        s.contains(" z  undo ")
    });
    assert!(!screen.contains(" u  undo "), "{screen}");
    assert!(
        screen.contains("nothing running · . starts the next item"),
        "the hint names the new key:\n{screen}"
    );

    pane.keys(&["."]);
    pane.wait_for("registration to start with `.`", |s| {
        s.contains("started \"Registration and welcome coffee\"")
    });
    pane.keys(&["u"]);
    pane.keys(&["z"]);
    pane.wait_for("z to undo it", |s| s.contains("undone: "));

    pane.keys(&["?"]);
    pane.wait_for("the help listing the new key", |s| {
        s.lines()
            .any(|l| l.contains(". n PgDn") && l.contains("end the running item"))
    });
    // Esc and q sent together would read as Alt-q: q waits for the help to close.
    pane.keys(&["Escape"]);
    pane.wait_for("the help closed", |s| !s.contains("end the running item"));
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}

#[test]
fn a_keymap_file_with_a_mistake_is_refused_with_its_line_before_the_run_opens() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    let file = keys_file(&config);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "[agenda]\n# the clicker's key\nnext  s\n").unwrap();
    let store = home.path().join("store");
    let out = common::output(
        common::workshop(home.path())
            .env("XDG_CONFIG_HOME", &config)
            .arg("--store")
            .arg(&store)
            .arg("run")
            .arg(common::session("cifal-jeju-2020-vca")),
    );
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:3: s is bound twice in [agenda]: to next and to skip-selected",
            file.display()
        )),
        "{err}"
    );
    assert!(!store.exists(), "nothing was opened");

    let check = common::output(
        common::workshop(home.path())
            .env("XDG_CONFIG_HOME", &config)
            .arg("keys"),
    );
    assert!(!check.status.success());
    assert!(common::stderr(&check).contains(":3: s is bound twice"));
}

#[test]
fn keys_path_and_dump_give_a_file_to_edit() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    let keys = |args: &[&str]| {
        common::output(
            common::workshop(home.path())
                .env("XDG_CONFIG_HOME", &config)
                .arg("keys")
                .args(args),
        )
    };
    let file = keys_file(&config);
    let path = keys(&["--path"]);
    assert_eq!(common::stdout(&path).trim(), file.display().to_string());
    assert!(common::stdout(&keys(&[])).contains("No keymap file at"));

    let dump = keys(&["--dump"]);
    assert!(dump.status.success(), "{}", common::stderr(&dump));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        workshop::tui::keymap::BUILT_IN
    );
    assert!(common::stdout(&keys(&[])).contains("is a good keymap file"));
    let again = keys(&["--dump"]);
    assert!(!again.status.success());
    assert!(common::stderr(&again).contains("exists already"));
}

#[test]
fn the_head_count_key_the_detail_names_works_in_a_real_session() {
    let pane = Pane::new();
    pane.start_app("");
    // Nothing runs yet: the registration, which takes attendance, is selected.
    pane.keys(&["Enter"]);
    pane.wait_for("the detail naming the key", |s| {
        s.contains("no head count yet (c)")
    });
    pane.keys(&["c"]);
    pane.wait_for("the head count field", |s| {
        s.contains("How many are in the room for")
    });
    pane.type_line("22");
    pane.wait_for("the count said and shown", |s| {
        s.contains("22 in the room for") && s.contains("head count 22")
    });
    // q quits from the detail too; Esc and q sent together would read as Alt-q.
    pane.keys(&["q"]);
    pane.wait_for("the shell", prompt_back);
}
