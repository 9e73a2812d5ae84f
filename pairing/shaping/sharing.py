"""What a shared plan carries with it: the link preview text and the QR code of its address."""

from __future__ import annotations

import segno

from . import views
from ..content.plans import Collection, Plan

# Why a fixed mask: scoring the eight masks is most of segno's time (3.6 of 4.3 ms a code); any mask reads the same
# in every reader (tests/qrscan.py scans the pages' codes with zxing-cpp).
QR_MASK = 0


def description(plan: Plan, kindergartens: dict) -> str:
    """One Chinese sentence for chat-app previews and search engines, from the front matter only."""
    parties = views.parties_view(plan.data, kindergartens)
    roles = [f"{label}：{'、'.join(p['name'] for p in parties if p['role'] == role)}"
             for role, label in views.ROLE_LABELS.items() if any(p["role"] == role for p in parties)]
    tags = plan.data.get("tags", [])
    period = views.period_text(plan.data)
    text = f"结对帮扶计划。{'；'.join(roles)}。" + (f"时间：{period}。" if period else "")
    return text + (f"内容：{'、'.join(tags)}。" if tags else "")


def link_preview(plan: Plan, collection: Collection, url: str) -> dict:
    """The Open Graph fields of a plan page (og:title, og:description, og:url, og:type)."""
    return {"title": plan.data["title"], "description": description(plan, collection.kindergartens),
            "url": url, "type": "article"}


def qr_svg(url: str) -> str:
    """The address as a QR code, inline SVG sized by CSS (no image file, no script, no network)."""
    code = segno.make(url, error="m", micro=False, mask=QR_MASK)
    return code.svg_inline(omitsize=True, border=2, title=f"本页二维码：{url}", svgclass="qr-code")
