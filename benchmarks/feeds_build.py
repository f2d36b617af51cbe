"""What the feeds plugin adds to a build: time of a build with it against one without.

Builds a synthetic corpus (``--articles`` articles spread over categories, regions,
tags and authors, each with a lead image and a few paragraphs of linked text) twice per
round, with and without ``feeds`` in ``PLUGINS``, and prints the median CPU times and
their ratio. Run: ``python benchmarks/feeds_build.py --articles 500``.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[1] / "plugins"),
]

from warta.build import load_settings  # noqa: E402
from warta.testing import SETTINGS, SiteUnderTest  # noqa: E402

CATEGORIES = ["Pilkada", "Pemerintahan", "Hukum", "Ekonomi", "Peristiwa", "Olahraga"]
REGIONS = ["Kota Bengkulu", "Mukomuko", "Rejang Lebong", "Bengkulu Selatan", "Kaur", "Seluma"]
AUTHORS = [f"Pewarta {n}" for n in range(12)]
TAGS = [f"Topik {n}" for n in range(60)]
PARAGRAPH = (
    "Bawaslu dan KPU [memantau]({filename}/artikel/artikel-00000.md) tahapan pilkada & menerima aduan warga "
    "di posko pengaduan; hasilnya diumumkan kepada publik setiap pekan. "
)


def make_corpus(site: SiteUnderTest, articles: int) -> None:
    site.add_image("images/foto.jpg")
    for n in range(articles):
        body = "\n\n".join([PARAGRAPH * 3] * 8)
        site.add_article(
            f"artikel-{n:05d}",
            body,
            Title=f"Berita nomor {n} tentang pengawasan pilkada",
            Date=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}",
            Category=CATEGORIES[n % len(CATEGORIES)],
            Region=REGIONS[n % len(REGIONS)],
            Authors=AUTHORS[n % len(AUTHORS)],
            Tags=", ".join(TAGS[(n * k) % len(TAGS)] for k in (1, 7, 13)),
            Image="images/foto.jpg",
            ImageCaption="Foto ilustrasi.",
            Summary="Ringkasan berita.",
        )


def timed_build(site: SiteUnderTest, plugins: list[str]) -> float:
    """CPU seconds of a build in a fresh interpreter.

    A fresh process, because plugins connect to Pelican's signals for the life of the
    process: a build without ``feeds`` after one with it would still run it. CPU time,
    so the machine's other work (tests, other builds) does not count.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, __file__, "--child", str(site.root), ",".join(plugins)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def build_child(root: str, plugins: str) -> None:
    result = SiteUnderTest(Path(root)).build(PLUGINS=plugins.split(","))
    if not result.ok:
        raise SystemExit(f"build failed: {[str(p) for p in result.problems]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("SITE", "PLUGINS"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        build_child(*options.child)
        return
    with_feeds = load_settings(SETTINGS)["PLUGINS"]
    without = [name for name in with_feeds if name != "feeds"]
    with tempfile.TemporaryDirectory(prefix="warta-bench-feeds-") as scratch:
        site = SiteUnderTest(Path(scratch) / "site")
        make_corpus(site, options.articles)
        timed_build(site, with_feeds)  # warm-up: the file system cache
        baseline, measured = [], []
        for round_number in range(options.rounds):
            # Alternate the order, so a machine getting busier favours neither side.
            if round_number % 2:
                measured.append(timed_build(site, with_feeds))
                baseline.append(timed_build(site, without))
            else:
                baseline.append(timed_build(site, without))
                measured.append(timed_build(site, with_feeds))
        feeds = len(list(site.output.glob("feeds/**/*.xml")))
        size = sum(path.stat().st_size for path in site.output.glob("feeds/**/*.xml"))
    base, with_time = statistics.median(baseline), statistics.median(measured)
    print(f"{options.articles} articles, {feeds} feed files, {size / 1e6:.1f} MB of feeds")
    print(f"build without feeds (baseline): {base:.2f} CPU s")
    print(f"build with feeds:               {with_time:.2f} CPU s")
    print(f"ratio: {with_time / base:.2f}x the baseline")


if __name__ == "__main__":
    main()
