//! A line split into words, each with whether it opens a sentence: `cleanset.tokens.line_words`.
//!
//! Offsets are counted in characters, as Python's string indices are.

use crate::chars::{
    is_alnum, is_alpha, is_decimal, is_letter, is_space, is_word, str_is_lower, str_is_upper,
};
use crate::words::lists;

pub const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];
pub const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '«'];
const DASHES: &[&str] = &["—", "–", "--", "-"];
const LIST_BULLETS: &[char] = &['-', '*', '•', '‣', '◦', '▪'];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// first and past-last character of the word in its line
    pub start: usize,
    pub end: usize,
    /// the same in bytes
    pub byte_start: usize,
    pub byte_end: usize,
    pub sentence_start: bool,
    /// the previous word part in the line (or a token of numbers or symbols), as bytes of the line
    pub prev: Option<(usize, usize)>,
    /// the token before closes with . ! or ?
    pub after_stop: bool,
    /// Capitalised or all capitals, two letters or more
    pub name_like: bool,
}

impl Word {
    /// The word's text in its line (empty if the word is not of this line).
    pub fn text<'a>(&self, line: &'a str) -> &'a str {
        line.get(self.byte_start..self.byte_end).unwrap_or("")
    }
}

/// A word that may belong to a name: two letters or more, the first upper case, the rest lower
/// case or all of it upper case ("Moscow", "NATO").
pub fn name_like(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    let rest = chars.as_str();
    !rest.is_empty() && crate::chars::is_upper(first) && (str_is_lower(rest) || str_is_upper(word))
}

/// The end of a list marker opening the line ("- ", "2. "), in (characters, bytes).
fn list_marker_end(line: &str) -> Option<(usize, usize)> {
    let mut it = line.char_indices().peekable();
    let (_, first) = *it.peek()?;
    let mut chars = 0;
    if LIST_BULLETS.contains(&first) {
        it.next();
        chars = 1;
    } else {
        while let Some(&(_, c)) = it.peek() {
            if !is_decimal(c) {
                break;
            }
            it.next();
            chars += 1;
        }
        if !(1..=3).contains(&chars) {
            return None;
        }
        match it.peek() {
            Some(&(_, '.' | ')')) => {
                it.next();
                chars += 1;
            }
            _ => return None,
        }
    }
    let mut spaces = 0;
    while let Some(&(_, c)) = it.peek() {
        if !is_space(c) {
            break;
        }
        it.next();
        spaces += 1;
    }
    if spaces == 0 {
        return None;
    }
    let byte = it.peek().map_or(line.len(), |&(b, _)| b);
    Some((chars + spaces, byte))
}

fn has_alnum(s: &str) -> bool {
    s.chars().any(is_alnum)
}

fn strip_closers(token: &str) -> &str {
    token.trim_end_matches(CLOSERS)
}

fn is_stop(c: Option<char>) -> bool {
    matches!(c, Some('.' | '!' | '?'))
}

