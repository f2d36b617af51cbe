"""Regions as a taxonomy: listing pages per region, an index of regions, links from articles."""

from __future__ import annotations


def test_each_region_lists_its_published_articles_newest_first(site):
    site.add_article("lama", Title="Rapat Pleno Lama", Date="2024-10-01 09:00", Region="Kaur")
    site.add_article("baru", Title="Rapat Pleno Baru", Date="2024-10-02 09:00", Region="Kaur")
    site.add_article("lain", Title="Patroli di Seluma", Date="2024-10-03 09:00", Region="Seluma")
    site.add_article("draf", Title="Draf di Kaur", Date="2024-10-04 09:00", Region="Kaur", Status="draft")
    site.add_article("tanpa", Title="Berita Tanpa Wilayah", Date="2024-10-05 09:00")
    assert site.build().ok
    assert site.listed_titles("wilayah/kaur/") == ["Rapat Pleno Baru", "Rapat Pleno Lama"]
    assert site.listed_titles("wilayah/seluma/") == ["Patroli di Seluma"]
    assert site.page("wilayah/kaur/").h1.get_text(strip=True) == "Kaur"
    index = site.page("wilayah/")
    assert [a.get_text() for a in index.select(".term-list a")] == ["Kaur", "Seluma"]
    assert [a["href"] for a in index.select(".term-list a")] == ["/wilayah/kaur/", "/wilayah/seluma/"]
    assert [c.get_text() for c in index.select(".term-list .count")] == ["2 berita", "1 berita"]


def test_an_article_links_its_region_and_a_draft_keeps_its_region(site):
    site.add_article("terbit", Title="Sosialisasi di Kepahiang", Region="Kepahiang")
    site.add_article("draf", Title="Draf Kepahiang", Region="Kepahiang", Status="draft")
    assert site.build().ok
    kicker = site.page("berita/sosialisasi-di-kepahiang/").select(".kicker a")
    assert [(a.get_text(), a["href"]) for a in kicker][-1] == ("Kepahiang", "/wilayah/kepahiang/")
    draft = site.page("draf/draf-kepahiang/").select(".kicker a")
    assert draft[-1]["href"] == "/wilayah/kepahiang/"


def test_a_long_region_listing_is_paginated(site):
    for number in range(13):
        site.add_article(
            f"a{number}",
            Title=f"Berita Lebong {number}",
            Date=f"2024-10-{number + 1:02d} 09:00",
            Region="Lebong",
        )
    assert site.build().ok
    assert len(site.listed_titles("wilayah/lebong/")) == 12
    assert site.listed_titles("wilayah/lebong/hal/2/") == ["Berita Lebong 0"]


def test_region_urls_follow_the_settings(site):
    site.add_article("a", Title="Berita Rejang Lebong", Region="Rejang Lebong")
    assert site.build(
        REGION_URL="daerah/{slug}.html",
        REGION_SAVE_AS="daerah/{slug}.html",
        REGIONS_URL="daerah/",
        REGIONS_SAVE_AS="daerah/index.html",
    ).ok
    assert site.listed_titles("daerah/rejang-lebong.html") == ["Berita Rejang Lebong"]
    assert site.page("daerah/").select_one(".term-list a")["href"] == "/daerah/rejang-lebong.html"
    assert (
        site.page("berita/berita-rejang-lebong/").select(".kicker a")[-1]["href"]
        == "/daerah/rejang-lebong.html"
    )
    assert not (site.output / "wilayah").exists()
