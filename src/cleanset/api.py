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

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from itertools import repeat
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
    casing: str | None  # the casing reading: clean, repaired, lowercase (None: no casing fixer ran)
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
    url: str | None = None,
    published: str | None = None,
    authors: Sequence[str] | None = None,
    publisher: str | None = None,
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
        self.skip = frozenset(skip)
        self.casing = casing
        problem = _option_problem(self.skip, casing)
        if problem:
            raise ValueError(problem)
        self.form = form
        self.text_column = text_column
        self.title_column = title_column
        self.stats = CorpusStats()

    @property
    def fitted(self) -> bool:
        return self.stats.docs > 0

    def fit(self, texts: Iterable[str], titles: Iterable[str | None] | None = None) -> Cleaner:
        """Gather the evidence of these articles (as the build's first pass does)."""
        from cleanset.fixers import reads_casing_evidence

        casing = reads_casing_evidence(self.skip)
        for n, (text, title) in enumerate(
            zip(texts, titles if titles is not None else repeat(None), strict=False)
        ):
            try:
                doc = _document(text, title=title, form=self.form, id=f"article-{n}")
            except Rejected:
                continue  # a text with no article gives no evidence
            add_document(self.stats, doc.text, casing=casing)
        return self

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
        doc = _document(
            text,
            title=title,
            form=self.form,
            id=id,
            url=url,
            published=published,
            authors=authors,
            publisher=publisher,
        )
        stats = self.stats
        if not self.fitted:
            from cleanset.fixers import reads_casing_evidence

            stats = CorpusStats()
            add_document(stats, doc.text, casing=reads_casing_evidence(self.skip))
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
        for result in cleaner.clean_each(texts, titles):
            rejected = isinstance(result, Rejected)
            record = dict.fromkeys(RECORD_FIELDS) if rejected else result.to_record()
            for name in RECORD_FIELDS:
                out[name].append(record[name])
            out["reject"].append(str(result) if rejected else None)
        return out

    def clean_each(self, texts: Sequence[str], titles: Sequence[str | None]) -> Iterator[Article | Rejected]:
        """Each text cleaned in turn: its `Article`, or the `Rejected` error of one that gave none."""
        for n, (text, title) in enumerate(zip(texts, titles, strict=True)):
            try:
                yield self.clean(text, title=title, id=f"article-{n}")
            except Rejected as exc:
                yield exc

    @staticmethod
    def features():
        """The `datasets.Features` of what a call on a batch returns (pass them to `map`)."""
        from datasets import Value

        from cleanset.schema import features

        found = features()
        found["reject"] = Value("string")
        return found


def _clean(
    doc: Document, stats: CorpusStats, skip: frozenset[str], language: str | None, casing: str
) -> Article:
    from cleanset.pipeline import clean_document, nothing_left
    from cleanset.schema import validate_record

    record = clean_document(doc, stats, skip, language, casing)
    empty = nothing_left(record)
    if empty:
        raise Rejected("no_content", empty)
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
    return list(cleaner.clean_each(texts, titles))


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
    append: bool = False,
    **options: Any,
):
    """Build a dataset from files and folders into `out`, as `cleanset build` does, and return its
    `BuildSummary`. With `append`, the records join the dataset in `out` as a new batch (`cleanset
    build --append`): old files are kept byte for byte, inputs it holds already are passed over
    (`summary.already_in`), and options that would make records differ raise `UsageProblem`. `options` are those of `BuildOptions` (max_bytes, strict, dedup,
    dedup_threshold, shard_size, engine, ray_address, columns); `progress(stage, n)` hears of
    every n documents a pass ("scan", "clean") has done, `on_total(n)` of how many there are.
    Raises `UsageProblem` on a bad
    argument, `NothingToPublish` when no input became a record, `RejectedInputs` (strict) or
    `InvalidRecords`; on any error `out` is left as it was.
    """
    from dataclasses import replace

    from cleanset.builder import UsageProblem
    from cleanset.builder import build as run_build
    from cleanset.options import BuildOptions
    from cleanset.pipeline import default_workers

    paths = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(p) for p in inputs]
    skip = frozenset(skip)
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
    return run_build(paths, Path(out), chosen, progress, on_total, append)


def _option_problem(skip: frozenset[str], casing: str) -> str | None:
    """What is wrong with the fixers to skip and the casing level, as a message, or None."""
    from cleanset.fixers import FIXER_NAMES
    from cleanset.options import CASING_LEVELS

    unknown = sorted(skip - set(FIXER_NAMES))
    if unknown:
        return f"unknown fixer {', '.join(unknown)}; known: {', '.join(FIXER_NAMES)}"
    if casing not in CASING_LEVELS:
        return f"--casing is one of {', '.join(CASING_LEVELS)}, not {casing!r}"
    return None


def check_options(options) -> None:
    """Raise `UsageProblem` for options no build can run with."""
    from cleanset.builder import UsageProblem

    problem = _option_problem(options.skip, options.casing)
    if problem:
        raise UsageProblem(problem)
    if options.dedup not in ("keep", "drop") or not 0 < options.dedup_threshold <= 1:
        raise UsageProblem("--dedup is keep or drop, --dedup-threshold in (0, 1]")
    if options.workers < 0 or options.max_bytes <= 0 or options.shard_size <= 0:
        raise UsageProblem("--workers must be >= 0, --max-bytes and --shard-size > 0")
    if options.engine not in ("local", "ray"):
        raise UsageProblem("--engine is local or ray")
    if options.engine == "ray":
        try:
            import ray  # noqa: F401
        except ImportError:
            raise UsageProblem("--engine ray needs Ray: pip install 'cleanset[ray]'") from None
