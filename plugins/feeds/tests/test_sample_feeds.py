"""The sample site's feeds: valid by the W3C validator's rules, complete, discoverable, stable."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from feeds.tests.feed_rules import feed_problems
from warta import ROOT
from warta.build import build
from warta.testing import CHROMIUM, CHROMIUM_FLAGS

BASE = "https://warta.example.id"


def build_sample(output: Path) -> Path:
    result = build(ROOT / "pelicanconf.py", output, overrides={"SITEURL": BASE})
    assert result.ok, [str(p) for p in result.problems]
    return output


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.mktemp("sample") / "output")


def feed_files(output: Path) -> list[Path]:
    return sorted(output.glob("feeds/**/*.xml"))


def page(output: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((output / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def built_file(output: Path, url: str) -> Path:
    assert url.startswith(f"{BASE}/"), url
    path = output / url.removeprefix(f"{BASE}/")
    return path / "index.html" if url.endswith("/") else path


def test_every_listing_has_an_rss_and_an_atom_feed(sample):
    names = {path.relative_to(sample).as_posix() for path in feed_files(sample)}
    expected = {"feeds/semua", "feeds/aturan"}
    for kind, folder in (
        ("kategori", "kategori"),
        ("tag", "tag"),
        ("pewarta", "pewarta"),
        ("wilayah", "wilayah"),
    ):
        listings = [p.parent.name for p in (sample / folder).glob("*/index.html")]
        assert listings, folder
        expected |= {f"feeds/{kind}/{slug}" for slug in listings}
    assert names == {f"{stem}.{form}.xml" for stem in expected for form in ("rss", "atom")}


def test_every_feed_follows_the_validator_rules(sample):
    problems = {
        path.relative_to(sample).as_posix(): found
        for path in feed_files(sample)
        if (found := feed_problems(path, sample, BASE))
    }
    assert problems == {}


def test_every_entry_is_complete_and_links_to_built_files(sample):
    for path in feed_files(sample):
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, path
        assert built_file(sample, feed.feed.link).is_file(), path
        assert feed.entries, path
        for entry in feed.entries:
            assert entry.title and entry.id and entry.summary, (path, entry.get("title"))
            assert entry.published_parsed and entry.updated_parsed >= entry.published_parsed
            assert built_file(sample, entry.link).is_file(), entry.link
            if not path.name.startswith("aturan."):
                assert entry.content[0].value.strip()
                assert entry.tags and entry.author


def test_all_articles_feed_lists_the_published_articles_newest_first(sample):
    feed = feedparser.parse((sample / "feeds/semua.atom.xml").read_bytes())
    articles = list((ROOT / "content" / "artikel").glob("*.md"))
    assert len(feed.entries) == len(articles)
    published = [entry.published for entry in feed.entries]
    assert published == sorted(published, reverse=True)
    assert feed.feed.updated == max(entry.updated for entry in feed.entries)


def test_an_entry_has_an_enclosure_exactly_when_its_article_has_a_lead_image(sample):
    rss = feedparser.parse((sample / "feeds/semua.rss.xml").read_bytes())
    with_image = [e for e in rss.entries if e.get("enclosures")]
    assert with_image
    for entry in rss.entries:
        article = BeautifulSoup(built_file(sample, entry.link).read_text(encoding="utf-8"), "html.parser")
        lead = article.select_one("figure.lead-image img")
        assert (lead is not None) == bool(entry.get("enclosures")), entry.link
    for entry in with_image:
        enclosure = entry.enclosures[0]
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) == built_file(sample, enclosure.href).stat().st_size
        assert entry.media_content[0]["url"] == enclosure.href
        assert entry.media_content[0]["width"] == "1200"


def test_home_and_listing_pages_advertise_their_own_feed_first(sample):
    def alternates(url: str) -> list[tuple[str, str]]:
        links = page(sample, url).select('head link[rel="alternate"]')
        return [(link["type"], link["href"]) for link in links]

    everything = [
        ("application/rss+xml", f"{BASE}/feeds/semua.rss.xml"),
        ("application/atom+xml", f"{BASE}/feeds/semua.atom.xml"),
    ]
    assert alternates("") == everything
    assert page(sample, "").select_one(".feed-link a")["href"] == f"{BASE}/feeds/semua.rss.xml"
    for listing, feed in (
        ("kategori/pilkada", "kategori/pilkada"),
        ("kategori/pilkada/hal/2", "kategori/pilkada"),
        ("tag/netralitas-asn", "tag/netralitas-asn"),
        ("pewarta/rina-oktaviani", "pewarta/rina-oktaviani"),
        ("wilayah/kota-bengkulu", "wilayah/kota-bengkulu"),
    ):
        own = [
            ("application/rss+xml", f"{BASE}/feeds/{feed}.rss.xml"),
            ("application/atom+xml", f"{BASE}/feeds/{feed}.atom.xml"),
        ]
        assert alternates(listing) == own + everything, listing
        icon = page(sample, listing).select_one(".listing-header .feed-link a")
        assert icon["href"] == f"{BASE}/feeds/{feed}.rss.xml"
    article = next((sample / "berita").iterdir()).relative_to(sample).as_posix()
    assert alternates(article) == everything


def test_the_subscription_page_lists_every_feed(sample):
    home = page(sample, "")
    footer_links = [a["href"] for a in home.select(".site-footer a")]
    assert f"{BASE}/langganan/" in footer_links
    subscription = page(sample, "langganan")
    assert subscription.h1.get_text() == "Langganan RSS"
    assert "aplikasi pembaca feed" in subscription.get_text()
    linked = {a["href"] for a in subscription.select("a.feed-format")}
    assert linked == {f"{BASE}/{path.relative_to(sample).as_posix()}" for path in feed_files(sample)}
    headings = [h.get_text() for h in subscription.select("section h2")]
    assert headings == ["Semua berita", "Penjelasan aturan", "Kategori", "Wilayah", "Tag", "Pewarta"]


def test_two_builds_give_byte_identical_feeds(sample, tmp_path):
    again = build_sample(tmp_path / "again")
    for path in [
        *feed_files(sample),
        sample / "feeds/tampilan.xsl",
        sample / "feeds/tampilan.css",
        sample / "langganan/index.html",
    ]:
        relative = path.relative_to(sample)
        assert (again / relative).read_bytes() == path.read_bytes(), relative


@pytest.fixture
def served(sample):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(sample)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def as_written(date: str) -> datetime:
    """A feed date in its own offset (feedparser's ``*_parsed`` are in UTC)."""
    try:
        return datetime.fromisoformat(date)
    except ValueError:
        return parsedate_to_datetime(date)


def chromium(*arguments: str) -> str:
    profile = tempfile.mkdtemp(prefix="warta-chromium-")
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
    try:
        result = subprocess.run(
            [*command, *arguments], capture_output=True, text=True, timeout=90, check=True
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return result.stdout


def browser_dom(url: str) -> BeautifulSoup:
    return BeautifulSoup(chromium("--dump-dom", url), "html.parser")


@pytest.mark.parametrize("name", ["semua.rss.xml", "semua.atom.xml"])
def test_a_browser_shows_a_feed_as_a_readable_page(sample, served, name):
    feed = feedparser.parse((sample / "feeds" / name).read_bytes())
    dom = browser_dom(f"{served}/feeds/{name}")
    assert dom.h1.get_text() == feed.feed.title
    assert "Ini adalah feed" in dom.select_one(".notice").get_text()
    shown = [(a.get_text(), a["href"]) for a in dom.select(".feed-entries li a")]
    assert shown == [(entry.title, entry.link) for entry in feed.entries]
    metas = [meta.get_text(" ", strip=True) for meta in dom.select(".feed-entries .meta")]
    for entry, meta in zip(feed.entries, metas, strict=True):
        assert meta.startswith(as_written(entry.published).strftime("%d/%m/%Y %H:%M")), meta
        assert ("diperbarui" in meta) == (entry.updated_parsed != entry.published_parsed), meta
    assert any("diperbarui" in meta for meta in metas)


# The colour of a feed's title in feed_stylesheet.css.
TITLE_RED = (164, 22, 26)


@pytest.mark.parametrize("name", ["semua.rss.xml", "semua.atom.xml"])
def test_a_browser_without_xslt_still_shows_a_styled_feed(served, tmp_path, name):
    # Without XSLT, Chromium would show its XML tree viewer; the CSS stylesheet applies instead.
    url = f"{served}/feeds/{name}"
    dom = chromium("--disable-blink-features=XSLT", "--dump-dom", url)
    assert "xml-viewer-style" not in dom
    assert "<h1" not in dom
    shot = tmp_path / "feed.png"
    chromium("--disable-blink-features=XSLT", "--window-size=800,600", f"--screenshot={shot}", url)
    with Image.open(shot) as picture:
        colours = picture.convert("RGB").getcolors(maxcolors=1 << 20)
    title = sum(
        count
        for count, colour in colours
        if max(abs(a - b) for a, b in zip(colour, TITLE_RED, strict=True)) < 12
    )
    assert title > 300
