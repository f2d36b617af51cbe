"""invoke tasks: thin wrappers over the ``warta`` package. Run ``invoke --list``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from invoke import Exit, task

from warta.build import build as build_site
from warta.build import check as check_site
from warta.scaffold import ScaffoldError, new_article

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
BIND, PORT = "127.0.0.1", 8000


def _report(result, verb: str) -> None:
    if not result.ok:
        # The plugin already printed one line per problem.
        raise Exit(f"{verb} failed: fix the problems above; output/ was left as it was.", code=1)


@task(
    help={
        "settings": "settings file (publishconf.py for production)",
        "serve": "serve after building",
        "verbose": "show Pelican's progress messages",
    }
)
def build(c, settings="pelicanconf.py", serve=False, verbose=False):
    """Build the site into output/ (atomically: a failed build leaves output/ untouched)."""
    print(f"Building the site with {settings} …", file=sys.stderr)
    result = build_site(ROOT / settings, OUTPUT, verbose=verbose)
    _report(result, "Build")
    print(f"Built {result.files} files into output/ in {result.seconds:.1f} s.", file=sys.stderr)
    if serve:
        _serve(OUTPUT)


def _serve(path: Path, bind: str = BIND, port: int = PORT) -> None:
    from pelican import listen

    print(f"Serving {path.name}/ at http://{bind}:{port}/ — press Ctrl+C to stop.", file=sys.stderr)
    listen(bind, port, str(path))


@task(help={"port": "port to listen on"})
def serve(c, port=PORT):
    """Serve output/ at http://127.0.0.1:8000/."""
    if not OUTPUT.is_dir():
        raise Exit("output/ does not exist yet: run `invoke build` first.", code=1)
    _serve(OUTPUT, port=int(port))


@task(help={"port": "port to listen on"})
def livereload(c, port=PORT):
    """Rebuild on every change to content, theme or settings, and reload the open browser page."""
    from livereload import Server

    def rebuild():
        result = build_site(ROOT / "pelicanconf.py", OUTPUT)
        if result.ok:
            print(f"Rebuilt in {result.seconds:.1f} s.", file=sys.stderr)

    rebuild()
    server = Server()
    for watched in ("content/**/*", "theme/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(str(ROOT / watched), rebuild)
    server.serve(host=BIND, port=int(port), root=str(OUTPUT), open_url_delay=None)


@task
def clean(c):
    """Remove output/ and Pelican's cache."""
    for path in (OUTPUT, ROOT / "cache"):
        shutil.rmtree(path, ignore_errors=True)


@task(
    help={
        "title": "the article's title",
        "category": "one of WARTA_CATEGORIES",
        "author": "the reporter (Pewarta)",
    }
)
def new(c, title, category="Pilkada", author="Redaksi"):
    """Create content/artikel/<slug>.md with every field, as a draft to fill in."""
    try:
        path = new_article(title, category, author=author, settings_file=str(ROOT / "pelicanconf.py"))
    except ScaffoldError as error:
        raise Exit(f"invoke new: {error}", code=1) from None
    print(
        f"Created {path.relative_to(ROOT)} (Status: draft). Fill in the fields, then set Status: published."
    )


@task(help={"settings": "settings file"})
def check(c, settings="pelicanconf.py"):
    """Validate all content without writing anything."""
    result = check_site(ROOT / settings)
    _report(result, "Check")
    warnings = f", with {len(result.problems)} warning(s) above" if result.problems else ""
    print(f"All content is valid{warnings} ({result.seconds:.1f} s).", file=sys.stderr)


@task(help={"n": "number of synthetic articles"})
def bench(c, n=10_000):
    """Benchmark Warta against plain Pelican (and Hugo when installed) on a synthetic corpus."""
    c.run(f"{sys.executable} -m benchmarks.run {int(n)}", pty=False)


@task
def screenshots(c):
    """Build the sample site and screenshot its main pages into docs/screenshots/ (needs Chromium)."""
    from warta.screenshots import take

    result = build_site(ROOT / "pelicanconf.py", OUTPUT)
    _report(result, "Build")
    for path in take(OUTPUT, ROOT / "docs" / "screenshots"):
        print(f"Wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB).", file=sys.stderr)


@task(help={"k": "only tests matching this expression"})
def test(c, k=""):
    """Lint with ruff and run the whole test suite."""
    c.run(f"{sys.executable} -m ruff check --output-format concise .", pty=False)
    selection = f" -k {k!r}" if k else ""
    c.run(f"{sys.executable} -m pytest -n auto --dist loadgroup -q{selection}", pty=False)
