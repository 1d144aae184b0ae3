//! `workshop keys`: the user's keymap file, checked, located or started from the built-in one.

use std::path::PathBuf;
use std::sync::Arc;

use super::Failure;
use crate::tui::keymap::{self, Keymap};

fn file() -> Result<PathBuf, Failure> {
    keymap::user_file()
        .ok_or_else(|| Failure::message("no config folder is known for this user (is HOME set?)"))
}

/// The keymap `workshop run` uses: the user's file over the built-in one.
pub fn load() -> Result<Arc<Keymap>, Failure> {
    match keymap::user_file() {
        Some(path) => Keymap::load(&path).map_err(|problems| {
            Failure::message(format!(
                "{problems}\nThe keymap file was not used: mend it, or move it away to use the built-in keys (`workshop keys` checks it)."
            ))
        }),
        None => Ok(Keymap::built_in()),
    }
}

/// `--path` prints where the file goes, `--dump` writes the built-in keymap there, and with
/// neither the file is checked.
pub fn keys(path: bool, dump: bool) -> Result<(), Failure> {
    let file = file()?;
    if path {
        println!("{}", file.display());
        return Ok(());
    }
    if dump {
        if std::fs::symlink_metadata(&file).is_ok() {
            return Err(Failure::message(format!(
                "{} exists already; edit it, or move it away and dump again",
                file.display()
            )));
        }
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| Failure::message(format!("{}: {e}", folder.display())))?;
        }
        std::fs::write(&file, keymap::BUILT_IN)
            .map_err(|e| Failure::message(format!("{}: {e}", file.display())))?;
        println!(
            "Wrote the built-in keys to {}: edit it, keeping only the lines you change if you like.",
            file.display()
        );
        return Ok(());
    }
    if std::fs::symlink_metadata(&file).is_err() {
        println!(
            "No keymap file at {}: the built-in keys are used (`workshop keys --dump` writes them there to edit).",
            file.display()
        );
        return Ok(());
    }
    load()?;
    println!("{} is a good keymap file.", file.display());
    Ok(())
}
