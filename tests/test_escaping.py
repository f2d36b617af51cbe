"""Editors' plain text stays text on every page, feed and piece of metadata; HTML stays HTML.

Templates escape every value (Jinja's autoescape) except markup: bodies, summaries (Markdown)
and what plugins return as ``markupsafe.Markup``. A site whose every text field holds ``<b>``,
``&``, ``"`` and ``'`` is built for real, and its output is read back with BeautifulSoup,
feedparser and an XML parser.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import feedparser
import pytest
from bs4 import BeautifulSoup

from warta.testing import SiteUnderTest, front_matter

SITEURL = "https://warta.example.id"
SITENAME = 'Warta "Bengkulu" & <Sekitar>'
TITLE = "Ambang Batas <5% & <b>Tebal</b> \"Kutipan\" 'Tunggal'"
SECOND_TITLE = "Lanjutan <b>Ambang</b> & 'Batas'"
TAG = "Tom & Jerry"
TAGS = [TAG, "<i>Miring</i>", 'O\'Brien "Kutip"']
REGION = 'Kota <b>Bengkulu</b> & "Sekitar"'
AUTHOR = "Rina O'Neil & <b>Tim</b>"
EDITOR = 'Hendra <b>S</b> & "Kawan"'
CAPTION = 'Warga <b>antre</b> & "menunggu" di TPS'
CREDIT = "Foto: <i>Redaksi</i> & 'Kawan'"
CORRECTION = 'Tertulis <5% & "salah", yang benar 6%'
# Summaries are Markdown, like the body: *…* is emphasis and quotes become typographic.
SUMMARY = 'Syarat <5% & "ambang" yang *penting* ditinjau.'
SUMMARY_TEXT = "Syarat <5% & “ambang” yang penting ditinjau."
BODY = (
    'Paragraf dengan *penekanan* dan ambang <5% & "kutipan".\n\n'
    "![Warga antre & menunggu]({static}/images/foto.jpg \"Antrean <b>TPS</b> & 'pagi' | Foto: <i>Redaksi</i>\")\n"
)
EXPLAINER_TITLE = "Larangan <b>ASN</b> & \"Kampanye\" 'Pemilu'"
REGULATION_TITLE = 'Undang-Undang <Pemilu> & "Pilkada"'
TOPIC = 'Netralitas <b>ASN</b> & "Kampanye"'
SOURCE = "https://peraturan.go.id/uu?nomor=7&tahun=2017"
PAGE_TITLE = 'Tentang <b>Kami</b> & "Redaksi"'
EXPLAINER_BODY = """## Bunyi aturan

> Pelaksana kampanye dilarang mengikutsertakan ASN & "honorer".

## Tanya jawab

### Apakah ASN & honorer boleh ikut <5% kampanye?

