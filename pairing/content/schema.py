"""The plan schema (schema.yml) and its checks, with messages in Chinese."""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml

from .problems import Problem, field_path
from .yamlsource import Source

SCHEMA_FILE = Path(__file__).with_name("schema.yml")
TYPE_NAMES = {"string": "文字", "integer": "整数", "number": "数字", "boolean": "true 或 false",
              "array": "列表（每项以 - 开头）", "object": "字段（键: 值）", "null": "空值"}


@lru_cache(maxsize=1)
def plan_schema() -> dict:
    return yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))


def subschema(name: str) -> dict:
    """A schema for one of the shared definitions (e.g. the kindergartens file)."""
    return {"$defs": plan_schema()["$defs"], "$ref": f"#/$defs/{name}"}


def check(source: Source, file: str, schema: dict | None = None) -> list[Problem]:
    """Every way the document breaks the schema, each at its line."""
    validator = jsonschema.Draft202012Validator(schema or plan_schema())
    problems = []
    for error in validator.iter_errors(source.data):
        problems.extend(_problems(error, source, file))
    return sorted(set(problems))


def describe(value, raw: str | None = None) -> str:
    """How a value reads back to the editor, noting YAML 1.1 surprises (no → false, 9:30 → 570)."""
    if isinstance(value, str):
        return f'"{value}"'
    if raw is not None and raw != "" and not isinstance(value, (dict, list)):
        shown = yaml.safe_dump(value, allow_unicode=True).removesuffix("\n...\n").strip()
        if raw != shown:
            return f'{raw}（YAML 把它读成了 {shown}，原意是文字的话请加引号："{raw}"）'
        return raw
    if isinstance(value, dict):
        return "字段（键: 值）"
    if isinstance(value, list):
        return "列表"
    return "空值" if value is None else str(value)


def _problems(error: jsonschema.ValidationError, source: Source, file: str) -> list[Problem]:
    if error.validator in ("anyOf", "oneOf") and error.context:
        branch = _matching_branch(error)
        if branch:
            return [p for sub in branch for p in _problems(sub, source, file)]
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        return [Problem(file, *source.where_key(path + (key,)), field_path(path + (key,)), _unknown_key(key, allowed))
                for key in extra]
    if error.validator == "required":
        missing = error.message.split("'")[1]
        title = error.schema.get("properties", {}).get(missing, {}).get("title", "")
        label = f"（{title}）" if title else ""
        return [_at(source, file, path, f"缺少必填字段 {missing}{label}", field=field_path(path + (missing,)))]
    return [_at(source, file, path, _message(error, source.scalars.get(path)))]


def _matching_branch(error):
    """For 'one of these shapes' rules, report the branch whose type the value already has."""
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    for subs in branches.values():
        if not any(s.validator == "type" and not s.path for s in subs):
            return subs
    return None


def _message(error: jsonschema.ValidationError, raw: str | None) -> str:
    schema, value, kind = error.schema, error.instance, error.validator
    got = f"，得到 {describe(value, raw)}"
    # x-error explains the rule a value broke; an empty or non-text value gets the plain message.
    plain = kind == "minLength" or (kind == "type" and schema.get("type") == "string")
    if "x-error" in schema and not plain:
        return schema["x-error"] + got
    if kind == "type":
        expected = schema["type"]
        names = "或".join(TYPE_NAMES[t] for t in ([expected] if isinstance(expected, str) else expected))
        return f"应为{names}{got}"
    if kind == "enum":
        labels = schema.get("x-labels", {})
        options = "、".join(f"{v}（{labels[v]}）" if v in labels else str(v) for v in schema["enum"])
        return f"只能是以下之一：{options}{got}"
    if kind == "minLength":
        return "不能为空"
    if kind in ("minItems", "minProperties"):
        return "不能为空，至少要写一项"
    if kind == "maxItems":
        return f"最多只能写 {schema['maxItems']} 项，现在有 {len(value)} 项"
    if kind == "uniqueItems":
        return "有重复的项"
    if kind in ("minimum", "maximum"):
        return f"应在 {schema.get('minimum')} 到 {schema.get('maximum')} 之间{got}"
    return f"不符合要求（{kind}）{got}"


def _unknown_key(key, allowed: list[str]) -> str:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f"，是不是想写 {close[0]}？" if close else f"，可用的字段：{'、'.join(allowed)}"
    return f"未知字段 {key}{hint}"


def _at(source: Source, file: str, path: tuple, message: str, field: str | None = None) -> Problem:
    line, column = source.where(path)
    return Problem(file, line, column, field if field is not None else field_path(path), message)
