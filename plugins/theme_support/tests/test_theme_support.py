"""What the theme gets from theme_support: dates in the site's time zone, home sections and
menu in the editors' order, neighbours within a category, article URLs."""

from __future__ import annotations


def _section_titles(home) -> list[str]:
    return [h.get_text() for h in home.select(".category-section h2")]


def test_home_sections_and_menu_follow_the_category_order(site):
    site.add_article("pilkada", Title="Debat Kandidat", Date="2024-10-01 09:00")
    site.add_article("olahraga", Title="Porprov Dibuka", Category="Olahraga", Date="2024-10-02 09:00")
    for number in range(3):
        site.add_article(
            f"hukum{number}",
            Title=f"Sidang ke-{number}",
            Category="Hukum",
            Date=f"2024-10-0{number + 3} 09:00",
        )
    order = ["Olahraga", "Pilkada", "Ekonomi", "Hukum"]
    assert site.build(WARTA_CATEGORIES=order, WARTA_HOME_SECTION_SIZE=2).ok
    home = site.page("")
    # The editors' order, not the order of the newest article; Ekonomi has no article.
    assert _section_titles(home) == ["Olahraga", "Pilkada", "Hukum"]
    hukum = home.select_one("#kategori-hukum").find_parent("section")
    assert [a.get_text() for a in hukum.select("li a")] == ["Sidang ke-2", "Sidang ke-1"]
    menu = [a.get_text() for a in home.select(".menu a")]
    assert menu[:4] == ["Beranda", "Olahraga", "Pilkada", "Hukum"]


def test_neighbours_skip_other_categories(site):
    site.add_article("satu", Title="Pilkada Satu", Date="2024-10-01 09:00")
    site.add_article("hukum", Title="Sidang Sela", Category="Hukum", Date="2024-10-02 09:00")
    site.add_article("dua", Title="Pilkada Dua", Date="2024-10-03 09:00")
    site.add_article("tiga", Title="Pilkada Tiga", Date="2024-10-04 09:00")
    assert site.build().ok

    def neighbours(slug: str) -> dict[str, str]:
        return {a["rel"][0]: a["href"] for a in site.page(f"berita/{slug}/").select(".prev-next a")}

    assert neighbours("pilkada-satu") == {"next": "/berita/pilkada-dua/"}
    assert neighbours("pilkada-dua") == {"prev": "/berita/pilkada-satu/", "next": "/berita/pilkada-tiga/"}
    assert neighbours("pilkada-tiga") == {"prev": "/berita/pilkada-dua/"}
    assert neighbours("sidang-sela") == {}


def test_dates_are_shown_in_the_site_time_zone(site):
    site.add_article("a", Title="Rapat di Makassar", Date="2024-10-08 14:30")
    assert site.build(TIMEZONE="Asia/Makassar").ok
    meta = site.page("berita/rapat-di-makassar/").select_one(".meta").get_text()
    assert "Selasa, 8 Oktober 2024 14:30 WITA" in meta


def test_links_follow_the_article_url_setting(site):
    site.add_article("a", Title="Patroli Siber", Date="2024-10-08 14:30")
    site.add_article("b", Title="Patroli Lanjutan", Date="2024-10-09 14:30")
    assert site.build(ARTICLE_URL="{date:%Y}/{slug}.html", ARTICLE_SAVE_AS="{date:%Y}/{slug}.html").ok
    assert (site.output / "2024/patroli-siber.html").is_file()
    listed = {a["href"] for a in site.page("kategori/pilkada/").select(".card-title a")}
    assert listed == {"/2024/patroli-siber.html", "/2024/patroli-lanjutan.html"}
    later = site.page("2024/patroli-lanjutan.html")
    assert later.select_one(".prev-next a[rel=prev]")["href"] == "/2024/patroli-siber.html"
