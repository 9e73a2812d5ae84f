"""The editors' field reference, generated from the schema so it cannot drift."""

from __future__ import annotations

from ..content.schema import plan_schema, resolve

KIND_NAMES = {"string": "文字", "integer": "数字", "boolean": "是或否", "array": "列表", "object": "字段组"}



def field_rows(schema: dict | None = None, prefix: str = "", required: tuple = (), seen: tuple = ()) -> list[dict]:
    """One row per field, nested fields as dotted paths (sections[].timetable[].months), in schema order.

    A shape that contains itself (a list item's items are a list) is listed once, at its first level."""
    root = plan_schema()
    schema = schema or root
    rows = []
    for name, spec in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        resolved = resolve(spec, root)
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
        for branch in _object_shapes(resolve(items, root), root):
            rows += field_rows(branch, f"{path}[].", seen=inner)
    return rows


def _object_shapes(spec: dict, root: dict) -> list[dict]:
    """The shapes with named fields that a value may take: the spec itself and its object branches (anyOf; a branch
    that only requires one field or another, as a timetable row's, is a rule, not a shape)."""
    branches = [spec, *(resolve(b, root) for b in spec.get("anyOf", []))]
    return [b for b in branches if b.get("type") == "object" and "properties" in b]


def _kind(spec: dict) -> str:
    if "enum" in spec:
        return "选项"
    if "anyOf" in spec:
        return "文字或条目"
    return KIND_NAMES.get(spec.get("type", ""), "")


def _choices(spec: dict) -> list[str]:
    labels = spec.get("x-labels", {})
    return [f"{v}（{labels[v]}）" if v in labels else str(v) for v in spec.get("enum", [])]
