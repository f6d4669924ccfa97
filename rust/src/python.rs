//! The Python module `cleanset._scan`: a thin binding over the scanner.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::pyclass::CompareOp;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::xxh3_64;

use crate::gate::{self, ArticleNames, BitFilter, OrdinaryGate};
use crate::names::{self, WordSeq};
use crate::{candidates, casing, chars, scan, tables};

/// A word of a line: offsets in characters, its text, whether it opens a sentence, the word part
/// (or token of numbers and symbols) before it in the line, whether the token before closed with
/// . ! or ?, and whether it is shaped like a name ("Moscow", "NATO").
#[pyclass(frozen, module = "cleanset._scan", name = "Word")]
pub struct PyWord {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: Py<PyString>,
    #[pyo3(get)]
    sentence_start: bool,
    #[pyo3(get)]
    prev: Option<Py<PyString>>,
    #[pyo3(get)]
    after_stop: bool,
    #[pyo3(get)]
    name_like: bool,
    inner: scan::Word,
}

impl PyWord {
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (self.start, self.end, &self.text, self.sentence_start, &self.prev, self.after_stop, self.name_like)
            .into_pyobject(py)
    }
}

#[pymethods]
impl PyWord {
    /// The same word, counted as shaped like a name.
    fn as_name(&self, py: Python<'_>) -> Self {
        PyWord {
            text: self.text.clone_ref(py),
            prev: self.prev.as_ref().map(|p| p.clone_ref(py)),
            name_like: true,
            inner: scan::Word { name_like: true, ..self.inner },
            ..*self
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Word(start={}, end={}, text={}, sentence_start={}, prev={}, after_stop={}, name_like={})",
            self.start,
            self.end,
            self.text.bind(py).repr()?,
            py_bool(self.sentence_start),
            match &self.prev {
                Some(p) => p.bind(py).repr()?.to_string(),
                None => "None".to_string(),
            },
            py_bool(self.after_stop),
            py_bool(self.name_like),
        ))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let Ok(other) = other.cast::<PyWord>() else { return Ok(py.NotImplemented()) };
        let equal = self.fields(py)?.eq(other.get().fields(py)?)?;
        Ok(match op {
            CompareOp::Eq => equal.into_pyobject(py)?.to_owned().into_any().unbind(),
            CompareOp::Ne => (!equal).into_pyobject(py)?.to_owned().into_any().unbind(),
            _ => py.NotImplemented(),
        })
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.fields(py)?.hash()
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

fn py_word(w: scan::Word, text: Py<PyString>, prev: Option<Py<PyString>>) -> PyWord {
    PyWord {
        start: w.start,
        end: w.end,
        text,
        sentence_start: w.sentence_start,
        prev,
        after_stop: w.after_stop,
        name_like: w.name_like,
        inner: w,
    }
}

/// A word of `line` as a Python object, its text and the text before it made afresh.
fn lone_word<'py>(py: Python<'py>, line: &str, w: scan::Word) -> PyResult<Bound<'py, PyWord>> {
    let text = PyString::new(py, w.text(line)).unbind();
    let prev = w.prev.map(|(a, b)| PyString::new(py, &line[a..b]).unbind());
    Bound::new(py, py_word(w, text, prev))
}

/// The words of a line with whether each opens a sentence; with `cells`, every pipe-table cell
/// opens a new unit.
#[pyfunction]
#[pyo3(signature = (line, cells = false))]
fn line_words<'py>(py: Python<'py>, line: &str, cells: bool) -> PyResult<Bound<'py, PyTuple>> {
    let words = scan::line_words(line, cells);
    let mut out: Vec<Bound<'py, PyWord>> = Vec::with_capacity(words.len());
    let mut last: Option<(scan::Word, Py<PyString>)> = None;
    for w in words {
        let text = PyString::new(py, w.text(line)).unbind();
        let prev = w.prev.map(|(a, b)| match &last {
            Some((l, t)) if (l.byte_start, l.byte_end) == (a, b) => t.clone_ref(py),
            _ => PyString::new(py, &line[a..b]).unbind(),
        });
        out.push(Bound::new(py, py_word(w, text.clone_ref(py), prev))?);
        last = Some((w, text));
    }
    PyTuple::new(py, out)
}

