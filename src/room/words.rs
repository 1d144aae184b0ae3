//! Every word a participant's phone shows, in one table, so the room can speak another
//! language (Korean next) by adding a table, not by editing pages.

/// The words of the phone pages, in one language.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// The `lang` attribute of the pages.
    pub lang: &'static str,
    pub plain_http: &'static str,
    pub no_case_details: &'static str,
    pub join_heading: &'static str,
    pub pick_city: &'static str,
    pub join_button: &'static str,
    pub wrong_code: &'static str,
    pub joined_as: &'static str,
    pub nothing_open: &'static str,
    pub assessment_link: &'static str,
    pub assessment_heading: &'static str,
    pub assessment_intro: &'static str,
    pub unknown_hint: &'static str,
    pub evidence: &'static str,
    pub send: &'static str,
    pub thanks: &'static str,
    pub thanks_again: &'static str,
    pub back: &'static str,
    pub refused: &'static str,
    pub not_saved: &'static str,
    pub not_joined: &'static str,
    pub closed: &'static str,
    pub too_many: &'static str,
    pub other_site: &'static str,
    pub not_found: &'static str,
    pub busy: &'static str,
}

/// English: the plan's language now.
pub const ENGLISH: Words = Words {
    lang: "en",
    plain_http: "This page is plain HTTP on the room's own network, seen only by the facilitator's laptop.",
    no_case_details: "Do not write case details about victims or any person here.",
    join_heading: "Join the workshop",
    pick_city: "Your city",
    join_button: "Join",
    wrong_code: "This join code is not today's. Scan the code on the screen again.",
    joined_as: "This phone answers for",
    nothing_open: "Nothing is open to answer just now. The facilitator will open it; reload this page then.",
    assessment_link: "Our city's self-assessment",
    assessment_heading: "Self-assessment",
    assessment_intro: "For each criterion, choose the level that describes your city today, and say what shows it.",
    unknown_hint: "we do not know, or it does not apply",
    evidence: "What shows it (optional)",
    send: "Send",
    thanks: "Thank you: your answers are saved on the facilitator's laptop.",
    thanks_again: "Thank you: these answers had already arrived, and are saved once.",
    back: "Back",
    refused: "This could not be saved:",
    not_saved: "The facilitator's laptop could not save this just now. Please send it again in a moment.",
    not_joined: "This phone has not joined yet: scan the code on the screen.",
    closed: "This form is closed now. The facilitator opens it when it is time.",
    too_many: "Too many requests: wait a few seconds and try again.",
    other_site: "This form was sent from another page and is refused.",
    not_found: "There is no such page here.",
    busy: "The facilitator's laptop is busy. Please send it again in a moment.",
};
