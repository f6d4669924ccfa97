"""Encoding repair: mojibake, control and invisible characters, no-break spaces, NFC.
Typography (curly quotes, dashes) is kept."""

from __future__ import annotations

import difflib
import re
import unicodedata

import ftfy

from cleanset.document import Edit
from cleanset.fixers.base import Context, FixResult

# Curly quotes and dashes are the publisher's typography, not damage: never fold them to ASCII;
# nor full-width punctuation and digits, which are correct in Chinese and Japanese writing
# ("，", "（）", "６月"). Line breaks belong to the whitespace fixer, so line offsets stay stable.
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_line_breaks=False, fix_character_width=False, normalization="NFC"
)


def _risky_characters(config: ftfy.TextFixerConfig) -> re.Pattern[str]:
    """The characters some step of `ftfy.fix_text` (6.3) acts on other than mojibake, read from
    ftfy's own tables: a line without them, not `is_bad` and in NFC, comes back unchanged."""
    from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP

    codes = set(CONTROL_CHARS) | set(LIGATURES) | set(range(0x80, 0xA0))  # C1
    if config.fix_character_width:
        codes |= set(WIDTH_MAP)
    codes |= set(range(0xD800, 0xE000)) | {ord("&")}  # surrogates; the start of an HTML entity
    if config.uncurl_quotes:
        codes |= {ord(c) for c in "‘’‚‛“”„‟′″"}
    if config.fix_line_breaks:
        codes |= {0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029}
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(codes)) + "]")


RISKY = _risky_characters(FTFY_CONFIG)


def regex_parser():
    """Python's own regex parser and its constants: `re._parser` from 3.11, `sre_parse` before."""
    try:
        import re._constants as constants
        import re._parser as parser
    except ImportError:  # Python 3.10
        import sre_constants as constants
        import sre_parse as parser
    return constants, parser


def _badness_requirements() -> tuple[frozenset[str], list[list[frozenset[str]]]] | None:
    """What `ftfy.badness.is_bad` needs before it can say yes, read from its pattern: for each of
    the pattern's alternatives, the sets of non-ASCII characters it must match one of each (a set
    with an ASCII character, a negated set, a repeat that may match nothing: no requirement).
    With the union of those characters. None when the pattern is not a plain alternation."""
    from ftfy.badness import BADNESS_RE

    sre, sre_parse = regex_parser()

    if BADNESS_RE.flags & re.IGNORECASE:
        return None
    tree = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    if len(tree.data) != 1 or tree.data[0][0] is not sre.BRANCH:
        return None
    alternatives: list[list[frozenset[str]]] = []
    for branch in tree.data[0][1][1]:
        required: list[frozenset[str]] = []
        for op, arg in branch.data:
            chars: set[int] | None = None
            if op is sre.LITERAL:
                chars = {arg}
            elif op is sre.IN and all(item_op in (sre.LITERAL, sre.RANGE) for item_op, _ in arg):
                chars = set()
                for item_op, item in arg:
                    chars.update([item] if item_op is sre.LITERAL else range(item[0], item[1] + 1))
            if chars and min(chars) > 0x7F:
                required.append(frozenset(map(chr, chars)))
        if not required:
            return None  # an alternative ASCII text could match: the gate would be unsound
        alternatives.append(required)
    return frozenset().union(*(c for alt in alternatives for c in alt)), alternatives


BADNESS_REQUIREMENTS = _badness_requirements()


def may_be_bad(segment: str) -> bool:
    """False only where `is_bad(segment)` is False: some non-ASCII character each alternative of
    its pattern needs is missing. Lines whose only non-ASCII characters are typography (curly
    quotes, dashes), or a currency sign alone, miss one for every alternative; a closing quote
    with a pound sign in the same line, or accented letters beside such marks, may not. The test
    costs a small fraction of the pattern's.

    >>> [may_be_bad(s) for s in ["He said “no” — it’s fine…", "up £5m", "Russiaâ€™s", "Zürich’s “Ørsted” sold £5m"]]
    [False, False, True, True]
    """
    if BADNESS_REQUIREMENTS is None:
        return True
    union, alternatives = BADNESS_REQUIREMENTS
    present = union.intersection(segment)
    return bool(present) and any(all(not c.isdisjoint(present) for c in alt) for alt in alternatives)


