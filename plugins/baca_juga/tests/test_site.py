"""baca_juga in real builds: URLs, where boxes may and may not appear, overrides, drafts, settings."""

from __future__ import annotations

import filecmp
import pickle
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from warta.testing import SiteUnderTest

KORPUS = Path(__file__).parent / "fixtures" / "korpus"
SITEURL = "https://warta.example"
STORY = "surat-suara-rusak-gudang-kpu-seluma"


def korpus_site(root: Path) -> SiteUnderTest:
    site = SiteUnderTest(root)
    shutil.copytree(KORPUS, site.content / "artikel")
    return site


def body(path: Path) -> str:
    """A fixture article's text without its header."""
    return path.read_text(encoding="utf-8").partition("\n\n")[2]


def pages(output: Path):
    for path in sorted(output.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = korpus_site(tmp_path_factory.mktemp("site"))
    result = site.build(SITEURL=SITEURL)
    assert result.ok, [str(p) for p in result.problems]
    return site.output


def test_inline_links_are_site_urls_of_published_articles(built):
    boxes = [box for path, page in pages(built) for box in page.select("aside.baca-juga")]
    assert boxes
    for box in boxes:
        href = box.a["href"]
        assert href.startswith(f"{SITEURL}/berita/") and href.endswith("/")
        assert (built / href.removeprefix(f"{SITEURL}/") / "index.html").is_file()
        assert box["aria-label"] == "Baca juga" and box.span.get_text() == "Baca juga:"


def test_boxes_only_in_article_bodies_never_in_listings_home_or_descriptions(built):
    for path, page in pages(built):
        boxes = page.select("aside.baca-juga")
        if path.parent.parent.name != "berita":
            assert not boxes, path
        assert all(box.find_parent("div", class_="article-body") for box in boxes)
        description = page.find("meta", attrs={"name": "description"})
        assert "Baca juga" not in (description["content"] if description else "")


def test_never_self_never_twice_and_the_list_excludes_inline_links(built):
    for path, page in pages(built):
        if path.parent.parent.name != "berita":
            continue
        own = f"{SITEURL}/berita/{path.parent.name}/"
        inline = [a["href"] for a in page.select("aside.baca-juga a")]
        listed = [a["href"] for a in page.select("section.related li a")]
        assert own not in inline + listed
        assert len(set(inline + listed)) == len(inline + listed), path


def test_two_builds_are_byte_identical(built, tmp_path):
    site = korpus_site(tmp_path / "again")
    assert site.build(SITEURL=SITEURL).ok
    comparison = filecmp.dircmp(built, site.output)
    differing = []

    def walk(node):
        differing.extend(node.diff_files + node.left_only + node.right_only)
        for child in node.subdirs.values():
            walk(child)

    walk(comparison)
    assert not differing


def test_related_list_shows_title_date_and_thumbnail(site):
    shutil.copytree(KORPUS, site.content / "artikel")
    site.add_image("images/gudang.jpg")
    source = site.content / "artikel" / "kpu-seluma-ajukan-surat-suara-pengganti.md"
    text = source.read_text(encoding="utf-8").replace(
        "Authors: Dewi Lestari", "Authors: Dewi Lestari\nImage: images/gudang.jpg\nImageCaption: Gudang KPU."
    )
    source.write_text(text, encoding="utf-8")
    assert site.build(BACA_JUGA_INLINE_COUNT=0).ok
    page = site.page(f"berita/{STORY}/")
    assert not page.select("aside.baca-juga")
    item = next(li for li in page.select("section.related li") if "Cetak Ulang" in li.a.get_text())
    assert item.img["src"] == "/images/gudang.jpg" and item.img["width"]
    assert item.time["datetime"].startswith("2024-11-04")
    assert page.select_one("section.related h2").get_text() == "Berita terkait"


def test_labels_are_settings(site):
    shutil.copytree(KORPUS, site.content / "artikel")
    assert site.build(BACA_JUGA_LABEL="Lihat juga", BACA_JUGA_RELATED_LABEL="Berita lainnya").ok
    page = site.page(f"berita/{STORY}/")
    box = page.select_one("aside.baca-juga")
    assert box["aria-label"] == "Lihat juga" and box.span.get_text() == "Lihat juga:"
    assert page.select_one("section.related h2").get_text() == "Berita lainnya"


def test_manual_related_comes_first(site):
    shutil.copytree(KORPUS, site.content / "artikel")
    source = site.content / "artikel" / f"{STORY}.md"
    text = source.read_text(encoding="utf-8").replace(
        "Authors: Dewi Lestari",
        "Authors: Dewi Lestari\nRelated: kebakaran-pasar-manna, kpu-seluma-ajukan-surat-suara-pengganti",
    )
    source.write_text(text, encoding="utf-8")
    assert site.build().ok
    links = [
        a["href"] for a in site.page(f"berita/{STORY}/").select("aside.baca-juga a, section.related li a")
    ]
    assert links[:2] == ["/berita/kebakaran-pasar-manna/", "/berita/kpu-seluma-ajukan-surat-suara-pengganti/"]
    assert len(links) == len(set(links))


def test_unknown_or_own_related_slug_is_an_error_naming_the_file(site):
    site.add_article(
        "a", body(KORPUS / f"{STORY}.md"), Title="Berita A", Related="kebakaran-pasar-mana, berita-a"
    )
    site.add_article(
        "b",
        body(KORPUS / "kebakaran-pasar-manna.md"),
        Title="Kebakaran Pasar Manna",
        Slug="kebakaran-pasar-manna",
    )
    result = site.build()
    assert not result.ok
    messages = [str(p) for p in result.problems]
    assert any(
        m.endswith(
            "artikel/a.md: Related: 'kebakaran-pasar-mana' is not the slug of any article — did you mean"
            " 'kebakaran-pasar-manna'? (the slug is the last part of an article's address: /berita/<slug>/)"
        )
        for m in messages
    ), messages
    assert any(
        m.endswith("artikel/a.md: Related: 'berita-a' is this article itself — remove it") for m in messages
    )
    assert not site.output.exists()


def test_drafts_are_never_linked_but_editors_preview_their_links(site):
    shutil.copytree(KORPUS, site.content / "artikel")
    draft = (KORPUS / "kpu-seluma-ajukan-surat-suara-pengganti.md").read_text(encoding="utf-8")
    draft = draft.replace(
        "Slug: kpu-seluma-ajukan-surat-suara-pengganti", "Slug: draf-surat-suara\nStatus: draft"
    )
    site.add("artikel/draf-surat-suara.md", draft)
    assert site.build().ok
    for path, page in pages(site.output):
        assert not page.select(
            'aside.baca-juga a[href*="draf-surat-suara"], section.related a[href*="draf"]'
        ), path
    preview = site.page("draf/draf-surat-suara/")
    assert [a["href"] for a in preview.select("aside.baca-juga a")]


def test_automatic_summary_is_taken_before_boxes_and_shown_nowhere_as_a_lede(site):
    shutil.copytree(KORPUS, site.content / "artikel")
    # Without a length limit, Pelican's automatic summary would be the whole body.
    assert site.build(SUMMARY_MAX_LENGTH=None).ok
    page = site.page(f"berita/{STORY}/")
    assert page.select("aside.baca-juga")
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert "Bawaslu Seluma" in description and "Baca juga" not in description
    assert not page.select(".lede")
    assert not site.page("").select(".summary")


def test_an_article_without_good_matches_gets_no_links(site):
    site.add_article(
        "voli",
        body(KORPUS / "turnamen-voli-antardesa-kepahiang.md"),
        Title="Voli Antardesa",
        Category="Olahraga",
    )
    site.add_article(
        "banjir", body(KORPUS / "banjir-mukomuko-rendam-sawah.md"), Title="Banjir Sawah", Category="Peristiwa"
    )
    assert site.build().ok
    page = site.page("berita/voli-antardesa/")
    assert not page.select("aside.baca-juga") and not page.select("section.related")


def test_links_follow_relative_urls(site):
    shutil.copytree(KORPUS, site.content / "artikel")
    assert site.build(RELATIVE_URLS=True).ok
    page = site.output / "berita" / STORY / "index.html"
    box = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("aside.baca-juga a")
    assert box["href"].startswith("../../berita/")
    assert (page.parent / box["href"] / "index.html").resolve().is_file()


def test_articles_scheduled_for_later_are_never_linked(site):
    shutil.copytree(KORPUS, site.content / "artikel")
    later = (KORPUS / "kpu-seluma-ajukan-surat-suara-pengganti.md").read_text(encoding="utf-8")
    later = later.replace("Slug: kpu-seluma-ajukan-surat-suara-pengganti", "Slug: terjadwal").replace(
        "Date: 2024-11-04 14:15", "Date: 2099-01-01 08:00"
    )
    site.add("artikel/terjadwal.md", later)
    assert site.build(WITH_FUTURE_DATES=False).ok
    for path, page in pages(site.output):
        assert not page.select(
            'aside.baca-juga a[href*="terjadwal"], section.related a[href*="terjadwal"]'
        ), path


def test_no_links_at_all_when_both_counts_are_zero(site):
    shutil.copytree(KORPUS, site.content / "artikel")
    assert site.build(BACA_JUGA_INLINE_COUNT=0, BACA_JUGA_RELATED_COUNT=0).ok
    page = site.page(f"berita/{STORY}/")
    assert not page.select("aside.baca-juga") and not page.select("section.related")


def _linked(site: SiteUnderTest) -> list[str]:
    page = site.page(f"berita/{STORY}/")
    return [a["href"] for a in page.select("aside.baca-juga a, section.related li a")]


def test_matches_are_reused_while_the_articles_read_the_same_and_scored_again_after_an_edit(tmp_path):
    site = korpus_site(tmp_path / "site")
    assert site.build().ok
    scored = _linked(site)
    assert scored
    # Kept matches stand in for scoring: emptied, the story's links go.
    [kept] = site.root.with_name(f"{site.root.name}-cache").glob("warta-baca-juga-*.pickle")
    entries = pickle.loads(kept.read_bytes())
    [matches] = entries.values()
    matches[STORY] = []
    kept.write_bytes(pickle.dumps(entries))
    assert site.build().ok
    assert _linked(site) == []
    # An article's text changes what the engine reads: every article is scored again.
    edited = next(path for path in sorted((site.content / "artikel").glob("*.md")) if STORY not in path.name)
    edited.write_text(edited.read_text(encoding="utf-8") + "\nParagraf tambahan.\n", encoding="utf-8")
    assert site.build().ok
    assert _linked(site) == scored
