"""The W3C Feed Validation Service's rules that apply to Warta's feeds, as checks.

The validator itself is not distributed on PyPI, npm or Debian, so its errors and
warnings that a news feed can trigger are encoded here: dates (RFC 822 for RSS,
RFC 3339 for Atom, with the site's +07:00 offset, not implausible), absolute URLs
everywhere (ContainsRelRef, InvalidFullLink), self links (MissingAtomSelfLink,
MissingSelf), ids and guids (tag: URIs per RFC 4151, or permalinks; unique),
enclosures (positive length, a MIME type), language, element order in RSS items
(NeedDescriptionBeforeContent), and HTML in entries (NotHtml through html5lib's strict
parser, SecurityRisk elements, SecurityRiskAttr attributes, no xml:base).
``feed_problems(path, output)`` returns one line per broken rule; ``[]`` is a valid feed.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import html5lib
from html5lib.html5parser import ParseError
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA = "http://search.yahoo.com/mrss/"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
NS = {"atom": ATOM, "content": CONTENT, "media": MEDIA, "dcterms": "http://purl.org/dc/terms/"}

RFC822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d\d:\d\d:\d\d \+0700"
)
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00")
TAG_URI = re.compile(r"tag:[a-z0-9.-]+,\d{4}(-\d\d(-\d\d)?)?:[0-9A-Za-z;/?:@&=+$.\-_!~*'()%,]+")
MIME_TYPE = re.compile(r"[^\s()<>,;:\\\"/\[\]?=]+/[^\s()<>,;:\\\"/\[\]?=]+")

# Elements and attributes the validator accepts in entries (those an article can have).
# fmt: off
SAFE_ELEMENTS = set((
    "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "blockquote", "br", "caption",
    "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
    "ins", "kbd", "li", "main", "mark", "nav", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s",
    "samp", "section", "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "track", "u", "ul", "var", "video", "wbr",
))
SAFE_ATTRIBUTES = set((
    "href", "src", "srcset", "sizes", "alt", "title", "width", "height", "class", "id", "datetime",
    "cite", "colspan", "rowspan", "scope", "headers", "lang", "dir", "loading", "decoding", "start",
    "reversed", "value", "type", "rel", "media", "poster", "open", "abbr", "align",
))
# fmt: on
URL_ATTRIBUTES = ("href", "src", "cite", "poster")


def is_absolute(url: str) -> bool:
    parsed = urlparse(url)
    return (parsed.scheme in ("http", "https") and bool(parsed.netloc)) or parsed.scheme in ("mailto", "tel")


def html_problems(html: str, where: str) -> list[str]:
    found = []
    try:
        fragment = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(html)
    except ParseError as error:
        return [f"{where}: not valid HTML ({error})"]
    for element in fragment.iter():
        if not isinstance(element.tag, str) or element.tag == "DOCUMENT_FRAGMENT":
            continue
        if element.tag not in SAFE_ELEMENTS:
            found.append(f"{where}: <{element.tag}> is a security risk to readers")
        for name, value in element.attrib.items():
            if name not in SAFE_ATTRIBUTES and not name.startswith("data-"):
                found.append(f"{where}: attribute {name} on <{element.tag}> is a security risk")
            if name in URL_ATTRIBUTES and not is_absolute(value):
                found.append(f"{where}: relative URL {value!r}")
            if name == "srcset":
                urls = [c.split()[0] for c in value.split(",") if c.strip()]
                found += [f"{where}: relative URL {u!r} in srcset" for u in urls if not is_absolute(u)]
    return found


def _url_problems(url: str | None, where: str) -> list[str]:
    if not url or not is_absolute(url):
        return [f"{where}: {url!r} is not a full URL"]
    return []


def _date_problems(value: str | None, pattern: re.Pattern, where: str) -> list[str]:
    if not value or not pattern.fullmatch(value):
        return [f"{where}: {value!r} is not a date with the +07:00 offset in the required format"]
    year = int(re.search(r"\d{4}", value).group())
    if year < 1990:
        return [f"{where}: {value!r} is an implausible date"]
    return []


def _id_problems(value: str | None, where: str) -> list[str]:
    if value and (TAG_URI.fullmatch(value) or is_absolute(value)):
        return []
    return [f"{where}: {value!r} is neither a tag: URI nor a full URL"]


def _enclosure_problems(url, length, media_type, output: Path, base: str, where: str) -> list[str]:
    found = _url_problems(url, f"{where} enclosure")
    if not (length or "").isdigit() or int(length) <= 0:
        return [*found, f"{where}: enclosure length {length!r} is not a positive integer"]
    if not MIME_TYPE.fullmatch(media_type or ""):
        found.append(f"{where}: enclosure type {media_type!r} is not a MIME type")
    built = output / url.removeprefix(base).lstrip("/")
    if not built.is_file() or built.stat().st_size != int(length):
        found.append(f"{where}: enclosure length {length} is not the size of {built}")
    return found


def _rss_problems(root, self_url: str, output: Path, base: str) -> list[str]:
    channel = root.find("channel")
    found = []
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            found.append(f"channel: missing {name}")
    found += _url_problems(channel.findtext("link"), "channel link")
    if channel.findtext("language") != "id":
        found.append(f"channel: language {channel.findtext('language')!r} is not 'id'")
    selves = [link.get("href") for link in channel.findall("atom:link", NS) if link.get("rel") == "self"]
    if selves != [self_url]:
        found.append(f"channel: atom:link rel=self {selves} is not [{self_url!r}]")
    found += _date_problems(channel.findtext("lastBuildDate"), RFC822, "channel lastBuildDate")
    guids = []
    for index, item in enumerate(channel.findall("item")):
        where = f"item {index + 1}"
        children = [child.tag for child in item]
        for name in ("title", "link", "guid", "pubDate", "description"):
            if name not in children:
                found.append(f"{where}: missing {name}")
        if f"{{{CONTENT}}}encoded" in children and children.index("description") > children.index(
            f"{{{CONTENT}}}encoded"
        ):
            found.append(f"{where}: description must come before content:encoded")
        if "author" in children:
            found.append(f"{where}: RSS author must be an e-mail address; use dc:creator for names")
        found += _url_problems(item.findtext("link"), f"{where} link")
        guid = item.find("guid")
        if guid is not None:
            guids.append(guid.text)
            if guid.get("isPermaLink", "true") == "true":
                found += _url_problems(guid.text, f"{where} guid")
            else:
                found += _id_problems(guid.text, f"{where} guid")
        found += _date_problems(item.findtext("pubDate"), RFC822, f"{where} pubDate")
        modified = item.findtext("dcterms:modified", namespaces=NS)
        found += _date_problems(modified, RFC3339, f"{where} dcterms:modified")
        for name in ("description", f"{{{CONTENT}}}encoded"):
            if item.find(name) is not None:
                found += html_problems(item.findtext(name), f"{where} {name}")
        enclosure = item.find("enclosure")
        if enclosure is not None:
            found += _enclosure_problems(
                enclosure.get("url"), enclosure.get("length"), enclosure.get("type"), output, base, where
            )
    if len(set(guids)) != len(guids):
        found.append("items: duplicate guids")
    return found


def _atom_problems(root, self_url: str, output: Path, base: str) -> list[str]:
    found = []
    if root.get("{http://www.w3.org/XML/1998/namespace}lang") != "id":
        found.append("feed: xml:lang is not 'id'")
    for name in ("id", "title", "updated"):
        if not (root.findtext(f"atom:{name}", namespaces=NS) or "").strip():
            found.append(f"feed: missing {name}")
    found += _id_problems(root.findtext("atom:id", namespaces=NS), "feed id")
    found += _date_problems(root.findtext("atom:updated", namespaces=NS), RFC3339, "feed updated")
    links = {link.get("rel", "alternate"): link.get("href") for link in root.findall("atom:link", NS)}
    if links.get("self") != self_url:
        found.append(f"feed: self link {links.get('self')!r} is not {self_url!r}")
    found += _url_problems(links.get("alternate"), "feed alternate link")
    feed_author = root.find("atom:author/atom:name", NS) is not None
    ids, updated = [], []
    for index, entry in enumerate(root.findall("atom:entry", NS)):
        where = f"entry {index + 1}"
        for name in ("id", "title", "updated", "published"):
            if not (entry.findtext(f"atom:{name}", namespaces=NS) or "").strip():
                found.append(f"{where}: missing {name}")
        ids.append(entry.findtext("atom:id", namespaces=NS))
        updated.append(entry.findtext("atom:updated", namespaces=NS))
        found += _id_problems(ids[-1], f"{where} id")
        for name in ("updated", "published"):
            found += _date_problems(entry.findtext(f"atom:{name}", namespaces=NS), RFC3339, f"{where} {name}")
        if not feed_author and entry.find("atom:author/atom:name", NS) is None:
            found.append(f"{where}: no author in the entry or the feed")
        entry_links = entry.findall("atom:link", NS)
        # A link without rel is an alternate link (RFC 4287, 4.2.7.2).
        alternates = [link.get("href") for link in entry_links if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != 1:
            found.append(f"{where}: {len(alternates)} alternate links")
        found += [problem for href in alternates for problem in _url_problems(href, f"{where} link")]
        for name in ("summary", "content"):
            element = entry.find(f"atom:{name}", NS)
            if element is not None:
                if element.get("type") != "html":
                    found.append(f"{where}: {name} type {element.get('type')!r} is not 'html'")
                found += html_problems(element.text or "", f"{where} {name}")
        for link in entry_links:
            if link.get("rel") == "enclosure":
                found += _enclosure_problems(
                    link.get("href"), link.get("length"), link.get("type"), output, base, where
                )
    if len(set(ids)) != len(ids):
        found.append("entries: duplicate ids")
    if len(set(updated)) != len(updated):
        found.append("entries: two entries with the same updated date")
    return found


def feed_problems(path: Path, output: Path, base: str) -> list[str]:
    """Every rule ``path`` (a built feed under ``output``, served at ``base``) breaks."""
    data = path.read_bytes()
    root = etree.fromstring(data)
    if any(element.get(XML_BASE) is not None for element in root.iter()):
        return ["xml:base is used: URLs must be absolute instead"]
    parsed = feedparser.parse(data)
    if parsed.bozo:
        return [f"feedparser: {parsed.bozo_exception}"]
    self_url = f"{base}/{path.relative_to(output).as_posix()}"
    if root.tag == "rss":
        return _rss_problems(root, self_url, output, base)
    if root.tag == f"{{{ATOM}}}feed":
        return _atom_problems(root, self_url, output, base)
    return [f"unknown feed type {root.tag}"]
