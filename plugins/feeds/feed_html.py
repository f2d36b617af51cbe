"""An article's HTML as feed readers need it: absolute URLs, only what readers keep.

Readers show an entry outside the site, so every ``href``/``src``/``srcset`` is made
absolute against the entry's permalink. Readers strip scripts, styles, embedded objects,
unknown elements and most attributes (and the W3C validator warns about them), so the
feed carries plain, safe HTML instead: dangerous elements are removed, an ``iframe``
becomes a link every reader can open, other unknown elements are unwrapped (their text
stays), and only presentational attributes readers keep remain.

The HTML is cleaned in one pass over its tokens (the standard library's ``HTMLParser``),
without building a tree: a newsroom site cleans thousands of bodies per build. Elements
are closed the way they were opened, stray end tags are dropped and elements left open are
closed at the end, so the result is always balanced.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

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
# Elements that never have content or an end tag.
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
))
# fmt: on
_URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite"})
# What happens to an open element's tags: written, left out (text stays), or left out with
# everything inside it.
_KEEP, _UNWRAP, _DROP = "keep", "unwrap", "drop"


def absolute_srcset(srcset: str, base: str) -> str:
    candidates = []
    for candidate in srcset.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        if url:
            candidates.append(" ".join(filter(None, (urljoin(base, url), descriptor.strip()))))
    return ", ".join(candidates)


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value: str) -> str:
    return _escape_text(value).replace('"', "&quot;")


def _start_tag(tag: str, attributes: dict[str, str], base: str) -> str:
    written = []
    for name, value in attributes.items():
        if name in _URL_ATTRIBUTES:
            value = urljoin(base, value)
        elif name == "srcset":
            value = absolute_srcset(value, base)
        written.append(f' {name}="{_escape_attribute(value)}"')
    return f"<{tag}{''.join(written)}>"


class _Cleaner(HTMLParser):
    def __init__(self, base: str, keep_baca_juga: bool) -> None:
        super().__init__(convert_charrefs=True)
        self._base = base
        self._keep_baca_juga = keep_baca_juga
        self.parts: list[str] = []
        # Open elements, innermost last: (tag, what happens to it).
        self._open: list[tuple[str, str]] = []
        self._dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        void = tag in _VOID
        if self._dropping:
            if not void:
                self._push(tag, _DROP)
            return
        attributes = {
            name: value or "" for name, value in attrs if name in _ATTRIBUTES or name.startswith("data-")
        }
        if tag in _REMOVED or (tag == "aside" and self._is_baca_juga(attrs)):
            action = _DROP
        elif tag == "iframe":
            source = _escape_attribute(urljoin(self._base, attributes.get("src", "")))
            label = _escape_text(attributes.get("title") or urljoin(self._base, attributes.get("src", "")))
            self.parts.append(f'<p><a href="{source}">{label}</a></p>')
            action = _DROP
        elif tag in _KEPT:
            self.parts.append(_start_tag(tag, attributes, self._base))
            action = _KEEP
        else:
            action = _UNWRAP
        if not void:
            self._push(tag, action)

    def _is_baca_juga(self, attrs: list[tuple[str, str | None]]) -> bool:
        if self._keep_baca_juga:
            return False
        return any(name == "class" and BACA_JUGA_CLASS in (value or "").split() for name, value in attrs)

    def _push(self, tag: str, action: str) -> None:
        self._open.append((tag, action))
        if action == _DROP:
            self._dropping += 1

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                self._close_down_to(depth)
                return

    def _close_down_to(self, depth: int) -> None:
        while len(self._open) > depth:
            tag, action = self._open.pop()
            if action == _DROP:
                self._dropping -= 1
            elif action == _KEEP and not self._dropping:
                self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self.parts.append(_escape_text(data))

    def close(self) -> None:
        super().close()
        self._close_down_to(0)


def feed_html(html: str, base: str, *, keep_baca_juga: bool = False) -> str:
    """``html`` ready for a feed entry whose permalink is ``base``."""
    cleaner = _Cleaner(base, keep_baca_juga)
    cleaner.feed(xml_text(html))
    cleaner.close()
    return "".join(cleaner.parts).strip()
