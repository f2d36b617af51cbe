"""The editorial checks on a set of broken content files, through the real check."""

from __future__ import annotations

import pytest


def _by_file(result) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in result.problems:
        name = problem.path.split("/content/", 1)[-1]
        found.setdefault(name, []).append(f"{problem.severity} {problem.field}: {problem.message}")
    return found


@pytest.fixture
def broken(site):
    site.add_image("images/foto.jpg")
    site.add_article("target", Title="Berita Tujuan", Date="2024-10-07 10:00")
    site.add_article(
        "links",
        "Lihat [berita]({filename}target.md), [foto]({static}/images/foto.jpg),\n"
        "[kategori](/kategori/pilkada/), [tujuan](/berita/berita-tujuan), [cari](/cari/).\n\n"
        "Rusak: [hilang]({filename}tidak-ada.md), [salah ketik]({filenme}target.md),\n"
        "[alamat](/berita/tidak-ada/), [gambar](/images/tidak-ada.jpg).\n\n"
        "![Petugas Bawaslu di posko]({static}/images/foto.jpg)\n\n![]({static}/images/foto.jpg)\n\n"
        "Relatif: ![Foto posko](../images/foto.jpg), [berita](target.md), [bagian](#isi).\n",
        Title="Berita Dengan Tautan",
    )
    site.add_article("kembar-1", Title="Judul Kembar", Slug="judul-kembar-satu")
    site.add_article("kembar-2", Title="Judul  kembar", Slug="judul-kembar-dua")
    site.add_article("ringkasan", Title="Ringkasan Panjang", Summary="Kata " * 40)
    site.add_article(
        "ke-draf",
        "Baca [lanjutan]({filename}draf.md) dan [jadwal](/berita/berita-terjadwal/).",
        Title="Berita Menautkan Draf",
    )
    site.add_article("draf", Title="Berita Draf", Status="draft")
    site.add_article("terjadwal", Title="Berita Terjadwal", Date="2024-12-01 10:00")
    return site


def test_check_reports_every_editorial_problem_by_file(broken):
    result = broken.check(WARTA_BUILD_TIME="2024-10-09 12:00")
    assert not result.ok
    assert _by_file(result) == {
        "artikel/kembar-2.md": [
            "warning Title: 'Judul  kembar' is also the title of "
            f"{broken.content}/artikel/kembar-1.md — give each one its own headline"
        ],
        "artikel/ke-draf.md": [
            "warning Body: '{filename}draf.md' links to artikel/draf.md, which is not published yet —"
            " until it is, the published site shows the link text without the link",
            "warning Body: '/berita/berita-terjadwal/' is the address of artikel/terjadwal.md, which is"
            " not published yet — the link is broken until it is",
        ],
        "artikel/links.md": [
            "error Body: '{filename}tidak-ada.md' points to artikel/tidak-ada.md, which does not exist"
            " — check the folder and file name",
            "error Body: '{filenme}target.md': {filenme} is not a kind of link — write {filename} for"
            " articles and pages, {static} for images",
            "error Body: '/berita/tidak-ada/' is not a page of this site — copy the address from the"
            " preview, or link the file with {filename}",
            "error Body: '/images/tidak-ada.jpg' is not a page of this site — copy the address from the"
            " preview, or link the file with {filename}",
            "error Body: the image '{static}/images/foto.jpg' has no alt text — write ![what the photo"
            " shows]({static}/images/foto.jpg)",
            "error Body: '../images/foto.jpg' is a relative address, which does not work from the"
            " page's own address — write {static}/images/foto.jpg",
            "error Body: 'target.md' is a relative address, which does not work from the page's own"
            " address — write {filename}target.md",
        ],
        "artikel/ringkasan.md": [
            "warning Summary: 199 characters — search results and link previews show about 160;"
            " shorten it to one or two sentences",
        ],
        "artikel/terjadwal.md": [
            "note Date: scheduled — published by the first build from Minggu, 1 Desember 2024 10:00 WIB"
            " (this build's clock: Rabu, 9 Oktober 2024 12:00 WIB)"
        ],
    }


def test_duplicate_title_names_the_other_file_as_related(broken):
    result = broken.check(WARTA_BUILD_TIME="2024-10-09 12:00")
    duplicate = next(p for p in result.problems if p.field == "Title")
    assert duplicate.related == (str(broken.content / "artikel/kembar-1.md"),)


def test_warnings_alone_do_not_fail_a_build(site):
    site.add_article("ringkasan", Summary="Kata " * 40)
    result = site.build()
    assert result.ok
    assert (site.output / "index.html").is_file()


def test_summary_limit_is_a_setting(site):
    site.add_article("ringkasan", Summary="Ringkasan pendek sekali.")
    result = site.check(WARTA_SUMMARY_MAX_CHARS=10)
    assert [p.message.split(" —")[0] for p in result.problems] == ["24 characters"]