/// `^(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}$`: U.S, e.g, a.m, Ph.D
fn dotted_abbreviation(stem: &str) -> bool {
    let mut parts = 0;
    for part in stem.split('.') {
        if !(1..=3).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// Whether a token closes its sentence, so the next word opens one: `tokens.ends_sentence`.
pub fn ends_sentence(token: &str) -> bool {
    let core = strip_closers(token);
    let Some(last) = core.chars().next_back() else { return false };
    if !matches!(last, '.' | '!' | '?') {
        return false;
    }
    if core.ends_with("..") || core == "." {
        return false; // an ellipsis continues the sentence
    }
    if last != '.' {
        return core.len() == token.len(); // '"Why?" he asked': the quote closes, the sentence goes on
    }
    let head = &core[..core.len() - 1];
    let head = head.trim_start_matches(|c| OPENERS.contains(&c) || c == '*');
    let stem = head.rsplit('-').next().unwrap_or(head);
    if stem.contains('.') && dotted_abbreviation(stem) {
        return false;
    }
    let mut chars = stem.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if is_alpha(c) {
            return false; // an initial
        }
    }
    !is_abbreviation(stem)
}

fn is_abbreviation(stem: &str) -> bool {
    // only ASCII stems can be listed; Python's lower() maps no other letter but the Kelvin sign
    // into ASCII, and no abbreviation holds a "k"
    stem.is_ascii() && lists().abbreviations.contains(stem.to_ascii_lowercase().as_str())
}

/// A token after which the sentence goes on: `tokens.continues_sentence`.
pub fn continues_sentence(token: &str, after_question: bool) -> bool {
    let core = strip_closers(token);
    if core.ends_with('…') || core.ends_with("..") {
        return true;
    }
    if DASHES.contains(&token) {
        return true;
    }
    after_question
        && core.trim_start_matches(OPENERS).is_empty()
        && token.chars().next().is_some_and(|c| CLOSERS.contains(&c))
}

/// `tokens.URL_LIKE.search(token)`: an address, e-mail or file name.
pub fn url_like(token: &str) -> bool {
    if !token.contains(['.', '@', ':']) {
        return false; // each pattern below needs one of these
    }
    let rest = token.trim_start_matches(['"', '\'', '(', '“', '‘', '[']);
    if scheme(rest) || www(rest) || email(rest) {
        return true;
    }
    address_ending(token)
}

/// `[A-Za-z][A-Za-z0-9+.-]*://`
fn scheme(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.first().is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let n = b.iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')).count();
    b[n..].starts_with(b"://")
}

/// `[Ww]{3}\.`
fn www(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4 && b[..3].iter().all(|c| matches!(c, b'W' | b'w')) && b[3] == b'.'
}

/// `[\w.+-]+@[\w-]+\.`
fn email(s: &str) -> bool {
    let local = s.find(|c: char| !(is_word(c) || matches!(c, '.' | '+' | '-'))).unwrap_or(s.len());
    if local == 0 || !s[local..].starts_with('@') {
        return false;
    }
    let domain = &s[local + 1..];
    let n = domain.find(|c: char| !(is_word(c) || c == '-')).unwrap_or(domain.len());
    n > 0 && domain[n..].starts_with('.')
}

/// `\w\.(?:com|org|...|pdf|html?|...)\b` anywhere in the token
fn address_ending(token: &str) -> bool {
    let mut prev: Option<char> = None;
    for (i, c) in token.char_indices() {
        if c == '.' && prev.is_some_and(is_word) {
            let after = &token[i + 1..];
            if !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
                prev = Some(c);
                continue; // every ending opens with a letter
            }
            for ending in &lists().address_endings {
                if let Some(tail) = after.strip_prefix(ending) {
                    if !tail.chars().next().is_some_and(is_word) {
                        return true;
                    }
                }
            }
        }
        prev = Some(c);
    }
    false
}

/// `tokens.SIGN_OFF.match(token)`: an editor's initials, "hg/jd", "ipj/rt-(AFP, dpa)"
pub fn sign_off(token: &str) -> bool {
    let b = token.as_bytes();
    let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_lowercase()).count();
    let first = run(0);
    if !(1..=4).contains(&first) {
        return false;
    }
    let mut pos = first;
    let mut groups = 0;
    while pos < b.len() && b[pos] == b'/' {
        let n = run(pos + 1);
        if !(1..=4).contains(&n) {
            return false;
        }
        pos += 1 + n;
        groups += 1;
    }
    groups > 0 && !token[pos..].chars().next().is_some_and(|c| is_word(c) || c == '/')
}

/// The word parts of a token, `LETTER+(?:['’]LETTER+)*`, as byte ranges of the token.
fn word_parts(token: &str) -> WordParts<'_> {
    WordParts { token, it: token.char_indices().peekable() }
}

struct WordParts<'a> {
    token: &'a str,
    it: std::iter::Peekable<std::str::CharIndices<'a>>,
}

impl Iterator for WordParts<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let (i, c) = self.it.by_ref().find(|&(_, c)| is_letter(c))?;
        let mut end = i + c.len_utf8();
        loop {
            match self.it.peek() {
                Some(&(j, d)) if is_letter(d) => {
                    self.it.next();
                    end = j + d.len_utf8();
                }
                Some(&(j, d)) if d == '\'' || d == '’' => {
                    let next = self.token[j + d.len_utf8()..].chars().next();
                    if !next.is_some_and(is_letter) {
                        break;
                    }
                    self.it.next();
                    end = j + d.len_utf8();
                }
                _ => break,
            }
        }
        Some((i, end))
    }
}

fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The words of a line with whether each opens a sentence. Parts of addresses and file names
/// are skipped; with `cells`, every pipe-table cell opens a new unit.
pub fn line_words(line: &str, cells: bool) -> Vec<Word> {
    let mut out = Vec::new();
    let (mut pos, mut byte) = list_marker_end(line).unwrap_or((0, 0));
    let mut start_next = true;
    let mut after_stop = false;
    let mut stop_mark: Option<char> = None;
    let mut prev: Option<(usize, usize)> = None;
    while byte < line.len() {
        // the whitespace before the token, then the token
        let rest = &line[byte..];
        let space = rest.find(|c: char| !is_space(c)).unwrap_or(rest.len());
        pos += char_count(&rest[..space]);
        byte += space;
        if byte >= line.len() {
            break;
        }
        let rest = &line[byte..];
        let len = rest.find(is_space).unwrap_or(rest.len());
        let token = &rest[..len];
        let (token_pos, token_byte) = (pos, byte);
        pos += char_count(token);
        byte += len;

        if cells && token == "|" {
            start_next = true;
            prev = None;
            continue;
        }
        if url_like(token) || sign_off(token) {
            start_next = ends_sentence(token);
            stop_mark = strip_closers(token).chars().next_back();
            after_stop = is_stop(stop_mark);
            prev = None;
            continue;
        }
        let mut first = true;
        let mut offset_chars = 0;
        let mut offset_bytes = 0;
        for (a, b) in word_parts(token) {
            offset_chars += char_count(&token[offset_bytes..a]);
            let start = token_pos + offset_chars;
            let end = start + char_count(&token[a..b]);
            offset_chars = end - token_pos;
            offset_bytes = b;
            let text = &token[a..b];
            out.push(Word {
                start,
                end,
                byte_start: token_byte + a,
                byte_end: token_byte + b,
                sentence_start: start_next && first && !has_alnum(&token[..a]),
                prev,
                after_stop: after_stop && first,
                name_like: name_like(text),
            });
            first = false;
            prev = Some((token_byte + a, token_byte + b));
        }
        let alnum = has_alnum(token);
        if first && alnum {
            prev = Some((token_byte, token_byte + len)); // numbers and symbols end a run of words
        }
        if continues_sentence(token, after_stop && matches!(stop_mark, Some('!' | '?'))) {
            start_next = false;
            after_stop = false;
            continue;
        }
        start_next = ends_sentence(token) || (start_next && !alnum);
        stop_mark = strip_closers(token).chars().next_back();
        after_stop = is_stop(stop_mark);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<(&str, bool)> {
        line_words(line, false).iter().map(|w| (w.text(line), w.sentence_start)).collect()
    }

    #[test]
    fn sentences_open_after_stops_only() {
        assert_eq!(
            texts("Talks ended. see www.x.com now"),
            [("Talks", true), ("ended", false), ("see", true), ("now", false)]
        );
        assert_eq!(texts("1 tbsp. olive oil"), [("tbsp", false), ("olive", false), ("oil", false)]);
        assert_eq!(texts("in the U.S. Prices rose")[4], ("Prices", false));
        assert_eq!(texts("“… prevent it"), [("prevent", false), ("it", false)]);
        assert_eq!(texts("\"Why?\" he asked"), [("Why", true), ("he", false), ("asked", false)]);
    }

    #[test]
    fn tokens_close_sentences_as_python_says() {
        let cases = [
            ("talks.", true),
            ("U.S.", false),
            ("Mr.", false),
            ("said:", false),
            ("J.", false),
            ("now.\"", true),
            ("end?\"", false),
            ("3.5%.", true),
            ("Russia-U.S.", false),
            ("US-led.", true),
            (".", false),
            ("civilization...", false),
        ];
        for (token, expected) in cases {
            assert_eq!(ends_sentence(token), expected, "{token}");
        }
    }

    #[test]
    fn offsets_count_characters() {
        let line = "Zürich’s café — naïve";
        let words = line_words(line, false);
        let spans: Vec<_> = words.iter().map(|w| (w.start, w.end)).collect();
        assert_eq!(spans, [(0, 8), (9, 13), (16, 21)]);
        assert_eq!(words[0].text(line), "Zürich’s");
    }

    #[test]
    fn addresses_and_sign_offs_hold_no_words() {
        assert!(url_like("(https://x.org)") && url_like("mail@bbc.co.uk") && url_like("report.pdf,"));
        assert!(!url_like("office.De") && !url_like("e.g."));
        assert!(sign_off("hg/jd") && sign_off("ipj/rt-(AFP,") && !sign_off("and/or5") && !sign_off("a/b/"));
    }

    #[test]
    fn list_markers_and_cells() {
        assert_eq!(texts("2. the list"), [("the", true), ("list", false)]);
        let line = "| a cell | another |";
        let starts: Vec<_> = line_words(line, true).iter().map(|w| w.sentence_start).collect();
        assert_eq!(starts, [true, false, true]);
    }

    #[test]
    fn names_are_shaped() {
        assert!(name_like("Moscow") && name_like("NATO") && !name_like("O’Neill") && !name_like("McDonald"));
        assert!(!name_like("A") && !name_like("iPhone"));
    }
}
