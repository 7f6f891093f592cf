"""Older bundle versions: checked against their own frozen schema, then upgraded on read.

A version-1 bundle is read as version 1 defined it: resources/bundle-v1.schema.json is the
schema today's models produced when version 2 began, kept unchanged. A field version 1 never
had is refused by name (a newer model would otherwise accept it as if it were version 2's).
Then each upgrade step in turn brings the data to the current version; the current models
check the result like any bundle.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import resources

Json = dict[str, Any]


@cache
def frozen_schema(version: int) -> Json:
    """The JSON Schema of an older bundle version, as it was when that version was current."""
    text = resources.path(f"bundle-v{version}.schema.json").read_text(encoding="utf-8")
    schema: Json = json.loads(text)
    return schema


def _where(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def unknown_field(data: Any, version: int) -> str | None:
    """The JSON path of the first object key `version`'s schema does not allow, or None."""
    schema = frozen_schema(version)
    defs: Json = schema.get("$defs", {})

    def walk(value: Any, node: Json, path: str) -> str | None:
        if "$ref" in node:
            node = defs[str(node["$ref"]).rsplit("/", 1)[-1]]
        for choice in node.get("anyOf", []) + node.get("oneOf", []) + node.get("allOf", []):
            if _fits(value, choice):
                return walk(value, choice, path)
        if isinstance(value, dict) and "properties" in node:
            properties: Json = node["properties"]
            for key, item in value.items():
                if key not in properties:
                    return _where(path, str(key))
                found = walk(item, properties[key], _where(path, str(key)))
                if found:
                    return found
        if isinstance(value, list) and isinstance(node.get("items"), dict):
            for i, item in enumerate(value):
                found = walk(item, node["items"], f"{path}[{i}]")
                if found:
                    return found
        return None

    def _fits(value: Any, choice: Json) -> bool:
        """Whether a branch of an anyOf is the one this value takes (an object or a list)."""
        if "$ref" in choice:
            choice = defs[str(choice["$ref"]).rsplit("/", 1)[-1]]
        kind = choice.get("type")
        return (kind == "object" and isinstance(value, dict)) or (
            kind == "array" and isinstance(value, list)
        )

    return walk(data, schema, "")


def _v1_to_v2(data: Json) -> Json:
    # Version 2 adds fields only, each with a default, so version-1 data is version-2 data.
    # A later change that renames or reshapes a field adds its conversion here.
    return {**data, "version": 2}


# version n -> the step that makes it version n + 1
UPGRADES: dict[int, Callable[[Json], Json]] = {1: _v1_to_v2}


def upgrade(data: Json, current: int) -> Json:
    """Bring an older bundle's data to the `current` version, one step at a time."""
    version = int(data["version"])
    while version < current:
        data = UPGRADES[version](data)
        version += 1
    return data
