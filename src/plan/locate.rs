//! Field paths (`days[1].items[3].start`) and finding where such a path sits in a JSON text,
//! so that errors found after parsing still name a line and column.

use std::fmt;

/// One step into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Where a value sits inside a plan, from the top of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// The path one key further down.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Key(key.to_owned()));
        next
    }

    /// The path one array element further down.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Index(index));
        next
    }

    /// Builds a path from a `a.b[2].c`-style string; handy in tests and code alike.
    pub fn parse(text: &str) -> Self {
        let mut path = Self::default();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
            if !key.is_empty() {
                path.0.push(Segment::Key(key.to_owned()));
            }
            for index in rest.split('[') {
                if let Ok(i) = index.trim_end_matches(']').parse() {
                    path.0.push(Segment::Index(i));
                }
            }
        }
        path
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("top level");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A place in a text file: 1-based line, and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte offset `offset` in `src` (clamped to the text).
    pub fn of_offset(src: &str, offset: usize) -> Self {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &src[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Self {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    /// The position of a 1-based line and 1-based *byte* column, as `serde_json` reports them.
    pub fn of_line_and_byte_column(src: &str, line: usize, byte_column: usize) -> Self {
        let text = src.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
        let mut end = byte_column.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Self {
            line,
            column: text[..end].chars().count().max(1),
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Where a path leads in a JSON text: the key that names the last step (for object members)
/// and the value itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub key: Option<Position>,
    pub value: Position,
}

/// Finds `path` in the JSON text `src`. `None` when the text does not hold that path.
pub fn locate(src: &str, path: &FieldPath) -> Option<Located> {
    let mut scan = Scanner {
        bytes: src.as_bytes(),
        at: 0,
    };
    let mut key_at = None;
    scan.skip_space();
    for segment in &path.0 {
        match segment {
            Segment::Key(wanted) => key_at = Some(scan.enter_member(wanted)?),
            Segment::Index(index) => {
                scan.enter_element(*index)?;
                key_at = None;
            }
        }
    }
    Some(Located {
        key: key_at.map(|at| Position::of_offset(src, at)),
        value: Position::of_offset(src, scan.at),
    })
}

/// Where member `key` of the object at `path` appears a second time: the duplicate a JSON
/// parser refuses.
pub fn locate_second(src: &str, path: &FieldPath, key: &str) -> Option<Position> {
    let mut scan = Scanner {
        bytes: src.as_bytes(),
        at: 0,
    };
    scan.skip_space();
    for segment in &path.0 {
        match segment {
            Segment::Key(wanted) => {
                scan.enter_member(wanted)?;
            }
            Segment::Index(index) => scan.enter_element(*index)?,
        }
    }
    scan.eat(b'{')?;
    let mut seen = false;
    loop {
        scan.skip_space();
        let key_at = scan.at;
        let found = scan.string()?;
        scan.eat(b':')?;
        if unescape(found).as_deref() == Some(key) {
            if seen {
                return Some(Position::of_offset(src, key_at));
            }
            seen = true;
        }
        scan.skip_value()?;
        scan.eat(b',')?;
    }
}

/// A forgiving walker over JSON bytes: it only needs to skip values and match keys.
struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_space();
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    /// Moves to the value of member `wanted` of the object here; returns where its key starts.
    fn enter_member(&mut self, wanted: &str) -> Option<usize> {
        self.eat(b'{')?;
        loop {
            self.skip_space();
            let key_at = self.at;
            let key = self.string()?;
            self.eat(b':')?;
            self.skip_space();
            if unescape(key).as_deref() == Some(wanted) {
                return Some(key_at);
            }
            self.skip_value()?;
            self.eat(b',')?;
        }
    }

    /// Moves to element `index` of the array here.
    fn enter_element(&mut self, index: usize) -> Option<()> {
        self.eat(b'[')?;
        for _ in 0..index {
            self.skip_space();
            self.skip_value()?;
            self.eat(b',')?;
        }
        self.skip_space();
        (self.peek() != Some(b']')).then_some(())
    }

    /// Reads a string token and returns its raw (still escaped) contents.
    fn string(&mut self) -> Option<&'a str> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.at + 1;
        let mut i = start;
        while let Some(&b) = self.bytes.get(i) {
            match b {
                b'\\' => i += 2,
                b'"' => {
                    self.at = i + 1;
                    return std::str::from_utf8(&self.bytes[start..i]).ok();
                }
                _ => i += 1,
            }
        }
        None
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_space();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.at += 1;
                self.skip_space();
                if self.peek() == Some(close) {
                    self.at += 1;
                    return Some(());
                }
                loop {
                    if open == b'{' {
                        self.skip_space();
                        self.string()?;
                        self.eat(b':')?;
                    }
                    self.skip_value()?;
                    self.skip_space();
                    match self.peek()? {
                        b',' => self.at += 1,
                        b if b == close => {
                            self.at += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
                ) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }
}

fn unescape(raw: &str) -> Option<String> {
    if raw.contains('\\') {
        serde_json::from_str(&format!("\"{raw}\"")).ok()
    } else {
        Some(raw.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"title\": \"Jeju\",\n  \"days\": [\n    {\"date\": \"2020-03-31\", \"items\": []},\n    {\"date\": \"2020-04-01\",\n     \"items\": [{\"id\": \"a\"}, {\"id\": \"b\", \"t\\u0069p\": [1, {\"x\": \"]}\"}]}]}\n  ]\n}\n";

    fn at(path: &str) -> Option<(usize, usize)> {
        locate(DOC, &FieldPath::parse(path)).map(|l| (l.value.line, l.value.column))
    }

    #[test]
    fn finds_members_and_elements() {
        assert_eq!(at("title"), Some((2, 12)));
        assert_eq!(at("days[1].date"), Some((5, 14)));
        assert_eq!(at("days[1].items[1].id"), Some((6, 36)));
    }

    #[test]
    fn skips_strings_with_brackets_and_matches_escaped_keys() {
        assert_eq!(at("days[1].items[1].tip"), Some((6, 53)));
        let located = locate(DOC, &FieldPath::parse("days[1].items[1].tip")).unwrap();
        assert_eq!(located.key.map(|k| k.column), Some(41));
    }

    #[test]
    fn missing_paths_are_none() {
        assert_eq!(at("days[2]"), None);
        assert_eq!(at("days[0].items[0]"), None);
        assert_eq!(at("nope"), None);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "{\"이름\": \"한국어\", \"x\": 1}";
        let located = locate(src, &FieldPath::parse("x")).unwrap();
        assert_eq!(
            located.value,
            Position {
                line: 1,
                column: 20
            }
        );
    }

    #[test]
    fn paths_print_like_javascript() {
        let path = FieldPath::default()
            .key("days")
            .index(1)
            .key("items")
            .index(0)
            .key("start");
        assert_eq!(path.to_string(), "days[1].items[0].start");
        assert_eq!(FieldPath::parse("days[1].items[0].start"), path);
    }
}
