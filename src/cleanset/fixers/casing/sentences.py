"""Sentence starts: the first word of a sentence, paragraph or list item written lowercase."""

from __future__ import annotations

from cleanset.fixers.base import Context, FixResult, replace_spans
from cleanset.fixers.casing.reading import casing_reading, without_styled_names
from cleanset.fixers.casing.starts import opens_a_quotation, sentence_slips


def fix_sentence_case(text: str, ctx: Context) -> FixResult:
    """Capitalise the first word of a sentence, paragraph or list item written lowercase, in an
    article the casing reading finds damaged (see `reading`). A quotation opened in lowercase is
    raised only beside other lowercase starts: alone it may be the writer's ("and its appeal").

    >>> fix_sentence_case("in a statement, Peskov said. the talks in the U.S. stall.\\n- establishing trust", Context())[0]
    'In a statement, Peskov said. The talks in the U.S. stall.\\n- Establishing trust'
    >>> fix_sentence_case("iPhone sales rose. de Gaulle spoke. eBay grew.", Context())[0]
    'iPhone sales rose. de Gaulle spoke. eBay grew.'
    """
    if not casing_reading(text, ctx).damaged:
        return text, []
    spans = without_styled_names(text, sentence_slips(text), ctx)
    if all(opens_a_quotation(text, start) for start, *_ in spans):
        return text, []  # quotations opened in lowercase, and no other start: the article's style
    return replace_spans(text, spans, "sentence_case")
