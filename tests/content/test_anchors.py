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
