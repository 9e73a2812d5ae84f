"""Nothing lost: every line of the five seed documents is on its plan page, in order, word for word.

tests/fixtures/seeds.txt is a copy of the seed file (../shared/seeds/ is not in a fresh clone).
Whitespace is ignored, and one layout change is allowed and nothing else: the run-together line of the third
seed ("…学习2次xx年一月份：…") is two timetable rows. Each row keeps its time as written ("二、三月份：").
"""

import re

import pytest

from builtpage import article_text, squeeze
from conftest import ROOT

SEEDS = ROOT / "tests" / "fixtures" / "seeds.txt"
# Line ranges from shared/seeds/README.md.
SEED_PAGES = {
    "dongyuan-pairing": (1, 18),
    "xx-county-jiguan-pairing": (19, 145),
    "xianyang-jiguan-pairing": (146, 190),
    "gaojian-jinzhu-pairing": (191, 243),
    "z-town-pairing": (244, 270),
}


def seed_pieces(first: int, last: int) -> list[tuple[int, str]]:
    lines = SEEDS.read_text(encoding="utf-8").splitlines()
    pieces = []
    for number in range(first, last + 1):
        text = squeeze(lines[number - 1])
        for piece in re.split(r"(?<=学习2次)(?=xx年一月份)", text):
            if piece:
                pieces.append((number, piece))
    return pieces


def missing_pieces(page: str, pieces: list[tuple[int, str]]) -> list[str]:
    position, missing = 0, []
    for number, piece in pieces:
        found = page.find(piece, position)
        if found < 0:
            missing.append(f"第 {number} 行：{piece[:30]}")
        else:
            position = found + len(piece)
    return missing


def test_seed_ranges_cover_the_whole_file():
    lines = SEEDS.read_text(encoding="utf-8").splitlines()
    last = max(end for _, end in SEED_PAGES.values())
    assert all(not line.strip() for line in lines[last:])
    assert lines[last - 1].strip()


@pytest.mark.parametrize("slug", SEED_PAGES)
def test_every_seed_line_is_on_its_page_in_order(built_site, slug):
    page = squeeze(article_text((built_site / "plans" / slug / "index.html").read_text(encoding="utf-8")))
    pieces = seed_pieces(*SEED_PAGES[slug])
    assert len(pieces) > 5
    assert missing_pieces(page, pieces) == []


def test_the_check_notices_a_lost_or_reordered_line():
    # negative control: the same check on a page that lost one line and swapped two
    pieces = seed_pieces(*SEED_PAGES["dongyuan-pairing"])
    texts = [text for _, text in pieces]
    assert missing_pieces("".join(texts[1:]), pieces) == [f"第 1 行：{texts[0][:30]}"]
    swapped = texts[:2] + [texts[3], texts[2]] + texts[4:]
    assert len(missing_pieces("".join(swapped), pieces)) == 1


def test_a_timetable_row_keeps_its_time_as_written():
    # negative control: a page that showed "二、三月份" without the source's colon is missing that line
    pieces = seed_pieces(*SEED_PAGES["xx-county-jiguan-pairing"])
    texts = [text for _, text in pieces]
    assert "二、三月份：" in texts
    page = "".join(texts).replace("二、三月份：", "二、三月份")
    assert missing_pieces(page, pieces) == [f"第 {pieces[texts.index('二、三月份：')][0]} 行：二、三月份："]


def test_only_the_run_together_line_of_the_third_seed_is_split():
    pieces = seed_pieces(1, max(end for _, end in SEED_PAGES.values()))
    numbers = [number for number, _ in pieces]
    split = [(number, text) for number, text in pieces if numbers.count(number) > 1]
    assert len(split) == 2 and split[0][0] == split[1][0]
    assert split[0][1].endswith("学习2次") and split[1][1].startswith("xx年一月份：")


# Nothing invented: the seed plans' texts, walked from the files as written (not with pairing's views), are the
# seed text and nothing else, in order (whitespace aside: layout).
def item_texts(item) -> list[str]:
    if isinstance(item, str):
        return [item]
    found = [item[key] for key in ("marker", "heading", "text") if key in item]
    return found + [text for sub in item.get("items", []) for text in item_texts(sub)]


def section_texts(section: dict) -> list[str]:
    found = [section["heading"]] if "heading" in section else []
    found += section.get("paragraphs", [])
    found += [text for item in section.get("list", []) for text in item_texts(item)]
    found += [member[key] for member in section.get("group", []) for key in ("role", "name", "duty") if key in member]
    for row in section.get("timetable", []):
        found += [row[key] for key in ("when", "text") if key in row]
        found += [text for item in row.get("items", []) for text in item_texts(item)]
    signature = section.get("signature", {})
    return found + [signature[key] for key in ("org", "date") if key in signature]


def written_texts(data: dict) -> str:
    """The plan's texts in the source's order (its title line is original_title), squeezed and joined."""
    texts = [data["original_title"]] if "original_title" in data else []
    texts += [text for section in data["sections"] for text in section_texts(section)]
    return squeeze("".join(texts))


@pytest.mark.parametrize("slug", SEED_PAGES)
def test_a_seed_plan_is_its_seed_text_and_nothing_else(slug):
    import yaml

    first, last = SEED_PAGES[slug]
    lines = SEEDS.read_text(encoding="utf-8").splitlines()[first - 1:last]
    front = (ROOT / "docs" / "plans" / f"{slug}.md").read_text(encoding="utf-8").split("---\n")[1]
    assert written_texts(yaml.safe_load(front)) == squeeze("".join(lines))


def test_the_nothing_else_check_notices_an_added_or_a_lost_word():
    data = {"original_title": "篇1", "sections": [{"heading": "一、甲", "list": [{"marker": "1.", "text": "乙"}]}]}
    assert written_texts(data) == "篇1一、甲1.乙"
    data["sections"][0]["list"].append("丙")
    assert written_texts(data) != "篇1一、甲1.乙"
