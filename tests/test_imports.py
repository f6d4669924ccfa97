"""Data flows one way through the package: no module imports, however lazily, one that imports it back,
and no module imports one of a later layer."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "cleanset"

# From the shared helpers at the bottom to the command line at the top. A module may import
# modules of its own layer and of the layers below it.
LAYERS = [
    {"_scan", "version", "tokens", "document", "schema", "language", "dedup", "readers.decode", "readers.page_title"},
    {"tables", "names", "headline_suffix", "diffing", "structure"},
    {
        "readers",
        "readers.byline",
        "readers.wrapping",
        "readers.pages",
        "readers.records",
        "readers.warc",
        "readers.markdown",
    },
    {"corpus", "lexicon", "options"},
    {"fixers.base", "fixers.encoding", "fixers.whitespace", "fixers.spacing", "fixers.residue"},
    {
        "fixers.casing.thresholds",
        "fixers.casing.lines",
        "fixers.casing.lexical",
        "fixers.casing.document",
        "fixers.casing.starts",
    },
    {"fixers.casing.site", "fixers.casing.reading"},
    {"fixers.casing.weigh", "fixers.casing.gate", "fixers.casing.sentences"},
    {"fixers.casing.names", "fixers.casing", "fixers"},
    {"pipeline"},
    {"ray_engine", "engines"},
    {"publish", "card", "report", "verify", "inspecting", "appending"},
    {"builder", "api"},
    {"cli", "__main__", ""},
]


def module_names() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    found["_scan"] = PACKAGE.parent.parent / "rust" / "src" / "lib.rs"  # the compiled scanner
    return found


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Every cleanset module a module imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "cleanset":
            base = node.module.removeprefix("cleanset").lstrip(".")
            names = [f"{base}.{a.name}".lstrip(".") for a in node.names]
            if base or not all(n in known for n in names):  # `from cleanset import _scan` imports no __init__
                names.append(base)
        elif isinstance(node, ast.Import):
            names = [
                a.name.removeprefix("cleanset").lstrip(".")
                for a in node.names
                if a.name.split(".")[0] == "cleanset"
            ]
        found.update(n for n in names if n in known)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {
        name: imports_of(path, set(modules)) - {name} if path.suffix == ".py" else set()
        for name, path in modules.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_inside_cleanset():
    assert circles(import_graph()) == []


def test_every_module_has_a_layer():
    layered = set().union(*LAYERS)
    assert set(module_names()) - layered == set()


def test_imports_go_down_the_layers_only():
    layer = {name: n for n, names in enumerate(LAYERS) for name in names}
    upward = [
        f"{name} imports {dep}"
        for name, deps in import_graph().items()
        for dep in deps
        if layer[dep] > layer[name]
    ]
    assert upward == []
