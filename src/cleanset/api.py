"""cleanset from Python: clean one article, clean a batch on the batch's own evidence, build a dataset.

>>> import cleanset
>>> article = cleanset.clean("talks in moscow ended on monday,officials said.", title="Talks end")
>>> article.text
'Talks in Moscow ended on Monday, officials said.'
>>> [(e.kind, e.before, e.after) for e in article.edits]  # doctest: +NORMALIZE_WHITESPACE
[('spacing', ',', ', '), ('sentence_case', 'talks', 'Talks'),
 ('proper_case', 'moscow', 'Moscow'), ('proper_case', 'monday', 'Monday')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from cleanset.corpus import CorpusStats, add_document
from cleanset.document import Document, Edit
from cleanset.readers import RejectedInput, document_from_text


class Rejected(ValueError):
    """An article that cannot become a record: `reason` is one of the build's reject reasons."""

    def __init__(self, reason: str, message: str):
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class Article:
    """A cleaned article: the fields of a record of `schemas/article.schema.json`."""

    id: str
    source: str
    title: str | None
    subtitle: str | None
    publisher: str | None
    language: str | None
    url: str | None
    published: str | None
    authors: list[str]
    description: str | None
    text: str
    sections: list[dict]
    tables: list[dict]
    edits: list[Edit]
    duplicate_of: str | None
    near_duplicate_score: float | None
    warnings: list[str]
    metadata: str | None
    n_words: int
    n_chars: int
    content_sha256: str
    input_sha256: str
    input_encoding: str
    schema_version: int

    @classmethod
    def from_record(cls, record: dict) -> Article:
        values = dict(record)
        values["edits"] = [Edit(**e) for e in record["edits"]]
        return cls(**values)

    def to_record(self) -> dict:
        """The article as a record of the schema, as the build publishes it."""
        record = {f.name: getattr(self, f.name) for f in fields(self)}
        record["edits"] = [e.to_dict() for e in self.edits]
        return record


RECORD_FIELDS = tuple(f.name for f in fields(Article))


def _document(
    text: str,
    *,
    title: str | None,
    form: str,
    id: str,
    url: str | None,
    published: str | None,
    authors: Sequence[str] | None,
    publisher: str | None,
) -> Document:
    if not isinstance(text, str):
        raise TypeError(f"text is {type(text).__name__}, not str")
    if not text.strip() and title and title.strip():
        doc = Document(id=id, source=id, text="")  # a headline alone: rejected after cleaning
    else:
        try:
            doc = document_from_text(text, id, id, form)
        except RejectedInput as exc:
            raise Rejected(exc.reason, exc.message) from None
    if title and title.strip():
        body = doc.text
        if doc.title_given:  # the reader's own title gives way to the one given
            body = body.split("\n", 1)[1].lstrip() if "\n" in body else ""
        doc.text = f"{title.strip()}\n\n{body}"
        doc.title_given = True
    doc.url = url or doc.url
    doc.published = published or doc.published
    doc.authors = list(authors) if authors else doc.authors
    doc.publisher = publisher or doc.publisher
    return doc


