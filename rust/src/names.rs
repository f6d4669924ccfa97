//! Names in a line of words: runs of Capitalised words, pairs and joins ("Bank of England").
//! `cleanset.names` calls these for the casing fixers; `casing::line_casing` for the first pass.

use crate::chars::{is_alnum, is_blank, is_upper, push_lower, str_is_lower};
use crate::scan::Word;
use crate::words::lists;

/// Words by index: the scanner's own, or a Python tuple of them read on demand.
pub trait WordSeq {
    fn len(&self) -> usize;
    fn at(&self, i: usize) -> Word;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl WordSeq for [Word] {
    fn len(&self) -> usize {
        <[Word]>::len(self)
    }
    fn at(&self, i: usize) -> Word {
        self[i]
    }
}

pub fn opens_sentence(w: &Word) -> bool {
    w.sentence_start || w.after_stop
}

/// Separated by spaces only (no comma, bracket or dash).
pub fn adjacent(line: &str, a: &Word, b: &Word) -> bool {
    a.end <= b.start && line.get(a.byte_end..b.byte_start).is_some_and(is_blank)
}

const POSSESSIVES: [&str; 2] = ["'s", "’s"];

pub fn is_possessive(word: &str) -> bool {
    POSSESSIVES.iter().any(|p| word.ends_with(p))
}

pub fn without_possessive(word: &str) -> &str {
    POSSESSIVES.iter().find_map(|p| word.strip_suffix(p)).unwrap_or(word)
}

/// `word.lower() in FUNCTION_WORDS` (every function word is ASCII, and no letter outside ASCII
/// lowers into one of them)
pub fn is_function_word(word: &str) -> bool {
    word.is_ascii() && word.len() <= 16 && {
        let mut buf = [0u8; 16];
        let lowered = &mut buf[..word.len()];
        lowered.copy_from_slice(word.as_bytes());
        lowered.make_ascii_lowercase();
        std::str::from_utf8(lowered).is_ok_and(|w| lists().function_words.contains(w))
    }
}

pub fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    let rest = chars.as_str();
    !rest.is_empty() && is_upper(first) && str_is_lower(rest)
}

pub fn pair_key(a: &str, b: &str) -> String {
    let mut key = String::with_capacity(a.len() + b.len() + 1);
    push_lower_stem(&mut key, a);
    key.push(' ');
    push_lower_stem(&mut key, b);
    key
}

/// `out += without_possessive(word.lower())`
fn push_lower_stem(out: &mut String, word: &str) {
    let from = out.len();
    push_lower(out, word);
    let stem = without_possessive(&out[from..]).len();
    out.truncate(from + stem);
}

/// Words a and b can make a pair in a name: beside each other, b opening no sentence, a no
/// possessive, neither a function word.
pub fn pairable(line: &str, a: &Word, b: &Word) -> bool {
    !opens_sentence(b)
        && !is_function_word(a.text(line))
        && !is_function_word(b.text(line))
        && adjacent(line, a, b)
        && !is_possessive(a.text(line))
}

pub fn continues_name(line: &str, a: &Word, b: &Word) -> bool {
    a.name_like && b.name_like && pairable(line, a, b)
}

/// Word i is lowercase between two Capitalised words, the first not opening a sentence.
pub fn between_names<S: WordSeq + ?Sized>(line: &str, words: &S, i: usize) -> bool {
    if i == 0 || i + 1 >= words.len() {
        return false;
    }
    let (a, w, b) = (words.at(i - 1), words.at(i), words.at(i + 1));
    a.name_like
        && b.name_like
        && str_is_lower(w.text(line))
        && !opens_sentence(&a)
        && !opens_sentence(&b)
        && adjacent(line, &a, &w)
        && adjacent(line, &w, &b)
        && !is_possessive(a.text(line))
}

fn is_join(word: &str) -> bool {
    lists().name_joins.contains(&word)
}