Tidak. Menulis `</script><b>` di sini tidak menutup apa pun.
"""

ARTICLE_URL = "berita/ambang-batas/"
SECOND_URL = "berita/lanjutan-ambang/"
EXPLAINER_URL = "aturan/uu-7-2017/pasal-280/"
# An escape escaped twice: "&amp;amp;", "&amp;lt;", "&amp;#39;" …
DOUBLE_ESCAPE = re.compile(r"&amp;(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);", re.IGNORECASE)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> SiteUnderTest:
    site = SiteUnderTest(tmp_path_factory.mktemp("escaping") / "site")
    site.add_image()
    site.add_article(
        "ambang",
        BODY,
        Title=TITLE,
        Slug="ambang-batas",
        Date="2024-10-08 14:30",
        Tags=", ".join(TAGS),
        Region=REGION,
        Authors=AUTHOR,
        Editor=EDITOR,
        Image="images/foto.jpg",
        ImageCaption=CAPTION,
        ImageCredit=CREDIT,
        Summary=SUMMARY,
        Correction=f"2024-10-09 10:15 | {CORRECTION}",
    )
    site.add_article(
        "lanjutan",
        "Isi berita lanjutan.",
        Title=SECOND_TITLE,
        Slug="lanjutan-ambang",
        Date="2024-10-09 09:00",
        Tags=TAG,
        Region=REGION,
        Authors=AUTHOR,
    )
    explainer = {
        "Title": EXPLAINER_TITLE,
        "Regulation": "UU 7/2017",
        "RegulationTitle": REGULATION_TITLE,
        "Article": "Pasal 280",
        "Aliases": "UU Pemilu",
        "Status": "berlaku",
        "Source": SOURCE,
        "Topics": TOPIC,
        "Summary": "Ringkasan & penjelasan.",
        "Date": "2024-09-20 10:00",
    }
    site.add("aturan/pasal-280.md", f"{front_matter(explainer)}\n\n{EXPLAINER_BODY}")
    site.add("halaman/tentang.md", f"Title: {PAGE_TITLE}\nSummary: Tentang redaksi.\n\nIsi halaman.\n")
    result = site.build(SITEURL=SITEURL, SITENAME=SITENAME, WARTA_BUILD_TIME="2024-10-09 12:00")
    assert result.ok, [str(p) for p in result.problems]
    return site


def page(site: SiteUnderTest, url: str) -> BeautifulSoup:
    return site.page(url)


def meta(soup: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.select(f'meta[property="{name}"], meta[name="{name}"]')]


def json_ld(soup: BeautifulSoup) -> dict[str, dict]:
    return {
        data["@type"]: data
        for data in (json.loads(s.string) for s in soup.select("script[type='application/ld+json']"))
    }


def titled_links(soup: BeautifulSoup, url: str) -> list[str]:
    """Texts of the links to an article, wherever the page shows it."""
    return [a.get_text(" ", strip=True) for a in soup.select(f'a[href$="/{url}"]')]


def test_article_page_shows_every_field_as_written(built):
    soup = page(built, ARTICLE_URL)
    assert soup.h1.get_text() == TITLE
    assert soup.title.get_text() == f"{TITLE} | {SITENAME}"
    assert [a.get_text() for a in soup.select(".kicker a")] == ["Pilkada", REGION]
    assert soup.select_one(".byline a").get_text() == AUTHOR
    assert soup.select_one(".byline").get_text().endswith(f"Editor: {EDITOR}")
    assert [a.get_text() for a in soup.select(".tags a")] == TAGS
    assert soup.select_one("figure.lead-image img")["alt"] == CAPTION
    assert soup.select_one("figure.lead-image figcaption").get_text(" ", strip=True) == f"{CAPTION} {CREDIT}"
    assert soup.select_one(".notice-correction p").get_text().endswith(f": {CORRECTION}")
    assert meta(soup, "og:title") == [TITLE]
    assert meta(soup, "og:site_name") == [SITENAME]
    assert meta(soup, "og:image:alt") == [CAPTION]
    assert meta(soup, "article:tag") == TAGS
    assert meta(soup, "description") == meta(soup, "og:description") == [SUMMARY_TEXT]
    share = urlparse(soup.select_one(".share a[href^='https://wa.me/']")["href"])
    assert parse_qs(share.query)["text"] == [f"{TITLE} {SITEURL}/{ARTICLE_URL}"]


def test_article_json_ld_holds_the_same_text(built):
    soup = page(built, ARTICLE_URL)
    data = json_ld(soup)
    news = data["NewsArticle"]
    assert news["headline"] == TITLE
    assert news["description"] == SUMMARY_TEXT
    assert [author["name"] for author in news["author"]] == [AUTHOR]
    assert news["keywords"] == TAGS
    assert news["publisher"]["name"] == SITENAME
    trail = data["BreadcrumbList"]["itemListElement"]
    assert [item["name"] for item in trail] == ["Beranda", "Pilkada", TITLE]
    # JSON escapes, not HTML ones: nothing in a value can open or close an element.
    for script in soup.select("script[type='application/ld+json']"):
        assert "<" not in script.string and "&" not in script.string


def test_body_and_summary_stay_html(built):
    soup = page(built, ARTICLE_URL)
    body = soup.select_one(".article-body")
    assert body.select_one("p em").get_text() == "penekanan"
    assert "ambang <5% & “kutipan”." in body.p.get_text()
    caption = body.select_one("figure.inline-image figcaption").get_text(" ", strip=True)
    assert caption == "Antrean <b>TPS</b> & 'pagi' Foto: <i>Redaksi</i>"
    lede = soup.select_one(".lede")
    assert lede.select_one("em").get_text() == "penting"
    assert lede.get_text() == SUMMARY_TEXT
    card = page(built, "kategori/pilkada/").select_one(".card .summary")
    assert card.select_one("em").get_text() == "penting"
    assert card.get_text() == SUMMARY_TEXT


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("", TITLE),
        ("kategori/pilkada/", TITLE),
        ("tag/tom-jerry/", TITLE),
        ("wilayah/kota-bengkulu-sekitar/", TITLE),
        ("pewarta/rina-oneil-tim/", TITLE),
        ("arsip/2024/10/", TITLE),
        ("404.html", TITLE),
        (SECOND_URL, f"Sebelumnya {TITLE}"),
    ],
)
def test_listings_and_links_show_titles_as_text(built, url, shown):
    assert shown in titled_links(page(built, url), ARTICLE_URL)


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("tag/tom-jerry/", TAG),
        ("wilayah/kota-bengkulu-sekitar/", REGION),
        ("pewarta/rina-oneil-tim/", AUTHOR),
    ],
)
def test_listing_pages_of_names_written_with_markup_characters(built, url, heading):
    soup = page(built, url)
    assert soup.h1.get_text() == heading
    assert soup.title.get_text().startswith(heading)
    trail = json_ld(soup)["BreadcrumbList"]["itemListElement"]
    assert trail[-1]["name"] == heading
    index = page(built, url.split("/")[0] + "/")
    assert heading in [a.get_text() for a in index.select(".term-list a")]


def test_explainer_fields_are_text(built):
    soup = page(built, EXPLAINER_URL)
    assert soup.h1.get_text() == EXPLAINER_TITLE
    assert soup.title.get_text() == f"Pasal 280 UU 7/2017: {EXPLAINER_TITLE} | {SITENAME}"
    facts = soup.select_one(".rule-facts")
    assert facts.select_one("a[href$='/aturan/uu-7-2017/']").get_text() == REGULATION_TITLE
    source = facts.select_one("a[rel=noopener]")
    assert source["href"] == source.get_text() == SOURCE
    assert facts.select_one("a[href*='#topik-']").get_text() == TOPIC
    question = soup.select_one("#tanya-jawab h3").get_text()
    assert question == "Apakah ASN & honorer boleh ikut <5% kampanye?"
    assert soup.select_one("#tanya-jawab code").get_text() == "</script><b>"
    faq = json_ld(soup)["FAQPage"]["mainEntity"][0]
    assert faq["name"] == question
    assert faq["acceptedAnswer"]["text"] == "Tidak. Menulis </script><b> di sini tidak menutup apa pun."
    assert json_ld(soup)["BreadcrumbList"]["itemListElement"][-1]["name"] == EXPLAINER_TITLE
    index = page(built, "aturan/")
    assert TOPIC in [h3.get_text() for h3 in index.select("h3[id^='topik-']")]
    assert f"Pasal 280 UU 7/2017 {EXPLAINER_TITLE}" in [a.get_text() for a in index.select(".rule-list a")]
    regulation = page(built, "aturan/uu-7-2017/")
    assert regulation.select_one(".lede").get_text() == REGULATION_TITLE


def test_page_title_is_text(built):
    soup = page(built, "halaman/tentang-kami-redaksi/")
    assert soup.h1.get_text() == PAGE_TITLE
    assert soup.title.get_text() == f"{PAGE_TITLE} | {SITENAME}"
    footer = page(built, "")
    assert PAGE_TITLE in [a.get_text() for a in footer.select(".site-footer a")]


@pytest.mark.parametrize("name", ["semua.rss.xml", "semua.atom.xml", "tag/tom-jerry.rss.xml"])
def test_feeds_carry_the_same_text(built, name):
    feed = feedparser.parse((built.output / "feeds" / name).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.startswith(f"{SITENAME} — ")
    entries = {entry.title: entry for entry in feed.entries}
    assert set(entries) == {TITLE, SECOND_TITLE}
    entry = entries[TITLE]
    assert entry.author == AUTHOR
    assert [tag.term for tag in entry.tags] == ["Pilkada", *TAGS]
    summary = BeautifulSoup(entry.summary, "html.parser")
    assert summary.get_text() == SUMMARY_TEXT
    assert summary.select_one("em").get_text() == "penting"


def test_feed_stylesheets_and_news_sitemap(built):
    xsl = ET.parse(built.output / "feeds/tampilan.xsl")
    brand = xsl.find(".//{*}a[@class='brand']")
    assert brand is not None and brand.text == SITENAME
    css = (built.output / "feeds/tampilan.css").read_text(encoding="utf-8")
    assert 'content: "Ini adalah feed Warta \\"Bengkulu\\" & <Sekitar>. ' in css
    news = ET.parse(built.output / "sitemap-news.xml")
    titles = [t.text for t in news.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")]
    assert sorted(titles) == sorted([TITLE, SECOND_TITLE])


def test_no_element_from_plain_text_and_nothing_escaped_twice(built):
    pages = sorted(p for p in built.output.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not DOUBLE_ESCAPE.search(text), path
        soup = BeautifulSoup(text, "html.parser")
        # Every <b> and <i> in this site's fields is text; the theme uses neither element.
        assert soup.find_all(["b", "i"]) == [], path
        assert SITENAME in soup.title.get_text(), path
        assert meta(soup, "og:site_name") == [SITENAME], path
    for path in [*built.output.glob("*.xml"), *built.output.glob("feeds/tampilan.*")]:
        assert not DOUBLE_ESCAPE.search(path.read_text(encoding="utf-8")), path
    # In a feed, HTML is escaped once more as XML text: read it back, then look.
    for path in built.output.rglob("feeds/**/*.xml"):
        feed = feedparser.parse(path.read_bytes())
        for entry in feed.entries:
            for value in (entry.title, entry.summary, *(c.value for c in entry.get("content", []))):
                assert not DOUBLE_ESCAPE.search(value), path
