"""The offline copy: the whole site built for file:// (Material's offline plugin) and packed in one zip."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

# The offline copy's configuration: mkdocs.yml with the file:// search shim from the site itself (INHERIT).
CONFIG = "offline.yml"
# mkdocs.yml turns Material's offline plugin on with this variable: .html links, search inlined in a script.
OFFLINE_ENV = {"PAIRING_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
# The one folder inside the zip, ASCII so that every unzip tool names it the same way.
FOLDER = "pairing-plans-offline"
DEFAULT_ZIP = Path("dist") / f"{FOLDER}.zip"
# Fixed entry times: the same site gives the same zip, whenever it is built.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


class OfflineBuildError(Exception):
    """The site did not build; carries the build's own (Chinese) messages."""


def build_site(project: Path, site_dir: Path) -> None:
    """`mkdocs build --strict -f offline.yml` with the offline plugin on, as a separate process like any build."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", CONFIG, "-d", str(site_dir)]
    result = subprocess.run(command, cwd=project, env={**os.environ, **OFFLINE_ENV},
                            capture_output=True, text=True, encoding="utf-8")
    if result.returncode != 0:
        # The build's Chinese summary is on stdout (mkdocs.exceptions.Abort), anything else on stderr.
        raise OfflineBuildError(result.stdout.strip() or result.stderr.strip())


def zip_site(site_dir: Path, zip_path: Path, folder: str = FOLDER) -> Path:
    """Every file of the built site under one folder, in a stable order."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16   # readable by everyone once unzipped
            archive.writestr(entry, path.read_bytes())
    return zip_path


def build_zip(project: Path, zip_path: Path) -> Path:
    """Build the offline site in a scratch folder and pack it; return the zip's absolute path."""
    with tempfile.TemporaryDirectory(prefix="pairing-offline-") as scratch:
        site_dir = Path(scratch) / "site"
        build_site(project, site_dir)
        return zip_site(site_dir, zip_path).resolve()
