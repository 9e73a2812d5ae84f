"""The search index made in a second process (pairing/exports/indexprocess.py): byte for byte the index the build's
own process makes, with this build's jieba words; a failure stops the build with its reason in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from pairing.content import plans
from pairing.exports import indexprocess, searchindex
from pairing.exports.indexprocess import IndexFailed, IndexProcess

ROOT = Path(__file__).resolve().parents[2]
NEW_NAME = "甲乙丙丁幼儿园"   # no word of jieba's dictionary, no text of the seed plans, and only in a text below


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def documents() -> list[searchindex.SearchDoc]:
    collection = plans.load(ROOT, ROOT / "docs", ROOT / "data")
    docs = [searchindex.plan_doc(plan, collection.kindergartens, f"plans/{plan.data['slug']}/")
            for plan in collection.plans.values()]
    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    return docs + [searchindex.page_doc("editing/", "编辑指南", guide),
                   searchindex.SearchDoc("x/", "一份计划", True, ["一份计划"], [f"{NEW_NAME}与高枧幼儿园结对"])]


def in_process(folder: Path, documents) -> dict[str, bytes]:
    writer = searchindex.IndexWriter(folder, 16)
    for doc in documents:
        writer.add(doc)
    writer.finish()
    return files(folder)


def in_second_process(folder: Path, documents, words: list[str]) -> dict[str, bytes]:
    process = IndexProcess(folder, 16, words)
    for doc in documents:
        process.add(doc)
    process.finish()
    return files(folder)


def test_the_second_process_writes_the_index_the_build_would(documents, tmp_path):
    expected = in_process(tmp_path / "here", documents)
    assert len(expected) == len(documents) + 16 + 1   # a file a document, the shards, head.json
    assert in_second_process(tmp_path / "there", documents, []) == expected


def test_the_second_process_cuts_with_the_builds_words(documents, tmp_path):
    # negative control of the test above: with a word added, the index differs, by that word
    plain = in_second_process(tmp_path / "plain", documents, [])
    worded = in_second_process(tmp_path / "worded", documents, [NEW_NAME])
    token = f"w{NEW_NAME}".encode()
    shards = lambda index: b"".join(data for name, data in index.items() if "/s/" in name)
    assert plain.keys() == worded.keys()
    assert shards(worded).count(token) == 1 and token not in shards(plain)


def test_a_failure_stops_with_its_reason_in_chinese_and_no_path(documents, tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("不是文件夹", encoding="utf-8")   # where the index should go is a file
    process = IndexProcess(taken, 16, [])
    with pytest.raises(IndexFailed) as caught:
        for doc in documents:
            process.add(doc)
        process.finish()
    assert str(caught.value).startswith("写入搜索索引时出错：")
    assert str(tmp_path) not in str(caught.value) and "Traceback" not in str(caught.value)


def test_a_process_that_died_is_reported(tmp_path):
    process = IndexProcess(tmp_path, 16, [])
    process.process.kill()
    process.process.wait()
    with pytest.raises(IndexFailed) as caught:
        process.add(searchindex.SearchDoc("x/", "甲", True, ["甲"], ["乙"] * 20_000))
        process.finish()
    assert "进程意外结束" in str(caught.value)


def test_stop_ends_the_process_and_a_closed_pipe_ends_it_too(tmp_path):
    stopped = IndexProcess(tmp_path / "a", 16, [])
    stopped.stop()
    assert stopped.process.returncode is not None
    orphan = IndexProcess(tmp_path / "b", 16, [])
    orphan.process.stdin.close()   # as when the build's process has ended
    assert orphan.process.wait(timeout=60) != 0
    orphan.stop()


def test_the_process_runs_the_package_the_build_runs():
    assert (indexprocess.PACKAGE_ROOT / "pairing" / "exports" / "indexprocess.py").resolve() == Path(indexprocess.__file__).resolve()
