"""Writing the feeds of a big site: the feeds plugin now against its code before caching.

Builds a synthetic newsroom (``benchmarks/corpus.py``) once with Warta, keeps the built
site's Pelican context, then times only the feed writing (the plugin's ``finalized`` step)
on that same context, several rounds, in this one process:

- baseline: the feeds plugin as it was at ``--baseline-ref`` (git), which cleaned every
  article's HTML with BeautifulSoup and wrote every feed in every build;
- now, caching off (``WARTA_BUILD_CACHE`` and ``WARTA_REUSE_PAGES`` False): every entry
  prepared and every feed rendered, as in a cold build;
- now, cold: an empty cache, as in a first build;
- now, no change: the cache of the previous build, nothing changed;
- now, one headline edited: the newest article gets a new title (its feeds change);
- now, cold, with taxonomy feeds at ``FEED_MAX_ITEMS_TAXONOMY`` (the default): the lines
  above give every feed ``FEED_MAX_ITEMS`` entries, as the baseline did.

Figures are CPU seconds of this process (other work on the machine does not count) and
ratios to the baseline of the same run. Run: ``python benchmarks/feeds_writing.py --articles 10000``.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from pelican import signals  # noqa: E402

from benchmarks.corpus import generate  # noqa: E402
from warta.build import build  # noqa: E402

# The last commit before entries were cached and cleaned without BeautifulSoup.
BASELINE_REF = "d3c0081"
BASELINE_PACKAGE = "feeds_baseline"


def baseline_plugin(ref: str, folder: Path):
    """The feeds package as it was at ``ref``, importable next to today's as ``feeds_baseline``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "plugins/feeds"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    shutil.move(folder / "plugins/feeds", folder / BASELINE_PACKAGE)
    sys.path.insert(0, str(folder))
    return importlib.import_module(BASELINE_PACKAGE)


def build_site(content: Path, output: Path, cache: Path) -> tuple[dict, dict]:
    """Build the site with Warta; return its Pelican context and settings."""
    captured = {}

    def keep(generators) -> None:
        captured["context"] = generators[0].context
        captured["settings"] = generators[0].settings

    signals.all_generators_finalized.connect(keep)
    result = build(
        ROOT / "pelicanconf.py", output, overrides={"PATH": str(content), "CACHE_PATH": str(cache)}
    )
    if not result.ok:
        raise SystemExit("\n".join(str(p) for p in result.problems[:20]))
    return captured["context"], captured["settings"]


def _stamps(output: Path) -> dict[Path, tuple[int, int, int]]:
    stats = {path: path.stat() for path in output.glob("feeds/**/*.xml")}
    return {path: (stat.st_ino, stat.st_mtime_ns, stat.st_size) for path, stat in stats.items()}


def measure(action, output: Path) -> tuple[float, int, int]:
    """CPU seconds of ``action``, the number of feed files it wrote, the bytes of all feeds."""
    before = _stamps(output)
    started = time.process_time()
    action()
    seconds = time.process_time() - started
    after = _stamps(output)
    written = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    return seconds, written, sum(stamp[2] for stamp in after.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline-ref", default=BASELINE_REF)
    options = parser.parse_args()
    import feeds

    with tempfile.TemporaryDirectory(prefix="warta-bench-feed-writing-") as scratch:
        scratch = Path(scratch)
        old = baseline_plugin(options.baseline_ref, scratch / "baseline")
        content = generate(scratch / "site", options.articles)
        output, cache = scratch / "output", scratch / "cache"
        started = time.perf_counter()
        context, settings = build_site(content, output, cache)
        build_seconds = time.perf_counter() - started
        # The feeds are written into the published folder itself, as `pelican content -o output` does.
        settings = {**settings, "OUTPUT_PATH": str(output), "WARTA_PUBLISHED_OUTPUT": None}
        # Every feed with FEED_MAX_ITEMS entries, as in the baseline.
        catalog = feeds.catalog.build_catalog(context, {**settings, "FEED_MAX_ITEMS_TAXONOMY": None})
        shorter = context["feeds"]
        uncached = {**settings, "WARTA_BUILD_CACHE": False, "WARTA_REUSE_PAGES": False}
        feed_cache = scratch / "feed-cache"

        def write_now(with_settings: dict, written=catalog) -> None:
            feeds._catalogs[str(output)] = written
            feeds.write_feeds(SimpleNamespace(output_path=str(output), settings=with_settings))

        def write_baseline() -> None:
            old._catalogs[str(output)] = old.catalog.build_catalog(context, settings)
            old.write_feeds(SimpleNamespace(output_path=str(output), settings=settings))

        def cold() -> None:
            shutil.rmtree(feed_cache, ignore_errors=True)
            write_now({**settings, "CACHE_PATH": str(feed_cache)})

        def cached() -> None:
            write_now({**settings, "CACHE_PATH": str(feed_cache)})

        newest = catalog.site_wide.items[0]
        titles = [newest.title, f"{newest.title} (diperbarui)"]

        def one_headline() -> None:
            titles.reverse()
            newest.title = titles[0]
            cached()

        def shorter_taxonomy_feeds() -> None:
            shutil.rmtree(feed_cache, ignore_errors=True)
            write_now({**settings, "CACHE_PATH": str(feed_cache)}, shorter)

        variants = {
            f"baseline ({options.baseline_ref}: BeautifulSoup, no cache)": write_baseline,
            "now, caching off": lambda: write_now(uncached),
            "now, cold (empty cache)": cold,
            "now, no change": cached,
            "now, one headline edited": one_headline,
            f"now, cold, taxonomy feeds at {settings['FEED_MAX_ITEMS_TAXONOMY']} entries": shorter_taxonomy_feeds,
        }
        times: dict[str, list[float]] = {name: [] for name in variants}
        written: dict[str, int] = {}
        sizes: dict[str, int] = {}
        for _ in range(options.rounds):
            for name, action in variants.items():
                seconds, written[name], sizes[name] = measure(action, output)
                times[name].append(seconds)
        newest_feeds = sum(1 for feed in catalog.feeds if newest in feed.items)

    baseline = statistics.median(next(iter(times.values())))
    entries = sum(len(feed.items) for feed in catalog.feeds)
    shorter_entries = sum(len(feed.items) for feed in shorter.feeds)
    print(
        f"{options.articles} articles, {len(catalog.feeds)} feeds (RSS and Atom), {entries} entries in all"
        f" ({shorter_entries} with shorter taxonomy feeds)"
    )
    print(f"Warta build of the site (not measured below): {build_seconds:.0f} s; load: {os.getloadavg()}")
    print(f"the edited article is in {newest_feeds} feeds; CPU seconds, median of {options.rounds} rounds:")
    for name, measured in times.items():
        median = statistics.median(measured)
        print(
            f"  {name:50} {median:7.2f} s  {median / baseline:6.3f}x the baseline"
            f"  {written[name]:4} files written, {sizes[name] / 1e6:4.0f} MB of feeds"
        )


if __name__ == "__main__":
    main()
