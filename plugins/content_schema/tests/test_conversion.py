"""Converting Markdown up front gives exactly what Pelican's reader would (a fresh
converter per file), and a text the converter chokes on fails its own file only."""

from __future__ import annotations

from markdown import Markdown
from pelican.readers import MarkdownReader

from content_schema.conversion import Converter
from warta import ROOT
from warta.build import load_settings
from warta.testing import SETTINGS

SAMPLES = sorted((ROOT / "content").rglob("*.md"))
EDGE_CASES = [
    "Title: A\n\nTeks dengan catatan kaki[^1].\n\n[^1]: Sumber: KPU.\n",
    "Title: B\n\nCatatan lain[^1] dan singkatan HTML.\n\n[^1]: Kedua.\n\n*[HTML]: HyperText Markup Language\n",
    'Title: C\nSummary: Ringkasan *tebal* dengan "kutipan".\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    'Title: D\n\n```\nkode\n```\n\n<div markdown="1">*isi*</div>\n',
]


def test_a_reused_converter_gives_what_a_fresh_one_gives():
    settings = load_settings(SETTINGS)
    MarkdownReader(settings)  # completes settings["MARKDOWN"] as Pelican's reader does
    converter = Converter(settings["MARKDOWN"], settings["FORMATTED_FIELDS"])
    texts = [path.read_text(encoding="utf-8") for path in SAMPLES] + EDGE_CASES
    for text in texts * 2:
        fresh = Markdown(**settings["MARKDOWN"])
        html = fresh.convert(text)
        converted = converter.convert(text)
        assert converted.html == html
        assert converted.meta == fresh.Meta
        for joined, formatted in converted.formatted.items():
            field = Markdown(**settings["MARKDOWN"])
            field.preprocessors.deregister("meta")
            assert formatted == field.convert(joined)


def test_the_sample_content_is_converted(site):
    site.add_article("satu", body="Isi *berita*.", Summary="Ringkasan **singkat**.")
    assert site.build().ok
    page = site.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/")
    assert page.select_one(".article-body em").text == "berita"
    assert page.select_one(".lede strong").text == "singkat"
    assert list(site.root.with_name(f"{site.root.name}-cache").glob("warta-markdown-*/*.pickle"))
