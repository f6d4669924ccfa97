"""Sentence starts written lowercase: where the first word of a sentence, paragraph or list item is
a slip, and where a lowercase start is the writer's (a list, a credit, a quoted title, a wrapped
line). The sentence-case fixer repairs them; the casing reading counts them."""

from __future__ import annotations

from cleanset._scan import opening_word, sentence_starts
from cleanset.fixers.casing.lines import _capitalise, _lines, _looks_broken
from cleanset.tokens import ABBREVIATIONS, FUNCTION_WORDS, PARTICLES


def _after_question(line: str, start: int) -> bool:
    return line[:start].rstrip().rstrip("\"'”’)")[-1:] in ("?", "!")


def sentence_slips(text: str, strong_only: bool = False) -> list[tuple[int, int, str, str]]:
    """The sentence starts written lowercase that the fixer would Capitalise, as spans.

    Not a slip: a list written in lowercase, "iPhone", "de Gaulle", "my6sense", "@name", "#tag";
    the word after "e.g.", a unit ("1 tbsp. olive oil"), an ellipsis, a dash, a title's ? or !,
    or a quoted title inside a sentence (the "Meth. We're On It." campaign); a line that goes on
    from one cut inside a sentence (a wrapped line, "with an" and a blank line); and the lines whose every
    sentence opens in lowercase (a quoted slogan, "on. meth. dot. com.") in an article that
    opens its other sentences with capitals. With `strong_only`, a quotation opened in lowercase
    is left out too: a slip in a damaged article, but no sign of damage by itself.

    >>> text = "It rose 2 pct. in May. the talks ended… then went on with an\\nend."
    >>> [text[a:b] for a, b, *_ in sentence_slips(text)]
    ['the']
    >>> sentence_slips("A “Meth. We’re On It.” campaign ran. See @noksutagram and #blessed.")
    []
    """
    lines = list(_lines(text))
    styled = _lowercase_lists(lines)
    blocks: list[tuple[list[tuple[int, int, str, str]], list[int]]] = [([], [0])]  # (slips, capitals)
    for n, (offset, line, kind) in enumerate(lines):
        if kind == "blank":
            if blocks[-1][0] or blocks[-1][1][0]:
                blocks.append(([], [0]))
            continue
        if kind not in ("text", "item"):
            continue
        found, capitals = blocks[-1]
        capital_starts, lowercase_starts = sentence_starts(line)  # only these need a look
        capitals[0] += capital_starts
        for i, w, nxt in lowercase_starts:
            if i == 0 and (n in styled or _goes_on_from(lines, n)):
                continue  # a list opened in lowercase, or a line that continues the one above
            if not _opens_a_sentence(line, w, nxt):
                continue
            if strong_only and opens_a_quotation(line, w.start):
                continue  # a quotation may open in lowercase ("and its main appeal"): weak evidence
            found.append((offset + w.start, offset + w.end, _capitalise(w.text), "sentence_start"))
    capital_starts = sum(capitals[0] for _, capitals in blocks)
    spans: list[tuple[int, int, str, str]] = []
    for found, capitals in blocks:
        if len(found) >= STYLED_BLOCK_MIN_STARTS and capitals[0] == 0 and capital_starts >= len(found):
            continue  # every sentence of this block opens in lowercase, unlike the article's others
        spans.extend(found)
    return spans


# A block (lines with no blank line between) that opens this many sentences, all in lowercase, in
# an article that opens at least as many with capitals, is written so ("on. meth. dot. com."): a
# slip is too rare to come twice in one block with no capital between
STYLED_BLOCK_MIN_STARTS = 2


def _opens_a_sentence(line: str, w, nxt) -> bool:
    """Whether a lowercase word the tokeniser sees opening a sentence is one a writer would
    Capitalise there."""
    before, after = line[w.start - 1 : w.start], line[w.end : w.end + 2]
    if before in ("@", "#"):
        return False  # a handle or a hashtag keeps its own spelling
    if after[:1].isalnum() or after[:1] in ("_",):
        return False  # part of a token such as "my6sense"
    if after[:1] == "." and (after[1:2].isalpha() or w.text in ABBREVIATIONS):
        return False  # e.g., i.e.; an abbreviation keeps its case ("min. 25 snaps", "vs. Leeds")
    if w.text in PARTICLES and nxt and nxt.text[:1].isupper() and not line[w.end : nxt.start].strip():
        return False  # 'de Gaulle'; not 'de — Moscow', where the dash parts the two
    if line[: w.start].rstrip().endswith(".)"):
        return False  # "(D., Conn.) and": the bracket's full stop is its own
    if w.text in CREDIT_MARKERS and nxt is not None and nxt.text[:1].isupper():
        return False  # a credit: "via GIPHY", "via Reuters"
    if _after_question(line, w.start):
        return False  # 'Who is Sylvia? by Edward Albee', 'Hey Ya! after': a title's mark, not an end
    if _after_quoted_title(line, w.start):
        return False
    return not _looks_broken(line, w.start)


CREDIT_MARKERS = frozenset({"via"})
OPENING_QUOTES = ('"', "“", "‘", "'", "«")
def opens_a_quotation(text: str, start: int) -> bool:
    """The word at `start` opens a quotation ("and its main appeal", quoted in lowercase): weak
    evidence of a slip, since a quotation may open mid-sentence of what was said."""
    return text[start - 1 : start] in OPENING_QUOTES


