"""Where boxes go in tricky bodies: the placement rules on real HTML, parsed back with BeautifulSoup."""

from __future__ import annotations

from bs4 import BeautifulSoup

from baca_juga.placement import Link, place

LINKS = [Link("/berita/satu/", "Berita Satu"), Link("/berita/dua/", "Berita Dua")]


def paragraph(words: int, word: str = "kata") -> str:
    return f"<p>{' '.join([word] * words)}</p>"


def placed(body: str, links=LINKS, distance: int = 120) -> tuple[list[str], int]:
    """The top-level element names of the result ("BOX" for a box) and how many were placed."""
    html, count = place(body, links, "Baca juga", distance)
    soup = BeautifulSoup(html, "html.parser")
    names = []
    for node in soup.find_all(recursive=False):
        names.append("BOX" if "baca-juga" in (node.get("class") or []) else node.name)
    return names, count


def test_boxes_are_spread_through_a_long_article():
    body = "".join(paragraph(50) for _ in range(10))
    names, count = placed(body)
    assert count == 2
    boxes = [i for i, name in enumerate(names) if name == "BOX"]
    # 500 words, two boxes: after 150 and 350 words, the gaps nearest a third and two thirds.
    assert boxes == [3, 8]


def test_never_before_the_first_paragraph_nor_after_the_last_block():
    body = "".join(paragraph(70) for _ in range(3))
    names, _ = placed(body)
    assert names[0] == "p" and names[-1] == "p"


def test_never_right_after_a_list_blockquote_table_figure_code_or_heading():
    blocks = [
        "<ul><li>" + " ".join(["butir"] * 80) + "</li></ul>",
        "<blockquote><p>" + " ".join(["kutipan"] * 80) + "</p></blockquote>",
        "<table><tr><td>" + " ".join(["sel"] * 80) + "</td></tr></table>",
        '<figure><img src="a.jpg" alt=""><figcaption>' + " ".join(["foto"] * 80) + "</figcaption></figure>",
        "<pre><code>" + " ".join(["kode"] * 80) + "</code></pre>",
        "<h2>" + " ".join(["judul"] * 80) + "</h2>",
        '<p><img src="b.jpg" alt="Foto"></p>',
        "<ol><li>" + " ".join(["butir"] * 80) + "</li></ol>",
    ]
    body = paragraph(80) + "".join(blocks) + paragraph(80)
    names, count = placed(body, distance=60)
    # The only paragraph of text that another block follows is the first one.
    assert count == 1
    assert names[1] == "BOX"


def test_before_a_heading_is_fine():
    body = paragraph(100) + "<h2>Subjudul</h2>" + paragraph(100)
    names, count = placed(body, links=LINKS[:1])
    assert count == 1
    assert names == ["p", "BOX", "h2", "p"]


def test_not_inside_lists_or_blockquotes():
    body = (
        paragraph(100) + "<blockquote>" + paragraph(200) + paragraph(200) + "</blockquote>" + paragraph(100)
    )
    html, _ = place(body, LINKS, "Baca juga", 120)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("blockquote aside")


def test_boxes_keep_the_minimum_distance_and_short_articles_get_fewer():
    # 220 words: a box needs 60 words before and after it, so only the gap after 110 words fits.
    body = "".join(paragraph(55) for _ in range(4))
    names, count = placed(body)
    assert count == 1
    assert names.count("BOX") == 1


def test_a_very_short_article_gets_none_and_is_left_untouched():
    body = paragraph(40) + paragraph(30)
    html, count = place(body, LINKS, "Baca juga", 120)
    assert count == 0
    assert html == body


def test_box_markup_is_accessible_and_escapes_titles():
    body = paragraph(100) + paragraph(100)
    html, _ = place(body, [Link("/berita/x/", "Sembako & <Politik> Uang")], "Baca juga", 120)
    box = BeautifulSoup(html, "html.parser").select_one("aside.baca-juga")
    assert box["aria-label"] == "Baca juga"
    assert box.span.get_text() == "Baca juga:"
    assert box.a["href"] == "/berita/x/"
    assert box.a.get_text() == "Sembako & <Politik> Uang"
    assert "&lt;Politik&gt;" in html


def test_the_rest_of_the_body_is_kept_as_html5():
    body = (
        '<p>Satu<br>dua &amp; tiga “kutip”</p><p><img src="{static}/images/a.jpg" alt="A"></p>'
        + paragraph(150)
        + paragraph(150)
    )
    html, count = place(body, LINKS[:1], "Baca juga", 120)
    assert count == 1
    assert "<br>" in html and "&amp; tiga “kutip”" in html
    assert 'src="{static}/images/a.jpg"' in html