/// The sentence starts of a line: how many open with a capital, and those written in plain
/// lowercase, each as (its index, the word, the word after it or None).
#[pyfunction]
#[allow(clippy::type_complexity)]
fn sentence_starts<'py>(
    py: Python<'py>,
    line: &str,
) -> PyResult<(usize, Vec<(usize, Bound<'py, PyWord>, Option<Bound<'py, PyWord>>)>)> {
    let words = scan::line_words(line, false);
    let (capitals, lowercase) = candidates::sentence_starts(line, &words);
    let lowercase = lowercase
        .into_iter()
        .map(|i| {
            let next = words.get(i + 1).map(|n| lone_word(py, line, *n)).transpose()?;
            Ok((i, lone_word(py, line, words[i])?, next))
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok((capitals, lowercase))
}

/// The line's first word if it opens a sentence (a list item's, a paragraph's), else None.
#[pyfunction]
fn opening_word<'py>(py: Python<'py>, line: &str) -> PyResult<Option<Bound<'py, PyWord>>> {
    let words = scan::line_words(line, false);
    words.first().filter(|w| w.sentence_start).map(|w| lone_word(py, line, *w)).transpose()
}

/// What a document's prose lines add to the casing counts: (cap, alone, low, between, runs,
/// cap_pairs, mixed_pairs), each line's in turn, as `cleanset.corpus.LineCasing` holds them.
#[pyfunction]
fn document_casing<'py>(py: Python<'py>, lines: Vec<PyBackedStr>) -> PyResult<Bound<'py, PyTuple>> {
    let c = casing::document_casing(lines.iter().map(|line| &**line));
    (c.cap, c.alone, c.low, c.between, c.runs, c.cap_pairs, c.mixed_pairs).into_pyobject(py)
}

/// A document's prose lines with their words, split once for the casing reading's scans.
#[pyclass(frozen, module = "cleanset._scan", name = "ProseWords")]
pub struct ProseWords {
    lines: Vec<String>,
    words: Vec<Vec<scan::Word>>,
}

#[pymethods]
impl ProseWords {
    /// The words that may be names written lowercase, for the casing reading (see
    /// `rust/src/candidates.rs`): (line, index among the line's words) of each.
    fn slip_candidates(
        &self,
        wanted: &Bound<'_, WordSet>,
        titles: &Bound<'_, WordSet>,
    ) -> Vec<(usize, usize)> {
        let (wanted, titles) = (&wanted.get().0, &titles.get().0);
        let mut out = Vec::new();
        for (k, (line, words)) in self.lines.iter().zip(&self.words).enumerate() {
            out.extend(candidates::slip_candidates(line, words, wanted, titles).into_iter().map(|i| (k, i)));
        }
        out
    }

    /// The document's name runs, each line's distinct ones in turn (as `document_casing` gives them).
    fn runs(&self) -> Vec<String> {
        self.lines.iter().zip(&self.words).flat_map(|(line, words)| casing::line_runs(line, words)).collect()
    }

    /// The document's mixed pairs (a name beside a lowercase word), counted.
    fn mixed_pairs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let pairs: Vec<String> = self
            .lines
            .iter()
            .zip(&self.words)
            .flat_map(|(line, words)| names::name_pairs(line, words).1)
            .collect();
        counted(py, &pairs)
    }

    fn __len__(&self) -> usize {
        self.lines.len()
    }
}

/// A document's word counts as its evidence holds them: (cap, alone, low), each counted; and the
/// lines with their words (`ProseWords`), in which the scans that follow read them again (the
/// name runs and mixed pairs only a damaged article's weighing asks for).
#[pyfunction]
fn prose_casing<'py>(
    py: Python<'py>,
    lines: Vec<PyBackedStr>,
) -> PyResult<(Bound<'py, PyTuple>, ProseWords)> {
    let (c, words) = casing::document_casing_and_words(lines.iter().map(|line| &**line));
    let counts = (counted(py, &c.cap)?, counted(py, &c.alone)?, counted(py, &c.low)?).into_pyobject(py)?;
    let lines = lines.iter().map(|line| line.to_string()).collect();
    Ok((counts, ProseWords { lines, words }))
}

/// Each distinct string with how often it occurs, in the order of first occurrence (as a
/// `collections.Counter` made from the list would hold them).
fn counted<'py, S: AsRef<str>>(py: Python<'py>, items: &[S]) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (item, n) in counted_in_order(items) {
        out.set_item(item, n)?;
    }
    Ok(out)
}

