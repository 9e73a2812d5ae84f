"""Plans of any shape build, and their pages show every text of every section in the plan's order, with nothing
added: an activity scheme in phases, a two-year plan with dated rows, a 送教下乡 scheme of one day, a template-like
plan with a placeholder period and no author, a plan with two months in two rows, and a plan with no time at all.

The plans are written here for the tests (none is a copy of any published document). One site is built with all
of them beside the seeds; each page's sections (the article between the card and the history) must read exactly
as the texts of the plan's sections, walked here independently of pairing/, joined in order.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import icalendar
import pytest
import yaml

from builtpage import article, plan_body, squeeze, text_of
from conftest import copy_site, run_build
from pairing.site import pagetext
from pairing.content import plans
from pairing.shaping import directory

# The words the site puts around a timetable's rows: its caption and the labels of its columns, not facts.
TIMETABLE_LABELS = "活动安排" + "时间安排"

# (a) An activity scheme: purpose, principles, way of pairing, content, and phases without months.
ACTIVITY_SCHEME = {
    "title": "城乡幼儿园手拉手结对活动方案",
    "slug": "shape-activity-scheme",
    "parties": [{"kindergarten": "dongyuan", "role": "helping"}, {"kindergarten": "z-town", "role": "helped"}],
    "author": "dongyuan",
    "sections": [
        {"kind": "intro", "paragraphs": ["为发挥城区幼儿园的带动作用，帮助乡镇幼儿园提高保教质量，经两园商定开展手拉手结对活动，特制定本方案。"]},
        {"heading": "一、活动目的", "kind": "purpose",
         "paragraphs": ["帮助z镇幼儿园完善一日活动安排，提高教师组织游戏活动的能力。", "让两园教师在互相观摩中共同成长。"]},
        {"heading": "二、活动原则", "kind": "principles", "list": [
            {"marker": "1.", "text": "因园制宜，按需帮扶。"}, {"marker": "2.", "text": "互相学习，共同提高。"}]},
        {"heading": "三、结对方式", "kind": "method", "paragraphs": ["两园教师一对一结成师徒，每学期互访不少于两次。"]},
        {"heading": "四、帮扶内容", "kind": "content", "list": [
            {"marker": "（一）", "heading": "园务管理：", "text": "协助修订班级常规管理制度。"},
            {"marker": "（二）", "heading": "教育教学：", "text": "每月共同设计一次户外游戏活动。\n活动后两园教师一起反思。"}]},
        {"heading": "五、实施步骤", "kind": "schedule", "timetable": [
            {"when": "启动阶段", "text": "召开两园结对座谈会，确定结对教师名单。"},
            {"when": "实施阶段", "items": [{"marker": "1、", "text": "师徒互相听课，每人每月不少于一节。"},
                                          {"marker": "2、", "text": "共同开展一次家长开放日。"}]},
            {"when": "总结阶段", "text": "整理活动资料，交流结对心得。"}]},
    ],
}

# (b) A plan over two years: a period with years and months, nested (1)(2) items, 工作要求, rows with years.
TWO_YEARS = {
    "title": "两年结对帮扶工作计划",
    "slug": "shape-two-years",
    "parties": [{"kindergarten": "xx-county-jiguan", "role": "helping"},
                {"kindergarten": "xx-town-central", "role": "helped"}],
    "author": "xx-county-jiguan",
    "period": {"text": "2023年4月至2025年4月", "start_year": 2023, "start_month": 4, "end_year": 2025, "end_month": 4},
    "sections": [
        {"heading": "一、工作目标", "kind": "goals", "list": [
            {"marker": "1、", "heading": "提升管理水平。", "items": [
                {"marker": "(1)", "text": "建立园务公开制度。"}, {"marker": "(2)", "text": "每学期召开一次家长委员会。"}]},
            {"marker": "2、", "heading": "提升教师素质。", "text": "两年内培养两名镇级骨干教师。"}]},
        {"heading": "二、工作要求", "kind": "requirements", "list": [
            {"marker": "（一）", "text": "结对双方要指定专人负责，做好活动记录。"},
            {"marker": "（二）", "text": "每次活动后及时反馈，调整下一阶段的安排。"}]},
        {"heading": "（三）工作要求补充：", "level": 3, "kind": "requirements",
         "paragraphs": ["遇到特殊情况，活动时间可以由两园协商调整。"]},
        {"heading": "三、时间安排", "kind": "schedule", "timetable": [
            {"when": "2023年4月—6月", "year": 2023, "months": [4, 5, 6], "text": "调研受援园现状，制定帮扶细则。"},
            {"when": "2023年9月—2024年1月", "year": 2023, "months": [9, 10, 11, 12, 1],
             "items": [{"marker": "1、", "text": "送教两次。"}, {"marker": "2、", "text": "组织一次联合教研。"}]},
            {"when": "2024年全年", "year": 2024, "text": "跟岗学习与送教交替进行。"},
            {"when": "2025年3月—4月", "year": 2025, "months": [3, 4], "text": "两年工作总结。"}]},
        {"signature": {"org": "XX县机关幼儿园", "date": "2023年3月"}},
    ],
}

# (c) A 送教下乡 scheme of one day: its facts as list items with headings, a morning and an afternoon.
SEND_TEACHING = {
    "title": "送教下乡活动方案",
    "slug": "shape-send-teaching",
    "parties": [{"kindergarten": "gaojian", "role": "helping"}, {"kindergarten": "jinzhu", "role": "helped"}],
    "author": "gaojian",
    "sections": [
        {"heading": "一、活动安排", "list": [
            {"heading": "主题：", "text": "快乐游戏 健康成长"},
            {"heading": "时间：", "text": "十一月下旬的一天"},
            {"heading": "地点：", "text": "金竹幼儿园多功能室"},
            {"heading": "参与人员：", "text": "高枧幼儿园骨干教师三名，金竹幼儿园全体教师"}]},
        {"heading": "二、活动流程", "kind": "schedule", "timetable": [
            {"when": "上午", "items": [{"marker": "1.", "text": "观摩骨干教师示范活动《小兔乖乖》。"},
                                      {"marker": "2.", "text": "分组说课、评课。"}]},
            {"when": "下午", "text": "专题讲座：如何在区域活动中观察幼儿。"}]},
        {"signature": {"org": "高枧幼儿园", "date": "二〇二四年十一月"}},
    ],
    "tags": ["送教下乡"],
}

# (d) A plan written like a form: a placeholder period, no author, and nowhere "我园".
PLACEHOLDER = {
    "title": "幼儿园结对帮扶计划（范本）",
    "slug": "shape-placeholder",
    "parties": [{"kindergarten": "xianyang-jiguan", "role": "helping"},
                {"kindergarten": "shaanxi-private", "role": "helped"}],
    "period": {"text": "(20__、3---20__、12)"},
    "sections": [
        {"paragraphs": ["为加强园际交流，两园结成帮扶对子，制定本计划。"]},
        {"heading": "一、帮扶措施", "list": [
            {"marker": "1、", "text": "每月开展一次联合教研，由帮扶园教师主持。"},
            {"marker": "2、", "text": "受援园教师每学期到帮扶园跟班学习一周。"}]},
        {"heading": "二、20__年重点工作", "paragraphs": ["完善本园的__项制度（*以实际为准*）。"]},
        {"heading": "三、活动安排", "timetable": [
            {"when": "3月", "months": [3], "text": "制定学期帮扶计划。"},
            {"when": "12月", "months": [12], "text": "总结本年度帮扶工作。"}]},
        {"signature": {"org": "XX幼儿园", "date": "20__年__月"}},
    ],
}

# (e) Two months in two rows: each row keeps its own time, and nothing joins them into a span.
TWO_MONTHS = {
    "title": "春秋两季结对活动计划",
    "slug": "shape-two-months",
    "parties": [{"kindergarten": "dongyuan", "role": "helping"}, {"kindergarten": "plan1-author", "role": "helped"}],
    "author": "plan1-author",
    "sections": [
        {"paragraphs": ["两园商定在春季和秋季各开展一次结对活动。"]},
        {"heading": "活动安排", "timetable": [
            {"when": "三月：", "months": [3], "text": "春季户外游戏观摩。"},
            {"when": "九月：", "months": [9], "text": "秋季新生入园适应交流。"}]},
    ],
}

# (f) No time at all: no period and no timetable.
NO_TIME = {
    "title": "结对帮扶倡议书",
    "slug": "shape-no-time",
    "parties": [{"kindergarten": "gaojian", "role": "helping"}, {"kindergarten": "jinzhu", "role": "helped"}],
    "sections": [
        {"paragraphs": ["让我们携起手来，结成帮扶对子，共同办好家门口的幼儿园。"]},
        {"heading": "倡议人", "group": [{"role": "园长：", "name": "xxx"}, {"role": "教研组长：", "name": "xxx",
                                                                      "duty": "（负责联络）"}]},
        {"signature": {"org": "高枧幼儿园全体教师"}},
    ],
}

PLANS = [ACTIVITY_SCHEME, TWO_YEARS, SEND_TEACHING, PLACEHOLDER, TWO_MONTHS, NO_TIME]
SLUGS = [plan["slug"] for plan in PLANS]


class PlanDumper(yaml.SafeDumper):
    """YAML as the editing guide asks: a text of several paragraphs as a block (|), one paragraph a line."""


PlanDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def plan_file(data: dict) -> str:
    """The plan as an editor writes it: front matter only."""
    return "---\n" + yaml.dump(data, Dumper=PlanDumper, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> tuple[Path, plans.Collection]:
    """The site with the plans of every shape beside the seeds, built strictly (the audit included)."""
    project = copy_site(tmp_path_factory.mktemp("shapes") / "project")
    for data in PLANS:
        (project / "docs" / "plans" / f"{data['slug']}.md").write_text(plan_file(data), encoding="utf-8")
    out = project.parent / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, plans.load(project, project / "docs", project / "data")


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def page(site: Path, slug: str) -> str:
    return read(site, f"plans/{slug}/index.html")


# What a page must show of a plan's sections, walked here from the plan as written (not with pairing's views).
def item_texts(items: list) -> list[str]:
    texts = []
    for item in items:
        item = {"text": item} if isinstance(item, str) else item
        texts += [item.get("marker", ""), item.get("heading", ""), item.get("text", ""), *item_texts(item.get("items", []))]
    return texts


def section_texts(section: dict) -> list[str]:
    texts = [section.get("heading", "")]
    texts += section.get("paragraphs", [])
    texts += item_texts(section.get("list", []))
    for member in section.get("group", []):
        texts += [member.get("role", ""), member["name"], member.get("duty", "")]
    if "timetable" in section:
        texts.append(TIMETABLE_LABELS)
        for row in section["timetable"]:
            texts += [row["when"], row.get("text", ""), *item_texts(row.get("items", []))]
    signature = section.get("signature", {})
    texts += [signature.get("org", ""), signature.get("date", "")]
    return texts


def expected_body(data: dict) -> str:
    """Every text of the plan's sections, in order, whitespace removed."""
    return squeeze("".join(text for section in data["sections"] for text in section_texts(section)))


