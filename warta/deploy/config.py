"""Deploy settings: ``DEPLOY_*`` in ``publishconf.py``, overridden by environment variables.

Secrets never live in settings: S3 and CloudFront use the standard AWS credential chain
(``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``, ``AWS_PROFILE`` …) and Cloudflare the
``CLOUDFLARE_API_TOKEN`` variable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from warta_common.fingerprint import FINGERPRINTED_NAME

from .errors import DeployError

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT_LIVED = "public, max-age=60, stale-while-revalidate=300"

DEFAULTS: dict = {
    "DEPLOY_BUCKET": "",
    "DEPLOY_ENDPOINT": "",
    "DEPLOY_REGION": "",
    "DEPLOY_CLOUDFRONT_DISTRIBUTION": "",
    "DEPLOY_CLOUDFLARE_ZONE": "",
    "DEPLOY_CLOUDFLARE_API": "https://api.cloudflare.com/client/v4",
    "DEPLOY_MAX_DELETES": 256,
    "DEPLOY_WORKERS": 8,
    "DEPLOY_RETRIES": 5,
    "DEPLOY_PURGE_ALL_OVER": 500,
    # A deploy lock older than this (a deploy killed on another machine) is taken over.
    "DEPLOY_LOCK_MINUTES": 30,
    # (regular expression searched in the file's path, Cache-Control); the first match wins.
    "DEPLOY_CACHE_RULES": [
        (FINGERPRINTED_NAME, IMMUTABLE),
        (r"", SHORT_LIVED),
    ],
}

# Environment variable → setting it overrides.
ENVIRONMENT = {
    "WARTA_S3_BUCKET": "DEPLOY_BUCKET",
    "WARTA_S3_ENDPOINT": "DEPLOY_ENDPOINT",
    "WARTA_S3_REGION": "DEPLOY_REGION",
    "WARTA_CLOUDFRONT_DISTRIBUTION": "DEPLOY_CLOUDFRONT_DISTRIBUTION",
    "WARTA_CLOUDFLARE_ZONE": "DEPLOY_CLOUDFLARE_ZONE",
}


@dataclass(frozen=True)
class DeployConfig:
    bucket: str
    site_url: str
    endpoint: str | None = None
    region: str | None = None
    cloudfront_distribution: str | None = None
    cloudflare_zone: str | None = None
    cloudflare_token: str | None = None
    cloudflare_api: str = DEFAULTS["DEPLOY_CLOUDFLARE_API"]
    max_deletes: int = DEFAULTS["DEPLOY_MAX_DELETES"]
    workers: int = DEFAULTS["DEPLOY_WORKERS"]
    retries: int = DEFAULTS["DEPLOY_RETRIES"]
    purge_all_over: int = DEFAULTS["DEPLOY_PURGE_ALL_OVER"]
    lock_minutes: int = DEFAULTS["DEPLOY_LOCK_MINUTES"]
    cache_rules: tuple[tuple[re.Pattern, str], ...] = ()

    @classmethod
    def from_settings(cls, settings: Mapping, environ: Mapping[str, str]) -> DeployConfig:
        """Read and check the settings; a problem is one :class:`DeployError` line."""
        merged = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
        for variable, key in ENVIRONMENT.items():
            if environ.get(variable, "").strip():
                merged[key] = environ[variable].strip()
        bucket = merged["DEPLOY_BUCKET"]
        if not bucket:
            raise DeployError(
                "no bucket to deploy to: set DEPLOY_BUCKET in publishconf.py or the WARTA_S3_BUCKET environment variable"
            )
        site_url = str(settings.get("SITEURL", "")).rstrip("/")
        if not site_url.startswith(("https://", "http://")):
            raise DeployError(
                f"SITEURL must be the site's address, e.g. https://warta.example.id (it is '{site_url}')"
            )
        endpoint = merged["DEPLOY_ENDPOINT"] or None
        if endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
            raise DeployError(
                f"DEPLOY_ENDPOINT / WARTA_S3_ENDPOINT: '{endpoint}' is not an address such as https://s3.example.com"
            )
        distribution = merged["DEPLOY_CLOUDFRONT_DISTRIBUTION"] or None
        zone = merged["DEPLOY_CLOUDFLARE_ZONE"] or None
        if distribution and zone:
            raise DeployError("set either a CloudFront distribution or a Cloudflare zone to purge, not both")
        token = environ.get("CLOUDFLARE_API_TOKEN", "").strip() or None
        if zone and not token:
            raise DeployError(
                "the Cloudflare zone is set but CLOUDFLARE_API_TOKEN is not: create an API token with the Cache Purge permission"
            )
        return cls(
            bucket=bucket,
            site_url=site_url,
            endpoint=endpoint,
            region=merged["DEPLOY_REGION"] or None,
            cloudfront_distribution=distribution,
            cloudflare_zone=zone,
            cloudflare_token=token,
            cloudflare_api=merged["DEPLOY_CLOUDFLARE_API"].rstrip("/"),
            max_deletes=_whole_number(merged, "DEPLOY_MAX_DELETES", minimum=0),
            workers=_whole_number(merged, "DEPLOY_WORKERS"),
            retries=_whole_number(merged, "DEPLOY_RETRIES"),
            purge_all_over=_whole_number(merged, "DEPLOY_PURGE_ALL_OVER"),
            lock_minutes=_whole_number(merged, "DEPLOY_LOCK_MINUTES"),
            cache_rules=_cache_rules(merged["DEPLOY_CACHE_RULES"]),
        )

    def cache_control(self, key: str) -> str:
        for pattern, value in self.cache_rules:
            if pattern.search(key):
                return value
        return SHORT_LIVED


def _whole_number(merged: dict, key: str, minimum: int = 1) -> int:
    value = merged[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise DeployError(f"{key}: {value!r} is not a whole number of at least {minimum}")
    return value


def _cache_rules(rules) -> tuple[tuple[re.Pattern, str], ...]:
    compiled = []
    for rule in rules:
        try:
            pattern, value = rule
            compiled.append((re.compile(pattern), str(value)))
        except (TypeError, ValueError, re.error) as error:
            raise DeployError(
                f"DEPLOY_CACHE_RULES: {rule!r} is not a (regular expression, Cache-Control) pair ({error})"
            ) from None
    return tuple(compiled)
