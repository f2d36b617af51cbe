"""The editors' guide explains the messages the code really prints."""

from __future__ import annotations

import re

from warta import ROOT

GUIDE = (ROOT / "docs/panduan-editor.md").read_text(encoding="utf-8")


def _broken_site(site) -> None:
    site.add_image("images/foto.jpg")
    site.add_article("tanggal", Title="Satu", Date="2024-13-01 10:00", Tittle="x", Category="Pilkadda")
    site.add_article("tanpa-jam", Title="Dua", Date="2024-10-08", Slug="Dua Kata")
    site.add_article("gambar", Title="Tiga", Image="images/tidak-ada.jpg")
    site.add_article("tanpa-keterangan", Title="Empat", Image="images/foto.jpg")
    site.add_article("diperbarui", Title="Lima", Modified="2024-10-01 10:00")
    site.add_article("ralat", Title="Enam", Correction="2024-10-09 10:15 tanpa garis")
    site.add_article("ralat-tanggal", Title="Tujuh", Correction="kemarin | teks")
    site.add_article("ralat-awal", Title="Delapan", Correction="2024-10-01 10:00 | teks")
    site.add_article(
        "tautan",
        "[a]({filename}hilang.md) [b]({filenme}x.md) [c](/berita/hilang/) ![]({static}/images/foto.jpg)",
        Title="Sembilan",
        Summary="Kata " * 40,
    )
    site.add_article("kembar", Title="Sembilan", Slug="sembilan-lagi")
    site.add_article("slug", Title="Sepuluh", Slug="sembilan")
    site.add_article("draf", Title="Sebelas", Status="draft")
    site.add_article("ke-draf", "[d]({filename}draf.md) [e](/berita/sebelas/)", Title="Dua Belas")
    site.add_article("jadwal", Title="Tiga Belas", Date="2030-01-01 10:00")
    site.add("artikel/kosong.md", "")
    site.add("artikel/latin1.md", "Title: Caf\xe9\n".encode("latin-1"))
    site.add(
        "aturan/aturan.md",
        "Title: Aturan\nRegulation: UU 7/2017\nRegulationTitle: UU Pemilu\nArticle: pasal 280\n"
        "Paragraph: (2)\nSource: peraturan.go.id\nDate: 2024-09-20\n\nIsi.\n",
    )
    site.add("aturan/kurang.md", "Title: Aturan Kurang\nSource: https://peraturan.go.id/x\n\nIsi.\n")


def _explained_messages() -> list[re.Pattern]:
    """The guide's message tables: the first code span of each row, ``…`` standing for
    whatever the editor wrote."""
    tables = GUIDE.split("## Pesan kesalahan", 1)[1]
    patterns = []
    for row in re.findall(r"^\| `([^`]+)`", tables, flags=re.MULTILINE):
        row = re.sub(r"^(warning|note): … ", "", row.replace("\\|", "|"))
        patterns.append(re.compile(".+?".join(re.escape(part) for part in row.split("…"))))
    return patterns


def test_every_message_of_a_broken_site_is_explained(site):
    _broken_site(site)
    result = site.check()
    assert not result.ok
    explained = _explained_messages()
    printed = {problem.detail.replace(f"{site.root}/", "") for problem in result.problems}
    assert len(printed) >= 25
    unexplained = [m for m in sorted(printed) if not any(p.fullmatch(m) for p in explained)]
    assert unexplained == []
