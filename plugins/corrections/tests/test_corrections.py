"""Corrections (Ralat) in real builds."""

from __future__ import annotations

import feedparser
import pytest
from bs4 import BeautifulSoup

SLUG_URL = "berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/"


def test_correction_note_at_the_top_and_modified_moves(site):
    site.add_article(
        "ralat",
        "Tiga ASN dipanggil.",
        Modified="2024-10-08 20:00",
        Correction="2024-10-09 10:15 | Sebelumnya tertulis empat ASN; yang benar tiga ASN.",
    )
    assert site.build().ok
    page = site.page(SLUG_URL)
    notice = page.select_one("article > .notice-correction")
    assert notice.h2.get_text() == "Ralat"
    assert notice.p.get_text(" ", strip=True) == (
        "Rabu, 9 Oktober 2024 10:15 WIB : Sebelumnya tertulis empat ASN; yang benar tiga ASN."
    )
    assert notice.time["datetime"] == "2024-10-09T10:15:00+07:00"
    # The note comes before the headline.
    assert page.select_one("article").find_all(["aside", "header"])[0] is notice
    updated = page.select_one(".updated time")
    assert updated["datetime"] == "2024-10-09T10:15:00+07:00"


def test_several_corrections_oldest_first_and_ralat_spelling(site):
    header = (
        "Title: Rekapitulasi Suara\nDate: 2024-10-08 14:30\nCategory: Pilkada\nAuthors: Rina\n"
        "Ralat: 2024-10-10 08:00 | Nama kecamatan diperbaiki.\n"
        "Ralat: 2024-10-09 09:00 | Jumlah suara sah di TPS 3 adalah 214,\n"
        "    bukan 241.\n"
    )
    site.add("artikel/rekap.md", f"{header}\nIsi.\n")
    assert site.build().ok
    notes = [
        p.get_text(" ", strip=True)
        for p in site.page("berita/rekapitulasi-suara/").select(".notice-correction p")
    ]
    assert notes == [
        "Rabu, 9 Oktober 2024 09:00 WIB : Jumlah suara sah di TPS 3 adalah 214, bukan 241.",
        "Kamis, 10 Oktober 2024 08:00 WIB : Nama kecamatan diperbaiki.",
    ]
    updated = site.page("berita/rekapitulasi-suara/").select_one(".updated time")
    assert updated["datetime"] == "2024-10-10T08:00:00+07:00"


def test_correction_text_is_shown_as_text(site):
    site.add_article("ralat", Correction="2024-10-09 10:15 | Judul <script>alert(1)</script> diperbaiki.")
    assert site.build().ok
    notice = site.page(SLUG_URL).select_one(".notice-correction")
    assert notice.select("script") == []
    assert "<script>alert(1)</script>" in notice.get_text()


def test_bad_corrections_are_one_line_each(site):
    site.add_article("tanpa-pemisah", Title="Satu", Correction="2024-10-09 10:15 judul diperbaiki")
    site.add_article("tanggal-salah", Title="Dua", Correction="9 Oktober 2024 | judul diperbaiki")
    site.add_article("sebelum-terbit", Title="Tiga", Correction="2024-10-01 10:00 | judul diperbaiki")
    result = site.build()
    assert not result.ok
    messages = {p.path.rsplit("/", 1)[-1]: f"{p.field}: {p.message}" for p in result.problems}
    assert messages == {
        "tanpa-pemisah.md": "Correction: '2024-10-09 10:15 judul diperbaiki' needs a date and a text"
        " separated by '|' — write it as 2024-10-09 10:15 | Sebelumnya tertulis empat ASN; yang benar"
        " tiga ASN.",
        "tanggal-salah.md": "Correction: '9 Oktober 2024' is not a date — write it as 2024-10-08 14:30"
        " (then '|' and the text)",
        "sebelum-terbit.md": "Correction: 2024-10-01 10:00 is earlier than Date — a correction"
        " cannot come before publication",
    }
    assert not site.output.exists()


def test_correction_updates_the_feed_entry(site):
    site.add_article(
        "ralat",
        "Tiga ASN dipanggil.",
        Correction="2024-10-09 10:15 | Sebelumnya tertulis empat ASN; yang benar tiga ASN.",
    )
    assert site.build(SITEURL="https://warta.example.id").ok
    atom = feedparser.parse((site.output / "feeds/semua.atom.xml").read_bytes())
    entry = atom.entries[0]
    assert entry.published == "2024-10-08T14:30:00+07:00"
    assert entry.updated == "2024-10-09T10:15:00+07:00"
    rss = (site.output / "feeds/semua.rss.xml").read_text(encoding="utf-8")
    assert "<dcterms:modified>2024-10-09T10:15:00+07:00</dcterms:modified>" in rss


@pytest.mark.parametrize("full_content", [True, False])
def test_feed_entries_carry_the_correction_note(site, full_content):
    site.add_article(
        "ralat",
        "Tiga ASN dipanggil.",
        Correction="2024-10-09 10:15 | Sebelumnya tertulis empat ASN & dua PNS; yang benar tiga ASN.",
    )
    assert site.build(SITEURL="https://warta.example.id", FEED_FULL_CONTENT=full_content).ok
    for name in ("semua.atom.xml", "semua.rss.xml"):
        entry = feedparser.parse((site.output / "feeds" / name).read_bytes()).entries[0]
        shown = entry.content[0].value if full_content else entry.summary
        note = BeautifulSoup(shown, "html.parser").blockquote
        assert note.get_text(" ", strip=True) == (
            "Ralat Rabu, 9 Oktober 2024 10:15 WIB: Sebelumnya tertulis empat ASN & dua PNS; yang benar tiga ASN."
        ), name
        assert "Tiga ASN dipanggil." in shown