fn counted_in_order<S: AsRef<str>>(items: &[S]) -> Vec<(&str, u64)> {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(items.len());
    let mut order: Vec<(&str, u64)> = Vec::with_capacity(items.len());
    for item in items {
        let item = item.as_ref();
        match seen.get(item) {
            Some(&k) => order[k].1 += 1,
            None => {
                seen.insert(item, order.len());
                order.push((item, 1));
            }
        }
    }
    order
}

/// What a document's prose lines add to the first pass: their words counted into the build's
/// `cap`, `alone`, `low` and `between` (dicts of counts, `collections.Counter`s, each word added
/// once per document in the order it first occurs), and the keys the build counts, returned as
/// `cleanset.corpus.key_hash` hashes them: the name runs, the distinct adjacent pairs inside each
/// run, the cap_pairs and the mixed_pairs.
#[pyfunction]
fn first_pass_casing<'py>(
    py: Python<'py>,
    lines: Vec<PyBackedStr>,
    cap: &Bound<'py, PyDict>,
    alone: &Bound<'py, PyDict>,
    low: &Bound<'py, PyDict>,
    between: &Bound<'py, PyDict>,
) -> PyResult<Bound<'py, PyTuple>> {
    let c = casing::document_casing(lines.iter().map(|line| &**line));
    add_counts(cap, &c.cap)?;
    add_counts(alone, &c.alone)?;
    add_counts(low, &c.low)?;
    add_counts(between, &c.between)?;
    let hashed = |keys: &[String]| keys.iter().map(|k| xxh3_64(k.as_bytes())).collect::<Vec<u64>>();
    let bigrams: Vec<u64> =
        c.runs.iter().flat_map(|run| casing::run_bigrams(run)).map(|b| xxh3_64(b.as_bytes())).collect();
    (hashed(&c.runs), bigrams, hashed(&c.cap_pairs), hashed(&c.mixed_pairs)).into_pyobject(py)
}

/// Add each distinct string's count to `target`, in the order of first occurrence.
fn add_counts<S: AsRef<str>>(target: &Bound<'_, PyDict>, items: &[S]) -> PyResult<()> {
    for (item, n) in counted_in_order(items) {
        let before = match target.get_item(item)? {
            Some(value) => value.extract::<u64>()?,
            None => 0,
        };
        target.set_item(item, before + n)?;
    }
    Ok(())
}

/// Whether the whole text is written in lowercase (see `rust/src/casing.rs`).
#[pyfunction]
fn all_lowercase(text: &str, min_words: usize, max_capital_share: f64) -> bool {
    casing::all_lowercase(text, min_words, max_capital_share)
}

/// Whether a bit filter (`cleanset.corpus.HashFilter`'s bytes, bit k of byte k / 8 set for each
/// key hash k modulo the filter's bits) may hold any of `texts`, each hashed with XXH3-64 of its
/// UTF-8 bytes (`cleanset.corpus.key_hash`).
#[pyfunction]
fn filter_may_hold_any(bits: &[u8], texts: Vec<PyBackedStr>) -> bool {
    texts.iter().any(|text| gate::may_hold(bits, text))
}

/// A set of words the scanner can read without asking Python: the lexicon's ordinary words, the
/// words an article names on their own.
#[pyclass(frozen, module = "cleanset._scan", name = "WordSet")]
pub struct WordSet(HashSet<String>);