/// The index of the Capitalised word that continues a name from word k, one step to the right
/// (step 1) or left (step -1), beside it or across a join ("of", "of the").
pub fn name_across<S: WordSeq + ?Sized>(line: &str, words: &S, k: usize, step: isize) -> Option<usize> {
    let n = words.len() as isize;
    let inside = |m: isize| (0..n).contains(&m);
    let mut m = k as isize + step;
    if !inside(m) {
        return None;
    }
    let wm = words.at(m as usize);
    if wm.name_like {
        let wk = words.at(k);
        let (left, right) = if step == 1 { (wk, wm) } else { (wm, wk) };
        if opens_sentence(&right) || !adjacent(line, &left, &right) || is_possessive(left.text(line)) {
            return None;
        }
        return Some(m as usize);
    }
    let mut path = vec![k as isize, m];
    if step == -1 && words.at(m as usize).text(line) == "the" {
        m -= 1;
        path.push(m);
    }
    if !inside(m) || !is_join(words.at(m as usize).text(line)) {
        return None;
    }
    m += step;
    if step == 1 && inside(m) && words.at(m as usize).text(line) == "the" {
        path.push(m);
        m += 1;
    }
    path.push(m);
    if !inside(m) || !words.at(m as usize).name_like {
        return None;
    }
    path.sort_unstable();
    if path.windows(2).any(|p| !adjacent(line, &words.at(p[0] as usize), &words.at(p[1] as usize))) {
        return None;
    }
    let (first, last) = (words.at(path[0] as usize), words.at(path[path.len() - 1] as usize));
    if opens_sentence(&last) || is_possessive(first.text(line)) {
        return None;
    }
    Some(m as usize)
}

/// Whether a Capitalised word stands beside word i, or across a connector after it.
pub fn in_name(line: &str, words: &[Word], i: usize) -> bool {
    let cap_at = |j: isize, k: usize| {
        if j < 0 || j as usize >= words.len() || !words[j as usize].name_like {
            return false;
        }
        let w = &words[j as usize];
        if opens_sentence(w) && is_function_word(w.text(line)) {
            return false;
        }
        let (lo, hi) = (j.min(k as isize) as usize, j.max(k as isize) as usize);
        adjacent(line, &words[lo], &words[hi])
    };
    let i_ = i as isize;
    if cap_at(i_ - 1, i) || cap_at(i_ + 1, i) {
        return true;
    }
    i + 2 < words.len()
        && lists().connectors.contains(words[i + 1].text(line))
        && adjacent(line, &words[i], &words[i + 1])
        && cap_at(i_ + 2, i + 1)
}

fn joined_lower(line: &str, run: &[Word]) -> String {
    let mut out = String::new();
    for (k, w) in run.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        push_lower_stem(&mut out, w.text(line));
    }
    out
}

/// Runs of two or more adjacent Capitalised words, less a head that only opens a sentence; a
/// possessive closes its run.
pub fn name_runs(line: &str, words: &[Word]) -> Vec<String> {
    let mut found = Vec::new();
    let mut run: Vec<Word> = Vec::new();
    let close = |run: &mut Vec<Word>, found: &mut Vec<String>| {
        let mut from = 0;
        if run.first().is_some_and(opens_sentence) {
            from = 1;
        }
        if run.len() >= from + 2 {
            found.push(joined_lower(line, &run[from..]));
        }
        run.clear();
    };
    for w in words {
        if w.name_like && run.last().is_none_or(|last| adjacent(line, last, w)) {
            if !run.is_empty() && opens_sentence(w) {
                run.clear();
            }
            run.push(*w);
        } else {
            if !run.is_empty() {
                close(&mut run, &mut found);
            }
            if w.name_like {
                run.push(*w);
            }
        }
        if run.last().is_some_and(|last| is_possessive(last.text(line))) {
            close(&mut run, &mut found);
        }
    }
    close(&mut run, &mut found);
    found
}

/// A join ("of", "and") followed by a capital, after a word part that holds a capital or
/// follows one: `names.has_joined_name`. At each space, ` +(?:JOIN) +(?:the +)?UPPER` must follow,
/// and the word part before the space (with the character before it) must hold a capital.
pub fn has_joined_name(line: &str) -> bool {
    let opens_upper = |s: &str| s.chars().next().is_some_and(is_upper);
    for (p, _) in line.match_indices(' ') {
        let after = line[p..].trim_start_matches(' ');
        let Some(join_end) = after.find(' ') else { return false }; // no join with a space after
        if !is_join(&after[..join_end]) {
            continue;
        }
        let rest = after[join_end..].trim_start_matches(' ');
        let after_the = rest.strip_prefix("the").map(|t| (t.len(), t.trim_start_matches(' ')));
        let capital_next =
            opens_upper(rest) || after_the.is_some_and(|(len, next)| next.len() < len && opens_upper(next));
        if !capital_next {
            continue;
        }
        let before = &line[..p];
        let part = before.trim_end_matches(|c: char| is_alnum(c) || matches!(c, '_' | '\'' | '’')).len();
        let from = before[..part].char_indices().next_back().map_or(0, |(i, _)| i);
        if before[from..].chars().any(is_upper) {
            return true;
        }
    }
    false
}

