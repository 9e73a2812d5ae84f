"""The corpus of malformed plans: each one with every problem it must get, exactly, at its line.

Built from the cases of check_cases.py (which test the loader directly) plus the cases below, so
that `validate` and the site build are held to the same messages without repeating any case.
"""

from __future__ import annotations

from dataclasses import dataclass

from check_cases import (BASE, FRONT_MATTER_CASES, MONTH, MONTHS, PLAN_BODY, SCHEMA_CASES, STARTER, STARTER_PROBLEMS,
                         TEXT_FORM_CASES, YEAR, line_of)

PARTIES = "parties:\n  - kindergarten: dongyuan\n    role: helping\n  - kindergarten: plan1-author\n    role: helped\n"
TAGS = "tags:\n  - 送教下乡\n  - 环境创设\n"
ROW_1 = "章节第5项 › 活动安排第1项"
GROUP = "章节第3项 › 小组成员"
START_YEAR = "时间 › 开始年份（period.start_year）"

# (what to change in the base plan, what to write instead, [(text on the line pointed at, "column: field: message")])
MORE_CASES = [
    ("tags:\n", "tagz:\n", [("tagz:", "1: 未知字段 tagz；是不是想写 标签（tags）？")]),
    (PARTIES, "parties: dongyuan\n", [("parties:", '10: 参与幼儿园（parties）: 应为列表（每项以 - 开头），得到 "dongyuan"')]),
    (PARTIES, "parties: []\n", [("parties:", "10: 参与幼儿园（parties）: 不能为空，至少要写一项")]),
    ("  - kindergarten: dongyuan\n    role: helping\n", "  - kindergarten: dongyuan\n",
     [("- kindergarten: dongyuan", "5: 参与幼儿园第1项 › 角色（parties[0].role）: 缺少必填字段 角色（role）")]),
    ("    role: helped\n", "    role: helped\n    name: 园\n",
     [("name: 园", "5: 参与幼儿园第2项（parties[1]）: 未知字段 name；可用的字段：幼儿园编号（kindergarten）、角色（role）")]),
    ("  start_year: 2024", "  start_year: 2024年", [("start_year:", f'15: {START_YEAR}: {YEAR}，得到 "2024年"')]),
    ("  start_year: 2024", "  start_year: 1800", [("start_year:", f"15: {START_YEAR}: {YEAR}，得到 1800")]),
    ("  text: 2024年3月至2025年1月\n", "",
     [("  start_year:", "3: 时间 › 原文写法（period.text）: 缺少必填字段 原文写法（text）")]),
    (TAGS, "tags: 送教下乡\n", [("tags:", '7: 标签（tags）: 应为列表（每项以 - 开头），得到 "送教下乡"')]),
    ("title: 测试用结对帮扶计划", 'title: ""', [("title:", "8: 标题（title）: 不能为空")]),
    ("title: 测试用结对帮扶计划", "title:\n  - 某某", [("- 某某", "3: 标题（title）: 应为文字，得到 列表")]),
    # A section: one kind of content, a heading of one line, a level and a kind from the lists.
    ("  - heading: 一、指导思想\n", "  - {}\n  - heading: 一、指导思想\n", [("- {}", "5: 章节第2项（sections[1]）: 不能为空，至少要写一项")]),
    ("  - heading: 一、指导思想\n", '  - heading: "一、指导思想 "\n',
     [("heading: \"一、", '14: 章节第2项 › 标题（sections[1].heading）: 应为一行文字（不换行，两端不留空格，最长 200 个字），得到 "一、指导思想 "')]),
    ("  - heading: 一、指导思想\n", "  - heading: 一、指导思想\n    level: 5\n",
     [("level: 5", "12: 章节第2项 › 标题级别（sections[1].level）: 只能是以下之一：2、3、4，得到 5")]),
    ("    kind: guiding_ideology\n", "    kind: 指导思想\n",
     [("kind: 指导思想", "11: 章节第2项 › 类别（sections[1].kind）: 只能是以下之一：intro（引言）、background（背景）、"
       "guiding_ideology（指导思想）、purpose（目的）、principles（原则）、status（现状分析）、partners（结对对象）、"
       "leadership（领导小组）、goals（目标）、content（帮扶内容）、method（结对方式）、measures（措施）、organisation（组织实施）、"
       "schedule（活动安排）、requirements（工作要求）、expected_results（预期效果）、safeguards（保障措施）、closing（结语），"
       '得到 "指导思想"')]),
    ("    paragraphs:\n      - 以提高保教质量为目标，开展结对帮扶。", "    paragraphs: 以提高保教质量为目标，开展结对帮扶。",
     [("paragraphs: 以提高", '17: 章节第2项 › 段落（sections[1].paragraphs）: 应为列表（每项以 - 开头），得到 "以提高保教质量为目标，开展结对帮扶。"')]),
    ("  - signature:\n      org: 某某幼儿园\n      date: XX年X月", "  - signature: {}",
     [("signature: {}", "16: 章节第6项 › 落款（sections[5].signature）: 不能为空，至少要写一项")]),
    # The timetable: each row its time (when) as written, then its text or items; months are numbers.
    ("      - when: 九月份：\n        year: 2024\n", "      - year: 2024\n",
     [("- year: 2024", f"9: {ROW_1} › 时间（sections[4].timetable[0].when）: 缺少必填字段 时间（when）")]),
    ("        year: 2024\n        months: [10, 11]\n        text: 跨两个月的活动\n", "",
     [("- when: 十、", "9: 章节第5项 › 活动安排第2项（sections[4].timetable[1]）: "
       "每个安排行要写时间（when），再写正文（text）或条目（items）")]),
    ("      - when: 九月份：", "      - when: 2024", [("when: 2024", f"15: {ROW_1} › 时间（sections[4].timetable[0].when）: 应为文字，得到 2024")]),
    ("months: [9]", "months: []", [("months: []", f"17: {MONTHS}: 不能为空，至少要写一项")]),
    ("months: [9]", "months: [9, 9]", [("months: [9, 9]", f"17: {MONTHS}: 有重复的项")]),
    ("months: [9]", "months: [9, 9.5]", [("months: [9, 9.5]", f"21: {ROW_1} › 月份第2项（sections[4].timetable[0].months[1]）: {MONTH}，得到 9.5")]),
    ("        items:\n          - marker: （1）\n            text: 建立教研制度。", "        items: []",
     [("items: []", "16: 章节第4项 › 条目第2项 › 下级条目（sections[3].list[1].items）: 不能为空，至少要写一项")]),
    # A group: each member a name, with the role and duty as written.
    ("        name: xxx\n        duty: （负责全面工作）", "        duty: （负责全面工作）",
     [("- role: 组长：", f"9: {GROUP}第1项 › 姓名（sections[2].group[0].name）: 缺少必填字段 姓名（name）")]),
    ("      - role: 成员：\n        name: xxx\n", "      - 成员: xxx\n",
     [("- 成员: xxx", f"9: {GROUP}第2项 › 姓名（sections[2].group[1].name）: 缺少必填字段 姓名（name）"),
      ("- 成员: xxx", f"9: {GROUP}第2项（sections[2].group[1]）: “成员: …”被读成了字段名：半角冒号加空格用来分开字段名和值。"
                      "如果这是一段文字，请给整段加上引号，或把冒号改成全角“：”。可用的字段：职务（role）、姓名（name）、分工（duty）")]),
    # Front matter that does not parse.
    (TAGS, "tags: [送教下乡, 环境创设\n", [("tags:", "7: 格式错误：方括号或花括号没有配对，或其中各项之间少了英文逗号")]),
    ("  - 环境创设\n", "  - 环境创设\n- 多余\n", [("- 多余", "1: 格式错误：缩进不对齐，同一层的字段要用相同数量的空格缩进")]),
    ("author: plan1-author", "author: plan1-author\n  role: x", [("role: x", "7: 格式错误：这里不能出现冒号；文字里含英文冒号时请给整段文字加引号")]),
    ("title: 测试用结对帮扶计划", "title: 测试用结对帮扶计划\nauthor: dongyuan", [("author: plan1-author", "1: 撰写单位（author）: 字段 author 重复出现，只能写一次")]),
]


