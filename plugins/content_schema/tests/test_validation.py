"""Every kind of bad input gives one clear line naming file and field, and writes nothing."""

import pickle
import subprocess
import sys

import pytest

from warta.testing import SETTINGS
from warta_common.schema import SOURCE_INFO_KEY


def snapshot(folder):
    return {
        p.relative_to(folder): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def messages(result):
    return [str(p) for p in result.problems]


BAD_CASES = [
    (
        {"Date": "2024-13-01 10:00"},
        "Date: '2024-13-01 10:00' is not a date (month must be in 1..12) — write it as 2024-10-08 14:30",
    ),
    ({"Date": "2024-10-08"}, "Date: '2024-10-08' has no time — write it as 2024-10-08 14:30"),
    ({"Date": None}, "Date: missing — add a line 'Date: 2024-10-08 14:30' at the top"),
    ({"Modified": "kemarin"}, "Modified: 'kemarin' is not a date"),
    ({"Category": "Pilkadda"}, "Category: 'Pilkadda' is not allowed — did you mean 'Pilkada'?"),
    ({"Category": "Budaya"}, "Category: 'Budaya' is not allowed. Use one of: Pilkada, Pemerintahan, Hukum"),
    ({"Category": None}, "Category: missing"),
    ({"Authors": None}, "Authors: missing"),
    ({"Title": None}, "Title: missing — add a line 'Title: "),
    ({"Tittle": "Salah ketik"}, "Tittle: unknown field — did you mean 'Title'?"),
    ({"Wilayah": "Mukomuko"}, "Wilayah: unknown field — did you mean 'Region'?"),
    ({"Pewarta": "Rina"}, "Pewarta: unknown field — did you mean 'Authors'?"),
    ({"Catatan": "x"}, "Catatan: unknown field"),
    ({"Status": "draf"}, "Status: 'draf' is not allowed — did you mean 'draft'?"),
    ({"Slug": "Judul Berita"}, "Slug: 'Judul Berita' is not a slug"),
    (
        {"Image": "images/tidak-ada.jpg", "ImageCaption": "Foto"},
        "Image: 'images/tidak-ada.jpg' does not exist",
    ),
    ({"Image": "images/foto.jpg"}, "ImageCaption: the image has no caption or alt text"),
    ({"Modified": "2024-10-01 10:00"}, "Modified: is earlier than Date"),
]


@pytest.mark.parametrize(("fields", "expected"), BAD_CASES)
def test_bad_field_is_reported_and_nothing_is_written(site, fields, expected):
    site.add_image()
    site.add_article("baik", Title="Artikel yang Baik")
    assert site.build().ok
    before = snapshot(site.output)

    site.add_article("salah", **fields)
    result = site.build()

    assert not result.ok
    assert f"content/artikel/salah.md: {expected}" in "\n".join(
        m.replace(str(site.root) + "/", "") for m in messages(result)
    )
    assert snapshot(site.output) == before


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"Title: Caf\xe9 politik\nDate: 2024-10-08 10:00\n\nIsi.",
            "is not UTF-8 text (byte 0xe9 at position 10)",
        ),
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"Isi berita tanpa kepala sama sekali.\n", "Title: missing"),
    ],
)
def test_unreadable_files_are_problems_not_crashes(site, raw, expected):
    site.add("artikel/rusak.md", raw)
    result = site.build()
    assert not result.ok
    assert any("artikel/rusak.md" in m and expected in m for m in messages(result)), messages(result)
    assert not site.output.exists()


def test_all_problems_of_the_site_in_one_run(site):
    site.add_article("satu", Date="2024-13-01 10:00")
    site.add_article("dua", Title="Dua", Category="Sport")
    site.add_article("tiga", Title="Tiga", Tittle="x")
    result = site.build()
    paths = {p.path.rsplit("/", 1)[-1] for p in result.problems}
    assert paths == {"satu.md", "dua.md", "tiga.md"}


