//! The command line: argument types (clap) and the dispatch to each command.

mod doctor;
mod keys;
mod plan_new;
mod roster;
mod run;
mod transfer;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::export::Privacy;
use crate::plan::{LoadedPlan, load_plan};
use crate::run::default_store_dir;

/// Conduct a live capacity-building workshop: agenda, attendance, CityShare, exercises, exports.
#[derive(Debug, Parser)]
#[command(name = "workshop", version, about, propagate_version = true)]
pub struct Cli {
    /// Keep the run in DIR instead of the platform data folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub store: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// What `workshop` is asked to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a workshop live from its plan (creates the run the first time).
    Run {
        /// The plan file, e.g. sessions/cifal-jeju-2020-vca.json.
        plan: PathBuf,
        /// Open the room: serve pages to participants' phones on the room's network (plain
        /// HTTP; nothing listens without this).
        #[arg(long)]
        room: bool,
        /// The address to serve the room on (default: this laptop's private addresses).
        #[arg(long, value_name = "ADDR", requires = "room")]
        bind: Option<std::net::IpAddr>,
        /// The room's port.
        #[arg(long, value_name = "N", default_value_t = 8080, requires = "room")]
        port: u16,
    },
    /// Check plan files; every problem is reported with its file, line, column and field.
    Validate {
        /// One or more plan files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the folder where a plan's run is stored.
    Where {
        /// The plan file.
        plan: PathBuf,
    },
    /// Manage the run's roster of participants.
    Roster {
        #[command(subcommand)]
        command: RosterCommand,
    },
    /// CityShare levels: bring them in from a shared spreadsheet.
    Scores {
        #[command(subcommand)]
        command: ScoresCommand,
    },
    /// Write the session's results: the whole run as JSON, CSV tables, and Markdown and
    /// HTML reports. Files are owner-only; participants without consent appear as
    /// pseudonyms (P08) in every file.
    Export {
        /// The plan file.
        plan: PathBuf,
        /// Folder to write into (created owner-only if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Formats, comma-separated: json, csv, md, html.
        #[arg(long, value_name = "LIST", default_value = "json,csv,md,html")]
        format: String,
        /// Leave out every name, email and organisation: participants become P01, P02 ...
        #[arg(long, conflicts_with = "full")]
        redact: bool,
        /// Name everyone in the JSON file, those who did not consent too: a backup to move
        /// the run to another laptop. Keep it as safe as the store.
        #[arg(long)]
        full: bool,
    },
    /// Check a run's store against its newest backup, in plain words; with --repair, move
    /// damaged files aside (never deleting them) and rebuild the run from what the store still
    /// reads and the backup.
    Doctor {
        /// The plan file.
        plan: PathBuf,
        /// Put right what the check finds.
        #[arg(long)]
        repair: bool,
    },
    /// Your own keys: check your keymap file, say where it goes, or write the built-in one
    /// there to edit.
    Keys {
        /// Print where the keymap file is read from.
        #[arg(long, conflicts_with = "dump")]
        path: bool,
        /// Write the built-in keymap there, to edit (never over a file already there).
        #[arg(long)]
        dump: bool,
    },
    /// Prepare plan files.
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// Rebuild a run from a JSON export (a new laptop, a backup).
    Import {
        /// The `*-run.json` file.
        file: PathBuf,
        /// Replace a run already in the store; the old store is moved aside, not deleted.
        #[arg(long)]
        force: bool,
    },
}

/// `workshop plan ...`
#[derive(Debug, Subcommand)]
// Parsed once from the command line: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum PlanCommand {
    /// Write a new plan file: from an agenda spreadsheet (and a roster), or as the next
    /// cohort of a plan (its days moved to new dates, weekdays kept weekdays, a new id, and
    /// an empty roster unless --roster gives one). Written only once it validates, never
    /// over a file already there.
    New {
        /// The plan file to write.
        file: PathBuf,
        /// The agenda: an .xlsx, .ods or .csv with one row an item (date or day, start,
        /// minutes, title, kind, module, presenter, organisation, fixed, attendance, notes).
        #[arg(long, value_name = "SHEET", conflicts_with = "from")]
        agenda: Option<PathBuf>,
        /// The agenda's sheet in a workbook (default: the one called Agenda, else the first).
        #[arg(long, value_name = "NAME", requires = "agenda")]
        sheet: Option<String>,
        /// The plan to copy for the next cohort.
        #[arg(long, value_name = "PLAN")]
        from: Option<PathBuf>,
        /// The first day: the new cohort's, or day 1 of an agenda that numbers its days.
        #[arg(long, value_name = "YYYY-MM-DD")]
        start: Option<chrono::NaiveDate>,
        /// The new plan's id (default: from the title and year).
        #[arg(long)]
        id: Option<String>,
        /// The new plan's title (default: the old one, or what the agenda sheet says).
        #[arg(long)]
        title: Option<String>,
        /// Where the workshop is held (for a plan from an agenda).
        #[arg(long, requires = "agenda")]
        venue: Option<String>,
        /// The plan's time zone, "Asia/Seoul" or "+09:00" (default: this machine's offset).
        #[arg(long, value_name = "ZONE", requires = "agenda")]
        time_zone: Option<String>,
        /// An organiser (repeat for each).
        #[arg(long = "organiser", value_name = "NAME", requires = "agenda")]
        organisers: Vec<String>,
        /// The participants: a roster CSV (the columns `roster import` reads), or a sheet
        /// of an .xlsx or .ods with those columns.
        #[arg(long, value_name = "ROSTER")]
        roster: Option<PathBuf>,
        /// The roster's sheet in a workbook (default: the one called Roster, else the first).
        #[arg(long, value_name = "NAME", requires = "roster")]
        roster_sheet: Option<String>,
    },
    /// Write a plan as a workbook: agenda, days, modules, workshop details, exercises,
    /// framework and roster, one sheet each, that `plan new --agenda` reads back.
    Export {
        /// The plan file.
        plan: PathBuf,
        /// The .xlsx file to write (never over a file already there).
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
}

/// `workshop roster ...`
#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Add participants from a CSV with the header name,organisation,country,city,sector,email.
    /// All or nothing: a bad row is reported and nothing is added.
    Import {
        /// The plan file.
        plan: PathBuf,
        /// The CSV file (UTF-8, with or without BOM).
        file: PathBuf,
    },
    /// Show everyone on the run's roster.
    List {
        /// The plan file.
        plan: PathBuf,
        /// Print CSV (the columns an import reads) instead of a table.
        #[arg(long)]
        csv: bool,
    },
}

