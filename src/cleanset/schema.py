"""The record schema: read from schemas/article.schema.json, from which the Arrow schema and the
Hugging Face Features follow, and the validator that checks every record against it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: cleaning one file needs neither
    import pyarrow as pa
    from jsonschema import Draft202012Validator

SCHEMA_FILE = "article.schema.json"


@lru_cache(maxsize=1)
def json_schema() -> dict:
    packaged = resources.files("cleanset") / "schemas" / SCHEMA_FILE
    if packaged.is_file():
        return json.loads(packaged.read_text(encoding="utf-8"))
    repo = Path(__file__).resolve().parents[2] / "schemas" / SCHEMA_FILE
    return json.loads(repo.read_text(encoding="utf-8"))


def schema_version() -> int:
    """The version the schema file declares (its `schema_version` constant)."""
    return json_schema()["properties"]["schema_version"]["const"]


def _arrow_type(node: dict) -> tuple[pa.DataType, bool]:
    """(Arrow type, nullable) for one JSON Schema node."""
    import pyarrow as pa

    types = node.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    nullable = "null" in types
    types = [t for t in types if t != "null"]
    if len(types) != 1:
        raise ValueError(f"schema node needs exactly one non-null type: {node}")
    t = types[0]
    if t == "string":
        return pa.string(), nullable
    if t == "integer":
        return pa.int64(), nullable
    if t == "number":
        return pa.float64(), nullable
    if t == "boolean":
        return pa.bool_(), nullable
    if t == "array":
        item, _ = _arrow_type(node["items"])
        return pa.list_(item), nullable
    if t == "object":
        return pa.struct(_fields(node)), nullable
    raise ValueError(f"unsupported JSON Schema type {t!r}")


def _fields(node: dict) -> list[pa.Field]:
    import pyarrow as pa

    fields = []
    for name, prop in node["properties"].items():
        typ, nullable = _arrow_type(prop)
        meta = {"description": prop["description"]} if "description" in prop else None
        fields.append(pa.field(name, typ, nullable=nullable, metadata=meta))
    return fields


@lru_cache(maxsize=1)
def arrow_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema(_fields(json_schema()))


def features():
    from datasets import Features

    return Features.from_arrow_schema(arrow_schema())


@dataclass(frozen=True)
class Problem:
    record_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"record {self.record_id!r}, field {self.field}: {self.message}"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@lru_cache(maxsize=1)
def _fast_check():
    """The same schema compiled to Python by fastjsonschema: about 20 times faster, so it checks
    every record, and jsonschema explains the few that fail. The schema uses only keywords that
    draft 7 shares with draft 2020-12."""
    import fastjsonschema

    return fastjsonschema.compile({**json_schema(), "$schema": "http://json-schema.org/draft-07/schema#"})


def validate_record(record: dict) -> list[Problem]:
    """Every way the record breaks the schema; empty when it is valid."""
    try:
        _fast_check()(record)
        return []
    except Exception:  # noqa: BLE001 (any failure of the fast check: let jsonschema explain)
        pass
    rid = str(record.get("id", "?"))
    problems = []
    for err in sorted(_validator().iter_errors(record), key=lambda e: list(map(str, e.absolute_path))):
        path = "/".join(str(p) for p in err.absolute_path) or "(record)"
        problems.append(Problem(rid, path, err.message))
    return problems
