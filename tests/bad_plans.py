"""The corpus of malformed plans: each one with every problem it must get, exactly, at its line.

Built from the cases of check_cases.py (which test the loader directly) plus the cases below, so
that `validate` and the site build are held to the same messages without repeating any case.
"""

from __future__ import annotations

from dataclasses import dataclass

from check_cases import FRONT_MATTER_CASES, NO_HTML, SCHEMA_CASES, STARTER, line_of

PARTIES = "parties:\n  - kindergarten: dongyuan\n    role: helping\n  - kindergarten: plan1-author\n    role: helped\n"
MACRO_RULE = ("正文中的 {{ }} 只能调用这些宏，参数只能是写明的文字：paragraphs()、outline()、leadership_group()、"
              "schedule_table()、status_report()、signature_block()")

# (what to change in the starter plan, what to write instead, [(text on the line pointed at, "column: field: message")])
MORE_CASES = [
    ("tags: [送教下乡, 环境创设]", "tagz: [送教下乡]", [("title:", "1: tags: 缺少必填字段 tags（标签）"),
                                                   ("tagz:", "1: tagz: 未知字段 tagz，是不是想写 tags？")]),
    (PARTIES, "parties: dongyuan\n", [("parties:", '10: parties: 应为列表（每项以 - 开头），得到 "dongyuan"')]),
    (PARTIES, "parties: []\n", [("parties:", "10: parties: 不能为空，至少要写一项")]),
    ("  - kindergarten: dongyuan\n    role: helping\n", "  - kindergarten: dongyuan\n",
     [("- kindergarten: dongyuan", "5: parties[0].role: 缺少必填字段 role（角色）")]),
    ("    role: helped\n", "    role: helped\n    name: 园\n",
     [("name: 园", "5: parties[1].name: 未知字段 name，可用的字段：kindergarten、role")]),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡]\nyear: 2024年",
     [("year:", '7: year: 年份必须是四位数的公历年份，如 2024，得到 "2024年"')]),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡]\nyear: 1800", [("year:", "7: year: 年份必须是四位数的公历年份，如 2024，得到 1800")]),
    ("tags: [送教下乡, 环境创设]", "tags: 送教下乡", [("tags:", '7: tags: 应为列表（每项以 - 开头），得到 "送教下乡"')]),
    ("title: 某某幼儿园结对帮扶计划", 'title: ""', [("title:", "8: title: 不能为空")]),
    ("title: 某某幼儿园结对帮扶计划", "title: [某某]", [("title:", "8: title: 应为文字，得到 列表")]),
    ("  - months: [9]\n", "  - months: [9]\n    next_year: 是\n",
     [("next_year:", '16: schedule[0].next_year: 应为true 或 false，得到 "是"')]),
    ("  - months: [9]\n", "  - months: []\n", [("months: []", "13: schedule[0].months: 不能为空，至少要写一项")]),
    ("  - months: [9]\n", "  - months: [9, 9.5]\n", [("months: [9, 9.5]", "17: schedule[0].months[1]: 月份必须是 1–12 的整数，得到 9.5")]),
    ("  - months: [9]\n", "  - months: [9]\n    year_label: 2024\n", [("year_label:", "17: schedule[0].year_label: 应为文字，得到 2024")]),
    ("        - 第一项活动\n", "        - sub:\n            items: []\n",
     [("items: []", "20: schedule[0].activities.items[0].sub.items: 不能为空，至少要写一项")]),
    ("    name: xxx\n    duty: 负责全面工作", "    duty: 负责全面工作", [("- role: 组长", "5: leadership[0].name: 缺少必填字段 name（姓名）")]),
    ("  - role: 成员\n    name: xxx\n", "  - 成员: xxx\n", [("- 成员: xxx", "5: leadership[1].name: 缺少必填字段 name（姓名）"),
                                                       ("- 成员: xxx", "5: leadership[1].role: 缺少必填字段 role（职务）"),
                                                       ("- 成员: xxx", "5: leadership[1].成员: 未知字段 成员，可用的字段：role、name、duty")]),
    ("  org: 某某幼儿园\n", "", [("  date:", "3: signature.org: 缺少必填字段 org（落款单位）")]),
    ("guiding_ideology:\n  - 在这里写指导思想，一段一项。", "guiding_ideology: 在这里写指导思想",
     [("guiding_ideology:", '19: guiding_ideology: 应为列表（每项以 - 开头），得到 "在这里写指导思想"')]),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡]\nstatus_analysis: {}", [("status_analysis:", "18: status_analysis: 不能为空，至少要写一项")]),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡, 环境创设", [("tags:", "7: YAML 格式错误：方括号或花括号没有配对，或其中各项之间少了英文逗号")]),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡, 环境创设]\n- 多余", [("- 多余", "1: YAML 格式错误：缩进不对齐，同一层的字段要用相同数量的空格缩进")]),
    ("author: plan1-author", "author: plan1-author\n  role: x", [("role: x", "7: YAML 格式错误：这里不能出现冒号；文字里含英文冒号时请给整段文字加引号")]),
    ("title: 某某幼儿园结对帮扶计划", "title: 某某 # 注释\nauthor: dongyuan", [("author: plan1-author", "1: author: 字段 author 重复出现，只能写一次")]),
    ("## 二、领导小组", "{% if true %}二{% endif %}", [("{% if", "1: 正文不能使用 {% %} 模板语句，只能调用计划宏，如 {{ schedule_table() }}")]),
    ("{{ leadership_group() }}", "{{ leadership_group() }}\n{{ config.site_name }}", [("{{ config", f"1: {MACRO_RULE}")]),
    ("{{ leadership_group() }}", "{{ leadership_group() }}\n{{ foo() }}", [("{{ foo", f"1: 不认识的宏 foo()；{MACRO_RULE}")]),
    ('{{ outline("goals") }}', '{{ outline("goals") }}\n{{ outline("title") }}',
     [('{{ outline("title")', "1: outline() 需要一个字段名，可用：goals、content、measures、organisation")]),
    ("{{ signature_block() }}", "{{ signature_block(1) }}", [("{{ signature_block(1)", "1: signature_block() 不需要参数")]),
    ("{{ schedule_table() }}", "{{ schedule_table( }}",
     [("{{ schedule_table(", "1: 正文中的 {{ }} 写法有误，请检查括号和引号是否成对（unexpected '}', expected ')'）")]),
    # The body: no HTML, no template comment or whitespace control, links only to safe places, nothing invisible.
    ("这里写计划开头的一段话。", "这里写<b>计划</b>开头的一段话。", [("这里写<b>", f"4: {NO_HTML}"), ("这里写<b>", f"9: {NO_HTML}")]),
    ("这里写计划开头的一段话。", "这里写计划开头的一段话。\n\n<!-- 草稿 -->", [("<!--", f"1: {NO_HTML}")]),
    ("这里写计划开头的一段话。", "这里写{# 注释 #}开头的一段话。", [("这里写{#", "1: 正文不能写 {# #}（模板注释会让其中的文字从页面上消失），请删除 {# 和 #}")]),
    ("{{ leadership_group() }}", "{{- leadership_group() }}", [("{{- leadership", "1: 正文中的 {{ }} 不能带减号（{{- 或 -}} 会删掉前后的换行）")]),
    ("这里写计划开头的一段话。", "这里写[计划](jav&#x61;script:alert(1))。",
     [("这里写[", '9: 链接只能是 http、https、mailto 或站内页面，得到 "jav&#x61;script:alert(1"')]),
    ("这里写计划开头的一段话。", "这里写计划&#x202E;开头的一段话。", [("这里写计划&", "6: 文字中有不可见的控制字符 U+202E，请删除")]),
]


