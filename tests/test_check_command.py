"""``invoke check`` as an editor runs it: a report grouped by file, non-zero exit on errors only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from warta import ROOT
from warta.testing import ARTICLE_DEFAULTS, copy_project, front_matter


def _write(root: Path, relative: str, fields: dict, body: str = "Isi berita.") -> None:
    path = root / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{front_matter({**ARTICLE_DEFAULTS, **fields})}\n\n{body}\n", encoding="utf-8")


def _check(root: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", "check", *options],
        cwd=root,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def checkout(tmp_path) -> Path:
    return copy_project(tmp_path / "redaksi")


def test_report_for_broken_content_names_file_and_field(checkout):
    _write(checkout, "artikel/baik.md", {"Title": "Berita Baik"})
    _write(
        checkout,
        "artikel/rusak.md",
        {"Title": "Berita Rusak", "Date": "2024-13-01 10:00", "Tittle": "x", "Summary": "Kata " * 40},
        "Lihat [berita lama]({filename}lama.md) dan ![](/images/foto.jpg).",
    )
    _write(checkout, "artikel/kembar.md", {"Title": "Berita baik", "Slug": "berita-baik-kedua"})
    _write(checkout, "artikel/jadwal.md", {"Title": "Berita Terjadwal", "Date": "2024-12-01 10:00"})
    run = _check(checkout, "--clock", "2024-10-09 12:00")
    assert run.returncode == 1
    assert run.stderr.splitlines()[:-1] == [  # the last line is the time taken
        "content/artikel/jadwal.md",
        "  note     Date: scheduled — published by the first build from Minggu, 1 Desember 2024 10:00 WIB"
        " (this build's clock: Rabu, 9 Oktober 2024 12:00 WIB)",
        "",
        "content/artikel/kembar.md",
        "  warning  Title: 'Berita baik' is also the title of content/artikel/baik.md — give each one its"
        " own headline",
        "",
        "content/artikel/rusak.md",
        "  error    Tittle: unknown field — did you mean 'Title'?",
        "  error    Date: '2024-13-01 10:00' is not a date (month must be in 1..12) — write it as"
        " 2024-10-08 14:30",
        "  error    Body: '{filename}lama.md' points to artikel/lama.md, which does not exist — check the"
        " folder and file name",
        "  error    Body: the image '/images/foto.jpg' has no alt text — write ![what the photo"
        " shows](/images/foto.jpg)",
        "  error    Body: '/images/foto.jpg' is not a page of this site — copy the address from the"
        " preview, or link the file with {filename}",
        "  warning  Summary: 199 characters — search results and link previews show about 160; shorten"
        " it to one or two sentences",
        "",
        "5 errors, 2 warnings, 1 note in 3 files. Fix the errors: the site cannot be built with them.",
    ]
    assert run.stderr.splitlines()[-1].startswith("Checked in ")
    assert not (checkout / "output").exists()


def test_warnings_and_notes_alone_exit_zero(checkout):
    _write(checkout, "artikel/panjang.md", {"Title": "Ringkasan Panjang", "Summary": "Kata " * 40})
    run = _check(checkout)
    assert run.returncode == 0, run.stderr
    assert "All content is valid: 0 errors, 1 warning, 0 notes in 1 file." in run.stderr


def test_sample_site_passes_the_check():
    run = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert " error " not in run.stderr
