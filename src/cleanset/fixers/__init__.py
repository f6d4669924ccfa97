"""The repair engine: fixers in the order they run, each a plain function (text, context) -> (text, edits)."""

from __future__ import annotations

from collections.abc import Callable

from cleanset.document import Edit
from cleanset.fixers.base import Context, Fixer
from cleanset.fixers.casing import fix_proper_case, fix_sentence_case
from cleanset.fixers.encoding import fix_encoding
from cleanset.fixers.residue import fix_residue
from cleanset.fixers.spacing import fix_spacing
from cleanset.fixers.whitespace import fix_whitespace

REGISTRY: tuple[Fixer, ...] = (
    Fixer("encoding", "Undo mojibake (ftfy), strip control and zero-width characters, NFC.", fix_encoding),
    Fixer(
        "whitespace",
        "CRLF to LF, NBSP and tabs to spaces, no trailing or doubled spaces, one blank line between blocks.",
        fix_whitespace,
    ),
    Fixer("residue", "Remove publisher suffixes from headlines and chrome lines at the edges.", fix_residue),
    Fixer(
        "spacing", "Insert the space missing after , . ; : ? ! before a word.", fix_spacing, english_only=True
    ),
    Fixer(
        "sentence_case",
        "Capitalise the first word of a sentence, paragraph or list item.",
        fix_sentence_case,
        english_only=True,
    ),
    Fixer(
        "proper_case",
        "Capitalise proper nouns written lowercase, on document, build and lexicon evidence.",
        fix_proper_case,
        english_only=True,
    ),
)
FIXER_NAMES = tuple(f.name for f in REGISTRY)


StepHook = Callable[[str, str, str, list[Edit]], None]


def run_fixers(
    text: str, ctx: Context, skip: frozenset[str] = frozenset(), on_step: StepHook | None = None
) -> tuple[str, list[Edit]]:
    """Run every fixer in order; edits of each refer to the text as that fixer received it.

    `on_step(name, before, after, edits)` is called after each fixer that ran.
    """
    edits: list[Edit] = []
    for fixer in REGISTRY:
        if fixer.name in skip or (fixer.english_only and ctx.language not in ("en", None)):
            continue
        before = text
        text, made = fixer.run(text, ctx)
        edits.extend(made)
        if on_step is not None:
            on_step(fixer.name, before, text, made)
    return text, edits


__all__ = ["REGISTRY", "FIXER_NAMES", "Context", "Fixer", "run_fixers"]
