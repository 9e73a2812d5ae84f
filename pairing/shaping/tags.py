"""Tag addresses: every tag has its own page, tags/<slug>/, with the slug Material's tags plugin uses for
its anchors (Chinese characters kept: tags/环境创设/)."""

from __future__ import annotations

from hashlib import sha1

from pymdownx.slugs import slugify

TAGS_DIR = "tags"
# The tags plugin's default (tags_slugify): lower case, punctuation dropped, Chinese characters kept.
TAG_SLUG = slugify(case="lower")


def tag_slug(tag: str) -> str:
    """The tag's address part. Spellings of one slug (Steam 教育, steam-教育) share a page; a tag of
    punctuation only, which would have no slug, gets one from its characters (stable across builds)."""
    return TAG_SLUG(tag, "-") or f"tag-{sha1(tag.encode('utf-8')).hexdigest()[:8]}"


def tag_url(tag: str) -> str:
    return f"{TAGS_DIR}/{tag_slug(tag)}/"
