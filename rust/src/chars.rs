//! Character classes exactly as Python's `str` methods and `re` see them (tables read off the
//! interpreter by `rust/tables.py`), with ASCII answered without a table.

use crate::tables;

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `c.isupper()`
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_table(tables::UPPER, c)
    }
}

/// `c.islower()`
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        in_table(tables::LOWER, c)
    }
}

/// `c.istitle()` for one titlecase letter ("ǅ")
pub fn is_title(c: char) -> bool {
    !c.is_ascii() && in_table(tables::TITLE, c)
}

/// `c.isalpha()`
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_table(tables::ALPHA, c)
    }
}

/// `c.isalnum()`
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        in_table(tables::ALNUM, c)
    }
}

/// `re`'s `\d`: `c.isdecimal()`
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(tables::DECIMAL, c)
    }
}

/// `re`'s `\s`: `c.isspace()`
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f')
    } else {
        in_table(tables::SPACE, c)
    }
}

/// `re`'s `\w`: alphanumeric or the underscore
pub fn is_word(c: char) -> bool {
    c == '_' || is_alnum(c)
}

/// The scanner's letter, `re`'s `[^\W\d_]`: a word character that is neither a decimal digit
/// nor the underscore ("é", "ß", and also "²" and "½", which `str.isalnum` counts)
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_alnum(c) && !is_decimal(c)
    }
}

/// `s.islower()`: at least one cased character, and none upper or title case
pub fn str_is_lower(s: &str) -> bool {
    if s.is_ascii() {
        let b = s.as_bytes();
        return !b.iter().any(u8::is_ascii_uppercase) && b.iter().any(u8::is_ascii_lowercase);
    }
    let mut cased = false;
    for c in s.chars() {
        if is_upper(c) || is_title(c) {
            return false;
        }
        if !cased && is_lower(c) {
            cased = true;
        }
    }
    cased
}

/// `s.isupper()`: at least one cased character, and none lower or title case
pub fn str_is_upper(s: &str) -> bool {
    if s.is_ascii() {
        let b = s.as_bytes();
        return !b.iter().any(u8::is_ascii_lowercase) && b.iter().any(u8::is_ascii_uppercase);
    }
    let mut cased = false;
    for c in s.chars() {
        if is_lower(c) || is_title(c) {
            return false;
        }
        if !cased && is_upper(c) {
            cased = true;
        }
    }
    cased
}

/// `s.strip() == ""`
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_space)
}

/// `s.lower()` (Rust's full lowercase mapping, the final sigma included, as Python's)
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

/// `out += s.lower()`
pub fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.push_str(&s.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_python() {
        assert!(is_upper('Ö') && is_lower('ß') && !is_upper('ß'));
        assert!(is_letter('é') && is_letter('²') && !is_letter('٣') && !is_letter('_'));
        assert!(is_space('\u{a0}') && is_space('\x1c') && !is_space('\u{200b}'));
        assert!(is_title('ǅ') && !is_title('D'));
    }

    #[test]
    fn string_case_follows_python() {
        assert!(str_is_lower("o'clock") && !str_is_lower("'") && !str_is_lower("ǅa"));
        assert!(str_is_upper("NATO'S") && !str_is_upper("NATo"));
        assert_eq!(lower("ΟΔΟΣ"), "\u{3bf}\u{3b4}\u{3bf}\u{3c2}"); // a final sigma
    }
}
