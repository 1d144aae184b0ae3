//! Counts the attendance view shows on every frame, kept between frames: everyone's
//! certificate standing and each day's marks by kind. They are worked out in one pass when
//! first asked for after a change; a mark then moves only the marked people in them, so
//! marking a row does not recount the whole roster.

use std::collections::{BTreeSet, HashMap};

use super::State;
use super::attendance::{Certificate, CertificateCounts, DayTotals};
use crate::event::{Event, Mark};

/// The kept counts.
#[derive(Debug, Clone, Default)]
pub(super) struct Tallies {
    /// Each roster participant's certificate standing.
    standing: HashMap<String, Certificate>,
    certificates: CertificateCounts,
    /// Totals of each plan day, in plan order.
    days: Vec<DayTotals>,
}

impl CertificateCounts {
    fn add(&mut self, standing: Certificate, by: isize) {
        let count = match standing {
            Certificate::Eligible => &mut self.eligible,
            Certificate::NotYet => &mut self.not_yet,
            Certificate::NotEligible => &mut self.not_eligible,
        };
        *count = count.saturating_add_signed(by);
    }
}

impl DayTotals {
    fn add(&mut self, mark: Option<&Mark>, by: isize) {
        let count = match mark {
            Some(Mark::Present) => &mut self.present,
            Some(Mark::Late { .. }) => &mut self.late,
            Some(Mark::LeftEarly { .. }) => &mut self.left_early,
            Some(Mark::Excused { .. }) => &mut self.excused,
            Some(Mark::Absent) => &mut self.absent,
            None => &mut self.unmarked,
        };
        *count = count.saturating_add_signed(by);
    }
}

impl State {
    fn tallies(&self) -> &Tallies {
        self.tallies.get_or_init(|| {
            let mut kept = Tallies {
                days: vec![DayTotals::default(); self.plan().days.len()],
                ..Tallies::default()
            };
            for p in self.participants() {
                let standing = self.work_out_certificate(&p.id);
                kept.certificates.add(standing, 1);
                kept.standing.insert(p.id.clone(), standing);
                if !self.is_withdrawn(&p.id) {
                    for (totals, mark) in kept.days.iter_mut().zip(self.day_marks(&p.id)) {
                        totals.add(mark, 1);
                    }
                }
            }
            kept
        })
    }

    /// Where `participant` stands against the certificate rule.
    pub fn certificate(&self, participant: &str) -> Certificate {
        self.tallies
            .get()
            .and_then(|kept| kept.standing.get(participant).copied())
            .unwrap_or_else(|| self.work_out_certificate(participant))
    }

    /// How many of the roster stand where for a certificate.
    pub fn certificate_counts(&self) -> CertificateCounts {
        self.tallies().certificates
    }

    /// The day's marks counted by kind, over participants who have not withdrawn.
    pub fn day_totals(&self, day: usize) -> DayTotals {
        self.tallies().days.get(day).copied().unwrap_or_else(|| {
            // Not a day of the plan: no one has a mark on it.
            let mut totals = DayTotals::default();
            for p in self.participants() {
                if !self.is_withdrawn(&p.id) {
                    totals.add(None, 1);
                }
            }
            totals
        })
    }

    /// Applies `event` with `change`, keeping the tallies when it is a mark (the marked
    /// people are moved in them) and dropping them otherwise, to be worked out again when
    /// next asked for.
    pub(super) fn keeping_tallies(&mut self, event: &Event, change: impl FnOnce(&mut Self)) {
        let kept = self.tallies.take();
        let (
            Some(mut kept),
            Event::Marked {
                day, participants, ..
            },
        ) = (kept, event)
        else {
            change(self);
            return;
        };
        // Each counted once, however often the event names them.
        let marked: BTreeSet<&String> = participants
            .iter()
            .filter(|p| kept.standing.contains_key(*p))
            .collect();
        // The marked day's totals: the marked people's old marks out, their new ones in.
        let index = self.plan().days.iter().position(|d| d.date == *day);
        let mut move_totals = |state: &Self, by: isize| {
            if let Some(i) = index
                && let Some(totals) = kept.days.get_mut(i)
            {
                for &p in &marked {
                    if !state.is_withdrawn(p) {
                        totals.add(state.mark(p, i), by);
                    }
                }
            }
        };
        move_totals(self, -1);
        change(self);
        move_totals(self, 1);
        for &p in &marked {
            let standing = self.work_out_certificate(p);
            if let Some(old) = kept.standing.get_mut(p.as_str()) {
                kept.certificates.add(*old, -1);
                kept.certificates.add(standing, 1);
                *old = standing;
            }
        }
        self.tallies = std::sync::OnceLock::from(kept);
    }
}
