"""SEO metadata, sitemaps and robots.txt of real sites built with Warta's settings."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

SITEURL = "https://warta.example.id"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}
ARTICLE = "berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn-netral/"
HEADLINE = 'Bawaslu Kota Bengkulu Patroli Media Sosial ASN "Netral"'


def json_ld(page) -> dict[str, dict]:
    found = {}
    for script in page.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        found[data["@type"]] = data
    return found


def meta(page, prop: str) -> list[str]:
    return [tag["content"] for tag in page.select(f'meta[property="{prop}"], meta[name="{prop}"]')]


@pytest.fixture
def built(site):
    site.add_image(size=(1200, 675))
    site.add_article(
        "patroli",
        Date="2024-10-08 14:30",
        Modified="2024-10-09 09:15",
        Tags="Netralitas ASN, Pilkada 2024",
        Authors="Rina Oktaviani, Budi Santoso",
        Title='Bawaslu Kota Bengkulu Patroli Media Sosial ASN "Netral"',
        Image="images/foto.jpg",
        ImageCaption="Rapat koordinasi.",
        Summary="Bawaslu & Diskominfo memantau 1 < 2 unggahan ASN.",
    )
    site.add_article("draf", Title="Rancangan Berita", Status="draft")
    site.add(
        "aturan/pasal-280.md",
        "Title: Larangan Melibatkan ASN\nRegulation: UU 7/2017\nRegulationTitle: Undang-Undang Pemilu\n"
        "Article: Pasal 280\nSource: https://peraturan.go.id/uu-7-2017\nDate: 2024-09-01 10:00\n"
        "Summary: ASN tidak boleh diikutsertakan.\n\nIsi penjelasan.\n",
    )
    result = site.build(SITEURL=SITEURL, WARTA_BUILD_TIME="2024-10-09 12:00")
    assert result.ok, [str(p) for p in result.problems]
    return site


def test_article_has_news_article_json_ld(built):
    data = json_ld(built.page(ARTICLE))
    news = data["NewsArticle"]
    url = f"{SITEURL}/{ARTICLE}"
    assert news["headline"] == HEADLINE
    assert news["description"] == "Bawaslu & Diskominfo memantau 1 < 2 unggahan ASN."
    assert news["datePublished"] == "2024-10-08T14:30:00+07:00"
    assert news["dateModified"] == "2024-10-09T09:15:00+07:00"
    assert news["image"] == [f"{SITEURL}/images/foto.jpg"]
    assert news["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert [a["name"] for a in news["author"]] == ["Rina Oktaviani", "Budi Santoso"]
    assert news["author"][0] == {
        "@type": "Person",
        "name": "Rina Oktaviani",
        "url": f"{SITEURL}/pewarta/rina-oktaviani/",
    }
    assert news["publisher"]["@type"] == "Organization"
    assert news["publisher"]["logo"]["url"].startswith(f"{SITEURL}/theme/img/")
    assert news["articleSection"] == "Pilkada"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Beranda", f"{SITEURL}/"),
        (2, "Pilkada", f"{SITEURL}/kategori/pilkada/"),
        (3, HEADLINE, url),
    ]


def test_json_ld_cannot_close_its_script_element(built):
    raw = (built.output / ARTICLE / "index.html").read_text(encoding="utf-8")
    scripts = raw.split('<script type="application/ld+json">')[1:]
    assert all("</script>" not in s.split("</script>", 1)[0] for s in scripts)
    assert "memantau 1 \\u003c 2 unggahan" in raw


def test_article_has_open_graph_twitter_and_canonical(built):
    page = built.page(ARTICLE)
    url = f"{SITEURL}/{ARTICLE}"
    assert page.select_one('link[rel="canonical"]')["href"] == url
    assert meta(page, "og:type") == ["article"]
    assert meta(page, "og:title") == [HEADLINE]
    assert meta(page, "og:url") == [url]
    assert meta(page, "og:image") == [f"{SITEURL}/images/foto.jpg"]
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == (["1200"], ["675"])
    assert meta(page, "article:published_time") == ["2024-10-08T14:30:00+07:00"]
    assert meta(page, "article:section") == ["Pilkada"]
    assert meta(page, "article:tag") == ["Netralitas ASN", "Pilkada 2024"]
    assert meta(page, "twitter:card") == ["summary_large_image"]
    assert meta(page, "description") == ["Bawaslu & Diskominfo memantau 1 < 2 unggahan ASN."]
    assert meta(page, "og:description") == meta(page, "description")


def test_home_has_website_json_ld_with_search(built):
    website = json_ld(built.page(""))["WebSite"]
    assert website["url"] == f"{SITEURL}/"
    target = website["potentialAction"]["target"]["urlTemplate"]
    assert target == f"{SITEURL}/cari/?q={{search_term_string}}"


def test_explainer_and_listing_have_breadcrumbs(built):
    explainer = json_ld(built.page("aturan/uu-7-2017/pasal-280/"))["BreadcrumbList"]
    assert [(c["name"], c["item"]) for c in explainer["itemListElement"]] == [
        ("Beranda", f"{SITEURL}/"),
        ("Aturan", f"{SITEURL}/aturan/"),
        ("UU 7/2017", f"{SITEURL}/aturan/uu-7-2017/"),
        ("Larangan Melibatkan ASN", f"{SITEURL}/aturan/uu-7-2017/pasal-280/"),
    ]
    regulation = json_ld(built.page("aturan/uu-7-2017/"))["BreadcrumbList"]
    assert [c["name"] for c in regulation["itemListElement"]] == ["Beranda", "Aturan", "UU 7/2017"]
    tag = json_ld(built.page("tag/netralitas-asn/"))["BreadcrumbList"]
    assert [c["name"] for c in tag["itemListElement"]] == ["Beranda", "Tag", "Netralitas ASN"]
    assert built.page("tag/netralitas-asn/").select_one('link[rel="canonical"]')["href"] == (
        f"{SITEURL}/tag/netralitas-asn/"
    )


def test_drafts_are_noindex_and_left_out_of_sitemaps(built):
    draft = built.page("draf/rancangan-berita/")
    assert meta(draft, "robots") == ["noindex"]
    assert not draft.select('link[rel="canonical"]')
    for name in ("sitemap.xml", "sitemap-news.xml"):
        assert "rancangan-berita" not in (built.output / name).read_text(encoding="utf-8")


def test_local_build_has_no_relative_canonical(site):
    site.add_article("a")
    assert site.build().ok
    assert not site.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/").select(
        'link[rel="canonical"]'
    )


def test_sitemap_lists_published_content_with_offsets(built):
    root = ET.parse(built.output / "sitemap.xml").getroot()
    entries = {u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS) for u in root}
    assert entries[f"{SITEURL}/{ARTICLE}"] == "2024-10-09T09:15:00+07:00"
    assert entries[f"{SITEURL}/"] == "2024-10-09T09:15:00+07:00"
    assert entries[f"{SITEURL}/aturan/uu-7-2017/pasal-280/"] == "2024-09-01T10:00:00+07:00"
    assert f"{SITEURL}/aturan/uu-7-2017/" in entries
    assert f"{SITEURL}/kategori/pilkada/" in entries
    assert f"{SITEURL}/wilayah/" not in entries


def test_robots_txt_points_to_both_sitemaps(built):
    robots = (built.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert "Disallow: /draf/" in robots
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots
    assert f"Sitemap: {SITEURL}/sitemap-news.xml" in robots


def test_sitemap_becomes_an_index_over_the_limit(site):
    for number in range(7):
        site.add_article(f"a{number}", Title=f"Berita Nomor {number}", Date=f"2024-10-1{number} 10:00")
    assert site.build(SITEURL=SITEURL, SEO_SITEMAP_MAX_URLS=5).ok
    index = ET.parse(site.output / "sitemap.xml").getroot()
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    children = [s.findtext("s:loc", namespaces=NS) for s in index]
    assert children[0] == f"{SITEURL}/sitemap-1.xml"
    urls = []
    for child in children:
        chunk = ET.parse(site.output / child.rsplit("/", 1)[1]).getroot()
        assert len(chunk) <= 5
        urls += [u.findtext("s:loc", namespaces=NS) for u in chunk]
    assert len(urls) == len(set(urls)) >= 7 + 1
    assert f"{SITEURL}/berita/berita-nomor-6/" in urls


def test_news_sitemap_holds_the_last_48_hours_before_the_build_clock(site):
    site.add_article("lama", Title="Berita Tiga Hari Lalu", Date="2024-11-23 11:00")
    site.add_article("baru", Title='Rapat "Pleno" & Rekap', Date="2024-11-25 10:00")
    site.add_article("tepi", Title="Berita Tepat 48 Jam", Date="2024-11-24 12:00")
    site.add_article("nanti", Title="Berita Sesudah Jam Build", Date="2024-11-26 13:00")
    assert site.build(SITEURL=SITEURL, WARTA_BUILD_TIME="2024-11-26 12:00").ok
    root = ET.parse(site.output / "sitemap-news.xml").getroot()
    titles = [u.findtext("n:news/n:title", namespaces=NS) for u in root]
    assert titles == ['Rapat "Pleno" & Rekap', "Berita Tepat 48 Jam"]
    first = root[0]
    assert first.findtext("n:news/n:publication_date", namespaces=NS) == "2024-11-25T10:00:00+07:00"
    assert first.findtext("n:news/n:publication/n:language", namespaces=NS) == "id"
    assert first.findtext("n:news/n:publication/n:name", namespaces=NS) == "Warta Bengkulu"
    assert "&amp;" in (site.output / "sitemap-news.xml").read_text(encoding="utf-8")


def test_news_sitemap_is_capped(site):
    for number in range(3):
        site.add_article(f"a{number}", Title=f"Berita Nomor {number}", Date=f"2024-11-26 0{number}:00")
    assert site.build(WARTA_BUILD_TIME="2024-11-26 12:00", SEO_NEWS_MAX_ARTICLES=2).ok
    root = ET.parse(site.output / "sitemap-news.xml").getroot()
    assert [u.findtext("s:loc", namespaces=NS) for u in root] == [
        "/berita/berita-nomor-2/",
        "/berita/berita-nomor-1/",
    ]


def test_a_wrong_build_clock_is_one_clear_line(site, capsys):
    site.add_article("a")
    result = site.build(WARTA_BUILD_TIME="kemarin")
    assert not result.ok
    assert [str(p) for p in result.problems] == [
        "(settings): WARTA_BUILD_TIME: 'kemarin' is not a date — write it as 2024-10-08 14:30"
    ]
    assert not site.output.exists()


def test_article_without_photo_shares_the_site_card(site):
    site.add_article("a")
    assert site.build(SITEURL=SITEURL).ok
    page = site.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/")
    [card] = json_ld(page)["NewsArticle"]["image"]
    assert re.fullmatch(rf"{SITEURL}/theme/img/warta-card\.[0-9a-f]{{8,}}\.png", card)
    assert meta(page, "og:image") == [card]
    assert (site.output / card.removeprefix(f"{SITEURL}/")).is_file()
