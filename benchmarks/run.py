"""`invoke bench`: Warta against plain Pelican (and Hugo when installed) on one synthetic corpus.

Every build runs as a whole process, timed from outside; each child reports its own peak
memory. Prints a table with the ratios Warta/Pelican and Warta/Hugo and writes the figures
to ``benchmarks/results/bench-<n>.json`` (not committed) for comparison over time.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.corpus import generate
from benchmarks.hugo_site import convert

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def _child(mode: str, content: Path, output: Path, cache: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.child", mode, str(content), str(output), str(cache)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"{mode} build failed:\n{run.stderr[-2000:]}")
    return seconds, json.loads(run.stdout.strip().splitlines()[-1])


def _hugo(site: Path, output: Path) -> float | None:
    if shutil.which("hugo") is None:
        return None
    started = time.perf_counter()
    subprocess.run(["hugo", "--quiet", "-s", str(site), "-d", str(output)], check=True, capture_output=True)
    return time.perf_counter() - started


def _middle_article(content: Path) -> Path:
    articles = sorted((content / "artikel").glob("*.md"))
    return articles[len(articles) // 2]


def _edit_one_article(content: Path) -> None:
    """An editor fixes a paragraph of an article."""
    article = _middle_article(content)
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("\n\n", "\n\nParagraf tambahan setelah penyuntingan.\n\n", 1), encoding="utf-8"
    )


def _retitle_one_article(content: Path) -> None:
    """An editor changes a headline: it shows on listings, neighbours and feeds too."""
    article = _middle_article(content)
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Title: ", "Title: Diperbarui: ", 1), encoding="utf-8")


def _add_one_article(content: Path) -> None:
    """A new article, an hour after the newest: every listing it appears on shifts by one.
    (Not in the future: a scheduled article would stay unpublished.)"""
    articles = sorted((content / "artikel").glob("*.md"))
    newest = max(_date_of(path) for path in articles[-50:])
    text = _middle_article(content).read_text(encoding="utf-8")
    text = text.replace("Title: ", "Title: Berita Terbaru: ", 1)
    date = (newest + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    lines = [f"Date: {date}" if line.startswith("Date: ") else line for line in text.splitlines()]
    (content / "artikel" / "berita-terbaru.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _date_of(article: Path) -> datetime:
    line = next(
        line for line in article.read_text(encoding="utf-8").splitlines() if line.startswith("Date: ")
    )
    return datetime.strptime(line.removeprefix("Date: "), "%Y-%m-%d %H:%M")


def _machine() -> str:
    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor() or platform.machine(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.machine()
    )
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


# Rebuilds measured after the cold build, in this order, each after its change.
REBUILDS = [
    ("nochange", "no change", lambda content: None),
    ("one_edit", "one article's text edited", _edit_one_article),
    ("retitle", "one headline changed", _retitle_one_article),
    ("add_one", "one article added", _add_one_article),
]


def run(n: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as scratch:
        work = Path(scratch)
        content = generate(work, n)
        figures: dict = {"articles": n, "machine": _machine()}
        cache, output = work / "warta-cache", work / "warta-out"
        figures["warta_cold_s"], warta = _child("warta", content, output, cache)
        figures["warta_peak_mb"] = warta["peak_rss_mb"]
        figures["warta_children_peak_mb"] = warta["children_peak_rss_mb"]
        figures["warta_files"] = warta["files"]
        for name, _, change in REBUILDS:
            change(content)
            figures[f"warta_{name}_s"], rebuilt = _child("warta", content, output, cache)
            figures[f"warta_{name}_written"] = rebuilt["written"] + rebuilt["removed"]
            figures[f"warta_{name}_peak_mb"] = rebuilt["peak_rss_mb"]
        figures["pelican_s"], pelican = _child(
            "pelican", content, work / "pelican-out", work / "pelican-cache"
        )
        figures["pelican_peak_mb"] = pelican["peak_rss_mb"]
        figures["pelican_files"] = pelican["files"]
        hugo_seconds = _hugo(convert(content, work / "hugo"), work / "hugo-out")
        if hugo_seconds is not None:
            figures["hugo_s"] = hugo_seconds
        _, profile = _child("profile", content, work / "profile-out", work / "profile-cache")
        total = profile["profiled_seconds"]
        figures["plugin_share"] = {
            name: seconds / total for name, seconds in sorted(profile["plugin_seconds"].items())
        }
    figures["ratio_warta_pelican"] = figures["warta_cold_s"] / figures["pelican_s"]
    if "hugo_s" in figures:
        figures["ratio_warta_hugo"] = figures["warta_cold_s"] / figures["hugo_s"]
    return figures


def report(figures: dict) -> str:
    rows = [
        ("Warta, cold full build", f"{figures['warta_cold_s']:.2f} s", f"{figures['warta_files']} files"),
        *(
            (
                f"Warta rebuild, {label}",
                f"{figures[f'warta_{name}_s']:.2f} s",
                f"{figures[f'warta_{name}_written']} files written or removed"
                + ("; goal ≤ 3 s" if name == "one_edit" else ""),
            )
            for name, label, _ in REBUILDS
        ),
        (
            "Plain Pelican (default theme, feeds)",
            f"{figures['pelican_s']:.2f} s",
            f"{figures['pelican_files']} files",
        ),
    ]
    if "hugo_s" in figures:
        rows.append(("Hugo", f"{figures['hugo_s']:.2f} s", ""))
    rows += [
        (
            "Peak memory, Warta / Pelican",
            f"{figures['warta_peak_mb']:.0f} MB / {figures['pelican_peak_mb']:.0f} MB",
            "goal ≤ 1 GB",
        ),
        (
            "Peak memory of Warta's largest child",
            f"{figures['warta_children_peak_mb']:.0f} MB",
            "Pagefind, or a Markdown or baca-juga worker",
        ),
        ("Warta / Pelican", f"{figures['ratio_warta_pelican']:.2f}×", "goal ≤ 0.8×"),
    ]
    if "ratio_warta_hugo" in figures:
        rows.append(("Warta / Hugo", f"{figures['ratio_warta_hugo']:.2f}×", "stretch ≤ 1.0×"))
    shares = ", ".join(f"{name} {share:.1%}" for name, share in figures["plugin_share"].items())
    rows.append(("Plugin share of the build", f"{sum(figures['plugin_share'].values()):.1%}", shares))
    width = max(len(r[0]) for r in rows)
    lines = [f"Warta benchmark: {figures['articles']} articles ({figures['machine']})"]
    lines += [f"  {label:<{width}}  {value:>14}  {note}".rstrip() for label, value, note in rows]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 10_000
    figures = run(n)
    print(report(figures))
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"bench-{n}.json"
    target.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Figures written to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
