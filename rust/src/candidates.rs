//! The proper-case fixer's candidate search: the lowercase words of a line worth weighing as
//! names, after the gates that need no evidence from outside the line. What passes goes to
//! Python's `casing_evidence` with its context (`cleanset.fixers.casing.names._name_spans`).

use std::collections::HashSet;

use crate::chars::{is_alpha, is_lower, str_is_lower};
use crate::gate::{ArticleNames, OrdinaryGate};
use crate::names::{is_function_word, name_across, without_possessive, WordSeq};
use crate::scan::{line_words, Word};
use crate::words::lists;

/// A word that passed the gates, with what the weighing still needs to know of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// its index among the line's words
    pub index: usize,
    /// a name-shaped word stands right before or after it
    pub name_beside: bool,
    /// its stem is an ordinary word (the caller's set)
    pub ordinary: bool,
    /// it follows a hyphen ("U.S.-russia"): only a certain name may be lifted there
    pub after_hyphen: bool,
}

fn is_join_word(word: &str) -> bool {
    word == "the" || lists().name_joins.contains(&word)
}

/// A join ("of", "the") right before or after word i.
fn beside_join(line: &str, words: &[Word], i: usize) -> bool {
    (i > 0 && is_join_word(words[i - 1].text(line)))
        || (i + 1 < words.len() && is_join_word(words[i + 1].text(line)))
}

fn in_joined_name(line: &str, words: &[Word], i: usize) -> bool {
    name_across(line, words, i, 1).is_some() || name_across(line, words, i, -1).is_some()
}

/// The characters that may stand right before a name: a space, a hyphen, an opening quote or
/// bracket, a slash, or the line's start.
const NAME_OPENERS: &[char] = &[' ', '-', '"', '“', '‘', '(', '/'];

/// The lowercase words of `line` (split as a table's cells with `cells`) that may be names
/// written lowercase mid-sentence: three letters or more, no sentence opener, no function word
/// or particle, not inside a token ("o'clock", "a.m.") nor the first part of a compound
/// ("bible-thumping"); an ordinary word (in `ordinary`) only with a name beside it, or named
/// alone in the article (`named_alone`), or inside a joined name ("bank of England").
/// With `gate`, an ordinary word must also pass the gate (`gate.rs`).
pub fn name_candidates(
    line: &str,
    cells: bool,
    ordinary: &HashSet<String>,
    named_alone: &HashSet<String>,
    gate: Option<(&OrdinaryGate, &ArticleNames)>,
) -> Vec<Candidate> {
    let words = line_words(line, cells);
    let mut out = Vec::new();
    let last = words.len().saturating_sub(1);
    for (i, w) in words.iter().enumerate() {
        let t = w.text(line);
        if w.sentence_start || w.end - w.start < 3 || !str_is_lower(t) {
            continue;
        }
        let stem = without_possessive(t);
        if is_function_word(stem) {
            continue; // "the", "of": never a name by itself, whatever stands beside it
        }
        let name_beside = (i > 0 && words[i - 1].name_like) || (i < last && words.at(i + 1).name_like);
        let ordinary_word = ordinary.contains(stem);
        let may_be_a_name = name_beside
            || !ordinary_word
            || named_alone.contains(stem)
            || (beside_join(line, &words, i) && in_joined_name(line, &words, i));
        if !may_be_a_name {
            continue; // an ordinary word with no name beside it, nor named on its own here
        }
        if !stem.chars().all(is_alpha) || lists().particles.contains(stem) {
            continue;
        }
        let before = line[..w.byte_start].chars().next_back();
        if before.is_some_and(|c| !NAME_OPENERS.contains(&c)) {
            continue; // inside a token such as o'clock or a.m.
        }
        let mut after = line[w.byte_end..].chars();
        if after.next() == Some('-') && after.next().is_some_and(is_lower) {
            continue; // the first part of a compound: "bible-thumping"
        }
        if ordinary_word && gate.is_some_and(|(gate, article)| !gate.may_lift(line, &words, i, stem, article))
        {
            continue; // no source could lift this ordinary word here
        }
        out.push(Candidate {
            index: i,
            name_beside,
            ordinary: ordinary_word,
            after_hyphen: before == Some('-'),
        });
    }
    out
}

/// A sentence's first word written in plain lowercase: letters only, or with an apostrophe
/// ("it's"); not "iPhone" nor "my6sense".
fn plain_lower(word: &str) -> bool {
    str_is_lower(word) && (word.contains(['\'', '’']) || word.chars().all(is_alpha))
}

/// The sentence starts of a line's words: how many open with a capital, and the indices of those
/// written in plain lowercase (the sentence-case fixer's and the reading's candidates).
pub fn sentence_starts(line: &str, words: &[Word]) -> (usize, Vec<usize>) {
    let mut capitals = 0;
    let mut lowercase = Vec::new();
    for (i, w) in words.iter().enumerate().filter(|(_, w)| w.sentence_start) {
        let text = w.text(line);
        if plain_lower(text) {
            lowercase.push(i);
        } else {
            capitals += text.chars().next().is_some_and(crate::chars::is_upper) as usize;
        }
    }
    (capitals, lowercase)
}

/// The characters that may stand right before a name slip the reading counts: a space, a
/// quote, a bracket, or the line's start.
const SLIP_OPENERS: &[char] = &[' ', '"', '“', '('];

/// The words of a prose line that may be names written lowercase, for the casing reading: in
/// `wanted` or after a word in `titles` ("Mr blair"), opening no sentence, three letters or more
/// less a possessive, lowercase letters only, no function word, standing after a space, a quote
/// or a bracket or at the line's start. Their indices among the line's words.
pub fn slip_candidates(
    line: &str,
    words: &[Word],
    wanted: &HashSet<String>,
    titles: &HashSet<String>,
) -> Vec<usize> {
    (0..words.len())
        .filter(|&i| {
            let w = &words[i];
            let text = w.text(line);
            if !(wanted.contains(text) || (i > 0 && titles.contains(words[i - 1].text(line)))) {
                return false;
            }
            let stem = without_possessive(text);
            !w.sentence_start
                && stem.chars().count() >= 3
                && str_is_lower(stem)
                && !is_function_word(stem)
                && stem.chars().all(is_alpha)
                && line[..w.byte_start].chars().next_back().is_none_or(|c| SLIP_OPENERS.contains(&c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (word, name beside, after a hyphen) of each candidate
    fn found(line: &str, ordinary: &[&str], alone: &[&str]) -> Vec<(String, bool, bool)> {
        let ordinary = ordinary.iter().map(|s| s.to_string()).collect();
        let alone = alone.iter().map(|s| s.to_string()).collect();
        let words = line_words(line, false);
        name_candidates(line, false, &ordinary, &alone, None)
            .into_iter()
            .map(|c| (words[c.index].text(line).to_string(), c.name_beside, c.after_hyphen))
            .collect()
    }

    fn words(found: &[(String, bool, bool)]) -> Vec<&str> {
        found.iter().map(|(w, ..)| w.as_str()).collect()
    }

    #[test]
    fn ordinary_words_need_a_name_beside_them() {
        let line = "Talks with moscow stalled as the army of Tony blair met at noon.";
        let got = found(line, &["stalled", "army", "met", "noon"], &[]);
        // "army" stands in a joined name ("the army of Tony"), "blair" beside "Tony"
        assert_eq!(words(&got), ["moscow", "army", "blair"]);
        assert_eq!(got.iter().map(|c| c.1).collect::<Vec<_>>(), [false, false, true]);
        // "firm" stands beside "The", name-shaped; "noon" is named alone in the article
        let line = "The firm met at noon today.";
        assert_eq!(words(&found(line, &["firm", "met", "noon", "today"], &["noon"])), ["firm", "noon"]);
    }

    #[test]
    fn tokens_compounds_and_particles_are_not_names() {
        let got = found("It was ten o'clock in a bible-thumping town.", &["ten", "town"], &[]);
        assert_eq!(got, [("thumping".to_string(), false, true)]);
        let line = "they said it and U.S.-russia envoys met.";
        assert_eq!(words(&found(line, &["said", "envoys", "met"], &[])), ["russia"]);
        assert_eq!(found("they met van der Berg.", &["met"], &[]), []); // particles
        assert_eq!(found("we met in the us and the uk.", &["met"], &[]), []); // two letters
    }

    #[test]
    fn sentence_starts_split_capitals_from_plain_lowercase() {
        let line = "Talks ended. the envoys left. iPhone sales rose. it's over. 'quoted' end.";
        let (capitals, lowercase) = sentence_starts(line, &line_words(line, false));
        let words = line_words(line, false);
        let texts: Vec<_> = lowercase.iter().map(|&i| words[i].text(line)).collect();
        assert_eq!((capitals, texts), (1, vec!["the", "it's", "quoted"]));
    }

    #[test]
    fn slips_stand_where_a_name_would() {
        let set = |words: &[&str]| words.iter().map(|s| s.to_string()).collect::<HashSet<_>>();
        let line = "He met moscow's envoys, Mr bell and x-moscow and the envoy. moscow";
        let words = line_words(line, false);
        let found: Vec<_> = slip_candidates(line, &words, &set(&["moscow", "moscow's"]), &set(&["mr"]))
            .into_iter()
            .map(|i| words[i].text(line))
            .collect();
        // not after a hyphen, nor opening a sentence; "bell" after "Mr" only if the title is lowercase
        assert_eq!(found, ["moscow's"]);
        let line = "Ask Mr bell.";
        let found = slip_candidates(line, &line_words(line, false), &set(&[]), &set(&["Mr"]));
        assert_eq!(found, [2]);
    }
}
