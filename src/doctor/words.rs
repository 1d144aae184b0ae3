//! What a diagnosis found, in plain words for the person at the keyboard.

use std::path::Path;

use super::{Diagnosis, Verdict, ranges};
use crate::plan::Zone;
use crate::store::Opened;
use crate::text::counted;

/// How many damaged records are named one by one before the rest are counted.
const NAMED: usize = 5;

/// The report, one line each; sections start at the margin, details are indented.
pub fn report(diagnosis: &Diagnosis) -> Vec<String> {
    let history = diagnosis.fold();
    let state = history.state();
    let mut lines = store_lines(diagnosis);
    lines.extend(backup_lines(diagnosis, state.zone()));
    let where_agenda = match state.current_day() {
        Some(day) if !state.plan().days.is_empty() => format!(
            "; the agenda stands on day {} of {}",
            day + 1,
            state.plan().days.len()
        ),
        _ => String::new(),
    };
    let rebuilt = if diagnosis.verdict() == Verdict::Repairable && diagnosis.needs_rebuild() {
        "Repaired, the run would hold"
    } else {
        "The run holds"
    };
    lines.push(format!(
        "{rebuilt} {}: {}{where_agenda}.",
        counted(history.log().len(), "event", "events"),
        counted(state.participants().len(), "participant", "participants"),
    ));
    lines.push(verdict_line(diagnosis));
    lines
}

fn store_lines(diagnosis: &Diagnosis) -> Vec<String> {
    let inspection = &diagnosis.inspection;
    let mut lines = vec![format!("Store {}", inspection.dir().display())];
    lines.push(match &inspection.opened {
        Opened::AsTheyAre => "  sled opens it as it is.".to_owned(),
        Opened::WithoutConfAndSnapshots => "  sled refuses its configuration or snapshot file, \
                                            and reads its data file without them."
            .to_owned(),
        Opened::NotAtAll(why) => format!("  sled cannot read it at all: {why}."),
        Opened::Missing => "  sled's files are not there.".to_owned(),
    });
    let seqs: Vec<u64> = inspection.log.events.iter().map(|r| r.seq).collect();
    lines.push(match (&inspection.plan, seqs.is_empty()) {
        (Ok(Some(plan)), _) => format!("  It holds the run of \"{}\" ({}).", plan.title, plan.id),
        (Ok(None), true) => {
            "  It holds neither the plan the run started from nor any event.".to_owned()
        }
        (Ok(None), false) => "  The plan the run started from is missing.".to_owned(),
        (Err(why), _) => format!("  The plan the run started from is damaged: {why}."),
    });
    if seqs.is_empty() {
        if !matches!(inspection.plan, Ok(None)) {
            lines.push("  It reads no events.".to_owned());
        }
    } else {
        lines.push(format!("  It reads events {}.", ranges(&seqs)));
    }
    for damaged in inspection.log.damaged.iter().take(NAMED) {
        lines.push(format!("  Damaged: {damaged}."));
    }
    if inspection.log.damaged.len() > NAMED {
        lines.push(format!(
            "  ... and {} more damaged records.",
            inspection.log.damaged.len() - NAMED
        ));
    }
    for half in &inspection.half_snapshots {
        lines.push(format!(
            "  {} is a snapshot sled was killed while writing; opening the run moves it aside.",
            name(half)
        ));
    }
    lines
}

fn backup_lines(diagnosis: &Diagnosis, zone: Zone) -> Vec<String> {
    let folder = diagnosis.inspection.dir().join(crate::backup::FOLDER);
    let mut lines = Vec::new();
    if diagnosis.backups == 0 {
        lines.push(format!(
            "Backups: none yet in {} (the app makes one at each change of day, every {} \
             minutes of work and when it quits).",
            folder.display(),
            crate::backup::EVERY_MINUTES
        ));
        return lines;
    }
    lines.push(format!(
        "Backups: {} in {}.",
        diagnosis.backups,
        folder.display()
    ));
    for (bad, why) in &diagnosis.unreadable {
        lines.push(format!("  {} does not read: {why}.", name(&bad.path)));
    }
    let Some(newest) = &diagnosis.newest else {
        lines.push("  None of them reads whole.".to_owned());
        return lines;
    };
    lines.push(format!(
        "  The newest that reads whole is {}, made {}, with {} events.",
        name(&newest.backup.path),
        zone.local(newest.export.exported_at)
            .format("%Y-%m-%d %H:%M"),
        newest.export.events.len()
    ));
    lines.extend(comparison_lines(diagnosis, newest.export.events.len()));
    lines
}

fn comparison_lines(diagnosis: &Diagnosis, backed_up: usize) -> Vec<String> {
    let merged = &diagnosis.merged;
    let held = diagnosis.inspection.log.events.len();
    let mut lines = Vec::new();
    if let Some(seq) = merged.conflict {
        lines.push(format!(
            "  Event {seq} is not the same in the store and in the backup."
        ));
        return lines;
    }
    if merged.restored.is_empty() {
        lines.push(if held > backed_up {
            format!(
                "  The store holds the backup's {backed_up} events, and {} made since.",
                held - backed_up
            )
        } else {
            format!("  The store holds the same {backed_up} events.")
        });
    } else {
        lines.push(format!(
            "  The store lacks events {} that the backup holds.",
            ranges(&merged.restored)
        ));
    }
    if !merged.stranded.is_empty() {
        lines.push(format!(
            "  Events {} are in the store beyond a gap nothing fills: a repair leaves them \
             in the files it moves aside.",
            ranges(&merged.stranded)
        ));
    }
    lines
}

fn verdict_line(diagnosis: &Diagnosis) -> String {
    match diagnosis.verdict() {
        Verdict::Healthy => "The run is healthy.".to_owned(),
        Verdict::Repairable if diagnosis.needs_rebuild() => {
            let restored = &diagnosis.merged.restored;
            let from_store: Vec<u64> = diagnosis
                .merged
                .events
                .iter()
                .map(|r| r.seq)
                .filter(|seq| restored.binary_search(seq).is_err())
                .collect();
            let sources: Vec<String> = [(&from_store, "the store"), (restored, "the backup")]
                .into_iter()
                .filter(|(seqs, _)| !seqs.is_empty())
                .map(|(seqs, source)| format!("events {} of {source}", ranges(seqs)))
                .collect();
            let sources = if sources.is_empty() {
                "the plan alone, as no event reads".to_owned()
            } else {
                sources.join(" and ")
            };
            format!(
                "The run needs a repair: `workshop doctor --repair` rebuilds it from {sources}, \
                 and moves the damaged files aside (nothing is deleted)."
            )
        }
        Verdict::Repairable => "The run is whole, with leftovers: `workshop doctor --repair` \
                                moves them aside (nothing is deleted)."
            .to_owned(),
        other => not_repairable(&other),
    }
}

/// Why a repair will not go ahead, and what to do instead.
pub fn not_repairable(verdict: &Verdict) -> String {
    match verdict {
        Verdict::NoRun => "No run of this plan has started in this folder.".to_owned(),
        Verdict::Conflict(seq) => format!(
            "The store and its newest backup hold two different histories from event {seq} on; \
             a repair would have to drop one, so it is left to you. To go back to the backup: \
             `workshop import --force BACKUP-FILE` (the store is moved aside, not deleted)."
        ),
        Verdict::OtherPlan(id) => format!(
            "This folder holds the run of the plan `{id}`: give that plan's file, or another --store."
        ),
        Verdict::Healthy | Verdict::Repairable => "Nothing stops a repair.".to_owned(),
    }
}

fn name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
