"""``invoke livereload``: rebuild on every change and reload the open page.

When a rebuild fails, ``output/`` keeps the last good site (the build is atomic), the
terminal lists the problems, and every page the browser asks for is an overlay that lists
them instead of a stale page. Once the problems are fixed, the next rebuild reloads the
browser onto the real page.
"""

from __future__ import annotations

import os
import sys
from html import escape
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler

from warta.build import build
from warta_common.problems import ERROR, NOTE, Problem

# What changes the site. Plugin code is imported once: restart the preview after editing it.
WATCHED = ("content/**/*", "theme/**/*", "pelicanconf.py")

_OVERLAY = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pratinjau gagal dibangun — Warta</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 0; background: #1b1b1f; color: #f3f3f5; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 2rem 1rem; }}
h1 {{ color: #ff8a80; font-size: 1.4rem; }}
li {{ margin: .5rem 0; font-family: ui-monospace, monospace; font-size: .9rem; }}
.warning {{ color: #ffd479; }}
</style>
</head>
<body>
<main class="warta-build-errors">
<h1>Pratinjau belum bisa dibangun ulang</h1>
<p>{count} kesalahan di konten. Perbaiki lalu simpan berkasnya: halaman ini dimuat ulang sendiri.</p>
<ul>
{items}
</ul>
<p>Situs terakhir yang berhasil dibangun tetap ada di <code>output/</code>.</p>
</main>
</body>
</html>
"""


def overlay_page(problems: list[Problem]) -> str:
    """The page shown in place of every page while the last rebuild failed."""
    items = "\n".join(
        f'<li class="{problem.severity}">{escape(str(problem))}</li>'
        for problem in sorted(problems, key=lambda p: p.severity != ERROR)
        if problem.severity != NOTE
    )
    errors = sum(problem.severity == ERROR for problem in problems)
    return _OVERLAY.format(count=errors, items=items)


def _is_page(path: str) -> bool:
    return path == "" or path.endswith(("/", ".html")) or "." not in path.rsplit("/", 1)[-1]


class Preview:
    """Rebuilds the site and remembers the problems of the last failed rebuild."""

    def __init__(
        self, settings_file: Path, output: Path, overrides: dict | None = None, url: str = ""
    ) -> None:
        self.settings_file = settings_file
        self.output = output
        self.overrides = overrides or {}
        self.url = url
        self.problems: list[Problem] = []
        self.serving = False

    def rebuild(self) -> None:
        result = build(self.settings_file, self.output, overrides=self.overrides)
        if result.ok:
            self.problems = []
            print(f"Rebuilt in {result.seconds:.1f} s.", file=sys.stderr)
            self._list_drafts()
        else:
            # The build already printed one line per problem.
            self.problems = result.problems
            print(
                "Rebuild failed: the browser shows the problems; output/ keeps the last good site.",
                file=sys.stderr,
            )
        if self.serving:
            # Every rebuild reloads the open pages once, onto the new site or the overlay.
            LiveReloadHandler.reload_waiters()

    def _list_drafts(self) -> None:
        drafts = sorted(p.parent.relative_to(self.output) for p in self.output.glob("draf/**/index.html"))
        if drafts:
            print("Drafts (preview only):", file=sys.stderr)
            for folder in drafts:
                print(f"  {self.url}/{folder.as_posix()}/", file=sys.stderr)

    def handler(self) -> type[StaticFileHandler]:
        preview = self

        class PreviewFileHandler(StaticFileHandler):
            async def get(self, path: str, include_body: bool = True) -> None:
                if preview.problems and _is_page(path):
                    self.set_status(500)
                    self.set_header("Content-Type", "text/html; charset=UTF-8")
                    self.set_header("Cache-Control", "no-store")
                    self.finish(overlay_page(preview.problems))
                    return
                await super().get(path, include_body)

        return PreviewFileHandler


def serve(
    settings_file: str | os.PathLike,
    output: str | os.PathLike,
    *,
    root: str | os.PathLike,
    host: str = "127.0.0.1",
    port: int = 8000,
    overrides: dict | None = None,
) -> None:
    """Build, serve ``output`` with live reload, rebuild on changes under ``root``; blocks."""
    url = f"http://{host}:{port}"
    preview = Preview(Path(settings_file), Path(output), overrides, url)
    preview.rebuild()
    preview.serving = True
    Path(output).mkdir(parents=True, exist_ok=True)
    server = Server()
    server.SFH = preview.handler()
    for pattern in WATCHED:
        # "forever": livereload itself sends no reload (it skips one that comes within 3 s
        # of the last); the rebuild sends its own once it is done.
        server.watch(str(Path(root) / pattern), preview.rebuild, delay="forever")
    print(f"Preview at {url}/ — saving a file rebuilds it. Press Ctrl+C to stop.", file=sys.stderr)
    server.serve(host=host, port=port, root=str(output), open_url_delay=None, debug=False)
