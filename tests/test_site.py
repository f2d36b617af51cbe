"""A controlled site built with the real settings, theme and plugins: what readers see."""

import pytest

FULL = {
    "Title": "Bawaslu Kota Bengkulu Patroli Media Sosial ASN",
    "Date": "2024-10-08 14:30",
    "Modified": "2024-10-09 09:15",
    "Category": "Pilkada",
    "Tags": "Netralitas ASN, Pilkada 2024",
    "Region": "Kota Bengkulu",
    "Authors": "Rina Oktaviani",
    "Editor": "Hendra Saputra",
    "Image": "images/foto.jpg",
    "ImageCaption": "Rapat koordinasi di kantor Diskominfo.",
    "ImageCredit": "Foto: Redaksi Warta",
    "Summary": "Bawaslu dan Diskominfo memantau unggahan ASN.",
}


@pytest.fixture
def built(site):
    site.add_image(size=(1200, 675))
    site.add_article("patroli", "Paragraf pertama.\n\nParagraf kedua.", **FULL)
    site.add_article(
        "lanjutan",
        Title="ASN Dipanggil Bawaslu karena Membagikan Konten Kampanye",
        Date="2024-10-15 09:00",
        Region="Kota Bengkulu",
        Tags="Netralitas ASN",
    )
    site.add_article(
        "hukum", Title="Sidang Gakkumdu", Date="2024-10-20 10:00", Category="Hukum", Region="Mukomuko"
    )
    assert site.build().ok
    return site


def test_article_page_shows_what_a_reader_expects(built):
    page = built.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/")
    assert page.html["lang"] == "id"
    assert page.h1.get_text() == FULL["Title"]
    header = page.select_one(".article-header").get_text(" ", strip=True)
    assert "Selasa, 8 Oktober 2024 14:30 WIB" in header
    assert "Diperbarui Rabu, 9 Oktober 2024 09:15 WIB" in header
    assert "Pewarta: Rina Oktaviani" in header
    assert "Editor: Hendra Saputra" in header
    assert page.select_one("time")["datetime"] == "2024-10-08T14:30:00+07:00"
    image = page.select_one("figure.lead-image img")
    assert (image["width"], image["height"]) == ("1200", "675")
    assert image["alt"] == FULL["ImageCaption"]
    caption = page.select_one("figure.lead-image figcaption").get_text(" ", strip=True)
    assert caption == "Rapat koordinasi di kantor Diskominfo. Foto: Redaksi Warta"
    assert page.find("meta", attrs={"name": "description"})["content"] == FULL["Summary"]
    kicker = [a["href"] for a in page.select(".kicker a")]
    assert kicker == ["/kategori/pilkada/", "/wilayah/kota-bengkulu/"]
    assert [a.get_text() for a in page.select(".tags a")] == ["Netralitas ASN", "Pilkada 2024"]
    share = " ".join(a["href"] for a in page.select(".share a"))
    for target in ("wa.me", "facebook.com/sharer", "x.com/intent", "t.me/share"):
        assert target in share
    assert "<script" not in str(page.select_one(".share"))


def test_unmodified_article_has_no_update_line(built):
    page = built.page("berita/sidang-gakkumdu/")
    assert "Diperbarui" not in page.select_one(".article-header").get_text()
    assert page.select_one("figure") is None


def test_date_with_another_offset_is_shown_in_wib(site):
    site.add_article("wita", Date="2024-10-08 15:30+08:00")
    assert site.build().ok
    page = site.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/")
    assert "Selasa, 8 Oktober 2024 14:30 WIB" in page.select_one(".meta").get_text()


def test_previous_and_next_stay_in_the_category(built):
    page = built.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/")
    links = {a["rel"][0]: a["href"] for a in page.select(".prev-next a")}
    assert links == {"next": "/berita/asn-dipanggil-bawaslu-karena-membagikan-konten-kampanye/"}


