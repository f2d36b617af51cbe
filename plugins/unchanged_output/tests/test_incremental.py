"""Incremental builds: after edits, additions and deletions, ``output/`` is byte for byte a
clean build, and only the files whose bytes changed were rewritten."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.corpus import generate
from warta import ROOT
from warta.build import build
from warta.testing import SETTINGS, as_served, file_tree

OLD = 946_684_800  # 2000-01-01: marks every published file, to see which ones were rewritten


def folders(folder: Path) -> set[str]:
    """The site's folders, but for the search index's: a rebuild's may have an overlay."""
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_dir() and not p.relative_to(folder).as_posix().startswith("pagefind/")
    }


def age(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def rewritten(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.stat().st_mtime != OLD}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("corpus"), 36)


def _build(content: Path, output: Path, **settings):
    # Small pages, so that an addition or deletion shifts articles across listing pages.
    overrides = {"PATH": str(content), "CACHE_PATH": str(content.parent / "cache"), "DEFAULT_PAGINATION": 4}
    result = build(SETTINGS, output, overrides={**overrides, **settings})
    assert result.ok, result.problems
    return result


def _clean_build(content: Path, output: Path):
    """A build from nothing, in one process: no previous output, no cached Markdown."""
    return _build(content, output, WARTA_BUILD_CACHE=False, WARTA_RENDER_PROCESSES=1)


def _article(content: Path, index: int) -> Path:
    return content / "artikel" / f"artikel-{index:06d}.md"


