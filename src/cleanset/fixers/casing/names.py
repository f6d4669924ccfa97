"""Proper nouns written lowercase mid-sentence: the driver that finds candidates, asks
`weigh.casing_evidence` about each, restores neighbours in rounds and settles the text."""

from __future__ import annotations

import re

from cleanset._scan import name_candidates
from cleanset.fixers.base import Context, FixResult, replace_spans
from cleanset.fixers.casing.document import DocEvidence, document_evidence
from cleanset.fixers.casing.gate import ordinary_gate
from cleanset.fixers.casing.lexical import _certain_name, ordinary_word_set
from cleanset.fixers.casing.lines import _capitalise, _lines, _looks_broken
from cleanset.fixers.casing.reading import casing_reading
from cleanset.fixers.casing.site import WordSite
from cleanset.fixers.casing.thresholds import COURTESY_TITLES
from cleanset.fixers.casing.weigh import casing_evidence
from cleanset.names import POSSESSIVE_ENDINGS, opens_its_token
from cleanset.structure import is_headline
from cleanset.tokens import FUNCTION_WORDS, LOWER, TOKEN, ends_sentence, line_words

MAX_NAME_PASSES = 3


# What `--casing strict` accepts: the article's and the build's own writing, nothing from outside
STRICT_EVIDENCE = frozenset({"document", "build", "acronym"})


def fix_proper_case(text: str, ctx: Context) -> FixResult:
    """Capitalise proper nouns written lowercase mid-sentence ("with moscow", "U.S.-russia"), in
    an article the casing reading finds damaged (see `reading`).

    A name may lose more than one word ("tony blair"): once one word is restored, its neighbour
    is weighed again beside it, for a few rounds at most. Evidence comes from the text as given,
    so a restored word is never evidence for itself elsewhere, until the text settles: where a
    restored word still stands lowercase elsewhere, the repaired text is weighed again, as a
    second cleaning would weigh it, so that cleaning cleaned text changes nothing.

    >>> from cleanset.lexicon import load_lexicon
    >>> fix_proper_case("Talks with moscow stalled. Moscow said U.S.-russia ties may bill.", Context(lexicon=load_lexicon()))[0]
    'Talks with Moscow stalled. Moscow said U.S.-Russia ties may bill.'
    >>> fix_proper_case("Aides met Blair. It fell, as tony blair said.", Context(lexicon=load_lexicon()))[0]
    'Aides met Blair. It fell, as Tony Blair said.'
    >>> fix_proper_case("Mr ukraine met ukraine.", Context(lexicon=load_lexicon()))[0]  # settles
    'Mr Ukraine met Ukraine.'
    """
    if not casing_reading(text, ctx).damaged:
        return text, []
    spans: list[tuple[int, int, str, str]] = []
    current = text
    for _ in range(MAX_SETTLE_ROUNDS):
        found = _restored_names(current, ctx)
        if not found:
            break
        spans.extend(found)
        current = replace_spans(current, found, "proper_case")[0]  # same length: offsets hold
        restored = {current[start:end].lower() for start, end, *_ in found}
        if not restored.intersection(LOWER_WORD.findall(current)):
            break  # no restored word stands lowercase elsewhere: nothing else can change
    return replace_spans(text, sorted(spans), "proper_case")


MAX_SETTLE_ROUNDS = 3


LOWER_WORD = re.compile(rf"\b{LOWER}(?:{LOWER}|['’])*\b")


def _restored_names(text: str, ctx: Context) -> list[tuple[int, int, str, str]]:
    """The spans one weighing of the text capitalises, neighbours of restored words included."""
    doc = document_evidence(text)
    spans: list[tuple[int, int, str, str]] = []
    current = text
    changed: set[int] | None = None  # None: weigh every word; else only the neighbours of these
    for _ in range(MAX_NAME_PASSES):
        found = _name_spans(current, ctx, doc, changed)
        if changed is None:
            starts = {start for start, *_ in found}
            found = sorted(found + [s for s in acronym_spans(current) if s[0] not in starts])
        if not found:
            break
        spans.extend(found)
        current = replace_spans(current, found, "proper_case")[0]  # same length: offsets hold
        changed = {start for start, *_ in found}
    return sorted(spans)


ACRONYM = re.compile(r"\(([A-Z]{2,8})s?\)")  # "(GM)", "(SUVs)"


SPELLED_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


ACRONYM_SKIPS = frozenset({"of", "and", "for", "the", "on", "in", "to", "de", "&"})


