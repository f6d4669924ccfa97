"""Every threshold of the casing engine, in one place: each trades recall for damage, and each was
measured on both development corpora (see docs/casing.md)."""

from __future__ import annotations

KNOWN_MIN_COUNT = 5  # the lexicon's share means something from this many uses
LEXICON_FLOOR = 0.5  # below this share of Capitalised uses a word is ordinary: only a phrase can lift it
LEXICON_STRONG = 0.9  # at or above it a word is a name by itself ("Moscow", "Bible")
LEXICON_ALONE = 0.98  # ... and at or above this, with enough counts, the lexicon alone suffices
LEXICON_MIN_COUNT = 50
LEXICON_RARE_MIN_COUNT = 10  # seen this often, never lowercase: a name if the build agrees
RARE_MIN_BUILD_DOCS = 50  # ... and the build is this large
CORPUS_MIN_CAP = 3
DOC_NAME_MIN_ALONE = 2  # Capitalised on its own this often in one document, lowercase only once
DOC_NAME_MIN_SHARE = 0.1  # ... and not a word the lexicon hardly ever Capitalises ("sky")
DOC_NAME_MIN_ALONE_RARE_CAP = 4  # ... unless the document names it on its own this often ("Borders")
DOC_NAME_MAX_LOW_SHARE = 0.25  # ... nor one other documents often write lowercase
CORPUS_MAX_LOW_SHARE = 0.1
CORPUS_MAX_LOW_SHARE_CERTAIN = 0.3
LEXICON_CERTAIN = 0.99
LEXICON_CERTAIN_COUNT = 50
CORPUS_DOMINANT_ALONE = 10
CORPUS_MIN_RUN = 2  # an exact name run written this often across the build
BETWEEN_MAX_LOW = 1  # lowercase between two Capitalised words this often in the build: here only
PAIR_MIN_CAP = 2  # the pair a word makes with the name beside it, written Capitalised this often
PAIR_MAX_MIXED_SHARE = 0.2  # ... and with only one of the two Capitalised at most this share as often
# the prefixes of a Capitalised pair's key: the name going on before it and after it, "^" if it opens a sentence
PAIR_FLAGS = tuple(f"{opens}{before}{after} " for opens in ("", "^") for before in "01" for after in "01")
WEB_NAME_MIN_SHARE = 0.85  # the web writes a word Capitalised this often: a name ("Sony", "Islam")
GIVEN_NAME_MIN_SHARE = 0.985  # a given name before a surname, unless also an ordinary word
ENGLISH_GIVEN_NAME_MIN_SHARE = 0.9  # ... lower for names of English-speaking locales ("Alan", "Jack")
INDEFINITE = frozenset({"a", "an"})
# Written before a surname and nothing else: the word after one is a name ("Mr bell's comments")
COURTESY_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Messrs"})

# The casing reading (reading.py): an article is read as damaged on this many strong signals
DAMAGE_MIN_SIGNALS = 1
READING_NAME_MIN_WEB_SHARE = 0.9  # a near-certain name: the web writes it Capitalised this often
READING_NAME_MIN_SHARE = 0.98  # and the casing counts too (if they know it); ...
READING_PLAIN_NAME_MIN_WEB_SHARE = 0.85  # ... this often, for a word that is no given name ("irish")
READING_CERTAIN_MIN_COUNT = 200  # ... or the casing counts have seen it this often, nearly always
READING_CERTAIN_MIN_WEB_SHARE = 0.8  # Capitalised, and the web mostly so too ("german")
READING_ORDINARY_MIN_LOW = 10  # ... and so may one the casing counts saw lowercase this often
READING_ORDINARY_WEB_SHARE = 0.7  # a word the web writes lowercase more often than this may be ordinary
READING_BUILD_MIN_CAP = 3  # the build's other articles write a word Capitalised this often
READING_UNANIMOUS_MIN_WEB_SHARE = 0.8  # ... and the web writes it Capitalised this often, if it knows it
# days are names whatever the counts say ("monday", which the web often writes lowercase)
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
LOWERCASE_ARTICLE_MIN_WORDS = 30  # an article this long with capitals on at most this share of
LOWERCASE_ARTICLE_MAX_CAPITAL_SHARE = 0.01  # its words is written in lowercase throughout
