"""The order of passes: discover, gather corpus statistics, clean in batches, account for every input.

The same two functions run on every engine: `gather_batch` (first pass, mergeable counts) and
`clean_batch` (second pass, records and rejects). Here they run in-process or on a local process
pool; output is identical whatever the number of workers.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import numpy as np

import cleanset.corpus as corpus_mod
from cleanset.corpus import CorpusStats
from cleanset.dedup import Match, Signatures, SignatureStore, find_duplicates, signatures
from cleanset.document import Document, Edit
from cleanset.fixers import Context, reads_casing_evidence, run_fixers
from cleanset.fixers.residue import publisher_from_edits
from cleanset.language import detect_language
from cleanset.lexicon import CasingLexicon, load_lexicon
from cleanset.options import BuildOptions
from cleanset.readers import RejectedInput, Unit, read_unit
from cleanset.schema import schema_version, validate_record
from cleanset.structure import build_structure

SCHEMA_VERSION = schema_version()
# In a dataset's state folder: the SHA-256 of every input it holds (the first 8 bytes, sorted), and
# its documents' duplicate signatures
INPUTS_FILE = "inputs.u64"
SIGNATURES_DIR = "signatures"


@dataclass
class Reject:
    source: str
    reason: str
    message: str
    input_sha256: str | None = None  # where the input's bytes were read

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "reason": self.reason,
            "message": self.message,
            "input_sha256": self.input_sha256,
        }


@dataclass
class BatchResult:
    records: list[dict] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # schema problems, as messages


# --- first pass -------------------------------------------------------------------------------


def gather_batch(unit: Unit, options: BuildOptions) -> tuple[CorpusStats, Signatures]:
    """First pass over a unit of work: corpus counts and duplicate signatures. With a spool, what
    it read goes there for the second pass. (The casing of each prose line is not kept for the
    second pass: counting it again costs about what keeping it did.)"""
    stats = CorpusStats()
    texts = []
    read: list = []
    casing = reads_casing_evidence(options.skip)
    for doc in read_unit(unit, options.max_bytes, options.columns, seen_inputs(options.earlier)):
        if isinstance(doc, Document):
            corpus_mod.add_document(stats, doc.text, casing)
            texts.append((doc.source, doc.text))
            read.append(doc)
        else:
            read.append((doc[0], doc[1].reason, doc[1].message, doc[1].digest))
    if options.spool:
        with open(_spool_file(unit, options.spool), "wb") as fh:
            pickle.dump(read, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return stats, signatures(texts)


def seen_inputs(earlier: str | None) -> Callable[[str], bool] | None:
    """For a batch appended to a dataset (`earlier`, its state folder): whether the dataset holds
    an input already, asked with the SHA-256 of the input's bytes."""
    if earlier is None:
        return None
    path = Path(earlier) / INPUTS_FILE
    stat = path.stat()  # a folder appended to again holds another file under the same name
    return _seen_in(path, stat.st_ino, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _seen_in(path: Path, *identity: int) -> Callable[[str], bool]:
    known = np.fromfile(path, dtype=np.uint64)

    def seen(digest: str) -> bool:
        key = np.uint64(int(digest[:16], 16))
        i = int(known.searchsorted(key))
        return i < len(known) and known[i] == key

    return seen


def _spool_file(unit: Unit, folder: str) -> Path:
    return Path(folder) / (hashlib.sha1(pickle.dumps(unit)).hexdigest() + ".pickle")


def _open_spool(unit: Unit, folder: str | None) -> BinaryIO | None:
    """The unit's spool file, written by this build's first pass, open for reading; None when it
    is not there. It holds what the first pass read."""
    path = _spool_file(unit, folder) if folder else None
    return open(path, "rb") if path is not None and path.is_file() else None


def spooled(unit: Unit, folder: str | None) -> list | None:
    """What the first pass read of a unit (Documents, and (source, reason, message) for rejects),
    as it left it in the spool folder; None when it is not there."""
    fh = _open_spool(unit, folder)
    if fh is None:
        return None
    with fh:
        return pickle.load(fh)


def _read_again(unit: Unit, options: BuildOptions) -> Iterator[Document | tuple[str, RejectedInput]]:
    """The unit's documents as the first pass read them (pages are not extracted twice), else
    read anew. The spool stays until the build ends: the report reads its inputs from it."""
    fh = _open_spool(unit, options.spool)
    if fh is None:
        yield from read_unit(unit, options.max_bytes, options.columns, seen_inputs(options.earlier))
        return
    with fh:
        read = pickle.load(fh)
    for item in read:
        yield item if isinstance(item, Document) else (item[0], RejectedInput(*item[1:]))


# --- second pass ------------------------------------------------------------------------------


def clean_document(
    doc: Document,
    corpus: CorpusStats | None,
    skip: frozenset[str] = frozenset(),
    language: str | None = None,
    casing: str = "default",
) -> dict:
    """One document to one record (not yet validated); its language is detected unless given."""
    language = language or detect_language(doc.text)
    ctx = Context(
        corpus=corpus,
        lexicon=lexicon_for(skip),
        language=language,
        casing=casing,
        title_given=doc.title_given,
        from_markup=doc.from_markup,
    )
    page_title: list[str] = []

    def on_step(name: str, before: str, after: str, edits: list[Edit]) -> None:
        if name == "residue":
            page_title.extend(_suffixed_headline(after, edits))

    text, edits = run_fixers(doc.text, ctx, skip, on_step)
    structure = build_structure(text, page_title[0] if page_title else None, doc.title_given, doc.headings)
    warnings = list(doc.warnings)
    if doc.declared_language and language and doc.declared_language != language:
        warnings.append(f"the page declares language '{doc.declared_language}'; its text reads as '{language}'")
    for n, table in enumerate(structure.tables):
        warnings.extend(f"table {n}: {w}" for w in table.warnings)
    title = structure.title
    body = structure.text
    content = f"{title}\n\n{body}" if title else body
    return {
        "id": doc.id,
        "source": doc.source,
        "title": title,
        "subtitle": structure.subtitle,
        "publisher": doc.publisher or publisher_from_edits(edits),
        "language": language,
        "url": doc.url,
        "published": doc.published,
        "authors": list(doc.authors),
        "description": doc.description,
        "text": body,
        "sections": [s.to_dict() for s in structure.sections],
        "tables": [t.to_dict() for t in structure.tables],
        "edits": [e.to_dict() for e in edits],
        "casing": ctx.casing_reading.state if ctx.casing_reading is not None else None,
        "duplicate_of": None,  # set by the build, which sees every document
        "near_duplicate_score": None,
        "warnings": warnings,
        "metadata": doc.metadata,
        "n_words": len(content.split()),
        "n_chars": len(body),
        "content_sha256": hashlib.sha256(content.encode("utf-8")).hexdigest(),
        "input_sha256": doc.input_sha256,
        "input_encoding": doc.encoding,
        "schema_version": SCHEMA_VERSION,
    }


def lexicon_for(skip: frozenset[str]) -> CasingLexicon | None:
    """The casing lexicon, for a run whose fixers read it; a run that skips them does not load it."""
    return load_lexicon() if reads_casing_evidence(skip) else None


def nothing_left(record: dict) -> str | None:
    """Why a record may not be published for want of text (a `no_content` reject), or None."""
    if record["text"].strip():
        return None
    return f"{'only a headline' if record['title'] else 'no text'} left after cleaning"


def repaired_text(doc: Document, record: dict) -> str:
    """The document's text with the record's edits applied (before structure is recovered)."""
    from cleanset.diffing import replay

    return replay(doc.text, record["edits"])


def _suffixed_headline(text_after: str, edits: list[Edit]) -> list[str]:
    """The headline line that lost a site suffix, located in the residue fixer's output."""
    shift = 0
    for e in sorted(edits, key=lambda e: e.offset):
        if "\n" not in e.before and publisher_from_edits([e]):
            pos = e.offset + shift
            start = text_after.rfind("\n", 0, pos) + 1
            end = text_after.find("\n", pos)
            return [text_after[start : end if end != -1 else len(text_after)]]
        shift += len(e.after) - len(e.before)
    return []


def clean_batch(unit: Unit, options: BuildOptions, corpus: CorpusStats | None = None) -> BatchResult:
    """Second pass over a unit of work: its records and rejects, in input order."""
    result = BatchResult()
    for doc in _read_again(unit, options):
        if not isinstance(doc, Document):
            source, exc = doc
            result.rejects.append(Reject(source, exc.reason, exc.message, exc.digest))
            continue
        try:
            record = clean_document(doc, corpus, options.skip, casing=options.casing)
        except Exception as exc:  # one document's failure must not end the build
            summary = traceback.format_exception_only(type(exc), exc)[-1].strip()
            result.rejects.append(Reject(doc.source, "error", f"cleaning failed: {summary}", doc.input_sha256))
            continue
        empty = nothing_left(record)
        if empty:
            result.rejects.append(Reject(doc.source, "no_content", f"{doc.source}: {empty}", doc.input_sha256))
            continue
        problems = validate_record(record)
        if problems:
            result.invalid.extend(f"{doc.source}: {p}" for p in problems)
            continue
        result.records.append(record)
    return result


# --- driving both passes ----------------------------------------------------------------------


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass
class FirstPass:
    stats: CorpusStats
    duplicates: dict[str, Match]
    # with `options.state_out`: the sources of the documents this build signed, in order (their
    # signatures and the merged statistics are saved there for the next batch)
    signed: list[str] | None = None


def first_stats(options: BuildOptions) -> CorpusStats:
    """The statistics the first pass adds to: the dataset's, for a batch appended to one."""
    return corpus_mod.load_stats(Path(options.earlier)) if options.earlier else CorpusStats()


def signature_store(options: BuildOptions) -> SignatureStore:
    """Where the first pass keeps signatures, holding the dataset's for a batch appended to one."""
    return SignatureStore(Path(options.earlier) / SIGNATURES_DIR if options.earlier else None)


def settle_first_pass(stats: CorpusStats, store: SignatureStore, options: BuildOptions) -> FirstPass:
    """Duplicates found and statistics compacted; with `options.state_out`, the statistics and
    signatures are saved there (uncompacted), for a batch appended later."""
    duplicates = find_duplicates(store, options.dedup_threshold)
    signed = None
    if options.state_out:
        corpus_mod.save_stats(stats, Path(options.state_out))
        signed = store.save(Path(options.state_out) / SIGNATURES_DIR)
    return FirstPass(stats.compacted(), duplicates, signed)


def run_local(
    chunks: list[Unit], options: BuildOptions, progress: Callable[[str, int], None] | None = None
) -> tuple[FirstPass, Iterator[BatchResult]]:
    """Both passes on this machine. Returns what the first pass found (corpus statistics,
    duplicates) and the second pass's batches, in input order."""
    lexicon_for(options.skip)  # once, before any fork, so workers share it
    stats = first_stats(options)
    # A spool the caller gives outlives the passes (the build's report reads from it); one made
    # here goes when the passes end.
    spool = options.spool or tempfile.mkdtemp(prefix="cleanset-spool-")
    drop_spool = (lambda: None) if options.spool else (lambda: shutil.rmtree(spool, ignore_errors=True))
    options = replace(options, spool=spool)

    def add(store: SignatureStore, part: tuple[CorpusStats, Signatures], n: int) -> None:
        stats.merge(part[0])
        store.add(part[1])
        if progress:
            progress("scan", n)

    if options.workers <= 1 or len(chunks) <= 1:
        try:
            with signature_store(options) as store:
                for chunk in chunks:
                    add(store, gather_batch(chunk, options), len(chunk))
                first = settle_first_pass(stats, store, options)
        except BaseException:
            drop_spool()
            raise

        def serial() -> Iterator[BatchResult]:
            try:
                for chunk in chunks:
                    yield clean_batch(chunk, options, first.stats)
                    if progress:
                        progress("clean", len(chunk))
            finally:
                drop_spool()

        return first, serial()
    # One pool for both passes, forked before the first pass gathers anything, so workers do not
    # inherit the parent's growing state; they read the merged statistics from a file instead.
    gc.freeze()  # the lexicon and modules, shared with the workers: keep their GC from copying them
    stack = ExitStack()
    stack.callback(gc.unfreeze)
    stack.callback(drop_spool)
    window = 2 * options.workers
    try:
        pool = stack.enter_context(
            _pool(options.workers, multiprocessing.get_context("fork"), _init_worker, ())
        )
        with signature_store(options) as store:
            for chunk, part in zip(
                chunks, _ordered_map(pool, gather_batch, chunks, options, window), strict=True
            ):
                add(store, part, len(chunk))
            first = settle_first_pass(stats, store, options)
        stats_file = _save_stats(first.stats)
        stack.callback(stats_file.unlink, missing_ok=True)
    except BaseException:
        stack.close()
        raise

    def parallel() -> Iterator[BatchResult]:
        with stack:
            for chunk, result in zip(
                chunks,
                _ordered_map(pool, _clean_batch_from_file, chunks, (options, stats_file), window),
                strict=True,
            ):
                yield result
                if progress:
                    progress("clean", len(chunk))

    return first, parallel()


def _save_stats(stats: CorpusStats) -> Path:
    fd, name = tempfile.mkstemp(prefix="cleanset-corpus-", suffix=".pickle")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(stats, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return Path(name)


@lru_cache(maxsize=1)
def _load_stats(path: Path) -> CorpusStats:
    with open(path, "rb") as fh:
        return pickle.load(fh)  # written by this build's own parent process a moment ago


def _clean_batch_from_file(unit: Unit, args: tuple[BuildOptions, Path]) -> BatchResult:
    options, stats_file = args
    return clean_batch(unit, options, _load_stats(stats_file))


@contextmanager
def _pool(workers: int, mp, initializer, initargs) -> Iterator[ProcessPoolExecutor]:
    """A process pool that, on any exit, cancels what has not started instead of running it all."""
    pool = ProcessPoolExecutor(workers, mp_context=mp, initializer=initializer, initargs=initargs)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _ordered_map(pool: ProcessPoolExecutor, fn, items: list, arg, window: int) -> Iterator:
    """Results of fn(item, arg) in input order, with at most `window` batches in flight so that
    memory does not grow with the corpus."""
    pending: deque = deque()
    it = iter(items)
    for item in itertools.islice(it, window):
        pending.append(pool.submit(fn, item, arg))
    while pending:
        result = pending.popleft().result()
        nxt = next(it, None)
        if nxt is not None:
            pending.append(pool.submit(fn, nxt, arg))
        yield result


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    pin_threads()


# The thread pools of compiled libraries, each sized to every core by default: in a worker that
# is one of N processes, one thread each, so that N workers use N cores and no more.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "POLARS_MAX_THREADS",
    "RAYON_NUM_THREADS",
)


def pin_threads() -> None:
    """One thread per library in this worker process (Arrow's pools too, if Arrow is loaded)."""
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    import sys

    if "pyarrow" in sys.modules:
        import pyarrow

        pyarrow.set_cpu_count(1)
        pyarrow.set_io_thread_count(1)


class IdRegistry:
    """The record ids taken so far, as 64-bit hashes (8 bytes an id once folded into a sorted
    array), so that ids can be made unique in input order without holding every id string.

    A repeated id gets -2, -3, ... and a warning. Two ids sharing a hash would make the second one
    be renamed needlessly, never a duplicate id.

    >>> ids = IdRegistry()
    >>> records = [{"id": i, "warnings": []} for i in ["a", "b", "a", "a-2", "a"]]
    >>> ids.assign(records)
    >>> [r["id"] for r in records]
    ['a', 'b', 'a-2', 'a-2-2', 'a-3']
    """

    FOLD_AT = 1 << 16

    def __init__(self) -> None:
        self._folded = np.empty(0, np.uint64)
        self._recent: set[int] = set()
        self._last_suffix: dict[str, int] = {}  # for ids that were repeated: the last suffix given

    def reserve(self, ids: list[str]) -> None:
        """Take ids held already (a dataset's, for a batch appended to it) without renaming any."""
        for record_id in ids:
            self._take(record_id)

    def assign(self, records: list[dict]) -> None:
        for rec in records:
            base = rec["id"]
            if self._take(base):
                continue
            n = self._last_suffix.get(base, 1)
            while True:
                n += 1
                new = f"{base}-{n}"
                if self._take(new):
                    break
            self._last_suffix[base] = n
            rec["warnings"].append(f"id {base!r} was taken by an earlier input; renamed {new!r}")
            rec["id"] = new

    def _take(self, record_id: str) -> bool:
        """Register the id; False if it was taken already."""
        h = corpus_mod.key_hash(record_id)
        if h in self._recent:
            return False
        i = int(np.searchsorted(self._folded, np.uint64(h)))
        if i < len(self._folded) and int(self._folded[i]) == h:
            return False
        self._recent.add(h)
        if len(self._recent) >= self.FOLD_AT:
            self._folded = np.union1d(self._folded, np.fromiter(self._recent, np.uint64, len(self._recent)))
            self._recent = set()
        return True
