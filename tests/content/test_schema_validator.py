"""The plan validator checks with its $refs inlined (schema.validator_for): the same errors, at the same places,
as jsonschema's own validator of the declared schema, on every seed plan broken in every way a field can be."""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest

from pairing.content import plans, schema

ROOT = Path(__file__).resolve().parents[2]


def errors(validator, data) -> list[tuple]:
    return sorted((e.validator, tuple(e.absolute_path), tuple(e.relative_schema_path)[-1:], e.message,
                   repr(e.schema.get("x-error")), len(e.context)) for e in validator.iter_errors(data))


def broken(data) -> list:
    """The data with one value changed, for every value: each scalar made a number, an empty text, a list and too
    long; each mapping given an unknown key and emptied; each list emptied and given a wrong item."""
    found = []

    def each(node, path):
        yield path, node
        if isinstance(node, dict):
            for key, value in node.items():
                yield from each(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from each(value, path + (index,))

    for path, value in list(each(data, ())):
        if isinstance(value, dict):
            replacements = [{**value, "unknown_field": "x"}, {}]
        elif isinstance(value, list):
            replacements = [[], [*value, 3.5]]
        else:
            replacements = [12345, "", ["x"], "很长" * 400, None]
        for replacement in replacements:
            changed = copy.deepcopy(data)
            if not path:
                found.append(replacement)
                continue
            target = changed
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = replacement
            found.append(changed)
    return found


@pytest.fixture(scope="module")
def seed_records():
    collection = plans.load(ROOT, ROOT / "docs", ROOT / "data")
    return [plan.record() for plan in collection.plans.values()]


def test_the_inlined_validator_finds_exactly_what_the_declared_schema_finds(seed_records):
    declared = jsonschema.Draft202012Validator(schema.plan_schema())
    inlined = schema.plan_validator()
    compared = 0
    for record in seed_records:
        assert errors(inlined, record) == errors(declared, record) == []
        for data in broken(record):
            expected = errors(declared, data)
            assert errors(inlined, data) == expected
            compared += bool(expected)
    assert compared > 1000   # negative control: the broken plans do break the schema


def test_only_definitions_on_a_cycle_keep_their_reference():
    defs = {"a": {"$ref": "#/$defs/b"}, "b": {"type": "string"},
            "list": {"type": "array", "items": {"$ref": "#/$defs/item"}},
            "item": {"properties": {"items": {"$ref": "#/$defs/list"}}}}
    assert schema.recursive_definitions(defs) == {"list", "item"}
    flat = schema.validator_for({"$defs": defs, "properties": {"x": {"$ref": "#/$defs/a", "title": "X"}}}).schema
    assert flat["properties"]["x"] == {"type": "string", "title": "X"}
    assert "$ref" not in str(flat["properties"]) and flat["$defs"] == defs
    assert "$ref" in str(schema.plan_validator().schema["properties"]["sections"])   # the nested lists keep theirs
