"""Bylines as data: the line under a headline that names the authors and the date.

A line is a byline only when it clearly is one: "By" and one or more names, then, after a
separator (`|`, `·`, `•`, a dash, a comma), only dates, times, an outlet or a role ("By Jane Doe |
March 3, 2024", "By Anna Keller, Reuters | Updated 2 hours ago"); or a line that is nothing but a
date or time ("Published 3 March 2024, 10:45 GMT"). An ordinary sentence that opens with "By"
("By Tuesday the talks had stalled.") names no one and is left in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cleanset.tokens import PARTICLES

MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
DATE_FORMS = [
    re.compile(rf"^(?:{WEEKDAYS}\s+)?{MONTH}\s+{DAY},?\s+{YEAR}", re.I),
    re.compile(rf"^(?:{WEEKDAYS}\s+)?{DAY}\s+{MONTH},?\s+{YEAR}", re.I),
    re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
]
TIME = re.compile(
    r"^(?:at\s+)?[0-2]?\d[:.][0-5]\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}(?:[+-]\d{1,2})?)?$|^[0-2]?\d\s*[ap]\.?m\.?$",
    re.I,
)
RELATIVE = re.compile(
    r"^(?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month)s?\s+ago$|^(?:yesterday|today|just now)$",
    re.I,
)
DATE_PREFIX = re.compile(
    r"^(?:(?:first\s+)?published|updated|last\s+updated|posted|modified|date)(?:\s+on)?\s*:?\s*", re.I
)
BY = re.compile(r"^(?:written\s+|words\s+|reporting\s+|story\s+)?by\s*:?\s+(?P<names>.+)$", re.I)
SEPARATORS = re.compile(r"\s+[|·•—–-]\s+|\s*\|\s*|\s+[·•]\s+")
NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
NAME_WORD = re.compile(r"^(?:[A-Z][a-z]*[A-Za-z'’.-]*|[A-Z]\.(?:[A-Z]\.)*|[A-Z]{2,}[A-Za-z'’.-]*)$")
ROLE_WORDS = frozenset(
    {
        "correspondent",
        "reporter",
        "editor",
        "writer",
        "staff",
        "contributor",
        "columnist",
        "producer",
        "analyst",
        "chief",
        "senior",
        "political",
        "news",
        "press",
        "agency",
        "wire",
        "desk",
        "service",
        "in",
        "for",
        "the",
        "of",
    }
)
NOT_NAMES = frozenset(m.capitalize() for m in MONTHS) | {
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "This",
    "That",
    "Then",
    "Now",
    "Last",
    "Next",
    "Early",
    "Late",
    "Mid",
    "Noon",
    "Midnight",
    "Christmas",
    "Easter",
}
MAX_BYLINE_WORDS = 24
BYLINE_ZONE = 4  # a byline is among the first lines of an article


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date


def parse_date(text: str) -> str | None:
    """An ISO date from a written date at the start of `text`.

    >>> parse_date("March 3, 2024"), parse_date("Tue 3rd Sept 2024 10:45"), parse_date("2024-03-03T10:00")
    ('2024-03-03', '2024-09-03', '2024-03-03')
    >>> parse_date("3 hours ago"), parse_date("February 30, 2024")
    (None, None)
    """
    import datetime as dt

    for form in DATE_FORMS:
        m = form.match(text.strip())
        if not m:
            continue
        month = m.group("month")
        month_n = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
        try:
            return dt.date(int(m.group("year")), month_n, int(m.group("day"))).isoformat()
        except ValueError:
            return None
    return None


def _is_when(part: str) -> tuple[bool, str | None]:
    """Whether a byline part is a date, a time or both, and the ISO date it gives."""
    rest = DATE_PREFIX.sub("", part.strip(" .")).strip()
    if not rest:
        return False, None
    if RELATIVE.match(rest) or TIME.match(rest):
        return True, None
    for form in DATE_FORMS:
        m = form.match(rest)
        if m:
            tail = rest[m.end() :].strip(" ,")
            if not tail or TIME.match(tail) or tail.lower().startswith(("at ", "updated")):
                return True, parse_date(rest)
    return False, None


def _is_name(chunk: str) -> bool:
    words = chunk.split()
    if not 1 <= len(words) <= 5 or words[0] in NOT_NAMES:
        return False
    capitals = [w for w in words if w.lower() not in PARTICLES]
    if not capitals or not all(NAME_WORD.match(w) for w in capitals):
        return False
    if len(words) == 1:
        return words[0].isupper() and len(words[0]) >= 2  # an agency: AP, AFP
    return not words[-1].endswith(("'s", "’s"))


def _is_affiliation(chunk: str) -> bool:
    """An outlet or a role after the names: 'Reuters', 'BBC News', 'Staff Writer'."""
    words = chunk.split()
    if not 1 <= len(words) <= 5 or not words[0][:1].isupper():
        return False
    return len(words) == 1 or any(w.lower() in ROLE_WORDS or w.isupper() for w in words)


def read_byline(line: str) -> Byline | None:
    """The authors and date a byline line gives; None for a line that is not clearly one.

    >>> read_byline("By Jane Doe | March 3, 2024")
    Byline(authors=['Jane Doe'], published='2024-03-03')
    >>> read_byline("*By Anna Keller, Reuters* | Updated 2 hours ago")
    Byline(authors=['Anna Keller'], published=None)
    >>> read_byline("By Tuesday the talks had stalled."), read_byline("By the time they met, it was late.")
    (None, None)
    """
    text = " ".join(line.replace("*", " ").replace("_", " ").split())
    if not text or len(text.split()) > MAX_BYLINE_WORDS:
        return None
    parts = [p for p in SEPARATORS.split(text) if p.strip()]
    found = Byline()
    named = False
    for n, part in enumerate(parts):
        by = BY.match(part) if n == 0 else None
        if by:
            chunks = [c for c in NAME_SPLIT.split(by.group("names").strip(" .")) if c]
            if not chunks or not _is_name(chunks[0]):
                return None
            for chunk in chunks:
                when, date = _is_when(chunk)
                if when:
                    found.published = found.published or date
                elif found.authors and _is_affiliation(chunk):
                    continue  # 'Reuters', 'BBC News', 'Staff Writer' after the names
                elif _is_name(chunk):
                    found.authors.append(chunk)
                else:
                    return None
            named = True
            continue
        when, date = _is_when(part)
        if when:
            found.published = found.published or date
        elif not (named and _is_affiliation(part.strip(" ."))):
            return None
    if not named and found.published is None and not any(_is_when(p)[0] for p in parts):
        return None
    return found


def take_byline(lines: list[str], first: int = 0) -> tuple[list[str], Byline | None]:
    """The lines without the byline among the first few from `first`, and the byline."""
    seen = 0
    for i in range(first, len(lines)):
        if not lines[i].strip():
            continue
        byline = read_byline(lines[i])
        if byline is not None:
            return lines[:i] + lines[i + 1 :], byline
        seen += 1
        if seen >= BYLINE_ZONE:
            break
    return lines, None
