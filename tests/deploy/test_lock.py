"""One deploy at a time per bucket, against a real S3 endpoint: a second deploy is refused while
the first runs, and a lock left by a killed deploy is taken over."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from tests.deploy.helpers import snapshot, stored
from warta.deploy import DeployError, deploy

LOCK = ".warta-deploy/lock.json"


def quiet(_message: str) -> None:
    pass


def hold_lock(s3, bucket: str, **holder) -> None:
    taken = datetime.now(UTC).isoformat(timespec="seconds")
    body = {"user": "redaksi", "host": "ci-runner", "pid": 4242, "taken": taken, "token": "x", **holder}
    s3.put_object(Bucket=bucket, Key=LOCK, Body=json.dumps(body).encode())


def test_a_deploy_started_while_another_runs_is_refused_and_changes_nothing(site, config, s3, bucket):
    site.build()
    refused = []

    def start_the_second_deploy(action: str, key: str) -> None:
        if not refused:
            untouched = snapshot(s3, bucket)
            with pytest.raises(DeployError) as raised:
                deploy(site.output, config(), say=quiet)
            refused.append(str(raised.value))
            assert snapshot(s3, bucket) == untouched

    report = deploy(site.output, config(), say=quiet, progress=start_the_second_deploy)
    [message] = refused
    assert message.startswith("another deploy (") and "nothing was changed" in message
    assert "\n" not in message
    assert set(stored(s3, bucket)) == set(site.files()) == set(report.uploaded)
    assert LOCK not in stored(s3, bucket, state=True)


def test_a_lock_held_elsewhere_names_its_holder(site, config, s3, bucket):
    site.build()
    hold_lock(s3, bucket)
    with pytest.raises(DeployError, match=r"another deploy \(redaksi on ci-runner\) has been running since "):
        deploy(site.output, config(), say=quiet)
    assert set(stored(s3, bucket)) == set()
    # A dry run only reads.
    deploy(site.output, config(), say=quiet, dry_run=True)


def test_an_old_lock_from_another_machine_is_taken_over(site, config, s3, bucket):
    site.build()
    # Written without a time zone (by hand, or by another tool): read as UTC.
    hold_lock(s3, bucket, taken=(datetime.now(UTC) - timedelta(minutes=45)).replace(tzinfo=None).isoformat())
    deploy(site.output, config(), say=quiet)
    assert set(stored(s3, bucket)) == set(site.files())
    assert LOCK not in stored(s3, bucket, state=True)
    hold_lock(s3, bucket, taken=(datetime.now(UTC) - timedelta(minutes=45)).isoformat())
    with pytest.raises(DeployError, match="a lock older than 60 minutes is taken over"):
        deploy(site.output, config(DEPLOY_LOCK_MINUTES=60), say=quiet)


def test_the_lock_of_a_process_gone_from_this_machine_is_taken_over(site, config, s3, bucket):
    site.build()
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    hold_lock(s3, bucket, host=socket.gethostname(), pid=int(finished.stdout))
    deploy(site.output, config(), say=quiet)
    assert set(stored(s3, bucket)) == set(site.files())


def test_a_failed_deploy_leaves_no_lock(site, config, s3, bucket):
    site.build()
    deploy(site.output, config(), say=quiet)
    for path in (site.output / "berita").rglob("index.html"):
        path.unlink()
    with pytest.raises(DeployError, match="refusing to delete"):
        deploy(site.output, config(), say=quiet, max_deletes=0)
    assert LOCK not in stored(s3, bucket, state=True)
