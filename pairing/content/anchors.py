"""The address (#anchor) of each heading: pymdownx's slug, lower case, Chinese kept, as before; an anchor the
theme uses for its own elements (`__config`, `md-sidebar`) or the site's templates use for theirs (`share`,
`schedule-3`: overrides/partials/plan/*.html) is never made, so a heading can neither take over such an element
(and the links to it) nor lose its anchor to the sanitizer (pairing/site/sanitize.py drops the theme's)."""

from __future__ import annotations

import re

from pymdownx.slugs import slugify

THEME_PREFIXES = ("__", "md-")
# The ids the site's templates give their own elements (tests/content/test_anchors.py reads every template's ids
# and checks that each is here).
TEMPLATE_IDS = re.compile(r"(share|share-title|calendars|helping|helped|guiding|schedule-\d+|month-\d+)")
_SLUG = slugify(case="lower")


def heading_slug(text: str, separator: str) -> str:
    """The toc extension's slugify (mkdocs.yml: `slugify: !!python/name:pairing.content.anchors.heading_slug`)."""
    slug = _SLUG(text, separator)
    taken = slug.startswith(THEME_PREFIXES) or TEMPLATE_IDS.fullmatch(slug)
    return f"h{separator}{slug}" if taken else slug
