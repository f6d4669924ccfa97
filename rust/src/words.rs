//! The word lists shared with Python (`src/cleanset/scanner_words.txt`), compiled in.

use std::collections::HashSet;
use std::sync::OnceLock;

const SOURCE: &str = include_str!("../../src/cleanset/scanner_words.txt");

pub struct WordLists {
    pub abbreviations: HashSet<&'static str>,
    pub function_words: HashSet<&'static str>,
    pub name_joins: Vec<&'static str>,
    pub connectors: HashSet<&'static str>,
    pub particles: HashSet<&'static str>,
    /// url_domains and file_extensions together
    pub address_endings: Vec<&'static str>,
}

fn list(name: &str) -> Vec<&'static str> {
    SOURCE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
        .unwrap_or_else(|| panic!("scanner_words.txt has no list {name}"))
        .split_whitespace()
        .collect()
}

pub fn lists() -> &'static WordLists {
    static LISTS: OnceLock<WordLists> = OnceLock::new();
    LISTS.get_or_init(|| WordLists {
        abbreviations: list("abbreviations").into_iter().collect(),
        function_words: list("function_words").into_iter().collect(),
        name_joins: list("name_joins"),
        connectors: list("connectors").into_iter().collect(),
        particles: list("particles").into_iter().collect(),
        address_endings: [list("url_domains"), list("file_extensions")].concat(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_are_read() {
        let lists = super::lists();
        assert!(lists.abbreviations.contains("tbsp") && lists.function_words.contains("the"));
        assert!(lists.name_joins.contains(&"of") && lists.connectors.contains("&"));
        // the scanner looks a join up as one token and an address ending by its first letter
        assert!(lists.name_joins.iter().all(|j| !j.is_empty() && !j.contains(' ')));
        assert!(lists.address_endings.iter().all(|e| e.starts_with(|c: char| c.is_ascii_alphabetic())));
    }
}
