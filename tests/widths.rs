//! One width for every character, as the terminal gives it: `workshop::text::char_width`
//! agrees with the C library's `wcwidth` (what tmux, xterm and most terminals measure by) on
//! every code point of the Basic Multilingual Plane it defines. The C library is asked
//! through Python's ctypes (the crate forbids unsafe code, and a C call is unsafe).
// Test helpers panic on the unexpected: that is how a test fails.
#![allow(clippy::unwrap_used)]

mod common;

const SWEEP: &str = r"
import ctypes, locale
libc = ctypes.CDLL('libc.so.6')
libc.setlocale(6, b'C.UTF-8')
libc.wcwidth.restype = ctypes.c_int
print('\n'.join(f'{cp} {libc.wcwidth(ctypes.c_wchar(chr(cp)))}' for cp in range(0x10000)
               if not 0xD800 <= cp <= 0xDFFF))
";

#[test]
fn every_character_of_the_plane_is_as_wide_as_the_c_library_says() {
    let out = std::process::Command::new("python3")
        .args(["-c", SWEEP])
        .output()
        .expect("python3, to ask the C library");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let (mut compared, mut differ) = (0, Vec::new());
    for line in text.lines() {
        let (code, width) = line.split_once(' ').unwrap();
        let (code, width): (u32, i32) = (code.parse().unwrap(), width.parse().unwrap());
        let Ok(width) = usize::try_from(width) else {
            continue; // Not defined there (controls, unassigned).
        };
        let c = char::from_u32(code).unwrap();
        compared += 1;
        if workshop::text::char_width(c) != Some(width) {
            differ.push(format!(
                "U+{code:04X}: {width} there, {:?} here",
                workshop::text::char_width(c)
            ));
        }
    }
    assert!(compared > 60_000, "only {compared} code points compared");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn a_word_is_as_wide_as_its_characters() {
    use workshop::text::width;
    assert_eq!(
        width("বাংলা"),
        5,
        "ব া ং ল া: the vowel signs take a column each"
    );
    assert_eq!(width("Jeju"), 4);
    assert_eq!(width("김서연"), 6);
    assert_eq!(width("ใจดี"), 3, "Thai marks above take none");
    assert_eq!(width("ස්ථානය"), 5, "ස ථ ා න ය, the virama taking none");
}
