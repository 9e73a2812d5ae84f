"""Nothing lost: every line of the five seed documents is on its plan page, in order, word for word.

tests/fixtures/seeds.txt is a copy of the seed file (../shared/seeds/ is not in a fresh clone).
Whitespace is ignored, and two layout changes are allowed and nothing else:
- the schedule table puts a month in its own column, so "二、三月份：" reads "二、三月份";
- the run-together line of the third seed ("…学习2次xx年一月份：…") is two schedule rows.
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
MONTH_COLON = re.compile(r"(月份)：")


def seed_pieces(first: int, last: int) -> list[tuple[int, str]]:
    lines = SEEDS.read_text(encoding="utf-8").splitlines()
    pieces = []
    for number in range(first, last + 1):
        text = MONTH_COLON.sub(r"\1", squeeze(lines[number - 1]))
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