/// `workshop scores ...`
#[derive(Debug, Subcommand)]
pub enum ScoresCommand {
    /// Import levels from a CSV (columns: rater city, rated city, criterion, level, note).
    /// An empty rater is the city's own assessment; level 0 means unknown. All or nothing.
    Import {
        /// The plan file.
        plan: PathBuf,
        /// The CSV file (UTF-8, with or without BOM).
        file: PathBuf,
    },
}

/// Runs the parsed command line; errors are printed here, so the caller only exits.
pub fn main(cli: Cli) -> ExitCode {
    let store = cli.store;
    let result = match cli.command {
        Command::Validate { files } => return validate::validate_files(&files),
        Command::Run {
            plan,
            room,
            bind,
            port,
        } => run::run(
            &plan,
            store,
            room.then_some(crate::room::RoomConfig { bind, port }),
        ),
        Command::Where { plan } => where_is(&plan, store),
        Command::Roster {
            command: RosterCommand::Import { plan, file },
        } => roster::import(&plan, store, &file),
        Command::Roster {
            command: RosterCommand::List { plan, csv },
        } => roster::list(&plan, store, csv),
        Command::Scores {
            command: ScoresCommand::Import { plan, file },
        } => roster::import_scores(&plan, store, &file),
        Command::Export {
            plan,
            out,
            format,
            redact,
            full,
        } => {
            let privacy = match (redact, full) {
                (true, _) => Privacy::Redacted,
                (false, true) => Privacy::FullBackup,
                (false, false) => Privacy::ConsentedNamed,
            };
            transfer::export(&plan, store, &out, &format, privacy)
        }
        Command::Import { file, force } => transfer::import(&file, store, force),
        Command::Plan {
            command:
                PlanCommand::New {
                    file,
                    agenda,
                    sheet,
                    from,
                    start,
                    id,
                    title,
                    venue,
                    time_zone,
                    organisers,
                    roster,
                    roster_sheet,
                },
        } => plan_new::plan_new(&plan_new::NewPlan {
            out: file,
            from,
            agenda,
            sheet,
            start,
            id,
            title,
            venue,
            time_zone,
            organisers,
            roster,
            roster_sheet,
        }),
        Command::Plan {
            command: PlanCommand::Export { plan, out },
        } => plan_new::plan_export(&plan, &out),
        Command::Doctor { plan, repair } => doctor::doctor(&plan, store, repair),
        Command::Keys { path, dump } => keys::keys(path, dump),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}

/// A command's failure, already worded for the person at the keyboard.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    fn message(text: impl Into<String>) -> Self {
        Self(text.into())
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<E: std::error::Error> From<E> for Failure {
    fn from(err: E) -> Self {
        Self(err.to_string())
    }
}

/// Loads a plan for a command that needs a valid one; warnings go to stderr.
fn load_valid_plan(file: &std::path::Path) -> Result<LoadedPlan, Failure> {
    let loaded = load_plan(file)?;
    for warning in &loaded.warnings {
        eprintln!("{}", warning.display_in(file));
    }
    Ok(loaded)
}

/// The store folder for a plan: `--store` if given, else the platform default.
fn store_dir(plan_id: &str, store: Option<PathBuf>) -> Result<PathBuf, Failure> {
    match store {
        Some(dir) => Ok(dir),
        None => Ok(default_store_dir(plan_id)?),
    }
}

fn where_is(plan: &std::path::Path, store: Option<PathBuf>) -> Result<(), Failure> {
    let loaded = load_valid_plan(plan)?;
    println!("{}", store_dir(&loaded.plan.id, store)?.display());
    Ok(())
}
