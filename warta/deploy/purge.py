"""CDN purge of exactly the changed URLs: CloudFront (boto3) or Cloudflare (its HTTP API).

A file ``berita/x/index.html`` is purged under both of its URLs, ``/berita/x/`` and
``/berita/x/index.html``. Above ``DEPLOY_PURGE_ALL_OVER`` URLs one purge of everything is
cheaper and faster than many single ones (CloudFront bills per path).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Protocol
from urllib.parse import quote, urlsplit

import boto3
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from .config import DeployConfig
from .errors import DeployError
from .store import client_config

CLOUDFRONT_BATCH = 3000  # paths in progress at once per distribution
CLOUDFRONT_WAIT_SECONDS = 15 * 60
CLOUDFLARE_BATCH = 30  # URLs per purge request on every plan
_INDEX = "index.html"


def purge_urls(keys: list[str], site_url: str) -> list[str]:
    """The public URLs of the given keys."""
    urls = []
    for key in keys:
        path = quote(key, safe="/-._~")
        if key == _INDEX or key.endswith(f"/{_INDEX}"):
            urls.append(f"{site_url}/{path[: -len(_INDEX)]}")
        urls.append(f"{site_url}/{path}")
    return urls


class Purger(Protocol):
    name: str

    def purge(self, urls: list[str]) -> None: ...

    def purge_everything(self) -> None: ...


def purger_for(config: DeployConfig) -> Purger | None:
    if config.cloudfront_distribution:
        return CloudFront(config)
    if config.cloudflare_zone:
        return Cloudflare(config)
    return None


def purge(purger: Purger, urls: list[str], limit: int) -> str:
    """Purge and say what was done, in a few words."""
    if len(urls) > limit:
        purger.purge_everything()
        return f"Purged everything on {purger.name} ({len(urls)} changed URLs is more than {limit})"
    purger.purge(urls)
    return f"Purged {len(urls)} URLs on {purger.name}"


def _batches(items: list[str], size: int) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class CloudFront:
    name = "CloudFront"

    def __init__(self, config: DeployConfig) -> None:
        self.distribution = config.cloudfront_distribution
        # CloudFront is global; its API is signed for us-east-1.
        self._client = boto3.session.Session().client(
            "cloudfront", region_name="us-east-1", config=client_config(config)
        )

    def purge(self, urls: list[str]) -> None:
        paths = [urlsplit(url).path for url in urls]
        previous = None
        for batch in _batches(paths, CLOUDFRONT_BATCH):
            if previous:
                self._wait(previous)
            previous = self._invalidate(batch)

    def purge_everything(self) -> None:
        self._invalidate(["/*"])

    def _invalidate(self, paths: list[str]) -> str:
        try:
            answer = self._client.create_invalidation(
                DistributionId=self.distribution,
                InvalidationBatch={
                    "Paths": {"Quantity": len(paths), "Items": paths},
                    # Unique per request: CloudFront ignores a repeated reference.
                    "CallerReference": f"warta-{time.time_ns()}",
                },
            )
        except NoCredentialsError:
            raise DeployError("no AWS credentials for the CloudFront purge") from None
        except ClientError as error:
            detail = error.response.get("Error", {})
            raise DeployError(
                f"CloudFront refused the purge of distribution {self.distribution}: {detail.get('Code')} {detail.get('Message')}"
            ) from None
        except BotoCoreError as error:
            raise DeployError(f"cannot reach CloudFront: {error}") from None
        return answer["Invalidation"]["Id"]

    def _wait(self, invalidation: str) -> None:
        # botocore's waiter matches only "Completed"; some CloudFront stand-ins say "COMPLETED".
        deadline = time.monotonic() + CLOUDFRONT_WAIT_SECONDS
        while True:
            try:
                answer = self._client.get_invalidation(DistributionId=self.distribution, Id=invalidation)
            except (BotoCoreError, ClientError) as error:
                raise DeployError(
                    f"checking CloudFront invalidation {invalidation} failed: {error}"
                ) from None
            if answer["Invalidation"]["Status"].lower() == "completed":
                return
            if time.monotonic() > deadline:
                raise DeployError(
                    f"CloudFront invalidation {invalidation} did not complete in {CLOUDFRONT_WAIT_SECONDS // 60} minutes;"
                    " run publish again to purge the rest"
                )
            time.sleep(10)


class Cloudflare:
    name = "Cloudflare"

    def __init__(self, config: DeployConfig) -> None:
        self._endpoint = f"{config.cloudflare_api}/zones/{config.cloudflare_zone}/purge_cache"
        self._token = config.cloudflare_token
        self._attempts = config.retries

    def purge(self, urls: list[str]) -> None:
        for batch in _batches(urls, CLOUDFLARE_BATCH):
            self._post({"files": batch})

    def purge_everything(self) -> None:
        self._post({"purge_everything": True})

    def _post(self, body: dict) -> None:
        request = urllib.request.Request(
            self._endpoint,
            data=json.dumps(body).encode("utf-8"),
            headers={"Authorization": f"Bearer {self._token}", "Content-Type": "application/json"},
            method="POST",
        )
        for attempt in range(1, self._attempts + 1):
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    answer = json.loads(response.read() or b"{}")
                if answer.get("success"):
                    return
                raise DeployError(f"Cloudflare refused the purge: {_cloudflare_errors(answer)}")
            except urllib.error.HTTPError as error:
                retry = error.code == 429 or error.code >= 500
                if not retry or attempt == self._attempts:
                    raise DeployError(
                        f"Cloudflare refused the purge (HTTP {error.code}): {_cloudflare_errors(_json(error))}"
                    ) from None
            except (urllib.error.URLError, OSError) as error:
                if attempt == self._attempts:
                    reason = getattr(error, "reason", error)
                    raise DeployError(
                        f"cannot reach the Cloudflare API at {self._endpoint}: {reason}"
                    ) from None
            time.sleep(min(2**attempt * 0.25, 8))


def _json(error: urllib.error.HTTPError) -> dict:
    try:
        return json.loads(error.read())
    except ValueError:
        return {}


def _cloudflare_errors(answer: dict) -> str:
    errors = answer.get("errors") or [{"message": "no reason given"}]
    return "; ".join(f"{e.get('code', '')} {e.get('message', '')}".strip() for e in errors)