def shown_body(html: str) -> str:
    """What a reader sees of the page's sections, whitespace removed."""
    return squeeze(text_of(plan_body(html)))


def calendar_text(site: Path) -> str:
    """Every page of the calendar, in order."""
    return "".join(path.read_text(encoding="utf-8") for path in sorted((site / "calendar").rglob("index.html")))


def card_text(html: str) -> str:
    return squeeze(text_of(html.split('<div class="plan-card">')[1].split("</div>")[0]))


@pytest.mark.parametrize("data", PLANS, ids=SLUGS)
def test_every_text_is_shown_in_order_and_nothing_is_added(shapes, data):
    site, _ = shapes
    assert shown_body(page(site, data["slug"])) == expected_body(data)


def test_the_comparison_notices_a_text_added_lost_or_moved(shapes):
    # negative control: the same comparison on the page changed in each way
    site, _ = shapes
    html = page(site, ACTIVITY_SCHEME["slug"])
    expected = expected_body(ACTIVITY_SCHEME)
    added = html.replace("<p>让两园教师在互相观摩中共同成长。</p>", "<p>让两园教师在互相观摩中共同成长。（已完成）</p>")
    lost = html.replace("<th scope=\"row\">实施阶段</th>", "<th scope=\"row\"></th>")
    first = "<p>帮助z镇幼儿园完善一日活动安排，提高教师组织游戏活动的能力。</p>"
    second = "<p>让两园教师在互相观摩中共同成长。</p>"
    moved = html.replace(first, "\0").replace(second, first).replace("\0", second)
    for changed in (added, lost, moved):
        assert changed != html and shown_body(changed) != expected