def acronym_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Lowercase words of a name spelled out before its acronym, where the rest of the name is
    Capitalised: the acronym's letters say which words belong to the name.

    >>> acronym_spans("Shares in General motors (GM) fell.")
    [(18, 24, 'Motors', 'acronym')]
    >>> acronym_spans("Sales of sports utility vehicles (SUVs) rose.")  # lowercase by design
    []
    >>> acronym_spans("The European Low-fare Airlines Association (ELFAA) said.")  # a compound's own style
    []
    """
    spans: list[tuple[int, int, str, str]] = []
    for offset, line, kind in _lines(text):
        if kind not in ("text", "item", "table") or "(" not in line:
            continue
        for m in ACRONYM.finditer(line):
            name = _spelled_out(line, m.start(), m.group(1))
            if not name:
                continue
            opener = name[0].start() == len(line) - len(line.lstrip()) or ends_sentence(
                line[: name[0].start()].rstrip().rsplit(" ", 1)[-1] or "."
            )
            capitalised, lowercase = 0, []
            for j, tok in enumerate(name):
                for part in re.finditer(r"[A-Za-z]+", tok.group(0)):
                    if part.group(0)[0].isupper():
                        capitalised += not (j == 0 and part.start() == 0 and opener)
                    elif part.start() == 0 and part.group(0) not in FUNCTION_WORDS and len(part.group(0)) > 1:
                        lowercase.append((offset + tok.start() + part.start(), part.group(0)))
            if lowercase and capitalised >= len(lowercase):
                spans.extend((start, start + len(w), _capitalise(w), "acronym") for start, w in lowercase)
    return spans


def _spelled_out(line: str, end: int, letters: str) -> list[re.Match]:
    """The words before `end` whose initials spell `letters`, connectors allowed between them;
    nothing if they do not."""
    tokens = list(TOKEN.finditer(line, 0, end))
    name: list[re.Match] = []
    k = len(letters)
    j = len(tokens) - 1
    while j >= 0 and k > 0:
        tok = tokens[j].group(0)
        j -= 1
        if tok.lower() in ACRONYM_SKIPS and name:
            continue
        if not SPELLED_WORD.fullmatch(tok):
            return []
        parts = tok.split("-")
        initials = "".join(p[0] for p in parts).upper()
        if letters[:k].endswith(initials):  # "Anti-Doping" gives A and D
            k -= len(initials)
        elif letters[k - 1] == initials[0]:  # "Co-operation" gives C only
            k -= 1
        else:
            return []
        name.append(tokens[j + 1])
    return name[::-1] if k == 0 else []


def _name_spans(
    text: str, ctx: Context, doc: DocEvidence, changed: set[int] | None
) -> list[tuple[int, int, str, str]]:
    spans: list[tuple[int, int, str, str]] = []
    ordinary = ordinary_word_set(ctx.lexicon)
    named_alone = doc.named_alone_set  # `_named_alone_here`, for every word at once
    gate = ordinary_gate(ctx)
    named, run_pairs = doc.gate_sets if gate is not None else (None, None)
    for offset, line, kind in _lines(text):
        if kind not in ("text", "item", "table"):
            continue
        if changed is not None and not any(offset <= c < offset + len(line) for c in changed):
            continue  # a later pass weighs only the neighbours of words just restored
        # the words past the gates, the ordinary words' gate included (rust/src/candidates.rs, gate.rs)
        found = name_candidates(line, kind == "table", ordinary, named_alone, gate, named, run_pairs)
        if not found:
            continue
        words = line_words(line, True) if kind == "table" else line_words(line)  # one cache key per line
        in_heading: bool | None = None  # asked once per line, when a word first needs it
        for i, name_beside, _, after_hyphen in found:
            w = words[i]
            t = w.text
            stem = t[:-2] if t[-2:] in POSSESSIVE_ENDINGS else t  # without_possessive(t), inlined
            if changed is not None and not any(
                0 <= j < len(words) and offset + words[j].start in changed for j in (i - 1, i + 1)
            ):
                continue
            if after_hyphen and not _certain_name(stem, ctx):
                continue  # after a hyphen only a certain name: "U.S.-russia", never "Authenti-corp"
            after_courtesy_title = (
                w.prev in COURTESY_TITLES
                and i > 0
                and w.prev == words[i - 1].text
                and opens_its_token(line, words[i - 1])  # "Ms Lee", not "the M&Ms balloon"
            )
            nxt = words[i + 1].text if i + 1 < len(words) else None
            if in_heading is None:
                in_heading = is_headline(line)
            site = WordSite(line, words, i, kind, doc, ctx, stem, name_beside, in_heading)
            evidence = casing_evidence(
                stem,
                w.prev,
                nxt,
                doc,
                ctx,
                site,
                possessive=stem != t,
                after_courtesy_title=after_courtesy_title,
            )
            if (
                evidence
                and (ctx.casing != "strict" or evidence in STRICT_EVIDENCE)
                and not _looks_broken(line, w.start)
            ):
                spans.append((offset + w.start, offset + w.end, _capitalise(t), evidence))
    return spans
