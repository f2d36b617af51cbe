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
from pathlib import Path

from benchmarks.corpus import generate
from benchmarks.hugo_site import convert

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def _child(mode: str, content: Path, output: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.child", mode, str(content), str(output)],
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


def _edit_one_article(content: Path) -> None:
    article = sorted((content / "artikel").glob("*.md"))[len(list((content / "artikel").glob("*.md"))) // 2]
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("\n\n", "\n\nParagraf tambahan setelah penyuntingan.\n\n", 1), encoding="utf-8"
    )


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


def run(n: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as scratch:
        work = Path(scratch)
        content = generate(work, n)
        figures: dict = {"articles": n, "machine": _machine()}
        figures["warta_cold_s"], warta = _child("warta", content, work / "warta-out")
        figures["warta_peak_mb"] = warta["peak_rss_mb"]
        figures["warta_files"] = warta["files"]
        figures["warta_nochange_s"], _ = _child("warta", content, work / "warta-out")
        _edit_one_article(content)
        figures["warta_one_edit_s"], _ = _child("warta", content, work / "warta-out")
        figures["pelican_s"], pelican = _child("pelican", content, work / "pelican-out")
        figures["pelican_peak_mb"] = pelican["peak_rss_mb"]
        figures["pelican_files"] = pelican["files"]
        hugo_seconds = _hugo(convert(content, work / "hugo"), work / "hugo-out")
        if hugo_seconds is not None:
            figures["hugo_s"] = hugo_seconds
        _, profile = _child("profile", content, work / "profile-out")
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
        ("Warta, no-change rebuild", f"{figures['warta_nochange_s']:.2f} s", ""),
        ("Warta, one article edited", f"{figures['warta_one_edit_s']:.2f} s", ""),
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
            "",
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
