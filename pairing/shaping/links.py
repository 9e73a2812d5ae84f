"""Links that last: canonical URLs, page links that work online and offline, and redirects from former slugs."""

from __future__ import annotations

from urllib.parse import urljoin

from ..content.plans import PLANS_DIR, Collection, Plan


def canonical_url(site_url: str, plan: Plan) -> str:
    """The plan's address on the published site, also under a sub-path (https://host/sub/plans/x/)."""
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    return urljoin(base, plan.url)


def page_href(plan: Plan, directory_urls: bool) -> str:
    """A link to the plan relative to the site root: plans/x/ online, plans/x.html in the offline copy."""
    return plan.url if directory_urls else f"{PLANS_DIR}/{plan.slug}.html"


def root_prefix(page_url: str) -> str:
    """The relative way from a page back to the site root, for files such as assets:
    '../../' from plans/x/, '' from editor.html. Links to pages use directory.relative_url."""
    return "../" * page_url.count("/")


def redirects(collection: Collection, directory_urls: bool) -> list[dict]:
    """One redirect page per former slug: where to write it in the site and where it points, relatively."""
    pages = []
    for plan in collection.plans.values():
        for former in plan.data.get("former_slugs", []):
            if directory_urls:
                pages.append({"path": f"{PLANS_DIR}/{former}/index.html", "target": f"../{plan.slug}/"})
            else:
                pages.append({"path": f"{PLANS_DIR}/{former}.html", "target": f"{plan.slug}.html"})
    return pages

