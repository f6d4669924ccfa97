"""Where a build's two passes run: on this machine (in-process or a process pool) or on Ray.

Both engines run the same batch functions of `pipeline` and give the same results in the same
order; Ray is imported only when it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from cleanset.pipeline import BatchResult, BuildOptions, FirstPass, run_local
from cleanset.readers import Unit


def run_engine(
    units: list[Unit], options: BuildOptions, progress: Callable[[str, int], None] | None = None
) -> tuple[FirstPass, Iterator[BatchResult]]:
    """Both passes on the chosen engine; the same batch functions, the same results in the same order."""
    if options.engine == "ray":
        from cleanset.ray_engine import run_ray

        return run_ray(units, options, progress)
    return run_local(units, options, progress)
