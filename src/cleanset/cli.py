"""The command line: `cleanset build`, `cleanset validate`, `cleanset fixers`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cleanset.version import __version__


class _Command(typer.core.TyperCommand):
    """A command whose usage line names its arguments as people write them ("INPUT...") and whose
    help shows no value for a flag (typer writes `--strict <bool>`, which reads as if
    `--strict true` were the way to say it)."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument):
                name = param.metavar or param.name.upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def get_params(self, ctx) -> list:
        params = super().get_params(ctx)
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn scraped news articles into clean, validated, analysis-ready datasets.",
)
err = Console(stderr=True, soft_wrap=True)
out = Console()


def _version(value: bool) -> None:
    if value:
        out.print(f"cleanset {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = None,
) -> None:
    """cleanset: scraped news in, a clean dataset out."""


@app.command(cls=_Command)
def build(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUT...",
            help="Article files (.txt, .md, .html, .warc, gzipped or not), JSON Lines (.jsonl), Parquet "
            "files, saved Hugging Face datasets, or folders of these, searched recursively.",
            show_default=False,
        ),
    ],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder; replaced atomically.")] = Path(
        "dist"
    ),
    workers: Annotated[int, typer.Option(help="Worker processes; 0 means all cores.")] = 0,
    skip: Annotated[
        list[str], typer.Option(metavar="FIXER", help="Turn a fixer off (repeatable); see `cleanset fixers`.")
    ] = [],  # noqa: B006
    max_bytes: Annotated[int, typer.Option(help="Reject input files larger than this.")] = 20_000_000,
    casing: Annotated[
        str,
        typer.Option(
            metavar="default|strict",
            help="How much evidence restores a name: default (every source) or strict (the article's and "
            "the build's own writing only)."
        ),
    ] = "default",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    dedup: Annotated[
        str, typer.Option(metavar="keep|drop", help="keep: flag duplicates (duplicate_of); drop: keep only each cluster's first.")
    ] = "keep",
    dedup_threshold: Annotated[
        float, typer.Option(help="Near-duplicate threshold on estimated Jaccard similarity of word 5-grams.")
    ] = 0.5,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1, publish nothing) if any input is rejected.")
    ] = False,
    text_column: Annotated[str, typer.Option(help="Column or field holding the article text.")] = "text",
    title_column: Annotated[
        str, typer.Option(help="Column or field holding the headline, if any.")
    ] = "title",
    id_column: Annotated[str, typer.Option(help="Column or field holding the record id, if any.")] = "id",
    url_column: Annotated[str, typer.Option(help="Column or field holding the article's URL.")] = "url",
    date_column: Annotated[
        str | None,
        typer.Option(help="Column holding the publication date (default: published, date or publish_date)."),
    ] = None,
    authors_column: Annotated[str, typer.Option(help="Column holding the authors (a list, or names split by ';').")] = "authors",
    shard_size: Annotated[
        int, typer.Option(help="Records per Parquet shard (a shard also closes at 256 MB of text).")
    ] = 100_000,
    engine: Annotated[
        str, typer.Option(metavar="local|ray", help="local: a process pool on this machine; ray: Ray Data.")
    ] = "local",
    ray_address: Annotated[
        str | None, typer.Option(help="With --engine ray: the cluster to join (default: start a local Ray).")
    ] = None,
    append: Annotated[
        bool,
        typer.Option(
            "--append",
            help="Add the inputs' records to the dataset in --out as a new batch: old files are kept as "
            "they are, inputs it holds already are passed over.",
        ),
    ] = False,
) -> None:
    """Clean, structure and validate articles, and publish Parquet, a Hugging Face dataset, a card
    and a manifest to --out.

    Example: cleanset build seeds/ --out dist
    """
    from cleanset.api import build as run_build
    from cleanset.builder import InvalidRecords, NothingToPublish, RejectedInputs, UsageProblem
    from cleanset.publish import interrupts_remembered
    from cleanset.readers import Columns

    columns = Columns(
        text_column,
        title_column,
        id_column,
        url=url_column,
        published=(date_column,) if date_column else Columns.published,
        authors=authors_column,
    )
    options = dict(
        workers=workers or None,
        skip=skip,
        casing=casing,
        max_bytes=max_bytes,
        strict=strict,
        dedup=dedup,
        dedup_threshold=dedup_threshold,
        columns=columns,
        shard_size=shard_size,
        engine=engine,
        ray_address=ray_address,
        append=append,
    )
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=True,
    )
    tasks: dict[str, int] = {}

    def on_total(n: int) -> None:
        tasks["scan"] = progress.add_task("scanning", total=n)
        tasks["clean"] = progress.add_task("cleaning", total=n)

    def advance(stage: str, n: int) -> None:
        progress.advance(tasks[stage], n)

    try:
        with progress, interrupts_remembered():
            summary = run_build(inputs, out_dir, progress=advance, on_total=on_total, **options)
    except UsageProblem as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except InvalidRecords as exc:
        err.print(f"[red]error:[/red] {len(exc.problems)} schema problem(s); nothing was published:")
        for p in exc.problems[:50]:
            err.print(f"  {p}", markup=False)
        raise typer.Exit(1) from None
    except NothingToPublish as exc:
        err.print("[red]error:[/red] nothing to publish: " + escape(str(exc)))
        for r in exc.rejects[:50]:
            err.print(f"  {r.source}: {r.reason}: {r.message}", markup=False)
        raise typer.Exit(1) from None
    except RejectedInputs as exc:
        err.print(f"[red]error:[/red] --strict: {len(exc.rejects)} input(s) rejected; nothing was published:")
        for r in exc.rejects[:50]:
            err.print(f"  {r.source}: {r.reason}: {r.message}", markup=False)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print(f"[yellow]interrupted:[/yellow] nothing was published; {out_dir} is as it was")
        raise typer.Exit(130) from None
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        err.print(
            "[red]error:[/red] "
            + escape(f"{exc.strerror or exc}{where}; nothing was published, {out_dir} is as it was")
        )
        raise typer.Exit(1) from None
    if append and summary.dataset_records and not summary.records:
        err.print(
            f"nothing added: all {summary.already_in} input(s) are in {out_dir} already "
            f"({summary.dataset_records} records); it is as it was"
        )
        return
    if not quiet:
        _print_summary(summary, out_dir, append)