def test_slugs_must_be_unique_across_articles_and_pages(site):
    site.add_article("a", Title="Rapat Koordinasi")
    site.add_article("b", Title="Rapat Koordinasi", Date="2024-10-09 09:00")
    site.add("halaman/tentang.md", "Title: Tentang\nSlug: rapat-koordinasi\n\nIsi.")
    result = site.build()
    slug_lines = [m for m in messages(result) if "Slug: 'rapat-koordinasi' is already used by" in m]
    assert len(slug_lines) == 2


def test_an_explainer_titled_like_an_article_is_no_clash(site):
    site.add_article("a", Title="Larangan Melibatkan ASN")
    site.add(
        "aturan/pasal-280.md",
        "Title: Larangan Melibatkan ASN\nRegulation: UU 7/2017\nRegulationTitle: Undang-Undang Pemilu\n"
        "Article: Pasal 280\nSource: https://peraturan.go.id/uu-7-2017\nDate: 2024-09-01 10:00\n\nIsi.\n",
    )
    result = site.build()
    assert result.ok, messages(result)
    assert site.page("berita/larangan-melibatkan-asn/").h1.get_text() == "Larangan Melibatkan ASN"
    assert site.page("aturan/uu-7-2017/pasal-280/").h1.get_text() == "Larangan Melibatkan ASN"


def test_explainer_requires_regulation_source_and_well_formed_article(site):
    site.add(
        "aturan/pasal.md",
        "Title: Larangan\nRegulationTitle: UU tentang Pemilu\nArticle: psl 280\nParagraph: (2)\n"
        "Source: peraturan.go.id\nDate: 2024-09-20\n\nIsi.",
    )
    found = "\n".join(messages(site.build()))
    assert "aturan/pasal.md: Regulation: missing" in found
    assert "Article: 'psl 280' is not an article number — write it as Pasal 280" in found
    assert "Paragraph: '(2)' is not a paragraph number — write it as ayat (2)" in found
    assert "Source: 'peraturan.go.id' is not a web address" in found


def test_empty_optional_fields_count_as_absent(site):
    site.add_article("kosong", Tags="", Region="", Image="", ImageCaption="", Editor="")
    assert site.build().ok


def test_alt_text_alone_is_enough_for_an_image(site):
    site.add_image()
    site.add_article("alt", Image="images/foto.jpg", ImageAlt="Kotak suara di meja TPS")
    assert site.build().ok


def test_problems_are_found_again_from_pelicans_content_cache(site, tmp_path):
    site.add_article("salah", Category="Pilkadda")
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    assert not site.build(**cache).ok
    second = site.build(**cache)
    assert not second.ok
    assert any("Category: 'Pilkadda'" in m for m in messages(second))


def test_kept_objects_do_not_carry_the_front_matter_as_written(site):
    site.add_article("satu", Region="Kota Bengkulu")
    assert site.build().ok
    kept = pickle.loads((site.root.with_name(f"{site.root.name}-cache") / "ArticlesGenerator").read_bytes())
    articles = [article for _, article in kept.values()]
    assert [article.region for article in articles] == ["Kota Bengkulu"]
    assert all(SOURCE_INFO_KEY not in vars(a) and SOURCE_INFO_KEY not in a.metadata for a in articles)


def test_pelican_command_line_reports_without_traceback(site):
    site.add_article("salah", Date="2024-13-01 10:00")
    run = subprocess.run(
        [sys.executable, "-m", "pelican", str(site.content), "-o", str(site.output), "-s", str(SETTINGS)],
        capture_output=True,
        text=True,
        cwd=site.root,
    )
    assert run.returncode == 1
    assert "content/artikel/salah.md: Date: '2024-13-01 10:00' is not a date" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert not site.output.exists()


def test_check_validates_without_writing(site):
    site.add_article("baik")
    result = site.check()
    assert result.ok
    assert not site.output.exists()
    site.add_article("salah", Title="Salah", Category="Pilkadda")
    assert not site.check().ok
