"""The plan validator checks with its $refs inlined (schema.validator_for): the same errors, at the same places,
as jsonschema's own validator of the declared schema, on every seed plan broken in every way a field can be.
The compiled check (schema.plan_refusal, fastjsonschema) that decides whether a plan needs jsonschema's walk at all
accepts exactly what jsonschema accepts, on the same broken plans and more."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from pairing.content import plans, schema
from pairing.content.yamlsource import Source

ROOT = Path(__file__).resolve().parents[2]


def errors(validator, data) -> list[tuple]:
    return sorted((e.validator, tuple(e.absolute_path), tuple(e.relative_schema_path)[-1:], e.message,
                   repr(e.schema.get("x-error")), len(e.context)) for e in validator.iter_errors(data))


def values(node, path=()):
    """Each value of the data with its path, the data itself first."""
    yield path, node
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in children:
        yield from values(value, path + (key,))


def replaced(data, path: tuple, value):
    """A copy of the data with the value at path replaced (the value itself for the empty path)."""
    if not path:
        return value
    changed = copy.deepcopy(data)
    target = changed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return changed


def broken(data) -> list:
    """The data with one value changed, for every value: each scalar made a number, an empty text, a list and too
    long; each mapping given an unknown key and emptied; each list emptied and given a wrong item."""
    found = []
    for path, value in list(values(data)):
        if isinstance(value, dict):
            replacements = [{**value, "unknown_field": "x"}, {}]
        elif isinstance(value, list):
            replacements = [[], [*value, 3.5]]
        else:
            replacements = [12345, "", ["x"], "很长" * 400, None]
        found += [replaced(data, path, replacement) for replacement in replacements]
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


# Values each field is tried with besides broken()'s: other types that YAML gives (true, 2.0, a date), a text
# with a line break at its end, inside, or a separator, spaces around, markup, numbers out of range.
TRICKY = [True, False, 2.0, 3, 0, -1, 13, 2024, date(2024, 3, 1), "行\n", "一\n二", "一\u2028二", " 空格", "<b>",
          "a" * 65, "x", {"text": "x"}, [{"text": "x"}]]


def tried(data) -> list:
    """broken(data), and each value (each item of a list too) replaced by each TRICKY value."""
    return broken(data) + [replaced(data, path, value) for path, _ in list(values(data))[1:] for value in TRICKY]


def ends_a_line(data) -> bool:
    """Whether a text in the data ends with a line break (where the two checks read a pattern's $ differently)."""
    if isinstance(data, dict):
        return any(ends_a_line(key) or ends_a_line(value) for key, value in data.items())
    if isinstance(data, list):
        return any(map(ends_a_line, data))
    return isinstance(data, str) and data.endswith("\n")


def test_the_compiled_check_accepts_exactly_what_jsonschema_accepts(seed_records):
    declared = jsonschema.Draft202012Validator(schema.plan_schema())
    refused = only_compiled = 0
    for record in seed_records:
        assert schema.plan_refusal(record) is None
        for data in tried(record):
            accepted = schema.plan_refusal(data) is None
            expected = not errors(declared, data)
            if accepted:   # never accepted on a weaker reading
                assert expected, data
            elif expected:   # refused only by the compiled check: a one-line text ending with a line break
                assert ends_a_line(data), data
                only_compiled += 1
            refused += not accepted
    assert refused > 3000 and only_compiled > 10   # negative controls: the tries do break the schema


def test_a_plan_only_the_compiled_check_refuses_is_refused_with_its_fields_rule(seed_records):
    record = copy.deepcopy(next(record for record in seed_records if "original_title" in record))
    record["original_title"] += "\n"
    assert not list(schema.plan_validator().iter_errors(record))   # jsonschema alone lets it through
    problems = schema.check(Source(record), "docs/plans/x.md")
    assert len(problems) == 1, problems
    assert problems[0].file == "docs/plans/x.md" and problems[0].field == "原标题（original_title）"
    assert problems[0].message.startswith("应为一行文字（不换行") and "得到" in problems[0].message
    record["original_title"] = record["original_title"].rstrip("\n")
    assert schema.check(Source(record), "docs/plans/x.md") == []   # negative control
