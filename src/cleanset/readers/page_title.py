"""A page's headline: its own <h1> where the page's other titles confirm it, else the best of
og:title and <title> with the tail of site and section crumbs removed.

Crumbs are the segments after a separator (" | ", " - ", " – ", " — ", " · ", " * ", " :: ",
" » ") that name the site (its og:site_name, its domain) or, chained behind such a segment or
behind another pipe, a section ("Afghanistan News", "Editorial", "Opinion"). A headline's own
dash or colon stays: only a short, name-shaped tail is a crumb.
"""

from __future__ import annotations

import re
import unicodedata

SEPARATOR = re.compile(r"\s+(\||-|–|—|·|\*|::|»|/)\s+")
STRONG = {"|", "·", "*", "::", "»", "/"}
MAX_CRUMB_WORDS = 5
MIN_SHARED = 0.6  # share of an <h1>'s words that the page's other titles must hold to confirm it
SENTENCE_PUNCT = re.compile(r"[.!?,;:]\s|[.!?]$")


def fold(text: str) -> str:
    """Case, quote styles, dashes and spacing folded, for comparing titles.

    >>> fold("Taylor Swift’s  ‘Best Work’") == fold("taylor swift's 'best work'")
    True
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans("‘’‚‛“”„‟–—", "''''\"\"\"\"--"))
    return " ".join(text.casefold().split())


def _key(text: str) -> str:
    """Letters and digits only: 'Globalnews.ca' and 'Global News' share the key 'globalnews'."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _is_site(segment: str, site: str | None) -> bool:
    key = _key(segment)
    if not key:
        return False
    if "." in segment and " " not in segment.strip():  # a domain: 'Globalnews.ca', 'Digg.com'
        return True
    if site:
        site_key = _key(site)
        if site_key and (key == site_key or key.startswith(site_key) or site_key.startswith(key)):
            return True
        bare = _key(re.sub(r"^the\s+", "", fold(site)))
        if bare and key in (bare, "the" + bare):
            return True
    return False


def _crumb_shaped(segment: str) -> bool:
    words = segment.split()
    if not 1 <= len(words) <= MAX_CRUMB_WORDS or SENTENCE_PUNCT.search(segment):
        return False
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in {"&", "and", "of", "the", "by"} for w in words
    )


def strip_crumbs(title: str, site: str | None = None) -> str:
    """The title without its tail of site and section crumbs.

    >>> strip_crumbs("US service members killed in Afghanistan helicopter crash | Afghanistan News | Al Jazeera", "Al Jazeera")
    'US service members killed in Afghanistan helicopter crash'
    >>> strip_crumbs("The Guardian view on Hong Kong: a city on the brink | Editorial | Opinion", "the Guardian")
    'The Guardian view on Hong Kong: a city on the brink'
    >>> strip_crumbs("About bugs – Vortex Cannon Entertainment", "Vortex Cannon Entertainment")
    'About bugs'
    >>> strip_crumbs("Stadia's reviews are here — and they're not great", "The Verge")
    "Stadia's reviews are here — and they're not great"
    >>> strip_crumbs("Brexit - what happens next", None)
    'Brexit - what happens next'
    """
    parts = SEPARATOR.split(title.strip())
    # parts: [head, sep, segment, sep, segment, ...]
    segments = parts[0::2]
    seps = parts[1::2]
    end = len(segments)
    removed_site = False
    while end > 1:
        segment, sep = segments[end - 1], seps[end - 2]
        if _is_site(segment, site) or (sep in ("|", "·", "::", "»") and _is_site_word(segment)):
            removed_site = True
        elif not (_crumb_shaped(segment) and (sep in STRONG or removed_site)):
            break
        end -= 1
    # a tail of crumbs must name the site or chain two of them: a lone '| Name' tail is left to
    # the residue fixer, which weighs it with the build's evidence and records the edit
    if not removed_site and len(segments) - end < 2:
        end = len(segments)
    if end == len(segments):
        return title.strip()
    head = segments[0]
    for sep, segment in zip(seps[: end - 1], segments[1:end], strict=True):
        head += f" {sep} {segment}"
    return head.strip() or title.strip()


def _is_site_word(segment: str) -> bool:
    """A segment that names a publication by its form ('... News', 'The ... Times')."""
    return bool(
        re.search(r"\b(News|Times|Post|Herald|Journal|Tribune|Gazette|Daily|Online|TV|Radio)$", segment)
    )


# How much each source's word counts when the page's titles disagree. Chosen on half of the
# fundus pages (alternate files, 28 of 34 right) and checked on the other half (27 of 34): the
# <h1>, og:title and the JSON-LD headline are the publisher's own; <title> is most often the one
# with crumbs or an SEO variant, so it only breaks ties.
SOURCE_WEIGHTS = {"ld": 1.1, "h1": 1.0, "og": 1.0, "title": 0.5}
MIN_H1_WORDS = 3


def choose_headline(candidates: dict[str, str | None], site: str | None) -> str | None:
    """The page's headline: the title its sources agree on, each source's word weighed by
    SOURCE_WEIGHTS, each candidate without its crumbs.

    >>> choose_headline({"h1": "Mayor opens new bridge", "title": "Mayor opens new bridge | Daily Bugle"}, "Daily Bugle")
    'Mayor opens new bridge'
    >>> choose_headline({"og": "Mayor opens new bridge | Metro News"}, None)
    'Mayor opens new bridge'
    >>> choose_headline({"h1": "Bridge opens", "og": "Mayor’s bridge opens", "ld": "Mayor's bridge opens"}, None)
    "Mayor's bridge opens"
    """
    votes: dict[str, list] = {}
    for rank, (source, weight) in enumerate(SOURCE_WEIGHTS.items()):
        value = candidates.get(source)
        if not value or (site and _is_site(value, site)):
            continue
        title = strip_crumbs(value, site)
        if source == "h1" and len(title.split()) < MIN_H1_WORDS:
            continue
        entry = votes.setdefault(fold(title), [0.0, -rank, title])
        entry[0] += weight
    if not votes:
        return None
    return max(votes.values(), key=lambda v: (v[0], v[1]))[2]
