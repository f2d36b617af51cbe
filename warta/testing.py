"""Helpers for tests that build real sites: a throwaway content folder, real Pelican builds.

Used by ``tests/`` and by every plugin's own tests.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image

from warta import ROOT
from warta.build import BuildResult, build, check

SETTINGS = ROOT / "pelicanconf.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# What an editor's checkout needs to run the tasks and the pre-commit hook.
PROJECT_FILES = ("warta", "plugins", "theme", "pelicanconf.py", "tasks.py", ".pre-commit-config.yaml")


def file_tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, by its path relative to it."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def forked_children() -> list[int]:
    """This process's children that run its own command line (forks), dead or alive: a
    build's worker processes, not the programs other tests or fixtures started, nor the
    process that removes a published staging folder (a session of its own, and left to
    finish by itself)."""
    own = Path("/proc/self/cmdline").read_bytes()
    session = os.getsid(0)
    children = Path(f"/proc/self/task/{os.getpid()}/children").read_text().split()
    return [
        int(pid)
        for pid in children
        if Path(f"/proc/{pid}/cmdline").read_bytes() in (own, b"") and _session_of(pid) == session
    ]


def session_members(session: int) -> list[int]:
    """The processes of ``session`` (by its leader's id) that still exist."""
    return [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _session_of(entry.name) == session
    ]


def _session_of(pid: str) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # After the command name, in parentheses: state, parent, group, session.
    return int(stat.rsplit(")", 1)[1].split()[3])


def as_served(files: dict[str, bytes], bundle_dir: str = "pagefind") -> dict[str, bytes]:
    """A built site's files (see ``file_tree``) with the search index as the pages it serves.

    A rebuild's index may hold an edited page in its overlay and the old version, hidden, in
    its shard, where a clean build holds the page in its shard (see ``search.indexing``):
    both serve the same pages. So the bundles stand as one entry: the fragment of each page
    served, by its address, and no page may be served twice."""
    prefix = f"{bundle_dir}/"
    manifest = json.loads(files[f"{prefix}bundles.json"])
    hidden = set(manifest["hidden"])
    served = {}
    for bundle in manifest["bundles"]:
        for path, data in files.items():
            fragment = path.rsplit("/", 1)[-1].removesuffix(".pf_fragment")
            if path.startswith(f"{prefix}{bundle}fragment/") and fragment not in hidden:
                page = json.loads(gzip.decompress(data).removeprefix(b"pagefind_dcd"))
                assert page["url"] not in served, f"the search index serves {page['url']} twice"
                served[page["url"]] = page
    others = {path: data for path, data in files.items() if not path.startswith(prefix)}
    return {**others, f"{prefix}(pages served)": json.dumps(served, sort_keys=True).encode()}


def build_sample_site(output: Path) -> Path:
    """Build the embedded sample content (``content/``) with the real settings into ``output``."""
    result = build(SETTINGS, output)
    assert result.ok, [str(p) for p in result.problems]
    return output


ARTICLE_DEFAULTS = {
    "Title": "Bawaslu Kota Bengkulu Patroli Media Sosial ASN",
    "Date": "2024-10-08 14:30",
    "Category": "Pilkada",
    "Authors": "Rina Oktaviani",
}


def front_matter(fields: dict[str, str | None]) -> str:
    """``Key: value`` lines; a field given as None is left out."""
    return "\n".join(f"{key}: {value}" for key, value in fields.items() if value is not None)


class SiteUnderTest:
    """A content folder in a temporary directory, built with Warta's real settings and plugins."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self.content.mkdir(parents=True, exist_ok=True)

    def add(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def add_article(self, name: str, body: str = "Isi berita.", **fields: str | None) -> Path:
        merged = {**ARTICLE_DEFAULTS, **fields}
        return self.add(f"artikel/{name}.md", f"{front_matter(merged)}\n\n{body}\n")

    def add_image(self, relative: str = "images/foto.jpg", size: tuple[int, int] = (1200, 675)) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, (180, 40, 40)).save(path)
        return path

    def _overrides(self, settings: dict) -> dict:
        # Each site keeps its own cache of converted Markdown, as a real site does.
        cache = self.root.with_name(f"{self.root.name}-cache")
        return {"PATH": str(self.content), "CACHE_PATH": str(cache), **settings}

    def build(self, settings_file: Path = SETTINGS, **settings) -> BuildResult:
        return build(settings_file, self.output, overrides=self._overrides(settings))

    def check(self, settings_file: Path = SETTINGS, **settings) -> BuildResult:
        return check(settings_file, overrides=self._overrides(settings))

    def page(self, url: str) -> BeautifulSoup:
        """The built page at a site URL such as ``berita/slug/``."""
        path = self.output / url.strip("/")
        if url.endswith("/") or not url.strip("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def listed_titles(self, url: str) -> list[str]:
        """The headlines a listing page at ``url`` shows, in order."""
        return [a.get_text() for a in self.page(url).select(".card-title a")]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over real HTTP on a free local port; yields the base URL (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's headless Chromium driven by Playwright (which gives every launch a fresh profile)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def copy_project(root: Path) -> Path:
    """A checkout of the project's code in ``root`` with an empty ``content/``, for running the
    real command-line tools (invoke, pre-commit) against test content."""
    ignore = shutil.ignore_patterns("__pycache__", "tests")
    root.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=ignore)
        else:
            shutil.copy2(source, root / name)
    # The virtual environment, where the README creates it: the one running the tests (a
    # link to its interpreter alone would start Python without the environment's packages).
    if sys.prefix != sys.base_prefix:
        (root / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    else:
        (root / ".venv/bin").mkdir(parents=True)
        (root / ".venv/bin/python").symlink_to(sys.executable)
    (root / "content").mkdir()
    return root
