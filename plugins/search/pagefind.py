"""Build the Pagefind index of a written site with the binary that the ``pagefind`` package ships."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is one line for the person building."""


def is_enabled(settings: dict) -> bool:
    return any(
        getattr(plugin, "__name__", plugin) in ("search", "plugins.search") for plugin in settings["PLUGINS"]
    )


def command(site: Path, settings: dict) -> list[str]:
    args = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        settings["SEARCH_BUNDLE_DIR"],
        "--force-language",
        settings["SEARCH_LANGUAGE"],
        "--silent",
    ]
    selectors = settings["SEARCH_EXCLUDE_SELECTORS"]
    if selectors:
        args += ["--exclude-selectors", ", ".join(selectors)]
    return args


# Lines of a Rust panic report that say where, not what.
_NOISE = ("thread ", "stack backtrace", "note: ")


def _last_message(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    meaningful = [line for line in lines if not line.startswith(_NOISE)]
    return meaningful[-1] if meaningful else ""


def index_site(site: Path, settings: dict) -> None:
    """Index the HTML under ``site`` into ``site/<SEARCH_BUNDLE_DIR>/``."""
    try:
        finished = subprocess.run(command(site, settings), capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Pagefind could not run ({error})") from None
    if finished.returncode != 0:
        detail = _last_message(finished.stderr or finished.stdout) or f"exit status {finished.returncode}"
        hint = " — install it with: pip install -r requirements.txt" if "No module named" in detail else ""
        raise SearchIndexError(f"Pagefind failed to index the site: {detail}{hint}")
    if not (site / settings["SEARCH_BUNDLE_DIR"] / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind finished but wrote no {settings['SEARCH_BUNDLE_DIR']}/pagefind.js")
