"""One deploy: compare, upload in order, delete, record, purge — resumable at every step.

The bucket keeps small state objects under ``.warta-deploy/``: ``lock.json`` while a
deploy runs (see ``lock``), and:

- ``manifest.json``: for each file, the MD5, the ETag the store gave it, and the Content-Type
  and Cache-Control it was uploaded with; written after a deploy's uploads and deletes. A
  record counts only while the object still has that ETag, so the listing stays the truth and
  stores whose ETags are not MD5s still get incremental deploys. An object whose MD5 ETag
  matches but has no record (a deploy stopped before writing the manifest) is checked with a
  HEAD request instead of being uploaded again.
- ``pending-purge.json``: the keys to purge, written before the first upload and removed
  after the purge. A stopped deploy, or a failed purge, is purged by the next run.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tqdm import tqdm

from .config import DeployConfig
from .errors import DeployError
from .files import LocalFile, scan
from .lock import DeployLock
from .plan import Plan, RemoteFile, make_plan
from .purge import Purger, purge, purge_urls, purger_for
from .store import MANIFEST, PENDING_PURGE, Bucket, Headers

Progress = Callable[[str, str], None]
_MD5 = re.compile(r"[0-9a-f]{32}")
Say = Callable[[str], None]


@dataclass
class DeployReport:
    plan: Plan
    uploaded: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    purged: list[str] = field(default_factory=list)


def to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def deploy(
    output: Path,
    config: DeployConfig,
    *,
    dry_run: bool = False,
    max_deletes: int | None = None,
    confirm: Callable[[int], bool] | None = None,
    progress: Progress | None = None,
    say: Say = to_stderr,
) -> DeployReport:
    """Make the bucket hold exactly the site in ``output``; raise :class:`DeployError` on failure.

    ``confirm(n)`` is asked before deleting more than ``max_deletes`` files (refused without
    it); ``progress(action, key)`` is called after each upload or delete.
    """
    local = scan(output, config)
    if not local:
        raise DeployError(f"{output} holds no files: build the site first")
    bucket = Bucket(config)
    purger = purger_for(config)
    bucket.check()
    steps = partial(
        _deploy,
        local,
        bucket,
        purger,
        config,
        dry_run=dry_run,
        max_deletes=max_deletes,
        confirm=confirm,
        progress=progress,
        say=say,
    )
    if dry_run:
        return steps()
    with DeployLock(bucket, config.lock_minutes):
        return steps()


def _deploy(
    local: dict[str, LocalFile],
    bucket: Bucket,
    purger: Purger | None,
    config: DeployConfig,
    *,
    dry_run: bool,
    max_deletes: int | None,
    confirm: Callable[[int], bool] | None,
    progress: Progress | None,
    say: Say,
) -> DeployReport:
    manifest = _records(bucket.read_state(MANIFEST))
    etags = bucket.listing()
    remote = _remote_files(bucket, local, manifest, etags, config.workers)
    pending = set(bucket.read_state(PENDING_PURGE) or []) if purger else set()
    plan = make_plan(local, remote, pending)
    if not purger:
        plan.purge = []
    report = DeployReport(plan)
    urls = purge_urls(plan.purge, config.site_url)
    limit = config.max_deletes if max_deletes is None else max_deletes
    if dry_run:
        _describe(plan, urls, purger, limit, say)
        return report
    if len(plan.deletes) > limit and not (confirm and confirm(len(plan.deletes))):
        raise DeployError(
            f"refusing to delete {len(plan.deletes)} files (more than --max-deletes {limit}); nothing was changed"
            " — review them with --dry-run, then confirm with --yes"
        )
    if not plan.changes_bucket and not urls:
        if manifest != _records_of(local, etags):
            bucket.write_state(MANIFEST, {"files": _records_of(local, etags)})
        say(f"Nothing to deploy: the bucket already holds these {plan.unchanged} files.")
        return report
    if purger and plan.changes_bucket and plan.purge:
        bucket.write_state(PENDING_PURGE, plan.purge)
    bar = progress or _ProgressBar(len(plan.uploads) + len(plan.deletes))
    deleting = False
    try:
        for _, files in plan.phases:
            _parallel(bucket.upload, files, config.workers, partial(_uploaded, report.uploaded, etags, bar))
        deleting = True
        if plan.deletes:
            bucket.delete(plan.deletes)
            for key in plan.deletes:
                report.deleted.append(key)
                bar("delete", key)
    except KeyboardInterrupt:
        done = (
            "while deleting files no longer built"
            if deleting
            else f"after {len(report.uploaded)} of {len(plan.uploads)} uploads; nothing was deleted"
        )
        raise DeployError(f"interrupted {done} — run publish again to finish") from None
    finally:
        if isinstance(bar, _ProgressBar):
            bar.close()
    if plan.changes_bucket or manifest != _records_of(local, etags):
        bucket.write_state(MANIFEST, {"files": _records_of(local, etags)})
    say(f"Uploaded {len(report.uploaded)} files, deleted {len(report.deleted)}, {plan.unchanged} unchanged.")
    if purger and urls:
        say(purge(purger, urls, config.purge_all_over) + ".")
        report.purged = urls
        bucket.remove_state(PENDING_PURGE)
    return report


def _records(manifest) -> dict[str, dict]:
    files = manifest.get("files") if isinstance(manifest, dict) else None
    return files if isinstance(files, dict) else {}


def _records_of(local: dict[str, LocalFile], etags: dict[str, str]) -> dict[str, dict]:
    return {
        key: {"md5": f.md5, "etag": etags[key], "type": f.content_type, "cache": f.cache_control}
        for key, f in local.items()
    }


def _remote_files(
    bucket: Bucket,
    local: dict[str, LocalFile],
    manifest: dict[str, dict],
    etags: dict[str, str],
    workers: int,
) -> dict[str, RemoteFile]:
    """What each object holds: from its manifest record when the record is of this very object
    (same ETag), else from the ETag itself when it is an MD5, with headers asked by HEAD."""
    remote = {}
    for key, etag in etags.items():
        record = manifest.get(key)
        if isinstance(record, dict) and record.get("etag") == etag:
            headers = Headers(record.get("type", ""), record.get("cache", ""))
            remote[key] = RemoteFile(str(record.get("md5", "")), headers)
        else:
            # Stores give an MD5 as ETag for a simple upload; anything else (multipart,
            # KMS encryption) says nothing about the content, and the file is sent again.
            remote[key] = RemoteFile(etag if _MD5.fullmatch(etag) else "")
    unknown = [
        key for key, r in remote.items() if r.headers is None and key in local and local[key].md5 == r.md5
    ]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for key, headers in zip(unknown, pool.map(bucket.headers, unknown), strict=True):
            remote[key] = RemoteFile(remote[key].md5, headers)
    return remote


def _parallel(work, items: list, workers: int, done) -> None:
    """Run ``work`` on every item, at most ``workers`` at once, and ``done(item, result)`` in
    this thread as each finishes; stop at the first failure."""
    if not items:
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(work, item): item for item in items}
        try:
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in finished:
                    done(futures[future], future.result())
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _uploaded(log: list[str], etags: dict[str, str], progress: Progress, file: LocalFile, etag: str) -> None:
    log.append(file.key)
    etags[file.key] = etag
    progress("upload", file.key)


class _ProgressBar:
    """A progress bar on a terminal; silent in CI logs."""

    def __init__(self, total: int) -> None:
        self._bar = tqdm(total=total, unit="file", file=sys.stderr, disable=not sys.stderr.isatty())

    def __call__(self, action: str, key: str) -> None:
        self._bar.update(1)

    def close(self) -> None:
        self._bar.close()


def _describe(plan: Plan, urls: list[str], purger: Purger | None, limit: int, say: Say) -> None:
    say(f"Dry run — nothing is uploaded, deleted or purged. {plan.unchanged} files are unchanged.")
    say(f"Upload {len(plan.uploads)} files:")
    for phase, files in plan.phases:
        for file in files:
            status = "new" if file.key in plan.new else "changed"
            say(f"  [{phase}] {file.key} ({status}; {file.content_type}; {file.cache_control})")
    guard = f" — more than --max-deletes {limit}: a real run needs --yes" if len(plan.deletes) > limit else ""
    say(f"Delete {len(plan.deletes)} files{guard}:")
    for key in plan.deletes:
        say(f"  {key}")
    if purger is None:
        say("Purge: no CDN configured.")
        return
    say(f"Purge {len(urls)} URLs on {purger.name}:")
    for url in urls:
        say(f"  {url}")
