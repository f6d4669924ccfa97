"""Names in a line of words: runs of Capitalised words, pairs and joins ("Bank of England").

Shared by the first pass, which counts them across the build, and the casing fixers, which weigh
them as evidence.
"""

from __future__ import annotations

import re

from cleanset.tokens import FUNCTION_WORDS, UPPER, ends_with_sentence_mark

CONNECTORS = frozenset({"of", "for", "and", "the", "de", "du", "von", "van", "on", "in", "&"})


def is_capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def pair_key(a: str, b: str) -> str:
    return f"{without_possessive(a.lower())} {without_possessive(b.lower())}"


def is_prose(line: str, kind: str) -> bool:
    """A line whose casing counts as evidence: a paragraph of sentences, not a heading or a
    headline, which are Title Cased."""
    return kind == "text" and ends_with_sentence_mark(line.rstrip())


def pairable(line: str, a, b) -> bool:
    """Words a and b can make a pair in a name: beside each other, b opening no sentence, a no
    possessive, neither a function word ("The Home Secretary" has no name before "Home")."""
    return (
        not opens_sentence(b)
        and a.text.lower() not in FUNCTION_WORDS
        and b.text.lower() not in FUNCTION_WORDS
        and adjacent(line, a, b)
        and not is_possessive(a.text)
    )


def continues_name(line: str, a, b) -> bool:
    """Word b continues a name from word a: both Capitalised and `pairable`."""
    return a.name_like and b.name_like and pairable(line, a, b)


def name_pairs(line: str, words) -> tuple[list[str], list[str]]:
    """Adjacent pairs with a name in them, as keys: (pairs of Capitalised words, mixed pairs).

    Two Capitalised words, the second not opening a sentence, give a key that also says whether
    the name goes on before the pair and after it: "01 education secretary" in "Education
    Secretary Ruth Kelly" is no evidence for "the education secretary said" nor for "Greek
    athletics tribunal" beside "Greek Athletics Federation". When the first word opens the
    sentence, its capital says nothing of it, and the key is marked "^". A Capitalised word beside
    a lowercase one, neither opening a sentence, gives the plain pair. Function words take part
    in neither.

    >>> line = "It hit western Europe, Education Secretary Ruth Kelly said."
    >>> from cleanset.tokens import line_words
    >>> name_pairs(line, line_words(line))
    (['01 education secretary', '11 secretary ruth', '10 ruth kelly'], ['western europe', 'kelly said'])
    """
    cap: list[str] = []
    mixed: list[str] = []
    n = len(words)
    for k in range(n - 1):
        a, b = words[k], words[k + 1]
        if not (a.name_like or b.name_like):
            continue  # the cheap test first: most pairs have no name in them
        if not pairable(line, a, b):
            continue
        key = pair_key(a.text, b.text)
        if a.name_like and b.name_like:
            before = k > 0 and continues_name(line, words[k - 1], a)
            after = k + 2 < n and continues_name(line, b, words[k + 2])
            # a pair opening the sentence is evidence for its second word only: "^" marks it
            cap.append(f"{'^' if opens_sentence(a) else ''}{before:d}{after:d} {key}")
        elif not opens_sentence(a) and (a.text.islower() or b.text.islower()):
            mixed.append(key)
    return cap, mixed


def adjacent(line: str, a, b) -> bool:
    """Whether two words are separated by spaces only (no comma, bracket or dash)."""
    return a.end <= b.start and not line[a.end : b.start].strip()


POSSESSIVE_ENDINGS = ("'s", "’s")


def without_possessive(word: str) -> str:
    """The word less a closing possessive: "Party's" -> "Party"."""
    return word[:-2] if word[-2:] in POSSESSIVE_ENDINGS else word


def is_possessive(word: str) -> bool:
    return without_possessive(word) != word


def opens_sentence(w) -> bool:
    """The word may open a sentence, so its capital is no evidence of a name."""
    return w.sentence_start or w.after_stop


def name_runs(line: str, words: list) -> list[str]:
    """Runs of two or more adjacent Capitalised words, less a head that only opens a sentence.

    A possessive closes a name, so it ends its run and loses its "'s": the Labour Party's National
    Executive holds the runs "labour party" and "national executive".

    >>> line = "He left the Labour Party's National Executive in May."
    >>> from cleanset.tokens import line_words
    >>> name_runs(line, line_words(line))
    ['labour party', 'national executive']
    """
    found: list[str] = []
    run: list = []

    def close() -> None:
        nonlocal run
        if run and opens_sentence(run[0]):
            run = run[1:]  # a sentence opener's capital says nothing about the name
        if len(run) >= 2:
            found.append(" ".join(without_possessive(x.text.lower()) for x in run))
        run = []

    for w in words:
        if w.name_like and (not run or adjacent(line, run[-1], w)):
            if run and (w.sentence_start or w.after_stop):
                run = []
            run.append(w)
        else:
            if run:
                close()
            if w.name_like:
                run = [w]
        if run and is_possessive(run[-1].text):
            close()
    close()
    return found


