//! What the screen shows apart from the run itself: the view, the mode, the selection, the
//! time of the last tick and the last message. Changed only by the app; read by the views.

use chrono::{DateTime, Utc};

use super::views::agenda::AgendaView;
use super::views::assessment::CityShareView;
use super::views::attendance::AttendanceView;
use super::views::comparison::ComparisonView;
use super::views::exercises::ExercisesView;
use super::views::feedback::FeedbackView;
use super::views::plans::PlansView;

/// The top-level views, cycled with Tab. Later issues add Attendance, Assessment and more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Agenda,
    Attendance,
    Assessment,
    Comparison,
    Plans,
    Exercises,
    Feedback,
    /// The room's phones: addresses, join code, devices and what arrived.
    Room,
}

impl View {
    /// The tabs shown: every view, and the Room when a room is open.
    pub fn tabs(room_open: bool) -> Vec<View> {
        let mut tabs = Self::ALL.to_vec();
        if room_open {
            tabs.push(View::Room);
        }
        tabs
    }

    /// Every view but the Room (shown only when a room is open), in tab order.
    pub const ALL: [View; 7] = [
        View::Agenda,
        View::Attendance,
        View::Assessment,
        View::Comparison,
        View::Plans,
        View::Exercises,
        View::Feedback,
    ];

    /// The tab's label.
    pub fn title(self) -> &'static str {
        match self {
            View::Agenda => "Agenda",
            View::Attendance => "Attendance",
            View::Assessment => "Assessment",
            View::Comparison => "Comparison",
            View::Plans => "Plans",
            View::Exercises => "Exercises",
            View::Feedback => "Feedback",
            View::Room => "Room",
        }
    }

    /// A shorter label, for a tab bar that cannot hold the full ones.
    pub fn short_title(self) -> &'static str {
        match self {
            View::Attendance => "Attend",
            View::Assessment => "Assess",
            View::Comparison => "Compare",
            View::Exercises => "Exercise",
            other => other.title(),
        }
    }

    /// The view after (or before) this one in tab order.
    #[must_use]
    pub fn cycle(self, forward: bool, room_open: bool) -> Self {
        let tabs = Self::tabs(room_open);
        let at = tabs.iter().position(|v| *v == self).unwrap_or(0);
        let n = tabs.len();
        tabs[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }]
    }
}

/// What the keys currently act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The current view.
    Normal,
    /// The selected item's detail, over the agenda.
    Detail,
    /// Choosing where an agenda item goes, before it is moved.
    Moving(Moving),
    /// Every key of the mode underneath, over it.
    Help(Box<Mode>),
    /// Full screen for the wall.
    Projector { blank: bool },
    /// A one-line text field, over the mode underneath.
    Input(Input),
    /// Typing the attendance filter.
    Filter,
    /// The form for a walk-in or a correction.
    Form(Form),
    /// One city's action plan, full screen, for the presentations.
    Presentation,
    /// An exercise's scoreboard, full screen, for the projector.
    Scoreboard,
    /// The selected participant's detail, over the attendance view.
    Person,
    /// Entering paper feedback forms: the answers so far of the form being typed.
    FeedbackEntry(Vec<Option<u8>>),
}

/// An agenda item being moved: the place it would go, as a day and an index among that
/// day's other items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moving {
    pub item: String,
    pub day: usize,
    pub index: usize,
}

/// The fields of the participant form, in order: the roster CSV's columns after the id.
pub const FORM_FIELDS: &[&str] = crate::roster::COLUMNS.split_at(1).1;

/// The fields of the form for an item added in the room.
pub const NEW_ITEM_FIELDS: &[&str] = &["title", "minutes", "kind", "presenter"];

/// The fields of the form for an item changed in the room.
pub const ITEM_EDIT_FIELDS: &[&str] = &["title", "kind", "presenter"];

/// What a form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    /// A walk-in (`None`), or the participant with this id corrected.
    Person(Option<String>),
    /// An item added to the agenda after the item with this id.
    NewItem { after: String },
    /// The upcoming item with this id changed.
    ItemEdit { item: String },
}

impl FormPurpose {
    /// The form's fields, in order.
    pub fn fields(&self) -> &'static [&'static str] {
        match self {
            FormPurpose::Person(_) => FORM_FIELDS,
            FormPurpose::NewItem { .. } => NEW_ITEM_FIELDS,
            FormPurpose::ItemEdit { .. } => ITEM_EDIT_FIELDS,
        }
    }
}

/// A form being filled in: a participant's details, or an agenda item's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub purpose: FormPurpose,
    /// One text per entry of the purpose's fields.
    pub values: Vec<String>,
    /// The field being typed in.
    pub focus: usize,
    /// What is wrong, by field index (or `None` for the form as a whole).
    pub problems: Vec<(Option<usize>, String)>,
}

/// What a text field is for, by the part of the app it feeds: each part reads its own
/// fields, and a new kind of field is a compile error until its part reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputPurpose {
    Agenda(AgendaInput),
    Attendance(AttendanceInput),
    CityShare(CityShareInput),
    Plans(PlansInput),
    Feedback(FeedbackInput),
    Exercises(ExercisesInput),
    /// A new name for the room's device at this place in its list.
    RoomDevice(usize),
}

