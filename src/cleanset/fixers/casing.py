"""Casing repair for English: sentence-start capitals and proper nouns written lowercase.

Both only ever raise a letter to upper case, and only on evidence; when evidence is weak the word
is left alone, because damage to good text costs more than a missed fix.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cleanset.corpus import SENTENCE_LINE_END
from cleanset.fixers.base import Context, FixResult, replace_spans
from cleanset.tokens import iter_words, line_kind

# Name particles written lowercase by design before a capitalised name: "de Gaulle", "van Gogh".
PARTICLES = frozenset("de del della der di da das dos du la le van von den ter bin ibn al el".split())
FENCE = re.compile(r"^\s*(```|~~~)")


def _lines(text: str):
    """(offset, line, kind) for every line outside code fences."""
    pos = 0
    fenced = False
    for line in text.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            yield pos, line, line_kind(line)
        pos += len(line) + 1


def _is_plain_lower(word: str) -> bool:
    return word.isalpha() and word.islower() if "’" not in word and "'" not in word else word.islower()


def _capitalise(word: str) -> str:
    return word[0].upper() + word[1:]


def fix_sentence_case(text: str, ctx: Context) -> FixResult:
    """Capitalise the first word of a sentence, paragraph or list item written lowercase.

    >>> fix_sentence_case("in a statement, Peskov said. the talks in the U.S. stall.\\n- establishing trust", Context())[0]
    'In a statement, Peskov said. The talks in the U.S. stall.\\n- Establishing trust'
    >>> fix_sentence_case("iPhone sales rose. de Gaulle spoke. eBay grew.", Context())[0]
    'iPhone sales rose. de Gaulle spoke. eBay grew.'
    """
    spans: list[tuple[int, int, str]] = []
    for offset, line, kind in _lines(text):
        if kind not in ("text", "item"):
            continue
        words = list(iter_words(line))
        for i, w in enumerate(words):
            if not w.sentence_start or not _is_plain_lower(w.text):
                continue
            after = line[w.end : w.end + 2]
            if after[:1] == "." and after[1:2].isalpha():  # e.g., i.e.
                continue
            nxt = words[i + 1].text if i + 1 < len(words) else ""
            if w.text in PARTICLES and nxt[:1].isupper():
                continue
            spans.append((offset + w.start, offset + w.end, _capitalise(w.text)))
    return replace_spans(text, spans, "sentence_case")


@dataclass
class DocEvidence:
    cap: Counter[str]
    low: Counter[str]
    cap_pairs: set[tuple[str, str]]  # adjacent words both Capitalised mid-sentence, lowercased


def document_evidence(text: str) -> DocEvidence:
    cap: Counter[str] = Counter()
    low: Counter[str] = Counter()
    pairs: set[tuple[str, str]] = set()
    for _, line, kind in _lines(text):
        if kind != "text" or not SENTENCE_LINE_END.search(line):
            continue
        prev_cap: str | None = None
        for w in iter_words(line):
            t = w.text
            is_cap = t[0].isupper() and t[1:].islower() and len(t) > 1
            if not w.sentence_start:
                if t.islower():
                    low[t] += 1
                elif is_cap:
                    cap[t.lower()] += 1
            if is_cap and prev_cap is not None and w.prev is not None and w.prev.lower() == prev_cap:
                pairs.add((prev_cap, t.lower()))
            prev_cap = t.lower() if is_cap else None
    return DocEvidence(cap, low, pairs)


# Thresholds, measured on the development corpus (see benchmarks/): each trades recall for damage.
LEXICON_MIN_SHARE = 0.97
LEXICON_MIN_COUNT = 20
CORPUS_MIN_CAP = 3
CORPUS_MAX_LOW_SHARE = 0.1
LEXICON_FLOOR = 0.5


def should_capitalise(word: str, prev: str | None, nxt: str | None, doc: DocEvidence, ctx: Context) -> bool:
    """Decide from the document, the build and the lexicon whether a lowercase word is a name."""
    lex = ctx.lexicon.get(word) if ctx.lexicon else None
    corpus = ctx.corpus
    c_cap = corpus.cap_mid.get(word, 0) if corpus else 0
    c_low = corpus.low_mid.get(word, 0) if corpus else 0
    d_cap, d_low = doc.cap.get(word, 0), doc.low.get(word, 0)
    # Other lowercase uses of the word, beyond this one, are evidence that it is an ordinary word.
    other_low_doc = max(d_low - 1, 0)
    other_low_corpus = max(c_low - 1, 0)
    lexically_lower = lex is not None and (lex.cap + lex.low) >= 5 and lex.cap_share < LEXICON_FLOOR
    if other_low_doc > d_cap:
        return False
    corpus_agrees = c_low <= max(1, CORPUS_MAX_LOW_SHARE * c_cap)
    # A phrase the document writes Capitalised ("Prime Minister") written here with a slip.
    if prev and prev[:1].isupper() and (prev.lower(), word) in doc.cap_pairs and corpus_agrees:
        return True
    if nxt and nxt[:1].isupper() and (word, nxt.lower()) in doc.cap_pairs and corpus_agrees:
        return True
    if lexically_lower:
        return False
    if d_cap >= 1 and other_low_doc == 0 and corpus_agrees:
        return True
    if c_cap >= CORPUS_MIN_CAP and corpus_agrees:
        return True
    if lex is None:
        return False
    if other_low_corpus > CORPUS_MAX_LOW_SHARE * c_cap:
        return False
    total = lex.cap + lex.low
    if lex.cap_share >= LEXICON_MIN_SHARE and total >= LEXICON_MIN_COUNT:
        return True
    return lex.place and lex.low == 0


def fix_proper_case(text: str, ctx: Context) -> FixResult:
    """Capitalise proper nouns written lowercase mid-sentence ("with moscow", "U.S.-russia").

    >>> from cleanset.lexicon import load_lexicon
    >>> fix_proper_case("Talks with moscow stalled. Moscow said U.S.-russia ties may bill.", Context(lexicon=load_lexicon()))[0]
    'Talks with Moscow stalled. Moscow said U.S.-Russia ties may bill.'
    """
    doc = document_evidence(text)
    spans: list[tuple[int, int, str]] = []
    for offset, line, kind in _lines(text):
        if kind not in ("text", "item", "table"):
            continue
        words = list(iter_words(line, cells=kind == "table"))
        for i, w in enumerate(words):
            t = w.text
            if w.sentence_start or len(t) < 3 or not t.isalpha() or not t.islower():
                continue
            before = line[max(0, w.start - 1) : w.start]
            if before and before not in " -\"“‘(/" :
                continue  # inside a token such as o'clock or a.m.
            nxt = words[i + 1].text if i + 1 < len(words) else None
            if should_capitalise(t, w.prev, nxt, doc, ctx):
                spans.append((offset + w.start, offset + w.end, _capitalise(t)))
    return replace_spans(text, spans, "proper_case")