class Cleaner:
    """Cleans articles on the evidence of a corpus: what the build's first pass gathers.

    `fit` gathers the casing and residue evidence of a corpus (call it as often as you like; the
    evidence adds up); `clean` then cleans one article with it. Called on a batch of columns, as
    `datasets.Dataset.map(cleaner, batched=True)` calls it, a cleaner that was never fitted
    gathers the evidence of each batch first.

    >>> cleaner = Cleaner().fit(["Shares in Zorvex rose.", "The chief of Zorvex spoke.", "A deal with Zorvex was signed."])
    >>> cleaner.clean("talks with zorvex ended.").text
    'Talks with Zorvex ended.'
    >>> Cleaner().clean("talks with zorvex ended.").text  # no evidence for a name no lexicon knows
    'Talks with zorvex ended.'
    """

    def __init__(
        self,
        *,
        skip: Iterable[str] = (),
        form: str = "text",
        casing: str = "default",
        text_column: str = "text",
        title_column: str | None = "title",
    ):
        from cleanset.fixers import FIXER_NAMES
        from cleanset.options import CASING_LEVELS

        if casing not in CASING_LEVELS:
            raise ValueError(f"casing is one of {', '.join(CASING_LEVELS)}, not {casing!r}")
        self.casing = casing

        self.skip = frozenset(skip)
        unknown = sorted(self.skip - set(FIXER_NAMES))
        if unknown:
            raise ValueError(f"unknown fixer {', '.join(unknown)}; known: {', '.join(FIXER_NAMES)}")
        self.form = form
        self.text_column = text_column
        self.title_column = title_column
        self.stats = CorpusStats()

    @property
    def fitted(self) -> bool:
        return self.stats.docs > 0

    def fit(self, texts: Iterable[str], titles: Iterable[str | None] | None = None) -> Cleaner:
        """Gather the evidence of these articles (as the build's first pass does)."""
        for n, (text, title) in enumerate(
            zip(texts, titles if titles is not None else _nones(), strict=False)
        ):
            try:
                doc = self._read(text, title, f"article-{n}")
            except Rejected:
                continue  # a text with no article gives no evidence
            add_document(self.stats, doc.text)
        return self

    def _read(self, text: str, title: str | None, id: str, **fields: Any) -> Document:
        values = {"url": None, "published": None, "authors": None, "publisher": None} | fields
        return _document(text, title=title, form=self.form, id=id, **values)

    def clean(
        self,
        text: str,
        *,
        title: str | None = None,
        language: str | None = None,
        id: str = "article",
        url: str | None = None,
        published: str | None = None,
        authors: Sequence[str] | None = None,
        publisher: str | None = None,
    ) -> Article:
        """One article cleaned on the fitted evidence (on its own when nothing was fitted).
        Raises `Rejected` when no article text is left."""
        doc = self._read(text, title, id, url=url, published=published, authors=authors, publisher=publisher)
        stats = self.stats
        if not self.fitted:
            stats = CorpusStats()
            add_document(stats, doc.text)
        return _clean(doc, stats, self.skip, language, self.casing)

    def __call__(self, batch: dict[str, list]) -> dict[str, list]:
        """A batch of columns to the record's columns plus `reject` (null, or why the row gave no
        record: then every record column of the row is null)."""
        texts = batch[self.text_column]
        titles = batch.get(self.title_column) if self.title_column else None
        titles = titles if titles is not None else [None] * len(texts)
        cleaner = (
            self
            if self.fitted
            else Cleaner(skip=self.skip, form=self.form, casing=self.casing).fit(texts, titles)
        )
        out: dict[str, list] = {name: [] for name in (*RECORD_FIELDS, "reject")}
        for n, (text, title) in enumerate(zip(texts, titles, strict=True)):
            try:
                record = cleaner.clean(text, title=title, id=f"article-{n}").to_record()
                reject = None
            except Rejected as exc:
                record, reject = dict.fromkeys(RECORD_FIELDS), str(exc)
            for name in RECORD_FIELDS:
                out[name].append(record[name])
            out["reject"].append(reject)
        return out

    @staticmethod
    def features():
        """The `datasets.Features` of what a call on a batch returns (pass them to `map`)."""
        from datasets import Value

        from cleanset.schema import features

        found = features()
        found["reject"] = Value("string")
        return found


def _nones():
    while True:
        yield None


def _clean(
    doc: Document, stats: CorpusStats, skip: frozenset[str], language: str | None, casing: str
) -> Article:
    from cleanset.pipeline import clean_document
    from cleanset.schema import validate_record

    record = clean_document(doc, stats, skip, language, casing)
    if not record["text"].strip():
        what = "only a headline" if record["title"] else "no text"
        raise Rejected("no_content", f"{what} left after cleaning")
    problems = validate_record(record)
    if problems:
        raise Rejected("invalid", "; ".join(map(str, problems)))
    return Article.from_record(record)


def clean(
    text: str,
    *,
    title: str | None = None,
    language: str | None = None,
    skip: Iterable[str] = (),
    form: str = "text",
    casing: str = "default",
    id: str = "article",
    url: str | None = None,
    published: str | None = None,
    authors: Sequence[str] | None = None,
    publisher: str | None = None,
) -> Article:
    """Clean one article on its own evidence and the lexicon.

    `form` says how to read `text`: "text" (hard wraps rejoined, a byline to fields), "markdown"
    or "html" (a page: its article is extracted). `skip` names fixers not to run (see
    `cleanset fixers`). Raises `Rejected` when no article text is left.

    >>> a = clean("Peace talks end without a deal — RT World News\\n\\nBy Jane Smith\\n\\nThe â€œtalksâ€\u009d ended.")
    >>> a.title, a.publisher, a.authors, a.text
    ('Peace talks end without a deal', 'RT World News', ['Jane Smith'], 'The “talks” ended.')
    """
    return Cleaner(skip=skip, form=form, casing=casing).clean(
        text,
        title=title,
        language=language,
        id=id,
        url=url,
        published=published,
        authors=authors,
        publisher=publisher,
    )


