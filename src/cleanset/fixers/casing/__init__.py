"""Casing repair for English: sentence-start capitals and proper nouns written lowercase.

Both only ever raise a letter to upper case, and only on evidence; when evidence is weak the word
is left alone, because damage to good text costs more than a missed fix. One module per part:

- `lines`: the lines a fixer reads and how it writes a capital;
- `sentences`: the sentence-case fixer;
- `document`: the document's own evidence;
- `site`: a word's neighbours, and the build's and the dictionaries' names around it;
- `lexical`: what the lexicon and the web say of a word;
- `thresholds`: every threshold, in one table;
- `weigh`: the one place where the evidence is weighed (`casing_evidence`);
- `names`: the proper-case fixer that asks `weigh` about each candidate.
"""

from cleanset.fixers.casing.names import acronym_spans, fix_proper_case
from cleanset.fixers.casing.sentences import fix_sentence_case
from cleanset.fixers.casing.weigh import casing_evidence

__all__ = ["acronym_spans", "casing_evidence", "fix_proper_case", "fix_sentence_case"]
