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

# Scripts written without spaces between words: a title in them is measured in characters, and
# its separators may stand unspaced ("习近平会见外宾-新华网")
UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
SEPARATOR = re.compile(
    rf"\s+(\||-|–|—|·|\*|::|»|/)\s+|(?<=[{UNSPACED}])\s*([|｜\-–—_·])\s*(?=[{UNSPACED}])"
)
CHARACTERS_PER_WORD = 2  # in those scripts, for the word counts below
STRONG = {"|", "·", "*", "::", "»", "/"}
MAX_CRUMB_WORDS = 5
SITE_KEY_SLACK = 6  # characters a site's name may differ by in length and still name it
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
        # the site's name, or it with a little more or less ("Globalnews.ca", "Global News"); not a
        # headline that merely opens with the site's first letters (a Thai headline and its site)
        if site_key and (
            key == site_key
            or (abs(len(key) - len(site_key)) <= SITE_KEY_SLACK and (key.startswith(site_key) or site_key.startswith(key)))
        ):
            return True
        bare = _key(re.sub(r"^the\s+", "", fold(site)))
        if bare and key in (bare, "the" + bare):
            return True
    return False


def _crumb_shaped(segment: str) -> bool:
    if re.search(f"[{UNSPACED}]", segment):
        return False  # no capitals to read a name by: only the site's own name is a crumb there
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
    parts = _split(title.strip())
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


def _split(title: str) -> list[str]:
    """The title cut at its separators: [segment, separator, segment, ...]."""
    out: list[str] = []
    pos = 0
    for m in SEPARATOR.finditer(title):
        out += [title[pos : m.start()], m.group(1) or m.group(2)]
        pos = m.end()
    return [*out, title[pos:]]


def word_count(text: str) -> int:
    """Words, counting text in scripts written without spaces by its characters.

    >>> word_count("Mayor opens new bridge"), word_count("习近平 会见外宾"), word_count("นายกฯ ประชุม")
    (4, 3, 5)
    """
    unspaced = len(re.findall(f"[{UNSPACED}]", text))
    if not unspaced:
        return len(text.split())
    return max(len(text.split()), unspaced // CHARACTERS_PER_WORD)


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
        if source == "h1" and word_count(title) < MIN_H1_WORDS:
            continue
        entry = votes.setdefault(fold(title), [0.0, -rank, title])
        entry[0] += weight
    if not votes:
        return None
    return max(votes.values(), key=lambda v: (v[0], v[1]))[2]
