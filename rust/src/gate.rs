//! The proper-case fixer's gate for ordinary words: whether any source could lift a word the
//! lexicon knows as mostly lowercase ("said", "army") where it stands. Most candidates beside a
//! name are such words, and nearly all are left alone; each test here is a lookup, and only a word
//! that passes one goes on to Python's full weighing (`casing_evidence`). Every test may answer
//! yes where the weighing then says no (a filter's collision, a courtesy title it checks more
//! closely), never the other way (tests/test_candidate_gates.py holds the two to each other).

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::xxh3_64;

use crate::chars::push_lower;
use crate::names::pair_key;
use crate::scan::Word;

/// A set of strings as one bit per 64-bit hash (XXH3-64 of the UTF-8 bytes, modulo the bits):
/// `cleanset.corpus.HashFilter`'s bytes. A false answer is sure; a true one may be a collision.
#[derive(Clone, Debug, Default)]
pub struct BitFilter(pub Vec<u8>);

impl BitFilter {
    pub fn may_hold(&self, text: &str) -> bool {
        may_hold(&self.0, text)
    }
}

/// Whether the filter's `bits` may hold `text`.
pub fn may_hold(bits: &[u8], text: &str) -> bool {
    let size = bits.len() as u64 * 8;
    if size == 0 {
        return false;
    }
    let slot = xxh3_64(text.as_bytes()) % size;
    bits[(slot >> 3) as usize] >> (slot & 7) & 1 == 1
}

/// What the build and the lexicon say, for the gate: the parts of the first pass's counts and
/// the lexicon that an ordinary word's tests read.
#[derive(Default)]
pub struct OrdinaryGate {
    /// Capitalised mid-sentence uses across the build, of the forms whose stem is ordinary
    pub cap_mid: HashMap<String, u64>,
    /// lowercase uses between two Capitalised words across the build, of the ordinary words
    pub low_between: HashMap<String, u64>,
    /// ... beyond which a word between two names is a common noun there ("Scottish club Rangers")
    pub between_max_low: u64,
    /// pairs (with their setting flags) the build writes Capitalised often enough
    pub pairs: Option<BitFilter>,
    /// adjacent pairs inside name runs the build writes often enough
    pub run_pairs: Option<BitFilter>,
    /// words inside the lexicon's dictionary names, and adjacent pairs inside them
    pub name_words: HashSet<String>,
    pub name_bigrams: HashSet<String>,
    /// adjacent pairs inside the lexicon's multi-word place names
    pub lexicon_run_pairs: HashSet<String>,
    /// ordinary words the web writes Capitalised nearly always, seen too rarely by the counts
    pub web_names: HashSet<String>,
    pub courtesy_titles: HashSet<String>,
    /// the setting flags of a pair with the name before the word, and after it
    pub pair_flags_name_first: Vec<String>,
    pub pair_flags_name_after: Vec<String>,
    pub pair_min_cap: u64,
}

/// What the article says, for the gate.
pub struct ArticleNames<'a> {
    /// words the article writes Capitalised on their own often enough
    pub named: &'a HashSet<String>,
    /// adjacent pairs inside the article's name runs
    pub run_pairs: &'a HashSet<String>,
}

impl OrdinaryGate {
    /// Whether any source could lift the ordinary word `stem` (word i of the line, less a
    /// possessive) where it stands: after a courtesy title; named on its own in the article; in a
    /// pair with the name beside it that the build writes Capitalised; beside a word of a
    /// dictionary name; between two names, in a build that Capitalises it and seldom writes it
    /// lowercase there; after a name, where the web writes it as one; or in a name run the
    /// article, the lexicon or the build writes.
    pub fn may_lift(&self, line: &str, words: &[Word], i: usize, stem: &str, article: &ArticleNames) -> bool {
        let text = words[i].text(line);
        let left = i > 0 && words[i - 1].name_like;
        let right = i + 1 < words.len() && words[i + 1].name_like;
        if i > 0 && self.courtesy_titles.contains(words[i - 1].text(line)) {
            return true;
        }
        if article.named.contains(stem) {
            return true;
        }
        if (left || right) && self.capitalised_for_a_pair(stem, text) && self.pair_held(line, words, i) {
            return true;
        }
        if stem == text
            && self.name_words.contains(stem)
            && self.beside_in_a_dictionary_name(line, words, i, stem)
        {
            return true;
        }
        if left
            && right
            && self.cap_mid.get(stem).is_some_and(|&n| n >= 1)
            && self.low_between.get(stem).copied().unwrap_or(0) <= self.between_max_low
        {
            return true;
        }
        if left && self.web_names.contains(stem) {
            return true;
        }
        self.may_complete_a_run(line, words, i, stem, article)
    }

    fn capitalised_for_a_pair(&self, stem: &str, text: &str) -> bool {
        let count = |form: &str| self.cap_mid.get(form).copied().unwrap_or(0);
        let total = if stem == text { count(stem) } else { count(stem) + count(text) };
        total >= self.pair_min_cap
    }