@dataclass
class BadPlan:
    name: str                 # file stem: docs/plans/<name>.md
    content: bytes
    expected: list[str]       # every problem, as validate and the build print it

    @property
    def file(self) -> str:
        return f"docs/plans/{self.name}.md"


def _from_starter(name: str, old: str, new: str, points: list[tuple[str, str]]) -> BadPlan:
    assert old in STARTER, old
    text = STARTER.replace(old, new, 1)
    expected = [f"docs/plans/{name}.md:{line_of(text, needle) + needle.count(chr(10))}:{rest}" for needle, rest in points]
    # The slug follows the file name, so that each file has only the problem it is made for.
    return BadPlan(name, text.replace("example-pairing", name).encode("utf-8"), sorted(expected))


def _whole(name: str, text: str | bytes, rests: list[str]) -> BadPlan:
    content = text if isinstance(text, bytes) else text.encode("utf-8")
    return BadPlan(name, content, sorted(f"docs/plans/{name}.md:{rest}" for rest in rests))


def corpus() -> list[BadPlan]:
    cases = [(old, new, [(needle, expected)]) for old, new, needle, expected in SCHEMA_CASES] + MORE_CASES
    plans = [_from_starter(f"bad-{n:02d}", *case) for n, case in enumerate(cases, start=1)]
    plans += [_whole(f"bad-front-{n:02d}", f"---\n{front}---\n\n正文\n", [expected])
              for n, (front, expected) in enumerate(FRONT_MATTER_CASES, start=1)]
    gbk = STARTER.replace("example-pairing", "bad-gbk").encode("gbk")
    # Plans sit directly in docs/plans/: two plans share a slug when one's slug differs from its file name.
    starter_as = STARTER.replace("example-pairing", "bad-duplicate")
    plans += [
        _whole("bad-no-front-matter", "# 只有正文\n", ["1:1: 计划页面必须以 --- 开头的 front matter 开始"]),
        _whole("bad-unclosed", "---\ntitle: 甲\n\n正文\n", ["1:1: front matter 的 --- 没有闭合：请在最后一个字段之后单独写一行 ---"]),
        _whole("bad-empty-front-matter", "---\n---\n\n正文\n", ["2:1: front matter 必须是“字段: 值”的形式，得到 空值"]),
        _whole("bad-gbk", gbk, ["2:1: 文件不是 UTF-8 编码，请用 UTF-8 保存（记事本“另存为”时编码选 UTF-8）"]),
        _whole("bad-slug-differs", STARTER, ['3:7: slug: 网址名必须与文件名相同：文件名是 bad-slug-differs.md，网址名却是 "example-pairing"']),
        _whole("bad-duplicate-copy", starter_as,
               ['3:7: slug: 网址名必须与文件名相同：文件名是 bad-duplicate-copy.md，网址名却是 "bad-duplicate"']),
        _whole("bad-duplicate", starter_as, ['3:7: slug: 网址名 "bad-duplicate" 与 docs/plans/bad-duplicate-copy.md 重复']),
    ]
    return plans


def write_corpus(project, plans: list[BadPlan]) -> None:
    folder = project / "docs" / "plans"
    for plan in plans:
        (folder / f"{plan.name}.md").write_bytes(plan.content)
