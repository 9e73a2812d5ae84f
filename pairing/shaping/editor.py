"""What the form editor (/editor/) reads, published at build time as editor/data.json, and each plan as
editor/plans/<slug>.json, fetched only when that plan is loaded (a thousand plans would make data.json megabytes).

The form (overrides/assets/editor/plan-editor.js) takes its choices, labels and limits from the same schema that
validate enforces. A plan is its front matter only (the sections hold its text), so a plan file is its data."""

from __future__ import annotations

from ..content.plans import Collection, Plan
from ..content.schema import plan_schema
from ..content.yamlsource import MAX_DEPTH

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
        # Why: validate refuses front matter nested deeper than this; the form offers sub-items only while they fit.
        "max_depth": MAX_DEPTH,
        "repository": repository_links(repository),
    }


def plan_files(collection: Collection) -> dict[str, dict]:
    """Each plan as the editor loads it, by path in the site."""
    return {plan_path(plan): plan_file(plan) for plan in collection.plans.values()}


def plan_path(plan: Plan) -> str:
    return f"{PLANS_DIR}/{plan.slug}.json"


def plan_file(plan: Plan) -> dict:
    """A plan as the editor loads it: its front matter, which is the whole plan (the body after it is empty)."""
    return {"data": plan.record()}
