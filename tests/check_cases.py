"""Broken plans and the Chinese message each must get: shared by the loader's tests (tests/content/test_checks.py)
and the build's (tests/bad_plans.py, tests/site/test_bad_builds.py), so the two always check the same cases.

Every case changes one thing in BASE, a valid plan (tests/fixtures/base-plan.md, slug example-pairing), so that each
broken plan has only the problem it is made for."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests" / "fixtures" / "base-plan.md").read_text(encoding="utf-8")
# The starter file is a guide, not a plan: its facts are empty and its sections are comments, so it never validates
# (STARTER_PROBLEMS), and nothing of it can be published by mistake.
STARTER = (ROOT / "pairing" / "content" / "starter_plan.md").read_text(encoding="utf-8")


NO_HTML = "不能包含 HTML 标签、注释或 <! <? 写法（尖括号后面紧跟字母、/、! 或 ?）：请直接写文字"
MONTH = "月份只能是 1 到 12 的数字；原文写的“春季”“每学期”等请写在“时间”里"
YEAR = "年份必须是四位数的公历年份，如 2024；原文没写年份就不要填"
TAG = "标签最长 20 个字，不能含 <、> 或 & 符号"
SLUG = "网址名只能由小写字母、数字和连字符组成（最多 64 个字符，不能是 index），如 dongyuan-pairing"
PAGE_TITLE = "不能含 <、> 或 & 符号（网页模板会把它们当作代码），最长 100 个字"
ITEM = "条目必须是一段文字，或只包含编号、小标题、正文和下级条目的一项"
NOT_FILLED = "还没有填写"
# The forms of YAML that would change a text without an error (pairing/content/yamlsource.py).
FLOW_TEXT = "一行 [ ] 或 { } 里的文字会在每个半角逗号处被拆开；请把每一项单独写一行，以“- ”开头"
WRAPPED_TEXT = ("这段文字分成了几行：换行会被读成空格（中文里会多出空格）。请写在一行里；"
                "要分段的话，在冒号后写 | 再换行，每段一行并比字段名多缩进两个空格")
COMMENT_CUT = "“ #”和后面的文字会被当作注释丢掉；请给整段文字加上引号"
# A plan is its front matter: anything after the second --- (pairing/content/policy.py plan_body_problems).
PLAN_BODY = ("计划的全部内容都写在开头两行 --- 之间（章节 sections）；"
             "第二行 --- 之后不能再写内容，请把这些文字移到相应的章节里")
ANCHORS = "不支持锚点和别名写法（& 和 *），请把内容直接写出来"
PLAN_FIELDS = ("标题（title）、网址名（slug）、旧网址名（former_slugs）、原标题（original_title）、参与幼儿园（parties）、"
               "撰写单位（author）、时间（period）、章节（sections）、标签（tags）")
ITEM_FIELDS = "编号（marker）、小标题（heading）、正文（text）、下级条目（items）"

# The fields of BASE the cases break, named as the messages name them: Chinese titles, then the key in brackets.
MONTH_1 = "章节第5项 › 活动安排第1项 › 月份第1项（sections[4].timetable[0].months[0]）"
MONTHS = "章节第5项 › 活动安排第1项 › 月份（sections[4].timetable[0].months）"
ORG = "章节第6项 › 落款 › 落款单位（sections[5].signature.org）"
PARAGRAPH = "章节第2项 › 段落第1项（sections[1].paragraphs[0]）"


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# (what to change in BASE, what to write instead, the text on the line pointed at, "column: field: message")
SCHEMA_CASES = [
    ("months: [9]", "months: [13]", "months: [13]", f"18: {MONTH_1}: {MONTH}，得到 13"),
    ("months: [9]", "months: [0]", "months: [0]", f"18: {MONTH_1}: {MONTH}，得到 0"),
    # A month is a number: a season or a term is written in the row's time (when).
    ("months: [9]", "months:\n          - 春季", "- 春季", f'13: {MONTH_1}: {MONTH}，得到 "春季"'),
    ("months: [9]", "months: 9", "months: 9", f"17: {MONTHS}: 应为列表（每项以 - 开头），得到 9"),
    ("  - 环境创设\n", "  - 送教下乡\n", "tags:\n", "3: 标签（tags）: 有重复的项"),
    ("    role: helping\n", "    role: 帮扶\n", "role: 帮扶",
     '11: 参与幼儿园第1项 › 角色（parties[0].role）: 只能是以下之一：helping（帮扶园）、helped（受援园）、guiding（指导单位），得到 "帮扶"'),
    ("      org: 某某幼儿园", "      org: no", "org: no", f'12: {ORG}: 应为文字，得到 no（它会被读成 false，原意是文字的话请加引号："no"）'),
    ("      date: XX年X月", "      date: 9:30", "date: 9:30",
     '13: 章节第6项 › 落款 › 落款日期（sections[5].signature.date）: 应为文字，得到 9:30（它会被读成 570，原意是文字的话请加引号："9:30"）'),
    ("        name: xxx\n        duty:", "        name: 010\n        duty:", "name: 010",
     '15: 章节第3项 › 小组成员第1项 › 姓名（sections[2].group[0].name）: 应为文字，得到 010（它会被读成 8，原意是文字的话请加引号："010"）'),
    ("slug: example-pairing", "slug: 示例", "slug: 示例", f'7: 网址名（slug）: {SLUG}，得到 "示例"'),
    ("  - kindergarten: dongyuan", "  - kindergarten: nowhere", "kindergarten: nowhere",
     '19: 参与幼儿园第1项 › 幼儿园编号（parties[0].kindergarten）: 未知的幼儿园编号 "nowhere"，请先在 data/kindergartens.yml 中添加'),
    ("author: plan1-author", "author: dongyuan-x", "author: dongyuan-x",
     '9: 撰写单位（author）: 撰写单位 "dongyuan-x" 必须是参与幼儿园（parties）之一；原文看不出是谁写的就删掉这一行'),
    ("title: 测试用结对帮扶计划\n", "", "slug:", "1: 标题（title）: 缺少必填字段 标题（title）"),
    ("title: 测试用结对帮扶计划", "title:", "title:", f"7: 标题（title）: {NOT_FILLED}"),
    ("        text: 跨两个月的活动", "        items: []", "items: []",
     "16: 章节第5项 › 活动安排第2项 › 条目（sections[4].timetable[1].items）: 不能为空，至少要写一项"),
    ("      - marker: 2、\n        text: 完善", "      - note: 错的键\n        text: 完善", "note: 错的键",
     f"9: 章节第4项 › 条目第2项（sections[3].list[1]）: 未知字段 note；可用的字段：{ITEM_FIELDS}"),
    ("          - marker: （1）\n            text: 建立教研制度。", "          - 7", "- 7",
     f"13: 章节第4项 › 条目第2项 › 下级条目第1项（sections[3].list[1].items[0]）: {ITEM}，得到 7"),
    ("title: 测试用结对帮扶计划", "title: 某某{{ config }}", "title: 某某", "8: 标题（title）: 不能出现 {{、{% 或 {# 这样的模板代码"),
    ("slug: example-pairing\n", "slug: example-pairing\nslug: example-pairing\n", "slug: example-pairing\nslug",
     "1: 网址名（slug）: 字段 slug 重复出现，只能写一次"),
    ("  start_year: 2024", "  start_year: 24", "start_year: 24", f"15: 时间 › 开始年份（period.start_year）: {YEAR}，得到 24"),
    # No HTML and nothing invisible in any value: as written, and as YAML decodes it ("\u202e", "\x3c").
    ("      - 以提高保教质量为目标，开展结对帮扶。", "      - 以提高<b>保教</b>质量", "<b>", f"9: {PARAGRAPH}: {NO_HTML}"),
    ("      - 以提高保教质量为目标，开展结对帮扶。", '      - "以提高\\x3cb>保教质量"', "x3cb", f"9: {PARAGRAPH}: {NO_HTML}"),
    ("      org: 某某幼儿园", '      org: "某某\\u202e幼儿园"', "u202e", f"12: {ORG}: 文字中有不可见的控制字符 U+202E，请删除"),
    ("      org: 某某幼儿园", "      org: 某某&#x202E;幼儿园", "&#x202E;", f"12: {ORG}: 文字中有不可见的控制字符 U+202E，请删除"),
    ("  - 环境创设\n", "  - 环境创设环境创设环境创设环境创设环境创设园\n", "- 环境创设环境",
     f'5: 标签第2项（tags[1]）: {TAG}，得到 "环境创设环境创设环境创设环境创设环境创设园"'),
    ("  - 送教下乡\n", "  - 送教&下乡\n", "- 送教&", f'5: 标签第1项（tags[0]）: {TAG}，得到 "送教&下乡"'),
    ("slug: example-pairing", f"slug: {'a' * 65}", "slug: aaa", f'7: 网址名（slug）: {SLUG}，得到 "{"a" * 65}"'),
    # plans/index.md would be the address of the plans' folder, not a plan's page
    ("slug: example-pairing", "slug: index", "slug: index", f'7: 网址名（slug）: {SLUG}，得到 "index"'),
    ("title: 测试用结对帮扶计划", f"title: {'园' * 101}", "title:", f'8: 标题（title）: {PAGE_TITLE}，得到 "{"园" * 101}"'),
    # YAML's anchors and aliases, and documents too deep or with too long a field name, are refused before loading.
    ("tags:\n", "tags: &t\n", "tags:", f"7: {ANCHORS}"),
    ("      date: XX年X月", "      date: *o", "date: *o", f"13: {ANCHORS}"),
    ("tags:\n", f"x: {'[' * 13}{']' * 13}\ntags:\n", "x: [", "15: 层级太深（超过 12 层），请检查括号和缩进"),
    ("tags:\n", f"{'k' * 65}: x\ntags:\n", "kkk", "1: 字段名太长（超过 64 个字符）；文字内容请写在冒号后面"),
    # An unknown field: the fields that may be written, each by its title and key.
    ("tags:\n", "template: x.html\ntags:\n", "template:", f"1: 未知字段 template；可用的字段：{PLAN_FIELDS}"),
    ("  - heading: 一、指导思想\n    kind: guiding_ideology\n    paragraphs:\n      - 以提高保教质量为目标，开展结对帮扶。\n",
     "  - heading: 一、指导思想\n    kind: guiding_ideology\n    paragraphs:\n      - 以提高保教质量为目标，开展结对帮扶。\n"
     "    list:\n      - 第一条\n", "    list:",
     "5: 章节第2项（sections[1]）: 一节只能有一种内容（段落、条目、小组成员、活动安排、落款之一），"
     "这里写了 段落（paragraphs）、条目（list）；请把它们分成前后两节"),
]


# Texts written in a form YAML would read as another text, without any error: refused, each at its value.
TEXT_FORM_CASES = [
    # A one-line list of text is split at every half-width comma (a Chinese comma "，" is not split: 甲，乙 stays one).
    ("tags:\n  - 送教下乡\n  - 环境创设\n", "tags: [甲, 乙]\n", "tags: [", f"7: {FLOW_TEXT}"),
    ("        text: 跨两个月的活动", "        items: [甲，乙, 丙]", "items: [", f"16: {FLOW_TEXT}"),
    # A text wrapped over lines gets a space at each line break: plain, quoted, or folded with >.
    ("      - 以提高保教质量为目标，开展结对帮扶。", "      - 以提高保教质量为目标，\n        开展结对帮扶。", "- 以提高", f"9: {WRAPPED_TEXT}"),
    ("      - 以提高保教质量为目标，开展结对帮扶。", '      - "以提高保教质量为目标，\n        开展结对帮扶。"', "- \"以提高",
     f"9: {WRAPPED_TEXT}"),
    ("      - 以提高保教质量为目标，开展结对帮扶。", "      - '以提高保教质量为目标，\n        开展结对帮扶。'", "- '以提高",
     f"9: {WRAPPED_TEXT}"),
    ("      - 以提高保教质量为目标，开展结对帮扶。", "      - >\n        以提高保教质量为目标，开展结对帮扶。", "- >", f"9: {WRAPPED_TEXT}"),
    # Wrapped, with a paragraph break as well: the break is kept but the wrap still becomes a space.
    ("      - 以提高保教质量为目标，开展结对帮扶。", "      - 以提高保教质量为目标，\n        开展结对帮扶。\n\n        第二段。", "- 以提高",
     f"9: {WRAPPED_TEXT}"),
    # " #" after plain text starts a comment: the rest of the line would be lost.
    ("        text: 每学期送教两次。", "        text: 每学期送教两次。 # 备注", "text: 每学期送教两次。 #", f"15: {COMMENT_CUT}"),
    ("      - marker: 1、\n        heading", "      - marker: 1、 # 编号\n        heading", "marker: 1、 #", f"17: {COMMENT_CUT}"),
    # "甲: 乙" in a list is a field named 甲, not a text: the message says so, and how to write it.
    ("          - marker: （1）\n            text: 建立教研制度。", "          - 教师培训: 定期开展", "- 教师培训",
     "13: 章节第4项 › 条目第2项 › 下级条目第1项（sections[3].list[1].items[0]）: “教师培训: …”被读成了字段名："
     "半角冒号加空格用来分开字段名和值。如果这是一段文字，请给整段加上引号，或把冒号改成全角“：”。"
     f"可用的字段：{ITEM_FIELDS}"),
]


# (what to change in BASE, what to write instead): changes that keep the plan valid, the negative controls of the
# cases above.
ACCEPTED_CASES = [
    ("months: [10, 11]", "months: [2, 3]"),                       # a one-line list of numbers is not split
    ("      - 以提高保教质量为目标，开展结对帮扶。", "      - |\n        以提高保教质量为目标，\n        开展结对帮扶。"),  # | keeps line breaks
    ("        text: 每学期送教两次。", '        text: "每学期送教两次。 # 备注"'),   # quoted: # is text
    ("        text: 每学期送教两次。", "        text: 每学期送教两次。#备注"),       # no space before #: not a comment
    ("        year: 2024\n        months: [9]", "        year: 2024  # 原文写明\n        months: [9]  # 九月"),  # comments after numbers
    ("          - marker: （1）\n            text: 建立教研制度。", '          - "教师培训: 定期开展"'),
    ("          - marker: （1）\n            text: 建立教研制度。", "          - 教师培训：定期开展"),
    ("author: plan1-author\n", ""),                                 # who wrote the plan may be unknown
    ("  text: 2024年3月至2025年1月", "  text: (20__、3---20__、12)"),   # the period as the source writes it
    ("  text: 2024年3月至2025年1月\n  start_year: 2024\n  start_month: 3\n", "  text: 每学年\n"),
    ("  - heading: 一、指导思想\n    kind: guiding_ideology\n", "  - heading: 一、指导思想\n    level: 3\n  - kind: guiding_ideology\n"),
    ("tags:\n  - 送教下乡\n  - 环境创设\n", ""),                    # no tags
    ("---\n", "---\n# 说明：这一行是注释\n"),                        # a comment line of its own
]


# (front matter, every "line:column: message" it gets)
FRONT_MATTER_CASES = [
    ("title: 甲\n\tslug: x\n", ["3:1: 格式错误：这一行用了 Tab 键缩进，请改用空格"]),
    # Read as one text wrapped over two lines, not as fields.
    ("title：甲\nslug：x\n", ["2:1: 字段名后面用了全角冒号（：），请改成英文冒号加空格（: ）"]),
    ("title: 甲\nslug:\u3000x:\u3000y\n", ["3:1: 格式错误：这一行有全角冒号或全角空格，字段名后面要用英文冒号加空格（: ）"]),
    ('title: "甲\nslug: x\n', ["2:8: 格式错误：引号没有配对，请检查这一行的引号是否成对"]),
    ("- title: 甲\n- slug: x\n", ["2:1: 两行 --- 之间必须是“字段: 值”的形式，得到 列表"]),
    ("title: 甲: 乙\n", ["2:9: 格式错误：这里不能出现冒号；文字里含英文冒号时请给整段文字加引号"]),
    ("title: 甲\x07\nslug: x\n", ["2:1: 文字中有不可见的控制字符 U+0007，请删除"]),
    ("title: 甲\n  slug: x\n", ["3:7: 格式错误：这里不能出现冒号；文字里含英文冒号时请给整段文字加引号"]),
]


# What the starter file gets: its facts are empty and its sections only a guide, as comments, until the editor
# writes them from the source. (the text the line pointed at starts with, "column: field: message")
STARTER_PROBLEMS = [
    ("title:", f"7: 标题（title）: {NOT_FILLED}"),
    ("slug:", f"6: 网址名（slug）: {NOT_FILLED}"),
    ("kindergarten:\n    role: helping", f"18: 参与幼儿园第1项 › 幼儿园编号（parties[0].kindergarten）: {NOT_FILLED}"),
    ("kindergarten:\n    role: helped", f"18: 参与幼儿园第2项 › 幼儿园编号（parties[1].kindergarten）: {NOT_FILLED}"),
    ("sections:", f"10: 章节（sections）: {NOT_FILLED}"),
]
# What a plan `python -m pairing new` has just written gets (its facts are filled in): its sections are the guide.
NO_SECTIONS = f"章节（sections）: {NOT_FILLED}"
