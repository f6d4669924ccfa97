"""The Ray Data engine: the same two passes as the local engine, scheduled by Ray.

The units of work (batches of files, slices of containers) become a Ray dataset; each pass is a
`map_batches` over it with an actor per CPU running the very functions the local engine runs
(`gather_batch`, then `clean_batch` with the merged statistics). Workers read their own inputs,
so every node needs cleanset installed and the input paths readable (a shared filesystem).
The driver merges the first pass's counts and consumes the second pass in input order, writing
through the same publisher as the local engine: one ordered stream keeps ids, duplicate flags
and the atomic swap of the output folder exactly as they are on one machine.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterator

from cleanset.corpus import CorpusStats
from cleanset.pipeline import (
    BatchResult,
    BuildOptions,
    FirstPass,
    clean_batch,
    first_stats,
    gather_batch,
    pin_threads,
    settle_first_pass,
    signature_store,
)
from cleanset.readers import Unit


class _Pass:
    """One actor of a pass: the first (gather) without corpus statistics, the second (clean) with."""

    def __init__(self, options: BuildOptions, corpus: CorpusStats | None = None):
        from cleanset.lexicon import load_lexicon

        pin_threads()  # one actor per CPU
        load_lexicon()
        self.options = options
        self.corpus = corpus

    def __call__(self, batch: dict) -> dict:
        units = [pickle.loads(u) for u in batch["unit"]]
        if self.corpus is None:
            parts = [gather_batch(u, self.options) for u in units]
        else:
            parts = [clean_batch(u, self.options, self.corpus) for u in units]
        return {"index": batch["index"], "result": [pickle.dumps(p) for p in parts]}


def _results(ds, cls, constructor_kwargs: dict, concurrency: int) -> Iterator[tuple[int, object]]:
    from ray.data import ActorPoolStrategy

    mapped = ds.map_batches(
        cls,
        fn_constructor_kwargs=constructor_kwargs,
        batch_size=1,
        batch_format="numpy",
        compute=ActorPoolStrategy(size=concurrency),
        num_cpus=1,
    )
    expected = 0
    for batch in mapped.iter_batches(batch_size=None, batch_format="numpy"):
        for index, blob in zip(batch["index"], batch["result"], strict=True):
            if int(index) != expected:  # preserve_order is set; a gap would mean lost work
                raise RuntimeError(f"Ray returned unit {index} where unit {expected} was due")
            expected += 1
            yield int(index), pickle.loads(blob)


def run_ray(
    units: list[Unit], options: BuildOptions, progress: Callable[[str, int], None] | None = None
) -> tuple[FirstPass, Iterator[BatchResult]]:
    if not units:
        return FirstPass(CorpusStats(), {}), iter(())
    import ray

    started = not ray.is_initialized()
    if started:
        quiet = {"log_to_driver": False, "logging_level": logging.WARNING}
        if options.ray_address:
            ray.init(address=options.ray_address, **quiet)
        else:
            ray.init(num_cpus=options.workers, include_dashboard=False, **quiet)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    concurrency = max(1, int(ray.cluster_resources().get("CPU", options.workers)))
    if options.ray_address is None:
        concurrency = min(concurrency, options.workers)
    rows = [{"index": i, "unit": pickle.dumps(u)} for i, u in enumerate(units)]
    ds = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), 4 * concurrency)))

    stats = first_stats(options)
    with signature_store(options) as store:
        for i, (part_stats, part_signatures) in _results(ds, _Pass, {"options": options}, concurrency):
            stats.merge(part_stats)
            store.add(part_signatures)
            if progress:
                progress("scan", len(units[i]))
        first = settle_first_pass(stats, store, options)

    def second() -> Iterator[BatchResult]:
        try:
            for i, result in _results(ds, _Pass, {"options": options, "corpus": first.stats}, concurrency):
                yield result
                if progress:
                    progress("clean", len(units[i]))
        finally:
            if started:
                ray.shutdown()

    return first, second()