@dataclass
class BadPlan:
    name: str                 # file stem: docs/plans/<name>.md
    content: bytes
    expected: list[str]       # every problem, as validate and the build print it

    @property
    def file(self) -> str:
        return f"docs/plans/{self.name}.md"


def _from_base(name: str, old: str, new: str, points: list[tuple[str, str]]) -> BadPlan:
    assert old in BASE, old
    text = BASE.replace(old, new, 1)
    expected = [f"docs/plans/{name}.md:{line_of(text, needle) + needle.count(chr(10))}:{rest}" for needle, rest in points]
    # The slug follows the file name, so that each file has only the problem it is made for.
    return BadPlan(name, text.replace("example-pairing", name).encode("utf-8"), in_order(expected))


def _whole(name: str, text: str | bytes, rests: list[str]) -> BadPlan:
    content = text if isinstance(text, bytes) else text.encode("utf-8")
    return BadPlan(name, content, in_order(f"docs/plans/{name}.md:{rest}" for rest in rests))


def in_order(lines) -> list[str]:
    """Problems in the order validate prints them: by file, then line and column as numbers."""
    def key(line: str):
        file, number, column, rest = line.split(":", 3)
        return file, int(number), int(column), rest
    return sorted(lines, key=key)


def corpus() -> list[BadPlan]:
    cases = [(old, new, [(needle, expected)]) for old, new, needle, expected in SCHEMA_CASES + TEXT_FORM_CASES] + MORE_CASES
    plans = [_from_base(f"bad-{n:02d}", *case) for n, case in enumerate(cases, start=1)]
    plans += [_whole(f"bad-front-{n:02d}", f"---\n{front}---\n", expected)
              for n, (front, expected) in enumerate(FRONT_MATTER_CASES, start=1)]
    gbk = BASE.replace("example-pairing", "bad-gbk").encode("gbk")
    # Plans sit directly in docs/plans/: two plans share a slug when one's slug differs from its file name.
    base_as = BASE.replace("example-pairing", "bad-duplicate")
    body_line = BASE.count("\n") + 2
    plans += [
        _whole("bad-no-front-matter", "# 只有正文\n", ["1:1: 计划页面的第一行必须是 ---，各字段写在两行 --- 之间"]),
        _whole("bad-unclosed", "---\ntitle: 甲\n\n正文\n", ["1:1: 开头的 --- 没有闭合：请在最后一个字段之后单独写一行 ---"]),
        _whole("bad-empty-front-matter", "---\n---\n", ["2:1: 两行 --- 之间必须是“字段: 值”的形式，得到 空值"]),
        _whole("bad-gbk", gbk, ["2:1: 文件不是 UTF-8 编码，请用 UTF-8 保存（记事本“另存为”时编码选 UTF-8）"]),
        _whole("bad-slug-differs", BASE, ['3:7: 网址名（slug）: 网址名必须与文件名相同：文件名是 bad-slug-differs.md，网址名却是 "example-pairing"']),
        _whole("bad-duplicate-copy", base_as,
               ['3:7: 网址名（slug）: 网址名必须与文件名相同：文件名是 bad-duplicate-copy.md，网址名却是 "bad-duplicate"']),
        _whole("bad-duplicate", base_as, ['3:7: 网址名（slug）: 网址名 "bad-duplicate" 与 docs/plans/bad-duplicate-copy.md 重复']),
        # A plan is its front matter: no text after it, not even the macros plans used to call.
        _whole("bad-body", BASE.replace("example-pairing", "bad-body") + "\n为促进两园共同发展，特制定本计划。\n",
               [f"{body_line}:1: {PLAN_BODY}"]),
        _whole("bad-body-macro", BASE.replace("example-pairing", "bad-body-macro") + '\n## 三、工作目标\n\n{{ outline("goals") }}\n',
               [f"{body_line}:1: {PLAN_BODY}"]),
        # The starter file is a guide, not a plan: copied as it is, it is refused.
        _whole("bad-starter", STARTER, [f"{line_of(STARTER, needle)}:{rest}" for needle, rest in STARTER_PROBLEMS]),
    ]
    return plans


def write_corpus(project, plans: list[BadPlan]) -> None:
    folder = project / "docs" / "plans"
    for plan in plans:
        (folder / f"{plan.name}.md").write_bytes(plan.content)
