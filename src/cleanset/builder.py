"""One build, end to end: inputs in, a published dataset folder out (or the old one left intact)."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from cleanset.appending import (
    STATE_DIR,
    AppendRefused,
    EarlierDataset,
    add_counts,
    link_earlier,
    open_earlier,
    write_state,
)
from cleanset.card import render_card
from cleanset.dedup import earlier_row
from cleanset.engines import run_engine
from cleanset.pipeline import BuildOptions, IdRegistry, Reject, spooled
from cleanset.publish import (
    OutputBusy,
    ShardWriter,
    arrow_name,
    output_lock,
    sha256_file,
    staged_output,
    write_hf_dataset,
    write_manifest,
    write_rejects,
)
from cleanset.readers import ALREADY_IN, RecordSlice, discover, read_raw_text
from cleanset.report import ReportMaterial, write_report
from cleanset.version import __version__


class UsageProblem(Exception):
    """A bad argument: nothing is written (exit 2)."""


class _NothingNew(Exception):
    """An append whose every input is in the dataset already: `out` is left as it was."""


class RejectedInputs(Exception):
    """--strict and some inputs were rejected: nothing is published (exit 1)."""

    def __init__(self, rejects: list[Reject]):
        super().__init__(f"{len(rejects)} input(s) rejected")
        self.rejects = rejects


class NothingToPublish(Exception):
    """The build would publish no record: nothing is published, `out` is left as it was (exit 1).

    `summary` counts what was read; `rejects` says why each input did not become a record.
    """

    def __init__(self, message: str, summary: BuildSummary, rejects: list[Reject]):
        super().__init__(message)
        self.summary = summary
        self.rejects = rejects


class InvalidRecords(Exception):
    """Records failed schema validation: nothing is published (exit 1)."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class BuildSummary:
    inputs: int = 0
    records: int = 0
    rejected: int = 0
    words: int = 0
    tables: int = 0
    table_rows: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    edits: Counter[str] = field(default_factory=Counter)
    evidence: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, evidence) of casing edits
    rejects_by_reason: Counter[str] = field(default_factory=Counter)
    casing: Counter[str] = field(default_factory=Counter)  # records by casing reading ("none": not read)
    duplicates: int = 0  # records flagged as duplicates of an earlier one
    duplicates_dropped: int = 0
    already_in: int = 0  # appended inputs passed over: their bytes are in the dataset already
    batch: int = 1  # which batch of the dataset this build was
    dataset_records: int = 0  # records in the dataset after it (0: nothing was published)

    def evidence_table(self) -> dict[str, dict[str, int]]:
        """Casing edits counted by the evidence that decided them, per kind."""
        table: dict[str, dict[str, int]] = {}
        for (kind, evidence), n in sorted(self.evidence.items()):
            table.setdefault(kind, {})[evidence] = n
        return table

    def counts(self) -> dict:
        return {
            "inputs": self.inputs,
            "records": self.records,
            "rejected": self.rejected,
            "words": self.words,
            "duplicates": self.duplicates,
            "duplicates_dropped": self.duplicates_dropped,
            "already_in": self.already_in,
            "tables": self.tables,
            "table_rows": self.table_rows,
            "skipped": sum(self.skipped.values()),
            "skipped_by_extension": dict(self.skipped),
            "edits_by_kind": dict(sorted(self.edits.items())),
            "casing_edits_by_evidence": self.evidence_table(),
            "casing_readings": dict(sorted(self.casing.items())),
            "rejects_by_reason": dict(sorted(self.rejects_by_reason.items())),
        }


def check_arguments(inputs: list[Path], out: Path) -> None:
    """Raise UsageProblem for arguments no build can run with."""
    if not inputs:
        raise UsageProblem("no INPUT given")
    for path in inputs:
        if not path.exists():
            raise UsageProblem(f"input not found: {path}")
    out_real = out.resolve()
    if out.exists() and not out.is_dir():
        raise UsageProblem(f"--out {out} exists and is not a folder")
    for path in inputs:
        root = path.resolve()
        if path.is_dir() and (out_real == root or root in out_real.parents):
            raise UsageProblem(f"--out {out} is inside the input folder {path}: the next build would read it")
        if out_real in root.parents or out_real == root:
            raise UsageProblem(f"input {path} is inside --out {out}, which the build replaces")
    parent = out_real.parent
    while not parent.exists():
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageProblem(f"cannot write beside --out {out}: {parent} is not writable")
    if out_real.is_dir() and os.path.ismount(out_real):
        raise UsageProblem(
            f"--out {out} is a mount point: a build writes beside it and swaps the folder in, "
            "which a mount point does not allow; choose a folder inside it"
        )
    probe_writable(parent, out)


def _earlier(out: Path, options: BuildOptions) -> EarlierDataset | None:
    """The dataset in `out` a batch joins (None: `out` holds none yet), or UsageProblem saying why
    the batch may not join it."""
    try:
        return open_earlier(out, options)
    except AppendRefused as exc:
        raise UsageProblem(str(exc)) from None


