"""Sentence starts: the first word of a sentence, paragraph or list item written lowercase."""

from __future__ import annotations

from cleanset.fixers.base import Context, FixResult, replace_spans
from cleanset.fixers.casing.lines import _capitalise, _lines, _looks_broken
from cleanset.tokens import PARTICLES, line_words


def _after_question(line: str, start: int) -> bool:
    return line[:start].rstrip().rstrip("\"'”’)")[-1:] in ("?", "!")


def _is_plain_lower(word: str) -> bool:
    return word.isalpha() and word.islower() if "’" not in word and "'" not in word else word.islower()


def fix_sentence_case(text: str, ctx: Context) -> FixResult:
    """Capitalise the first word of a sentence, paragraph or list item written lowercase.

    >>> fix_sentence_case("in a statement, Peskov said. the talks in the U.S. stall.\\n- establishing trust", Context())[0]
    'In a statement, Peskov said. The talks in the U.S. stall.\\n- Establishing trust'
    >>> fix_sentence_case("iPhone sales rose. de Gaulle spoke. eBay grew.", Context())[0]
    'iPhone sales rose. de Gaulle spoke. eBay grew.'
    """
    spans: list[tuple[int, int, str, str]] = []
    lines = list(_lines(text))
    styled = _lowercase_lists(lines)
    for n, (offset, line, kind) in enumerate(lines):
        if kind not in ("text", "item"):
            continue
        words = line_words(line)
        for i, w in enumerate(words):
            if not w.sentence_start or not _is_plain_lower(w.text):
                continue
            if i == 0 and n in styled:
                continue  # its list opens its items in lowercase: a style, not a slip
            after = line[w.end : w.end + 2]
            if after[:1] == "." and after[1:2].isalpha():  # e.g., i.e.
                continue
            nxt = words[i + 1] if i + 1 < len(words) else None
            if w.text in PARTICLES and nxt and nxt.text[:1].isupper() and not line[w.end : nxt.start].strip():
                continue  # 'de Gaulle'; not 'de — Moscow', where the dash parts the two
            if _after_question(line, w.start):
                continue  # 'Who is Sylvia? by Edward Albee', 'Hey Ya! after': a title's mark, not an end
            if _looks_broken(line, w.start):
                continue
            spans.append((offset + w.start, offset + w.end, _capitalise(w.text), "sentence_start"))
    return replace_spans(text, spans, "sentence_case")


def _lowercase_lists(lines: list[tuple[int, str, str]]) -> set[int]:
    """The lines of lists whose items open in lowercase more often than not (at least twice):
    list items, or the lines straight under a line that closes with a colon. Such a list is
    written that way ("The agenda includes:" then "a ceasefire", "the exchange of prisoners");
    only in a list of Capitalised items is a lowercase one a slip.

    >>> text = "It includes:\\na ceasefire\\nthe exchange of prisoners\\n\\n- one\\n- Two\\n- Three"
    >>> sorted(_lowercase_lists(list(_lines(text))))
    [1, 2]
    """
    groups: list[list[int]] = []
    current: list[int] = []
    for n, (_, _, kind) in enumerate(lines):
        after_colon = n > 0 and (bool(current) or lines[n - 1][1].rstrip().endswith(":"))
        if kind == "item" or (
            kind == "text" and after_colon and not (current and lines[current[-1]][2] == "item")
        ):
            if current and kind != lines[current[-1]][2]:
                groups.append(current)
                current = []
            current.append(n)
        elif kind == "blank" and current and lines[current[-1]][2] == "item":
            continue  # a loose list: items apart by blank lines
        else:
            if current:
                groups.append(current)
            current = []
    if current:
        groups.append(current)
    styled: set[int] = set()
    for group in groups:
        firsts = [line_words(lines[n][1]) for n in group]
        lower = [n for n, words in zip(group, firsts, strict=True) if words and words[0].text.islower()]
        upper = sum(1 for words in firsts if words and words[0].text[:1].isupper())
        if len(lower) >= MIN_LOWERCASE_ITEMS and len(lower) > upper:
            styled.update(lower)
    return styled


MIN_LOWERCASE_ITEMS = 2
