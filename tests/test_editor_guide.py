"""The editors' guide explains the messages the code really prints."""

from __future__ import annotations

import re

from warta import ROOT
from warta.testing import front_matter

GUIDE = (ROOT / "docs/panduan-editor.md").read_text(encoding="utf-8")


def _explainer(site, name: str, body: str = "Isi.", **fields: str) -> None:
    defaults = {
        "Regulation": "UU 7/2017",
        "RegulationTitle": "UU Pemilu",
        "Article": "Pasal 280",
        "Source": "https://peraturan.go.id/x",
        "Date": "2024-09-20",
    }
    site.add(f"aturan/{name}.md", f"{front_matter({**defaults, **fields})}\n\n{body}\n")


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
        "[a]({filename}hilang.md) [b]({filenme}x.md) [c](/berita/hilang/) ![]({static}/images/foto.jpg)"
        " [f](foto.jpg)",
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
    _explainer(
        site,
        "satu",
        "## Bunyi aturan\n\n> Teks.\n\n## Bunyi Aturan\n\nLagi.\n\n## Latar\n\nX.\n\n"
        "## Tanya jawab\n\nTeks lepas.\n\n### Pertanyaan?\n",
        Title="Larangan Satu",
        Article="Pasal 281",
        Status="diubah",
        Aliases="UU Pemilu",
    )
    _explainer(site, "dua", Title="Larangan Dua", RegulationTitle="UU Pemilihan Umum")
    _explainer(site, "tiga", Title="Larangan Tiga", Article="Pasal 282")
    _explainer(site, "enam", Title="Larangan Enam")
    _explainer(site, "empat", Title="Larangan Empat", Regulation="Undang 7")
    _explainer(
        site, "lima", Title="Larangan Lima", Regulation="UU 10/2016", Article="Pasal 71", Aliases="UU Pemilu"
    )
    site.add_article(
        "aturan-salah",
        "Menurut Pasal 187A UU 10/2016, itu dilarang.",
        Title="Empat Belas",
        Rules="uu-7-2017-pasal-999, bukan kode",
    )


def _explained_messages() -> list[re.Pattern]:
    """The guide's message tables: the first code span of each row, ``…`` standing for
    whatever the editor wrote."""
    tables = GUIDE.split("## Pesan kesalahan", 1)[1]
    patterns = []
    for row in re.findall(r"^\| `([^`]+)`", tables, flags=re.MULTILINE):
        row = re.sub(r"^(warning|note): … ", "", row.replace("\\|", "|"))
        patterns.append(re.compile(".*?".join(re.escape(part) for part in row.split("…"))))
    return patterns


def test_every_message_of_a_broken_site_is_explained(site):
    _broken_site(site)
    result = site.check()
    assert not result.ok
    explained = _explained_messages()
    printed = {problem.detail.replace(f"{site.root}/", "") for problem in result.problems}
    assert len(printed) >= 40
    unexplained = [m for m in sorted(printed) if not any(p.fullmatch(m) for p in explained)]
    assert unexplained == []
