"""Correct links in Atom entries.

feedgen 1.0.0 writes an Atom entry's ``<link>`` elements without their ``rel``, ``type``
and ``length`` (a variable shadows the link's data while it is written), so a lead-image
enclosure becomes a second ``alternate`` link, which Atom forbids. This entry extension
replaces those elements with complete ones; RSS output is unaffected.
"""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

NAME = "atom_links"


class AtomLinksFeed(BaseExtension):
    """feedgen registers an entry extension only together with a feed part."""


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


def load(generator) -> None:
    generator.register_extension(NAME, AtomLinksFeed, AtomLinks, atom=True, rss=False)
