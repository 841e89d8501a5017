//! Small edits of a bundled file, written in a bad-input case as text:
//! a bad case is the seed (or another bundled file) with one to five lines
//! changed, so it says what it changes instead of copying the whole file.
//!
//! The text of an edit is one line with these escapes: `\n` (newline),
//! `\t` (tab), `\xNN` (the byte NN, so a case can hold bytes that are not
//! UTF-8) and `\\` (a backslash).

/// One edit of one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// `old` must occur exactly once in the file; it becomes `new`.
    Replace { old: Vec<u8>, new: Vec<u8> },
    /// `text` is added at the end of the file.
    Append { text: Vec<u8> },
}

impl Edit {
    /// Reads `OLD -> NEW` (a `replace`; `OLD ->` replaces with nothing).
    pub fn replace(spec: &str) -> Result<Edit, String> {
        let (old, new) = spec
            .split_once(" -> ")
            .or_else(|| spec.strip_suffix(" ->").map(|old| (old, "")))
            .ok_or_else(|| format!("`{spec}`: a replace is `OLD -> NEW`"))?;
        let old = unescape(old)?;
        if old.is_empty() {
            return Err(format!("`{spec}`: the text to replace is empty"));
        }
        Ok(Edit::Replace {
            old,
            new: unescape(new)?,
        })
    }

    /// Reads the text of an `append`.
    pub fn append(spec: &str) -> Result<Edit, String> {
        Ok(Edit::Append {
            text: unescape(spec)?,
        })
    }

    /// The file's bytes with the edit made, or why it cannot be made
    /// (a `replace` whose text occurs other than once).
    pub fn apply(&self, file: &[u8]) -> Result<Vec<u8>, String> {
        match self {
            Edit::Replace { old, new } => {
                let at = occurrences(file, old);
                if at.len() != 1 {
                    return Err(format!(
                        "`{}` occurs {} times; a replace must match exactly once",
                        String::from_utf8_lossy(old).escape_debug(),
                        at.len()
                    ));
                }
                let mut out = file[..at[0]].to_vec();
                out.extend_from_slice(new);
                out.extend_from_slice(&file[at[0] + old.len()..]);
                Ok(out)
            }
            Edit::Append { text } => {
                let mut out = file.to_vec();
                out.extend_from_slice(text);
                Ok(out)
            }
        }
    }
}

/// Where `needle` starts in `hay` (non-empty needle), overlaps included, so
/// `aa` in `aaa` counts twice and is refused as ambiguous.
fn occurrences(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// The bytes an edit's text stands for.
pub fn unescape(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        match chars.next() {
            Some('n') => out.push(b'\n'),
            Some('t') => out.push(b'\t'),
            Some('\\') => out.push(b'\\'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                let byte = u8::from_str_radix(&hex, 16)
                    .map_err(|_| format!("`{text}`: `\\x{hex}` is not two hex digits"))?;
                out.push(byte);
            }
            other => {
                return Err(format!(
                    "`{text}`: unknown escape `\\{}`",
                    other.unwrap_or(' ')
                ));
            }
        }
    }
    Ok(out)
}

#[test]
fn a_replace_must_match_exactly_once() {
    let edit = Edit::replace("b -> B").unwrap();
    assert_eq!(edit.apply(b"abc").unwrap(), b"aBc");
    assert_eq!(
        edit.apply(b"abcb").unwrap_err(),
        "`b` occurs 2 times; a replace must match exactly once"
    );
    assert_eq!(
        edit.apply(b"ac").unwrap_err(),
        "`b` occurs 0 times; a replace must match exactly once"
    );
    assert_eq!(
        Edit::replace("aa -> x").unwrap().apply(b"aaa").unwrap_err(),
        "`aa` occurs 2 times; a replace must match exactly once"
    );
}

#[test]
fn edits_read_their_escapes() {
    assert_eq!(
        Edit::replace(r"a\n -> \tb\xfc\\").unwrap(),
        Edit::Replace {
            old: b"a\n".to_vec(),
            new: b"\tb\xfc\\".to_vec()
        }
    );
    assert_eq!(
        Edit::replace("line\\n ->").unwrap(),
        Edit::Replace {
            old: b"line\n".to_vec(),
            new: Vec::new()
        }
    );
    assert_eq!(
        Edit::append(r"---\nx: 1\n").unwrap().apply(b"a\n").unwrap(),
        b"a\n---\nx: 1\n"
    );
    assert_eq!(
        Edit::replace("a -> \\q").unwrap_err(),
        "`\\q`: unknown escape `\\q`"
    );
    assert_eq!(
        Edit::replace("no arrow").unwrap_err(),
        "`no arrow`: a replace is `OLD -> NEW`"
    );
}
