"""The dataset card: README.md with YAML metadata that `datasets.load_dataset(DIR)` understands."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from cleanset.schema import features, json_schema
from cleanset.version import __version__

# `datasets` is imported where it is used: it costs seconds and about 60 MB, which a build's
# workers would otherwise inherit and a build pays for only once its records are written.
if TYPE_CHECKING:
    from datasets import DatasetInfo, Features


def _info(feats: Features, rows: int) -> DatasetInfo:
    from datasets.info import DatasetInfo
    from datasets.splits import SplitDict, SplitInfo

    splits = SplitDict()
    splits.add(SplitInfo(name="train", num_examples=rows))
    return DatasetInfo(features=feats, splits=splits)


def tables_features() -> Features:
    from datasets import Features, List, Value

    return Features(
        {
            "article_id": Value("string"),
            "table_index": Value("int32"),
            "row_index": Value("int32"),
            "caption": Value("string"),
            "header": List(Value("string")),
            "cells": List(Value("string")),
            "values_num": List(Value("float64")),
        }
    )


def render_card(counts: dict, edits_by_kind: Counter[str]) -> str:
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCardData

    data = DatasetCardData(language=["en"], pretty_name="cleanset articles", tags=["news", "cleanset"])
    MetadataConfigs(
        {
            "default": {"data_files": [{"split": "train", "path": "parquet/articles/*.parquet"}]},
            "tables": {"data_files": [{"split": "train", "path": "parquet/tables/*.parquet"}]},
        }
    ).to_dataset_card_data(data)
    DatasetInfosDict(
        {
            "default": _info(features(), counts["records"]),
            "tables": _info(tables_features(), counts["table_rows"]),
        }
    ).to_dataset_card_data(data)
    fields = "\n".join(
        f"| `{name}` | {prop.get('description', '')} |" for name, prop in json_schema()["properties"].items()
    )
    edit_rows = (
        "\n".join(f"| {kind} | {n} |" for kind, n in sorted(edits_by_kind.items())) or "| (none) | 0 |"
    )
    reading_rows = (
        "\n".join(f"| {reading} | {n} |" for reading, n in sorted(counts.get("casing_readings", {}).items()))
        or "| (none) | 0 |"
    )
    body = f"""
# cleanset articles

News articles cleaned, structured and validated by cleanset {__version__}.

| figure | value |
|---|---|
| records | {counts["records"]} |
| words | {counts["words"]} |
| tables | {counts["tables"]} |
| table rows | {counts["table_rows"]} |
| duplicates flagged | {counts["duplicates"]} |
| duplicates dropped | {counts["duplicates_dropped"]} |
| rejected inputs | {counts["rejected"]} |
| skipped files | {counts["skipped"]} |

## Edits by kind

| kind | edits |
|---|---|
{edit_rows}

## Casing reading

Before any casing edit each English article is read for casing damage (the `casing` field):
`clean` articles keep their casing as written; `repaired` ones showed damage and were repaired.

| reading | records |
|---|---|
{reading_rows}

## Loading

```python
import datasets
ds = datasets.load_from_disk("hf")        # inside this folder
ds = datasets.load_dataset("path/to/this/folder", split="train")
tables = datasets.load_dataset("path/to/this/folder", "tables", split="train")
```

## Fields

| field | meaning |
|---|---|
{fields}

`parquet/tables/*.parquet` holds one row per table row: `article_id`, `table_index`, `row_index`,
`caption`, `header`, `cells`, and `values_num` (the cell's number where it clearly is one, else null).
`rejects.parquet` lists every input that did not become a record, with its reason. `manifest.json`
lists inputs and outputs with their SHA-256 and row counts.
"""
    return f"---\n{data.to_yaml()}\n---\n{body}"