def recategorise(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    category = re.search(r"^Category: (.+)$", text, re.M).group(1)
    edit(path, f"Category: {category}", "Category: Olahraga" if category != "Olahraga" else "Category: Hukum")


def add_copy(path: Path, title: str, date: str) -> None:
    text = re.sub(r"^Title: .+$", f"Title: {title}", path.read_text(encoding="utf-8"), flags=re.M)
    text = re.sub(r"^Date: .+$", f"Date: {date}", text, flags=re.M)
    (path.parent / f"{title.lower().replace(' ', '-')}.md").write_text(text, encoding="utf-8")


STEPS = [
    ("edit a paragraph", lambda c: edit(_article(c, 17), "\n\n", "\n\nParagraf tambahan.\n\n")),
    ("retitle an article", lambda c: edit(_article(c, 20), "Title: ", "Title: Kabar Terbaru: ")),
    ("move an article to another category", lambda c: recategorise(_article(c, 3))),
    ("add an article", lambda c: add_copy(_article(c, 5), "Berita Tambahan Paling Baru", "2030-01-01 08:00")),
    (
        "add an older article",
        lambda c: add_copy(_article(c, 9), "Berita Lama Yang Terlewat", "2021-01-02 09:00"),
    ),
    ("delete an article", lambda c: _article(c, 11).unlink()),
    ("delete the newest article", lambda c: _article(c, 35).unlink()),
    ("add a tag", lambda c: edit(_article(c, 8), "Tags: ", "Tags: Tag Baru Sekali, ")),
    (
        "change an explainer",
        lambda c: edit(sorted((c / "aturan").rglob("*.md"))[0], "Title: ", "Title: Tentang "),
    ),
]


def test_incremental_builds_equal_clean_builds_and_rewrite_only_changes(corpus, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    output = tmp_path / "output"
    _build(content, output)
    for name, step in STEPS:
        before = file_tree(output)
        age(output)
        step(content)
        result = _build(content, output, WARTA_RENDER_PROCESSES=3)
        clean = tmp_path / "clean" / name.replace(" ", "-")
        _clean_build(content, clean)
        after = file_tree(output)
        assert as_served(after) == as_served(file_tree(clean)), (
            f"after '{name}' the incremental build differs from a clean build"
        )
        assert folders(output) == folders(clean), f"after '{name}' empty folders were left behind"
        changed = {path for path, data in after.items() if before.get(path) != data}
        assert changed, f"'{name}' changed nothing"
        assert rewritten(output) == changed, f"after '{name}' unchanged files were rewritten"
        assert result.written == len(changed)
        assert result.removed == len(set(before) - set(after))


def test_the_published_staging_folder_is_removed_in_the_background(corpus, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    _build(content, tmp_path / "output")
    edit(_article(content, 17), "\n\n", "\n\nParagraf tambahan.\n\n")
    _build(content, tmp_path / "output")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "content", "output"]
    removing = tmp_path / "cache" / "removing"
    deadline = time.monotonic() + 30
    while any(removing.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(removing.iterdir()) == []


def test_pelican_command_line_keeps_unchanged_files(corpus, tmp_path):
    """Without warta.build's staging folder, Pelican writes into output/ and the writer
    leaves unchanged pages alone there."""
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    output = tmp_path / "output"

    def pelican() -> None:
        command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(SETTINGS)]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)

    pelican()
    age(output)
    before = file_tree(output)
    edit(_article(content, 30), "\n\n", "\n\nParagraf tambahan.\n\n")
    pelican()
    after = file_tree(output)
    # Pages go through the writer; static files and feeds are written by Pelican and the
    # feeds plugin themselves (warta.build publishes only those whose bytes changed).
    pages = {path for path in after if path.endswith(".html")}
    changed = {path for path in pages if before.get(path) != after[path]}
    assert any("Paragraf tambahan." in after[path].decode() for path in changed)
    assert {path for path in rewritten(output) if path in pages} == changed
    assert len(changed) < len(pages) / 4
    # Resized images carry a hash of their source in their names: a published one is kept.
    variants = {path for path in after if re.search(r"-\d+w\.[0-9a-f]+\.", path)}
    assert variants and not variants & rewritten(output)
    assert not list(output.rglob(".*.*")), "temporary files were left behind"


def tamper(path: Path) -> None:
    """Change a published page without changing its size or modification time, as only
    rendering it again could undo."""
    stat = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"<main", b"<MAIN", 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _page_of(output: Path, content: Path, index: int) -> Path:
    title = re.search(r"^Title: (.+)$", _article(content, index).read_text(encoding="utf-8"), re.M).group(1)
    [page] = [p for p in (output / "berita").glob("*/index.html") if f">{title}</h1>" in p.read_text("utf-8")]
    return page


def test_pages_whose_inputs_are_unchanged_are_not_rendered_again(corpus, tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(corpus, content)
    (content / "halaman").mkdir()
    (content / "halaman" / "redaksi.md").write_text("Title: Redaksi\n\nSusunan redaksi.\n", encoding="utf-8")
    _build(content, output)
    # A page about the newsroom shows no article: an article's edit cannot change it.
    untouched, edited = output / "halaman" / "redaksi" / "index.html", _page_of(output, content, 30)
    tamper(untouched)
    edit(_article(content, 30), "\n\n", "\n\nParagraf tambahan.\n\n")
    _build(content, output)
    assert b"<MAIN" in untouched.read_bytes(), "a page whose inputs did not change was rendered again"
    assert "Paragraf tambahan." in edited.read_text(encoding="utf-8")
    # A published file changed by anything but the build is rendered again.
    os.utime(untouched, (OLD, OLD))
    _build(content, output)
    assert b"<MAIN" not in untouched.read_bytes()


def test_a_template_change_renders_every_page_again(corpus, tmp_path):
    content, output, theme = tmp_path / "content", tmp_path / "output", tmp_path / "theme"
    shutil.copytree(corpus, content)
    shutil.copytree(ROOT / "theme", theme)
    _build(content, output, THEME=str(theme))
    page = _page_of(output, content, 2)
    tamper(page)
    edit(theme / "templates" / "base.html", "</footer>", "</footer><!-- versi 2 -->")
    _build(content, output, THEME=str(theme))
    assert b"<MAIN" not in page.read_bytes() and b"<!-- versi 2 -->" in page.read_bytes()


def test_a_build_failing_while_writing_leaves_the_published_site_untouched(corpus, tmp_path):
    content, output, theme = tmp_path / "content", tmp_path / "output", tmp_path / "theme"
    shutil.copytree(corpus, content)
    shutil.copytree(ROOT / "theme", theme)
    _build(content, output, THEME=str(theme))
    age(output)
    before = file_tree(output)
    edit(_article(content, 12), "\n\n", "\n\nParagraf tambahan.\n\n")
    # Listing pages render fine, the article pages fail: some files are written first.
    edit(theme / "templates" / "article.html", "{% block content %}", "{% block content %}{{ 1 / 0 }}")
    with pytest.raises(ZeroDivisionError):
        _build(content, output, THEME=str(theme))
    assert file_tree(output) == before
    assert not rewritten(output)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == []
