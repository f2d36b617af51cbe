"""How much an incremental deploy saves: the sample site deployed to a local S3 endpoint.

Baseline, measured in the same run: the first deploy of the whole site into an empty bucket.
Then, as ratios of its time and with the files sent: a deploy with nothing changed, a deploy
after one article changed, and a deploy after the bucket's manifest was lost (each file
checked with HEAD instead of uploaded).

    python benchmarks/deploy_incremental.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import boto3  # noqa: E402

from tests.deploy.helpers import SITE_URL, start_moto  # noqa: E402
from warta.build import build  # noqa: E402
from warta.deploy import DeployConfig, deploy  # noqa: E402

ARTICLE = ROOT / "content/artikel/harga-cabai-pasar-panorama-naik.md"


def quiet(_message: str) -> None:
    pass


def timed(run) -> tuple[float, int]:
    started = time.perf_counter()
    report = run()
    return time.perf_counter() - started, len(report.uploaded)


def measure(endpoint: str, work: Path) -> dict[str, tuple[float, int]]:
    content = work / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(ROOT / "content", content)
    output = work / "output"
    assert build(ROOT / "pelicanconf.py", output, overrides={"PATH": str(content), "SITEURL": SITE_URL}).ok
    bucket = f"bench-{uuid.uuid4().hex[:10]}"
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket=bucket)
    config = DeployConfig.from_settings(
        {"DEPLOY_BUCKET": bucket, "DEPLOY_ENDPOINT": endpoint, "SITEURL": SITE_URL}, os.environ
    )

    def run():
        return deploy(output, config, say=quiet)

    figures = {"full deploy (baseline)": timed(run), "nothing changed": timed(run)}
    article = content / "artikel" / ARTICLE.name
    article.write_text(article.read_text(encoding="utf-8") + "\nParagraf tambahan.\n", encoding="utf-8")
    assert build(ROOT / "pelicanconf.py", output, overrides={"PATH": str(content), "SITEURL": SITE_URL}).ok
    figures["one article changed"] = timed(run)
    s3.delete_object(Bucket=bucket, Key=".warta-deploy/manifest.json")
    figures["manifest lost"] = timed(run)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median of each figure is shown")
    args = parser.parse_args()
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
    server, endpoint = start_moto()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            runs = [measure(endpoint, Path(scratch)) for _ in range(args.repeat)]
    finally:
        server.terminate()
        server.wait()
    baseline = sorted(run["full deploy (baseline)"][0] for run in runs)[len(runs) // 2]
    print(f"{'deploy':<24} {'seconds':>8} {'× baseline':>11} {'uploaded':>9}")
    for name in runs[0]:
        seconds = sorted(run[name][0] for run in runs)[len(runs) // 2]
        print(f"{name:<24} {seconds:8.3f} {seconds / baseline:11.2f} {runs[0][name][1]:9d}")


if __name__ == "__main__":
    main()