def test_the_build_checked_every_field_of_every_shape(shapes):
    # The build passed its own audit; the audit expected every section of each plan (pairing's own walk agrees).
    from pairing.site import audit

    site, collection = shapes
    for slug in SLUGS:
        plan = collection.plans[f"plans/{slug}.md"]
        texts = audit.expected_texts(plan, collection.kindergartens)
        sections = {audit._path_of(field)[1] for field in texts if field.startswith("sections[")}
        assert sections == set(range(len(plan.record()["sections"]))), slug
        shown = pagetext.read(article(page(site, slug)))
        assert audit.page_lost_content(plan, shown, collection.kindergartens) == [], slug


# (a) the activity scheme
def test_phases_without_months_are_rows_of_the_table_and_stay_out_of_the_calendar(shapes):
    site, collection = shapes
    html = page(site, ACTIVITY_SCHEME["slug"])
    assert [row.split("</th>")[0] for row in html.split('<th scope="row">')[1:]] == ["启动阶段", "实施阶段", "总结阶段"]
    assert 'id="schedule-3"' in html and 'id="schedule-4"' not in html
    assert "plans/shape-activity-scheme/" not in calendar_text(site)
    rows = csv.DictReader(io.StringIO((site / "data" / "schedule.csv").read_bytes().decode("utf-8-sig"), newline=""))
    mine = [(r["安排行"], r["时间"], r["月份"], r["年份"]) for r in rows if r["计划网址名"] == "shape-activity-scheme"]
    assert mine == [("1", "启动阶段", "", ""), ("2", "实施阶段", "", ""), ("3", "总结阶段", "", "")]
    # headings as written, in the table of contents
    for heading in ("一、活动目的", "二、活动原则", "三、结对方式", "四、帮扶内容", "五、实施步骤"):
        assert f">{heading}<a class=\"headerlink\"" in html
    # the author is named, and the plan says "我园" nowhere: the card adds nothing about it
    assert '<span class="plan-author">（撰写单位）</span>' in html


