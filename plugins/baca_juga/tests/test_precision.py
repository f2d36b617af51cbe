"""Quality evidence: the share of chosen links that stay within their developing story.

Two labelled corpora, both built by real Pelican builds and read back from the HTML:
the fixture corpus (``fixtures/korpus``, labels in ``fixtures/stories.json``: stories, near
misses and unrelated articles, several without tags) and the sample site's own content
(stories labelled by the content writer). Every link counts: inline boxes and the list.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from warta import ROOT
from warta.testing import SiteUnderTest, build_sample_site

FIXTURES = Path(__file__).parent / "fixtures"
MINIMUM_PRECISION = 0.9

# The sample content's developing stories, by file name in content/artikel/.
SAMPLE_STORIES = [
    [
        "patroli-medsos-asn-kota-bengkulu",
        "asn-kota-bengkulu-dipanggil-bawaslu-unggahan-kampanye",
        "bawaslu-teruskan-rekomendasi-asn-ke-bkn",
        "asn-kota-bengkulu-diingatkan-netral-masa-tenang",
    ],
    [
        "bawaslu-mukomuko-buka-posko-pengaduan",
        "posko-pengaduan-mukomuko-terima-aduan",
        "bawaslu-mukomuko-patroli-masa-tenang",
    ],
    [
        "bawaslu-kota-bengkulu-investigasi-dugaan-sembako",
        "gakkumdu-klarifikasi-saksi-kasus-sembako",
        "kasus-sembako-kota-bengkulu-naik-penyidikan",
    ],
    [
        "bawaslu-provinsi-bengkulu-petakan-data-pemilih",
        "kpu-rejang-lebong-tetapkan-dpt-pilkada-2024",
        "disdukcapil-rejang-lebong-rekam-ktp-el-pemilih-pemula",
    ],
    ["bawaslu-bengkulu-selatan-ajak-wartawan-lawan-hoaks", "hoaks-video-surat-suara-bengkulu-selatan"],
]


def titles_by_file(folder: Path) -> dict[str, str]:
    """The Title line of each Markdown file, keyed by the title."""
    found = {}
    for path in folder.glob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("Title:"):
                found[line.removeprefix("Title:").strip()] = path.stem
                break
    return found


def chosen_links(output: Path, files: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    """For every article page: the file names it links to, inline and in the list."""
    chosen = {}
    for page_path in sorted(output.glob("berita/*/index.html")):
        page = BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser")
        source = files[page.h1.get_text()]
        chosen[source] = {
            "inline": [files[a.get_text()] for a in page.select(".article-body aside.baca-juga a")],
            "list": [files[a.get_text()] for a in page.select("section.related li a")],
        }
    return chosen


def precision(chosen: dict[str, dict[str, list[str]]], stories: list[list[str]]) -> tuple[float, int]:
    story_of = {name: number for number, story in enumerate(stories) for name in story}
    links = [(source, target) for source, kinds in chosen.items() for t in kinds.values() for target in t]
    good = sum(source in story_of and story_of.get(target) == story_of[source] for source, target in links)
    return good / len(links), len(links)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> tuple[Path, dict]:
    site = SiteUnderTest(tmp_path_factory.mktemp("korpus"))
    shutil.copytree(FIXTURES / "korpus", site.content / "artikel")
    result = site.build()
    assert result.ok, [str(p) for p in result.problems]
    return site.output, json.loads((FIXTURES / "stories.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    output = build_sample_site(tmp_path_factory.mktemp("sample") / "output")
    return output


def test_fixture_corpus_links_stay_within_their_story(fixture_site):
    output, labels = fixture_site
    chosen = chosen_links(output, titles_by_file(FIXTURES / "korpus"))
    share, count = precision(chosen, list(labels["stories"].values()))
    assert count >= 20, "too few links to judge"
    assert share >= MINIMUM_PRECISION, f"precision {share:.2f} over {count} links"


def test_fixture_stories_are_linked_even_without_tags(fixture_site):
    output, labels = fixture_site
    chosen = chosen_links(output, titles_by_file(FIXTURES / "korpus"))
    corpus = FIXTURES / "korpus"
    for story in labels["stories"].values():
        for name in story:
            untagged = "\nTags:" not in (corpus / f"{name}.md").read_text(encoding="utf-8")
            links = chosen[name]["inline"] + chosen[name]["list"]
            assert set(links) & set(story), f"{name} (untagged: {untagged}) has no link within its story"


def test_unrelated_articles_get_no_links(fixture_site):
    output, labels = fixture_site
    chosen = chosen_links(output, titles_by_file(FIXTURES / "korpus"))
    for name in labels["unrelated"]:
        assert chosen[name] == {"inline": [], "list": []}


def test_sample_content_links_stay_within_their_story(sample_site):
    chosen = chosen_links(sample_site, titles_by_file(ROOT / "content" / "artikel"))
    share, count = precision(chosen, SAMPLE_STORIES)
    assert count >= 20, "too few links to judge"
    assert share >= MINIMUM_PRECISION, f"precision {share:.2f} over {count} links"
