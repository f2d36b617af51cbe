"""One measured build in a process of its own; prints its peak memory (and plugin shares) as JSON.

``python -m benchmarks.child warta CONTENT OUTPUT CACHE``      Warta's real build (warta.build.build)
``python -m benchmarks.child pelican CONTENT OUTPUT CACHE``    plain Pelican, default theme and feeds
``python -m benchmarks.child profile CONTENT OUTPUT CACHE``    Warta's build under cProfile: time per plugin

CACHE is the build's ``CACHE_PATH``: an empty folder gives a cold build, the folder of a
previous build an incremental one.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import resource
import sys
import tempfile
from pathlib import Path

from warta import ROOT
from warta.build import build

PLAIN_PELICAN_SETTINGS = """\
SITENAME = "Warta"
SITEURL = ""
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
ARTICLE_PATHS = ["artikel"]
PAGE_PATHS = ["aturan"]
STATIC_PATHS = ["images"]
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
"""


def _warta(content: str, output: str, cache: str, **settings) -> dict:
    result = build(
        ROOT / "pelicanconf.py", output, overrides={"PATH": content, "CACHE_PATH": cache, **settings}
    )
    if not result.ok:
        raise SystemExit("\n".join(str(p) for p in result.problems[:20]))
    return {"files": result.files, "written": result.written, "removed": result.removed}


def _plain_pelican(content: str, output: str, cache: str) -> dict:
    from pelican import Pelican
    from pelican.settings import read_settings

    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as settings_file:
        settings_file.write(PLAIN_PELICAN_SETTINGS)
    settings = read_settings(settings_file.name, override={"PATH": content, "OUTPUT_PATH": output})
    Pelican(settings).run()
    return {"files": sum(1 for p in Path(output).rglob("*") if p.is_file())}


def _plugin_of(filename: str) -> str | None:
    path = Path(filename)
    try:
        relative = path.resolve().relative_to(ROOT / "plugins")
    except ValueError:
        return None
    return relative.parts[0] if len(relative.parts) > 1 else None


def _profile(content: str, output: str, cache: str) -> dict:
    """Seconds spent in each plugin, counted at its entry points (callers outside the plugin).

    The content_schema reader replaces Pelican's Markdown reader; what it calls in Markdown
    and in Pelican's reader (building the converter, converting body and summary, processing
    metadata) is work Pelican's own reader does anyway, so it is not counted as plugin time;
    Markdown is converted and pages are rendered in this process (one worker, one rendering
    process, which also keeps the search index in this process) so that this holds and the
    profile sees all the work. Likewise the
    unchanged_output writer hands rendering and writing to Pelican's writer: that is not
    plugin time either, only its fingerprints and comparisons are. A plugin calling another
    (explainers writing its pages through the writer) counts without that call, which the
    other plugin counts.
    """
    profiler = cProfile.Profile()
    profiler.runcall(_warta, content, output, cache, WARTA_PARSE_WORKERS=1, WARTA_RENDER_PROCESSES=1)
    stats = pstats.Stats(profiler).stats
    total = max(ct for (_, _, _, ct, _) in stats.values())
    shares: dict[str, float] = {}
    for (filename, _, function), (_, _, _, cumulative, callers) in stats.items():
        plugin = _plugin_of(filename)
        # Importing a module is not build work (and nested imports would count twice).
        if plugin is None or function == "<module>" or any(_plugin_of(c[0]) == plugin for c in callers):
            continue
        shares[plugin] = shares.get(plugin, 0.0) + cumulative
        for caller, (_, _, _, through) in callers.items():
            calling = _plugin_of(caller[0])
            if calling is not None:
                shares[calling] = shares.get(calling, 0.0) - through
    pelicans_work = {
        "content_schema": ("/markdown/", "pelican/readers.py"),
        "unchanged_output": ("pelican/writers.py",),
    }
    for (filename, _, _), (*_, callers) in stats.items():
        for plugin, paths in pelicans_work.items():
            if any(path in filename for path in paths):
                for caller, (_, _, _, cumulative) in callers.items():
                    if _plugin_of(caller[0]) == plugin:
                        shares[plugin] -= cumulative
    return {"profiled_seconds": total, "plugin_seconds": shares}


def main(argv: list[str]) -> None:
    mode, content, output, cache = argv
    measured = {"warta": _warta, "pelican": _plain_pelican, "profile": _profile}[mode](content, output, cache)
    # This process, and the largest of its children (Markdown and baca-juga workers, Pagefind).
    measured["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    measured["children_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(measured))


if __name__ == "__main__":
    main(sys.argv[1:])