def test_listings_for_category_tag_author_region_and_month(built):
    both = ["ASN Dipanggil Bawaslu karena Membagikan Konten Kampanye", FULL["Title"]]
    assert built.listed_titles("kategori/pilkada/") == both
    assert built.listed_titles("tag/netralitas-asn/") == both
    assert built.listed_titles("wilayah/kota-bengkulu/") == both
    assert built.listed_titles("wilayah/mukomuko/") == ["Sidang Gakkumdu"]
    assert built.listed_titles("pewarta/rina-oktaviani/")[0] == "Sidang Gakkumdu"
    month = built.page("arsip/2024/10/")
    assert month.h1.get_text() == "Oktober 2024"
    regions = built.page("wilayah/").select(".term-list a")
    assert [a.get_text() for a in regions] == ["Kota Bengkulu", "Mukomuko"]
    assert "Oktober 2024" in built.page("arsip/").get_text()


def test_home_has_headline_latest_and_category_sections(built):
    home = built.page("")
    assert home.select_one(".lead-title a").get_text() == "Sidang Gakkumdu"
    sections = [h.get_text() for h in home.select(".category-section h2")]
    assert sections == ["Pilkada", "Hukum"]  # in the order of WARTA_CATEGORIES
    assert (built.output / "404.html").is_file()


def test_pagination_urls_never_collide(site):
    for number in range(13):
        site.add_article(
            f"d1-{number}",
            Title=f"Berita Dapil Satu {number}",
            Tags="Dapil 1",
            Date=f"2024-10-{number + 1:02d} 10:00",
        )
    site.add_article("d12", Title="Berita Dapil Dua Belas", Tags="Dapil 12", Date="2024-10-20 10:00")
    assert site.build().ok
    assert len(site.listed_titles("tag/dapil-1/")) == 12
    assert site.listed_titles("tag/dapil-1/hal/2/") == ["Berita Dapil Satu 0"]
    assert site.listed_titles("tag/dapil-12/") == ["Berita Dapil Dua Belas"]
    assert site.page("").select_one(".pagination a[rel=next]")["href"] == "/hal/2/"
    assert site.page("hal/2/").select(".card-title a")


def test_drafts_stay_out_of_listings(site):
    site.add_article("terbit", Title="Sudah Terbit")
    site.add_article("draf", Title="Masih Draf", Status="draft")
    assert site.build().ok
    assert "Masih Draf" not in site.page("").get_text()
    assert (site.output / "draf/masih-draf/index.html").is_file()


def test_two_builds_are_byte_identical(built, tmp_path):
    first = {p.relative_to(built.output): p.read_bytes() for p in built.output.rglob("*") if p.is_file()}
    assert built.build().ok
    second = {p.relative_to(built.output): p.read_bytes() for p in built.output.rglob("*") if p.is_file()}
    assert first == second


def test_a_site_under_a_subpath_links_every_page_through_siteurl(site):
    site.add_article("a", Title="Rapat Pleno KPU", Date="2024-10-08 10:00", Tags="Pleno")
    site.add_article("b", Title="Debat Kandidat", Date="2024-10-09 10:00", Tags="Pleno")
    site.add(
        "aturan/pasal-280.md",
        "Title: Larangan Melibatkan ASN\nRegulation: UU 7/2017\nRegulationTitle: Undang-Undang Pemilu\n"
        "Article: Pasal 280\nSource: https://peraturan.go.id/uu-7-2017\nDate: 2024-09-01 10:00\n\nIsi.\n",
    )
    siteurl = "https://example.org/warta"
    assert site.build(SITEURL=siteurl).ok
    for url in ("", "tag/pleno/", "kategori/pilkada/", "aturan/", "aturan/uu-7-2017/"):
        page = site.page(url)
        links = [a["href"] for a in page.select("main a[href]")]
        assert links, url
        internal = [href for href in links if not href.startswith(("https://", "http://", "#", "mailto:"))]
        assert internal == [], (url, internal)
        assert any(
            href.startswith(f"{siteurl}/berita/") or href.startswith(f"{siteurl}/aturan/") for href in links
        )
