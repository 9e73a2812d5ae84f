"""The form editor (/editor/) in Chromium: a new plan made without writing YAML validates and builds; every box
says in Chinese what is wrong with it; a seed plan loaded into the editor comes back unchanged; each plan is
fetched only when it is loaded."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from conftest import ROOT, TEST_REPO_URL, run_build
from sample_plans import run_pairing

from pairing.content import plans, yamlsource

SEEDS = sorted(p.stem for p in (ROOT / "docs" / "plans").glob("*.md"))
# Texts YAML (1.1, as the site reads it) would take for something else, or cut, if written without quotes.
TRICKY = ["no", "yes", "9:30", "a: b #c", "- 开头是减号", "'单引号'", "\"双引号\"", "~", "2024-01-01", "1.0", "@某某", "#井号"]


def open_editor(page, site_server, query: str = ""):
    hosts = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).netloc))
    page.goto(site_server + "editor/" + query)
    page.wait_for_selector(".plan-editor-form fieldset")
    return hosts


def front_matter(text: str) -> dict:
    front, body, _ = yamlsource.split_front_matter(text)
    assert body == ""
    return yaml.safe_load(front)


def fill_new_plan(page):
    page.fill('[data-path="title"]', "试写幼儿园结对帮扶计划")
    page.fill('[data-path="slug"]', "trial-pairing")
    page.select_option('[data-path="parties.0.kindergarten"]', "dongyuan")
    page.select_option('[data-path="parties.0.role"]', "helping")
    page.select_option('[data-path="parties.1.kindergarten"]', "plan1-author")
    page.select_option('[data-path="parties.1.role"]', "helped")
    page.select_option('[data-path="author"]', "plan1-author")
    page.fill('[data-path="period.text"]', "2023年9月至2024年1月")
    page.fill('[data-path="period.start_year"]', "2023")
    page.fill('[data-path="period.start_month"]', "9")
    # 1: an introduction without a heading, in paragraphs
    page.check('[data-content="sections.0"][value="paragraphs"]')
    page.fill('[data-path="sections.0.paragraphs.0"]', "我园与东苑幼儿园结对。\n第二段：照原文")
    page.click('[data-add="sections.0.paragraphs"]')
    page.fill('[data-path="sections.0.paragraphs.1"]', TRICKY[0])
    # 2: a group
    page.click('[data-add="sections"]')
    page.fill('[data-path="sections.1.heading"]', "一、领导小组")
    page.select_option('[data-path="sections.1.kind"]', "leadership")
    page.check('[data-content="sections.1"][value="group"]')
    page.fill('[data-path="sections.1.group.0.role"]', "组长")
    page.fill('[data-path="sections.1.group.0.name"]', "xxx")
    page.fill('[data-path="sections.1.group.0.duty"]', "负责全面工作: 统筹")
    page.click('[data-add="sections.1.group"]')
    page.fill('[data-path="sections.1.group.1.name"]', "no")
    # 3: a timetable
    page.click('[data-add="sections"]')
    page.fill('[data-path="sections.2.heading"]', "二、活动安排")
    page.check('[data-content="sections.2"][value="timetable"]')
    for row, (when, year, months, text) in enumerate([("九月份", "2023", "9", "开学初互访"), ("十、十一月份", "", "10、11", "送教下乡"),
                                                      ("寒假前后", "2023", "12-1", "")]):
        if row:
            page.click('[data-add="sections.2.timetable"]')
        page.fill(f'[data-path="sections.2.timetable.{row}.when"]', when)
        page.fill(f'[data-path="sections.2.timetable.{row}.year"]', year)
        page.fill(f'[data-path="sections.2.timetable.{row}.months"]', months)
        if text:
            page.fill(f'[data-path="sections.2.timetable.{row}.text"]', text)
    page.click('[data-add="sections.2.timetable.2.items"]')
    page.fill('[data-path="sections.2.timetable.2.items.0.text"]', "总结交流")
    # 4: a list with sub-items, inserted before the timetable and moved after it
    page.click('[data-insert="sections.1"]')
    page.fill('[data-path="sections.2.heading"]', "三、具体措施：")
    page.select_option('[data-path="sections.2.level"]', "3")
    page.check('[data-content="sections.2"][value="list"]')
    page.fill('[data-path="sections.2.list.0.marker"]', "1、")
    page.fill('[data-path="sections.2.list.0.heading"]', "物质支持。")
    page.fill('[data-path="sections.2.list.0.text"]', "坚持\"硬件量力、软件尽力\"的原则")
    page.click('[data-add="sections.2.list.0.items"]')
    page.fill('[data-path="sections.2.list.0.items.0.marker"]', "（1）")
    page.fill('[data-path="sections.2.list.0.items.0.text"]', "自制教玩具")
    page.click('[data-add="sections.2.list"]')
    page.fill('[data-path="sections.2.list.1.text"]', "\n".join(TRICKY[1:]))
    page.click('[data-down="sections.2"]')
    # 5: the signature
    page.click('[data-add="sections"]')
    page.check('[data-content="sections.4"][value="signature"]')
    page.fill('[data-path="sections.4.signature.org"]', "某某幼儿园")
    page.fill('[data-path="sections.4.signature.date"]', "XX年X月")
    page.click('[data-add="tags"]')
    page.fill('[data-path="tags.0"]', "送教下乡")
    page.click('[data-add="tags"]')
    page.fill('[data-path="tags.1"]', "yes")


EXPECTED = {
    "title": "试写幼儿园结对帮扶计划",
    "slug": "trial-pairing",
    "parties": [{"kindergarten": "dongyuan", "role": "helping"}, {"kindergarten": "plan1-author", "role": "helped"}],
    "author": "plan1-author",
    "period": {"text": "2023年9月至2024年1月", "start_year": 2023, "start_month": 9},
    "sections": [
        {"paragraphs": ["我园与东苑幼儿园结对。\n第二段：照原文", "no"]},
        {"heading": "一、领导小组", "kind": "leadership",
         "group": [{"role": "组长", "name": "xxx", "duty": "负责全面工作: 统筹"}, {"name": "no"}]},
        {"heading": "二、活动安排", "timetable": [
            {"when": "九月份", "year": 2023, "months": [9], "text": "开学初互访"},
            {"when": "十、十一月份", "months": [10, 11], "text": "送教下乡"},
            {"when": "寒假前后", "year": 2023, "months": [12, 1], "items": ["总结交流"]}]},
        {"heading": "三、具体措施：", "level": 3, "list": [
            {"marker": "1、", "heading": "物质支持。", "text": "坚持\"硬件量力、软件尽力\"的原则",
             "items": [{"marker": "（1）", "text": "自制教玩具"}]},
            "\n".join(TRICKY[1:])]},
        {"signature": {"org": "某某幼儿园", "date": "XX年X月"}},
    ],
    "tags": ["送教下乡", "yes"],
}


def test_a_new_plan_from_the_form_validates_and_builds(page, site_server, site_copy, tmp_path):
    hosts = open_editor(page, site_server)
    fill_new_plan(page)
    assert page.locator(".plan-editor-problems li").all_inner_texts() == []
    assert page.locator(".plan-editor-status").inner_text() == "检查通过，可以提交"
    text = page.locator("[data-output]").input_value()
    assert front_matter(text) == EXPECTED
    # block lists only, | blocks for text of several lines, nothing YAML reads as another text
    assert not re.search(r"^\s*(?:- )*(?:\w+: *)?[\[{]", text, re.M)
    assert "  - |-\n" in text
    assert yamlsource.parse(yamlsource.split_front_matter(text)[0], "x.md")[1] == []
    (site_copy / "docs" / "plans" / "trial-pairing.md").write_text(text, encoding="utf-8")
    result = run_pairing(site_copy, "validate", "docs/plans/trial-pairing.md")
    assert (result.returncode, result.stdout) == (0, "检查了 1 个文件，没有发现问题。\n")
    build = run_build(site_copy, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    built = (tmp_path / "site" / "plans" / "trial-pairing" / "index.html").read_text(encoding="utf-8")
    assert all(words in built for words in ("开学初互访", "十、十一月份", "三、具体措施：", "自制教玩具", "负责全面工作: 统筹"))
    # The "new file" page of the hosting repo gets the same text.
    link = page.locator("[data-new-file]").get_attribute("href")
    assert link.startswith(f"{TEST_REPO_URL}/new/main/docs/plans?")
    assert parse_qs(urlparse(link).query) == {"filename": ["trial-pairing.md"], "value": [text]}
    assert set(hosts) == {urlparse(site_server).netloc}


def test_sections_are_moved_removed_and_restored(page, site_server):
    open_editor(page, site_server)
    page.check('[data-content="sections.0"][value="none"]')
    page.fill('[data-path="sections.0.heading"]', "一、甲")
    page.click('[data-insert="sections.0"]')
    page.check('[data-content="sections.1"][value="none"]')
    page.fill('[data-path="sections.1.heading"]', "二、乙")
    page.click('[data-up="sections.1"]')
    assert page.locator('[data-path="sections.0.heading"]').input_value() == "二、乙"
    page.click('[data-remove="sections.0"]')
    assert page.locator('[data-path="sections.0.heading"]').input_value() == "一、甲"
    assert page.locator('[data-path="sections.1.heading"]').count() == 0
    page.click("[data-undo]")
    assert page.locator('[data-path="sections.0.heading"]').input_value() == "二、乙"
    assert front_matter(page.locator("[data-output]").input_value())["sections"] == [{"heading": "二、乙"}, {"heading": "一、甲"}]


def test_the_new_plan_starts_empty_and_cannot_be_published(page, site_server):
    open_editor(page, site_server)
    boxes = page.locator(".plan-editor-form input[type=text], .plan-editor-form textarea")
    assert boxes.count() >= 5
    assert all(value == "" for value in boxes.evaluate_all("all => all.map(b => b.value)"))
    assert all(boxes.evaluate_all("all => all.map(b => b.placeholder !== '')"))
    assert page.locator(".plan-editor-status").inner_text().startswith("还有 ")
    assert page.locator("[data-new-file]").count() == 0
    # nothing a teacher reads is English or the file's own notation
    shown = page.locator(".plan-editor").inner_text()
    for word in ("true", "YAML", "front matter", "[2, 3]", "schedule", "sections", "months"):
        assert word not in shown


def test_mistakes_are_shown_in_chinese_as_you_type(page, site_server):
    open_editor(page, site_server)
    page.fill('[data-path="slug"]', "Dongyuan Pairing")
    assert page.locator('[data-error="slug"]').inner_text().startswith("网址名只能用小写英文字母、数字和连字符")
    page.fill('[data-path="slug"]', "dongyuan-pairing")
    assert page.locator('[data-error="slug"]').inner_text() == "网址名与网站上已有的计划重复，请换一个"
    page.check('[data-content="sections.0"][value="timetable"]')
    page.fill('[data-path="sections.0.timetable.0.when"]', "春季")
    page.fill('[data-path="sections.0.timetable.0.months"]', "春季")
    message = "月份只能是 1 到 12 的数字；原文写的“春季”请写在“时间”里"
    assert page.locator('[data-error="sections.0.timetable.0.months"]').inner_text() == message
    page.fill('[data-path="sections.0.timetable.0.months"]', "3、13")
    assert page.locator('[data-error="sections.0.timetable.0.months"]').inner_text() == "月份只能是 1 到 12 的数字，“13”不是月份"
    page.fill('[data-path="sections.0.timetable.0.months"]', "3-5")
    assert page.locator('[data-error="sections.0.timetable.0.months"]').inner_text() == ""
    page.fill('[data-path="sections.0.timetable.0.year"]', "明年")
    assert page.locator('[data-error="sections.0.timetable.0.year"]').inner_text() == (
        "年份只能写四位数字，如 2024；原文写的“明年”请写在“时间”里")
    page.fill('[data-path="sections.0.timetable.0.year"]', "24")
    assert "四位数字" in page.locator('[data-error="sections.0.timetable.0.year"]').inner_text()
    page.fill('[data-path="period.start_month"]', "春季")
    assert page.locator('[data-error="period.start_month"]').inner_text() == (
        "月份只能是 1 到 12 的数字；原文写的“春季”请写在“时间（原文写法）”里")
    assert page.locator('[data-error="period.text"]').inner_text() == "写了起止年月，也要照原文写时间"
    # an empty item of a list, by its place in the plan
    page.click('[data-add="sections"]')
    page.check('[data-content="sections.1"][value="list"]')
    page.fill('[data-path="sections.1.list.0.text"]', "第一项")
    page.click('[data-add="sections.1.list"]')
    page.click('[data-add="sections.1.list"]')
    page.fill('[data-path="sections.1.list.1.text"]', "第二项")
    problems = page.locator(".plan-editor-problems li").all_inner_texts()
    assert "第 2 节 › 条目第 3 项 › 正文：不能为空" in problems
    assert f"第 1 节 › 活动安排第 1 行 › 月份：{message}" not in problems   # 3-5 is fine now
    assert "第 1 节 › 活动安排第 1 行 › 年份：年份要写四位数字的公历年份（1949 到 2100），如 2024" in problems
    assert not any(re.search(r"[a-z_]+\.\d|\[\d\]", problem) for problem in problems)
    assert page.locator(".plan-editor-status").inner_text().startswith("还有 ")
    assert page.locator("[data-new-file]").count() == 0
    # a problem in the list takes the person to its box
    page.locator(".plan-editor-problems li", has_text="条目第 3 项").locator("button").click()
    assert page.evaluate("document.activeElement.dataset.path") == "sections.1.list.2.text"


@pytest.mark.parametrize("slug", SEEDS)
def test_a_seed_plan_loaded_into_the_editor_comes_back_unchanged(page, site_server, slug):
    open_editor(page, site_server, f"?plan={slug}")
    original = (ROOT / "docs" / "plans" / f"{slug}.md").read_text(encoding="utf-8")
    data = front_matter(original)
    page.wait_for_function("title => document.querySelector('[data-path=title]').value === title", arg=data["title"])
    assert page.locator(".plan-editor-problems li").all_inner_texts() == []
    assert page.locator(".plan-editor-status").inner_text() == "检查通过，可以提交"
    assert page.locator(".plan-editor-notes").inner_text() == ""
    produced = page.locator("[data-output]").input_value()
    assert front_matter(produced) == data
    assert yamlsource.parse(yamlsource.split_front_matter(produced)[0], f"{slug}.md")[1] == []
    assert page.locator("[data-edit-file]").get_attribute("href") == f"{TEST_REPO_URL}/edit/main/docs/plans/{slug}.md"


def test_a_pasted_plan_is_loaded(page, site_server):
    open_editor(page, site_server)
    original = (ROOT / "docs" / "plans" / "z-town-pairing.md").read_text(encoding="utf-8")
    page.click(".plan-editor-load summary")
    page.fill("[data-paste]", original)
    page.click("[data-load-paste]")
    assert page.locator('[data-path="slug"]').input_value() == "z-town-pairing"
    assert page.locator(".plan-editor-notes").inner_text() == ""
    assert front_matter(page.locator("[data-output]").input_value()) == front_matter(original)
    # a plan of the old kind: what the form cannot hold is named, not silently dropped
    page.fill("[data-paste]", "---\ntitle: 旧计划\nslug: old-pairing\ngoals:\n  - 目标\n---\n\n## 一、目标\n")
    page.click("[data-load-paste]")
    notes = page.locator(".plan-editor-notes").inner_text()
    assert "goals" in notes and "--- 之后还有文字" in notes
    page.fill("[data-paste]", "---\ntitle: [甲\n---\n")
    page.click("[data-load-paste]")
    assert page.locator(".plan-editor-paste-error").inner_text().startswith("粘贴的内容第 ")
    assert page.locator('[data-path="title"]').input_value() == "旧计划"


def test_the_editor_data_lists_plans_and_each_plan_is_its_own_file(built_site):
    collection = plans.load(ROOT, ROOT / "docs", ROOT / "data")
    listed = json.loads((built_site / "editor" / "data.json").read_text(encoding="utf-8"))["plans"]
    assert listed == [{"slug": plan.slug, "title": plan.data["title"]} for plan in collection.plans.values()]
    for plan in collection.plans.values():
        text = (built_site / "editor" / "plans" / f"{plan.slug}.json").read_text(encoding="utf-8")
        assert json.loads(text) == {"data": plan.record()}
        assert list(json.loads(text)["data"]) == list(plan.record())   # the fields in the order written
        assert text.startswith('{"data":{"title":')   # compact: no space after separators


def test_a_plan_chosen_from_the_list_is_fetched_and_loaded(page, site_server):
    open_editor(page, site_server)
    page.locator(".plan-editor-load summary").click()
    page.select_option("[data-site-plan]", "z-town-pairing")
    page.click("[data-load-site]")
    # Why a function with an argument: a bare expression is evaluated as a string, which the page's policy refuses
    page.wait_for_function("title => document.querySelector('[data-path=title]').value === title", arg="帮扶z镇幼儿园计划")
    assert page.locator(".plan-editor-status").inner_text() == "检查通过，可以提交"
    # negative control: a plan file that cannot be fetched says so in Chinese
    page.route("**/editor/plans/*.json", lambda route: route.fulfill(status=404, body="not found"))
    page.select_option("[data-site-plan]", "dongyuan-pairing")
    page.click("[data-load-site]")
    page.locator(".plan-editor-paste-error", has_text="没能载入这份计划，请刷新页面重试。").wait_for()
    assert page.locator('[data-path="title"]').input_value() == "帮扶z镇幼儿园计划"
