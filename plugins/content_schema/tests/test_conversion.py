"""Converting Markdown up front gives exactly what Pelican's reader would (a fresh
converter per file, every inline pass over every text), in a pool of processes or not, and a
text the converter chokes on fails its own file only."""

from __future__ import annotations

import os
import random

import pytest
from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.smarty import SubstituteTextPattern
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pelican.readers import MarkdownReader

from content_schema.conversion import POOL_THRESHOLD, Converter
from content_schema.inline_prefilter import PASSES, InlinePrefilter, pass_marks
from warta import ROOT
from warta.build import load_settings
from warta.testing import SETTINGS, file_tree, forked_children

SAMPLES = sorted((ROOT / "content").rglob("*.md"))
EDGE_CASES = [
    "Title: A\n\nTeks dengan catatan kaki[^1].\n\n[^1]: Sumber: KPU.\n",
    "Title: B\n\nCatatan lain[^1] dan singkatan HTML.\n\n[^1]: Kedua.\n\n*[HTML]: HyperText Markup Language\n",
    'Title: C\nSummary: Ringkasan *tebal* dengan "kutipan".\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    'Title: D\n\n```\nkode\n```\n\n<div markdown="1">*isi*</div>\n',
    # smarty: quotes in a text and in the tail after a link or emphasis, escaped quotes,
    # quotes in code, a quote at the very start, dashes and ellipses around markup.
    'Title: E\n\n"Kami siap," kata [Ketua](https://example.org "judul") \'KPU\'... -- ya\n',
    'Title: F\n\n\'80s *miring*\'s \\"lolos\\" `kode "tetap"` <span>"x"</span> --- selesai\n',
    "Title: G\n\n- \"satu\"\n- dua -- tiga\n\n> 'kutipan' ...\n\n| \"a\" | b |\n|---|---|\n| 1 | 'c' |\n",
]
# Pieces of Markdown that smarty and the inline patterns react to, for random texts.
PIECES = [
    "kata",
    "Bawaslu",
    " ",
    " ",
    "\n",
    "\n\n",
    '"',
    "'",
    "--",
    "---",
    "...",
    "....",
    "*",
    "**",
    "`",
    '\\"',
    "\\'",
    "[tautan](https://example.org)",
    '[a](/b "judul")',
    "<em>",
    "</em>",
    "<br>",
    "&nbsp;",
    "&mdash;",
    "—",
    "(",
    ")",
    "80s",
    "s ",
    "- ",
    "1. ",
    "> ",
    "<<",
    ">>",
    "_",
    "__",
    "[^1]",
    "\n\n[^1]: catatan",
    "&amp;",
    "  \n",
    "\\",
    "<https://example.org>",
    "<redaksi@example.org>",
    "![foto](/images/a.jpg)",
    "[rujukan][1]",
    "\n\n[1]: https://example.org",
    "{: .kelas }",
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


def _many_articles(site, count: int = POOL_THRESHOLD + 8) -> None:
    for number in range(count):
        site.add_article(
            f"berita-{number:02d}",
            f'Paragraf *pertama* berita {number} -- "kutipan".\n\n- butir {number}\n- butir lain',
            Title=f"Berita Nomor {number}",
            Date=f"2024-09-{number % 28 + 1:02d} {number % 24:02d}:00",
            Summary=f"Ringkasan **{number}**.",
        )


def _build_cold(site, tmp_path, name: str, **settings) -> dict[str, bytes]:
    assert site.build(CACHE_PATH=str(tmp_path / f"{name}-cache"), **settings).ok
    built = file_tree(site.output)
    (site.root / "output").rename(tmp_path / name)
    return built


def test_articles_converted_in_a_pool_while_they_are_read_build_what_one_process_builds(site, tmp_path):
    _many_articles(site)
    # Markdown that no generator reads: its conversion is never asked for.
    site.add("images/catatan.md", "Title: Catatan\n\nBukan artikel.\n")
    alone = _build_cold(site, tmp_path, "alone", WARTA_PARSE_WORKERS=1)
    assert _build_cold(site, tmp_path, "pooled", WARTA_PARSE_WORKERS=2) == alone
    # The pool stopped once every file was read, though one text was never taken from it.
    assert forked_children() == []


class _DiesInWorkers(Extension):
    """Kills the process converting a text that holds ``PUTUS``, unless it is the build's own."""

    def __init__(self) -> None:
        super().__init__()
        self.build_process = os.getpid()

    def extendMarkdown(self, md: Markdown) -> None:
        build_process = self.build_process

        class Die(Preprocessor):
            def run(self, lines: list[str]) -> list[str]:
                if os.getpid() != build_process and any("PUTUS" in line for line in lines):
                    os._exit(1)
                return lines

        md.preprocessors.register(Die(md), "die_in_workers", 100)


def test_a_conversion_worker_dying_leaves_the_texts_to_the_reader(site, tmp_path):
    _many_articles(site)
    site.add_article("putus", "Sambungan PUTUS di tengah jalan.", Title="Berita Putus")
    markdown = {**_site_markdown_settings(), "extensions": [_DiesInWorkers()]}
    alone = _build_cold(site, tmp_path, "alone", WARTA_PARSE_WORKERS=1, MARKDOWN=markdown)
    assert b"Sambungan PUTUS" in alone["berita/berita-putus/index.html"]
    assert _build_cold(site, tmp_path, "pooled", WARTA_PARSE_WORKERS=2, MARKDOWN=markdown) == alone
    assert forked_children() == []


class _ChokesOnBrokenTables(Extension):
    """Fails on a text that holds ``RUSAK``, as a broken extension would, in any process."""

    def extendMarkdown(self, md: Markdown) -> None:
        class Choke(Preprocessor):
            def run(self, lines: list[str]) -> list[str]:
                if any("RUSAK" in line for line in lines):
                    raise ValueError("tabel tidak bisa dibaca")
                return lines

        md.preprocessors.register(Choke(md), "choke", 100)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_text_the_converter_chokes_on_is_a_problem_of_its_own_file(site, workers):
    _many_articles(site)
    site.add_article("rusak", "Tabel RUSAK.", Title="Berita Rusak")
    markdown = {**_site_markdown_settings(), "extensions": [_ChokesOnBrokenTables()]}
    result = site.build(WARTA_PARSE_WORKERS=workers, MARKDOWN=markdown)
    assert not result.ok
    assert [str(problem) for problem in result.problems] == [
        "artikel/rusak.md: could not be read: tabel tidak bisa dibaca"
    ]
    assert not site.output.exists()


def _site_markdown_settings() -> dict:
    settings = load_settings(SETTINGS)
    MarkdownReader(settings)  # completes settings["MARKDOWN"] as Pelican's reader does
    return settings["MARKDOWN"]


def _marks(md: Markdown) -> dict[str, tuple[str, ...] | None]:
    return {p.name: pass_marks(md.treeprocessors[p.name].inlinePatterns, p) for p in PASSES}


def test_inline_passes_give_the_same_output_when_kept_to_texts_they_may_change():
    markdown_settings = _site_markdown_settings()
    plain = Markdown(**markdown_settings)
    prefiltered = Markdown(**markdown_settings)
    prefiltered.registerExtensions([InlinePrefilter()], {})
    assert _marks(prefiltered) == {
        "inline": ("  \n", "&", "*", "<", "[", "\\", "_", "`"),
        "smarty": ('"', "'", "--", "..."),
    }
    for name in ("inline", "smarty"):
        position = prefiltered.treeprocessors.get_index_for_name(name)
        assert prefiltered.treeprocessors.get_index_for_name(f"{name}-take-out") == position - 1
        assert prefiltered.treeprocessors.get_index_for_name(f"{name}-put-back") == position + 1
    generator = random.Random(280)
    texts = ["".join(generator.choices(PIECES, k=generator.randint(1, 60))) for _ in range(1500)]
    changed = {"smarty": 0, "inline": 0}
    for text in texts:
        expected = plain.reset().convert(text)
        assert prefiltered.reset().convert(text) == expected, text
        changed["smarty"] += "&rdquo;" in expected or "&hellip;" in expected or "&ndash;" in expected
        changed["inline"] += "<a " in expected or "<em>" in expected or "<code>" in expected
    assert min(changed.values()) > 500


def test_a_pass_with_a_pattern_of_unknown_needs_runs_over_every_text():
    md = Markdown(**_site_markdown_settings())
    md.treeprocessors["smarty"].inlinePatterns.register(
        SubstituteTextPattern(r"\(c\)", ("&copy;",), md), "smarty-copyright", 5
    )
    md.registerExtensions([InlinePrefilter()], {})
    assert _marks(md)["smarty"] is None
    assert "smarty-take-out" not in md.treeprocessors
    assert "inline-take-out" in md.treeprocessors
    assert md.convert("Hak cipta (c) Warta") == "<p>Hak cipta &copy; Warta</p>"


def test_a_pass_with_something_else_beside_it_runs_over_every_text():
    md = Markdown(extensions=["extra"])
    md.treeprocessors.register(Treeprocessor(md), "beside-inline", 20.25)
    md.registerExtensions([InlinePrefilter()], {})
    assert "inline-take-out" not in md.treeprocessors
    assert "inline-put-back" not in md.treeprocessors
    assert "smarty-take-out" not in md.treeprocessors
