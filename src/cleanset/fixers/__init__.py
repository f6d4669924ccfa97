"""The repair engine: fixers in the order they run, each a plain function (text, context) -> (text, edits).

Residue runs last, on repaired text, so that no later repair can turn a line into residue
(a lowercase name after a dash becomes a site name only once it is Capitalised).
"""

from __future__ import annotations

from collections.abc import Callable

from cleanset.document import Edit
from cleanset.fixers.base import Context, Fixer
from cleanset.fixers.casing import fix_proper_case, fix_sentence_case
from cleanset.fixers.casing.reading import read_casing
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
    Fixer(
        "spacing",
        "Remove the space left before , . ; : ! ? (not ; : ! ? in French); in English, insert the space "
        "missing after them before a word.",
        fix_spacing,
    ),
    Fixer(
        "sentence_case",
        "Capitalise the first word of a sentence, paragraph or list item.",
        fix_sentence_case,
        english_only=True,
        reads_casing=True,
    ),
    Fixer(
        "proper_case",
        "Capitalise proper nouns written lowercase, on document, build and lexicon evidence.",
        fix_proper_case,
        english_only=True,
        reads_casing=True,
    ),
    Fixer("residue", "Remove publisher suffixes from headlines and chrome lines at the edges.", fix_residue),
)
FIXER_NAMES = tuple(f.name for f in REGISTRY)


def reads_casing_evidence(skip: frozenset[str]) -> bool:
    """Whether a run that skips the fixers in `skip` reads the first pass's casing counts and the
    casing lexicon: only `proper_case` does, so a run without it needs neither."""
    return "proper_case" not in skip


StepHook = Callable[[str, str, str, list[Edit]], None]


# Mojibake repair depends on the spacing around it ("Ã©" next to doubled spaces may be left for
# the next pass), so encoding and whitespace run as a pair until neither changes anything.
SETTLE_GROUP = ("encoding", "whitespace")
MAX_SETTLE_ROUNDS = 3


def run_fixers(
    text: str, ctx: Context, skip: frozenset[str] = frozenset(), on_step: StepHook | None = None
) -> tuple[str, list[Edit]]:
    """Run every fixer in order; edits of each refer to the text as that fixer received it.

    `on_step(name, before, after, edits)` is called after each fixer run.
    """
    edits: list[Edit] = []

    ctx.earlier_edits = edits
    ctx.casing_reading = None  # read afresh: the reading belongs to the text being cleaned

    def run(fixer: Fixer) -> bool:
        nonlocal text
        before = text
        text, made = fixer.run(text, ctx)
        edits.extend(made)
        if on_step is not None:
            on_step(fixer.name, before, text, made)
        return bool(made)

    active = [
        f
        for f in REGISTRY
        if f.name not in skip and not (f.english_only and ctx.language not in ("en", None))
    ]
    settle = [f for f in active if f.name in SETTLE_GROUP]
    for round_no in range(MAX_SETTLE_ROUNDS):
        changed = [run(f) for f in settle]
        # Settled when the last of the group changed nothing (in the first round: nothing it
        # could have exposed) or, in a later round, when nothing changed at all.
        if not changed or not (changed[-1] if round_no == 0 else any(changed)):
            break
    rest = [f for f in active if f.name not in SETTLE_GROUP]
    casing = [f for f in rest if f.reads_casing]
    for fixer in rest:
        if fixer.reads_casing and ctx.casing_reading is None:
            # read once, from the text the first casing fixer receives, for both of them
            ctx.casing_reading = read_casing(text, ctx)
        run(fixer)
    # Residue runs after the casing fixers, and a line it removes may have been what decided a
    # sentence start beside it ("Share the" above "the ..."): where it changed something, the
    # casing fixers weigh the text again, as a second cleaning would, and residue follows them
    # only if they changed something in turn (so that no two steps of one kind meet).
    residue_changed = bool(edits) and edits[-1].kind == "residue"
    reading = ctx.casing_reading
    for _ in range(MAX_SETTLE_ROUNDS - 1):
        if not (casing and residue_changed):
            break
        ctx.casing_reading = read_casing(text, ctx)
        if not any([run(f) for f in casing]):
            break
        residue_changed = any(run(f) for f in rest if f.name == "residue")
    if reading is not None and ctx.casing_reading is not None and not reading.damaged:
        reading = ctx.casing_reading  # the record says repaired if any round read damage
    ctx.casing_reading = reading
    return text, edits


__all__ = ["REGISTRY", "FIXER_NAMES", "Context", "Fixer", "reads_casing_evidence", "run_fixers"]
