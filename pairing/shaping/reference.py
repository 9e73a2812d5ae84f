"""The editors' reference, generated from the schema and the macro list so it cannot drift."""

from __future__ import annotations

from ..content.policy import PLAN_MACROS, fields_of_kind
from ..content.schema import plan_schema

KIND_NAMES = {"string": "文字", "integer": "整数", "boolean": "true / false", "array": "列表", "object": "字段组"}

MACRO_HELP = {
    "paragraphs": "显示一个段落字段（{fields}）。",
    "outline": "显示一个条目列表字段（{fields}），按原文编号样式编号。",
    "leadership_group": "显示领导小组（leadership）：职务：姓名（分工）。",
    "schedule_table": "以表格显示按月活动安排（schedule）。",
    "status_report": "显示现状分析（status_analysis）。",
    "signature_block": "显示文末落款（signature）。",
}


def field_rows(schema: dict | None = None, prefix: str = "", required: tuple = (), seen: tuple = ()) -> list[dict]:
    """One row per field, nested fields as dotted paths (schedule[].months, goals.items[].heading), in schema order.

    A shape that contains itself (an outline item's sub is an outline) is listed once, at its first level."""
    root = plan_schema()
    schema = schema or root
    rows = []
    for name, spec in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        resolved = _resolve(spec, root)
        rows.append({"path": path, "title": spec.get("title") or resolved.get("title", ""),
                     "kind": _kind(resolved), "required": name in schema.get("required", required),
                     "description": spec.get("description") or resolved.get("description", ""),
                     "choices": _choices(resolved)})
        if spec.get("$ref") in seen:
            continue
        inner = (*seen, spec["$ref"]) if "$ref" in spec else seen
        for branch in _object_shapes(resolved, root):
            rows += field_rows(branch, f"{path}.", seen=inner)
        items = resolved.get("items", {}) if resolved.get("type") == "array" else {}
        for branch in _object_shapes(_resolve(items, root), root):
            rows += field_rows(branch, f"{path}[].", seen=inner)
    return rows


def _object_shapes(spec: dict, root: dict) -> list[dict]:
    """The shapes with named fields that a value may take: the spec itself, or its object branches (anyOf)."""
    branches = [_resolve(b, root) for b in spec.get("anyOf", [])] or [spec]
    return [b for b in branches if b.get("type") == "object" and "properties" in b]


def _resolve(spec: dict, root: dict) -> dict:
    if "$ref" in spec:
        target = root["$defs"][spec["$ref"].rsplit("/", 1)[1]]
        return {**_resolve(target, root), **{k: v for k, v in spec.items() if k != "$ref"}}
    return spec


def _kind(spec: dict) -> str:
    if "enum" in spec:
        return "选项"
    if "anyOf" in spec:
        return "文字或条目"
    return KIND_NAMES.get(spec.get("type", ""), "")


def _choices(spec: dict) -> list[str]:
    labels = spec.get("x-labels", {})
    return [f"{v}（{labels[v]}）" if v in labels else str(v) for v in spec.get("enum", [])]


def macro_rows() -> list[dict]:
    rows = []
    for name, shows in PLAN_MACROS.items():
        if isinstance(shows, str):
            fields = fields_of_kind(shows)
            rows.append({"call": f'{name}("{fields[0]}")', "help": MACRO_HELP[name].format(fields="、".join(fields))})
        else:
            rows.append({"call": f"{name}()", "help": MACRO_HELP[name]})
    return rows
