//! `workshop roster import` and `roster list`: names in every script round-trip exactly, a bad
//! row adds nothing, and the same person is never added twice.
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{output, session, stderr, stdout, workshop};
use workshop::store::Store;

/// Rows in the import header's order: name, organisation, country, city, sector, email.
const PEOPLE: [[&str; 6]; 8] = [
    [
        "이지은",
        "Jeju Women's Shelter, Counselling Team",
        "Korea",
        "Jeju",
        "NGO",
        "jieun@example.org",
    ],
    [
        "ประเสริฐ ศรีสุข",
        "Bangkok Social Development Office",
        "Thailand",
        "Bangkok",
        "government",
        "",
    ],
    [
        "សុខ ពិសី",
        "Phnom Penh Safe Migration, \"Hope\" Project",
        "Cambodia",
        "Phnom Penh",
        "ngo",
        "pisey@example.org",
    ],
    [
        "ফারহানা ইসলাম",
        "Dhaka Legal Aid, Women's Desk",
        "Bangladesh",
        "Dhaka",
        "Government",
        "",
    ],
    [
        "अनिता गुरुङ",
        "Kathmandu Rehabilitation Centre",
        "Nepal",
        "Kathmandu",
        "ngo",
        "",
    ],
    [
        "Должин Сарнай",
        "Ulaanbaatar Family Centre",
        "Mongolia",
        "Ulaanbaatar",
        "International Organization",
        "",
    ],
    [
        "Maya 🌏 Santos",
        "Cebu Youth Network",
        "Philippines",
        "Cebu City",
        "other",
        "maya@example.org",
    ],
    [
        "Nguyễn Văn An",
        "Hanoi Labour Department",
        "Viet Nam",
        "Hanoi",
        "academia",
        "",
    ],
];

fn csv_text(rows: &[[&str; 6]]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["name", "organisation", "country", "city", "sector", "email"])
        .unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

struct Room {
    home: tempfile::TempDir,
    store: PathBuf,
}

impl Room {
    fn new() -> Self {
        let home = tempfile::tempdir().unwrap();
        let store = home.path().join("store");
        Self { home, store }
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.home.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn roster(&self, args: &[&str], file: Option<&Path>) -> std::process::Output {
        let mut command = workshop(self.home.path());
        command
            .arg("--store")
            .arg(&self.store)
            .arg("roster")
            .args(args)
            .arg(session("cifal-jeju-2020-vca"));
        if let Some(file) = file {
            command.arg(file);
        }
        output(&mut command)
    }

    fn listed(&self) -> Vec<csv::StringRecord> {
        let out = self.roster(&["list", "--csv"], None);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        reader.records().map(Result::unwrap).collect()
    }

    fn events(&self) -> usize {
        Store::open(&self.store).unwrap().events().unwrap().len()
    }
}

#[test]
fn names_in_every_script_round_trip_exactly() {
    let room = Room::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(csv_text(&PEOPLE).into_bytes());
    let file = room.file("roster.csv", bytes);
    let out = room.roster(&["import"], Some(&file));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Added 8 participants (p25, p26, p27, p28, p29, p30, p31, p32)"),
        "{}",
        stdout(&out)
    );

    let listed = room.listed();
    assert_eq!(listed.len(), 24 + 8);
    for (row, expected) in listed[24..].iter().zip(PEOPLE) {
        let got: Vec<&str> = row.iter().skip(1).take(4).collect();
        assert_eq!(
            got,
            expected[..4],
            "name, organisation, country and city come back byte for byte"
        );
        let sector: workshop::plan::Sector = expected[4].parse().unwrap();
        assert_eq!(&row[5], sector.as_str());
        assert_eq!(&row[6], expected[5]);
        assert_eq!(
            &row[7], "yes",
            "applicants sent their consent with the application"
        );
    }
    // The table view lines up whatever the script.
    let table = stdout(&room.roster(&["list"], None));
    assert!(
        table.contains("이지은") && table.contains("32 participants"),
        "{table}"
    );
}

#[test]
fn one_bad_row_adds_nothing_and_names_row_and_column() {
    let room = Room::new();
    let mut rows = PEOPLE.to_vec();
    rows[2][4] = "govt";
    rows[5][3] = "";
    let file = room.file("bad.csv", csv_text(&rows));
    let out = room.roster(&["import"], Some(&file));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let shown = file.display();
    assert!(
        err.contains(&format!("{shown}:4: sector: unknown sector `govt`")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{shown}:7: city: every participant needs a city")),
        "{err}"
    );
    assert!(err.contains("nothing was imported (2 problems)"), "{err}");
    assert_eq!(room.events(), 0, "no event was recorded");
    assert_eq!(room.listed().len(), 24);
}

#[test]
fn the_same_person_is_reported_not_duplicated() {
    let room = Room::new();
    let file = room.file("roster.csv", csv_text(&PEOPLE[..3]));
    assert!(room.roster(&["import"], Some(&file)).status.success());
    let mut again = PEOPLE[..4].to_vec();
    again[0][0] = " 이지은 ";
    again[1][1] = "BANGKOK social development office";
    let file = room.file("again.csv", csv_text(&again));
    let out = room.roster(&["import"], Some(&file));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(":2: 이지은 is already on the roster as p25; not added again"),
        "{text}"
    );
    assert!(
        text.contains(":3: ประเสริฐ ศรีสุข is already on the roster as p26"),
        "{text}"
    );
    assert!(text.contains("Added 1 participant (p28)"), "{text}");
    assert_eq!(room.listed().len(), 24 + 4);

    // Twice in one file: the second is skipped too.
    let file = room.file("twice.csv", csv_text(&[PEOPLE[4], PEOPLE[4]]));
    let text = stdout(&room.roster(&["import"], Some(&file)));
    assert!(
        text.contains(":3: अनिता गुरुङ is already on the roster as p29"),
        "{text}"
    );
    assert_eq!(room.listed().len(), 24 + 5);
}

