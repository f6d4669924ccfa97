//! What one prose line adds to the first pass's casing counts: `cleanset.corpus.line_casing`.

use crate::chars::{is_lower, is_space, is_upper, lower, str_is_lower};
use crate::names::{between_names, in_name, is_capitalised, joined_runs, name_pairs, name_runs};
use crate::scan::{line_words, Word};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct LineCasing<'a> {
    /// Capitalised mid-sentence words, lowercased
    pub cap: Vec<String>,
    /// ... with no Capitalised word beside them
    pub alone: Vec<String>,
    /// lowercase mid-sentence words, as the line writes them
    pub low: Vec<&'a str>,
    /// ... standing between two Capitalised words
    pub between: Vec<&'a str>,
    /// distinct name runs, plain and joined
    pub runs: Vec<String>,
    pub cap_pairs: Vec<String>,
    pub mixed_pairs: Vec<String>,
}

pub fn line_casing(line: &str) -> LineCasing<'_> {
    line_casing_of(line, &line_words(line, false))
}

/// `line_casing` of a line already split into `words`.
pub fn line_casing_of<'a>(line: &'a str, words: &[Word]) -> LineCasing<'a> {
    let mut out = word_casing(line, words);
    out.runs = line_runs(line, words);
    (out.cap_pairs, out.mixed_pairs) = name_pairs(line, words);
    out
}

/// The word counts of `line_casing` (cap, alone, low, between), with no names sought.
pub fn word_casing<'a>(line: &'a str, words: &[Word]) -> LineCasing<'a> {
    let mut out = LineCasing::default();
    let last = words.len().saturating_sub(1);
    for (i, w) in words.iter().enumerate() {
        let t = w.text(line);
        if w.sentence_start || w.end - w.start < 2 {
            continue;
        }
        let lowercase = str_is_lower(t);
        if (w.after_stop || opens_quoted_speech(line, w)) && !lowercase {
            continue;
        }
        if lowercase {
            out.low.push(t);
            if 0 < i
                && i < last
                && words[i - 1].name_like
                && words[i + 1].name_like
                && between_names(line, words, i)
            {
                out.between.push(t);
            }
        } else if is_capitalised(t) {
            let key = lower(t);
            if !in_name(line, words, i) {
                out.alone.push(key.clone());
            }
            out.cap.push(key);
        }
    }
    out
}

/// The line's distinct name runs, plain and joined.
pub fn line_runs(line: &str, words: &[Word]) -> Vec<String> {
    let mut runs = Vec::new();
    for run in name_runs(line, words).into_iter().chain(joined_runs(line, words)) {
        if !runs.contains(&run) {
            runs.push(run);
        }
    }
    runs
}

/// A word opening a quotation after a comma or a colon (`said, "Leeks, kale …`): quoted speech
/// opens a sentence of its own, so a capital there, like one after a full stop, says nothing of
/// the word.
pub fn opens_quoted_speech(line: &str, w: &Word) -> bool {
    let before = &line[..w.byte_start];
    let Some(quote) = before.chars().next_back() else {
        return false;
    };
    if !matches!(quote, '"' | '\'' | '\u{201c}' | '\u{2018}' | '\u{ab}' | '\u{201e}') {
        return false;
    }
    let before = before[..before.len() - quote.len_utf8()].trim_end();
    matches!(before.chars().next_back(), Some(',' | ':'))
}

/// The counts of a document's prose lines, one after another: each line's lists in turn (its
/// name runs distinct within the line, as `line_casing` gives them).
pub fn document_casing<'a>(lines: impl IntoIterator<Item = &'a str>) -> LineCasing<'a> {
    let mut out = LineCasing::default();
    for line in lines {
        out.extend(line_casing(line));
    }
    out
}

/// The word counts of `document_casing` (no names: `line_runs` and `name_pairs` find them in the
/// words kept), keeping each line's words for the scans that follow.
pub fn document_casing_and_words<'a>(
    lines: impl IntoIterator<Item = &'a str>,
) -> (LineCasing<'a>, Vec<Vec<Word>>) {
    let mut out = LineCasing::default();
    let mut kept = Vec::new();
    for line in lines {
        let words = line_words(line, false);
        out.extend(word_casing(line, &words));
        kept.push(words);
    }
    (out, kept)
}

impl<'a> LineCasing<'a> {
    fn extend(&mut self, found: LineCasing<'a>) {
        self.cap.extend(found.cap);
        self.alone.extend(found.alone);
        self.low.extend(found.low);
        self.between.extend(found.between);
        self.runs.extend(found.runs);
        self.cap_pairs.extend(found.cap_pairs);
        self.mixed_pairs.extend(found.mixed_pairs);
    }
}

