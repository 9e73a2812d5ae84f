"""The site's search index made in a second process while the first makes the pages.

Cutting the text into jieba's words is most of the index's time, and about a sixth of a first build's; pure
Python, it holds one core. A machine has more than one, so the plugin hands each document to this process (the
same IndexWriter, the same jieba words) and only waits for it at the end of the build. The index is the same,
byte for byte, as one made in the build's own process (tests/exports/test_indexprocess.py).

The two processes speak through a pipe: the words jieba keeps whole, then each document, then None, each one
marshal'd (plain strings, lists and tuples). A full pipe makes the build wait, so documents never pile up in
memory. The process is started as `python -m pairing.exports.indexprocess SITE_DIR SHARDS` in the folder that holds
the package the build runs (so it runs the same code); its messages go to a temporary file, read only if it
fails. A fresh process per build: its jieba has the words of this build and no other.
"""

from __future__ import annotations

import marshal
import subprocess
import sys
import tempfile
from pathlib import Path

from .searchindex import IndexWriter, SearchDoc

PACKAGE_ROOT = Path(__file__).resolve().parents[2]


class IndexFailed(Exception):
    """The index process stopped before it finished: its reason, in one line."""


class IndexProcess:
    """IndexWriter's add() and finish(), done by a second process."""

    def __init__(self, site_dir: Path, shards: int, words: list[str]) -> None:
        self.shards = shards
        self.messages = tempfile.TemporaryFile()
        self.process = subprocess.Popen([sys.executable, "-m", __name__, str(site_dir.resolve()), str(shards)],
                                        cwd=PACKAGE_ROOT, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                        stderr=self.messages)
        self._send(list(words))

    def add(self, doc: SearchDoc) -> None:
        self._send((doc.url, doc.title, doc.is_plan, list(doc.fields), list(doc.blocks)))

    def finish(self) -> None:
        """Wait for the index to be written; IndexFailed if it was not."""
        self._send(None)
        self._close_pipe()
        if self.process.wait() != 0:
            raise IndexFailed(self._reason())
        self.messages.close()

    def stop(self) -> None:
        """End the process if it still runs (a build that failed, or a new build of `mkdocs serve`)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._close_pipe()
        self.messages.close()

    def _send(self, value) -> None:
        try:
            marshal.dump(value, self.process.stdin)
        except (BrokenPipeError, ValueError):   # it has ended (ValueError: the pipe is closed already)
            self.process.wait()
            raise IndexFailed(self._reason()) from None

    def _close_pipe(self) -> None:
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass

    def _reason(self) -> str:
        if self.messages.closed:
            return "已停止"
        self.messages.seek(0)
        lines = self.messages.read().decode("utf-8", "replace").strip().splitlines()
        reason = next((line for line in reversed(lines) if line.startswith(REASON)), None)
        return reason[len(REASON):] if reason else f"进程意外结束（退出码 {self.process.returncode}）"


# The process's side
REASON = "index-failed: "


def serve(site_dir: Path, shards: int, stream) -> None:
    """Read the words, then each document until None, from `stream`; write the index."""
    import jieba

    for word in marshal.load(stream):
        jieba.add_word(word)
    writer = IndexWriter(site_dir, shards)
    while (fields := marshal.load(stream)) is not None:
        writer.add(SearchDoc(*fields))
    writer.finish()


def main(arguments: list[str]) -> int:
    try:
        serve(Path(arguments[0]), int(arguments[1]), sys.stdin.buffer)
    except OSError as error:   # e.g. a full disk: its reason, without the machine's paths
        print(f"{REASON}写入搜索索引时出错：{error.strerror or type(error).__name__}", file=sys.stderr)
        return 1
    except Exception as error:
        print(f"{REASON}{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
