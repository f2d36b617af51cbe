"""``invoke publish``: build with the production settings, then deploy that build."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from warta.build import build, load_settings

from .config import DeployConfig
from .errors import DeployError
from .run import DeployReport, Say, deploy, to_stderr


def publish(
    settings_file: str | os.PathLike,
    output: str | os.PathLike,
    *,
    dry_run: bool = False,
    max_deletes: int | None = None,
    confirm: Callable[[int], bool] | None = None,
    environ: Mapping[str, str] = os.environ,
    overrides: dict | None = None,
    say: Say = to_stderr,
) -> DeployReport:
    """Check the deploy settings, build the site, deploy it; a failure is one :class:`DeployError`."""
    try:
        settings = load_settings(settings_file, overrides)
    except SystemExit as stop:  # publishconf.py refuses to load without WARTA_SITEURL
        raise DeployError(str(stop.code)) from None
    config = DeployConfig.from_settings(settings, environ)
    say(f"Building the site with {Path(settings_file).name} …")
    result = build(settings_file, output, overrides=overrides)
    if not result.ok:
        raise DeployError("the build failed: fix the problems above; nothing was deployed")
    say(f"Built {result.files} files; deploying to bucket '{config.bucket}' …")
    return deploy(result.output, config, dry_run=dry_run, max_deletes=max_deletes, confirm=confirm, say=say)
