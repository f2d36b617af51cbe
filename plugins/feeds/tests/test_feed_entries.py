"""What an entry carries, built from small real sites: ids, dates, URLs, content, robustness."""

from __future__ import annotations

import re

import feedparser
from bs4 import BeautifulSoup
from lxml import etree

from feeds.tests.feed_rules import ATOM, feed_problems
from warta import ROOT

BASE = "https://warta.example.id"
PATROLI = "berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/"


def parsed(site, name: str = "semua.atom.xml") -> feedparser.FeedParserDict:
    feed = feedparser.parse((site.output / "feeds" / name).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def all_problems(site, base: str = BASE) -> dict[str, list[str]]:
    feeds = sorted(site.output.glob("feeds/**/*.xml"))
    assert feeds
    return {path.name: found for path in feeds if (found := feed_problems(path, site.output, base))}


def entry_html(entry) -> BeautifulSoup:
    return BeautifulSoup(entry.content[0].value, "html.parser")


def raw_content(site, index: int = 0) -> BeautifulSoup:
    """An Atom entry's content as written (feedparser drops attributes it does not know)."""
    root = etree.fromstring((site.output / "feeds/semua.atom.xml").read_bytes())
    content = root.findall("atom:entry/atom:content", {"atom": ATOM})[index]
    return BeautifulSoup(content.text, "html.parser")


def test_an_entry_carries_what_a_reader_needs(site):
    site.add_image(size=(1200, 675))
    site.add_article(
        "patroli",
        "Paragraf pertama.\n\nParagraf kedua.",
        Modified="2024-10-09 09:15",
        Tags="Netralitas ASN, Pilkada 2024",
        Region="Kota Bengkulu",
        Authors="Rina Oktaviani, Dimas Prasetyo",
        Image="images/foto.jpg",
        ImageCaption="Rapat koordinasi di kantor Diskominfo.",
        ImageCredit="Foto: Redaksi Warta",
        Summary="Bawaslu dan Diskominfo memantau unggahan ASN.",
    )
    assert site.build(SITEURL=BASE).ok
    assert all_problems(site) == {}
    atom, rss = parsed(site), parsed(site, "semua.rss.xml")
    entry, item = atom.entries[0], rss.entries[0]
    assert entry.id == item.id == "tag:warta.example.id,2024-10-08:artikel/patroli"
    assert entry.link == item.link == f"{BASE}/{PATROLI}"
    assert entry.published == "2024-10-08T14:30:00+07:00"
    assert entry.updated == "2024-10-09T09:15:00+07:00"
    assert item.published == "Tue, 08 Oct 2024 14:30:00 +0700"
    assert item.updated == "2024-10-09T09:15:00+07:00"
    assert [a.name for a in entry.authors] == ["Rina Oktaviani", "Dimas Prasetyo"]
    assert [t.term for t in entry.tags] == ["Pilkada", "Netralitas ASN", "Pilkada 2024"]
    assert (
        BeautifulSoup(entry.summary, "html.parser").get_text()
        == "Bawaslu dan Diskominfo memantau unggahan ASN."
    )
    body = entry_html(entry)
    assert body.figure.img["src"] == f"{BASE}/images/foto.jpg"
    assert body.figcaption.get_text() == "Rapat koordinasi di kantor Diskominfo. Foto: Redaksi Warta"
    assert [p.get_text() for p in body.find_all("p")] == ["Paragraf pertama.", "Paragraf kedua."]
    size = (site.output / "images/foto.jpg").stat().st_size
    assert [(e.href, e.type, int(e.length)) for e in item.enclosures] == [
        (f"{BASE}/images/foto.jpg", "image/jpeg", size)
    ]
    assert atom.feed.updated == "2024-10-09T09:15:00+07:00"
    assert atom.feed.language == "id"
    raw = (site.output / "feeds/semua.rss.xml").read_text(encoding="utf-8")
    assert '<guid isPermaLink="false">tag:warta.example.id,2024-10-08:artikel/patroli</guid>' in raw
    assert "<lastBuildDate>Wed, 09 Oct 2024 09:15:00 +0700</lastBuildDate>" in raw


def test_editing_an_article_keeps_its_id_and_moves_only_updated(site):
    site.add_article("patroli", "Versi pertama.")
    assert site.build(SITEURL=BASE).ok
    before = parsed(site).entries[0]
    site.add_article(
        "patroli",
        "Versi kedua, dengan ralat.",
        Title="Bawaslu Kota Bengkulu Perketat Patroli Media Sosial ASN",
        Modified="2024-10-10 08:00",
    )
    assert site.build(SITEURL=BASE).ok
    feed = parsed(site)
    after = feed.entries[0]
    assert after.id == before.id
    assert after.published == before.published == "2024-10-08T14:30:00+07:00"
    assert (before.updated, after.updated) == ("2024-10-08T14:30:00+07:00", "2024-10-10T08:00:00+07:00")
    assert after.link == f"{BASE}/berita/bawaslu-kota-bengkulu-perketat-patroli-media-sosial-asn/"
    assert "Versi kedua" in after.content[0].value
    assert feed.feed.updated == "2024-10-10T08:00:00+07:00"


def test_control_characters_are_removed_and_special_characters_survive(site):
    site.add_article(
        "aneh",
        "Teks dari WhatsApp\x0b dan Word\x0c dengan \x08kontrol\x1f & simbol < dan > serta \"kutip\" 'tunggal' 🗳️.\n\n"
        "Baris kedua\x7f 😀 a < b & c > d.",
        Title="Bawaslu & KPU: <Siap> \"Kawal\" 'Pilkada'\x08 🗳️ Bengkulu\x1b",
        Summary="Ringkasan & a < b\x0c 🙂",
        Tags="Netralitas & ASN, Kota\x0b Bengkulu",
        Authors="Rina 'Ina' Oktaviani",
    )
    result = site.build(SITEURL=BASE)
    assert result.ok, [str(p) for p in result.problems]
    assert all_problems(site) == {}
    for name in ("semua.atom.xml", "semua.rss.xml"):
        raw = (site.output / "feeds" / name).read_text(encoding="utf-8")
        assert not any(ord(c) < 32 and c not in "\t\n\r" for c in raw)
        entry = parsed(site, name).entries[0]
        assert entry.title == "Bawaslu & KPU: <Siap> \"Kawal\" 'Pilkada' 🗳️ Bengkulu"
        text = entry_html(entry).get_text()
        assert "WhatsApp dan Word dengan kontrol & simbol < dan > serta “kutip”" in text
        assert "🗳️" in text and "😀 a < b & c > d" in text
        assert BeautifulSoup(entry.summary, "html.parser").get_text() == "Ringkasan & a < b 🙂"
        assert "Netralitas & ASN" in [t.term for t in entry.tags]
        assert entry.author == "Rina 'Ina' Oktaviani"


def test_every_link_and_image_in_an_entry_is_absolute(site):
    site.add_image()
    body = (
        "Lihat [berita lain](/berita/lain/), [bagian bawah](#bawah) dan "
        "![Foto rapat]({static}/images/foto.jpg).\n\n"
        '<p><img src="/images/foto.jpg" srcset="/images/foto.jpg 1x, /images/foto.jpg 2x" alt="Foto" '
        'style="width:100%" onclick="zoom()" aria-describedby="x" role="img"></p>\n\n'
        '<iframe src="https://www.youtube.com/embed/abc" title="Video rapat"></iframe>\n\n'
        "<script>alert(1)</script>\n\n"
        "<p><warta-kotak>Teks dalam elemen asing</warta-kotak></p>\n\n"
        '<h2 id="bawah">Bawah</h2>'
    )
    site.add_article("tautan", body)
    # The linked article exists: content_checks stops a build on a link to a missing page.
    site.add_article("lain", Title="Berita Lain", Slug="lain", Date="2024-10-01 10:00")
    for siteurl, base in ((BASE, BASE), ("", "http://127.0.0.1:8000")):
        assert site.build(SITEURL=siteurl).ok
        assert all_problems(site, base) == {}
        html = raw_content(site)
        permalink = f"{base}/{PATROLI}"
        assert [a["href"] for a in html.find_all("a")] == [
            f"{base}/berita/lain/",
            f"{permalink}#bawah",
            "https://www.youtube.com/embed/abc",
        ]
        assert html.find_all("a")[-1].get_text() == "Video rapat"
        images = html.find_all("img")
        assert [img["src"] for img in images] == [f"{base}/images/foto.jpg"] * 2
        assert images[1]["srcset"] == f"{base}/images/foto.jpg 1x, {base}/images/foto.jpg 2x"
        assert set(images[1].attrs) == {"src", "srcset", "alt"}
        assert html.find(["script", "iframe", "warta-kotak"]) is None
        assert "Teks dalam elemen asing" in html.get_text()


def test_baca_juga_boxes_stay_out_of_feeds_unless_asked_for(site):
    box = '<aside class="baca-juga" aria-label="Baca juga"><p>Baca juga: <a href="/berita/lain/">Berita lain</a></p></aside>'
    site.add_article("patroli", f"Paragraf pertama.\n\n{box}\n\nParagraf kedua.")
    site.add_article("lain", Title="Berita Lain", Slug="lain", Date="2024-10-01 10:00")
    assert site.build(SITEURL=BASE).ok
    assert "baca-juga" in site.page(PATROLI).select_one(".article-body").decode()
    html = entry_html(parsed(site).entries[0])
    assert html.find("aside") is None
    assert [p.get_text() for p in html.find_all("p")] == ["Paragraf pertama.", "Paragraf kedua."]
    assert site.build(SITEURL=BASE, BACA_JUGA_IN_FEEDS=True).ok
    aside = entry_html(parsed(site).entries[0]).select_one("aside.baca-juga")
    assert aside.a["href"] == f"{BASE}/berita/lain/"
    assert all_problems(site) == {}


def test_summary_only_feeds_and_the_entry_limit(site):
    for day in (1, 2, 3):
        site.add_article(
            f"a{day}",
            "Isi lengkap.",
            Title=f"Berita {day}",
            Date=f"2024-10-0{day} 10:00",
            Summary=f"Ringkas {day}.",
        )
    assert site.build(SITEURL=BASE, FEED_FULL_CONTENT=False, FEED_MAX_ITEMS=2).ok
    assert all_problems(site) == {}
    for name in ("semua.atom.xml", "semua.rss.xml", "kategori/pilkada.atom.xml"):
        entries = parsed(site, name).entries
        assert [e.title for e in entries] == ["Berita 3", "Berita 2"]
        assert all("content" not in e for e in entries)
        assert "Ringkas 3." in entries[0].summary
    raw = (site.output / "feeds/semua.rss.xml").read_text(encoding="utf-8")
    assert "content:encoded" not in raw and "Isi lengkap" not in raw


def test_taxonomy_feeds_carry_their_own_number_of_entries(site):
    for day in (1, 2, 3):
        site.add_article(
            f"a{day}", Title=f"Berita {day}", Date=f"2024-10-0{day} 10:00", Tags="Netralitas ASN"
        )
    assert site.build(SITEURL=BASE, FEED_MAX_ITEMS=3, FEED_MAX_ITEMS_TAXONOMY=2).ok
    titles = {
        name: [e.title for e in parsed(site, name).entries]
        for name in (
            "semua.rss.xml",
            "kategori/pilkada.atom.xml",
            "tag/netralitas-asn.rss.xml",
            "pewarta/rina-oktaviani.atom.xml",
        )
    }
    assert titles.pop("semua.rss.xml") == ["Berita 3", "Berita 2", "Berita 1"]
    assert all(found == ["Berita 3", "Berita 2"] for found in titles.values()), titles


def test_drafts_and_future_articles_never_reach_a_feed(site):
    site.add_article("terbit", Title="Sudah terbit")
    site.add_article("draf", Title="Masih draf", Status="draft", Tags="Rahasia")
    assert site.build(SITEURL=BASE).ok
    text = "".join(p.read_text(encoding="utf-8") for p in site.output.glob("feeds/**/*.xml"))
    assert "Sudah terbit" in text and "Masih draf" not in text
    assert not (site.output / "feeds/tag/rahasia.rss.xml").exists()


def test_local_builds_and_feed_domain(site):
    site.add_article("patroli")
    assert site.build().ok
    entry = parsed(site).entries[0]
    assert entry.link == f"http://127.0.0.1:8000/{PATROLI}"
    assert entry.id == "tag:127.0.0.1,2024-10-08:artikel/patroli"
    assert site.build(FEED_DOMAIN="https://cdn.example.id", FEED_ID_AUTHORITY="warta.example.id").ok
    entry = parsed(site).entries[0]
    assert entry.link == f"https://cdn.example.id/{PATROLI}"
    assert entry.id == "tag:warta.example.id,2024-10-08:artikel/patroli"
    home = site.page("")
    assert home.select_one('link[type="application/atom+xml"]')["href"] == "/feeds/semua.atom.xml"


def test_production_settings_give_absolute_production_urls(site, monkeypatch):
    site.add_article("patroli")
    monkeypatch.setenv("WARTA_SITEURL", "https://example.org/warta/")
    assert site.build(ROOT / "publishconf.py").ok
    assert all_problems(site, "https://example.org/warta") == {}
    raw = (site.output / "feeds/semua.rss.xml").read_text(encoding="utf-8")
    assert '<?xml-stylesheet type="text/xsl" href="/warta/feeds/tampilan.xsl"?>' in raw
    assert '<?xml-stylesheet type="text/css" href="/warta/feeds/tampilan.css"?>' in raw
    feed = parsed(site, "semua.rss.xml")
    assert feed.feed.link == "https://example.org/warta/"
    assert feed.entries[0].link == f"https://example.org/warta/{PATROLI}"
    assert feed.entries[0].id == "tag:example.org,2024-10-08:artikel/patroli"
    stylesheet = (site.output / "feeds/tampilan.xsl").read_text(encoding="utf-8")
    css = re.search(r'<link rel="stylesheet" href="https://example.org/warta/([^"]+)"', stylesheet).group(1)
    assert re.fullmatch(r"theme/css/warta\.[0-9a-f]{8,}\.css", css) and (site.output / css).is_file()


EXPLAINER = """Title: {title}
Regulation: UU 10/2016
RegulationTitle: Undang-Undang Nomor 10 Tahun 2016 tentang Pilkada
Article: {article}
Status: berlaku
Source: https://peraturan.bpk.go.id/
Topics: Politik Uang, Kampanye
Summary: Ringkasan aturan.
Date: {date}
{extra}
## Bunyi aturan

> Isi pasal.

## Apa artinya

Penjelasan.

## Siapa yang diatur

Calon dan tim kampanye.

## Yang dilarang dan yang boleh

**Dilarang:** memberi uang.

## Sanksi

Pidana.

## Contoh

Contoh kasus.

## Tanya jawab

### Apakah boleh?

Tidak.
"""


def test_rule_explainer_updates_are_a_feed_of_their_own(site):
    site.add_article("patroli")
    site.add(
        "aturan/lama.md",
        EXPLAINER.format(
            title="Aturan lama diperbarui",
            date="2024-09-01 10:00",
            extra="Modified: 2024-10-20 10:00\n",
            article="Pasal 73",
        ),
    )
    site.add(
        "aturan/baru.md",
        EXPLAINER.format(title="Aturan baru", date="2024-10-01 10:00", extra="", article="Pasal 71"),
    )
    assert site.build(SITEURL=BASE).ok
    assert all_problems(site) == {}
    feed = parsed(site, "aturan.atom.xml")
    assert feed.feed.title == "Warta Bengkulu — Penjelasan aturan"
    assert [e.title for e in feed.entries] == ["Aturan lama diperbarui", "Aturan baru"]
    first = feed.entries[0]
    assert first.id == "tag:warta.example.id,2024-09-01:aturan/lama"
    assert first.updated == "2024-10-20T10:00:00+07:00"
    assert [t.term for t in first.tags] == ["UU 10/2016", "Politik Uang", "Kampanye"]
    assert feed.feed.author == "Warta Bengkulu"
    semua = parsed(site).entries
    assert [e.title for e in semua] == ["Bawaslu Kota Bengkulu Patroli Media Sosial ASN"]


def test_a_site_without_articles_has_no_empty_feeds(site):
    site.add("halaman/tentang.md", "Title: Tentang kami\n\nIsi.\n")
    assert site.build(SITEURL=BASE).ok
    assert not (site.output / "feeds").exists()
    assert not (site.output / "langganan").exists()
    home = site.page("")
    assert home.select('link[rel="alternate"]') == []
    assert "Langganan RSS" not in home.get_text()


def test_a_site_name_with_special_characters_keeps_feeds_and_stylesheets_valid(site):
    name = 'Warta "Kita" & <Bengkulu>'
    site.add_article("patroli")
    assert site.build(SITEURL=BASE, SITENAME=name).ok
    assert all_problems(site) == {}
    assert parsed(site).feed.title == f"{name} — Semua berita"
    stylesheet = etree.parse(str(site.output / "feeds/tampilan.xsl"))
    assert stylesheet.getroot().tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    css = (site.output / "feeds/tampilan.css").read_text(encoding="utf-8")
    assert 'content: "Ini adalah feed Warta \\"Kita\\" & <Bengkulu>. Salin' in css
