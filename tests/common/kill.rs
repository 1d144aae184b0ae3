//! Killing a child at a random moment: the crash harnesses re-run their own test binary as
//! the child (an ignored test that reads its folder from the environment), read what it
//! prints line by line, and SIGKILL it either while it starts or some time after it says
//! `opened`.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How many kills a harness makes: `WORKSHOP_CRASH_ROUNDS`, else `default`.
pub fn rounds(default: usize) -> usize {
    std::env::var("WORKSHOP_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// How many power cuts a harness makes: `WORKSHOP_POWER_CUTS`, else `default`.
pub fn power_cuts(default: usize) -> usize {
    std::env::var("WORKSHOP_POWER_CUTS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// When to kill the child.
#[derive(Clone, Copy, Debug)]
pub enum KillAt {
    /// This long after it was started, opened or not.
    AfterStart(Duration),
    /// This long after it reports the run open (it is working by then).
    AfterOpen(Duration),
}

impl KillAt {
    /// A third of the kills within `open_time` of the start (while the store opens), the
    /// rest up to `working` after the child has opened.
    pub fn random(rng: &mut fastrand::Rng, open_time: Duration, working: Duration) -> Self {
        let ms = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1);
        if rng.u8(..3) == 0 {
            KillAt::AfterStart(Duration::from_millis(rng.u64(0..=ms(open_time))))
        } else {
            KillAt::AfterOpen(Duration::from_millis(rng.u64(0..ms(working))))
        }
    }
}

/// What the child printed before it was killed.
pub struct Killed {
    /// Its lines, in order (libtest's own output may precede the first).
    pub lines: Vec<String>,
    /// How long it took to print `opened`, if it got that far.
    pub opened_after: Option<Duration>,
}

/// Runs the ignored test `child` of this test binary with `envs`, and kills it `at`.
pub fn run_and_kill(child: &str, envs: &[(&str, &str)], at: KillAt) -> Killed {
    let started = Instant::now();
    let mut process = Command::new(std::env::current_exe().unwrap())
        .args([
            child,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .envs(envs.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the child");
    let stdout = process.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    let mut lines: Vec<(Instant, String)> = Vec::new();
    match at {
        KillAt::AfterStart(delay) => std::thread::sleep(delay),
        KillAt::AfterOpen(delay) => {
            let deadline = started + Duration::from_secs(60);
            while !lines.iter().any(|(_, line)| line.ends_with("opened")) {
                let left = deadline.saturating_duration_since(Instant::now());
                lines.push(
                    rx.recv_timeout(left)
                        .expect("the child opens the run within a minute"),
                );
            }
            std::thread::sleep(delay);
        }
    }
    process.kill().expect("SIGKILL the child");
    process.wait().unwrap();
    reader.join().unwrap();
    lines.extend(rx.try_iter());
    // libtest prints "test name ... " without a newline before the child's first line.
    let opened_after = lines
        .iter()
        .find(|(_, line)| line.ends_with("opened"))
        .map(|(when, _)| *when - started);
    Killed {
        lines: lines.into_iter().map(|(_, line)| line).collect(),
        opened_after,
    }
}