/// The distinct pairs of adjacent words in a name run ("bank of england": "bank of", "of
/// england"): `cleanset.corpus.run_bigrams`.
pub fn run_bigrams(run: &str) -> Vec<String> {
    let parts: Vec<&str> = run.split_whitespace().collect();
    let mut found: Vec<String> = Vec::new();
    for pair in parts.windows(2) {
        let bigram = format!("{} {}", pair[0], pair[1]);
        if !found.contains(&bigram) {
            found.push(bigram);
        }
    }
    found
}

/// The whole text is written in lowercase: at least `min_words` words (split as Python's
/// `str.split()` splits), and of those opening with a cased letter, at most `max_capital_share`
/// with a capital (a share of all words decides early, once the capitals pass it).
pub fn all_lowercase(text: &str, min_words: usize, max_capital_share: f64) -> bool {
    let words = text.split(is_space).filter(|w| !w.is_empty()).count();
    if words < min_words {
        return false;
    }
    let (mut upper, mut lower) = (0usize, 0usize);
    for first in text.split(is_space).filter_map(|w| w.chars().next()) {
        if is_upper(first) {
            upper += 1;
            if upper as f64 > max_capital_share * words as f64 {
                return false; // enough capitals already: most articles stop here
            }
        } else if is_lower(first) {
            lower += 1;
        }
    }
    upper + lower > 0 && upper as f64 <= max_capital_share * (upper + lower) as f64
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_a_line() {
        let found =
            super::line_casing("Aides of Prime Minister Tony Blair met in the Scottish club Rangers.");
        assert_eq!(found.cap, ["prime", "minister", "tony", "blair", "scottish", "rangers"]);
        assert_eq!(found.alone, ["scottish", "rangers"]);
        assert_eq!(found.between, ["club"]);
        assert_eq!(found.runs, ["prime minister tony blair"]);
        assert_eq!(found.low, ["of", "met", "in", "the", "club"]);
    }

    #[test]
    fn quoted_speech_opens_a_sentence() {
        let found =
            super::line_casing("Then Muddeman said, \u{201c}Leeks, kale and Swede grow well.\u{201d}");
        assert_eq!(found.cap, ["muddeman", "swede"]); // not "leeks"
        let found = super::line_casing("It read: \"Leeks first.\" Then the \"Leeks\" brand grew.");
        assert_eq!(found.cap, ["leeks"]); // the brand, in quotes after a word, counts
        let found = super::line_casing("He said, \"leeks grow.\"");
        assert!(found.low.contains(&"leeks")); // a lowercase word still counts
    }

    #[test]
    fn run_bigrams_are_distinct() {
        assert_eq!(super::run_bigrams("bank of england"), ["bank of", "of england"]);
        assert_eq!(super::run_bigrams("new york new york"), ["new york", "york new"]);
        assert!(super::run_bigrams("london").is_empty());
    }

    #[test]
    fn a_lowercase_article_is_told_from_one_with_capitals() {
        let lowered = "talks in geneva ended on monday without a deal, officials said. ".repeat(5);
        assert!(super::all_lowercase(&lowered, 30, 0.01));
        assert!(!super::all_lowercase(&lowered.replace("geneva", "Geneva"), 30, 0.01));
        assert!(!super::all_lowercase("too short to tell", 30, 0.01));
        assert!(super::all_lowercase(&format!("{lowered}\u{1c}Geneva"), 30, 0.05));
        // \x1c splits, as in Python
    }

    #[test]
    fn a_document_is_its_lines_in_turn() {
        let lines = ["Aides met Tony Blair in London.", "Then Tony Blair left London."];
        let whole = super::document_casing(lines);
        let (a, b) = (super::line_casing(lines[0]), super::line_casing(lines[1]));
        assert_eq!(whole.runs, [a.runs.clone(), b.runs.clone()].concat());
        assert_eq!(whole.cap, [a.cap, b.cap].concat());
        assert_eq!(whole.runs, ["tony blair", "tony blair"]); // counted once per line
        let (counts, words) = super::document_casing_and_words(lines);
        assert_eq!((&counts.cap, &counts.low, words.len()), (&whole.cap, &whole.low, 2));
        assert!(counts.runs.is_empty());
        let runs: Vec<_> = lines.iter().zip(&words).flat_map(|(l, w)| super::line_runs(l, w)).collect();
        assert_eq!(runs, whole.runs);
    }
}
