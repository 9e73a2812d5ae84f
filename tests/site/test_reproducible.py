"""Two builds of the same commit are byte-identical, so a reviewer can diff the site a pull request makes.

Only the build date could differ (sitemap <lastmod> and the sitemap.xml.gz header); builds pin it with
SOURCE_DATE_EPOCH, as the CI workflow does from the commit's own date."""

import hashlib

from conftest import ROOT, run_build


def tree_digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    epoch = {"SOURCE_DATE_EPOCH": "1767225600"}
    first, second = tmp_path / "first", tmp_path / "second"
    assert run_build(ROOT, first, epoch).returncode == 0
    assert run_build(ROOT, second, epoch).returncode == 0
    digests = tree_digest(first)
    assert len(digests) > 20
    assert digests == tree_digest(second)


def test_the_comparison_notices_a_difference(tmp_path):
    # negative control: one changed byte is seen
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.html").write_text("计划" + ("" if name == "a" else " "), encoding="utf-8")
    assert tree_digest(tmp_path / "a") != tree_digest(tmp_path / "b")
