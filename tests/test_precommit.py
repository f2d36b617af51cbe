"""The pre-commit hook, run by the real pre-commit in a throwaway git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from warta.testing import ARTICLE_DEFAULTS, copy_project, front_matter


def _article(title: str, **fields: str) -> str:
    return f"{front_matter({**ARTICLE_DEFAULTS, 'Title': title, **fields})}\n\nIsi berita.\n"


@pytest.fixture
def repo(tmp_path) -> Path:
    root = copy_project(tmp_path / "redaksi")
    articles = root / "content/artikel"
    articles.mkdir(parents=True)
    (articles / "satu.md").write_text(_article("Berita Satu"), encoding="utf-8")
    (articles / "dua.md").write_text(_article("Berita Dua"), encoding="utf-8")
    (articles / "rusak.md").write_text(_article("Berita Rusak", Category="Pilkadda"), encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    return root


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True)


def _pre_commit(root: Path, *files: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home")}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", *files],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_clean_file_passes_and_old_errors_elsewhere_are_only_counted(repo):
    run = _pre_commit(repo, "content/artikel/satu.md")
    assert run.returncode == 0, run.stdout
    assert "1 other error(s) in 1 file(s) not in this commit" in run.stdout
    assert "Pilkadda" not in run.stdout


def test_error_in_a_committed_file_fails_with_the_report(repo):
    run = _pre_commit(repo, "content/artikel/rusak.md")
    assert run.returncode == 1
    assert "content/artikel/rusak.md\n  error    Category: 'Pilkadda' is not allowed" in run.stdout


def test_clash_with_an_unchanged_file_fails_the_commit(repo):
    # satu.md takes the title of dua.md. The clash is reported on satu.md, the later of the
    # two in order, and names dua.md; committing dua.md alone must fail too.
    (repo / "content/artikel/satu.md").write_text(_article("Berita Dua"), encoding="utf-8")
    _git(repo, "add", "-A")
    run = _pre_commit(repo, "content/artikel/satu.md")
    assert run.returncode == 1
    assert "'berita-dua' is already used by content/artikel/dua.md" in run.stdout
    assert "is also the title of content/artikel/dua.md" in run.stdout
    assert _pre_commit(repo, "content/artikel/dua.md").returncode == 1


def test_warnings_of_a_committed_file_are_shown_without_failing(repo):
    (repo / "content/artikel/satu.md").write_text(_article("Berita Satu", Summary="Kata " * 40))
    _git(repo, "add", "-A")
    run = _pre_commit(repo, "content/artikel/satu.md")
    assert run.returncode == 0
    assert "warning  Summary: 199 characters" in run.stdout
