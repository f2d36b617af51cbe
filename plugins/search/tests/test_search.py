"""The search page, the header box and the Pagefind index of real builds (the browser tests search)."""

import gzip
import json
import pickle
import subprocess
import sys

import pytest
from pelican import signals
from pelican.generators import Generator

from search import build_index
from search.pagefind import shard_of
from warta import ROOT
from warta.testing import SETTINGS, file_tree, forked_children, session_members
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


def _manifest(output) -> dict:
    return json.loads((output / "pagefind" / "bundles.json").read_text(encoding="utf-8"))


def _bundles(output) -> list[str]:
    return _manifest(output)["bundles"]


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


SHARDED = {"SEARCH_SHARD_PAGES": 3, "SEARCH_MAX_SHARDS": 3}


def _numbered_article(site, number: int, more: str = "", title: str = "") -> None:
    """Article ``a<number>``, its text with ``more`` words, its headline ``title`` if given."""
    site.add_article(
        f"a{number}",
        f"Isi berita nomor {number}{more}.",
        Title=title or f"Berita Nomor {number}",
        Date=f"2024-10-{number + 1:02d} 10:00",
    )


def _numbered_articles(site, count: int = 12) -> None:
    for number in range(count):
        _numbered_article(site, number)


def _changed_bundles(before: dict, after: dict) -> set[str]:
    """The bundles (by folder) with a file added, removed or rewritten between two builds,
    and ``bundles.json`` if it was rewritten."""
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    return {path.split("/")[1] for path in changed}


def _fragment(output, bundle: str, fragment: str) -> dict:
    data = gzip.decompress(
        (output / "pagefind" / bundle / "fragment" / f"{fragment}.pf_fragment").read_bytes()
    )
    return json.loads(data.removeprefix(b"pagefind_dcd"))


def _fragments_by_url(output, bundle: str) -> dict[str, str]:
    return {
        _fragment(output, bundle, path.stem)["url"]: path.stem
        for path in (output / "pagefind" / bundle / "fragment").iterdir()
    }


def test_a_large_site_is_indexed_in_shards_and_without_an_overlay_an_edit_reindexes_one(site):
    _numbered_articles(site)
    assert site.build(**SHARDED, SEARCH_OVERLAY_PAGES=0).ok
    counts = _page_counts(site.output)
    assert list(counts) == ["0/", "1/", "2/"] and sum(counts.values()) == 12
    before = _bundle(site.output)
    _numbered_article(site, 5, " dengan semboyan baru")
    assert site.build(**SHARDED, SEARCH_OVERLAY_PAGES=0).ok
    assert _changed_bundles(before, _bundle(site.output)) == {
        str(shard_of("berita/berita-nomor-5/index.html", 3))
    }
    assert "semboyan" in _indexed_text(site.output)
    assert _page_counts(site.output) == counts
    assert _manifest(site.output)["hidden"] == []


def test_edits_are_indexed_into_the_overlay_and_their_old_versions_hidden(site):
    _numbered_articles(site)
    assert site.build(**SHARDED).ok
    old_ids = {
        url: fragment
        for bundle in ("0", "1", "2")
        for url, fragment in _fragments_by_url(site.output, bundle).items()
    }
    before = _bundle(site.output)

    _numbered_article(site, 5, " dengan semboyan baru")
    assert site.build(**SHARDED).ok
    after = _bundle(site.output)
    assert _changed_bundles(before, after) == {"bundles.json", "overlay"}
    assert _manifest(site.output) == {
        "bundles": ["0/", "1/", "2/", "overlay/"],
        "hidden": [old_ids["/berita/berita-nomor-5/"]],
    }
    assert _page_counts(site.output)["overlay/"] == 1
    [(url, fragment)] = _fragments_by_url(site.output, "overlay").items()
    assert url == "/berita/berita-nomor-5/"
    assert "semboyan" in _fragment(site.output, "overlay", fragment)["content"]
    own_shard = str(shard_of("berita/berita-nomor-5/index.html", 3))
    assert "semboyan" not in _fragment(site.output, own_shard, old_ids[url])["content"]

    _numbered_article(site, 7, " dengan slogan")
    assert site.build(**SHARDED).ok
    assert _changed_bundles(after, _bundle(site.output)) == {"bundles.json", "overlay"}
    assert set(_fragments_by_url(site.output, "overlay")) == {
        "/berita/berita-nomor-5/",
        "/berita/berita-nomor-7/",
    }
    assert _manifest(site.output)["hidden"] == sorted(
        [old_ids["/berita/berita-nomor-5/"], old_ids["/berita/berita-nomor-7/"]]
    )

    # A removed article is hidden; a new one goes to the overlay.
    (site.content / "artikel" / "a3.md").unlink()
    site.add_article(
        "baru", "Berita baru tentang rekapitulasi.", Title="Berita Baru", Date="2024-10-20 10:00"
    )
    assert site.build(**SHARDED).ok
    assert _changed_bundles(before, _bundle(site.output)) == {"bundles.json", "overlay"}
    assert set(_fragments_by_url(site.output, "overlay")) == {
        "/berita/berita-nomor-5/",
        "/berita/berita-nomor-7/",
        "/berita/berita-baru/",
    }
    assert _manifest(site.output)["hidden"] == sorted(
        old_ids[f"/berita/berita-nomor-{number}/"] for number in (3, 5, 7)
    )


