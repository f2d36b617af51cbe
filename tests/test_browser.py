"""The sample site in a real headless Chromium: layout, console, accessibility (axe-core), search, keyboard.

One build, one HTTP server and one browser for the whole module; every page is loaded once per
width and the checks share what was measured.
"""

from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from warta import ROOT
from warta.build import build
from warta.screenshots import PAGES
from warta.testing import SETTINGS, build_sample_site, chromium, serve_folder

WIDTHS = (390, 1280)
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# One worker runs the whole module, so the site is built and the browser started once.
pytestmark = pytest.mark.xdist_group("browser")
AXE_SOURCE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = build_sample_site(tmp_path_factory.mktemp("browser") / "output")
    with serve_folder(output) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def scroll_through(page) -> None:
    """Scroll to the bottom and back so lazy images load, as a reader's scrolling would."""
    height = page.evaluate("document.documentElement.scrollHeight")
    for _ in range(0, height, 400):
        page.mouse.wheel(0, 400)
    page.wait_for_function("[...document.images].every((i) => i.complete)")
    page.evaluate("scrollTo(0, 0)")


@pytest.fixture(scope="module")
def visits(site, browser):
    """Each page at each width: console errors, failed requests, overflow, axe violations."""
    found = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        for name, path in PAGES.items():
            page = context.new_page()
            problems: list[str] = []
            page.on("console", lambda m, p=problems: m.type == "error" and p.append(m.text))
            page.on("pageerror", lambda e, p=problems: p.append(str(e)))
            page.on("requestfailed", lambda r, p=problems: p.append(f"failed: {r.url}"))
            page.on("response", lambda r, p=problems: r.status >= 400 and p.append(f"{r.status}: {r.url}"))
            page.goto(site + path)
            if name == "search":
                page.wait_for_selector(".search-results li")
            scroll_through(page)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            page.add_script_tag(content=AXE_SOURCE)
            axe = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
            images = page.evaluate(
                "[...document.images].map(i => ({src: i.currentSrc, ok: i.complete && i.naturalWidth > 0}))"
            )
            found[name, width] = {
                "problems": problems,
                "overflow": overflow,
                "violations": [
                    f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
                    for v in axe["violations"]
                ],
                "images": images,
            }
            page.close()
        context.close()
    return found


CASES = [(name, width) for width in WIDTHS for name in PAGES]


@pytest.mark.parametrize(("name", "width"), CASES)
def test_page_fits_the_screen_and_logs_no_errors(visits, name, width):
    visit = visits[name, width]
    assert visit["overflow"] <= 0, f"{name} at {width}px scrolls sideways by {visit['overflow']}px"
    assert visit["problems"] == []


@pytest.mark.parametrize(("name", "width"), CASES)
def test_page_has_no_wcag_22_aa_violations(visits, name, width):
    assert visits[name, width]["violations"] == []


def test_images_load_in_webp_at_a_fitting_width(visits):
    narrow = [i for i in visits["article", 390]["images"] if "/images/" in i["src"]]
    assert narrow and all(i["ok"] for i in narrow)
    assert all(i["src"].endswith(".webp") and "-480w." in i["src"] for i in narrow), narrow
    wide = [i["src"] for i in visits["article", 1280]["images"] if "/images/" in i["src"]]
    assert all("-800w." in src for src in wide), wide


def test_search_page_finds_the_expected_article(site, browser):
    page = browser.new_page()
    page.goto(site + "/cari/")
    page.fill("#kata-kunci", "investigasi sembako")
    first = page.locator(".search-results li").first
    first.wait_for()
    assert first.locator("h2 a").inner_text() == (
        "Bawaslu Kota Bengkulu Bentuk Tim Investigasi Dugaan Pembagian Sembako oleh Tim Paslon"
    )
    assert first.locator(".meta").inner_text() == "Senin, 14 Oktober 2024 16:00 WIB"
    assert first.locator("mark").count() >= 1
    assert "hasil untuk “investigasi sembako”" in page.inner_text("[data-search-status]")
    page.fill("#kata-kunci", "zzzqqq")
    page.wait_for_function(
        "document.querySelector('[data-search-status]').textContent.startsWith('Tidak ada')"
    )
    assert page.locator(".search-results li").count() == 0
    page.close()


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    """The sample site with its search index in shards of a few pages."""
    root = tmp_path_factory.mktemp("sharded")
    overrides = {"SEARCH_SHARD_PAGES": 4, "CACHE_PATH": str(root / "cache")}
    assert build(SETTINGS, root / "output", overrides=overrides).ok
    assert len(json.loads((root / "output/pagefind/bundles.json").read_text(encoding="utf-8"))["bundles"]) > 3
    with serve_folder(root / "output") as base:
        yield base


