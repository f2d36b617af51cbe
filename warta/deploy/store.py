"""The bucket, through boto3: listing, uploads with headers, deletes, the deploy's own state.

Every boto3 and network failure becomes a one-line :class:`DeployError`. Requests are retried
by botocore's standard mode (exponential backoff with jitter) up to ``DEPLOY_RETRIES`` times.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionError,
    NoCredentialsError,
    PartialCredentialsError,
)

from .config import DeployConfig
from .errors import DeployError
from .files import LocalFile

# The deploy's own objects; never compared with the site, never deleted.
STATE_PREFIX = ".warta-deploy/"
MANIFEST = f"{STATE_PREFIX}manifest.json"
PENDING_PURGE = f"{STATE_PREFIX}pending-purge.json"
LOCK = f"{STATE_PREFIX}lock.json"
_DELETE_BATCH = 1000  # S3's DeleteObjects limit
_REFUSED = {
    "AccessDenied",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidToken",
    "ExpiredToken",
    "403",
}
_MISSING_BUCKET = {"NoSuchBucket", "404"}
# A conditional write that another writer beat (412), or raced with (409).
_LOST_RACE = {"PreconditionFailed", "412", "ConditionalRequestConflict", "409"}


@dataclass(frozen=True)
class Headers:
    content_type: str
    cache_control: str


def client_config(config: DeployConfig) -> Config:
    return Config(
        retries={"max_attempts": config.retries, "mode": "standard"},
        max_pool_connections=config.workers,
        connect_timeout=10,
        read_timeout=60,
        # Other S3-compatible stores do not all accept the newer default checksums;
        # uploads carry Content-MD5 instead.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )


class Bucket:
    def __init__(self, config: DeployConfig) -> None:
        self.name = config.bucket
        self.where = config.endpoint or "AWS S3"
        session = boto3.session.Session()
        if session.get_credentials() is None:
            raise DeployError(
                "no credentials for the bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)"
            )
        with self._errors("connect"):
            self._s3 = session.client(
                "s3",
                endpoint_url=config.endpoint,
                # S3-compatible stores mostly ignore the region, but requests are signed with one.
                region_name=config.region or session.region_name or "us-east-1",
                config=client_config(config),
            )

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except (NoCredentialsError, PartialCredentialsError) as error:
            raise DeployError(f"incomplete credentials for the bucket: {error}") from None
        except ConnectionError as error:
            raise DeployError(f"cannot reach the storage endpoint {self.where}: {error}") from None
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            message = error.response.get("Error", {}).get("Message", "") or str(error)
            if code in _MISSING_BUCKET:
                raise DeployError(f"the bucket '{self.name}' does not exist at {self.where}") from None
            if code in _REFUSED:
                raise DeployError(
                    f"{self.where} refused the credentials for bucket '{self.name}' ({code}: {message})"
                    " — check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                ) from None
            raise DeployError(f"{action} failed on bucket '{self.name}': {code} {message}") from None
        except (BotoCoreError, ValueError) as error:
            raise DeployError(f"{action} failed on bucket '{self.name}': {error}") from None

    def check(self) -> None:
        """Fail early, before anything is read or written, if the bucket is not usable."""
        with self._errors("opening the bucket"):
            self._s3.head_bucket(Bucket=self.name)

    def listing(self) -> dict[str, str]:
        """Every site object's key and ETag (the MD5 of its content on most stores)."""
        found = {}
        with self._errors("listing"):
            for page in self._s3.get_paginator("list_objects_v2").paginate(Bucket=self.name):
                for item in page.get("Contents", []):
                    if not item["Key"].startswith(STATE_PREFIX):
                        found[item["Key"]] = item["ETag"].strip('"')
        return found

    def headers(self, key: str) -> Headers:
        with self._errors(f"reading {key}"):
            head = self._s3.head_object(Bucket=self.name, Key=key)
        return Headers(head.get("ContentType", ""), head.get("CacheControl", ""))

    def upload(self, file: LocalFile) -> str:
        """Upload with its headers; return the ETag the store gave it."""
        with self._errors(f"uploading {file.key}"):
            answer = self._s3.put_object(
                Bucket=self.name,
                Key=file.key,
                Body=file.read(),
                ContentType=file.content_type,
                CacheControl=file.cache_control,
                ContentMD5=base64.b64encode(bytes.fromhex(file.md5)).decode("ascii"),
            )
        return answer["ETag"].strip('"')

    def delete(self, keys: list[str]) -> None:
        for start in range(0, len(keys), _DELETE_BATCH):
            batch = keys[start : start + _DELETE_BATCH]
            with self._errors("deleting"):
                answer = self._s3.delete_objects(
                    Bucket=self.name, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True}
                )
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise DeployError(
                    f"deleting {first['Key']} failed on bucket '{self.name}': {first.get('Code')} {first.get('Message')}"
                )

    def read_state(self, key: str):
        """A state object's JSON, or None when it is absent or unreadable (then it is rebuilt)."""
        return self.read_state_version(key)[0]

    def read_state_version(self, key: str) -> tuple[object, str | None]:
        """A state object's JSON (None when absent or unreadable) and its ETag (None when absent)."""
        with self._errors(f"reading {key}"):
            try:
                answer = self._s3.get_object(Bucket=self.name, Key=key)
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                    return None, None
                raise
            body = answer["Body"].read()
        try:
            return json.loads(body), answer["ETag"]
        except ValueError:
            return None, answer["ETag"]

    def write_state(self, key: str, value, *, only_if: str | None = None) -> bool:
        """Write a state object. ``only_if`` is ``"absent"`` or the ETag the object must still
        have: then nothing is written, and False returned, when another writer came first."""
        condition = {"IfNoneMatch": "*"} if only_if == "absent" else {"IfMatch": only_if} if only_if else {}
        with self._errors(f"writing {key}"):
            try:
                self._s3.put_object(
                    Bucket=self.name,
                    Key=key,
                    Body=json.dumps(value, sort_keys=True, indent=1).encode("utf-8"),
                    ContentType="application/json; charset=utf-8",
                    CacheControl="no-store",
                    **condition,
                )
            except ClientError as error:
                if condition and error.response.get("Error", {}).get("Code") in _LOST_RACE:
                    return False
                raise
        return True

    def remove_state(self, key: str) -> None:
        with self._errors(f"deleting {key}"):
            self._s3.delete_object(Bucket=self.name, Key=key)
