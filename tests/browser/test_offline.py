"""The offline copy: `python -m pairing offline` packs the whole site in a zip that works from file://
with no network, search included."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from pairing.content import schema
from pairing.exports import offline

PLAN_SLUGS = sorted(p.stem for p in (ROOT / "docs" / "plans").glob("*.md"))


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory) -> Path:
    """The zip as an editor makes it: the real command, which prints where it put the zip."""
    target = tmp_path_factory.mktemp("offline") / "copy.zip"
    result = subprocess.run([sys.executable, "-m", "pairing", "offline", "--output", str(target)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target.resolve())
    return target


@pytest.fixture(scope="module")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(folder)
    return folder / offline.FOLDER


@pytest.fixture
def offline_page(browser):
    """A tab with no network: any http(s) request is refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    refused: list[str] = []
    context.route(re.compile(r"^https?://"), lambda route: (refused.append(route.request.url), route.abort()))
    tab = context.new_page()
    tab.refused = refused
    yield tab
    context.close()


def test_zip_holds_the_whole_site_in_one_folder(offline_zip):
    names = zipfile.ZipFile(offline_zip).namelist()
    assert all(name.startswith(f"{offline.FOLDER}/") for name in names)
    for slug in PLAN_SLUGS:
        assert f"{offline.FOLDER}/plans/{slug}.html" in names
    for part in ["index.html", "editing.html", "search/search_index.js", "assets/vendor/iframe-worker-shim.js"]:
        assert f"{offline.FOLDER}/{part}" in names


def test_offline_pages_load_nothing_from_a_cdn(unzipped):
    for page in unzipped.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'\ssrc="https?://', html), page.name
        loaded_links = [tag for tag in re.findall(r"<link[^>]*>", html) if 'rel="canonical"' not in tag]
        assert not [tag for tag in loaded_links if 'href="http' in tag], page.name
        # no Content Security Policy from file://, where 'self' matches nothing and would block the site's own scripts
        assert "Content-Security-Policy" not in html, page.name


def test_same_site_gives_the_same_zip(tmp_path):
    site = tmp_path / "site"
    (site / "plans").mkdir(parents=True)
    (site / "index.html").write_text("首页", encoding="utf-8")
    (site / "plans" / "a.html").write_text("计划", encoding="utf-8")
    first = offline.zip_site(site, tmp_path / "1.zip").read_bytes()
    (site / "index.html").touch()
    assert offline.zip_site(site, tmp_path / "2.zip").read_bytes() == first


def test_broken_content_gives_chinese_problems_and_no_zip(site_copy, tmp_path):
    # negative test: the offline copy is checked like the site
    plan = site_copy / "docs" / "plans" / "z-town-pairing.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("slug: z-town-pairing", "slug: z-town", 1),
                    encoding="utf-8")
    with pytest.raises(offline.OfflineBuildError) as caught:
        offline.build_zip(site_copy, tmp_path / "copy.zip")
    assert (f'docs/plans/z-town-pairing.md:3:7: {schema.field_label(("slug",))}: 网址名必须与文件名相同：文件名是 '
            'z-town-pairing.md，网址名却是 "z-town"') in str(caught.value)
    assert not (tmp_path / "copy.zip").exists()


def test_home_and_plan_pages_work_from_file_without_network(offline_page, unzipped):
    offline_page.goto((unzipped / "index.html").as_uri())
    offline_page.get_by_role("link", name="帮扶z镇幼儿园计划").first.click()
    assert offline_page.url == (unzipped / "plans" / "z-town-pairing.html").as_uri()
    assert offline_page.locator("h1").inner_text() == "帮扶z镇幼儿园计划"
    assert offline_page.locator(".plan-share .qr svg").is_visible()
    assert offline_page.refused == []


def test_plan_index_filters_from_file_without_network(offline_page, unzipped):
    # The index's data is a script file, which loads from file:// (JSON fetched by the page would not).
    offline_page.goto((unzipped / "index.html").as_uri())
    offline_page.locator(".plan-index-count", has_text="共 5 份").wait_for()
    offline_page.fill(".plan-index-filters input[name=text]", "咸阳")
    offline_page.locator(".plan-index-count", has_text="找到 1 份").wait_for()
    offline_page.locator(".plan-index tbody a", has_text="与咸阳市机关幼儿园结对学习计划").click()
    offline_page.wait_for_url((unzipped / "plans" / "xianyang-jiguan-pairing.html").as_uri())
    assert offline_page.refused == []


def test_search_works_from_file_without_network(offline_page, unzipped):
    offline_page.goto((unzipped / "plans" / "dongyuan-pairing.html").as_uri())
    search = offline_page.locator(".md-search__input")
    search.click()
    search.fill("送教下乡")
    search.press("ArrowRight")   # Material searches on key-up
    offline_page.locator(".md-search-result__item").first.wait_for()
    assert re.fullmatch(r"\d+ 个符合条件的结果", offline_page.locator(".md-search-result__meta").inner_text())
    link = offline_page.locator(".md-search-result__item a").first
    assert re.search(r"/plans/[a-z0-9-]+\.html(\?|#|$)", link.get_attribute("href"))
    link.click()
    assert offline_page.url.startswith(unzipped.as_uri() + "/plans/")
    assert offline_page.refused == []


def test_cli_lists_its_commands(capsys):
    from pairing.cli.main import main

    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    assert "生成整站离线版压缩包" in capsys.readouterr().out
    with pytest.raises(SystemExit) as caught:   # negative test: a command is required
        main([])
    assert caught.value.code == 2
