"""Unit tests of pairing/rebuild.py: which pages a dirty rebuild builds again."""

from pairing.rebuild import PageState, newest_time, pages_to_rebuild

BUILT = 100.0
CONTENTS = {"index.md": {"plans": ("plans/a.md", "plans/b.md"), "facts": (2,)},
            "kindergartens/a.md": {"plans": ("plans/a.md",), "facts": ()},   # generated in the build: no file
            "kindergartens/b.md": {"plans": ("plans/b.md",), "facts": ()}}


def site(**changed):
    pages = {"index.md": PageState(False, 10, BUILT), "editing.md": PageState(False, 10, BUILT),
             "kindergartens/a.md": PageState(False, None, BUILT), "kindergartens/b.md": PageState(False, None, BUILT),
             "plans/a.md": PageState(True, 10, BUILT), "plans/b.md": PageState(True, 10, BUILT)}
    pages.update(changed)
    return pages


def test_nothing_changed_nothing_rebuilt():
    assert pages_to_rebuild(site(), 50, CONTENTS, CONTENTS) == set()


def test_saved_plan_rebuilds_itself_and_the_listing_pages_that_show_it():
    pages = site(**{"plans/a.md": PageState(True, 200, BUILT)})
    assert pages_to_rebuild(pages, 50, CONTENTS, CONTENTS) == {"plans/a.md", "index.md", "kindergartens/a.md"}


def test_a_listing_page_that_shows_something_else_is_rebuilt():
    # plan b moved from kindergarten b to a (its party changed): both pages change, with b saved
    pages = site(**{"plans/b.md": PageState(True, 200, BUILT)})
    now = {**CONTENTS, "kindergartens/a.md": {"plans": ("plans/a.md", "plans/b.md"), "facts": ()},
           "kindergartens/b.md": {"plans": (), "facts": ()}}
    assert pages_to_rebuild(pages, 50, now, CONTENTS) == {"plans/b.md", "index.md", "kindergartens/a.md", "kindergartens/b.md"}
    # negative control: other contents alone (a count) rebuild that page only
    counted = {**CONTENTS, "index.md": {"plans": ("plans/a.md", "plans/b.md"), "facts": (3,)}}
    assert pages_to_rebuild(site(), 50, counted, CONTENTS) == {"index.md"}


def test_saved_page_that_is_not_a_plan_rebuilds_only_itself():
    assert pages_to_rebuild(site(**{"editing.md": PageState(False, 200, BUILT)}), 50, CONTENTS, CONTENTS) == {"editing.md"}


def test_new_page_is_built():
    pages = site(**{"plans/c.md": PageState(True, 200, None), "kindergartens/c.md": PageState(False, None, None)})
    assert pages_to_rebuild(pages, 50, CONTENTS, CONTENTS) == {"plans/c.md", "kindergartens/c.md"}


def test_shared_change_first_build_or_clean_build_rebuilds_everything():
    assert pages_to_rebuild(site(), 150, CONTENTS, CONTENTS) == set(site())
    assert pages_to_rebuild(site(), 50, CONTENTS, None) == set(site())
    clean = {uri: PageState(s.is_plan, s.source_time, None) for uri, s in site().items()}
    assert pages_to_rebuild(clean, 0, CONTENTS, CONTENTS) == set(clean)


def test_newest_time_looks_into_folders(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "k.yml").write_text("x", encoding="utf-8")
    assert newest_time([tmp_path / "data", tmp_path / "missing.py"]) == (tmp_path / "data" / "k.yml").stat().st_mtime
