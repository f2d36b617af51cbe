"""invoke tasks: thin wrappers over the ``warta`` package. Run ``invoke --list``."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

from warta.build import build as build_site
from warta.build import check as check_site
from warta.deploy import DeployError
from warta.deploy import publish as publish_site
from warta.report import print_grouped
from warta.scaffold import ScaffoldError, new_article

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
BIND, PORT = "127.0.0.1", 8000


def _clock(clock: str | None) -> dict:
    """Settings overrides for an injected build clock (scheduled articles up to it are published)."""
    return {"WARTA_BUILD_TIME": clock} if clock else {}


def _report(result, verb: str) -> None:
    if not result.ok:
        # The plugin already printed one line per problem.
        raise Exit(f"{verb} failed: fix the problems above; output/ was left as it was.", code=1)


@task(
    help={
        "settings": "settings file (publishconf.py for production)",
        "serve": "serve after building",
        "verbose": "show Pelican's progress messages",
        "clock": "build as if it ran at this moment, e.g. '2024-10-09 06:00' (default: now)",
    }
)
def build(c, settings="pelicanconf.py", serve=False, verbose=False, clock=None):
    """Build the site into output/ (atomically: a failed build leaves output/ untouched)."""
    print(f"Building the site with {settings} …", file=sys.stderr)
    result = build_site(ROOT / settings, OUTPUT, overrides=_clock(clock), verbose=verbose)
    _report(result, "Build")
    print(
        f"Built {result.files} files into output/ in {result.seconds:.1f} s"
        f" ({result.written} new or changed, {result.removed} removed).",
        file=sys.stderr,
    )
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


@task(
    help={
        "port": "port to listen on",
        "clock": "preview as if it were this moment, e.g. '2024-10-09 06:00' (default: now)",
    }
)
def livereload(c, port=PORT, clock=None):
    """Build and serve; rebuild and reload the browser on every change; show content errors in the page."""
    from warta.preview import serve as serve_preview

    serve_preview(ROOT / "pelicanconf.py", OUTPUT, root=ROOT, port=int(port), overrides=_clock(clock))


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


@task(
    help={
        "settings": "settings file (publishconf.py checks as production builds)",
        "clock": "check as if the build ran at this moment, e.g. '2024-10-09 06:00'",
    }
)
def check(c, settings="pelicanconf.py", clock=None):
    """Validate all content and links; write nothing. Exits non-zero on errors only."""
    result = check_site(ROOT / settings, overrides=_clock(clock))
    print_grouped(result.problems)
    print(f"Checked in {result.seconds:.1f} s.", file=sys.stderr)
    if not result.ok:
        raise Exit(code=1)


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


def _confirm_deletes(yes: bool):
    if yes:
        return lambda count: True
    if not sys.stdin.isatty():
        return None

    def ask(count: int) -> bool:
        try:
            return input(f"Delete {count} files from the bucket? [y/N] ").strip().lower() in (
                "y",
                "yes",
                "ya",
            )
        except EOFError:
            return False

    return ask


@task(
    help={
        "dry_run": "print the uploads, deletes and purges; change nothing",
        "max_deletes": "refuse more deletions than this unless confirmed (default DEPLOY_MAX_DELETES, 256)",
        "yes": "confirm deleting more than --max-deletes files",
        "settings": "settings file",
    }
)
def publish(c, dry_run=False, max_deletes=None, yes=False, settings="publishconf.py"):
    """Build with publishconf.py, then upload what changed to the bucket and purge the CDN."""
    try:
        limit = None if max_deletes is None else int(max_deletes)
    except ValueError:
        raise Exit(f"publish: --max-deletes {max_deletes!r} is not a whole number", code=1) from None
    try:
        publish_site(
            ROOT / settings, OUTPUT, dry_run=dry_run, max_deletes=limit, confirm=_confirm_deletes(yes)
        )
    except DeployError as error:
        raise Exit(f"publish: {error}", code=1) from None


# Real programs some tests drive: Debian package → the command that shows it is installed.
TEST_PROGRAMS = {"chromium": "/usr/bin/chromium", "default-jre-headless": "java"}


def _install_test_programs(c) -> None:
    """Install the Debian packages the browser and HTML-checker tests need, when missing."""
    missing = [package for package, command in TEST_PROGRAMS.items() if not shutil.which(command)]
    if not missing:
        return
    packages = " ".join(missing)
    if not shutil.which("apt-get") or os.geteuid() != 0:
        raise Exit(
            f"The browser and HTML-checker tests need: {packages}. Install them "
            f"(sudo apt-get install {packages}) and run the tests again.",
            code=1,
        )
    print(f"Installing {packages} for the browser and HTML-checker tests …", file=sys.stderr)
    c.run("apt-get update -qq", pty=False)
    c.run(f"DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {packages}", pty=False)


@task(help={"k": "only tests matching this expression"})
def test(c, k=""):
    """Install the programs tests need (Chromium, Java), lint with ruff, run the whole test suite."""
    _install_test_programs(c)
    c.run(f"{sys.executable} -m ruff check --output-format concise .", pty=False)
    selection = f" -k {k!r}" if k else ""
    c.run(f"{sys.executable} -m pytest -n auto --dist loadgroup -q{selection}", pty=False)
