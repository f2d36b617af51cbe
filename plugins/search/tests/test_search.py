"""The search page, the header box and the Pagefind index of real builds (the browser tests search)."""

import gzip
import json
import pickle

import pytest

from search.pagefind import shard_of
from warta_common.output_files import kept_files

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


def _bundles(output) -> list[str]:
    return json.loads((output / "pagefind" / "bundles.json").read_text(encoding="utf-8"))


def _page_counts(output) -> dict[str, int]:
    counts = {}
    for bundle in _bundles(output):
        entry = json.loads((output / "pagefind" / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["id"]
        counts[bundle] = entry["languages"]["id"]["page_count"]
    return counts


def test_index_holds_published_articles_and_explainers_only(built):
    assert _page_counts(built.output) == {"0/": 3}
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
    fragments = (output / "pagefind").glob("*/fragment/*")
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
    entry = built.output / "pagefind" / "0" / "pagefind-entry.json"
    entry.write_text("{}", encoding="utf-8")
    assert built.build().ok
    assert _page_counts(built.output) == {"0/": 3}


def test_a_state_from_an_older_version_is_read_as_no_state(built):
    [state] = built.root.with_name(f"{built.root.name}-cache").glob("warta-search-*.pickle")
    state.write_bytes(pickle.dumps({"shards": {0: {"inputs": "older", "files": {}}}, "files": {}}))
    assert built.build().ok
    assert _page_counts(built.output) == {"0/": 3}


def test_a_large_site_is_indexed_in_shards_and_an_edit_reindexes_one(site):
    for number in range(12):
        site.add_article(f"a{number}", f"Isi berita nomor {number}.", Title=f"Berita Nomor {number}")
    assert site.build(SEARCH_SHARD_PAGES=3, SEARCH_MAX_SHARDS=3).ok
    counts = _page_counts(site.output)
    assert list(counts) == ["0/", "1/", "2/"] and sum(counts.values()) == 12
    before = _bundle(site.output)
    site.add_article("a5", "Isi berita nomor 5 dengan semboyan baru.", Title="Berita Nomor 5")
    assert site.build(SEARCH_SHARD_PAGES=3, SEARCH_MAX_SHARDS=3).ok
    after = _bundle(site.output)
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    assert len({path.split("/")[1] for path in changed}) == 1, changed
    assert "semboyan" in _indexed_text(site.output)
    assert _page_counts(site.output) == counts


def test_a_site_without_indexed_pages_has_an_empty_list_of_bundles(site):
    site.add("halaman/tentang.md", "Title: Tentang Kami\n\nKami redaksi.\n")
    assert site.build().ok
    assert _bundles(site.output) == []


def test_only_the_folders_of_indexed_pages_are_read():
    from search.pagefind import indexed_folders

    settings = {
        "ARTICLE_SAVE_AS": "berita/{slug}/index.html",
        "EXPLAINER_SAVE_AS": "aturan/{rule_path}/index.html",
    }
    assert indexed_folders(settings) == ["aturan", "berita"]
    assert indexed_folders({**settings, "EXPLAINER_SAVE_AS": "berita/aturan/{slug}.html"}) == ["berita"]
    assert indexed_folders({**settings, "ARTICLE_SAVE_AS": "{slug}.html"}) == [""]


def test_pages_changed_only_where_pagefind_does_not_read_keep_their_shards(site):
    def article(number: int, title: str) -> None:
        site.add_article(
            f"a{number}", f"Isi berita nomor {number}.", Title=title, Date=f"2024-10-{number + 1:02d} 10:00"
        )

    for number in range(12):
        article(number, f"Berita Nomor {number}")
    assert site.build(SEARCH_SHARD_PAGES=3, SEARCH_MAX_SHARDS=3).ok
    before = {path: path.read_bytes() for path in (site.output / "berita").rglob("index.html")}
    # The neighbours show the new headline in their previous/next links, outside what
    # Pagefind reads; the article itself moves to a new address.
    article(5, "Berita Nomor 5 Diperbarui")
    assert site.build(SEARCH_SHARD_PAGES=3, SEARCH_MAX_SHARDS=3).ok
    own = "berita/berita-nomor-5-diperbarui/index.html"
    changed = {
        path.relative_to(site.output).as_posix()
        for path in (site.output / "berita").rglob("index.html")
        if before.get(path) != path.read_bytes()
    }
    affected = {shard_of(own, 3), shard_of("berita/berita-nomor-5/index.html", 3)}
    assert {shard_of(relative, 3) for relative in changed - {own}} - affected, "no other shard's page changed"
    bundles = {
        path.split("/pagefind/", 1)[1].split("/", 1)[0] for path in kept_files() if "/pagefind/" in path
    }
    kept = {bundle for bundle in bundles if bundle.isdigit()}
    assert kept == {str(number) for number in range(3)} - {str(number) for number in affected}
    assert "Diperbarui" in _indexed_text(site.output)
