"""The form editor (/editor/) in Chromium: a new plan made without writing YAML validates and builds;
a seed plan loaded into the editor comes back unchanged; each plan is fetched only when it is loaded."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from conftest import ROOT, TEST_REPO_URL, run_build
from sample_plans import run_pairing

from pairing.content import plans, yamlsource


def open_editor(page, site_server, query: str = ""):
    hosts = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).netloc))
    page.goto(site_server + "editor/" + query)
    page.wait_for_selector(".plan-editor-form fieldset")
    return hosts


def fill_new_plan(page):
    page.fill('[data-path="title"]', "试写幼儿园结对帮扶计划")
    page.fill('[data-path="slug"]', "trial-pairing")
    page.select_option('[data-path="parties.0.kindergarten"]', "dongyuan")
    page.select_option('[data-path="parties.1.kindergarten"]', "plan1-author")
    page.select_option('[data-path="author"]', "plan1-author")
    page.click('[data-add="leadership"]')
    page.fill('[data-path="leadership.0.name"]', "xxx")
    page.fill('[data-path="leadership.0.duty"]', "负责全面工作: 统筹")
    page.click('[data-add="leadership"]')
    page.select_option('[data-path="leadership.1.role"]', "成员")
    page.fill('[data-path="leadership.1.name"]', "no")
    page.click('[data-add="schedule"]')
    for row, (months, activity) in enumerate([([9], "开学初互访"), ([10, 11], "送教下乡"), ([12], "总结交流")]):
        if row:
            page.click('[data-add="schedule"]')
        for n, month in enumerate(months):
            if n:
                page.click(f'[data-add="schedule.{row}.months"]')
            page.fill(f'[data-path="schedule.{row}.months.{n}"]', str(month))
        page.fill(f'[data-path="schedule.{row}.activities.items.0"]', activity)
    page.click('[data-add="tags"]')
    page.fill('[data-path="tags.0"]', "送教下乡")


def test_a_new_plan_from_the_form_validates_and_builds(page, site_server, site_copy, tmp_path):
    hosts = open_editor(page, site_server)
    fill_new_plan(page)
    assert page.locator(".plan-editor-status").inner_text() == "检查通过，可以提交"
    text = page.locator("[data-output]").input_value()
    data = yaml.safe_load(yamlsource.split_front_matter(text)[0])
    assert [row["months"] for row in data["schedule"]] == [[9], [10, 11], [12]]
    assert data["leadership"] == [{"role": "组长", "name": "xxx", "duty": "负责全面工作: 统筹"}, {"role": "成员", "name": "no"}]
    (site_copy / "docs" / "plans" / "trial-pairing.md").write_text(text, encoding="utf-8")
    result = run_pairing(site_copy, "validate", "docs/plans/trial-pairing.md")
    assert (result.returncode, result.stdout) == (0, "检查了 1 个文件，没有发现问题。\n")
    build = run_build(site_copy, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    built = (tmp_path / "site" / "plans" / "trial-pairing" / "index.html").read_text(encoding="utf-8")
    assert "开学初互访" in built and "十、十一月份" in built
    # The "new file" page of the hosting repo gets the same text.
    link = page.locator("[data-new-file]").get_attribute("href")
    assert link.startswith(f"{TEST_REPO_URL}/new/main/docs/plans?")
    assert parse_qs(urlparse(link).query) == {"filename": ["trial-pairing.md"], "value": [text]}
    assert set(hosts) == {urlparse(site_server).netloc}


def test_mistakes_are_shown_in_chinese_as_you_type(page, site_server):
    open_editor(page, site_server)
    page.fill('[data-path="slug"]', "Dongyuan Pairing")
    assert page.locator('[data-error="slug"]').inner_text() == "网址名只能由小写字母、数字和连字符组成（最多 64 个字符），如 dongyuan-pairing"
    page.fill('[data-path="slug"]', "dongyuan-pairing")
    assert page.locator('[data-error="slug"]').inner_text() == "网址名与网站上已有的计划重复，请换一个"
    page.click('[data-add="schedule"]')
    page.fill('[data-path="schedule.0.months.0"]', "13")
    assert page.locator('[data-error="schedule.0.months.0"]').inner_text() == "月份必须是 1–12 的整数"
    assert page.locator(".plan-editor-status").inner_text().startswith("还有 ")
    assert page.locator("[data-new-file]").count() == 0


SEEDS = sorted(p.stem for p in (ROOT / "docs" / "plans").glob("*.md"))


@pytest.mark.parametrize("slug", SEEDS)
def test_a_seed_plan_loaded_into_the_editor_comes_back_unchanged(page, site_server, slug):
    open_editor(page, site_server, f"?plan={slug}")
    assert page.locator(".plan-editor-status").inner_text() == "检查通过，可以提交"
    produced = page.locator("[data-output]").input_value()
    original = (ROOT / "docs" / "plans" / f"{slug}.md").read_text(encoding="utf-8")
    front, body, _ = yamlsource.split_front_matter(produced)
    original_front, original_body, _ = yamlsource.split_front_matter(original)
    assert yaml.safe_load(front) == yaml.safe_load(original_front)
    assert body.strip() == original_body.strip()


def test_a_pasted_plan_is_loaded(page, site_server):
    open_editor(page, site_server)
    original = (ROOT / "docs" / "plans" / "z-town-pairing.md").read_text(encoding="utf-8")
    page.click(".plan-editor-load summary")
    page.fill("[data-paste]", original)
    page.click("[data-load-paste]")
    assert page.locator('[data-path="slug"]').input_value() == "z-town-pairing"
    produced = page.locator("[data-output]").input_value()
    assert yaml.safe_load(yamlsource.split_front_matter(produced)[0]) == yaml.safe_load(yamlsource.split_front_matter(original)[0])
    page.fill("[data-paste]", "---\ntitle: [甲\n---\n")
    page.click("[data-load-paste]")
    assert page.locator(".plan-editor-paste-error").inner_text().startswith("YAML 格式错误（第 ")


def test_the_editor_data_lists_plans_and_each_plan_is_its_own_file(built_site):
    collection = plans.load(ROOT, ROOT / "docs", ROOT / "data")
    listed = json.loads((built_site / "editor" / "data.json").read_text(encoding="utf-8"))["plans"]
    assert listed == [{"slug": plan.slug, "title": plan.data["title"]} for plan in collection.plans.values()]
    for plan in collection.plans.values():
        text = (built_site / "editor" / "plans" / f"{plan.slug}.json").read_text(encoding="utf-8")
        assert json.loads(text) == {"data": plan.data, "body": plan.body.lstrip("\n")}
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
