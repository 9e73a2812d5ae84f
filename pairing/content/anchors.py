"""The address (#anchor) of each heading: pymdownx's slug, lower case, Chinese kept, as before; an anchor the
theme uses for its own elements (`__config`, `md-sidebar`) is never made, so a heading can neither take over the
theme's element nor lose its anchor to the sanitizer (pairing/site/sanitize.py drops such ids)."""

from __future__ import annotations

from pymdownx.slugs import slugify

THEME_PREFIXES = ("__", "md-")
_SLUG = slugify(case="lower")


def heading_slug(text: str, separator: str) -> str:
    """The toc extension's slugify (mkdocs.yml: `slugify: !!python/name:pairing.content.anchors.heading_slug`)."""
    slug = _SLUG(text, separator)
    return f"h{separator}{slug}" if slug.startswith(THEME_PREFIXES) else slug
