"""Bad configuration, credentials, endpoints and buckets: one clear line, nothing half-done."""

from __future__ import annotations

import hashlib
import re
import threading
from http.client import HTTPConnection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import boto3
import pytest

from tests.deploy.helpers import (
    SITE_URL,
    assert_only_the_article_and_its_feeds,
    free_port,
    snapshot,
    start_moto,
    stored,
)
from warta.deploy import DeployConfig, DeployError, deploy

ONE_LINE = re.compile(r"^[^\n]+$")
_HOP_HEADERS = {"content-length", "transfer-encoding", "connection", "server", "date"}
_MD5_IN_XML = re.compile(r"(<ETag>(?:&#34;|&quot;|\")?)([0-9a-f]{32})")


def _opaque(md5: str) -> str:
    return md5[::-1] + "kms"


def quiet(_message: str) -> None:
    pass


def settings(**extra) -> dict:
    return {"DEPLOY_BUCKET": "warta", "SITEURL": SITE_URL, **extra}


@pytest.mark.parametrize(
    ("given", "environ", "message"),
    [
        (
            {"DEPLOY_BUCKET": ""},
            {},
            "no bucket to deploy to: set DEPLOY_BUCKET in publishconf.py or the WARTA_S3_BUCKET",
        ),
        ({"SITEURL": ""}, {}, "SITEURL must be the site's address"),
        ({"DEPLOY_ENDPOINT": "s3.example.com"}, {}, "'s3.example.com' is not an address such as https://"),
        ({}, {"WARTA_S3_ENDPOINT": "localhost:9000"}, "'localhost:9000' is not an address"),
        (
            {"DEPLOY_CLOUDFRONT_DISTRIBUTION": "E1", "DEPLOY_CLOUDFLARE_ZONE": "z"},
            {"CLOUDFLARE_API_TOKEN": "t"},
            "either a CloudFront distribution or a Cloudflare zone",
        ),
        ({"DEPLOY_CLOUDFLARE_ZONE": "z"}, {}, "CLOUDFLARE_API_TOKEN is not"),
        ({"DEPLOY_WORKERS": 0}, {}, "DEPLOY_WORKERS: 0 is not a whole number of at least 1"),
        ({"DEPLOY_MAX_DELETES": "many"}, {}, "DEPLOY_MAX_DELETES: 'many' is not a whole number"),
        (
            {"DEPLOY_CACHE_RULES": [("(", "x")]},
            {},
            "DEPLOY_CACHE_RULES: ('(', 'x') is not a (regular expression",
        ),
        ({"DEPLOY_CACHE_RULES": ["immutable"]}, {}, "DEPLOY_CACHE_RULES: 'immutable' is not"),
    ],
)
def test_bad_settings_are_one_line(given, environ, message):
    with pytest.raises(DeployError) as raised:
        DeployConfig.from_settings(settings(**given), environ)
    assert message in str(raised.value)
    assert ONE_LINE.match(str(raised.value))


def test_environment_overrides_settings():
    config = DeployConfig.from_settings(
        settings(DEPLOY_ENDPOINT="https://old.example", DEPLOY_REGION="us-east-1"),
        {
            "WARTA_S3_BUCKET": "dari-env",
            "WARTA_S3_ENDPOINT": "https://r2.example",
            "WARTA_S3_REGION": "auto",
            "WARTA_CLOUDFLARE_ZONE": "zone",
            "CLOUDFLARE_API_TOKEN": "token",
        },
    )
    assert (config.bucket, config.endpoint, config.region) == ("dari-env", "https://r2.example", "auto")
    assert (config.cloudflare_zone, config.cloudflare_token) == ("zone", "token")


def test_no_credentials(site, config, monkeypatch):
    site.build()
    made = config()
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(
        DeployError, match=r"^no credentials for the bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
    ):
        deploy(site.output, made, say=quiet)


def test_unreachable_endpoint(site, config):
    site.build()
    address = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(DeployError) as raised:
        deploy(site.output, config(DEPLOY_ENDPOINT=address, DEPLOY_RETRIES=1), say=quiet)
    assert str(raised.value).startswith(f"cannot reach the storage endpoint {address}: ")
    assert ONE_LINE.match(str(raised.value))


def test_missing_bucket(site, config, endpoint):
    site.build()
    with pytest.raises(DeployError, match=rf"^the bucket 'tidak-ada' does not exist at {endpoint}$"):
        deploy(site.output, config(DEPLOY_BUCKET="tidak-ada"), say=quiet)