    fn pair_held(&self, line: &str, words: &[Word], i: usize) -> bool {
        let Some(pairs) = &self.pairs else { return false };
        for j in [i.wrapping_sub(1), i + 1] {
            if j >= words.len() || !words[j].name_like {
                continue;
            }
            let (a, b) = if j < i { (j, i) } else { (i, j) };
            let key = pair_key(words[a].text(line), words[b].text(line));
            let flags = if j < i { &self.pair_flags_name_first } else { &self.pair_flags_name_after };
            let mut setting = String::with_capacity(key.len() + 4);
            for flag in flags {
                setting.clear();
                setting.push_str(flag);
                setting.push_str(&key);
                if pairs.may_hold(&setting) {
                    return true;
                }
            }
        }
        false
    }

    fn beside_in_a_dictionary_name(&self, line: &str, words: &[Word], i: usize, stem: &str) -> bool {
        let mut pair = String::new();
        if i > 0 {
            push_lower(&mut pair, words[i - 1].text(line));
            pair.push(' ');
            pair.push_str(stem);
            if self.name_bigrams.contains(&pair) {
                return true;
            }
        }
        if i + 1 < words.len() {
            pair.clear();
            pair.push_str(stem);
            pair.push(' ');
            push_lower(&mut pair, words[i + 1].text(line));
            if self.name_bigrams.contains(&pair) {
                return true;
            }
        }
        false
    }

    fn may_complete_a_run(
        &self,
        line: &str,
        words: &[Word],
        i: usize,
        stem: &str,
        article: &ArticleNames,
    ) -> bool {
        let mut pairs = Vec::with_capacity(2);
        if i > 0 {
            pairs.push(pair_key(words[i - 1].text(line), stem));
        }
        if i + 1 < words.len() {
            pairs.push(pair_key(stem, words[i + 1].text(line)));
        }
        pairs.iter().any(|p| {
            article.run_pairs.contains(p)
                || self.lexicon_run_pairs.contains(p)
                || self.run_pairs.as_ref().is_some_and(|f| f.may_hold(p))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::without_possessive;
    use crate::scan::line_words;

    fn set(words: &[&str]) -> HashSet<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    fn filter(texts: &[&str]) -> BitFilter {
        let mut bits = vec![0u8; 1 << 10];
        for t in texts {
            let slot = xxh3_64(t.as_bytes()) % (bits.len() as u64 * 8);
            bits[(slot >> 3) as usize] |= 1 << (slot & 7);
        }
        BitFilter(bits)
    }

    fn lifts(gate: &OrdinaryGate, line: &str, word: &str, named: &[&str], runs: &[&str]) -> bool {
        let words = line_words(line, false);
        let i = words.iter().position(|w| w.text(line) == word).expect("word in line");
        let (named, runs) = (set(named), set(runs));
        let article = ArticleNames { named: &named, run_pairs: &runs };
        gate.may_lift(line, &words, i, without_possessive(word), &article)
    }

    #[test]
    fn an_ordinary_word_beside_a_name_is_left_without_evidence() {
        let gate = OrdinaryGate { pair_min_cap: 2, ..Default::default() };
        assert!(!lifts(&gate, "Then Tony Blair said so.", "said", &[], &[]));
        assert!(lifts(&gate, "Then Tony Blair said so.", "said", &["said"], &[])); // named on its own here
        assert!(!lifts(&gate, "Then Mr army spoke.", "army", &[], &[])); // "Mr" is no title to this gate
        let gate = OrdinaryGate { courtesy_titles: set(&["Mr"]), pair_min_cap: 2, ..Default::default() };
        assert!(lifts(&gate, "Then Mr army spoke.", "army", &[], &[]));
        assert!(lifts(&gate, "It met the Italian army today.", "army", &[], &["italian army"]));
        // the article's run
    }

    #[test]
    fn the_build_and_the_lexicon_open_the_gate() {
        let mut gate = OrdinaryGate {
            pair_min_cap: 2,
            pair_flags_name_first: vec!["00 ".into(), "01 ".into()],
            pair_flags_name_after: vec!["00 ".into()],
            ..Default::default()
        };
        let line = "Ministers met the Education secretary today.";
        assert!(!lifts(&gate, line, "secretary", &[], &[]));
        gate.pairs = Some(filter(&["00 education secretary"]));
        assert!(!lifts(&gate, line, "secretary", &[], &[])); // the word itself is never Capitalised
        gate.cap_mid.insert("secretary".into(), 2);
        assert!(lifts(&gate, line, "secretary", &[], &[]));
        let gate = OrdinaryGate {
            name_words: set(&["exchange"]),
            name_bigrams: set(&["and exchange"]),
            ..Default::default()
        };
        assert!(lifts(&gate, "the Securities and exchange Commission", "exchange", &[], &[]));
        // between two names: a word the build Capitalises, unless it often stands there lowercase
        let mut gate = OrdinaryGate { between_max_low: 1, ..Default::default() };
        gate.cap_mid.insert("said".into(), 6);
        assert!(lifts(&gate, "Then Tony Blair said Monday it was over.", "said", &[], &[]));
        gate.low_between.insert("said".into(), 40);
        assert!(!lifts(&gate, "Then Tony Blair said Monday it was over.", "said", &[], &[]));
        let gate = OrdinaryGate { run_pairs: Some(filter(&["new york"])), ..Default::default() };
        assert!(lifts(&gate, "She flew to New york and said so.", "york", &[], &[]));
    }
}
