"""The search page, the header box and the Pagefind index of real builds (the browser tests search)."""

import gzip
import json

import pytest

ARTICLE = {"Title": "Bawaslu Kota Bengkulu Patroli Media Sosial ASN"}


@pytest.fixture
def built(site):
    site.add_article("a", "Patroli siber menemukan unggahan kampanye.")
    site.add_article("b", "Isi kedua.", Title="Rapat Pleno KPU", Date="2024-10-09 10:00")
    site.add_article("draf", "Rahasia redaksi.", Title="Rancangan Berita", Status="draft")
    site.add(
        "aturan/pasal-280.md",
        "Title: Larangan Melibatkan ASN\nRegulation: UU 7/2017\nRegulationTitle: Undang-Undang Pemilu\n"
        "Article: Pasal 280\nSource: https://peraturan.go.id/uu-7-2017\nDate: 2024-09-01 10:00\n\nIsi.\n",
    )
    site.add("halaman/tentang.md", "Title: Tentang Kami\n\nKami redaksi.\n")
    result = site.build()
    assert result.ok, [str(p) for p in result.problems]
    return site


def test_index_holds_published_articles_and_explainers_only(built):
    entry = json.loads((built.output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]
    assert entry["languages"]["id"]["page_count"] == 3
    draft = built.page("draf/rancangan-berita/")
    assert not draft.select("[data-pagefind-body]")
    article = built.page("berita/rapat-pleno-kpu/")
    assert article.select_one("[data-pagefind-meta=title]").get_text() == "Rapat Pleno KPU"
    assert article.select_one("[data-pagefind-meta=date]").get_text() == "Rabu, 9 Oktober 2024 10:00 WIB"


def test_search_page_works_without_javascript_as_far_as_it_can(built):
    page = built.page("cari/")
    assert page.title.get_text() == "Cari berita | Warta Bengkulu"
    form = page.select_one("form[data-search-form]")
    assert form.has_attr("hidden") and form["action"] == "/cari/"
    assert form.select_one("label[for=kata-kunci]") and form.select_one("input#kata-kunci")["name"] == "q"
    assert page.select_one("[data-search-status]")["role"] == "status"
    fallback = page.noscript.get_text(" ", strip=True)
    assert fallback.startswith("Pencarian memerlukan JavaScript.")
    script = page.select_one("script[type=module]")["src"]
    assert script.startswith("/theme/js/cari.") and (built.output / script.lstrip("/")).is_file()


def test_header_has_a_search_link_that_javascript_turns_into_a_box(built):
    header = built.page("").select_one(".site-header .header-search")
    link = header.select_one("a.search-link")
    assert link["href"] == "/cari/" and not link.has_attr("hidden")
    box = header.select_one("form[role=search]")
    assert box.has_attr("hidden") and box["action"] == "/cari/"
    assert box.select_one("label").get_text() == "Cari berita"


def test_a_failed_index_leaves_the_previous_site_untouched(built, capsys):
    marker = built.output / "index.html"
    before = marker.read_bytes()
    result = built.build(SEARCH_EXCLUDE_SELECTORS=["[[["])
    assert not result.ok
    [problem] = result.problems
    assert str(problem).startswith("search index: Pagefind failed to index the site: ")
    assert "\n" not in str(problem)
    assert marker.read_bytes() == before
    assert sorted(p.name for p in built.output.parent.iterdir()) == ["content", "output"]
    assert str(problem) in capsys.readouterr().err


def _indexed_text(output) -> str:
    fragments = (output / "pagefind" / "fragment").iterdir()
    return " ".join(gzip.decompress(path.read_bytes()).decode("utf-8") for path in fragments)


def _bundle(output) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(output)): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in (output / "pagefind").rglob("*")
        if path.is_file()
    }


def test_the_index_follows_rebuilds_that_change_other_pages_then_an_indexed_one(built):
    before = _bundle(built.output)
    built.add("halaman/tentang.md", "Title: Tentang Kami\n\nKami redaksi daerah.\n")
    assert built.build().ok
    assert _bundle(built.output) == before
    assert "semboyan" not in _indexed_text(built.output)
    built.add_article("a", "Patroli siber menemukan unggahan kampanye dan semboyan baru.")
    assert built.build().ok
    assert "semboyan" in _indexed_text(built.output)
    assert _bundle(built.output) != before


def test_an_index_changed_since_it_was_published_is_built_again(built):
    entry = built.output / "pagefind" / "pagefind-entry.json"
    entry.write_text("{}", encoding="utf-8")
    assert built.build().ok
    assert json.loads(entry.read_text(encoding="utf-8"))["languages"]["id"]["page_count"] == 3


def test_only_the_folders_of_indexed_pages_are_read():
    from search.pagefind import indexed_glob

    settings = {
        "ARTICLE_SAVE_AS": "berita/{slug}/index.html",
        "EXPLAINER_SAVE_AS": "aturan/{rule_path}/index.html",
    }
    assert indexed_glob(settings) == "{aturan,berita}/**/*.html"
    assert indexed_glob({**settings, "EXPLAINER_SAVE_AS": "berita/aturan/{slug}.html"}) == "berita/**/*.html"
    assert indexed_glob({**settings, "ARTICLE_SAVE_AS": "{slug}.html"}) == "**/*.html"
