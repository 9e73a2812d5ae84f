"""Read a built page as a reader sees its plan: the text of its <article> (the page's content inside the theme),
read by pairing.site.pagetext as the build reads the content it makes."""

from __future__ import annotations

from pairing.site.pagetext import read, squeeze

__all__ = ["article", "article_text", "plan_body", "squeeze", "text_of"]

# Where a plan page's sections begin and end in its article: after the card's share link, before the history.
SHARE_LINK = '<p class="plan-share-link"'
HISTORY = '<div class="plan-history">'



def article(html: str) -> str:
    """The page's <article> element, or "" for a page without one."""
    start, end = html.find("<article"), html.rfind("</article>")
    return html[start:end + len("</article>")] if 0 <= start < end else ""


def article_text(html: str) -> str:
    """What a reader sees of the article: no tags, no permalink signs (¶), no scripts."""
    return read(article(html)).text


def text_of(fragment: str) -> str:
    """What a reader sees of a piece of a page."""
    return read(fragment).text


def plan_body(html: str) -> str:
    """The HTML of a plan page's sections (every heading and content, in order): the article between the card's
    share link and the page's history, neither of them included."""
    page = article(html)
    start, end = page.index(SHARE_LINK), page.index(HISTORY)
    return page[page.index("</p>", start) + len("</p>"):end]