impl InputPurpose {
    /// Whether the field may hold several lines (a note, evidence): Alt-Enter starts a new
    /// one, and a paste keeps its line breaks.
    pub fn takes_lines(&self) -> bool {
        match self {
            InputPurpose::Agenda(AgendaInput::Note(_))
            | InputPurpose::CityShare(CityShareInput::Evidence { .. }) => true,
            InputPurpose::Agenda(AgendaInput::Duration(_) | AgendaInput::Message)
            | InputPurpose::Attendance(_)
            | InputPurpose::Plans(_)
            | InputPurpose::Feedback(_)
            | InputPurpose::Exercises(_)
            | InputPurpose::RoomDevice(_) => false,
        }
    }
}

/// The agenda's text fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaInput {
    /// A note on the item with this agenda position.
    Note(usize),
    /// The planned minutes of the item with this agenda position.
    Duration(usize),
    /// The projector message.
    Message,
}

/// The attendance view's text fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceInput {
    /// The arrival time of a participant (by id) on a day (index).
    Late { participant: String, day: usize },
    /// The time a participant left on a day.
    LeftEarly { participant: String, day: usize },
    /// Why a participant is excused on a day (optional).
    Excused { participant: String, day: usize },
    /// How many people are in the room for the item at this agenda position.
    HeadCount(usize),
}

/// The assessment view's text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CityShareInput {
    /// Evidence for a city's own level on a criterion.
    Evidence { city: String, criterion: String },
}

/// The plans view's text fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlansInput {
    /// A key challenge or good practice for a city, with `#criterion` tags.
    Takeaway {
        city: String,
        takeaway: crate::event::TakeawayKind,
        /// The takeaway corrected, if this is a correction.
        editing: Option<u64>,
    },
    /// An action for a city's plan: `what | who | when | criterion | indicator`.
    Action {
        city: String,
        /// The action corrected, if this is a correction.
        editing: Option<u64>,
    },
}

/// The feedback view's text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedbackInput {
    /// Counts of 1s to 5s for the usefulness of the module with this index.
    Tally(usize),
}

/// The exercises view's text fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExercisesInput {
    /// How many groups to form for the selected exercise.
    GroupCount,
    /// A new name for the selected group.
    GroupName,
    /// Points for the selected group on the selected rubric criterion.
    Points,
    /// A line of the selected group's own checklist.
    ChecklistLine,
}

/// A text field being typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub purpose: InputPurpose,
    pub text: String,
    /// Where to go back to when the field closes.
    pub back: Box<Mode>,
    /// Why the last Enter was refused, shown under the field.
    pub problem: Option<String>,
}

/// What the Room view keeps between frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomView {
    /// The selected device.
    pub selected: usize,
}

/// A line at the bottom of the screen saying what just happened or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// The screen's own state: the view and the mode over it, the time, the status line, and
/// what each view keeps between frames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ui {
    pub view: View,
    pub mode: Mode,
    pub agenda: AgendaView,
    pub attendance: AttendanceView,
    pub cityshare: CityShareView,
    pub comparison: ComparisonView,
    pub plans: PlansView,
    pub feedback: FeedbackView,
    pub exercises: ExercisesView,
    /// Where the cursor stands in the text that has the keyboard (a field, a form's field,
    /// the filter), in characters from its start; past the end means at the end, as a
    /// field opens.
    pub cursor: usize,
    /// How far the `?` help is scrolled, in lines.
    pub help_scroll: usize,
    /// What the Room view shows, copied from the room when it changes; `None` without one.
    pub room: Option<crate::room::RoomState>,
    pub room_view: RoomView,
    /// The time of the last clock tick; views read the time only from here.
    pub now: DateTime<Utc>,
    pub status: Option<Status>,
    /// Where the run's store is, as shown in the header.
    pub store: String,
    /// What each key does: the built-in keymap, or the user's over it.
    pub keys: std::sync::Arc<super::keymap::Keymap>,
}

impl Ui {
    /// The screen as it opens: the agenda, with `selected` chosen.
    pub fn new(now: DateTime<Utc>, selected: usize, store: String) -> Self {
        Self {
            view: View::Agenda,
            mode: Mode::Normal,
            agenda: AgendaView { selected },
            attendance: AttendanceView::default(),
            cityshare: CityShareView::default(),
            comparison: ComparisonView::default(),
            plans: PlansView::default(),
            feedback: FeedbackView::default(),
            exercises: ExercisesView::default(),
            cursor: usize::MAX,
            help_scroll: 0,
            room: None,
            room_view: RoomView::default(),
            now,
            status: None,
            store,
            keys: super::keymap::Keymap::built_in(),
        }
    }

    /// The mode that decides which keys apply: the one under an input field or help.
    pub fn base_mode(&self) -> &Mode {
        match &self.mode {
            Mode::Help(under) => under,
            Mode::Input(input) => &input.back,
            other => other,
        }
    }
}
