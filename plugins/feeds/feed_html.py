"""An article's HTML as feed readers need it: absolute URLs, only what readers keep.

Readers show an entry outside the site, so every ``href``/``src``/``srcset`` is made
absolute against the entry's permalink. Readers strip scripts, styles, embedded objects,
unknown elements and most attributes (and the W3C validator warns about them), so the
feed carries plain, safe HTML instead: dangerous elements are removed, an ``iframe``
becomes a link every reader can open, other unknown elements are unwrapped (their text
stays), and only presentational attributes readers keep remain.
"""

from __future__ import annotations

from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from .xml_text import xml_text

# Inline "Baca juga" boxes (aside.baca-juga) from the baca_juga plugin.
BACA_JUGA_CLASS = "baca-juga"
# fmt: off
_REMOVED = frozenset((
    "script", "style", "noscript", "object", "embed", "applet", "link", "meta", "base", "template",
    "form", "input", "button", "select", "textarea",
))
_KEPT = frozenset((
    "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "blockquote", "br",
    "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt",
    "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
    "img", "ins", "kbd", "li", "main", "mark", "nav", "ol", "p", "picture", "pre", "q", "rp", "rt",
    "ruby", "s", "samp", "section", "small", "source", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "track", "u", "ul", "var", "video",
    "wbr",
))
_ATTRIBUTES = frozenset((
    "href", "src", "srcset", "sizes", "alt", "title", "width", "height", "class", "id", "datetime",
    "cite", "colspan", "rowspan", "scope", "headers", "lang", "dir", "start", "reversed", "value",
    "type", "rel", "media", "poster", "open", "abbr",
))
# fmt: on
_URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite"})


def absolute_srcset(srcset: str, base: str) -> str:
    candidates = []
    for candidate in srcset.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        if url:
            candidates.append(" ".join(filter(None, (urljoin(base, url), descriptor.strip()))))
    return ", ".join(candidates)


def _iframe_as_link(iframe: Tag, soup: BeautifulSoup, base: str) -> Tag:
    source = urljoin(base, iframe.get("src", ""))
    paragraph = soup.new_tag("p")
    link = soup.new_tag("a", href=source)
    link.string = iframe.get("title") or source
    paragraph.append(link)
    return paragraph


def _clean_attributes(element: Tag, base: str) -> None:
    for name in list(element.attrs):
        if name not in _ATTRIBUTES and not name.startswith("data-"):
            del element[name]
        elif name in _URL_ATTRIBUTES:
            element[name] = urljoin(base, element[name])
        elif name == "srcset":
            element[name] = absolute_srcset(element[name], base)


def _is_baca_juga(element: Tag) -> bool:
    return element.name == "aside" and BACA_JUGA_CLASS in element.get("class", ())


def feed_html(html: str, base: str, *, keep_baca_juga: bool = False) -> str:
    """``html`` ready for a feed entry whose permalink is ``base``."""
    soup = BeautifulSoup(xml_text(html), "html.parser")
    for element in soup.find_all(True):
        if element.decomposed:
            continue
        if element.name in _REMOVED or (not keep_baca_juga and _is_baca_juga(element)):
            element.decompose()
        elif element.name == "iframe":
            element.replace_with(_iframe_as_link(element, soup, base))
        elif element.name in _KEPT:
            _clean_attributes(element, base)
        else:
            element.unwrap()
    return str(soup).strip()
