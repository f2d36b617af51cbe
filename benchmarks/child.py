"""One measured build in a process of its own; prints its peak memory (and plugin shares) as JSON.

``python -m benchmarks.child warta CONTENT OUTPUT``      Warta's real build (warta.build.build)
``python -m benchmarks.child pelican CONTENT OUTPUT``    plain Pelican, default theme and feeds
``python -m benchmarks.child profile CONTENT OUTPUT``    Warta's build under cProfile: time per plugin
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


def _warta(content: str, output: str) -> dict:
    result = build(ROOT / "pelicanconf.py", output, overrides={"PATH": content})
    if not result.ok:
        raise SystemExit("\n".join(str(p) for p in result.problems[:20]))
    return {"files": result.files}


def _plain_pelican(content: str, output: str) -> dict:
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


def _profile(content: str, output: str) -> dict:
    """Seconds spent in each plugin, counted at its entry points (callers outside the plugin).

    The content_schema reader replaces Pelican's Markdown reader; what it calls in Markdown
    and in Pelican's reader (building the converter, converting body and summary, processing
    metadata) is work Pelican's own reader does anyway, so it is not counted as plugin time.
    """
    profiler = cProfile.Profile()
    profiler.runcall(_warta, content, output)
    stats = pstats.Stats(profiler).stats
    total = max(ct for (_, _, _, ct, _) in stats.values())
    shares: dict[str, float] = {}
    for (filename, _, _), (_, _, _, cumulative, callers) in stats.items():
        plugin = _plugin_of(filename)
        if plugin is None or any(_plugin_of(caller[0]) == plugin for caller in callers):
            continue
        shares[plugin] = shares.get(plugin, 0.0) + cumulative
    for (filename, _, _), (*_, callers) in stats.items():
        if "/markdown/" in filename or filename.endswith("pelican/readers.py"):
            for caller, (_, _, _, cumulative) in callers.items():
                if _plugin_of(caller[0]) == "content_schema":
                    shares["content_schema"] -= cumulative
    return {"profiled_seconds": total, "plugin_seconds": shares}


def main(argv: list[str]) -> None:
    mode, content, output = argv
    measured = {"warta": _warta, "pelican": _plain_pelican, "profile": _profile}[mode](content, output)
    measured["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(measured))


if __name__ == "__main__":
    main(sys.argv[1:])
