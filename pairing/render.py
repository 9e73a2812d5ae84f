"""Render plan parts with the Jinja templates in overrides/partials/plan/ (markup lives there only)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import history, links, sharing, views
from .plans import Collection, Plan

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "overrides" / "partials" / "plan"


@lru_cache(maxsize=4)
def environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    # Autoescape: every string from front matter is text, never markup.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template: str, **context) -> str:
    """Render one template; blank lines are removed so Markdown keeps it as one HTML block."""
    html = environment().get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


# Plan-page parts, one per macro in policy.PLAN_MACROS.
def plan_card(plan: Plan, collection: Collection) -> str:
    data = plan.data
    return render("card.html", original_title=data.get("original_title", ""),
                  parties=views.parties_view(data, collection.kindergartens),
                  period=views.period_text(data), tags=data.get("tags", []))


def plan_history(plan: Plan, project_dir: Path, repository: dict, editor_url: str) -> str:
    changed = history.last_changed(project_dir / plan.file)
    return render("history.html", updated=history.chinese_date(changed) if changed else "",
                  editor_url=f"{editor_url}?plan={plan.slug}", **history.source_links(repository, plan.file))


def paragraphs(plan: Plan, field: str) -> str:
    return render("paragraphs.html", paragraphs=plan.data[field], field=field)


def outline(plan: Plan, field: str) -> str:
    return render("outline.html", items=views.outline_view(plan.data[field]), field=field)


def leadership_group(plan: Plan) -> str:
    return render("leadership.html", members=views.leadership_view(plan.data))


def schedule_table(plan: Plan) -> str:
    return render("schedule.html", rows=views.schedule_view(plan.data), year_known="year" in plan.data)


def status_report(plan: Plan) -> str:
    return render("status.html", **views.status_view(plan.data))


def signature_block(plan: Plan) -> str:
    return render("signature.html", org=plan.data["signature"]["org"], date=plan.data["signature"].get("date", ""))


# Sharing: a link at the top of a plan page, and the box at its end with the QR code of its address.
def share_link() -> str:
    return render("share_link.html")


def share_box(url: str) -> str:
    # The SVG comes from segno, built from the URL alone: markup, not front-matter text.
    return render("share.html", url=url, qr=Markup(sharing.qr_svg(url)))



def redirect_page(target: str) -> str:
    """The whole HTML page left at a former address; target is relative to it."""
    return render("redirect.html", target=target)


# Site pages that list or explain plans.
def plan_index(collection: Collection, directory_urls: bool = True) -> str:
    plans = [{"title": p.data["title"], "url": links.page_href(p, directory_urls),
              "parties": views.parties_view(p.data, collection.kindergartens),
              "period": views.period_text(p.data), "tags": p.data.get("tags", [])}
             for p in collection.plans.values()]
    return render("plan_index.html", plans=plans)


def field_reference() -> str:
    from .reference import field_rows

    return render("field_reference.html", rows=field_rows())


def macro_reference() -> str:
    from .reference import macro_rows

    return render("macro_reference.html", rows=macro_rows())


def form_editor(root: str, directory_urls: bool) -> str:
    """The editor's frame; root leads from the editor page back to the site root (links.root_prefix)."""
    return render("editor.html", root=root, guide=links.site_page("editing", directory_urls))


def starter_plan(text: str) -> str:
    return render("starter.html", text=text)
