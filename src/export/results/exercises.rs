//! Group exercises and feedback.

use crate::event::Question;
use crate::export::table::{Cell, Table};
use crate::plan::Exercise;
use crate::state::State;

/// The members of a group by name.
fn members(state: &State, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            state
                .participant(id)
                .map_or(id.as_str(), |p| p.name.as_str())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether any group has points on `exercise`: until then it has no scoreboard.
pub(crate) fn scored(state: &State, exercise: &Exercise) -> bool {
    state.groups(Some(&exercise.id)).iter().any(|g| {
        exercise
            .rubric
            .iter()
            .any(|c| state.points(&exercise.id, &g.id, &c.id).is_some())
    })
}

/// One row per group and rubric criterion, with the group's rank and total.
pub fn group_scores(state: &State) -> Table {
    let mut table = Table::new(
        "group-scores",
        "Group scores",
        &[
            "Exercise ID",
            "Exercise",
            "Group",
            "Members",
            "Rank",
            "Total",
            "Out of",
            "Criterion",
            "Points",
            "Max points",
        ],
    );
    for exercise in state.plan().exercises.iter().filter(|e| scored(state, e)) {
        let out_of: u32 = exercise.rubric.iter().map(|c| c.max_points).sum();
        let groups = state.groups(Some(&exercise.id));
        for standing in state.scoreboard(&exercise.id) {
            let Some(group) = groups.iter().find(|g| g.id == standing.group) else {
                continue;
            };
            for criterion in &exercise.rubric {
                table.rows.push(vec![
                    Cell::text(&exercise.id),
                    Cell::text(&exercise.title),
                    Cell::text(&group.name),
                    Cell::text(members(state, &group.members)),
                    standing.rank.map_or(Cell::Empty, Cell::count),
                    Cell::Int(standing.total.into()),
                    Cell::Int(out_of.into()),
                    Cell::text(&criterion.title),
                    state
                        .points(&exercise.id, &group.id, &criterion.id)
                        .map_or(Cell::Empty, |p| Cell::Int(p.into())),
                    Cell::Int(criterion.max_points.into()),
                ]);
            }
        }
    }
    table
}

/// Per exercise and group: which reference items its checklist covered, and its own lines.
pub fn checklist_coverage(state: &State) -> Table {
    let mut table = Table::new(
        "checklist-coverage",
        "Checklist coverage",
        &[
            "Exercise ID",
            "Exercise",
            "Group",
            "Kind",
            "Item ID",
            "Text",
            "Covered",
        ],
    );
    for exercise in state
        .plan()
        .exercises
        .iter()
        .filter(|e| !e.checklist.is_empty())
    {
        for group in state.groups(Some(&exercise.id)) {
            let start = |kind: &str| {
                vec![
                    Cell::text(&exercise.id),
                    Cell::text(&exercise.title),
                    Cell::text(&group.name),
                    Cell::text(kind),
                ]
            };
            for item in &exercise.checklist {
                let mut row = start("reference");
                row.extend([
                    Cell::text(&item.id),
                    Cell::text(&item.text),
                    Cell::yes_no(state.covered(&exercise.id, &group.id, &item.id)),
                ]);
                table.rows.push(row);
            }
            for line in state.checklist_lines(&exercise.id, &group.id) {
                let mut row = start("own line");
                row.extend([Cell::Empty, Cell::text(line), Cell::Empty]);
                table.rows.push(row);
            }
        }
    }
    table
}

/// Per module and question: answers, mean, the spread of 1s to 5s and the satisfied share.
pub fn feedback(state: &State) -> Table {
    let mut table = Table::new(
        "feedback",
        "Feedback",
        &[
            "Question",
            "Module ID",
            "Module",
            "Answers",
            "Mean",
            "1",
            "2",
            "3",
            "4",
            "5",
            "Share satisfied (4-5)",
        ],
    );
    for question in state.feedback_questions() {
        let (asked, module) = match &question {
            Question::Usefulness { module } => ("usefulness", Some(module)),
            Question::Interest { module } => ("interest", Some(module)),
            Question::Overall => ("overall satisfaction", None),
        };
        let title = module
            .and_then(|id| state.plan().modules.iter().find(|m| &m.id == id))
            .map_or(String::new(), |m| m.title.clone());
        let counts = state.distribution(&question);
        let mut row = vec![
            Cell::text(asked),
            Cell::text(module.cloned().unwrap_or_default()),
            Cell::text(title),
            Cell::Int(counts.iter().sum::<u32>().into()),
            Cell::figure(state.feedback_mean(&question)),
        ];
        row.extend(counts.iter().map(|c| Cell::Int((*c).into())));
        row.push(Cell::figure(state.satisfied_share(&question)));
        table.rows.push(row);
    }
    table
}
