"""The real site, built strictly: plan parts are on their pages with the right content."""

import re

from builtpage import article_text, squeeze, text_of


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_every_plan_has_a_page_and_the_home_page_lists_them(built_site):
    home = read(built_site, "index.html")
    for slug in ["dongyuan-pairing", "xx-county-jiguan-pairing", "xianyang-jiguan-pairing", "gaojian-jinzhu-pairing", "z-town-pairing"]:
        assert (built_site / "plans" / slug / "index.html").is_file()
        assert f'href="plans/{slug}/"' in home
    assert "全部结对帮扶计划（5 份）" in home


def test_pages_are_chinese(built_site):
    assert '<html lang="zh"' in read(built_site, "index.html")


def test_timetable_renders_as_a_table_in_source_order_with_the_times_as_written(built_site):
    html = read(built_site, "plans/xx-county-jiguan-pairing/index.html")
    labels = re.findall(r'<th scope="row">(.*?)</th>', html)
    assert labels == ["二、三月份：", "四月份：", "五月份：", "六月份：", "七月份：", "八月份：", "九月份：", "十月份：", "十一月份：",
                      "十二月份："]
    first_row = html.split('id="schedule-1"')[1].split("</tr>")[0]
    assert squeeze(text_of(first_row)) == squeeze(
        ">二、三月份：1、规范新学期各项计划2、指导区域及环境创设活动3、组织全体教师去机关园参观学习4、教授幼儿意外伤害的紧急护理办法")


def test_timetable_crossing_into_next_year_keeps_the_year_unknown(built_site):
    html = read(built_site, "plans/xianyang-jiguan-pairing/index.html")
    labels = re.findall(r'<th scope="row">(.*?)</th>', html)
    assert labels == ["五月份：", "六月份：", "八月份：", "十月份：", "一月份：", "二月份：", "xx年一月份：", "三月份：", "四月份：",
                      "五月份：", "六月份："]
    # the site makes no span of its own from the months (it would have to guess the years)
    assert "次年" not in html and "五月至" not in html and "原文未注明年份" not in html
    timetable = html.split('class="plan-part plan-timetable"')[1].split("</table>")[0]
    assert not re.search(r"\d{4}年", text_of(timetable))
    assert 'class="plan-period"' not in html   # no period and a timetable: the card says nothing of the time


def test_leadership_group_shows_role_name_and_duty(built_site):
    html = read(built_site, "plans/gaojian-jinzhu-pairing/index.html")
    group = html.split('class="plan-part plan-group"')[1].split("</ul>")[0]
    members = [squeeze(text_of(li)) for li in group.split("<li>")[1:]]
    assert members == ["组长：xxx（负责集团化办园的全面部署）</li>".replace("</li>", ""),
                       "副组长：xx（负责集团化办园的具体安排）", "成员：xxxx（环境布置、区域活动）"]


def test_nested_lists_keep_the_source_numbering(built_site):
    text = squeeze(article_text(read(built_site, "plans/z-town-pairing/index.html")))
    assert "1、重在行动，将三方面的支持落到实处。一是物质支持。" in text
    assert "二是理论支持。" in text and "三是活动支持。" in text
    html = read(built_site, "plans/xianyang-jiguan-pairing/index.html")
    assert '<span class="plan-marker">D、</span><strong class="plan-heading">家园共育</strong>' in html
    assert html.count('<span class="plan-marker">①</span>') == 1


def test_card_shows_parties_by_role_and_the_author(built_site):
    html = read(built_site, "plans/gaojian-jinzhu-pairing/index.html")
    card = squeeze(text_of(html.split('<div class="plan-card">')[1].split("</div>")[0]))
    assert card.startswith("帮扶园未具名县一级幼儿园（撰写单位，文中称“我园”）受援园高枧幼儿园受援园金竹幼儿园指导单位县直属机关幼儿园"
                           "标签")   # no period: the card states no time
    assert "时间" not in card and "原文未注明" not in card
    # a plan that does not call its author 我园: the card names the author and nothing more
    county = read(built_site, "plans/xx-county-jiguan-pairing/index.html")
    assert '<span class="plan-author">（撰写单位）</span>' in county and "我园" not in county


def test_signature_is_kept_as_written(built_site):
    html = read(built_site, "plans/xx-county-jiguan-pairing/index.html")
    assert '<p class="plan-signature-org">XX镇中心幼儿园</p>' in html
    assert '<p class="plan-signature-date">XX年X月</p>' in html


def test_chinese_headings_get_readable_anchors(built_site):
    html = read(built_site, "plans/xx-county-jiguan-pairing/index.html")
    assert '<h2 id="一指导思想">' in html
    assert 'href="#一指导思想"' in html


def test_no_page_loads_anything_from_another_host(built_site):
    loaded = re.compile(r'<(?:script|img|iframe|source|link(?![^>]*rel="(?:canonical|alternate)"))[^>]+(?:src|href)="([^"]*)"', re.I)
    pages = list(built_site.rglob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        urls = loaded.findall(page.read_text(encoding="utf-8"))
        assert urls, page
        assert [u for u in urls if re.match(r"(?:[a-z]+:)?//", u, re.I)] == [], page
    assert "fonts.googleapis" not in "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.css"))


def test_editing_guide_lists_fields_and_a_starter(built_site):
    html = read(built_site, "editing/index.html")
    # (a timetable row's fields: test_guide_and_history.py, test_the_guide_lists_the_fields_of_a_timetable_row)
    for field in ["title", "slug", "parties[].kindergarten", "period.text", "sections[].heading",
                  "sections[].timetable", "sections[].group[].duty", "sections[].list[].marker"]:
        assert f"<code>{field}</code>" in html
    starter = html.split('<pre class="plan-starter"><code>')[1].split("</code></pre>")[0]
    assert "sections:" in starter and "timetable:" in starter and "title:" in starter
    # a plan is its front matter: no macro is offered to editors any more
    assert "schedule_table" not in html and "{{" not in starter


def test_no_traceback_or_absolute_path_in_any_built_file(built_site):
    from conftest import ROOT

    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".ics", ".xml", ".js"):
            text = path.read_text(encoding="utf-8-sig")
            assert "Traceback" not in text and "Macro Rendering Error" not in text, path
            assert str(ROOT) not in text and "/root/" not in text, path
