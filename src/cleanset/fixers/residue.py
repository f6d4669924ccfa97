"""Site residue: publisher suffixes on headlines and chrome lines at an article's edges.

Detected by shape first (a separator and a short name closing a headline; a short line with no
sentence in it at an edge, worded as a call to action, or sharing no word with the story), and by
repetition across the build (the same suffix or edge line in several articles). Only where
shape cannot tell, at the edges alone, a short list of the phrases paywalls, subscription boxes
and comment policies use in several languages is consulted (`FURNITURE_PHRASES`).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter

from cleanset.document import Edit
from cleanset.fixers.base import Context, FixResult, replace_spans
from cleanset.headline_suffix import MAX_EDGE_WORDS, STRONG_SEPARATORS, suffix_candidate
from cleanset.tokens import FUNCTION_WORDS, ends_with_sentence_mark, line_kind

PUBLISHER_WORDS = re.compile(
    r"\b(?:News|Times|Post|Journal|Herald|Tribune|Guardian|Daily|Telegraph|Online|Today|Press|"
    r"Media|TV|Radio|Network|Review|Magazine|Gazette|Observer|Star|Mail|Express|Independent|Wire|"
    r"Report|Chronicle|Insider|Week|Weekly|Digest|Bulletin|Monitor|Standard|Sun|Mirror|Agency)\b"
    r"|\.(?:com|org|net|co\.uk|news)\b"
)
# Chrome is worded as an instruction to the reader ("Scroll to Top", "Subscribe to our newsletter")
# or as a page-furniture label ("Advertisement", "Related stories"). A verb alone is not enough:
# "Share prices fall" is a headline, so the verb must be followed by the words chrome uses.
IMPERATIVE_VERBS = (
    r"scroll|share|subscribe|sign|log|click|tap|follow|read|continue|download|watch|listen|join|"
    r"skip|back|print|e-?mail|leave|like|get|see|view|show|load|jump|go|copy"
)
CALL_TO_ACTION = re.compile(
    rf"^(?:{IMPERATIVE_VERBS})\b"
    r"(?:\s+(?:the|a|an|your)\b)?"  # "Get the app", "Read the full story"
    r"(?:\s+(?:this|to|on|us|up|in|more|here|our|now|with|via|for|all|it|full|comments?|"
    r"reading|top|app|article|story|video|newsletter|updates?|page|link)\b.*)?\W*$"
    r"|^(?:advertisement|advert|ad|sponsored(?: content)?|related(?: \w+)?|comments?(?: \(\d+\))?|"
    r"newsletter|trending(?: now)?|recommended(?: for you)?|most (?:read|popular|viewed)|top stories|"
    r"more (?:stories|news|on this story|from (?-i:[A-Z])\S*(?:\s+(?-i:[A-Z])\S*)*)|you may also like|"
    r"image (?:caption|source|copyright)\b.*|"
    r"(?:story|article) continues (?:below|after)\b.*|"
    # when the page was posted: "Updated 3 hours ago", "Published 12 March 2024, 14:05"
    r"(?:last |first )?(?:updated|published|posted)\b[^.]*?(?:\bago|\b\d{4}|\d{1,2}[:.]\d{2}(?:\s*[ap]m)?)|"
    # the credit line of a wire story: "Additional reporting by ...", "Editing by ..."
    r"(?:(?:additional )?reporting|editing) by (?-i:[A-Z]).*|"
    r"(?:©|copyright\s+(?:©|\(c\)|\d{4})).*|all rights reserved\W*|cookie (?:policy|settings)|privacy policy)\W*$"
    # a label and its value: the page's tags, or the credit of a picture that is not in the text
    r"|^(?:tags|topics|filed under|categories|keywords|(?:photo|image|picture)(?: credit)?s?)\s*:.*$",
    re.IGNORECASE,
)
# The line that names where the story's facts come from ("Source: Al Jazeera and news agencies")
# is the article's attribution, however many of the site's articles close with it.
SOURCE_CREDIT = re.compile(r"^sources?\s*:\W*\w", re.IGNORECASE)
QUESTION_OR_EXCLAMATION = re.compile(r"[?!]\s+")
# An instruction to the reader: a verb of the page, or "don't" ("Join the conversation", "Don't miss ...")
IMPERATIVE = re.compile(
    rf"^(?:{IMPERATIVE_VERBS}|add|save|post|send|rate|vote|open|accept|don['’]t|never)\b", re.I
)
MAX_CHROME_WORDS = 8
MIN_REPEATS = 3
REPEAT_SHARE = 0.002  # in a large build a line must recur in this share of its articles
MIN_SUFFIX_REPEATS = 2


def split_title_suffix(line: str, repeats: int = 0) -> tuple[str, str] | None:
    """Split a headline into (headline, publisher) when it ends with a site's name.

    A pipe, dash or bullet separator is enough; a hyphen needs a publisher-like name ("News",
    "Times", a domain) or the same suffix on other headlines of the build (`repeats`).

    >>> split_title_suffix("Vance names two issues preventing Russia-Ukraine peace deal  — RT World News")
    ('Vance names two issues preventing Russia-Ukraine peace deal', 'RT World News')
    >>> split_title_suffix("Brexit - what happens next") is None
    True
    """
    found = suffix_candidate(line)
    if not found:
        return None
    head, sep, name = found
    if sep not in STRONG_SEPARATORS and not PUBLISHER_WORDS.search(name) and repeats < MIN_SUFFIX_REPEATS:
        return None
    return head, name


def _title_suffix_spans(lines: list[tuple[int, str]], ctx: Context) -> list[tuple[int, int, str]]:
    """Site suffixes on the lines that may be the headline: the first three of a text (a lede or
    a kicker may stand above the headline), the first alone where the input named its headline
    (a page's title): a body line's dash is the body's ("1a etapa: 10 de março – Interlagos")."""
    spans = []
    for start, line in lines[: 1 if ctx.title_given else 3]:
        found = suffix_candidate(line)
        if not found:
            continue
        repeats = ctx.corpus.suffix_spread(found[2]) if ctx.corpus else 0
        split = split_title_suffix(line, repeats)
        if split:
            spans.append((start + len(split[0]), start + len(line), ""))
    return spans


# Page furniture in any language, by shape: a label and a link ("Facebook https://fb.me/x",
# "PayPal click here https://..."), a newsletter's name ("Pick Six Newsletter").
URL_TOKEN = re.compile(r"^(?:https?://|www\.)\S+$|^\S+\.(?:com|org|net|me|ly|io|be|gl)/\S*$", re.IGNORECASE)
MAX_LINK_LABEL_WORDS = 4
NEWSLETTER_LABEL = re.compile(r"^(?:[\w'’&-]+\s+){0,4}newsletters?\W*$", re.IGNORECASE)
# Where shape cannot tell, the words paywalls, subscription boxes and comment policies use, in
# the languages of the shared page sets and others (a fallback, at the article's edges only)
FURNITURE_PHRASES = (
    # subscribe / members only / continue reading
    "subscribe to continue", "subscribe to read", "subscribers only", "continue reading",
    "suscríbete", "suscribete", "seguir leyendo", "exclusivo para suscriptores",
    "abonnieren", "weiterlesen", "nur für abonnenten", "lire la suite", "réservé aux abonnés",
    "abonnez-vous", "continua a leggere", "riservato agli abbonati", "abbonati", "assine",
    "continuar lendo", "exclusivo para assinantes", "подпишитесь", "читать далее",
    "会員限定", "続きをお読み", "登録すると", "订阅", "訂閱", "阅读全文", "閱讀全文", "会员专享",
    "구독", "계속 읽", "اشترك", "للمشتركين",
    # comment policies
    "the views expressed below", "views expressed in the comments", "comments are moderated",
    "los comentarios son responsabilidad", "die kommentare geben", "les commentaires sont modérés",
    "الآراء الواردة في التعليقات",
)
MAX_FURNITURE_CHARS = 300  # a notice is short; a paragraph that mentions a subscription is not one


def is_furniture(line: str, at_end: bool = True) -> bool:
    """An edge line that is page furniture in any language: a label with a link, a newsletter's
    name, or (closing the article, where a headline cannot stand) a short notice worded as a
    paywall, a subscription box or a comment policy.

    >>> [is_furniture(x) for x in ["Facebook https://fb.me/ledger", "Pick Six Newsletter",
    ...  "この記事は会員限定です。電子版に登録すると続きをお読みいただけます。", "Suscríbete para seguir leyendo",
    ...  "The council said it would subscribe to the plan."]]
    [True, True, True, True, False]
    """
    stripped = line.strip()
    words = stripped.split()
    if not words:
        return False
    links = [w for w in words if URL_TOKEN.match(w.strip("()<>[]"))]
    if links and len(words) - len(links) <= MAX_LINK_LABEL_WORDS and not ends_with_sentence_mark(stripped):
        return True  # a label and its link; "Read it at www.example.com." is a sentence
    if NEWSLETTER_LABEL.match(stripped):
        return True
    if not at_end or len(stripped) > MAX_FURNITURE_CHARS:
        return False
    folded = stripped.casefold()
    return any(phrase in folded for phrase in FURNITURE_PHRASES)


def is_chrome_line(line: str, ctx: Context, at_end: bool = True) -> bool:
    """A short edge line that recurs across the build, or that has no sentence in it and is worded
    as a call to action or page furniture, or that is furniture in any language (`is_furniture`)."""
    words = line.split()
    if not words or line_kind(line) != "text" or SOURCE_CREDIT.match(line.strip()):
        return False
    if is_furniture(line, at_end):
        return True
    corpus = ctx.corpus
    if (
        corpus
        and len(words) <= MAX_EDGE_WORDS
        and corpus.edge_line_spread(line) >= max(MIN_REPEATS, corpus.docs * REPEAT_SHARE)
    ):
        return True  # the same line at the edge of several articles is the site's, not the story's
    if len(words) > MAX_CHROME_WORDS:
        return False
    if ends_with_sentence_mark(line) and not line.rstrip().endswith("..."):
        return False
    # the whole line, or what follows a question or exclamation in it ("Want more? Sign up today")
    return any(
        CALL_TO_ACTION.match(part.strip()) for part in [line, *QUESTION_OR_EXCLAMATION.split(line)[1:]]
    )


def fix_residue(text: str, ctx: Context) -> FixResult:
    """Remove publisher suffixes from headlines and chrome lines from the article's edges.

    A removal can expose more residue (a chrome line above a headline with a suffix): the text
    is read again until nothing more goes, and the edits are given against the text as received.

    >>> fix_residue("Title of the story - BBC News\\n\\nBody text here.\\n\\nScroll to Top", Context())[0]
    'Title of the story\\n\\nBody text here.'
    """
    spans = _residue_spans(text, ctx)
    if not spans:
        return text, []
    once = replace_spans(text, spans, "residue")
    exposed = _residue_spans(once[0], ctx)
    if not exposed:
        return once  # settled in one reading, as nearly always
    current = text
    origin = range(len(text))  # where each character of `current` stands in `text`
    removed: set[int] = set()
    for round_no in range(MAX_RESIDUE_ROUNDS):
        if not spans:
            break
        kept: list[int] = []
        pieces: list[str] = []
        pos = 0
        for start, end, _ in spans:
            removed.update(origin[start:end])
            kept.extend(origin[pos:start])
            pieces.append(current[pos:start])
            pos = end
        kept.extend(origin[pos:])
        pieces.append(current[pos:])
        current, origin = "".join(pieces), kept
        if round_no == 0:
            spans = exposed  # the first removal's text was read above
        elif round_no + 1 < MAX_RESIDUE_ROUNDS:
            spans = _residue_spans(current, ctx)
    return replace_spans(text, [(a, b + 1, "") for a, b in _runs(sorted(removed))], "residue")


MAX_RESIDUE_ROUNDS = 3


# A related-story card a page laid inline after a name, which extraction glued to it: the name
# written again in full, then the card's teaser, then "MORE" ("Gov. Kristi NoemKristi Lynn
# NoemSouth Dakota governor doubles down ... MORE (R)")
INLINE_CARD = re.compile(
    r"\b(?P<surname>[A-Z][a-z]+)(?P<card>[A-Z][a-z]+(?: [A-Z][a-z.'’-]+){0,3} (?P=surname)"
    r"(?=[A-Z])[^\n]{0,300}? MORE)\b"
)


def inline_cards(text: str) -> list[tuple[int, int, str]]:
    """The spans of related-story cards glued into a sentence after a name.

    >>> text = "Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down on aid MORE (R) said."
    >>> [text[a:b] for a, b, _ in inline_cards(text)]
    ['Kristi Lynn NoemSouth Dakota governor doubles down on aid MORE']
    """
    return [(m.start("card"), m.end("card"), "") for m in INLINE_CARD.finditer(text)]


def _residue_spans(text: str, ctx: Context) -> list[tuple[int, int, str]]:
    """One reading's removals: (start, end, "") spans, sorted, not overlapping."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append((pos, raw))
        pos += len(raw) + 1
    cards = inline_cards(text) if " MORE" in text else []
    if len(lines) < 2:
        return cards
    removed = _chrome_at_edges([line for _, line in lines], ctx)
    spans = _title_suffix_spans(lines, ctx)
    spans = [
        sp for sp in spans if not any(lines[i][0] <= sp[0] < lines[i][0] + len(lines[i][1]) for i in removed)
    ]
    for a, b in _runs(sorted(removed)):
        if b + 1 < len(lines):  # take the run with the breaks that follow it
            spans.append((lines[a][0], lines[b + 1][0], ""))
        else:  # the run closes the text: take the breaks before it
            prev_start, prev_line = lines[a - 1]
            spans.append((prev_start + len(prev_line), lines[b][0] + len(lines[b][1]), ""))
    spans.extend(cards)
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for s, e, n in spans:
        if merged and s < merged[-1][1]:
            ps, pe, pn = merged[-1]
            merged[-1] = (ps, max(pe, e), pn)
        else:
            merged.append((s, e, n))
    return merged


def _chrome_at_edges(lines: list[str], ctx: Context) -> set[int]:
    """Indices of chrome lines: the last line, the first, or the one after a headline, repeatedly,
    until the edges are clean, so that cleaning the output again removes nothing more. At least
    one line is always kept."""
    removed: set[int] = set()
    while True:
        live = [i for i in range(len(lines)) if i not in removed]
        if len(live) < 2:
            return removed
        words: Counter[str] | None = None  # what is left to compare with, counted only when needed
        for i in (live[-1], live[0], live[1]):
            line = lines[i]
            chrome = is_chrome_line(line, ctx, at_end=i == live[-1])
            # the first line may be a headline that words the story its own way: there an unrelated
            # line must also be worded as an instruction to the reader
            if (
                not chrome
                and _short_line(line)
                and not SOURCE_CREDIT.match(line.strip())
                and (i != live[0] or IMPERATIVE.match(line.strip()))
                and not _continues_numbering(line, _inner_neighbour(lines, live, i), i == live[-1])
            ):
                if words is None:
                    words = Counter(w for j in live for w in _content_words(lines[j]))
                chrome = _unrelated_line(line, words)
            if chrome:
                removed.add(i)
                break
        else:
            return removed


def _inner_neighbour(lines: list[str], live: list[int], i: int) -> str:
    """The line beside an edge line on the story's side."""
    k = live.index(i)
    return lines[live[k - 1]] if i == live[-1] else lines[live[k + 1]]


LEADING_NUMBER = re.compile(r"\s*(\d{1,4})[.)]?\s")


def _continues_numbering(line: str, neighbour: str, last: bool) -> bool:
    """The line is the last (or first) item of a numbered list: its number follows (or precedes)
    the neighbour's, as in a ranking or a results table ("31 Jelena Kostanic (Croatia)" before
    "32 Iveta Benesova (Czech Republic)").

    >>> _continues_numbering("32 Iveta Benesova (Czech Republic)", "31 Jelena Kostanic (Croatia)", True)
    True
    >>> _continues_numbering("12 comments", "Body text ends here.", True)
    False
    """
    mine, theirs = LEADING_NUMBER.match(line), LEADING_NUMBER.match(neighbour)
    if mine is None or theirs is None:
        return False
    step = int(mine.group(1)) - int(theirs.group(1))
    return step == (1 if last else -1)


CONTENT_WORD = re.compile(r"[A-Za-z]{4,}")
# a line of these and numbers is a date: when the story happens ("Saturday, 26 February"), which a
# story need not repeat; a page's own dates are worded ("Published 12 March 2024")
CALENDAR_WORDS = frozenset(name.lower() for name in [*calendar.month_name[1:], *calendar.day_name])
MAX_UNRELATED_WORDS = 5
MIN_RELATED_WORDS = 100  # content words in the article, enough for silence about a word to mean something


def _content_words(line: str) -> list[str]:
    return [w for w in map(str.lower, CONTENT_WORD.findall(line)) if w not in FUNCTION_WORDS]


def _short_line(line: str) -> bool:
    """Short enough, and no sentence, to be weighed against the story's words at all."""
    return (
        len(line.split()) <= MAX_UNRELATED_WORDS
        and not ends_with_sentence_mark(line)
        and line_kind(line) == "text"
    )


def _unrelated_line(line: str, words: Counter[str]) -> bool:
    """A short line with no sentence in it that shares no word of four letters or more with the
    rest of a long enough article: page furniture ("Join the conversation", "Sponsored Links"),
    where a headline or standfirst repeats the story's words.

    >>> body = Counter(_content_words("Talks on the budget resumed in Brussels. " * 30))
    >>> own = Counter(_content_words("Save this story"))
    >>> _unrelated_line("Save this story", body + own), _unrelated_line("Budget talks resume", body)
    (True, False)
    >>> _unrelated_line("Saturday, 26 February", body + Counter(["saturday", "february"]))
    False
    """
    mine = Counter(_content_words(line))
    if not mine or not _short_line(line) or CALENDAR_WORDS.issuperset(mine):
        return False
    if sum(words.values()) - sum(mine.values()) < MIN_RELATED_WORDS:
        return False
    return all(words[w] == n for w, n in mine.items())


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def publisher_from_edits(edits: list[Edit]) -> str | None:
    """The site name a removed headline suffix named, if any."""
    for e in edits:
        if e.kind == "residue" and "\n" not in e.before:
            m = re.match(r"^\s+(?:\||—|–|-|•|·|::|»)\s+(.+?)\s*$", e.before)
            if m:
                return m.group(1)
    return None
