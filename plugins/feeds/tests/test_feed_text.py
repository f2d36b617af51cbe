"""Text and URL helpers, and the validator rules themselves: they catch what they must."""

from __future__ import annotations

from lxml import etree

from feeds.feed_html import absolute_srcset, feed_html
from feeds.tests.feed_rules import feed_problems
from feeds.xml_text import xml_text


def test_xml_text_keeps_text_and_drops_what_xml_forbids():
    every_char = "".join(chr(code) for code in range(0x100)) + "\ud800\udfff\ufffe\uffff🗳️ü€"
    cleaned = xml_text(every_char)
    element = etree.Element("title")
    element.text = cleaned  # lxml refuses any character XML 1.0 forbids
    assert (
        cleaned
        == "\t\n\r"
        + "".join(chr(c) for c in range(0x20, 0x7F))
        + "".join(chr(c) for c in range(0xA0, 0x100))
        + "🗳️ü€"
    )


def test_srcset_candidates_become_absolute():
    base = "https://warta.example.id/berita/a/"
    assert absolute_srcset("/img/a.jpg 1x, b.jpg 2x,, https://cdn.example/c.jpg 800w", base) == (
        "https://warta.example.id/img/a.jpg 1x, https://warta.example.id/berita/a/b.jpg 2x, https://cdn.example/c.jpg 800w"
    )


def test_feed_html_leaves_safe_absolute_html_alone():
    html = '<p>Teks <a href="https://contoh.id/" title="x">tautan</a> &amp; <em>miring</em>.</p>'
    assert feed_html(html, "https://warta.example.id/") == html


BROKEN_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Feed rusak</title><link>/</link><description>Contoh</description><language>en</language>
<lastBuildDate>2024-10-08 14:30</lastBuildDate>
<item><title>A</title><link>http://127.0.0.1:8000/a/</link><guid>123</guid>
<pubDate>Tue, 08 Oct 2024 14:30:00 GMT</pubDate><author>Rina</author>
<description>&lt;p style="x" onclick="y()"&gt;&lt;a href="/b/"&gt;b&lt;/a&gt;&lt;script&gt;z()&lt;/script&gt;&lt;/p&gt;</description>
<enclosure url="http://127.0.0.1:8000/f.jpg" length="0" type="jpeg"/></item>
</channel></rss>
"""

BROKEN_ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>feed</id><title>Rusak</title>
<updated>2024-10-08T14:30:00Z</updated>
<entry><id>1</id><title>A</title><updated>2024-10-08T14:30:00+07:00</updated>
<link href="http://127.0.0.1:8000/a/"/><link href="http://127.0.0.1:8000/a.jpg"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></content></entry>
<entry><id>1</id><title>B</title><updated>2024-10-08T14:30:00+07:00</updated><published>1970-01-01T07:00:00+07:00</published>
<link rel="alternate" href="http://127.0.0.1:8000/b/"/></entry>
</feed>
"""


def unreported(feed: str, relative: str, output, expected: tuple[str, ...]) -> list[str]:
    """The expected problems ``feed_problems`` does not report for ``feed`` saved at ``relative``."""
    path = output / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(feed, encoding="utf-8")
    found = "\n".join(feed_problems(path, output, "http://127.0.0.1:8000"))
    return [problem for problem in expected if problem not in found]


def test_the_rules_catch_a_broken_rss_feed(tmp_path):
    expected = (
        "channel link: '/' is not a full URL",
        "language 'en' is not 'id'",
        "atom:link rel=self [] is not ['http://127.0.0.1:8000/feeds/rusak.rss.xml']",
        "lastBuildDate: '2024-10-08 14:30' is not a date",
        "item 1 guid: '123' is not a full URL",
        "pubDate: 'Tue, 08 Oct 2024 14:30:00 GMT' is not a date with the +07:00 offset",
        "RSS author must be an e-mail address",
        "attribute style on <p> is a security risk",
        "attribute onclick on <p> is a security risk",
        "relative URL '/b/'",
        "<script> is a security risk",
        "enclosure length '0' is not a positive integer",
        "dcterms:modified: None",
    )
    assert unreported(BROKEN_RSS, "feeds/rusak.rss.xml", tmp_path, expected) == []


def test_the_rules_catch_a_broken_atom_feed(tmp_path):
    expected = (
        "feed: xml:lang is not 'id'",
        "feed id: 'feed' is neither a tag: URI nor a full URL",
        "feed updated: '2024-10-08T14:30:00Z' is not a date with the +07:00 offset",
        "feed: self link None is not 'http://127.0.0.1:8000/rusak.atom.xml'",
        "entry 1: missing published",
        "entry 1: no author in the entry or the feed",
        "entry 1: 2 alternate links",
        "entry 1: content type 'xhtml' is not 'html'",
        "entry 2 published: '1970-01-01T07:00:00+07:00' is an implausible date",
        "entries: duplicate ids",
        "entries: two entries with the same updated date",
    )
    assert unreported(BROKEN_ATOM, "rusak.atom.xml", tmp_path, expected) == []
