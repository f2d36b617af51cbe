"""feedgen entry extensions for what feedgen 1.0.0 does not write (correctly).

- :class:`AtomLinks`: feedgen writes an Atom entry's ``<link>`` elements without their
  ``rel``, ``type`` and ``length`` (a variable shadows the link's data while it is
  written), so a lead-image enclosure becomes a second ``alternate`` link, which Atom
  forbids. This replaces them with complete ones.
- :class:`RssModified`: RSS 2.0 has no updated date for an item; ``dcterms:modified``
  (which the W3C validator knows and feedparser reads as ``updated``) carries it.
"""

from __future__ import annotations

from datetime import datetime

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

DCTERMS = "http://purl.org/dc/terms/"


class FeedPart(BaseExtension):
    """feedgen registers an entry extension only together with a feed part."""


class DctermsFeedPart(BaseExtension):
    def extend_ns(self) -> dict[str, str]:
        return {"dcterms": DCTERMS}


class AtomLinks(BaseEntryExtension):
    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def add(self, **attributes: str) -> None:
        self.links.append(attributes)

    def extend_atom(self, entry):
        namespace = etree.QName(entry).namespace
        tag = f"{{{namespace}}}link" if namespace else "link"
        for broken in entry.findall(tag):
            entry.remove(broken)
        for attributes in self.links:
            etree.SubElement(entry, tag, attributes)
        return entry


class RssModified(BaseEntryExtension):
    def __init__(self) -> None:
        self.modified: datetime | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"dcterms": DCTERMS}

    def extend_rss(self, item):
        if self.modified is not None:
            etree.SubElement(item, f"{{{DCTERMS}}}modified").text = self.modified.isoformat()
        return item


def load(generator) -> None:
    generator.register_extension("atom_links", FeedPart, AtomLinks, atom=True, rss=False)
    generator.register_extension("rss_modified", DctermsFeedPart, RssModified, atom=False, rss=True)
