"""`mkdocs serve` notices a save sooner (speed_hooks.on_serve): MkDocs' own server, its watcher made to look
every tenth of a second, still watching what MkDocs asked it to and still by polling."""

from __future__ import annotations

import time

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

import speed_hooks


def server_watching(tmp_path, *paths):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    for path in paths:
        server.watch(str(path))
    return server


def watched(server) -> set[tuple[str, bool]]:
    """What the watcher looks at (a file is watched through its folder): (path, recursive)."""
    return {(emitter.watch.path, emitter.watch.is_recursive) for emitter in server.observer.emitters}


def seconds_until_noticed(server, path, text: str, wait: float = 0.0) -> float | None:
    """From a save of path to the server wanting a rebuild, or None after 2 s."""
    server.observer.start()
    try:
        time.sleep(0.6 + wait)   # the first look records the files as they are
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        while time.perf_counter() - start < 2:
            if server._want_rebuild:
                return time.perf_counter() - start
            time.sleep(0.005)
        return None
    finally:
        server.observer.stop()
        server.observer.join()


def test_the_watcher_looks_every_tenth_of_a_second_at_the_same_paths(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server = server_watching(tmp_path, tmp_path / "docs", tmp_path / "mkdocs.yml")
    assert server.observer.timeout == 0.5   # negative control: MkDocs' own interval
    before = watched(server)
    assert len(before) == 2
    server = speed_hooks.on_serve(server, config=None, builder=server.builder)
    assert isinstance(server.observer, PollingObserver) and server.observer.timeout == speed_hooks.WATCH_INTERVAL == 0.1
    assert watched(server) == before
    # Paths watched later (mkdocs.yml's `watch:`) go to the new watcher too, and can still be unwatched.
    (tmp_path / "extra").mkdir()
    server.watch(str(tmp_path / "extra"))
    server.unwatch(str(tmp_path / "mkdocs.yml"))
    assert watched(server) == {(str(tmp_path / "docs"), True), (str(tmp_path / "extra"), True)}


def test_a_save_is_noticed_within_a_few_tenths_of_a_second(tmp_path):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "index.md"
    page.write_text("first", encoding="utf-8")
    def quick():
        return speed_hooks.quicker_watcher(server_watching(tmp_path, tmp_path / "docs"), speed_hooks.WATCH_INTERVAL)

    noticed = [seconds_until_noticed(quick(), page, f"save {n}", wait=n * 0.03) for n in range(3)]
    assert all(seconds is not None for seconds in noticed) and max(noticed) < 0.4, noticed
    # negative control: MkDocs' own watcher looks every 0.5 s, so over three saves one waits longer
    noticed = [seconds_until_noticed(server_watching(tmp_path, tmp_path / "docs"), page, f"slow save {n}", wait=n * 0.17)
               for n in range(3)]
    assert max(noticed) > 0.25, noticed
