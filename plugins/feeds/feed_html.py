"""An article's HTML as feed readers need it: absolute URLs, nothing readers strip or flag.

Readers show an entry outside the site, so every ``href``/``src``/``srcset`` is made
absolute against the entry's permalink; scripts, inline styles and ARIA/role attributes
are removed (readers strip them, and the W3C validator warns about them); an ``iframe``
becomes a plain link, which every reader can open.
"""

from __future__ import annotations

from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from .xml_text import xml_text

_URL_ATTRIBUTES = ("href", "src", "poster", "cite")
_REMOVED_ELEMENTS = ("script", "style", "object", "embed", "link", "meta", "template")
_REMOVED_ATTRIBUTES = frozenset({"style", "role", "fetchpriority", "nonce"})
_REMOVED_ATTRIBUTE_PREFIXES = ("on", "aria-")
BACA_JUGA_SELECTOR = "aside.baca-juga"


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
        if name in _REMOVED_ATTRIBUTES or name.startswith(_REMOVED_ATTRIBUTE_PREFIXES):
            del element[name]
        elif name in _URL_ATTRIBUTES:
            element[name] = urljoin(base, element[name])
        elif name == "srcset":
            element[name] = absolute_srcset(element[name], base)


def feed_html(html: str, base: str, *, keep_baca_juga: bool = False) -> str:
    """``html`` ready for a feed entry whose permalink is ``base``."""
    soup = BeautifulSoup(xml_text(html), "html.parser")
    if not keep_baca_juga:
        for box in soup.select(BACA_JUGA_SELECTOR):
            box.decompose()
    for element in soup.find_all(_REMOVED_ELEMENTS):
        element.decompose()
    for iframe in soup.find_all("iframe"):
        iframe.replace_with(_iframe_as_link(iframe, soup, base))
    for element in soup.find_all(True):
        _clean_attributes(element, base)
    return str(soup).strip()
