"""Unit tests of pairing/rebuild.py: which pages a dirty rebuild builds again."""

from pairing.rebuild import PageState, newest_time, pages_to_rebuild

BUILT = 100.0


def site(**changed):
    pages = {"index.md": PageState(False, 10, BUILT), "editing.md": PageState(False, 10, BUILT),
             "kindergartens/a.md": PageState(False, None, BUILT, "a"),   # generated in the build: no file
             "kindergartens/b.md": PageState(False, None, BUILT, "b"),
             "plans/a.md": PageState(True, 10, BUILT), "plans/b.md": PageState(True, 10, BUILT)}
    pages.update(changed)
    return pages


LISTS = {"index.md", "editing.md", "kindergartens/a.md", "kindergartens/b.md"}


def test_nothing_changed_nothing_rebuilt():
    assert pages_to_rebuild(site(), shared_time=50, plans_changed=False) == set()


def test_saved_plan_rebuilds_itself_and_every_page_that_is_not_a_plan_but_other_kindergartens():
    pages = site(**{"plans/a.md": PageState(True, 200, BUILT)})
    assert pages_to_rebuild(pages, 50, False, named={"a"}) == {"plans/a.md", "index.md", "editing.md",
                                                              "kindergartens/a.md"}
    # Negative control: the kindergarten it names after the edit (or named before it) is rebuilt too.
    assert "kindergartens/b.md" in pages_to_rebuild(pages, 50, False, named={"a", "b"})


def test_saved_page_that_is_not_a_plan_rebuilds_only_itself():
    pages = site(**{"editing.md": PageState(False, 200, BUILT)})
    assert pages_to_rebuild(pages, 50, False) == {"editing.md"}


def test_new_or_removed_plan_rebuilds_the_lists():
    assert pages_to_rebuild(site(**{"plans/c.md": PageState(True, 200, None)}), 50, False) == {"plans/c.md", *LISTS}
    assert pages_to_rebuild(site(), 50, plans_changed=True) == LISTS


def test_a_new_generated_page_is_built():
    assert pages_to_rebuild(site(**{"kindergartens/c.md": PageState(False, None, None, "c")}), 50, False) == {
        "kindergartens/c.md"}


def test_shared_change_or_clean_build_rebuilds_everything():
    assert pages_to_rebuild(site(), shared_time=150, plans_changed=False) == set(site())
    clean = {uri: PageState(s.is_plan, s.source_time, None) for uri, s in site().items()}
    assert pages_to_rebuild(clean, 0, False) == set(clean)


def test_newest_time_looks_into_folders(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "k.yml").write_text("x", encoding="utf-8")
    assert newest_time([tmp_path / "data", tmp_path / "missing.py"]) == (tmp_path / "data" / "k.yml").stat().st_mtime
