"""Search settings and jieba's words.

jieba cuts the text of the site's own index (exports/searchindex.py) and, in the offline copy, Material's search
plugin's; the site's words join jieba's module-level dictionary (jieba's public add_word) before any page is
indexed, so a kindergarten name or a term of the field is one word in either. Material's lang and separator
settings matter for the offline copy, whose search is Material's.
"""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"


def search_setting_problems(lang: list[str], separator: str) -> list[str]:
    """What in the search settings would stop Chinese text from matching; empty when all is well."""
    problems = []
    # Why: without lang zh the browser side does not load Chinese support and matches nothing useful.
    if "zh" not in lang:
        problems.append(f"search 插件的 lang 必须包含 zh，现在是 {lang}")
    # Why: the plugin marks jieba's word boundaries with U+200B; a separator without it leaves whole sentences as one token.
    if not re.search(separator, ZERO_WIDTH_SPACE):
        problems.append("search 插件的 separator 必须把零宽空格 \\u200b 当作分隔符，否则中文整句成为一个词，搜不到")
    return problems


def use_words(words: list[str], earlier: dict[str, int | None]) -> dict[str, int | None]:
    """Make jieba keep these words whole; returns each word's frequency in jieba's dictionary before this process
    added it (None: not there). `earlier` is what an earlier build of this process returned (`mkdocs serve`): its
    words are not added again (jieba adds each frequency to its total, so adding a word twice would shift how it
    cuts every text), and a word it had that these do not is given back its frequency (0: none)."""
    import jieba

    for word, frequency in earlier.items():
        if word not in words:
            jieba.add_word(word, freq=frequency or 0)
    before = {word: earlier[word] if word in earlier else jieba.get_FREQ(word) for word in words}
    for word in words:
        if word not in earlier:
            jieba.add_word(word)
    return before
