//! A tmux server of our own running one shell, for tests that drive the real binary as a
//! person would: keys in, the screen read back, waiting (with a deadline) for what is
//! expected rather than sleeping.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of our own running one shell in a 100x30 pane.
pub struct Pane {
    pub dir: tempfile::TempDir,
    socket: PathBuf,
}

impl Pane {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("tmux.sock");
        let pane = Self { dir, socket };
        pane.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            "100",
            "-y",
            "30",
            "-c",
        ])
        .arg(pane.dir.path())
        .args(["env", "-u", "TMUX", "bash", "--norc", "--noprofile"])
        .env("HOME", pane.dir.path())
        .status()
        .unwrap();
        pane.type_line("PS1='READY> '");
        pane.wait_for("the shell prompt", |s| s.contains("READY> "));
        pane
    }

    pub fn tmux(&self, args: &[&str]) -> Command {
        let mut command = Command::new("tmux");
        command.arg("-S").arg(&self.socket).args(args);
        command
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// Sends tmux key names (`n`, `Enter`, `F12`...), one call per key so none run together.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            assert!(
                self.tmux(&["send-keys", "-t", "e2e", key])
                    .status()
                    .unwrap()
                    .success()
            );
        }
    }

    pub fn type_line(&self, text: &str) {
        self.type_text(text);
        self.keys(&["Enter"]);
    }

    /// Types `text` as it is, with no Enter after it.
    pub fn type_text(&self, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", "e2e", "-l", text])
                .status()
                .unwrap()
                .success()
        );
    }

    pub fn screen(&self) -> String {
        let out = self
            .tmux(&["capture-pane", "-p", "-t", "e2e"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn format(&self, format: &str) -> String {
        let out = self
            .tmux(&["display-message", "-p", "-t", "e2e", format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Polls the screen until `ready` holds, for at most 20 seconds.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited 20 s for {what}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Starts `workshop run` on the 2020 plan with this pane's store.
    pub fn start_app(&self, env: &str) {
        let line = format!(
            "{env} {} --store {} run {}",
            env!("CARGO_BIN_EXE_workshop"),
            self.store().display(),
            super::session("cifal-jeju-2020-vca").display()
        );
        self.type_line(line.trim());
        self.wait_for("the agenda", |s| {
            s.contains(" NOW ") && s.contains("Day 1 ·")
        });
    }

    /// The line of the screen that starts with " NOW".
    pub fn now_line(&self) -> String {
        self.screen()
            .lines()
            .find(|l| l.starts_with(" NOW"))
            .unwrap_or_default()
            .to_owned()
    }

    /// The app's pid, as its lock file says.
    pub fn app_pid(&self) -> String {
        std::fs::read_to_string(self.store().join("lock"))
            .unwrap()
            .trim()
            .to_owned()
    }

    pub fn signal(&self, signal: &str) {
        assert!(
            Command::new("kill")
                .args([signal, &self.app_pid()])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Saves the terminal's settings now, to compare after the app has gone.
    pub fn save_tty(&self) {
        self.type_line("stty -a > tty-before.txt; clear");
        self.wait_for("the prompt after stty", |s| {
            s.trim_end().ends_with("READY>")
        });
    }

    /// Asserts the terminal is as it was: settings, normal screen, no mouse reporting.
    pub fn assert_tty_restored(&self) {
        self.type_line("stty -a > tty-after.txt; cmp -s tty-before.txt tty-after.txt && echo TTY-SAME || echo TTY-CHANGED");
        let screen = self.wait_for("the stty comparison", |s| {
            s.contains("TTY-SAME") || s.contains("TTY-CHANGED")
        });
        assert!(
            screen.contains("TTY-SAME"),
            "terminal settings differ after the app:\n{screen}"
        );
        assert_eq!(
            self.format("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(
            self.format("#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}"),
            "000",
            "mouse still captured"
        );
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]).status();
    }
}

pub fn prompt_back(screen: &str) -> bool {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_end().ends_with("READY>"))
}
