"""The embedded sample content: it builds, it covers what a newsroom has, every link resolves."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from warta import ROOT
from warta.testing import build_sample_site

CONTENT = ROOT / "content"


def header(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    output = build_sample_site(tmp_path_factory.mktemp("sample") / "output")
    return output


def articles():
    return sorted((CONTENT / "artikel").glob("*.md"))


def test_sample_content_covers_a_real_newsroom():
    fields = [header(path) for path in articles()]
    assert len(fields) >= 15
    assert len({f["Region"] for f in fields if "Region" in f}) >= 3
    assert len({f["Category"] for f in fields}) >= 4
    assert len(list((CONTENT / "aturan").glob("*.md"))) >= 4
    assert any("Netralitas ASN" in f.get("Tags", "") for f in fields)


def test_every_article_has_its_page_with_byline_and_image(sample):
    for path in articles():
        fields = header(path)
        pages = list(sample.glob("berita/*/index.html"))
        matching = [
            p
            for p in pages
            if BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").h1.get_text() == fields["Title"]
        ]
        assert len(matching) == 1, path
        page = BeautifulSoup(matching[0].read_text(encoding="utf-8"), "html.parser")
        byline = " ".join(page.select_one(".byline").get_text().split())
        assert f"Pewarta: {fields['Authors']}" in byline
        if "Image" in fields:
            image = page.select_one("figure.lead-image img")
            assert image["width"] and image["height"] and image["alt"]


def link_targets(page: BeautifulSoup):
    for tag, attribute in (("a", "href"), ("img", "src"), ("link", "href"), ("script", "src")):
        for element in page.find_all(tag):
            value = element.get(attribute)
            if value and value.startswith("/") and not value.startswith("//"):
                yield value.split("#")[0].split("?")[0]


def test_every_internal_link_resolves(sample):
    broken = []
    for html in sample.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for target in link_targets(page):
            path = sample / target.lstrip("/")
            if target.endswith("/"):
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{html.relative_to(sample)} → {target}")
    assert not broken, broken[:20]


def test_stylesheet_stays_small():
    assert (ROOT / "theme/static/css/warta.css").stat().st_size <= 15 * 1024
