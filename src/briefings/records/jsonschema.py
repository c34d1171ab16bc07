"""JSON Schemas of the record files, for editors.

Made from the validation models (``briefings.records.schema``), so the two cannot
drift apart: field docstrings become descriptions, and editors with the YAML language
server (VS Code's Red Hat YAML extension, and others) complete keys and flag mistakes
while the user types. The records are YAML read as written (``2024-10-23T14:30`` is
text until the model reads it), so dates and times are strings with a pattern here.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from briefings.records.schema import Meeting, Visit

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
LOCAL_DATETIME = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?$"
LOCAL_DATE = r"^\d{4}-\d{2}-\d{2}$"
RECORD_MODELS: dict[str, type[BaseModel]] = {"visit": Visit, "meeting": Meeting}
"""The record files: ``visit.yaml`` and each file of ``meetings/``."""


class RecordSchema(GenerateJsonSchema):
    """pydantic's generator, with dates and times as the records write them."""

    def datetime_schema(self, schema: core_schema.DatetimeSchema) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": LOCAL_DATETIME,
            "description": "A local date and time, e.g. 2024-10-23T14:30",
        }

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {"type": "string", "pattern": LOCAL_DATE, "description": "A date, e.g. 2024-10-23"}


def record_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a record file: ``visit`` or ``meeting``."""
    model = RECORD_MODELS[kind]
    schema = model.model_json_schema(schema_generator=RecordSchema)
    return {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.schema.json", **schema}


def schema_text(kind: str) -> str:
    """The schema as the file ``briefings schema`` prints and ``briefings new`` writes."""
    return json.dumps(record_schema(kind), indent=2, ensure_ascii=False) + "\n"