# (b) the two-year plan
def test_a_period_over_two_years_is_shown_as_written_and_rows_with_years_make_events(shapes):
    site, collection = shapes
    html = page(site, TWO_YEARS["slug"])
    assert '<dd class="plan-period">2023年4月至2025年4月</dd>' in html
    assert '<span class="plan-marker">(1)</span>建立园务公开制度。' in html
    assert '<h3 id="三工作要求补充">（三）工作要求补充：<a class="headerlink"' in html
    found = icalendar.Calendar.from_ical((site / "data" / "calendar" / "shape-two-years.ics").read_bytes())
    spans = [(e.decoded("dtstart").isoformat(), e.decoded("dtend").isoformat(), str(e["summary"]))
             for e in found.walk("VEVENT")]
    assert spans == [("2023-04-01", "2023-07-01", "两年结对帮扶工作计划 · 2023年4月—6月"),
                     ("2023-09-01", "2024-02-01", "两年结对帮扶工作计划 · 2023年9月—2024年1月"),
                     ("2025-03-01", "2025-05-01", "两年结对帮扶工作计划 · 2025年3月—4月")]   # 2024年全年 names no month
    assert '<dd class="plan-calendar"><a href="../../data/calendar/shape-two-years.ics" download>' in html
    # in the calendar, January of the row that starts in 2023 is January 2024
    entries = re.findall(r'<span class="plan-year">(\d{4})年</span> <a href="(?:\.\./)+plans/shape-two-years/#schedule-2">'
                         r"两年结对帮扶工作计划 · 2023年9月—2024年1月</a>", calendar_text(site))
    assert sorted(entries) == ["2023", "2023", "2023", "2023", "2024"]   # September to December 2023, January 2024
    assert directory.period_key(collection.plans["plans/shape-two-years.md"].record()) == "2023-04"


