"""Links inside content: Pelican's ``{filename}``/``{static}`` links and site-relative ones.

Resolves them the way Pelican's ``Content._link_replacer`` does, so the link checker and the
production build agree with Pelican about which file a link points to.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlparse

# Finds the tags cheaply; each one found is then read by a real HTML parser.
_LINK_TAG = re.compile(r"<(?:a|img)\b[^>]*>", re.IGNORECASE)
_INTRASITE = re.compile(r"^(?:\{(?P<braces>\w+)\}|\|(?P<bars>\w+)\|)(?P<value>.*)$", re.DOTALL)


@dataclass(frozen=True)
class IntrasiteLink:
    what: str  # filename, static, attach, …
    target: str  # path under content/, with forward slashes


def intrasite_link(href: str, source: str) -> IntrasiteLink | None:
    """``{filename}../artikel/x.md`` in ``source`` (relative to content/) → its target file."""
    match = _INTRASITE.match(href.strip())
    if not match:
        return None
    path = unquote(urlparse(match["value"]).path)
    if path.startswith("/"):
        path = path[1:]
    else:
        path = posixpath.join(posixpath.dirname(source.replace("\\", "/")), path)
    return IntrasiteLink(match["braces"] or match["bars"], posixpath.normpath(path))


def site_path(href: str) -> str | None:
    """``/berita/x/#a`` → ``berita/x/``; None for external, relative or fragment-only links."""
    parsed = urlparse(href.strip())
    if parsed.scheme or parsed.netloc or not parsed.path.startswith("/"):
        return None
    return unquote(parsed.path).lstrip("/")


def is_relative(href: str) -> bool:
    """``images/x.jpg`` or ``../berita/x/``: resolved against the page's own address."""
    parsed = urlparse(href.strip())
    return not (parsed.scheme or parsed.netloc) and bool(parsed.path) and not parsed.path.startswith("/")


def relative_source(content) -> str:
    """The content's file relative to ``PATH``, with forward slashes (as Pelican worked it
    out once, when the content was made: recomputing it is path arithmetic each time)."""
    return content.relative_source_path.replace("\\", "/")


class _TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def link_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every ``<a>`` and ``<img>`` in the HTML with its attributes, in order."""
    reader = _TagReader()
    for tag in _LINK_TAG.findall(html):
        reader.feed(tag)
    reader.close()
    return reader.tags
