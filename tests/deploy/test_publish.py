"""``publish``: production settings, validation before anything is deployed, the invoke task."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.deploy.helpers import SITE_URL, stored
from warta import ROOT
from warta.deploy import DeployError, publish

PUBLISHCONF = ROOT / "publishconf.py"


@pytest.fixture
def production(monkeypatch, endpoint, bucket, site):
    monkeypatch.setenv("WARTA_SITEURL", SITE_URL)
    monkeypatch.setenv("WARTA_S3_BUCKET", bucket)
    monkeypatch.setenv("WARTA_S3_ENDPOINT", endpoint)
    return {"PATH": str(site.content)}


def quiet(_message: str) -> None:
    pass


def test_publish_builds_with_publishconf_and_deploys(production, site, s3, bucket, tmp_path):
    output = tmp_path / "public"
    report = publish(PUBLISHCONF, output, overrides=production, say=quiet)
    files = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())
    assert sorted(report.uploaded) == files == sorted(stored(s3, bucket))
    home = BeautifulSoup((output / "index.html").read_text(), "html.parser")
    assert home.select_one("link[rel=stylesheet]")["href"].startswith(f"{SITE_URL}/theme/css/warta.")


def test_publish_refuses_when_content_is_invalid(production, site, s3, bucket, tmp_path, capsys):
    site.add_article("rusak", Title="Tanpa Kategori", Category="Pilkadda")
    with pytest.raises(
        DeployError, match=r"^the build failed: fix the problems above; nothing was deployed$"
    ):
        publish(PUBLISHCONF, tmp_path / "public", overrides=production, say=quiet)
    assert "Category: 'Pilkadda' is not allowed" in capsys.readouterr().err
    assert stored(s3, bucket, state=True) == {}


def test_publish_without_site_address_is_one_line(production, monkeypatch, tmp_path):
    monkeypatch.delenv("WARTA_SITEURL")
    with pytest.raises(DeployError, match=r"^publishconf.py: WARTA_SITEURL must be the site's address"):
        publish(PUBLISHCONF, tmp_path / "public", overrides=production, say=quiet)
    assert not (tmp_path / "public").exists()


def test_invoke_publish_reports_a_missing_bucket_without_a_traceback(tmp_path):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "AWS_"))}
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--dry-run"],
        cwd=ROOT,
        env={**environ, "WARTA_SITEURL": SITE_URL},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "publish: no bucket to deploy to: set DEPLOY_BUCKET in publishconf.py or the WARTA_S3_BUCKET environment variable"
    )
