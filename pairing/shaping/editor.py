"""What the form editor (/editor/) reads, published at build time as editor/data.json, and each plan as
editor/plans/<slug>.json, fetched only when that plan is loaded (a thousand plans would make data.json megabytes).

The form is built in the browser from the same schema that validate enforces, so a new field in
schema.yml appears in the form without editing it; the body rules come from policy and scaffold."""

from __future__ import annotations

from ..content.numbering import chinese_numeral
from ..content.plans import Collection, Plan
from ..content.schema import plan_schema

DATA_FILE = "editor/data.json"
PLANS_DIR = "editor/plans"


def repository_links(repository: dict) -> dict:
    """The hosting repo's pages the editor sends a person to; empty when no repo is configured."""
    url, branch = (repository.get("url") or "").rstrip("/"), repository.get("branch") or "main"
    if not url:
        return {}
    return {"new_file": f"{url}/new/{branch}/docs/plans", "upload": f"{url}/upload/{branch}/docs/plans",
            "edit": f"{url}/edit/{branch}/docs/plans"}


def editor_data(collection: Collection, repository: dict) -> dict:
    return {
        "schema": plan_schema(),
        "kindergartens": [{"id": kid, "name": record["name"]} for kid, record in collection.kindergartens.items()],
        "plans": [{"slug": plan.slug, "title": plan.data["title"]} for plan in collection.plans.values()],
        "numerals": [chinese_numeral(n) for n in range(1, 21)],
        "repository": repository_links(repository),
    }


def plan_files(collection: Collection) -> dict[str, dict]:
    """Each plan as the editor loads it, by path in the site."""
    return {plan_path(plan): plan_file(plan) for plan in collection.plans.values()}


def plan_path(plan: Plan) -> str:
    return f"{PLANS_DIR}/{plan.slug}.json"


def plan_file(plan: Plan) -> dict:
    """A plan as the editor loads it: its front matter and its body (it depends on the plan's text only)."""
    return {"data": plan.data}