def fix_text_gated(text: str, config: ftfy.TextFixerConfig = FTFY_CONFIG) -> str:
    """`ftfy.fix_text(text, config)`, without running ftfy on the lines it would leave as they
    are: no character any of its steps acts on, nothing ftfy's own `is_bad` takes for mojibake,
    already NFC. Lines are the segments `fix_text` fixes one by one, and a "<" turns HTML
    unescaping off for the rest of the text as it does there. A test holds this to `fix_text`.

    >>> fix_text_gated("Russiaâ€™s stance\\nAll good here.")
    'Russia’s stance\\nAll good here.'
    """
    from ftfy.badness import is_bad

    if config is not FTFY_CONFIG:
        return ftfy.fix_text(text, config=config)
    if text.isascii() and not RISKY.search(text):
        return text
    out: list[str] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        if end - pos > config.max_decode_length:
            return ftfy.fix_text(text, config=config)  # ftfy cuts such lines: leave it to ftfy
        segment = text[pos:end]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)
        if RISKY.search(segment) or not (
            segment.isascii()
            or (not (may_be_bad(segment) and is_bad(segment)) and unicodedata.is_normalized("NFC", segment))
        ):
            segment = ftfy.fix_and_explain(segment, config)[0]
        out.append(segment)
        pos = end
    return "".join(out)


# Zero-width and BOM characters anywhere in the text carry no meaning in an article; U+200D is
# kept because emoji sequences need it.
MAX_ROUNDS = 3
INVISIBLE = re.compile("[\u200b\u200c\u2060\ufeff\u00ad\u180e]+")


def fix_encoding(text: str, ctx: Context) -> FixResult:
    """Undo mojibake and strip invisible characters, recording each changed span.

    >>> fix_encoding("Russiaâ€™s stance", Context())[0]
    'Russia’s stance'
    """
    fixed = text
    for _ in range(MAX_ROUNDS):  # stripping an invisible character can expose more mojibake
        before = fixed
        # A no-break space is spacing, never content; as a plain space it also lets ftfy see the
        # "Â " that a mis-decoded no-break space leaves behind.
        fixed = fix_text_gated(fixed.replace("\u00a0", " "))
        fixed = unicodedata.normalize("NFC", INVISIBLE.sub("", fixed))
        if fixed == before:
            break
    if fixed == text:
        return text, []
    return fixed, _diff_edits(text, fixed, "encoding")


def _diff_edits(before: str, after: str, kind: str) -> list[Edit]:
    """Minimal edits turning `before` into `after`, compared line by line where lines align."""
    a_lines = before.split("\n")
    b_lines = after.split("\n")
    if len(a_lines) != len(b_lines):
        return _char_edits(before, after, 0, kind)
    edits: list[Edit] = []
    offset = 0
    for a, b in zip(a_lines, b_lines, strict=True):
        if a != b:
            edits.extend(_char_edits(a, b, offset, kind))
        offset += len(a) + 1
    return edits


def _char_edits(a: str, b: str, base: int, kind: str) -> list[Edit]:
    """Edits from the common prefix and suffix inward: a repair touches a few characters of a long
    line, and `SequenceMatcher` costs time with the square of what it is given.

    >>> [(e.before, e.after, e.offset) for e in _char_edits("Café &#233;tude", "Café étude", 0, "encoding")]
    [('&#233;', 'é', 5)]
    """
    lo = 0
    limit = min(len(a), len(b))
    while lo < limit and a[lo] == b[lo]:
        lo += 1
    hi = 0
    while hi < limit - lo and a[-1 - hi] == b[-1 - hi]:
        hi += 1
    a_mid, b_mid = a[lo : len(a) - hi], b[lo : len(b) - hi]
    sm = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
    return [
        Edit(kind, a_mid[i1:i2], b_mid[j1:j2], base + lo + i1)
        for tag, i1, i2, j1, j2 in sm.get_opcodes()
        if tag != "equal"
    ]
