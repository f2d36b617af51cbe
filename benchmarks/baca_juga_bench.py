"""Benchmark of the "Baca juga" relevance engine on synthetic corpora.

Run it from the project root:

    .venv/bin/python benchmarks/baca_juga_bench.py             # 10,000 and 100,000 articles, and a 10,000-article build
    .venv/bin/python benchmarks/baca_juga_bench.py --no-build  # selection only

It prints, for each corpus size, the selection time (indexing and scoring every article
against all others; wall clock, and CPU time of the process and its worker processes, which
other work on the machine inflates less) and the peak memory, each size in a fresh process,
for today's code and for a baseline (the plugins as of git revision ``--baseline``, run the
same way in the same run), with the ratios and whether both chose the same links; then
it builds a real 10,000-article site with Pelican and Warta's settings and plugins, and
prints the time baca_juga takes inside that build (selection, then placement of the links),
as logged by the plugin, each as a share of the rest of the same build.

The corpora are generated deterministically (a fixed seed) in memory or in a temporary
folder that is removed afterwards: developing stories of 2 to 6 articles that share names
and places (made-up words of Indonesian syllables, new for each story) in text drawn from a
Zipf-distributed vocabulary of 30,000 such words with real affixes; one tag on most
articles, a story tag on many, topic tags, regions, categories and dates.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

SEED = 2024
SYLLABLES = [c + v for c in "bcdgjklmnprstw" for v in "aiueo"]
PREFIXES = ["", "", "", "me", "di", "ber", "pe", "ter"]
SUFFIXES = ["", "", "", "kan", "an", "nya"]
REGIONS = [f"Kabupaten {n}" for n in ("Seluma", "Kaur", "Lebong", "Kepahiang", "Mukomuko", "Rejang Lebong")]
REGIONS += ["Kota Bengkulu", "Bengkulu Utara", "Bengkulu Selatan", "Bengkulu Tengah"]
CATEGORIES = ["Pilkada", "Pemerintahan", "Hukum", "Ekonomi", "Peristiwa", "Olahraga"]
WORDS_PER_ARTICLE = 320
PARAGRAPHS = 8


@dataclass(frozen=True)
class Synthetic:
    slug: str
    story: int
    title: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    region: str
    category: str
    day: int


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < size:
        root = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        words[rng.choice(PREFIXES) + root + rng.choice(SUFFIXES)] = None
    return list(words)


def corpus(count: int) -> Iterator[Synthetic]:
    """``count`` articles in developing stories of 2 to 6 articles, deterministic."""
    rng = random.Random(SEED)
    vocabulary = _vocabulary(rng, 30_000)
    # Zipf: the word of rank r is drawn with weight 1/r.
    cumulative = list(accumulate(1.0 / rank for rank in range(1, len(vocabulary) + 1)))
    topics = [f"Topik {n}" for n in range(300)]
    made = 0
    story = 0
    while made < count:
        # Names of people and places: new words for each story, as in real news (the
        # vocabulary grows with the corpus).
        names = _vocabulary(rng, 8)
        story_tag = f"Kasus {story}"
        region, category = rng.choice(REGIONS), rng.choice(CATEGORIES)
        start = rng.randrange(0, 730)
        for part in range(min(rng.randint(2, 6), count - made)):
            words = rng.choices(vocabulary, cum_weights=cumulative, k=WORDS_PER_ARTICLE)
            for position in rng.sample(range(WORDS_PER_ARTICLE), WORDS_PER_ARTICLE // 7):
                words[position] = rng.choice(names)
            size = WORDS_PER_ARTICLE // PARAGRAPHS
            paragraphs = tuple(" ".join(words[i : i + size]) for i in range(0, WORDS_PER_ARTICLE, size))
            tags = ["Pilkada 2024"] if rng.random() < 0.7 else []
            if rng.random() < 0.6:
                tags.append(story_tag)
            tags.append(rng.choice(topics))
            yield Synthetic(
                slug=f"berita-{made:06d}",
                story=story,
                title=" ".join([*rng.sample(names, 3), *rng.choices(vocabulary[:3000], k=4)]).title(),
                paragraphs=paragraphs,
                tags=tuple(tags),
                region=region,
                category=category,
                day=start + part * rng.randint(1, 10),
            )
            made += 1
        story += 1


def _peak_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# The code before the engine counted terms and scored articles on several processes.
BASELINE = "e63dab2"


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )


def select(count: int) -> dict:
    """Index and score ``count`` synthetic articles; runs in its own process."""
    from baca_juga.engine import RelatedIndex
    from baca_juga.records import Document
    from baca_juga.settings import DEFAULTS, tuning

    story = {}
    documents = []
    for article in corpus(count):
        story[article.slug] = article.story
        documents.append(
            Document(
                key=article.slug,
                day=float(article.day),
                title=article.title,
                body="".join(f"<p>{p}</p>" for p in article.paragraphs),
                tags=article.tags,
                region=article.region,
                category=article.category,
            )
        )
    before = _peak_megabytes()
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    index = RelatedIndex(documents, tuning(DEFAULTS))
    found = index.related(limit=DEFAULTS["BACA_JUGA_INLINE_COUNT"] + DEFAULTS["BACA_JUGA_RELATED_COUNT"])
    seconds, cpu_seconds = time.perf_counter() - started, _cpu_seconds() - cpu_started
    links = [(source, m.key) for source, matches in sorted(found.items()) for m in matches]
    scores = [(source, m.key, m.score) for source, matches in sorted(found.items()) for m in matches]
    within = sum(story[source] == story[target] for source, target in links)
    return {
        "articles": count,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_mb": _peak_megabytes(),
        "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "corpus_mb": before,
        "digest": hashlib.sha256(repr(scores).encode()).hexdigest(),
        "links": len(links),
        "precision": within / len(links) if links else 0.0,
    }


def write_site(content: Path, count: int) -> None:
    folder = content / "artikel"
    folder.mkdir(parents=True)
    for article in corpus(count):
        day = time.gmtime(1_704_067_200 + article.day * 86400)
        middle = PARAGRAPHS // 2
        body = [*article.paragraphs[:middle], "## " + article.title.split()[0], *article.paragraphs[middle:]]
        header = [
            f"Title: {article.title}",
            f"Slug: {article.slug}",
            f"Date: {time.strftime('%Y-%m-%d', day)} 10:00",
            f"Category: {article.category}",
            f"Tags: {', '.join(article.tags)}",
            f"Region: {article.region}",
            "Authors: Redaksi Warta",
        ]
        (folder / f"{article.slug}.md").write_text("\n".join(header) + "\n\n" + "\n\n".join(body) + "\n")


class _Timings(logging.Handler):
    """baca_juga logs how long choosing and placing took; this keeps the figures."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.figures: tuple = ()

    def emit(self, record: logging.LogRecord) -> None:
        self.figures = record.args