QUOTE_PAIRS = {"”": "“", '"': '"', "’": "‘", "»": "«"}
QUOTED_TITLE_MAX_WORDS = 8


def _after_quoted_title(line: str, start: int) -> bool:
    """The word at `start` follows a short quotation that opened inside a sentence ("the “Meth.
    We’re on it.” campaign"): the quotation's full stops are its own, the sentence goes on.

    >>> line = 'While the “Meth. We’re on it.” campaign ran'
    >>> _after_quoted_title(line, line.index("campaign")), _after_quoted_title("He said. “Go.” then", 18)
    (True, False)
    """
    head = line[:start].rstrip()
    if not head or head[-1] not in QUOTE_PAIRS:
        return False
    opening = head.rfind(QUOTE_PAIRS[head[-1]], 0, len(head) - 1)
    if opening <= 0:
        return False
    quoted = head[opening + 1 : -1]
    before = line[:opening].rstrip()
    # opened right after a word, with no comma or colon: a title or a name, not a quoted sentence
    return 0 < len(quoted.split()) <= QUOTED_TITLE_MAX_WORDS and before[-1:].isalpha()


def _goes_on_from(lines: list[tuple[int, str, str]], n: int) -> bool:
    """Line n goes on from the one above, which stops where no sentence can end: on a comma or a
    word such as "to" or "an", right above it (a wrapped line) or before a blank line (a paragraph
    cut inside a sentence); or on a colon before a blank line ("This could occur:" then cases).
    Casing plays no part here, so that what the casing fixers change cannot change it.

    >>> [_goes_on_from(list(_lines(t)), 1) for t in ["decide it well when it comes to\\nbuilding", "In Summary\\nas", "a b c d e f,\\ng"]]
    [True, False, True]
    """
    if n == 0:
        return False
    above = lines[n - 1]
    if above[2] == "text":
        return _stops_mid_sentence(above[1])
    if above[2] == "blank" and n >= 2 and lines[n - 2][2] in ("text", "item"):
        block = lines[n - 2][1].rstrip()
        return block.endswith(":") or _stops_mid_sentence(block) or _paragraph_cut_off(block)
    return False


# A paragraph this long is no headline, whatever its casing
CUT_PARAGRAPH_MIN_WORDS = 20


def _paragraph_cut_off(block: str) -> bool:
    """A paragraph of CUT_PARAGRAPH_MIN_WORDS words or more that stops on a word, with no mark at
    all: a sentence cut by a paragraph break ("tortured before an English crowd" then "that’s
    hissing"), not a headline.

    >>> _paragraph_cut_off("He was hanged, drawn and quartered, and variously tortured before a crowd of "
    ...                    "more than a thousand people in the city square")
    True
    >>> _paragraph_cut_off("Artist Hopes His Latest Work Lays An Egg"), _paragraph_cut_off("A" + " b" * 25 + ".")
    (False, False)
    """
    words = block.split()
    return len(words) >= CUT_PARAGRAPH_MIN_WORDS and words[-1][-1:].isalpha()


def _stops_mid_sentence(line: str) -> bool:
    """A line of a sentence's length that stops on a comma or a function word. A short one may
    be chrome ("Share the"), which residue removes after the casing fixers: what it decided
    must not change with that."""
    words = line.split()
    if len(words) < CUT_LINE_MIN_WORDS:
        return False
    return words[-1].endswith(",") or words[-1].lower() in FUNCTION_WORDS


CUT_LINE_MIN_WORDS = 6


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
    groups.extend(_bare_lists(lines))
    styled: set[int] = set()
    for group in groups:
        # only items that open with a sentence's first word count: no other fixer changes those
        opens = [opening_word(lines[n][1]) for n in group]
        lower = [n for n, w in zip(group, opens, strict=True) if w is not None and w.text.islower()]
        upper = sum(1 for w in opens if w is not None and w.text[:1].isupper())
        if len(lower) >= MIN_LOWERCASE_ITEMS and len(lower) > upper:
            styled.update(lower)
    return styled


MIN_LOWERCASE_ITEMS = 2
# Lines of a list written without markers: this many or more in a row, each this short, none
# closing with a mark
BARE_LIST_MIN_LINES = 3
BARE_ITEM_MAX_WORDS = 6


def _bare_lists(lines: list[tuple[int, str, str]]) -> list[list[int]]:
    """Runs of short lines with no closing mark and no blank line between them: a list written
    without markers ("Arrowhead bottled water", "baby carrier", "healthy snack bars", "camera").

    >>> [len(g) for g in _bare_lists(list(_lines("Pack this.\\n\\nwater\\nbaby carrier\\nsnack bars\\n\\nThen go.")))]
    [3]
    """
    groups: list[list[int]] = []
    run: list[int] = []
    for n, (_, line, kind) in enumerate(lines + [(0, "", "blank")]):
        # a paragraph's words are not all counted: splitting stops past the most an item has
        if (
            kind == "text"
            and line.rstrip()[-1:].isalnum()
            and 0 < len(line.split(None, BARE_ITEM_MAX_WORDS)) <= BARE_ITEM_MAX_WORDS
        ):
            run.append(n)
            continue
        if len(run) >= BARE_LIST_MIN_LINES:
            groups.append(run)
        run = []
    return groups
