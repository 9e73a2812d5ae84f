"""Render plan parts with the Jinja templates in overrides/partials/plan/ (markup lives there only)."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..shaping import directory
from ..exports import opendata as exports
from . import csp, history
from ..shaping import links
from ..shaping import sharing
from ..shaping import views
from ..content.plans import Collection, Plan

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "overrides" / "partials" / "plan"


@lru_cache(maxsize=4)
def environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    # Autoescape: every string from front matter is text, never markup.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


def render(template: str, **context) -> str:
    """Render one template; blank lines are removed so Markdown keeps it as one HTML block."""
    html = environment().get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


# Plan-page parts.
def plan_card(plan: Plan, collection: Collection, page_url: str | None = None) -> str:
    """The card at the top of a plan page; links are relative to page_url (plans/x/ or, offline, plans/x.html)."""
    data, here = plan.record(), plan.url if page_url is None else page_url
    has_events = exports.publishes_events(plan)
    calendar_url = directory.relative_url(here, exports.plan_calendar(plan.slug)) if has_events else ""
    return render("card.html", original_title=data.get("original_title", ""),
                  parties=directory.party_links(data, collection.kindergartens, here),
                  says_our=views.says_our_kindergarten(data), period=views.period_text(data), calendar_url=calendar_url,
                  tags=directory.tag_links(data.get("tags", []), here))


def plan_history(plan: Plan, changed: date | None, repository: dict, editor_url: str) -> str:
    """The date of the plan's last change (None: not known, e.g. outside git) and its edit links."""
    return render("history.html", updated=history.chinese_date(changed) if changed else "",
                  editor_url=f"{editor_url}?plan={plan.slug}", **history.source_links(repository, plan.file))


def section(view: dict) -> str:
    """One section's content (views.sections_view); empty for a heading alone."""
    return render("section.html", section=view) if view["kind"] else ""


# Why every ASCII punctuation mark: in a Markdown heading any of them can be syntax (* _ ` [ ] < & # { } \ ! …);
# as a numeric character reference each is only the character itself, in the heading and in the table of contents.
MARKDOWN_SAFE = {ord(c): f"&#{ord(c)};" for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}


def heading_markdown(view: dict) -> str:
    """A section's heading as a Markdown heading of its level whose text is exactly the heading as written."""
    return f"{'#' * view['level']} {view['heading'].translate(MARKDOWN_SAFE)}"


# Sharing: a link at the top of a plan page, and the box at its end with the QR code of its address.
def share_link() -> str:
    return render("share_link.html")


def share_box(url: str) -> str:
    # The SVG comes from segno, built from the URL alone: markup, not front-matter text.
    return render("share.html", url=url, qr=Markup(sharing.qr_svg(url)))



def redirect_page(target: str) -> str:
    """The whole HTML page left at a former address; target is relative to it. Its policy lets run exactly the
    script its template writes."""
    scripts = csp.inline_scripts(render("redirect.html", target=target, policy=""))
    return render("redirect.html", target=target, policy=csp.policy_for(scripts))


# Site pages that list or explain plans; page_url is the page the links are relative to, number the page of a
# listing split into pages (listings.generated_pages).
def plan_index(collection: Collection, page_url: str, number: int = 1) -> str:
    return render("plan_index.html", **directory.index_view(collection, page_url, number))


def plan_index_data(collection: Collection, home_url: str) -> str:
    """The script file plan-index.js loads to filter and sort every plan (a script, not JSON: it also loads
    from file:// in the offline copy)."""
    # Why not tojson: compact, Chinese as UTF-8 (not 6-byte \uXXXX escapes), keys in the order the views give
    # them; JSON is a JavaScript expression, and this is a script file, not HTML.
    data = Markup(exports.compact_json(directory.index_data(collection, home_url)))
    return environment().get_template("plan_index_data.js").render(data=data)


def kindergarten_page(collection: Collection, kindergarten_id: str, page_url: str, number: int = 1) -> str:
    return render("kindergarten.html", **directory.kindergarten_view(kindergarten_id, collection, page_url, number))


def kindergarten_index(collection: Collection, page_url: str, number: int = 1) -> str:
    return render("kindergarten_index.html", role_labels=list(views.ROLE_LABELS.values()),
                  **directory.kindergarten_index_view(collection, page_url, number))


def activity_calendar(collection: Collection, page_url: str, number: int = 1) -> str:
    return render("calendar.html", **directory.calendar_view(collection, page_url, number), event_count=exports.event_total(collection),
                  ics_url=directory.relative_url(page_url, exports.ALL_CALENDAR))


def tag_index(collection: Collection, page_url: str) -> str:
    return render("tag_index.html", tags=directory.tag_index_view(collection, page_url))


def tag_page(collection: Collection, slug: str, page_url: str, number: int = 1) -> str:
    return render("tag.html", **directory.tag_view(collection, slug, page_url, number))


def open_data(collection: Collection, page_url: str) -> str:
    files = [{**file, "url": directory.relative_url(page_url, file["path"])} for file in exports.OPEN_DATA_FILES]
    dated = sum(1 for plan in collection.plans.values() if exports.publishes_events(plan))
    return render("open_data.html", files=files, dated_plans=dated, plan_count=len(collection.plans),
                  calendar_dir=posixpath.dirname(exports.plan_calendar("x")))


def field_reference() -> str:
    from ..shaping.reference import field_rows

    return render("field_reference.html", rows=field_rows())


def form_editor(page_url: str) -> str:
    """The editor's frame, with its assets and links relative to the editor page."""
    return render("editor.html", root=links.root_prefix(page_url), guide=directory.relative_url(page_url, "editing/"))


def starter_plan(text: str) -> str:
    # Line breaks as &#10;: render() drops blank lines, and the text to copy must keep them.
    return render("starter.html", text=escape(text).replace("\n", Markup("&#10;")))
