"""The built site answers questions across plans: kindergarten pages, the calendar, tags and open data.

Expected values come from pairing.content.plans.load (the same checked front matter the site is built from)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import icalendar
import jsonschema
import pytest
from conftest import ROOT, run_build

from pairing.content import plans
from pairing.content.numbering import chinese_numeral
from pairing.shaping import views

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def collection():
    return plans.load(ROOT, ROOT / "docs", ROOT / "data")


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def sections(html: str, pattern: str) -> dict[str, str]:
    """The HTML of each part of a page that starts with `pattern` (one group: the part's name)."""
    parts = re.split(pattern, html)
    return dict(zip(parts[1::2], parts[2::2]))


# Kindergarten pages
def test_each_kindergarten_page_lists_exactly_its_plans_by_role(built_site, collection):
    for kid in collection.kindergartens:
        expected = {(party["role"], plan.slug) for plan in collection.plans.values()
                    for party in plan.data["parties"] if party["kindergarten"] == kid}
        html = read(built_site, f"kindergartens/{kid}/index.html")
        found = {(role, slug) for role, part in sections(html, r'<section class="plan-kindergarten-role plan-kindergarten-(\w+)">').items()
                 for slug in re.findall(r'href="\.\./\.\./plans/([a-z0-9-]+)/"', part.split("</section>")[0])}
        assert found == expected, kid
        assert f"<h1>{collection.kindergartens[kid]['name']}</h1>" in html


def test_plan_pages_link_each_party_to_its_kindergarten_page(built_site, collection):
    for plan in collection.plans.values():
        html = read(built_site, f"plans/{plan.slug}/index.html")
        card = html.split('<div class="plan-card">')[1].split("</div>")[0]
        linked = re.findall(r'href="\.\./\.\./kindergartens/([a-z0-9-]+)/"', card)
        assert sorted(linked) == sorted(p["kindergarten"] for p in plan.data["parties"])
        for kid in linked:
            assert (built_site / "kindergartens" / kid / "index.html").is_file()


def test_kindergarten_index_links_every_kindergarten(built_site, collection):
    html = read(built_site, "kindergartens/index.html")
    assert re.findall(r'href="([a-z0-9-]+)/"', html.split('class="plan-index plan-kindergartens"')[1]) == list(collection.kindergartens)


def test_a_page_in_the_way_of_a_kindergarten_page_is_refused(site_copy, tmp_path):
    # A page that passes the checks (a front matter with its title), at the address of a generated page.
    (site_copy / "docs" / "kindergartens" / "dongyuan.md").write_text("---\ntitle: 东苑\n---\n\n# 东苑\n", encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    output = result.stdout + result.stderr   # MkDocs prints the message of its Abort on stdout
    assert "docs/kindergartens/dongyuan.md:1:1: 与自动生成的页面“东苑幼儿园”同名，请改名或删除" in output
    assert "Traceback" not in output


# Activity calendar
def calendar_pages(site: Path) -> list[tuple[str, str]]:
    """The calendar's pages in order, each with its link prefix back to the site root."""
    pages = [("calendar/index.html", "../")]
    for number in range(2, 1000):
        path = site / "calendar" / "page" / str(number) / "index.html"
        if not path.is_file():
            return pages
        pages.append((f"calendar/page/{number}/index.html", "../../../"))
    return pages


def test_calendar_has_every_timetable_row_under_each_of_its_months(built_site, collection):
    found: dict[str, list[str]] = {}
    for path, root in calendar_pages(built_site):
        html = read(built_site, path)
        for month, part in sections(html, r'<h2(?: id="month-\d+")?>(\w+月)').items():
            links = re.findall(r'<p><span class="plan-year">[^<]*</span> <a href="([^"]+)"', part)
            found.setdefault(month, []).extend(link.removeprefix(root) for link in links)
    expected: dict[str, list[str]] = {}
    for plan in collection.plans.values():
        for row in views.timetable_rows(plan.record()):
            for month in dict.fromkeys(row["months"]):
                label = f"{chinese_numeral(month)}月"
                expected.setdefault(label, []).append(f"plans/{plan.slug}/#{row['anchor']}")
    assert {m: sorted(links) for m, links in found.items()} == {m: sorted(links) for m, links in expected.items()}
    assert sum(len(links) for links in expected.values()) > 20


def test_calendar_months_link_to_where_each_begins(built_site):
    html = read(built_site, "calendar/index.html")
    months = re.findall(r'<a href="([^"]*)#month-(\d+)">(\w+月)（(\d+)）</a>', html.split('aria-label="月份"')[1].split("</nav>")[0])
    assert len(months) >= 6
    for target, number, _label, count in months:
        page = built_site / "calendar" / target / "index.html"
        assert f'<h2 id="month-{number}">' in page.read_text(encoding="utf-8")
        assert int(count) > 0


def test_calendar_says_no_year_is_known_and_shows_each_rows_own_time(built_site):
    text = read(built_site, "calendar/index.html")
    assert "目前没有计划注明年份，日历文件中还没有活动" in text
    assert "原文未注明年份" in text
    # each entry names its row by the plan's own time text ("二、三月份："), under each of its months
    assert text.count("结对帮扶计划 · 二、三月份：</a>") == 2


# Tags
def test_each_tag_has_a_page_listing_its_plans_and_plan_pages_link_to_it(built_site, collection):
    overview = read(built_site, "tags/index.html")
    for plan in collection.plans.values():
        html = read(built_site, f"plans/{plan.slug}/index.html")
        for tag in plan.data["tags"]:
            assert f'href="../../tags/{tag}/"' in html
            assert f'<li id="tag:{tag}"><a href="{tag}/">' in overview
            # the plan's title and period, the period as plain text after the link
            entry = f'<li><a href="../../plans/{plan.slug}/">{plan.data["title"]}</a> {views.period_text(plan.data)}</li>'
            assert entry in read(built_site, f"tags/{tag}/index.html")
    every_tag = {tag for plan in collection.plans.values() for tag in plan.data["tags"]}
    assert {p.name for p in (built_site / "tags").iterdir() if p.is_dir()} == every_tag


# Open data
def test_plans_json_validates_against_the_published_schema_and_round_trips(built_site, collection):
    schema = json.loads(read(built_site, "data/plans.schema.json"))
    document = json.loads(read(built_site, "data/plans.json"))
    lines = read(built_site, "data/plans.json").splitlines()   # compact, a plan a line (opendata.as_json_lines)
    assert lines[:2] == ['{"format_version":2,', '"plans":[']
    assert [json.loads(line.rstrip(",")) for line in lines[2:len(collection.plans) + 2]] == document["plans"]
    assert document["format_version"] == 2
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    assert document["kindergartens"] == collection.kindergartens
    assert len(document["plans"]) == len(collection.plans)
    for record, plan in zip(document["plans"], collection.plans.values()):
        assert record.pop("url") == f"http://127.0.0.1:8000/{plan.url}"
        for party in record["parties"]:
            assert party.pop("name") == collection.kindergartens[party["kindergarten"]]["name"]
        assert record == plan.record()


def test_csv_files_open_with_the_csv_module(built_site, collection):
    raw = (built_site / "data" / "plans.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["网址名"] for r in rows] == [p.slug for p in collection.plans.values()]
    assert rows[0]["标题"] == next(iter(collection.plans.values())).data["title"]
    raw = (built_site / "data" / "schedule.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    expected = [(p.slug, str(row["number"]), row["when"]) for p in collection.plans.values()
                for row in views.timetable_rows(p.record())]
    assert [(r["计划网址名"], r["安排行"], r["时间"]) for r in rows] == expected
    assert len(expected) > 20
    assert {r["年份"] for r in rows} == {""}


def test_seed_plans_publish_no_events_and_offer_none(built_site, collection):
    calendar = icalendar.Calendar.from_ical((built_site / "data" / "calendar.ics").read_bytes())
    assert calendar.walk("VEVENT") == []
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert not (built_site / "data" / "calendar").exists()
    for plan in collection.plans.values():
        html = read(built_site, f"plans/{plan.slug}/index.html")
        assert 'class="plan-calendar"' not in html and ".ics" not in html


def test_open_data_page_links_files_that_exist(built_site):
    html = read(built_site, "open-data/index.html")
    links = re.findall(r'href="\.\./(data/[^"]+)"', html)
    assert set(links) == {"data/plans.json", "data/plans.schema.json", "data/plans.csv", "data/schedule.csv",
                          "data/calendar.ics"}
    assert all((built_site / link).is_file() for link in links)


# A plan with a known year (tests/fixtures/dated-pairing.md, never in the published site)
def build_with_dated_plan(project: Path, out: Path, text: str) -> Path:
    (project / "docs" / "plans" / "dated-pairing.md").write_text(text, encoding="utf-8")
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def events(path: Path) -> list:
    return icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def test_calendar_files_for_a_plan_with_a_known_year(site_copy, tmp_path):
    text = (FIXTURES / "dated-pairing.md").read_text(encoding="utf-8")
    site = build_with_dated_plan(site_copy, tmp_path / "first", text)
    found = events(site / "data" / "calendar" / "dated-pairing.ics")
    assert [(e.decoded("dtstart").isoformat(), e.decoded("dtend").isoformat(), str(e["summary"])) for e in found] == [
        ("2024-09-01", "2024-10-01", "测试用：注明年份的结对帮扶计划 · 九月份："),
        ("2024-10-01", "2024-12-01", "测试用：注明年份的结对帮扶计划 · 十、十一月份："),
        ("2025-01-01", "2025-02-01", "测试用：注明年份的结对帮扶计划 · 一月份："),
    ]
    assert str(found[0]["url"]) == "http://127.0.0.1:8000/plans/dated-pairing/#schedule-1"
    assert str(found[0]["description"]) == "1、制定结对计划\n2、第一次送教"
    assert [str(e["uid"]) for e in events(site / "data" / "calendar.ics")] == [str(e["uid"]) for e in found]
    page = read(site, "plans/dated-pairing/index.html")
    assert '<dd class="plan-calendar"><a href="../../data/calendar/dated-pairing.ics" download>' in page
    assert '<dd class="plan-period">2024年</dd>' in page
    assert "2024年" in read(site, "calendar/index.html")

    # The rows in another order: the same events keep the same UIDs.
    rows = text.split("    timetable:\n")[1].split("  - signature:")[0]
    first, second = rows.split("      - when: 十、十一月份：")
    swapped = text.replace(rows, "      - when: 十、十一月份：" + second + first)
    assert swapped != text
    again = events(build_with_dated_plan(site_copy, tmp_path / "second", swapped) / "data" / "calendar" / "dated-pairing.ics")
    assert [e.decoded("dtstart").month for e in again] == [10, 1, 9]
    assert {str(e["uid"]) for e in again} == {str(e["uid"]) for e in found}