#[test]
fn a_city_or_country_typed_another_way_takes_the_rosters_spelling() {
    let room = Room::new();
    let file = room.file(
        "spellings.csv",
        csv_text(&[
            [
                "Park Min-seo",
                "Jeju Police",
                " korea",
                "JEJU ",
                "government",
                "",
            ],
            [
                "Li Wei",
                "Kunming Women's Federation",
                "china",
                "kunming",
                "ngo",
                "",
            ],
            [
                "Tran Van Minh",
                "Hue Legal Aid",
                "Viet Nam",
                "hue",
                "ngo",
                "",
            ],
            [
                "Le Thi Hoa",
                "Hue Social Work",
                "viet nam",
                "HUE",
                "ngo",
                "",
            ],
        ]),
    );
    let out = room.roster(&["import"], Some(&file));
    assert!(out.status.success(), "{}", stderr(&out));
    let places: Vec<(String, String)> = room
        .listed()
        .iter()
        .filter(|r| ["Park Min-seo", "Li Wei", "Tran Van Minh", "Le Thi Hoa"].contains(&&r[1]))
        .map(|r| (r[3].to_owned(), r[4].to_owned()))
        .collect();
    assert_eq!(
        places,
        [
            ("Korea".to_owned(), "Jeju".to_owned()),
            ("China".to_owned(), "Kunming".to_owned()),
            ("Viet Nam".to_owned(), "hue".to_owned()),
            ("Viet Nam".to_owned(), "hue".to_owned()),
        ],
        "the roster's spelling, or the file's first"
    );
}

#[test]
fn a_roster_person_from_the_plan_is_recognised() {
    let room = Room::new();
    let file = room.file("plan-person.csv", "name,organisation,country,city,sector\n김서연,\"Jeju Special Self-Governing Province, Women and Family Policy Division\",Korea,Jeju,government\n");
    let text = stdout(&room.roster(&["import"], Some(&file)));
    assert!(
        text.contains("김서연 is already on the roster as p01"),
        "{text}"
    );
    assert!(text.contains("No one new"), "{text}");
    assert_eq!(room.events(), 0);
}

#[test]
fn header_problems_are_reported_before_any_row() {
    let room = Room::new();
    let file = room.file(
        "header.csv",
        "name,organisation,country,town,sector\nA,B,C,D,ngo\n",
    );
    let err = stderr(&room.roster(&["import"], Some(&file)));
    assert!(err.contains(":1: town: unknown column `town`"), "{err}");
    assert!(
        err.contains(":1: city: this column is missing from the header"),
        "{err}"
    );
    let file = room.file("empty.csv", "");
    let err = stderr(&room.roster(&["import"], Some(&file)));
    assert!(err.contains("the file is empty"), "{err}");
}

#[test]
fn ragged_rows_semicolons_and_bad_bytes_are_row_errors() {
    let room = Room::new();
    let file = room.file(
        "ragged.csv",
        "name,organisation,country,city,sector\nA,B,C,D\n",
    );
    let err = stderr(&room.roster(&["import"], Some(&file)));
    assert!(
        err.contains(":2: this row has 4 fields but the header has 5"),
        "{err}"
    );
    let file = room.file(
        "semicolons.csv",
        "name;organisation;country;city;sector\nA;B;C;D;ngo\n",
    );
    let err = stderr(&room.roster(&["import"], Some(&file)));
    assert!(
        err.contains(
            ":1: the columns are separated by `;`, not commas: save the file as CSV with commas"
        ),
        "{err}"
    );
    let file = room.file(
        "tabs.csv",
        "name\torganisation\tcountry\tcity\tsector\nA\tB\tC\tD\tngo\n",
    );
    let err = stderr(&room.roster(&["import"], Some(&file)));
    assert!(err.contains("the columns are separated by tabs"), "{err}");
    let file = room.file(
        "latin1.csv",
        b"name,organisation,country,city,sector\nJos\xe9,B,C,D,ngo\n",
    );
    let err = stderr(&room.roster(&["import"], Some(&file)));
    assert!(err.contains(":2: name: not valid UTF-8 text"), "{err}");
    assert_eq!(room.events(), 0);
}

#[test]
fn ids_and_consent_columns_are_honoured() {
    let room = Room::new();
    let file = room.file("ids.csv", "id,name,organisation,country,city,sector,consent\nREG-7,Ana Reyes,Cebu NGO,Philippines,Cebu City,ngo,no\n");
    assert!(room.roster(&["import"], Some(&file)).status.success());
    let listed = room.listed();
    let last = listed.last().unwrap();
    assert_eq!((&last[0], &last[1], &last[7]), ("REG-7", "Ana Reyes", "no"));
    let file = room.file(
        "taken.csv",
        "id,name,organisation,country,city,sector\np01,Someone Else,X,Y,Z,ngo\n",
    );
    let err = stderr(&room.roster(&["import"], Some(&file)));
    assert!(
        err.contains(":2: id: `p01` already belongs to 김서연"),
        "{err}"
    );
}

#[test]
fn a_long_roster_is_summed_up_by_its_first_and_last_id() {
    let room = Room::new();
    let mut csv = String::from("name,organisation,country,city,sector\n");
    for i in 0..1_000 {
        let _ = writeln!(csv, "Person {i},Organisation {i},Nepal,Kathmandu,ngo");
    }
    let file = room.file("long.csv", csv);
    let out = room.roster(&["import"], Some(&file));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Added 1000 participants (p25 to p1024) from"),
        "{text}"
    );
    assert!(!text.contains("p500"), "every id printed: {text}");
}