#[pymethods]
impl WordSet {
    #[new]
    fn new(words: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut set = HashSet::new();
        for word in words.try_iter()? {
            set.insert(word?.extract::<String>()?);
        }
        Ok(WordSet(set))
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __contains__(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

/// The lowercase words of a line worth weighing as names (see `rust/src/candidates.rs`), as
/// (index among the line's words, a name-shaped word beside it, its stem in `ordinary`, after a
/// hyphen).
///
/// With `gate` (and the article's `named` words and name-run `run_pairs`), an ordinary word must
/// pass the gate too (see `rust/src/gate.rs`).
#[pyfunction]
#[pyo3(signature = (line, cells, ordinary, named_alone, gate = None, named = None, run_pairs = None))]
fn name_candidates(
    line: &str,
    cells: bool,
    ordinary: &Bound<'_, WordSet>,
    named_alone: &Bound<'_, WordSet>,
    gate: Option<&Bound<'_, PyOrdinaryGate>>,
    named: Option<&Bound<'_, WordSet>>,
    run_pairs: Option<&Bound<'_, WordSet>>,
) -> PyResult<Vec<(usize, bool, bool, bool)>> {
    let article = match (named, run_pairs) {
        (Some(named), Some(run_pairs)) => {
            Some(ArticleNames { named: &named.get().0, run_pairs: &run_pairs.get().0 })
        }
        (None, None) => None,
        _ => return Err(pyo3::exceptions::PyValueError::new_err("named and run_pairs go together")),
    };
    let gated = match (gate, &article) {
        (Some(gate), Some(article)) => Some((&gate.get().0, article)),
        (None, _) => None,
        (Some(_), None) => {
            return Err(pyo3::exceptions::PyValueError::new_err("a gate needs the article's names"))
        }
    };
    Ok(candidates::name_candidates(line, cells, &ordinary.get().0, &named_alone.get().0, gated)
        .into_iter()
        .map(|c| (c.index, c.name_beside, c.ordinary, c.after_hyphen))
        .collect())
}

/// The build's and the lexicon's evidence the ordinary words' gate reads (see
/// `rust/src/gate.rs`), made once per build and lexicon.
#[pyclass(frozen, module = "cleanset._scan", name = "OrdinaryGate")]
pub struct PyOrdinaryGate(OrdinaryGate);

#[pymethods]
impl PyOrdinaryGate {
    #[new]
    #[pyo3(signature = (*, cap_mid, low_between, between_max_low, pairs, run_pairs, name_words, name_bigrams, lexicon_run_pairs, web_names,
                        courtesy_titles, pair_flags_name_first, pair_flags_name_after, pair_min_cap))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        cap_mid: HashMap<String, u64>,
        low_between: HashMap<String, u64>,
        between_max_low: u64,
        pairs: Option<Vec<u8>>,
        run_pairs: Option<Vec<u8>>,
        name_words: HashSet<String>,
        name_bigrams: HashSet<String>,
        lexicon_run_pairs: HashSet<String>,
        web_names: HashSet<String>,
        courtesy_titles: HashSet<String>,
        pair_flags_name_first: Vec<String>,
        pair_flags_name_after: Vec<String>,
        pair_min_cap: u64,
    ) -> Self {
        PyOrdinaryGate(OrdinaryGate {
            cap_mid,
            low_between,
            between_max_low,
            pairs: pairs.map(BitFilter),
            run_pairs: run_pairs.map(BitFilter),
            name_words,
            name_bigrams,
            lexicon_run_pairs,
            web_names,
            courtesy_titles,
            pair_flags_name_first,
            pair_flags_name_after,
            pair_min_cap,
        })
    }
}

/// A tuple of `Word`s, read one by one as the scanner asks for them.
struct TupleWords<'a, 'py>(&'a Bound<'py, PyTuple>);

impl<'a, 'py> TupleWords<'a, 'py> {
    fn new(words: &'a Bound<'py, PyTuple>) -> PyResult<Self> {
        for item in words.iter() {
            item.cast::<PyWord>()?;
        }
        Ok(TupleWords(words))
    }
}

impl WordSeq for TupleWords<'_, '_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn at(&self, i: usize) -> scan::Word {
        let item = self.0.get_item(i).expect("index within the tuple");
        item.cast::<PyWord>().expect("checked in TupleWords::new").get().inner
    }
}

/// Two words separated by spaces only.
#[pyfunction]
fn adjacent(line: &str, a: &Bound<'_, PyWord>, b: &Bound<'_, PyWord>) -> PyResult<bool> {
    let (a, b) = (&a.get().inner, &b.get().inner);
    Ok(names::adjacent(line, a, b))
}

/// Words a and b can make a pair in a name.
#[pyfunction]
fn pairable(line: &str, a: &Bound<'_, PyWord>, b: &Bound<'_, PyWord>) -> PyResult<bool> {
    let (a, b) = (&a.get().inner, &b.get().inner);
    Ok(names::pairable(line, a, b))
}