def clean_batch(
    texts: Iterable[str],
    *,
    titles: Iterable[str | None] | None = None,
    skip: Iterable[str] = (),
    form: str = "text",
    casing: str = "default",
) -> list[Article | Rejected]:
    """Clean articles together, on the evidence of the whole batch (as a build does): one
    `Article` per text, or the `Rejected` error of a text that gave none, in input order.

    >>> corpus = ["Shares in Zorvex rose.", "The chief of Zorvex spoke.", "A deal with Zorvex was signed."]
    >>> [a.text for a in clean_batch([*corpus, "Talks with zorvex ended."])][-1]
    'Talks with Zorvex ended.'

    """
    texts = list(texts)
    titles = list(titles) if titles is not None else [None] * len(texts)
    cleaner = Cleaner(skip=skip, form=form, casing=casing).fit(texts, titles)
    results: list[Article | Rejected] = []
    for n, (text, title) in enumerate(zip(texts, titles, strict=True)):
        try:
            results.append(cleaner.clean(text, title=title, id=f"article-{n}"))
        except Rejected as exc:
            results.append(exc)
    return results


def build(
    inputs: str | Path | Iterable[str | Path],
    out: str | Path,
    *,
    workers: int | None = None,
    skip: Iterable[str] = (),
    text_column: str | None = None,
    title_column: str | None = None,
    progress: Callable[[str, int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    **options: Any,
):
    """Build a dataset from files and folders into `out`, as `cleanset build` does, and return its
    `BuildSummary`. `options` are those of `BuildOptions` (max_bytes, strict, dedup,
    dedup_threshold, shard_size, engine, ray_address, columns); `progress(stage, n)` hears of
    every n documents a pass ("scan", "clean") has done, `on_total(n)` of how many there are.
    Raises `UsageProblem` on a bad
    argument, `RejectedInputs` (strict) or `InvalidRecords`; on any error `out` is left as it was.
    """
    from dataclasses import replace

    from cleanset.builder import UsageProblem
    from cleanset.builder import build as run_build
    from cleanset.fixers import FIXER_NAMES
    from cleanset.options import BuildOptions
    from cleanset.pipeline import default_workers

    paths = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(p) for p in inputs]
    skip = frozenset(skip)
    unknown = sorted(skip - set(FIXER_NAMES))
    if unknown:
        raise UsageProblem(f"unknown fixer {', '.join(unknown)}; known: {', '.join(FIXER_NAMES)}")
    if workers is not None and workers < 0:
        raise UsageProblem("--workers must be >= 0, --max-bytes and --shard-size > 0")
    try:
        chosen = BuildOptions(workers=workers or default_workers(), skip=skip, **options)
    except TypeError as exc:
        raise UsageProblem(str(exc)) from None
    if text_column or title_column:
        columns = replace(
            chosen.columns,
            **({"text": text_column} if text_column else {}),
            **({"title": title_column} if title_column else {}),
        )
        chosen = replace(chosen, columns=columns)
    check_options(chosen)
    return run_build(paths, Path(out), chosen, progress, on_total)


def check_options(options) -> None:
    """Raise `UsageProblem` for options no build can run with."""
    from cleanset.builder import UsageProblem

    if options.dedup not in ("keep", "drop") or not 0 < options.dedup_threshold <= 1:
        raise UsageProblem("--dedup is keep or drop, --dedup-threshold in (0, 1]")
    if options.workers < 0 or options.max_bytes <= 0 or options.shard_size <= 0:
        raise UsageProblem("--workers must be >= 0, --max-bytes and --shard-size > 0")
    if options.engine not in ("local", "ray"):
        raise UsageProblem("--engine is local or ray")
    from cleanset.options import CASING_LEVELS

    if options.casing not in CASING_LEVELS:
        raise UsageProblem(f"--casing is one of {', '.join(CASING_LEVELS)}")
    if options.engine == "ray":
        try:
            import ray  # noqa: F401
        except ImportError:
            raise UsageProblem("--engine ray needs Ray: pip install 'cleanset[ray]'") from None