def test_past_the_overlay_limit_the_shards_of_its_pages_are_indexed_again(site):
    _numbered_articles(site)
    assert site.build(**SHARDED, SEARCH_OVERLAY_PAGES=1).ok
    _numbered_article(site, 5, " dengan semboyan")
    assert site.build(**SHARDED, SEARCH_OVERLAY_PAGES=1).ok
    assert _bundles(site.output)[-1] == "overlay/"
    before = _bundle(site.output)
    _numbered_article(site, 7, " dengan slogan")
    assert site.build(**SHARDED, SEARCH_OVERLAY_PAGES=1).ok
    assert _manifest(site.output) == {"bundles": ["0/", "1/", "2/"], "hidden": []}
    shards = {str(shard_of(f"berita/berita-nomor-{n}/index.html", 3)) for n in (5, 7)}
    assert _changed_bundles(before, _bundle(site.output)) == {"bundles.json", "overlay", *shards}
    assert sum(_page_counts(site.output).values()) == 12
    assert "semboyan" in _indexed_text(site.output) and "slogan" in _indexed_text(site.output)


def test_past_the_overlay_limit_the_shards_holding_most_of_it_are_indexed_again(site):
    _numbered_articles(site)
    assert site.build(**SHARDED, SEARCH_OVERLAY_PAGES=3).ok
    by_shard: dict[str, list[int]] = {}
    for number in range(12):
        by_shard.setdefault(str(shard_of(f"berita/berita-nomor-{number}/index.html", 3)), []).append(number)
    fullest, other = sorted(by_shard, key=lambda shard: len(by_shard[shard]), reverse=True)[:2]
    edited = [*by_shard[fullest][:3], by_shard[other][0]]
    before = _bundle(site.output)
    # Four pages to overlay, one more than the limit: the shard holding three of them is
    # indexed again, and the overlay keeps the fourth (at most half the limit).
    for number in edited:
        _numbered_article(site, number, " dengan semboyan")
    assert site.build(**SHARDED, SEARCH_OVERLAY_PAGES=3).ok
    assert _changed_bundles(before, _bundle(site.output)) == {"bundles.json", "overlay", fullest}
    assert set(_fragments_by_url(site.output, "overlay")) == {f"/berita/berita-nomor-{edited[3]}/"}
    assert len(_manifest(site.output)["hidden"]) == 1
    assert _indexed_text(site.output).count("semboyan") == 4


def test_an_edit_taken_back_leaves_the_overlay(site):
    _numbered_articles(site)
    assert site.build(**SHARDED).ok
    _numbered_article(site, 5, " dengan semboyan")
    assert site.build(**SHARDED).ok
    assert _bundles(site.output)[-1] == "overlay/"
    before = _bundle(site.output)
    _numbered_article(site, 5)
    assert site.build(**SHARDED).ok
    assert _manifest(site.output) == {"bundles": ["0/", "1/", "2/"], "hidden": []}
    assert _changed_bundles(before, _bundle(site.output)) == {"bundles.json", "overlay"}
    assert "semboyan" not in _indexed_text(site.output)


