//! cleanset's compiled scanner: the per-token work of the casing engine. A line is split into
//! words with their sentence starts (`scan`), names are found among them (`names`), and the first
//! pass's counts are taken line by line (`casing`); the proper-case fixer's candidates are found
//! and gated (`candidates`, the ordinary words' gate in `gate`). Character classes follow Python's own
//! (`chars`, from tables read off the interpreter); word lists are data shared with Python
//! (`words`). The Python module `cleanset._scan` (`python`) is a thin binding over these.

pub mod candidates;
pub mod casing;
pub mod chars;
pub mod gate;
pub mod names;
pub mod scan;
mod tables;
pub mod words;

#[cfg(feature = "python")]
mod python;