def _search(browser, base: str, query: str) -> tuple[str, set[str]]:
    page = browser.new_page()
    page.goto(f"{base}/cari/?q={query}")
    page.wait_for_function(
        "q => document.querySelector('[data-search-status]').textContent.includes(q)", arg=query
    )
    found = page.inner_text("[data-search-status]"), set(page.locator(".search-results h2").all_inner_texts())
    page.close()
    return found


def test_a_sharded_index_finds_what_one_index_finds(site, sharded_site, browser):
    for query in ("netralitas", "politik uang", "sembako", "kampanye"):
        status, titles = _search(browser, site, query)
        assert titles, query
        assert _search(browser, sharded_site, query) == (status, titles)


REMOVED_TITLE = "Banjir Rendam Jalan Lintas dan Ratusan Rumah di Ipuh, Mukomuko"


def _an_editors_day(content: Path) -> None:
    """An article rewritten (a district renamed), one taken down, one added."""
    edited = content / "artikel" / "bawaslu-kota-bengkulu-investigasi-dugaan-sembako.md"
    text = edited.read_text(encoding="utf-8").replace("Selebar", "Sungai Serut")
    edited.write_text(text, encoding="utf-8")
    (content / "artikel" / "banjir-rendam-jalan-lintas-ipuh-mukomuko.md").unlink()
    added = text.replace("Title: ", "Title: Tim Investigasi Temui Warga: ", 1)
    (content / "artikel" / "tim-investigasi-temui-warga.md").write_text(added, encoding="utf-8")


@pytest.fixture(scope="module")
def edited_sites(tmp_path_factory):
    """The sample site after an editor's day: rebuilt with its search overlay, and built anew."""
    root = tmp_path_factory.mktemp("edited")
    shutil.copytree(ROOT / "content", root / "content")
    overrides = {"PATH": str(root / "content"), "SEARCH_SHARD_PAGES": 4}
    rebuilt = {**overrides, "CACHE_PATH": str(root / "cache")}
    assert build(SETTINGS, root / "rebuilt", overrides=rebuilt).ok
    _an_editors_day(root / "content")
    assert build(SETTINGS, root / "rebuilt", overrides=rebuilt).ok
    manifest = json.loads((root / "rebuilt/pagefind/bundles.json").read_text(encoding="utf-8"))
    assert manifest["bundles"][-1] == "overlay/" and len(manifest["hidden"]) >= 2
    assert build(SETTINGS, root / "anew", overrides={**overrides, "CACHE_PATH": str(root / "no-cache")}).ok
    with serve_folder(root / "rebuilt") as rebuilt_base, serve_folder(root / "anew") as anew_base:
        yield rebuilt_base, anew_base


def test_a_rebuilt_index_with_an_overlay_finds_what_a_new_one_finds(edited_sites, browser):
    rebuilt, anew = edited_sites
    for query in ("selebar", "sungai serut", "temui warga", "banjir"):
        status, titles = _search(browser, anew, query)
        assert titles, query
        assert _search(browser, rebuilt, query) == (status, titles), query
    assert REMOVED_TITLE not in _search(browser, rebuilt, "banjir")[1]


def test_header_box_searches_from_any_page(site, browser):
    page = browser.new_page()
    page.goto(site + "/kategori/pilkada/")
    page.fill("#cari-situs", "politik uang")
    page.press("#cari-situs", "Enter")
    page.wait_for_url("**/cari/?q=politik+uang", wait_until="commit")
    page.locator(".search-results li").first.wait_for()
    assert page.input_value("#kata-kunci") == "politik uang"
    titles = page.locator(".search-results h2").all_inner_texts()
    assert "Larangan Politik Uang dalam Pilkada" in titles
    page.close()


def test_without_javascript_the_search_box_is_a_link(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    assert page.locator(".header-search a.search-link").is_visible()
    assert not page.locator("#cari-situs").is_visible()
    page.click(".header-search a.search-link")
    assert page.url == site + "/cari/"
    assert page.locator("noscript").count() == 1
    context.close()


def test_keyboard_reaches_menu_search_and_share_links(site, browser):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(site + PAGES["article"])
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return [e.closest('nav, form, section')?.className || '', e.textContent.trim() || e.id]; })()"
            )
        )
    assert reached[0] == ["", "Langsung ke isi"]
    assert ["search-box", "cari-situs"] in reached
    assert ["wrap menu", "Pilkada"] in reached
    assert ["share", "WhatsApp"] in reached and ["share", "Salin tautan"] in reached
    page.close()
