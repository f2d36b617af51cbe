"""What the deploy tests look at: a small site, the bucket's objects, the links between pages."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from warta.testing import SiteUnderTest

SITE_URL = "https://warta.test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_moto(**environment: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **environment},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("moto server did not start")


class Site(SiteUnderTest):
    """A small newsroom: three articles, an image, a page."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.add_image("images/foto.jpg", size=(320, 180))
        self.add_article(
            "patroli", "Paragraf pertama.\n\nParagraf kedua.", Image="images/foto.jpg", ImageCaption="Rapat."
        )
        self.add_article(
            "sidang", Title="Sidang Gakkumdu", Date="2024-10-20 10:00", Category="Hukum", Tags="Gakkumdu"
        )
        self.add_article("banjir", Title="Banjir di Ipuh", Date="2024-10-21 07:00", Category="Peristiwa")
        self.add("halaman/tentang.md", "Title: Tentang Kami\n\nRedaksi Warta.\n")

    def build(self, **settings):
        result = super().build(SITEURL=SITE_URL, **settings)
        assert result.ok, result.problems
        return result

    def files(self) -> dict[str, bytes]:
        return {
            p.relative_to(self.output).as_posix(): p.read_bytes()
            for p in self.output.rglob("*")
            if p.is_file()
        }


def invalidated_paths(cloudfront, distribution: str) -> list[list[str]]:
    """The paths of every invalidation of the distribution."""
    listed = cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"]
    batches = []
    for item in listed.get("Items", []):
        invalidation = cloudfront.get_invalidation(DistributionId=distribution, Id=item["Id"])["Invalidation"]
        batches.append(invalidation["InvalidationBatch"]["Paths"]["Items"])
    return batches


def stored(s3, bucket: str, *, state: bool = False) -> dict[str, str]:
    """Key → MD5 of every object in the bucket (the deploy's own state left out unless asked)."""
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            if state or not item["Key"].startswith(".warta-deploy/"):
                found[item["Key"]] = item["ETag"].strip('"')
    return found


def headers(s3, bucket: str, key: str) -> tuple[str, str]:
    head = s3.head_object(Bucket=bucket, Key=key)
    return head.get("ContentType", ""), head.get("CacheControl", "")


def snapshot(s3, bucket: str) -> dict[str, tuple[str, object]]:
    """Key → (ETag, LastModified) of every object, state included: equal snapshots mean untouched."""
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            found[item["Key"]] = (item["ETag"], item["LastModified"])
    return found


def missing_references(s3, bucket: str) -> list[str]:
    """Links, stylesheets, scripts and images of stored pages that point at no stored object."""
    objects = stored(s3, bucket)
    missing = []
    for key in sorted(k for k in objects if k.endswith(".html")):
        page = BeautifulSoup(s3.get_object(Bucket=bucket, Key=key)["Body"].read(), "html.parser")
        for tag in page.find_all(["a", "link", "script", "img", "source"]):
            for attribute in ("href", "src"):
                target = _key_of(tag.get(attribute))
                if target is not None and target not in objects:
                    missing.append(f"{key} → {tag.get(attribute)}")
    return missing


def _key_of(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme and f"{parts.scheme}://{parts.netloc}" != SITE_URL:
        return None
    if not parts.scheme and not parts.path.startswith("/"):
        return None
    path = parts.path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def assert_only_the_article_and_its_feeds(changed: list[str], page: str) -> None:
    """An edited article changes its own page, the feeds carrying its full text and the
    search index's files that hold its words, nothing else."""
    assert page in changed, changed
    assert all(key == page or key.startswith(("feeds/", "pagefind/")) for key in changed), changed