def test_an_old_fragment_whose_id_names_a_fragment_elsewhere_is_not_hidden(site):
    """Fragment ids are short hashes, so pages of two bundles may share one: hiding it would
    hide the other page too, so the edited page's shard is indexed again instead. The
    kept ids are altered so that the edited page's old id is that of a page in another shard."""
    _numbered_articles(site)
    assert site.build(**SHARDED).ok
    edited = "berita/berita-nomor-5/index.html"
    own = str(shard_of(edited, 3))
    other = next(bundle for bundle in ("0", "1", "2") if bundle != own)
    taken = next(iter(_fragments_by_url(site.output, other).values()))
    [state_file] = site.root.with_name(f"{site.root.name}-cache").glob("warta-search-*.pickle")
    state = pickle.loads(state_file.read_bytes())
    pages = state["bundles"][own]["pages"]
    state["bundles"][own]["ids"] = {relative: f"id_{index:07x}" for index, relative in enumerate(pages)} | {
        edited: taken
    }
    state_file.write_bytes(pickle.dumps(state))
    before = _bundle(site.output)
    _numbered_article(site, 5, " dengan semboyan")
    assert site.build(**SHARDED).ok
    assert _manifest(site.output) == {"bundles": ["0/", "1/", "2/"], "hidden": []}
    assert _changed_bundles(before, _bundle(site.output)) == {own}
    assert "semboyan" in _indexed_text(site.output)


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
    _numbered_articles(site)
    assert site.build(**SHARDED).ok
    before = {path: path.read_bytes() for path in (site.output / "berita").rglob("index.html")}
    # The neighbours show the new headline in their previous/next links, outside what
    # Pagefind reads; the article itself moves to a new address.
    _numbered_article(site, 5, title="Berita Nomor 5 Diperbarui")
    assert site.build(**SHARDED).ok
    own = "berita/berita-nomor-5-diperbarui/index.html"
    changed = {
        path.relative_to(site.output).as_posix()
        for path in (site.output / "berita").rglob("index.html")
        if before.get(path) != path.read_bytes()
    }
    assert len(changed - {own}) >= 2, "the neighbours changed"
    bundles = {
        path.split("/pagefind/", 1)[1].split("/", 1)[0] for path in kept_files() if "/pagefind/" in path
    }
    assert bundles == {"0", "1", "2"}
    assert set(_fragments_by_url(site.output, "overlay")) == {f"/{own.removesuffix('index.html')}"}
    assert len(_manifest(site.output)["hidden"]) == 1
    assert "Diperbarui" in _indexed_text(site.output)


@pytest.mark.parametrize("processes", [None, 1], ids=["beside-the-build", "one-process"])
def test_a_build_failing_while_the_index_is_built_beside_it_leaves_nothing_behind(built, processes):
    published = file_tree(built.output)
    built.add_article("baru", "Berita baru tentang logistik.", Title="Logistik Tiba")
    running = []

    def fail_before_the_index_is_waited_for(pelican):
        running.extend(forked_children())
        raise RuntimeError("a step after the feeds failed")

    # As if a plugin registered before search failed when Pelican finished.
    signals.finalized.disconnect(build_index)
    signals.finalized.connect(fail_before_the_index_is_waited_for)
    signals.finalized.connect(build_index)
    try:
        with pytest.raises(RuntimeError, match="a step after the feeds failed"):
            built.build(WARTA_RENDER_PROCESSES=processes)
    finally:
        signals.finalized.disconnect(fail_before_the_index_is_waited_for)
    # In one process, the index is built at finalized, after the failing step: never.
    assert bool(running) == (processes != 1)
    assert forked_children() == []
    assert file_tree(built.output) == published
    # Neither the staging folder nor Pagefind's folders beside it are left.
    assert sorted(p.name for p in built.output.parent.iterdir()) == ["content", "output"]
    assert built.build().ok
    assert "Berita baru tentang logistik" in _indexed_text(built.output)


_FAILING_PELICAN = """
import sys
from pelican import main, signals
from warta.testing import forked_children

def fail_before_the_index_is_waited_for(pelican):
    print("children", len(forked_children()), flush=True)
    raise RuntimeError("a step after the feeds failed")

# Connected before the plugins are: it runs before search waits for its index.
signals.finalized.connect(fail_before_the_index_is_waited_for)
main(sys.argv[1:])
"""


def test_pelicans_command_line_failing_while_the_index_is_built_exits_after_it(built, tmp_path):
    cache = json.dumps(str(tmp_path / "cli-cache"))
    command = [sys.executable, "-c", _FAILING_PELICAN, str(built.content), "-s", str(SETTINGS)]
    command += ["-o", str(tmp_path / "cli-output"), "-e", f"CACHE_PATH={cache}"]
    pelican = subprocess.Popen(command, cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, text=True)
    printed, _ = pelican.communicate(timeout=120)
    assert pelican.returncode != 0
    assert "children 1" in printed, "the index was being built when the step failed"
    # Its session: the build, its children and Pagefind, none left once it exited.
    assert session_members(pelican.pid) == []


class _LatePages(Generator):
    """A plugin's generator after the search page's, writing a page that is indexed."""

    def generate_output(self, writer) -> None:
        page = self.env.from_string(
            '<!doctype html><html lang="id"><head><title>{{ title }}</title></head>'
            "<body><main data-pagefind-body><h1>{{ title }}</h1><p>Ditulis paling akhir.</p></main>"
            "</body></html>"
        )
        writer.write_file("berita/terlambat/index.html", page, self.context, title="Halaman Terlambat")


def test_pages_written_after_the_search_page_are_indexed_too(built):
    def late_pages(pelican):
        return _LatePages

    signals.get_generators.connect(late_pages)
    try:
        assert built.build().ok
    finally:
        signals.get_generators.disconnect(late_pages)
    assert "Ditulis paling akhir" in _indexed_text(built.output)
