"""The sample content as real test material: its articles cite rules in many spellings."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from warta import ROOT
from warta.build import check
from warta.testing import build_sample_site

EXPLAINER_URLS = [
    "aturan/uu-7-2017/pasal-280-ayat-2/",
    "aturan/uu-10-2016/pasal-70-ayat-1/",
    "aturan/uu-10-2016/pasal-71/",
    "aturan/uu-10-2016/pasal-73-ayat-1/",
    "aturan/uu-20-2023/pasal-9-ayat-2/",
]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    output = build_sample_site(tmp_path_factory.mktemp("sample") / "output")
    return output


def page(output, url: str) -> BeautifulSoup:
    return BeautifulSoup((output / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article_page(output, source: str) -> BeautifulSoup:
    title = next(
        line.removeprefix("Title:").strip()
        for line in (ROOT / "content/artikel" / source).read_text(encoding="utf-8").splitlines()
        if line.startswith("Title:")
    )
    for path in output.glob("berita/*/index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.h1.get_text() == title:
            return soup
    raise AssertionError(f"no page for {source}")


def rule_links(soup) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in soup.select(".article-body a.rule-link")]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The law in one sentence, the article in the next (as in the reference article).
        (
            "patroli-medsos-asn-kota-bengkulu.md",
            [
                ("Undang-Undang Nomor 7 Tahun 2017", "/aturan/uu-7-2017/"),
                ("Pasal 280 ayat (2)", "/aturan/uu-7-2017/pasal-280-ayat-2/"),
                ("Undang-Undang Nomor 10 Tahun 2016", "/aturan/uu-10-2016/"),
                ("Pasal 70 ayat (1)", "/aturan/uu-10-2016/pasal-70-ayat-1/"),
                ("UU ASN", "/aturan/uu-20-2023/"),
            ],
        ),
        (
            "bawaslu-teruskan-rekomendasi-asn-ke-bkn.md",
            [
                ("UU Nomor 20 Tahun 2023", "/aturan/uu-20-2023/"),
                ("Pasal 71 UU 10/2016", "/aturan/uu-10-2016/pasal-71/"),
                ("UU No. 7/2017 Pasal 280 ayat 2", "/aturan/uu-7-2017/pasal-280-ayat-2/"),
                ("UU Pilkada", "/aturan/uu-10-2016/"),
            ],
        ),
        (
            "bawaslu-kota-bengkulu-investigasi-dugaan-sembako.md",
            [
                ("Pasal 73 ayat (1)", "/aturan/uu-10-2016/pasal-73-ayat-1/"),
                ("Pasal 187A UU 10/2016", "/aturan/uu-10-2016/"),
                ("Pasal 73 ayat (4)", "/aturan/uu-10-2016/"),
            ],
        ),
        (
            "asn-kota-bengkulu-dipanggil-bawaslu-unggahan-kampanye.md",
            [
                ("Pasal 70 ayat (1) huruf b UU Nomor 10 Tahun 2016", "/aturan/uu-10-2016/pasal-70-ayat-1/"),
                ("UU ASN", "/aturan/uu-20-2023/"),
            ],
        ),
        ("harga-cabai-pasar-panorama-naik.md", []),
        # "peraturan perundang-undangan" and "rancangan peraturan daerah" are not citations.
        ("rapbd-provinsi-bengkulu-2025-dibahas.md", []),
    ],
)
def test_sample_articles_link_their_citations(sample, source, expected):
    assert rule_links(article_page(sample, source)) == expected


def test_every_explainer_has_its_page_sections_and_faq(sample):
    for url in EXPLAINER_URLS:
        soup = page(sample, url)
        assert len(soup.select("section.rule-section")) == 7, url
        scripts = soup.select('script[type="application/ld+json"]')
        faq = next(d for d in map(json.loads, (s.string for s in scripts)) if d["@type"] == "FAQPage")
        assert len(faq["mainEntity"]) >= 3, url
        assert soup.select_one(".rule-facts a[href^='https://peraturan.bpk.go.id/']"), url


def test_backlinks_on_the_pemilu_explainer(sample):
    citing = page(sample, "aturan/uu-7-2017/pasal-280-ayat-2/").select_one(".citing")
    dates = [time["datetime"] for time in citing.select("time")]
    assert len(dates) == 3
    assert dates == sorted(dates, reverse=True)


def test_index_lists_every_regulation_and_explainer(sample):
    index = page(sample, "aturan/")
    links = {a["href"].strip("/") + "/" for a in index.select(".rule-list a")}
    assert links == set(EXPLAINER_URLS)
    assert [h.a.get_text() for h in index.select("#menurut-aturan ~ h3")] == [
        "UU 7/2017",
        "UU 10/2016",
        "UU 20/2023",
    ]


def test_check_lists_citations_without_explainer_as_warnings():
    result = check(ROOT / "pelicanconf.py")
    assert result.ok
    todo = sorted(str(p) for p in result.problems if "has no explainer yet" in str(p))
    assert todo == [
        "warning: content/artikel/bawaslu-kota-bengkulu-investigasi-dugaan-sembako.md: cites Pasal 187A UU 10/2016, which has no explainer yet — write one in content/aturan/",
        "warning: content/artikel/bawaslu-kota-bengkulu-investigasi-dugaan-sembako.md: cites Pasal 73 ayat (4) UU 10/2016, which has no explainer yet — write one in content/aturan/",
        "warning: content/artikel/gakkumdu-klarifikasi-saksi-kasus-sembako.md: cites Pasal 187A ayat (2) UU 10/2016, which has no explainer yet — write one in content/aturan/",
        "warning: content/artikel/kasus-sembako-kota-bengkulu-naik-penyidikan.md: cites Pasal 187A ayat (1) UU 10/2016, which has no explainer yet — write one in content/aturan/",
    ]
