"""How much citation linking costs, as ratios against baselines measured in the same run.

1. Linking one article body vs. only parsing and serialising it with BeautifulSoup (the
   least any HTML-rewriting step pays).
2. Building the sample site with the explainers plugin vs. without it (explainers are then
   skipped, as they would be if the folder were empty).

Run: ``.venv/bin/python benchmarks/explainers_linking.py [--repeat 20]``
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from bs4 import BeautifulSoup  # noqa: E402
from markdown import Markdown  # noqa: E402

from explainers.citations import CitationFinder  # noqa: E402
from explainers.linking import scan  # noqa: E402
from explainers.rules import parse_regulation  # noqa: E402
from warta.build import build  # noqa: E402

ALIASES = {
    "UU Pemilu": parse_regulation("UU 7/2017"),
    "UU Pilkada": parse_regulation("UU 10/2016"),
    "UU ASN": parse_regulation("UU 20/2023"),
}


def bodies() -> list[str]:
    html = []
    for path in sorted((ROOT / "content/artikel").glob("*.md")):
        text = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        html.append(Markdown(extensions=["extra"]).convert(text))
    return html


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def linking(repeat: int) -> None:
    html = bodies()
    finder = CitationFinder(ALIASES)

    def baseline() -> None:
        for body in html:
            str(BeautifulSoup(body, "html.parser"))

    def linked() -> None:
        for body in html:
            scan(body, finder, lambda rule: ("/aturan/x/", "x"))

    base, measured = best_of(repeat, baseline), best_of(repeat, linked)
    per_article = measured / len(html) * 1000
    print(f"linking {len(html)} article bodies: {per_article:.2f} ms per article")
    print(f"  ratio to parse+serialise with BeautifulSoup: {measured / base:.2f}x")


def site_build(repeat: int) -> None:
    def run(plugins: list[str]) -> float:
        def once() -> None:
            scratch = Path(tempfile.mkdtemp(prefix="warta-bench-"))
            try:
                result = build(ROOT / "pelicanconf.py", scratch / "output", overrides={"PLUGINS": plugins})
                assert result.ok
            finally:
                shutil.rmtree(scratch)

        return best_of(repeat, once)

    with_plugin = ["content_schema", "regions", "theme_support", "explainers"]
    without = [name for name in with_plugin if name != "explainers"]
    base, measured = run(without), run(with_plugin)
    print(f"sample site build: {measured:.2f} s with explainers, {base:.2f} s without")
    print(f"  ratio: {measured / base:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    linking(args.repeat)
    site_build(max(2, args.repeat // 4))


if __name__ == "__main__":
    main()
