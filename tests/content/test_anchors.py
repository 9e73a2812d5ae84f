"""Heading anchors never take an id the theme uses (pairing/content/anchors.py)."""

import pytest

from pairing.content.anchors import heading_slug


@pytest.mark.parametrize("text, expected", [("__config", "h-__config"), ("md-sidebar", "h-md-sidebar"),
                                            ("MD 教研", "h-md-教研"), ("一、指导思想", "一指导思想"),
                                            ("Md Tabs", "h-md-tabs")])
def test_theme_like_anchors_get_a_prefix_and_others_stay(text, expected):
    assert heading_slug(text, "-") == expected


def test_a_heading_named_like_the_themes_elements_keeps_its_own_anchor(site_copy, tmp_path):
    from conftest import run_build

    plan = site_copy / "docs" / "plans" / "dongyuan-pairing.md"
    # Two sections of a heading alone, before the one that says "具体措施如下：".
    old = "  - kind: measures\n    paragraphs:\n      - 具体措施如下："
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, f"  - heading: md-sidebar\n  - heading: __config\n{old}"), encoding="utf-8")
    result = run_build(site_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "plans" / "dongyuan-pairing" / "index.html").read_text(encoding="utf-8")
    assert 'id="h-md-sidebar"' in html and 'href="#h-md-sidebar"' in html and 'id="h-__config"' in html
    assert html.count('id="__config"') == 1   # Material's own configuration element, untouched


@pytest.mark.parametrize(("text", "expected"), [("share", "h-share"), ("Share Title", "h-share-title"),
                                                ("Schedule 1", "h-schedule-1"), ("month 12", "h-month-12"),
                                                ("shared", "shared"), ("schedule", "schedule"), ("helping", "h-helping")])
def test_anchors_of_the_sites_own_elements_get_a_prefix(text, expected):
    assert heading_slug(text, "-") == expected


def test_every_id_a_template_writes_is_one_headings_never_take():
    # Each id="…" of overrides/partials/plan/*.html, with any {{ … }} part standing for a number or a role.
    import re

    from pairing.content.anchors import TEMPLATE_IDS
    from conftest import ROOT

    examples = {"{{ row.anchor }}": "schedule-7", "month-{{ month.month }}": "month-3", "{{ role.role }}": "helped",
                "{{ tag.anchor }}": "tag:环境创设"}
    found = []
    for template in sorted((ROOT / "overrides" / "partials" / "plan").glob("*.html")):
        for written in re.findall(r'\bid="([^"]+)"', template.read_text(encoding="utf-8")):
            found.append(examples.get(written, written))
    assert "share" in found and "schedule-7" in found     # negative control: the ids are read at all
    plan_editor = {"plan-editor"}                          # the editor page has no plan headings
    # A slug never has a colon (tag:环境创设 cannot be a heading's anchor).
    untaken = [name for name in found if name not in plan_editor and ":" not in name and not TEMPLATE_IDS.fullmatch(name)]
    assert untaken == []
    assert all("{{" not in name for name in found), found  # a new templated id needs an example above
