"""The plan schema (schema.yml) and its checks, with messages in Chinese."""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

import fastjsonschema
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
    """Every way the document breaks the schema, each at its line, its field named by its Chinese title.

    A plan is first judged by the compiled check (plan_refusal: the same schema, a tenth of the time); only a
    plan it refuses is walked by jsonschema, whose errors say where and why. Should jsonschema find nothing to
    say about a plan the compiled check refused, the plan is still refused (disagreement(), never a pass)."""
    root = schema or plan_schema()
    problems = one_of_problems(source, file, root)
    if schema is not None:
        return sorted(set(problems + _explained(validator_for(root), source, file, root)))
    refusal = plan_refusal(source.data)
    if refusal is None:
        return sorted(set(problems))
    explained = _explained(plan_validator(), source, file, root) or [disagreement(refusal, source, file, root)]
    return sorted(set(problems + explained))


def _explained(validator: jsonschema.Draft202012Validator, source: Source, file: str, root: dict) -> list[Problem]:
    return [problem for error in validator.iter_errors(source.data) for problem in _problems(error, source, file, root)]


@lru_cache(maxsize=1)
def plan_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(flat_schema(plan_schema()))


def validator_for(root: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(flat_schema(root))


def flat_schema(root: dict) -> dict:
    """The schema with each $ref that is not part of a cycle replaced by the definition it names: the same rules,
    without a reference looked up for every value (a quarter of jsonschema's time of checking a plan).
    A definition that refers back to itself (a list's items hold lists) keeps its $ref."""
    defs = root.get("$defs", {})
    kept = recursive_definitions(defs)
    return {key: value if key == "$defs" else inline_refs(value, defs, kept) for key, value in root.items()}


# The compiled check (fastjsonschema: Python code made from schema.yml, once per process, never from a plan).
# It reads drafts 4 to 7, where a $ref's sibling rules are ignored; draft7_refs() moves them beside the $ref
# (allOf), so it checks exactly the rules of the 2020-12 schema. Defaults are never written into a plan.
@lru_cache(maxsize=1)
def plan_conformance():
    return fastjsonschema.compile(draft7_refs(flat_schema(plan_schema())), use_default=False, use_formats=False)


def plan_refusal(data) -> fastjsonschema.JsonSchemaValueException | None:
    """None when the plan meets the schema, else the compiled check's first error."""
    try:
        plan_conformance()(data)
    except fastjsonschema.JsonSchemaValueException as error:
        return error
    return None


def draft7_refs(node):
    """A 2020-12 schema for a draft-7 validator: {"$ref": r, rules…} becomes {"allOf": [{"$ref": r}, {rules…}]}."""
    if isinstance(node, list):
        return [draft7_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: draft7_refs(value) for key, value in node.items()}
    rules = {key: value for key, value in node.items() if key != "$ref"}
    return {"allOf": [{"$ref": node["$ref"]}, rules]} if "$ref" in node and rules else node


def disagreement(refusal: fastjsonschema.JsonSchemaValueException, source: Source, file: str, root: dict) -> Problem:
    """A plan the compiled check refused and jsonschema did not: still refused, at the value the compiled check
    named, with that field's own rule. (They differ on one thing: a pattern's $ is the end of the text for the
    compiled check, as JSON Schema means it, but also before a last line break for Python's re, which jsonschema
    uses; so a one-line field that ends with a line break is refused here.)"""
    path = tuple(refusal.path[1:])   # its first part is the document itself ("data")
    spec = root
    for part in path:
        spec = _child(spec, part, root)
    rule = spec.get("x-error") or "不符合字段说明里的要求"
    return _at(source, file, path, f"{rule}，得到 {describe(refusal.value)}", field=field_label(path, root))


def inline_refs(node, defs: dict, kept: set[str]):
    if isinstance(node, dict):
        name = _ref_name(node)
        if name is not None and name not in kept:
            return {**inline_refs(defs[name], defs, kept), **{k: v for k, v in node.items() if k != "$ref"}}
        return {key: inline_refs(value, defs, kept) for key, value in node.items()}
    if isinstance(node, list):
        return [inline_refs(item, defs, kept) for item in node]
    return node


def recursive_definitions(defs: dict) -> set[str]:
    """The definitions from which a chain of $refs leads back to themselves."""
    refers = {name: set(_ref_names(spec)) for name, spec in defs.items()}

    def reachable(start: str) -> set[str]:
        seen, todo = set(), list(refers[start])
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo += refers.get(name, ())
        return seen

    return {name for name in defs if name in reachable(name)}


def _ref_name(node: dict) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[1] if isinstance(ref, str) and ref.startswith("#/$defs/") else None


def _ref_names(node):
    if isinstance(node, dict):
        if (name := _ref_name(node)) is not None:
            yield name
        for value in node.values():
            yield from _ref_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _ref_names(item)


def resolve(spec: dict, root: dict | None = None) -> dict:
    """A schema with its $ref followed (the title of the referring schema kept)."""
    root = root or plan_schema()
    while "$ref" in spec:
        target = root["$defs"][spec["$ref"].rsplit("/", 1)[1]] if spec["$ref"].startswith("#/$defs/") else plan_schema()
        spec = {**target, **{k: v for k, v in spec.items() if k != "$ref"}}
    return spec


def _child(spec: dict, part, root: dict) -> dict:
    """The schema of a value's part (a key of a mapping, an index of a list)."""
    spec = resolve(spec, root)
    if isinstance(part, int):
        return resolve(spec.get("items", {}), root)
    for branch in [spec, *[resolve(b, root) for b in spec.get("anyOf", [])]]:
        if part in branch.get("properties", {}):
            return resolve(branch["properties"][part], root)
    extra = spec.get("additionalProperties")
    return resolve(extra, root) if isinstance(extra, dict) else {}


def field_label(path: tuple, root: dict | None = None) -> str:
    """A field as an editor reads it: its Chinese titles, then its key in brackets.
    ("sections", 2, "list", 0, "text") → "章节第3项 › 条目第1项 › 正文（sections[2].list[0].text）"."""
    if not path:
        return ""
    root = root or plan_schema()
    spec, names = root, []
    for part in path:
        spec = _child(spec, part, root)
        if isinstance(part, int):
            ordinal = f"第{part + 1}项"
            names[-1:] = [names[-1] + ordinal] if names else [ordinal]
        else:
            names.append(spec.get("title") or str(part))
    shown, key = " › ".join(names), field_path(path)
    return key if shown == key else f"{shown}（{key}）"


def title_with_key(spec: dict, key: str, root: dict | None = None) -> str:
    """标题（title）: a field named by its title and its key."""
    title = resolve(spec, root).get("title") if isinstance(spec, dict) else None
    return f"{title}（{key}）" if title and title != key else key


def one_of_problems(source: Source, file: str, root: dict) -> list[Problem]:
    """x-one-of: a value may hold at most one of the listed keys (a section has one kind of content)."""
    problems = []

    def walk(value, spec: dict, path: tuple) -> None:
        spec = resolve(spec, root)
        if isinstance(value, dict):
            kinds = [key for key in spec.get("x-one-of", []) if key in value]
            if len(kinds) > 1:
                props = spec.get("properties", {})
                named = "、".join(title_with_key(props[k], k, root) for k in kinds)
                allowed = "、".join(resolve(props[k], root).get("title", k) for k in spec["x-one-of"])
                line, column = source.where_key(path + (kinds[1],))
                problems.append(Problem(file, line, column, field_label(path, root),
                                        f"一节只能有一种内容（{allowed}之一），这里写了 {named}；请把它们分成前后两节"))
            for key, item in value.items():
                walk(item, _child(spec, key, root), path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, _child(spec, index, root), path + (index,))

    walk(source.data, root, ())
    return problems


def describe(value, raw: str | None = None) -> str:
    """How a value reads back to the editor, noting YAML 1.1 surprises (no → false, 9:30 → 570)."""
    if isinstance(value, str):
        return f'"{value}"'
    if raw is not None and raw != "" and not isinstance(value, (dict, list)):
        shown = yaml.safe_dump(value, allow_unicode=True).removesuffix("\n...\n").strip()
        if raw != shown:
            return f'{raw}（它会被读成 {shown}，原意是文字的话请加引号："{raw}"）'
        return raw
    if isinstance(value, dict):
        return "字段（键: 值）"
    if isinstance(value, list):
        return "列表"
    return "空值" if value is None else str(value)


def _problems(error: jsonschema.ValidationError, source: Source, file: str, root: dict) -> list[Problem]:
    if error.validator == "anyOf" and error.context and "x-error" in error.schema and all(
            sub.validator == "required" for sub in error.context):
        # "One of these fields is needed" (a timetable row's text or items): the rule's own message.
        return [_at(source, file, tuple(error.absolute_path), error.schema["x-error"],
                    field=field_label(tuple(error.absolute_path), root))]
    if error.validator in ("anyOf", "oneOf") and error.context:
        branch = _matching_branch(error)
        if branch:
            return [p for sub in branch for p in _problems(sub, source, file, root)]
    path = tuple(error.absolute_path)
    if "propertyNames" in error.absolute_schema_path and isinstance(error.instance, str):
        # Why: a bad key is a key of the mapping at path; point at the key itself, not at the mapping's start.
        line, column = source.where_key(path + (error.instance,))
        return [Problem(file, line, column, field_label(path + (error.instance,), root),
                        _message(error, None))]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        properties = error.schema.get("properties", {})
        extra = [k for k in error.instance if k not in properties]
        return [Problem(file, *source.where_key(path + (key,)), field_label(path, root) or "",
                        _unknown_key(key, properties, root)) for key in extra]
    if error.validator == "required":
        missing = error.message.split("'")[1]
        spec = error.schema.get("properties", {}).get(missing, {})
        return [_at(source, file, path, f"缺少必填字段 {title_with_key(spec, missing, root)}",
                    field=field_label(path + (missing,), root))]
    return [_at(source, file, path, _message(error, source.scalars.get(path)), field=field_label(path, root))]


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
    if value is None and kind == "type":
        return "还没有填写"
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
    if kind == "maxLength":
        return f"太长了：最多 {schema['maxLength']} 个字，现在有 {len(value)} 个字"
    if kind == "const":
        return f"只能写 {describe(schema['const'])}{got}"
    return f"写法不符合要求{got}"


def _unknown_key(key, properties: dict, root: dict) -> str:
    named = {name: title_with_key(spec, name, root) for name, spec in properties.items()}
    # Why: "教师培训: 定期…" in a list is read as a field named 教师培训; the editor meant one line of text.
    if not str(key).isascii():
        return (f"“{key}: …”被读成了字段名：半角冒号加空格用来分开字段名和值。"
                f"如果这是一段文字，请给整段加上引号，或把冒号改成全角“：”。可用的字段：{'、'.join(named.values())}")
    close = difflib.get_close_matches(str(key), list(named), n=1)
    hint = f"是不是想写 {named[close[0]]}？" if close else f"可用的字段：{'、'.join(named.values())}"
    return f"未知字段 {key}；{hint}"


def _at(source: Source, file: str, path: tuple, message: str, field: str | None = None) -> Problem:
    line, column = source.where(path)
    return Problem(file, line, column, field if field is not None else field_path(path), message)
