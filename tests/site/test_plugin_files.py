"""What the pairing plugin writes itself (pairing/site/plugin.py's helpers): generated files written to the site at
once rather than held, and front matter that YAML reads back as it was meant."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.config.defaults import MkDocsConfig

from pairing.site import plugin


def test_a_generated_file_is_written_at_once_and_not_held(tmp_path):
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "测试", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert config.validate() == ([], [])
    config.plugins._current_plugin = None   # as MkDocs sets it during an event of a build, where the plugin calls it
    file = plugin.written_file(config, "data/plans.json", '{"plans": ["计划"]}\n')
    written = Path(file.abs_dest_path)
    assert written == tmp_path / "site" / "data" / "plans.json"
    assert written.read_text(encoding="utf-8") == '{"plans": ["计划"]}\n'
    file.copy_file()   # what MkDocs does with it after every page is read: nothing
    assert written.read_text(encoding="utf-8") == '{"plans": ["计划"]}\n'
    written.unlink()
    with pytest.raises(FileNotFoundError):   # its content is read from the site, not kept in memory
        file.content_string


@pytest.mark.parametrize("title", ["结对帮扶计划", '引号"和\'单引号', "行\u2028分隔\u2029段落\u0085下一行", "冒号: 与 # 号", "- 列表样"])
def test_front_matter_reads_back_as_written(title):
    meta = {"title": title, "tags": ["送教", "教研"], "search": {"exclude": True}}
    text = plugin.front_matter(meta)
    assert text.startswith("---\n") and text.endswith("\n---\n")
    body = text[len("---\n"):-len("---\n")]
    assert body.count("\n") == 1   # one line: nothing in it breaks the line for YAML
    assert yaml.safe_load(body) == meta
