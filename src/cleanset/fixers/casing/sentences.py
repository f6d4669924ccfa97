"""Sentence starts: the first word of a sentence, paragraph or list item written lowercase."""

from __future__ import annotations

from cleanset.fixers.base import Context, FixResult, replace_spans
from cleanset.fixers.casing.reading import casing_reading
from cleanset.fixers.casing.starts import sentence_slips


def fix_sentence_case(text: str, ctx: Context) -> FixResult:
    """Capitalise the first word of a sentence, paragraph or list item written lowercase, in an
    article the casing reading finds damaged (see `reading`).

    >>> fix_sentence_case("in a statement, Peskov said. the talks in the U.S. stall.\\n- establishing trust", Context())[0]
    'In a statement, Peskov said. The talks in the U.S. stall.\\n- Establishing trust'
    >>> fix_sentence_case("iPhone sales rose. de Gaulle spoke. eBay grew.", Context())[0]
    'iPhone sales rose. de Gaulle spoke. eBay grew.'
    """
    if not casing_reading(text, ctx).damaged:
        return text, []
    return replace_spans(text, sentence_slips(text), "sentence_case")