# Words that join the parts of one name: "Bank of England", "Securities and Exchange Commission"
NAME_JOINS = frozenset({"of", "for", "and", "de", "du", "von", "van", "on", "upon"})
JOIN_WORDS = NAME_JOINS | {"the"}  # ... and "the", inside a name ("Court of the Exchequer")
# A Capitalised word, a join and another: lines without one (most) skip the word-by-word scan
JOINED_NAME = re.compile(rf"{UPPER}[\w'’]* +(?:{'|'.join(sorted(NAME_JOINS))}) +(?:the +)?{UPPER}")
# The same from the join on, which a search finds far faster: a pattern opening with a class of
# every capital letter is tried at every position of the line
JOIN_THEN_CAPITAL = re.compile(rf" +(?:{'|'.join(sorted(NAME_JOINS))}) +(?:the +)?{UPPER}")


def has_joined_name(line: str) -> bool:
    """Whether JOINED_NAME matches somewhere in the line: a join followed by a capital, after a
    word part that holds a capital (or follows one).

    >>> [has_joined_name(s) for s in ["the Bank of England", "a bank of England", "McDonald of Ohio"]]
    [True, False, True]
    """
    pos = 0
    while (m := JOIN_THEN_CAPITAL.search(line, pos)) is not None:
        end = start = m.start()
        while start > 0 and (line[start - 1].isalnum() or line[start - 1] in "_'’"):
            start -= 1
        if any(ch.isupper() for ch in line[max(start - 1, 0) : end]):
            return True
        pos = end + 1
    return False


def between_names(line: str, words, i: int) -> bool:
    """Word i is lowercase and stands between two Capitalised words, the first not opening a
    sentence: "International steel Group", "Scottish club Rangers"."""
    w, a, b = words[i], words[i - 1], words[i + 1]
    return (
        a.name_like
        and b.name_like
        and w.text.islower()
        and not opens_sentence(a)
        and not opens_sentence(b)
        and adjacent(line, a, w)
        and adjacent(line, w, b)
        and not is_possessive(a.text)
    )


def name_across(line: str, words, k: int, step: int) -> int | None:
    """The index of the Capitalised word that continues a name from word k, one step to the right
    (step 1) or left (step -1), beside it or across a join ("of", "of the"); None if there is none.
    A possessive closes a name and a sentence opener starts one."""
    n = len(words)
    m = k + step
    if not 0 <= m < n:
        return None
    if words[m].name_like:  # right beside it
        left, right = (words[k], words[m]) if step == 1 else (words[m], words[k])
        if opens_sentence(right) or not adjacent(line, left, right) or is_possessive(left.text):
            return None
        return m
    path = [k, m]
    if step == -1 and words[m].text == "the":
        m -= 1
        path.append(m)
    if not 0 <= m < n or words[m].text not in NAME_JOINS:
        return None
    m += step
    if step == 1 and 0 <= m < n and words[m].text == "the":
        path.append(m)
        m += 1
    path.append(m)
    if not 0 <= m < n or not words[m].name_like:
        return None
    span = sorted(path)
    if any(not adjacent(line, words[a], words[b]) for a, b in zip(span, span[1:], strict=False)):
        return None
    first, last = words[span[0]], words[span[-1]]
    if opens_sentence(last) or is_possessive(first.text):
        return None
    return m


def joined_runs(line: str, words) -> list[str]:
    """Names of Capitalised words with a join inside, less a head that only opens a sentence.

    >>> line = "Rates fell, the Bank of England said, as the Court of Arbitration for Sport met."
    >>> from cleanset.tokens import line_words
    >>> joined_runs(line, line_words(line))
    ['bank of england', 'court of arbitration for sport']
    """
    found: list[str] = []
    if not has_joined_name(line):
        return found
    i, n = 0, len(words)
    while i < n:
        if not words[i].name_like:
            i += 1
            continue
        k = i
        while (m := name_across(line, words, k, 1)) is not None:
            k = m
        lo = i + 1 if opens_sentence(words[i]) else i
        while lo < k and not words[lo].name_like:
            lo += 1
        if k - lo >= 2 and any(not w.name_like for w in words[lo:k]):
            found.append(" ".join(without_possessive(w.text.lower()) for w in words[lo : k + 1]))
        i = k + 1
    return found


def in_name(line: str, words: list, i: int) -> bool:
    """Whether a Capitalised word stands beside word i (spaces only between them), or across a
    connector after it. A word opening the sentence counts too ("Prime Minister" may open one),
    unless it is a function word, Capitalised only because it opens the sentence ("The Caribbean")."""

    def cap_at(j: int, k: int) -> bool:
        if not (0 <= j < len(words) and words[j].name_like):
            return False
        w = words[j]
        if (w.sentence_start or w.after_stop) and w.text.lower() in FUNCTION_WORDS:
            return False
        return adjacent(line, words[min(j, k)], words[max(j, k)])

    if cap_at(i - 1, i) or cap_at(i + 1, i):
        return True
    return (
        i + 2 < len(words)
        and words[i + 1].text in CONNECTORS
        and adjacent(line, words[i], words[i + 1])
        and cap_at(i + 2, i + 1)
    )
