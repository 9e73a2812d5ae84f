"""Broken plans and the Chinese message each must get: shared by the loader's tests (tests/content/test_checks.py)
and the build's (tests/bad_plans.py, tests/site/test_bad_builds.py), so the two always check the same cases."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTER = (ROOT / "pairing" / "content" / "starter_plan.md").read_text(encoding="utf-8")


NO_HTML = "不能包含 HTML 标签、注释或 <! <? 写法：请直接写文字，链接写成 [文字](网址)"


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


SCHEMA_CASES = [
    ("months: [9]", "months: [13]", "months: [13]", "14: schedule[0].months[0]: 月份必须是 1–12 的整数，得到 13"),
    ("months: [9]", "months: [0]", "months: [0]", "14: schedule[0].months[0]: 月份必须是 1–12 的整数，得到 0"),
    ("months: [9]", 'months: ["九"]', 'months: ["九"]', '14: schedule[0].months[0]: 月份必须是 1–12 的整数，得到 "九"'),
    ("months: [9]", "months: 9", "months: 9", "13: schedule[0].months: 应为列表（每项以 - 开头），得到 9"),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡, 送教下乡]", "tags:", "7: tags: 有重复的项"),
    ("    role: helping\n", "    role: 帮扶\n", "role: 帮扶",
     '11: parties[0].role: 只能是以下之一：helping（帮扶园）、helped（受援园）、guiding（指导单位），得到 "帮扶"'),
    ("  - role: 组长\n", "  - role: 队长\n", "role: 队长", '11: leadership[0].role: 只能是以下之一：组长、副组长、组员、成员，得到 "队长"'),
    ("  org: 某某幼儿园", "  org: no", "org: no", '8: signature.org: 应为文字，得到 no（YAML 把它读成了 false，原意是文字的话请加引号："no"）'),
    ("  date: XX年X月", "  date: 9:30", "date: 9:30", '9: signature.date: 应为文字，得到 9:30（YAML 把它读成了 570，原意是文字的话请加引号："9:30"）'),
    ("    name: xxx\n    duty: 负责全面工作", "    name: 010\n    duty: 负责全面工作", "name: 010",
     '11: leadership[0].name: 应为文字，得到 010（YAML 把它读成了 8，原意是文字的话请加引号："010"）'),
    ("slug: example-pairing", "slug: 示例", "slug: 示例", '7: slug: 网址名只能由小写字母、数字和连字符组成（最多 64 个字符），如 dongyuan-pairing，得到 "示例"'),
    ("  - kindergarten: dongyuan", "  - kindergarten: nowhere", "kindergarten: nowhere",
     '19: parties[0].kindergarten: 未知的幼儿园编号 "nowhere"，请先在 data/kindergartens.yml 中添加'),
    ("author: plan1-author", "author: dongyuan-x", "author: dongyuan-x", '9: author: 撰写单位 "dongyuan-x" 必须是 parties 中的一所幼儿园'),
    ("title: 某某幼儿园结对帮扶计划\n", "", "slug:", "1: title: 缺少必填字段 title（标题）"),
    ("      items: [跨两个月的活动]", "      items: []", "items: []", "14: schedule[1].activities.items: 不能为空，至少要写一项"),
    ("goals:\n  numbering: 1、", "goals:\n  numbering: 1)", "numbering: 1)",
     '14: goals.numbering: 只能是以下之一：1、、1.、一、、（一）、A、、①、(1)、一是，得到 "1)"'),
    ("    - 没有小标题的目标直接写一段文字。", "    - title: 错的键", "title: 错的键", "7: goals.items[1].title: 未知字段 title，可用的字段：heading、text、sub"),
    ("    - 没有小标题的目标直接写一段文字。", "    - 7", "- 7", "7: goals.items[1]: 条目必须是一段文字，或只包含 heading、text、sub 的条目，得到 7"),
    ("title: 某某幼儿园结对帮扶计划", "title: 某某{{ config }}", "title: 某某", "8: title: 不能出现 {{、{% 或 {# 这样的模板代码"),
    ("slug: example-pairing\n", "slug: example-pairing\nslug: example-pairing\n", "slug: example-pairing\nslug", "1: slug: 字段 slug 重复出现，只能写一次"),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡]\nyear: 24", "year: 24", "7: year: 年份必须是四位数的公历年份，如 2024，得到 24"),
    # No HTML and nothing invisible in any value: as written, and as YAML decodes it ("\u202e", "\x3c").
    ("  - 在这里写指导思想，一段一项。", "  - 在这里写<b>指导</b>思想", "<b>", f"5: guiding_ideology[0]: {NO_HTML}"),
    ("  - 在这里写指导思想，一段一项。", '  - "在这里写\\x3cb>指导思想"', "x3cb", f"5: guiding_ideology[0]: {NO_HTML}"),
    ("  org: 某某幼儿园", '  org: "某某\\u202e幼儿园"', "u202e", "8: signature.org: 文字中有不可见的控制字符 U+202E，请删除"),
    ("  org: 某某幼儿园", "  org: 某某&#x202E;幼儿园", "&#x202E;", "8: signature.org: 文字中有不可见的控制字符 U+202E，请删除"),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡, 环境创设环境创设环境创设环境创设环境创设园]", "tags:",
     '14: tags[1]: 标签最长 20 个字，不能含 <、> 或 & 符号，得到 "环境创设环境创设环境创设环境创设环境创设园"'),
    ("tags: [送教下乡, 环境创设]", "tags: [送教&下乡]", "tags:", '8: tags[0]: 标签最长 20 个字，不能含 <、> 或 & 符号，得到 "送教&下乡"'),
    ("slug: example-pairing", f"slug: {'a' * 65}", "slug: aaa",
     f'7: slug: 网址名只能由小写字母、数字和连字符组成（最多 64 个字符），如 dongyuan-pairing，得到 "{"a" * 65}"'),
    ("title: 某某幼儿园结对帮扶计划", f"title: {'园' * 101}", "title:",
     f'8: title: 不能含 <、> 或 & 符号（网页模板会把它们当作代码），最长 100 个字，得到 "{"园" * 101}"'),
    # YAML's anchors and aliases, and documents too deep or with too long a field name, are refused before loading.
    ("tags: [送教下乡, 环境创设]", "tags: &t [送教下乡, 环境创设]", "tags:", "7: 不支持 YAML 的锚点和别名（& 和 *），请把内容直接写出来"),
    ("  date: XX年X月", "  date: *o", "date: *o", "9: 不支持 YAML 的锚点和别名（& 和 *），请把内容直接写出来"),
    ("tags: [送教下乡, 环境创设]", f"tags: [送教下乡]\nx: {'[' * 13}{']' * 13}", "x: [", "15: 层级太深（超过 12 层），请检查括号和缩进"),
    ("tags: [送教下乡, 环境创设]", f"tags: [送教下乡]\n{'k' * 65}: x", "kkk", "1: 字段名太长（超过 64 个字符）；文字内容请写在冒号后面"),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡]\ntemplate: x.html", "template:", "1: template: 未知字段 template，可用的字段：title、slug、former_slugs、original_title、year、parties、author、guiding_ideology、"
     "principles、status_analysis、leadership、goals、content、measures、organisation、schedule、signature、tags"),
]


FRONT_MATTER_CASES = [
    ("title: 甲\n\tslug: x\n", "3:1: YAML 格式错误：这一行用了 Tab 键缩进，请改用空格"),
    ("title：甲\nslug：x\n", "2:1: 字段名后面用了全角冒号（：），请改成英文冒号加空格（: ）"),
    ("title: 甲\nslug:\u3000x:\u3000y\n", "3:1: YAML 格式错误：这一行有全角冒号或全角空格，字段名后面要用英文冒号加空格（: ）"),
    ('title: "甲\nslug: x\n', "2:8: YAML 格式错误：引号没有配对，请检查这一行的引号是否成对"),
    ("- title: 甲\n- slug: x\n", "2:1: front matter 必须是“字段: 值”的形式，得到 列表"),
    ("title: 甲: 乙\n", "2:9: YAML 格式错误：这里不能出现冒号；文字里含英文冒号时请给整段文字加引号"),
    ("title: 甲\x07\nslug: x\n", "2:1: 文字中有不可见的控制字符 U+0007，请删除"),
    ("title: 甲\n  slug: x\n", "3:7: YAML 格式错误：这里不能出现冒号；文字里含英文冒号时请给整段文字加引号"),
]