def build(count: int) -> dict:
    from warta.build import build as build_site

    timings = _Timings()
    plugin_logger = logging.getLogger("baca_juga")
    plugin_logger.setLevel(logging.INFO)
    plugin_logger.addHandler(timings)
    with tempfile.TemporaryDirectory(prefix="baca-juga-bench-") as scratch:
        content = Path(scratch) / "content"
        write_site(content, count)
        result = build_site(
            ROOT / "pelicanconf.py", Path(scratch) / "output", overrides={"PATH": str(content)}
        )
    if not result.ok:
        raise SystemExit("\n".join(str(p) for p in result.problems))
    _, selection, placement = timings.figures
    return {
        "articles": count,
        "build_seconds": result.seconds,
        "selection": selection,
        "placement": placement,
    }


def _in_fresh_process(*arguments: str) -> dict:
    finished = subprocess.run(
        [sys.executable, __file__, *arguments], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return json.loads(finished.stdout.strip().splitlines()[-1])


def _selection(figures: dict) -> str:
    workers = (
        f", workers up to {figures['workers_peak_mb']:,.0f} MB each" if figures["workers_peak_mb"] else ""
    )
    return (
        f"{figures['seconds']:6.2f} s ({figures['cpu_seconds']:.2f} s of CPU), peak memory "
        f"{figures['peak_mb']:,.0f} MB{workers} (corpus alone {figures['corpus_mb']:,.0f} MB)"
    )


def _load() -> str:
    return "load average " + " ".join(f"{load:.2f}" for load in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="corpus sizes for selection")
    parser.add_argument("--build-size", type=int, default=10_000, help="articles in the real build")
    parser.add_argument("--no-build", action="store_true", help="skip the real build")
    parser.add_argument("--baseline", default=BASELINE, help="git revision whose plugins are the baseline")
    parser.add_argument("--select", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--plugins", help=argparse.SUPPRESS)
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.select:
        if options.plugins:
            sys.path.insert(0, options.plugins)
        print(json.dumps(select(options.select)))
        return
    if options.build:
        print(json.dumps(build(options.build)))
        return
    print(f"Selection (index + scores for every article), each in a fresh process; {_load()}")
    with tempfile.TemporaryDirectory(prefix="baca-juga-baseline-") as baseline:
        archive = subprocess.run(
            ["git", "archive", options.baseline, "plugins"], check=True, capture_output=True, cwd=ROOT
        )
        subprocess.run(["tar", "-x", "-C", baseline], input=archive.stdout, check=True)
        for size in (int(s) for s in options.sizes.split(",")):
            before = _in_fresh_process("--select", str(size), "--plugins", str(Path(baseline) / "plugins"))
            now = _in_fresh_process("--select", str(size))
            print(
                f"  {size:>7,} articles, {now['links']:,} links, {now['precision']:.1%} within their story:"
            )
            print(f"    now       {_selection(now)}")
            print(f"    baseline  {_selection(before)} ({options.baseline})")
            print(
                f"    now/baseline: wall {now['seconds'] / before['seconds']:.2f}, "
                f"CPU {now['cpu_seconds'] / before['cpu_seconds']:.2f}, "
                f"peak memory {now['peak_mb'] / before['peak_mb']:.2f}; "
                f"same links and scores: {'yes' if now['digest'] == before['digest'] else 'NO'}; {_load()}"
            )
    if options.no_build:
        return
    figures = _in_fresh_process("--build", str(options.build_size))
    selection, placement = figures["selection"], figures["placement"]
    rest = figures["build_seconds"] - selection - placement
    print(
        f"Real build of {figures['articles']:,} articles with Warta's settings and plugins, {figures['build_seconds']:.1f} s:"
    )
    print(
        f"  selection {selection:.2f} s = {selection / rest:.1%} of the rest of the build (all but baca_juga)"
    )
    print(f"  placement of the links {placement:.2f} s = {placement / rest:.1%} of the rest of the build")
    print(f"  {_load()}")


if __name__ == "__main__":
    main()
