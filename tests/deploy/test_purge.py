"""CDN purge: exactly the changed URLs, in batches the providers accept, retried until done."""

from __future__ import annotations

import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.deploy.helpers import (
    SITE_URL,
    assert_only_the_article_and_its_feeds,
    free_port,
    invalidated_paths,
    stored,
)
from warta import ROOT
from warta.deploy import DeployError, deploy
from warta.deploy.purge import CLOUDFLARE_BATCH, purge_urls
from warta_common.fingerprint import is_fingerprinted

ZONE = "0123456789abcdef0123456789abcdef"
TOKEN = "test-token"


class CloudflareAPI:
    """A real HTTP server answering like Cloudflare's purge_cache endpoint, recording requests."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.refuse: tuple[int, dict] | None = None
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                api.requests.append(
                    {"path": self.path, "authorization": self.headers["Authorization"], "body": body}
                )
                status, answer = api.refuse or (200, {"success": True, "errors": [], "result": {"id": ZONE}})
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/client/v4"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def purged(self) -> list[str]:
        return [url for request in self.requests for url in request["body"].get("files", [])]


@pytest.fixture
def cloudflare(monkeypatch):
    api = CloudflareAPI()
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", TOKEN)
    yield api
    api.server.shutdown()
    api.server.server_close()


@pytest.fixture
def cloudflare_config(config, cloudflare):
    def make(**settings):
        return config(DEPLOY_CLOUDFLARE_ZONE=ZONE, DEPLOY_CLOUDFLARE_API=cloudflare.url, **settings)

    return make


def quiet(_message: str) -> None:
    pass


def test_index_files_are_purged_under_both_urls():
    assert purge_urls(["index.html", "berita/x/index.html", "images/foto bersama.jpg"], SITE_URL) == [
        f"{SITE_URL}/",
        f"{SITE_URL}/index.html",
        f"{SITE_URL}/berita/x/",
        f"{SITE_URL}/berita/x/index.html",
        f"{SITE_URL}/images/foto%20bersama.jpg",
    ]


def _changed_keys(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))


def test_cloudflare_purges_exactly_the_changed_urls_in_batches(
    site, cloudflare_config, cloudflare, s3, bucket
):
    site.build()
    deploy(site.output, cloudflare_config(), say=quiet)
    cloudflare.requests.clear()
    before = stored(s3, bucket)
    (site.content / "artikel/sidang.md").unlink()
    site.add_article("baru", Title="Berita Baru", Date="2024-10-22 08:00")
    site.build()
    report = deploy(site.output, cloudflare_config(), say=quiet)
    changed = _changed_keys(before, stored(s3, bucket))
    assert sorted(purge_urls(changed, SITE_URL)) == sorted(cloudflare.purged())
    assert report.purged == cloudflare.purged()
    assert f"{SITE_URL}/berita/berita-baru/" in report.purged
    assert f"{SITE_URL}/berita/sidang-gakkumdu/" in report.purged
    assert len(report.purged) > CLOUDFLARE_BATCH
    assert all(len(r["body"]["files"]) <= CLOUDFLARE_BATCH for r in cloudflare.requests)
    assert {r["path"] for r in cloudflare.requests} == {f"/client/v4/zones/{ZONE}/purge_cache"}
    assert {r["authorization"] for r in cloudflare.requests} == {f"Bearer {TOKEN}"}
    cloudflare.requests.clear()
    assert deploy(site.output, cloudflare_config(), say=quiet).purged == []
    assert cloudflare.requests == []


def test_many_changes_purge_everything_once(site, cloudflare_config, cloudflare):
    site.build()
    said = []
    deploy(site.output, cloudflare_config(DEPLOY_PURGE_ALL_OVER=10), say=said.append)
    assert [r["body"] for r in cloudflare.requests] == [{"purge_everything": True}]
    assert any(line.startswith("Purged everything on Cloudflare") for line in said)


def test_failed_purge_is_finished_by_the_next_run(site, cloudflare_config, cloudflare, s3, bucket):
    site.build()
    cloudflare.refuse = (
        403,
        {"success": False, "errors": [{"code": 10000, "message": "Authentication error"}]},
    )
    with pytest.raises(
        DeployError, match=r"^Cloudflare refused the purge \(HTTP 403\): 10000 Authentication error$"
    ):
        deploy(site.output, cloudflare_config(), say=quiet)
    assert set(stored(s3, bucket)) == set(site.files())  # the site itself is deployed
    assert ".warta-deploy/pending-purge.json" in stored(s3, bucket, state=True)
    cloudflare.refuse = None
    cloudflare.requests.clear()
    report = deploy(site.output, cloudflare_config(), say=quiet)
    assert report.uploaded == []
    # Fingerprinted files (theme assets, image variants) never change, so are never purged.
    expected = purge_urls(sorted(k for k in site.files() if not is_fingerprinted(k)), SITE_URL)
    assert sorted(cloudflare.purged()) == sorted(expected)
    assert ".warta-deploy/pending-purge.json" not in stored(s3, bucket, state=True)
    cloudflare.requests.clear()
    assert deploy(site.output, cloudflare_config(), say=quiet).purged == []
    assert cloudflare.requests == []


def test_unreachable_cloudflare_is_one_line(site, config, monkeypatch):
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", TOKEN)
    site.build()
    settings = {
        "DEPLOY_CLOUDFLARE_ZONE": ZONE,
        "DEPLOY_CLOUDFLARE_API": f"http://127.0.0.1:{free_port()}/client/v4",
        "DEPLOY_RETRIES": 1,
    }
    with pytest.raises(
        DeployError, match=r"^cannot reach the Cloudflare API at http://127\.0\.0\.1:\d+/client/v4/zones/"
    ):
        deploy(site.output, config(**settings), say=quiet)


def test_cloudfront_invalidates_exactly_the_changed_paths(site, config, s3, bucket, cloudfront, distribution):
    settings = {"DEPLOY_CLOUDFRONT_DISTRIBUTION": distribution}
    site.build()
    deploy(site.output, config(**settings), say=quiet)
    before = stored(s3, bucket)
    site.add_article(
        "banjir", "Air mulai surut.", Title="Banjir di Ipuh", Date="2024-10-21 07:00", Category="Peristiwa"
    )
    site.build()
    deploy(site.output, config(**settings), say=quiet)
    changed = _changed_keys(before, stored(s3, bucket))
    assert_only_the_article_and_its_feeds(changed, "berita/banjir-di-ipuh/index.html")
    batches = invalidated_paths(cloudfront, distribution)
    assert len(batches) == 2
    expected = {f"/{key}" for key in changed} | {"/berita/banjir-di-ipuh/"}
    assert set(batches[-1]) == expected


def test_cloudfront_unknown_distribution_is_one_line(site, config):
    site.build()
    with pytest.raises(
        DeployError, match=r"^CloudFront refused the purge of distribution NOPE: NoSuchDistribution"
    ):
        deploy(site.output, config(DEPLOY_CLOUDFRONT_DISTRIBUTION="NOPE"), say=quiet)


def test_new_fingerprinted_file_alone_purges_nothing(
    site, cloudflare_config, cloudflare, s3, bucket, tmp_path
):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site.build(THEME=str(theme))
    deploy(site.output, cloudflare_config(), say=quiet)
    cloudflare.requests.clear()
    (theme / "static/fonts").mkdir()
    (theme / "static/fonts/sans.woff2").write_bytes(b"font-bytes")
    site.build(THEME=str(theme))
    report = deploy(site.output, cloudflare_config(), say=quiet)
    assert len(report.uploaded) == 1 and report.uploaded[0].startswith("theme/fonts/sans.")
    assert (report.purged, cloudflare.requests) == ([], [])
    assert ".warta-deploy/pending-purge.json" not in stored(s3, bucket, state=True)


def test_cloudfront_batches_wait_for_each_other(config, cloudfront, distribution):
    from warta.deploy.purge import CLOUDFRONT_BATCH, CloudFront

    urls = [f"{SITE_URL}/berita/{number}/" for number in range(CLOUDFRONT_BATCH + 5)]
    CloudFront(config(DEPLOY_CLOUDFRONT_DISTRIBUTION=distribution)).purge(urls)
    batches = invalidated_paths(cloudfront, distribution)
    assert sorted(len(batch) for batch in batches) == [5, CLOUDFRONT_BATCH]
    assert sorted(path for batch in batches for path in batch) == sorted(
        f"/berita/{n}/" for n in range(len(urls))
    )
