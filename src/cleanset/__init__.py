"""cleanset: turn scraped news articles into clean, validated, analysis-ready datasets.

The public names are in `__all__`; they load on first use, so `import cleanset` is cheap.
"""

from cleanset.version import __version__

__all__ = [
    "Article",
    "BuildOptions",
    "BuildSummary",
    "Cleaner",
    "NothingToPublish",
    "Rejected",
    "__version__",
    "build",
    "clean",
    "clean_batch",
]

_HOMES = {
    "Article": "cleanset.api",
    "Cleaner": "cleanset.api",
    "Rejected": "cleanset.api",
    "build": "cleanset.api",
    "clean": "cleanset.api",
    "clean_batch": "cleanset.api",
    "BuildOptions": "cleanset.options",
    "BuildSummary": "cleanset.builder",
    "NothingToPublish": "cleanset.builder",
}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'cleanset' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