def _print_summary(summary, out_dir: Path, append: bool = False) -> None:
    title = f"cleanset build → {out_dir}" + (f", batch {summary.batch}" if append else "")
    table = Table(title=title, show_header=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_row("documents in", str(summary.inputs))
    if summary.already_in or append:
        table.add_row("already in the dataset", str(summary.already_in))
    table.add_row("records out", str(summary.records))
    table.add_row("rejected", str(summary.rejected))
    balance = "yes" if summary.inputs == summary.records + summary.rejected + summary.already_in else "NO"
    table.add_row("in = out + rejected" + (" + already in" if summary.already_in or append else ""), balance)
    for reason, n in sorted(summary.rejects_by_reason.items()):
        table.add_row(f"  rejected: {reason}", str(n))
    table.add_row("words", str(summary.words))
    table.add_row("duplicates flagged", str(summary.duplicates))
    if summary.duplicates_dropped:
        table.add_row("duplicates dropped", str(summary.duplicates_dropped))
    table.add_row("tables parsed", f"{summary.tables} ({summary.table_rows} rows)")
    for reading, n in sorted(summary.casing.items()):
        table.add_row(f"casing read: {reading}", str(n))
    for kind, n in sorted(summary.edits.items()):
        table.add_row(f"edits: {kind}", str(n))
    skipped = sum(summary.skipped.values())
    detail = ", ".join(f"{ext} {n}" for ext, n in sorted(summary.skipped.items()))
    table.add_row("skipped files", f"{skipped}" + (f" ({detail})" if detail else ""))
    if append:
        table.add_row("records in the dataset", str(summary.dataset_records))
    err.print(table)


@app.command(cls=_Command)
def validate(
    folder: Annotated[Path, typer.Argument(help="A folder written by `cleanset build`.")],
) -> None:
    """Re-check a published dataset: every record against the schema, files against the manifest."""
    from cleanset.verify import verify_dataset

    if not folder.is_dir():
        err.print(f"[red]error:[/red] not a folder: {folder}")
        raise typer.Exit(2)
    problems, records = verify_dataset(folder)
    if problems:
        err.print(f"[red]{len(problems)} problem(s)[/red] in {folder}:")
        for p in problems:
            err.print(f"  {p}", markup=False)
        raise typer.Exit(1)
    out.print(f"[green]ok[/green]: {records} records in {folder} match the schema and the manifest")


@app.command("fixers", cls=_Command)
def list_fixers() -> None:
    """List the fixers in the order they run."""
    from cleanset.fixers import REGISTRY

    table = Table("fixer", "English only", "what it does")
    for f in REGISTRY:
        table.add_row(f.name, "yes" if f.english_only else "no", f.description)
    out.print(table)


@app.command(cls=_Command)
def inspect(
    folder: Annotated[Path, typer.Argument(help="A folder written by `cleanset build`.")],
    record_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="Show this record in full.")] = None,
) -> None:
    """What a published dataset holds: totals, edits by kind, the most edited documents, rejects and
    duplicates; or one record in full."""
    from cleanset.inspecting import show_dataset, show_record

    if not (folder / "parquet" / "articles").is_dir():
        err.print(f"[red]error:[/red] not a cleanset dataset folder: {folder}")
        raise typer.Exit(2)
    if record_id is None:
        show_dataset(folder, out)
    elif not show_record(folder, record_id, out):
        err.print(f"[red]error:[/red] no record with id {record_id!r} in {folder}")
        raise typer.Exit(1)


@app.command(cls=_Command)
def diff(
    file: Annotated[
        Path,
        typer.Argument(
            help="One input: an article (.txt, .md, .html), or a container or archive (.jsonl, .parquet, "
            ".warc), whose records are each shown."
        ),
    ],
    skip: Annotated[list[str], typer.Option(metavar="FIXER", help="Turn a fixer off (repeatable).")] = [],  # noqa: B006
    casing: Annotated[str, typer.Option(metavar="default|strict", help="As for build.")] = "default",
) -> None:
    """Clean one input and print what would change, building nothing. Changes are coloured on a
    terminal and marked as [-removed-]{+added+} when piped."""
    from cleanset.inspecting import show_diff
    from cleanset.readers import RejectedInput

    if not file.exists():
        err.print(f"[red]error:[/red] not found: {escape(str(file))}")
        raise typer.Exit(2)
    try:
        show_diff(file, frozenset(skip), out, casing)
    except RejectedInput as exc:
        err.print(f"[red]error:[/red] {escape(str(file))}: {exc.reason}: {escape(exc.message)}")
        raise typer.Exit(1) from None
