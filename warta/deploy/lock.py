"""One deploy at a time per bucket: an editor's ``invoke publish`` and the CI's scheduled one
must not interleave their uploads, deletes and manifests.

The lock is a state object, ``.warta-deploy/lock.json``, created with a conditional write
(``If-None-Match: *``), so of two deploys starting together exactly one gets it. It names
its holder (user, machine, process) and when it was taken. A lock is taken over — with a
write conditional on its ETag, so again only one deploy wins — when its holder is a process
of this machine that no longer runs (a deploy killed here), or when it is older than
``DEPLOY_LOCK_MINUTES`` (a deploy killed elsewhere). A deploy removes its own lock when it
ends, whether it succeeded or failed.
"""

from __future__ import annotations

import getpass
import os
import socket
import uuid
from datetime import UTC, datetime, timedelta

from .errors import DeployError
from .store import LOCK, Bucket


def _holder() -> dict:
    return {
        "user": getpass.getuser(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "taken": datetime.now(UTC).isoformat(timespec="seconds"),
        "token": uuid.uuid4().hex,
    }


def _taken_at(held: dict) -> datetime | None:
    try:
        taken = datetime.fromisoformat(held["taken"])
    except (KeyError, TypeError, ValueError):
        return None
    return taken if taken.tzinfo else taken.replace(tzinfo=UTC)


def _process_gone(held: dict) -> bool:
    if held.get("host") != socket.gethostname() or not isinstance(held.get("pid"), int):
        return False
    try:
        os.kill(held["pid"], 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _abandoned(held, minutes: int) -> bool:
    if not isinstance(held, dict):
        return True  # unreadable: no deploy could have written it
    taken = _taken_at(held)
    if taken is None or datetime.now(UTC) - taken > timedelta(minutes=minutes):
        return True
    return _process_gone(held)


class DeployLock:
    """``with DeployLock(bucket, minutes):`` holds the bucket's deploy lock, or raises DeployError."""

    def __init__(self, bucket: Bucket, minutes: int) -> None:
        self._bucket, self._minutes = bucket, minutes
        self._mine = _holder()

    def __enter__(self) -> DeployLock:
        if self._bucket.write_state(LOCK, self._mine, only_if="absent"):
            return self
        held, etag = self._bucket.read_state_version(LOCK)
        if etag is None:
            condition = "absent"  # the other deploy ended in between
        elif _abandoned(held, self._minutes):
            condition = etag
        else:
            raise DeployError(_busy_message(held, self._minutes))
        if self._bucket.write_state(LOCK, self._mine, only_if=condition):
            return self
        raise DeployError(_busy_message(None, self._minutes))

    def __exit__(self, *exc) -> None:
        held, _ = self._bucket.read_state_version(LOCK)
        if isinstance(held, dict) and held.get("token") == self._mine["token"]:
            self._bucket.remove_state(LOCK)


def _busy_message(held, minutes: int) -> str:
    if not isinstance(held, dict):
        return (
            "another deploy took the deploy lock at the same moment — run publish again when it has finished"
        )
    who = f"{held.get('user', '?')} on {held.get('host', '?')}"
    since = _taken_at(held)
    when = f" since {since:%Y-%m-%d %H:%M} UTC" if since else ""
    return (
        f"another deploy ({who}) has been running{when}; nothing was changed — run publish again when it"
        f" has finished (a lock older than {minutes} minutes is taken over)"
    )