/// Word b continues a name from word a.
#[pyfunction]
fn continues_name(line: &str, a: &Bound<'_, PyWord>, b: &Bound<'_, PyWord>) -> PyResult<bool> {
    let (a, b) = (&a.get().inner, &b.get().inner);
    Ok(names::continues_name(line, a, b))
}

/// Word i is lowercase between two Capitalised words, the first not opening a sentence.
#[pyfunction]
fn between_names(line: &str, words: &Bound<'_, PyTuple>, i: usize) -> PyResult<bool> {
    let seq = TupleWords::new(words)?;
    Ok(names::between_names(line, &seq, i))
}

/// The index of the Capitalised word that continues a name from word k, one step to the right
/// (step 1) or left (step -1), beside it or across a join ("of", "of the"); None if none does.
#[pyfunction]
fn name_across(line: &str, words: &Bound<'_, PyTuple>, k: usize, step: isize) -> PyResult<Option<usize>> {
    if step != 1 && step != -1 {
        return Err(pyo3::exceptions::PyValueError::new_err("step is 1 or -1"));
    }
    let seq = TupleWords::new(words)?;
    if k >= seq.len() {
        return Ok(None);
    }
    Ok(names::name_across(line, &seq, k, step))
}

/// A join ("of", "and") followed by a capital, after a word part that holds a capital: the cheap
/// test before joined names are sought.
#[pyfunction]
fn has_joined_name(line: &str) -> bool {
    names::has_joined_name(line)
}

/// Whether a token closes its sentence, so the next word opens one.
#[pyfunction]
fn ends_sentence(token: &str) -> bool {
    scan::ends_sentence(token)
}

/// A token after which the sentence goes on: an ellipsis, a dash standing alone, or a closing
/// quote standing alone after ? or !.
#[pyfunction]
fn continues_sentence(token: &str, after_question: bool) -> bool {
    scan::continues_sentence(token, after_question)
}

/// An address, e-mail address or file name ("www.x.com", "report.pdf").
#[pyfunction]
fn url_like(token: &str) -> bool {
    scan::url_like(token)
}

/// For each character, the classes the scanner gives it as bits: upper 1, lower 2, title 4,
/// alpha 8, alnum 16, decimal 32, space 64 (tested against Python's own `str` methods).
#[pyfunction]
fn char_classes<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
    let classes: Vec<u8> = text
        .chars()
        .map(|c| {
            chars::is_upper(c) as u8
                | (chars::is_lower(c) as u8) << 1
                | (chars::is_title(c) as u8) << 2
                | (chars::is_alpha(c) as u8) << 3
                | (chars::is_alnum(c) as u8) << 4
                | (chars::is_decimal(c) as u8) << 5
                | (chars::is_space(c) as u8) << 6
        })
        .collect();
    PyList::new(py, classes)
}

#[pymodule]
fn _scan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("UNICODE_VERSION", tables::UNICODE_VERSION)?;
    m.add_class::<PyWord>()?;
    m.add_class::<WordSet>()?;
    m.add_function(wrap_pyfunction!(name_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(line_words, m)?)?;
    m.add_function(wrap_pyfunction!(document_casing, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_starts, m)?)?;
    m.add_function(wrap_pyfunction!(opening_word, m)?)?;
    m.add_class::<ProseWords>()?;
    m.add_class::<PyOrdinaryGate>()?;
    m.add_function(wrap_pyfunction!(prose_casing, m)?)?;
    m.add_function(wrap_pyfunction!(filter_may_hold_any, m)?)?;
    m.add_function(wrap_pyfunction!(all_lowercase, m)?)?;
    m.add_function(wrap_pyfunction!(first_pass_casing, m)?)?;
    m.add_function(wrap_pyfunction!(adjacent, m)?)?;
    m.add_function(wrap_pyfunction!(pairable, m)?)?;
    m.add_function(wrap_pyfunction!(continues_name, m)?)?;
    m.add_function(wrap_pyfunction!(between_names, m)?)?;
    m.add_function(wrap_pyfunction!(name_across, m)?)?;
    m.add_function(wrap_pyfunction!(has_joined_name, m)?)?;
    m.add_function(wrap_pyfunction!(ends_sentence, m)?)?;
    m.add_function(wrap_pyfunction!(continues_sentence, m)?)?;
    m.add_function(wrap_pyfunction!(url_like, m)?)?;
    m.add_function(wrap_pyfunction!(char_classes, m)?)?;
    Ok(())
}
