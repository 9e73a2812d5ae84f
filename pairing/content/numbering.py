"""Chinese numerals and the numbering styles the plans use (1、 / （一） / A、 / ① / (1) / 一是 …)."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (plans never count past 99)."""
    if not 0 < n < 100:
        raise ValueError(f"out of range: {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


def marker(style: str | None, n: int) -> str:
    """The text a list item starts with, in the style the source document used."""
    if not style:
        return ""
    circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    styles = {
        "1、": lambda: f"{n}、",
        "1.": lambda: f"{n}.",
        "一、": lambda: f"{chinese_numeral(n)}、",
        "（一）": lambda: f"（{chinese_numeral(n)}）",
        "A、": lambda: f"{chr(ord('A') + n - 1)}、",
        "①": lambda: circled[n - 1] if n <= len(circled) else f"({n})",
        "(1)": lambda: f"({n})",
        "一是": lambda: f"{chinese_numeral(n)}是",
    }
    return styles[style]()