/// Names of Capitalised words with a join inside, less a head that only opens a sentence.
pub fn joined_runs(line: &str, words: &[Word]) -> Vec<String> {
    let mut found = Vec::new();
    if !has_joined_name(line) {
        return found;
    }
    let n = words.len();
    let mut i = 0;
    while i < n {
        if !words[i].name_like {
            i += 1;
            continue;
        }
        let mut k = i;
        while let Some(m) = name_across(line, words, k, 1) {
            k = m;
        }
        let mut lo = if opens_sentence(&words[i]) { i + 1 } else { i };
        while lo < k && !words[lo].name_like {
            lo += 1;
        }
        if k >= lo + 2 && words[lo..k].iter().any(|w| !w.name_like) {
            found.push(joined_lower(line, &words[lo..=k]));
        }
        i = k + 1;
    }
    found
}

/// Adjacent pairs with a name in them, as keys: (pairs of Capitalised words, mixed pairs).
pub fn name_pairs(line: &str, words: &[Word]) -> (Vec<String>, Vec<String>) {
    let mut cap = Vec::new();
    let mut mixed = Vec::new();
    let n = words.len();
    for k in 0..n.saturating_sub(1) {
        let (a, b) = (&words[k], &words[k + 1]);
        if !(a.name_like || b.name_like) || !pairable(line, a, b) {
            continue;
        }
        let key = pair_key(a.text(line), b.text(line));
        if a.name_like && b.name_like {
            let before = k > 0 && continues_name(line, &words[k - 1], a);
            let after = k + 2 < n && continues_name(line, b, &words[k + 2]);
            let head = if opens_sentence(a) { "^" } else { "" };
            let mut flagged = String::with_capacity(key.len() + 4);
            flagged.push_str(head);
            flagged.push(if before { '1' } else { '0' });
            flagged.push(if after { '1' } else { '0' });
            flagged.push(' ');
            flagged.push_str(&key);
            cap.push(flagged);
        } else if !opens_sentence(a) && (str_is_lower(a.text(line)) || str_is_lower(b.text(line))) {
            mixed.push(key);
        }
    }
    (cap, mixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::line_words;

    #[test]
    fn runs_stop_at_possessives() {
        let line = "He left the Labour Party's National Executive in May.";
        assert_eq!(name_runs(line, &line_words(line, false)), ["labour party", "national executive"]);
    }

    #[test]
    fn joined_names_are_found() {
        let line = "Rates fell, the Bank of England said, as the Court of Arbitration for Sport met.";
        assert_eq!(
            joined_runs(line, &line_words(line, false)),
            ["bank of england", "court of arbitration for sport"]
        );
        let found: Vec<_> = ["the Bank of England", "a bank of England", "McDonald of Ohio"]
            .iter()
            .map(|s| has_joined_name(s))
            .collect();
        assert_eq!(found, [true, false, true]);
    }

    #[test]
    fn pairs_carry_their_neighbours() {
        let line = "It hit western Europe, Education Secretary Ruth Kelly said.";
        let (cap, mixed) = name_pairs(line, &line_words(line, false));
        assert_eq!(cap, ["01 education secretary", "11 secretary ruth", "10 ruth kelly"]);
        assert_eq!(mixed, ["western europe", "kelly said"]);
    }

    #[test]
    fn a_word_between_names() {
        let line = "He joined Scottish club Rangers.";
        let words = line_words(line, false);
        assert!(between_names(line, words.as_slice(), 3) && !between_names(line, words.as_slice(), 2));
        assert!(!in_name(line, &words, 2)); // "Scottish" stands alone
        let line = "He met the Bank of England.";
        let words = line_words(line, false);
        assert!(in_name(line, &words, 3) && !in_name(line, &words, 0));
    }
}