@pytest.fixture(scope="module")
def guarded_endpoint():
    """An S3 endpoint that checks credentials (moto with IAM authentication on)."""
    process, url = start_moto(INITIAL_NO_AUTH_ACTION_COUNT="0")
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_refused_credentials(site, config, guarded_endpoint):
    site.build()
    with pytest.raises(DeployError) as raised:
        deploy(site.output, config(DEPLOY_ENDPOINT=guarded_endpoint), say=quiet)
    message = str(raised.value)
    assert message.startswith(f"{guarded_endpoint} refused the credentials for bucket")
    assert message.endswith("— check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
    assert ONE_LINE.match(message)


class FaultyProxy:
    """A real HTTP proxy in front of the S3 endpoint that fails chosen uploads with a 503, and
    can give ETags that are not MD5s (as S3 does for KMS-encrypted objects)."""

    def __init__(self, upstream: str) -> None:
        self.failures: dict[str, int] = {}
        self.opaque_etags = False
        self.refused: list[str] = []
        target = urlsplit(upstream)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                key = urlsplit(self.path).path.split("/", 2)[-1]
                if self.command == "PUT" and proxy.failures.get(key, 0) > 0:
                    proxy.failures[key] -= 1
                    proxy.refused.append(key)
                    error = b"<Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message></Error>"
                    self.send_response(503)
                    self.send_header("Content-Length", str(len(error)))
                    self.end_headers()
                    self.wfile.write(error)
                    return
                upstream_connection = HTTPConnection(target.hostname, target.port, timeout=30)
                upstream_connection.request(self.command, self.path, body, dict(self.headers))
                answer = upstream_connection.getresponse()
                data = answer.read()
                if proxy.opaque_etags:
                    data = _MD5_IN_XML.sub(lambda m: m.group(1) + _opaque(m.group(2)), data.decode()).encode()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() == "etag" and proxy.opaque_etags:
                        value = f'"{_opaque(value.strip(chr(34)))}"'
                    if name.lower() not in _HOP_HEADERS:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                upstream_connection.close()

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def proxy(endpoint):
    faulty = FaultyProxy(endpoint)
    yield faulty
    faulty.server.shutdown()
    faulty.server.server_close()


def test_transient_failures_are_retried(site, config, proxy, s3, bucket):
    site.build()
    proxy.failures = {"index.html": 2, "berita/sidang-gakkumdu/index.html": 1}
    report = deploy(site.output, config(DEPLOY_ENDPOINT=proxy.url), say=quiet)
    assert sorted(proxy.refused) == ["berita/sidang-gakkumdu/index.html", "index.html", "index.html"]
    assert sorted(report.uploaded) == sorted(site.files())
    assert set(stored(s3, bucket)) == set(site.files())


def test_failed_upload_stops_before_any_delete(site, config, proxy, s3, bucket):
    site.build()
    deploy(site.output, config(), say=quiet)
    (site.content / "artikel/sidang.md").unlink()
    site.build()
    proxy.failures = {"index.html": 100}
    with pytest.raises(DeployError) as raised:
        deploy(site.output, config(DEPLOY_ENDPOINT=proxy.url, DEPLOY_RETRIES=2), say=quiet)
    assert str(raised.value) == (
        f"uploading index.html failed on bucket '{bucket}': ServiceUnavailable Please reduce your request rate."
    )
    assert "berita/sidang-gakkumdu/index.html" in stored(s3, bucket)
    proxy.failures = {}
    untouched_manifest = snapshot(s3, bucket)[".warta-deploy/manifest.json"]
    report = deploy(site.output, config(DEPLOY_ENDPOINT=proxy.url), say=quiet)
    assert "index.html" in report.uploaded and "berita/sidang-gakkumdu/index.html" in report.deleted
    assert set(stored(s3, bucket)) == set(site.files())
    assert snapshot(s3, bucket)[".warta-deploy/manifest.json"] != untouched_manifest


def test_etags_that_are_not_md5s_still_give_incremental_deploys(site, config, proxy, s3, bucket):
    proxy.opaque_etags = True
    site.build()
    first = deploy(site.output, config(DEPLOY_ENDPOINT=proxy.url), say=quiet)
    assert sorted(first.uploaded) == sorted(site.files())
    through_proxy = boto3.client("s3", endpoint_url=proxy.url, region_name="us-east-1")
    listed = through_proxy.list_objects_v2(Bucket=bucket)["Contents"]
    assert all(item["ETag"].strip('"').endswith("kms") for item in listed)
    assert deploy(site.output, config(DEPLOY_ENDPOINT=proxy.url), say=quiet).uploaded == []
    site.add_article(
        "banjir", "Air mulai surut.", Title="Banjir di Ipuh", Date="2024-10-21 07:00", Category="Peristiwa"
    )
    site.build()
    changed = deploy(site.output, config(DEPLOY_ENDPOINT=proxy.url), say=quiet)
    assert_only_the_article_and_its_feeds(sorted(changed.uploaded), "berita/banjir-di-ipuh/index.html")
    assert stored(s3, bucket) == {key: hashlib.md5(data).hexdigest() for key, data in site.files().items()}
