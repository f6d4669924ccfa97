"""Language identification with langdetect, seeded so that a build is deterministic."""

from __future__ import annotations

import re
from functools import lru_cache

SAMPLE_CHARS = 1000
LETTERS = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    init_factory()
    DetectorFactory.seed = 0
    from langdetect import detector_factory

    return detector_factory._factory


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell.

    >>> detect_language("The talks between the two governments ended without an agreement on Monday.")
    'en'
    """
    sample = text[:SAMPLE_CHARS]
    if len(LETTERS.findall(sample)) < 20:
        return None
    factory = _factory()
    detector = factory.create()
    detector.set_max_text_length(SAMPLE_CHARS)
    detector.append(sample)
    try:
        return detector.detect()
    except Exception:  # langdetect raises when it finds no features
        return None