# (c) the 送教下乡 scheme
def test_facts_written_as_list_items_keep_their_headings(shapes):
    site, _ = shapes
    html = page(site, SEND_TEACHING["slug"])
    for heading, text in (("主题：", "快乐游戏 健康成长"), ("时间：", "十一月下旬的一天"), ("地点：", "金竹幼儿园多功能室")):
        assert f'<strong class="plan-heading">{heading}</strong><span class="plan-text">{text}</span>' in html
    assert [row.split("</th>")[0] for row in html.split('<th scope="row">')[1:]] == ["上午", "下午"]
    assert "《小兔乖乖》" in html
    # a timetable and no period: the card says nothing of the time (the rows say it), and there is no calendar
    card = card_text(html)
    assert "时间" not in card and "原文未注明" not in card and "日历" not in card


# (d) the placeholder period, no author, no 我园
def test_a_placeholder_period_and_no_author(shapes):
    site, collection = shapes
    html = page(site, PLACEHOLDER["slug"])
    assert '<dd class="plan-period">(20__、3---20__、12)</dd>' in html
    assert "我园" not in html and "撰写单位" not in html
    # the underscores and asterisks are text, never Markdown
    assert "<em>" not in plan_body(html) and "<strong>" not in plan_body(html)
    assert "二、20__年重点工作" in text_of(plan_body(html)) and "完善本园的__项制度（*以实际为准*）。" in html
    assert 'class="plan-calendar"' not in html   # no year: no events
    for kindergarten in ("xianyang-jiguan", "shaanxi-private"):
        listing = read(site, f"kindergartens/{kindergarten}/index.html")
        entry = listing.split('href="../../plans/shape-placeholder/"')[1].split("</li>")[0]
        assert entry == ">幼儿园结对帮扶计划（范本）</a> (20__、3---20__、12)"
    assert directory.period_key(collection.plans["plans/shape-placeholder.md"].record()) == "9999-00"
    rows = list(csv.DictReader(io.StringIO((site / "data" / "plans.csv").read_bytes().decode("utf-8-sig"), newline="")))
    (row,) = [r for r in rows if r["网址名"] == "shape-placeholder"]
    assert (row["撰写单位"], row["时间（原文写法）"], row["开始年份"]) == ("", "(20__、3---20__、12)", "")


# (e) two months in two rows
def test_two_months_in_two_rows_are_never_joined_into_a_span(shapes):
    site, _ = shapes
    html = page(site, TWO_MONTHS["slug"])
    assert [row.split("</th>")[0] for row in html.split('<th scope="row">')[1:]] == ["三月：", "九月："]
    assert "三月至九月" not in html and "时间" not in card_text(html)
    calendar = calendar_text(site)
    assert "春秋两季结对活动计划 · 三月：</a>" in calendar and "春秋两季结对活动计划 · 九月：</a>" in calendar
    everywhere = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".csv", ".ics", ".js")
                  and "三月至九月" in p.read_bytes().decode("utf-8-sig", "replace")]
    assert everywhere == []


# (f) and every other shape: the card states a time only when the plan has a period, and never "原文未注明"
@pytest.mark.parametrize("data", PLANS, ids=SLUGS)
def test_the_card_states_a_time_only_from_the_plans_period(shapes, data):
    site, _ = shapes
    card = card_text(page(site, data["slug"]))
    assert ("时间" in card) == ("period" in data)
    assert "原文未注明" not in card
    if "period" in data:
        assert f"时间{squeeze(data['period']['text'])}" in card
