"""Unit tests of pairing/site/heldparts.py: plan parts skip Markdown and come back unchanged."""

import markdown

from pairing.site.heldparts import HeldParts

PART = '<div class="plan-part"><ol><li>①甲</li><li>②<em>乙</em></li></ol></div>'


def test_part_comes_back_where_the_macro_was_and_without_a_paragraph():
    held = HeldParts()
    text = f"开头一段。\n\n{held.hold(PART)}\n\n结尾一段。"
    html = held.put_back(markdown.markdown(text))
    assert html == f"<p>开头一段。</p>\n{PART}\n<p>结尾一段。</p>"


def test_same_html_as_markdown_gives_for_the_part_itself():
    # Only the blank line Markdown leaves after a raw HTML block differs.
    held = HeldParts()
    direct = markdown.markdown(f"开头。\n\n{PART}\n\n结尾。")
    back = held.put_back(markdown.markdown(f"开头。\n\n{held.hold(PART)}\n\n结尾。"))
    assert back == direct.replace("</div>\n\n", "</div>\n")


def test_inline_placeholder_is_replaced_too():
    held = HeldParts()
    word = held.hold("<span>乙</span>").strip()
    assert held.put_back(f"<li>甲 {word}</li>") == "<li>甲 <span>乙</span></li>"


def test_page_without_parts_is_untouched_and_parts_are_used_once():
    held = HeldParts()
    assert held.put_back("<p>heldpart</p>") == "<p>heldpart</p>"
    word = held.hold("<b>x</b>").strip()
    assert held.put_back(f"<p>{word}</p>") == "<b>x</b>"
    assert word not in held.parts


def test_each_build_has_its_own_placeholder_word():
    first, second = HeldParts(), HeldParts()
    word = first.hold("<b>x</b>").strip()
    assert first.prefix != second.prefix
    assert second.put_back(f"<p>{word}</p>") == f"<p>{word}</p>"
    assert first.put_back(f"<p>{word}</p>") == "<b>x</b>"