def probe_writable(parent: Path, out: Path) -> None:
    """Create and remove a folder where the build will stage its output (or in the nearest
    folder that exists), so that a place that cannot be written is found before any work: some,
    like /proc, pass the permission test."""
    try:
        probe = Path(tempfile.mkdtemp(prefix=".cleanset-probe-", dir=parent))
        probe.rmdir()
    except OSError as exc:
        raise UsageProblem(
            f"cannot write --out {out}: no folder can be made in {parent} ({exc.strerror or exc})"
        ) from None


def build(
    inputs: list[Path],
    out: Path,
    options: BuildOptions,
    progress: Callable[[str, int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    append: bool = False,
) -> BuildSummary:
    """Build `inputs` into `out`; with `append`, add their records to the dataset in `out` as a
    new batch (old files unchanged), or build it where `out` holds none."""
    check_arguments(inputs, out)
    try:
        with output_lock(out):
            earlier = _earlier(out, options) if append else None
            return _build(inputs, out, options, progress, on_total, earlier)
    except OutputBusy as exc:
        raise UsageProblem(str(exc)) from None
    except _NothingNew as nothing:
        return nothing.args[0]


def _build(
    inputs: list[Path],
    out: Path,
    options: BuildOptions,
    progress: Callable[[str, int], None] | None,
    on_total: Callable[[int], None] | None,
    earlier: EarlierDataset | None,
) -> BuildSummary:
    found = discover(inputs, options.batch_size, options.columns)
    total = found.documents
    if total == 0 and not found.problems:
        summary = BuildSummary(skipped=found.skipped)
        others = ", ".join(f"{ext or '(no extension)'} {n}" for ext, n in sorted(found.skipped.items()))
        what = f" (only files of other kinds: {others})" if others else ""
        raise NothingToPublish(
            f"no article inputs found in {', '.join(map(str, inputs))}{what}; {out} is as it was",
            summary,
            [],
        )
    summary = BuildSummary(inputs=total + len(found.problems), skipped=found.skipped)
    summary.batch = len(earlier.batches) + 1 if earlier else 1
    if on_total:
        on_total(total)
    rejects: list[Reject] = [Reject(p, reason, msg) for p, reason, msg in found.problems]
    input_entries: list[dict] = []
    kept_sources: list[tuple[str, str]] = []  # (source, id) of the records kept, in order
    taken: list[str] = []  # the inputs this batch took (SHA-256 prefixes), for the next to pass over
    with ExitStack() as stack, staged_output(out) as staging:
        if options.engine == "local":  # what the first pass read, for the second pass and the report
            options = replace(options, spool=stack.enter_context(tempfile.TemporaryDirectory(prefix="cleanset-spool-")))
        options = replace(
            options, earlier=str(earlier.state) if earlier else None, state_out=str(staging / STATE_DIR)
        )
        linked = link_earlier(earlier, staging) if earlier else {}
        writer = ShardWriter(staging, options.shard_size, first_shard=earlier.shard_count() if earlier else 0)
        ids = IdRegistry()
        signed_ids: list[str | None] = []
        if earlier:
            ids.reserve(earlier.record_ids())
            signed_ids = earlier.signed_ids()
        first, results = run_engine(found.units, options, progress)
        material = ReportMaterial()
        roots = {m.first for m in first.duplicates.values()}
        id_of: dict[str, str] = {}  # ids of the first members of duplicate clusters
        for root in roots:  # ... among earlier batches' records
            row = earlier_row(root)
            if row is not None and signed_ids[row] is not None:
                id_of[root] = signed_ids[row]
        # A container (JSON Lines, Parquet, saved dataset) is one manifest entry with counts; its
        # rows are traced by each record's `source` and `input_sha256` and by rejects.parquet.
        containers: dict[str, dict] = {}
        for unit, batch in zip(found.units, results, strict=True):
            if batch.invalid:
                raise InvalidRecords(batch.invalid)
            ids.assign(batch.records)
            container = _container_entry(containers, unit) if isinstance(unit, RecordSlice) else None
            kept = []
            for rec in batch.records:
                if rec["source"] in roots:
                    id_of[rec["source"]] = rec["id"]
                match = first.duplicates.get(rec["source"])
                if match and match.first in id_of:
                    rec["duplicate_of"] = id_of[match.first]
                    rec["near_duplicate_score"] = match.score
                    summary.duplicates += 1
                    if options.dedup == "drop":
                        summary.duplicates_dropped += 1
                        message = f"duplicate of {rec['duplicate_of']} (similarity {match.score:.2f})"
                        rejects.append(Reject(rec["source"], "duplicate", message, rec["input_sha256"]))
                        continue
                kept.append(rec)
                kept_sources.append((rec["source"], rec["id"]))
                taken.append(rec["input_sha256"][:16])
                material.add(rec)
                summary.records += 1
                summary.words += rec["n_words"]
                summary.tables += len(rec["tables"])
                summary.table_rows += sum(len(t["rows"]) for t in rec["tables"])
                summary.edits.update(e["kind"] for e in rec["edits"])
                summary.evidence.update((e["kind"], e["evidence"]) for e in rec["edits"] if e["evidence"])
                summary.casing[rec["casing"] or "none"] += 1
                if container is not None:
                    container["records"] += 1
                else:
                    input_entries.append(
                        {"source": rec["source"], "sha256": rec["input_sha256"], "record": rec["id"]}
                    )
            writer.add(kept)
            for r in batch.rejects:
                if r.reason == ALREADY_IN:
                    summary.already_in += 1
                    if container is not None:
                        container["already_in"] = container.get("already_in", 0) + 1
                else:
                    rejects.append(r)
        writer.flush()
        failures = [r for r in rejects if r.reason != "duplicate"]
        if options.strict and failures:
            raise RejectedInputs(failures)
        for r in rejects:
            summary.rejected += 1
            summary.rejects_by_reason[r.reason] += 1
            name, row_mark, _ = r.source.rpartition("#")
            if row_mark and name in containers:
                containers[name]["rejected"] += 1
            else:
                input_entries.append({"source": r.source, "sha256": r.input_sha256, "rejected": r.reason})
        if earlier is not None and summary.records == 0 and summary.rejected == 0:
            summary.dataset_records = earlier.manifest["counts"]["records"]
            raise _NothingNew(summary)
        if summary.records == 0:
            reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(summary.rejects_by_reason.items()))
            what = f"all {summary.rejected} input(s) were rejected ({reasons})"
            if summary.already_in:
                what = f"{summary.already_in} input(s) are in {out} already, the other {summary.rejected} were rejected ({reasons})"
            raise NothingToPublish(f"{what}; {out} is as it was", summary, rejects)
        input_entries.extend(containers.values())
        for entry in input_entries:
            entry["batch"] = summary.batch
        new_rejects = [r.to_dict() for r in rejects]
        write_rejects((earlier.rejects() if earlier else []) + new_rejects, staging / "rejects.parquet")
        write_hf_dataset(writer.paths, staging / "hf", earlier.folder / "hf" if earlier else None)
        write_state(
            staging / STATE_DIR,
            earlier,
            first.signed or [],
            kept_sources,
            taken + [r.input_sha256 for r in rejects if r.input_sha256],
        )
        counts = summary.counts()
        totals = add_counts(earlier.manifest["counts"], counts) if earlier else counts
        summary.dataset_records = totals["records"]
        (staging / "README.md").write_text(render_card(totals, Counter(totals["edits_by_kind"])), encoding="utf-8")
        built_at = datetime.now(timezone.utc)
        write_report(
            staging / "report.html",
            counts,
            summary.edits,
            material,
            counts["casing_edits_by_evidence"],
            new_rejects,
            lambda source: read_raw_text(
                found, source, options.max_bytes, options.columns, _spool_reader(options.spool)
            ),
            options.to_dict(),
            built_at.strftime("%Y-%m-%d %H:%M UTC"),
            totals=totals if earlier else None,
            batch=summary.batch,
        )
        new_files = [*writer.paths, *writer.table_paths, *(staging / "hf" / arrow_name(p) for p in writer.paths)]
        added = sorted(p.relative_to(staging).as_posix() for p in new_files)
        batch = {
            "batch": summary.batch,
            "built_at": built_at.isoformat(timespec="seconds"),
            "cleanset_version": __version__,
            "arguments": [str(p) for p in inputs],
            "options": options.to_dict(),
            "counts": counts,
        }
        write_manifest(
            staging,
            (earlier.manifest["inputs"] if earlier else []) + sorted(input_entries, key=lambda e: e["source"]),
            options.to_dict(),
            totals,
            batches=(earlier.batches if earlier else []) + [batch],
            added=added,
            known=linked,
        )
    return summary


def _spool_reader(spool: str | None) -> Callable:
    """What the first pass read of a unit, from the spool, the last few units kept in memory."""
    recent: dict[int, list | None] = {}

    def read(unit) -> list | None:
        if id(unit) not in recent:
            if len(recent) >= 4:
                recent.pop(next(iter(recent)))
            recent[id(unit)] = spooled(unit, spool)
        return recent[id(unit)]

    return read


def _container_entry(containers: dict[str, dict], unit: RecordSlice) -> dict:
    entry = containers.get(unit.name)
    if entry is None:
        digest = sha256_file(unit.path) if unit.path.is_file() else None  # a saved dataset is a folder
        entry = containers[unit.name] = {
            "source": unit.name,
            "sha256": digest,
            "kind": unit.kind,
            "records": 0,
            "rejected": 0,
        }
    return entry
