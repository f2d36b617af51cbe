"""A real S3 (and CloudFront) HTTP endpoint on 127.0.0.1 — moto's server in its own process —
reached only through boto3; small real sites built with Warta's settings."""

from __future__ import annotations

import os
import uuid

import boto3
import pytest

from tests.deploy.helpers import SITE_URL, Site, start_moto
from warta.deploy import DeployConfig


@pytest.fixture(scope="session")
def endpoint():
    process, url = start_moto()
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(autouse=True)
def aws_environment(monkeypatch, tmp_path, endpoint):
    """Test credentials only; no AWS configuration of the machine leaks in."""
    for name in [n for n in os.environ if n.startswith("AWS_") or n.startswith("WARTA_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", endpoint)


@pytest.fixture
def s3(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")


@pytest.fixture
def bucket(s3) -> str:
    name = f"warta-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


@pytest.fixture
def cloudfront(endpoint):
    return boto3.client("cloudfront", endpoint_url=endpoint, region_name="us-east-1")


@pytest.fixture
def distribution(cloudfront) -> str:
    origin = {
        "Id": "bucket",
        "DomainName": "warta.s3.amazonaws.com",
        "S3OriginConfig": {"OriginAccessIdentity": ""},
    }
    answer = cloudfront.create_distribution(
        DistributionConfig={
            "CallerReference": uuid.uuid4().hex,
            "Origins": {"Quantity": 1, "Items": [origin]},
            "DefaultCacheBehavior": {
                "TargetOriginId": "bucket",
                "ViewerProtocolPolicy": "redirect-to-https",
                "MinTTL": 0,
                "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
            },
            "Comment": "warta test",
            "Enabled": True,
        }
    )
    return answer["Distribution"]["Id"]


@pytest.fixture
def config(endpoint, bucket):
    def make(**settings) -> DeployConfig:
        merged = {"DEPLOY_BUCKET": bucket, "DEPLOY_ENDPOINT": endpoint, "SITEURL": SITE_URL, **settings}
        return DeployConfig.from_settings(merged, os.environ)

    return make


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path / "site")
