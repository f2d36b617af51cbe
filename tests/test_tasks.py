"""The invoke commands an editor runs, end to end, in a copy of the project."""

import shutil
import subprocess
import sys

import pytest

from warta import ROOT

COPIED = [
    "content",
    "plugins",
    "theme",
    "warta",
    "tasks.py",
    "pelicanconf.py",
    "publishconf.py",
    "pyproject.toml",
]


@pytest.fixture
def project(tmp_path):
    target = tmp_path / "project"
    target.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "tests"))
        else:
            shutil.copy2(source, target / name)
    return target


def invoke(project, *args):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=project, capture_output=True, text=True, timeout=120
    )


def test_build_then_a_content_mistake_leaves_output_untouched(project):
    built = invoke(project, "build")
    assert built.returncode == 0, built.stderr
    assert "Built" in built.stderr and "Done: Processed" not in built.stdout
    index = project / "output/index.html"
    before = index.read_bytes(), index.stat().st_mtime_ns

    article = next((project / "content/artikel").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("Category: ", "Category: X", 1).replace("Date: ", "Tanggal: ", 1), encoding="utf-8"
    )
    failed = invoke(project, "build")

    assert failed.returncode == 1
    lines = failed.stderr.splitlines()
    assert f"content/artikel/{article.name}: Tanggal: unknown field — did you mean 'Date'?" in lines
    assert (
        f"content/artikel/{article.name}: Date: missing — add a line 'Date: 2024-10-08 14:30' at the top"
        in lines
    )
    assert any(line.startswith(f"content/artikel/{article.name}: Category: 'X") for line in lines)
    assert "Traceback" not in failed.stdout + failed.stderr
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".output")) == []


def test_new_article_then_check(project):
    created = invoke(
        project, "new", "--title", "Bawaslu Awasi Distribusi Logistik Pilkada", "--category", "Pilkada"
    )
    assert created.returncode == 0, created.stderr
    assert (project / "content/artikel/bawaslu-awasi-distribusi-logistik-pilkada.md").is_file()
    checked = invoke(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert "All content is valid" in checked.stderr
    assert not (project / "output").exists()

    refused = invoke(project, "new", "--title", "Judul", "--category", "Sport")
    assert refused.returncode == 1
    assert "category 'Sport' is not one of" in refused.stderr


def test_pelican_command_line_builds_the_same_site_as_invoke(project):
    assert invoke(project, "build").returncode == 0
    run = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "cli-output", "-s", "pelicanconf.py"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr

    def files(folder):
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    assert files(project / "cli-output") == files(project / "output")
