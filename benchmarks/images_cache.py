"""What the image cache saves: sample-site builds with a cold image cache (every variant
encoded) against the baseline of builds with a warm cache (nothing encoded), in the same run.

Run: .venv/bin/python benchmarks/images_cache.py [rounds]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from warta.build import build  # noqa: E402

SETTINGS = ROOT / "pelicanconf.py"


def timed(output: Path, cache: Path) -> float:
    started = time.perf_counter()
    result = build(SETTINGS, output, overrides={"IMAGES_CACHE_PATH": str(cache)})
    assert result.ok, [str(p) for p in result.problems]
    return time.perf_counter() - started


def main(rounds: int) -> None:
    cold, warm = [], []
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as scratch:
        for round_number in range(rounds):
            cache = Path(scratch) / f"cache-{round_number}"
            cold.append(timed(Path(scratch) / "cold", cache))
            warm.append(timed(Path(scratch) / "warm", cache))
        variants = len(list(cache.iterdir()))
    baseline = min(warm)
    print(f"warm image cache (baseline): {baseline:.2f} s, best of {rounds} sample-site builds")
    print(
        f"cold image cache: {min(cold):.2f} s = {min(cold) / baseline:.2f}× baseline ({variants} variants encoded)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
