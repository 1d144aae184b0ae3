//! `workshop run PLAN`: opens (or starts) the run of a plan.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{Failure, load_valid_plan, store_dir};
use crate::run::Run;
use crate::tui;

/// Opens (or starts) the run and hands the terminal to the app.
pub fn run(
    plan: &Path,
    store: Option<PathBuf>,
    room: Option<crate::room::RoomConfig>,
) -> Result<(), Failure> {
    // A keymap file with a mistake is refused before anything else is opened.
    let keys = super::keys::load()?;
    let loaded = load_valid_plan(plan)?;
    let dir = store_dir(&loaded.plan.id, store)?;
    let run = Run::open(loaded.plan, &dir)?;
    super::roster::report_open(plan, &run);
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::message(format!(
            "workshop run needs a terminal to draw in; the run is ready in {}",
            dir.display()
        )));
    }
    let closing = tui::run(run, home_relative(&dir), keys, room)?;
    if let Some(why) = &closing.stale {
        eprintln!(
            "The last action was not saved ({why}). The run in {} holds everything before it: \
             free some space and open it again.",
            dir.display()
        );
    } else if closing.unsaved > 0 {
        eprintln!(
            "{} could not be saved during this session; the screen took {} back at once. \
             Everything else is saved in {}.",
            match closing.unsaved {
                1 => "One action".to_owned(),
                n => format!("{n} actions"),
            },
            if closing.unsaved == 1 { "it" } else { "them" },
            dir.display()
        );
    } else {
        println!("The run is saved in {}.", dir.display());
    }
    match closing.backup {
        Ok(Some(file)) => println!("Backed up to {}.", file.display()),
        Ok(None) => {}
        Err(why) => eprintln!("warning: the backup made on quitting failed: {why}"),
    }
    Ok(())
}

/// `dir` with the home folder written as `~`, as the header shows it.
fn home_relative(dir: &Path) -> String {
    match std::env::var_os("HOME").map(PathBuf::from) {
        Some(home) if !home.as_os_str().is_empty() && dir.starts_with(&home) => {
            let rest = dir
                .strip_prefix(&home)
                .map_or_else(|_| dir.to_path_buf(), Path::to_path_buf);
            format!("~/{}", rest.display())
        }
        _ => dir.display().to_string(),
    }
}
