"""Find the rules an HTML body cites and link the first citation of each to its explainer.

Text is read in document order so that a law named in one paragraph gives its pasal in the
next one their regulation. Citations inside links and headings count but are not linked;
code, and the boxes other plugins insert (``aside.baca-juga``, ``.related``), are not read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from .citations import CitationFinder, Context
from .rules import Rule

_NOT_READ = {"code", "pre", "script", "style", "kbd", "samp", "template"}
_NOT_READ_CLASSES = {"baca-juga", "related"}
_NOT_LINKED = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label"}
_BLOCKS = {"p", "li", "blockquote", "td", "th", "dd", "dt", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6"}
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
# A law named in one block still names the pasal of the block after it, and no further.
CONTEXT_BLOCKS = 1


@dataclass
class Scan:
    """What one body cites, in order of first appearance, and whether its HTML changed."""

    rules: list[Rule] = field(default_factory=list)
    html: str = ""
    changed: bool = False


def _skipped(tag: Tag) -> bool:
    return tag.name in _NOT_READ or bool(_NOT_READ_CLASSES & set(tag.get("class") or ()))


def _text_nodes(soup: BeautifulSoup):
    """(text node, its block, whether it may be linked) in document order."""
    for node in soup.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, _NOT_TEXT):
            continue
        parents = list(node.parents)
        if any(_skipped(parent) for parent in parents if isinstance(parent, Tag)):
            continue
        block = next((p for p in parents if p.name in _BLOCKS), None)
        linkable = not any(p.name in _NOT_LINKED for p in parents)
        yield node, block, linkable


def scan(
    html: str,
    finder: CitationFinder,
    link_for: Callable[[Rule], tuple[str, str] | None],
    *,
    context: Context = None,
    carry: bool = True,
) -> Scan:
    """Read ``html``; link the first linkable citation of each rule that ``link_for`` gives a
    (href, title) for. ``context`` is the regulation the text is about, if any; with
    ``carry=False`` it stays the regulation of every pasal that names no law."""
    soup = BeautifulSoup(html, "html.parser")
    result = Scan()
    linked: set[str] = set()
    seen: set[str] = set()
    blocks_since_context = 0
    previous_block = None
    replacements = []
    for node, block, linkable in list(_text_nodes(soup)):
        if not node.strip():
            continue
        if block is not previous_block:
            previous_block = block
            blocks_since_context += 1
            if carry and blocks_since_context > CONTEXT_BLOCKS + 1:
                context = None
        citations, new_context = finder.find(str(node), context, carry=carry)
        if citations or new_context is not context:
            blocks_since_context = 1
        context = new_context
        to_link = []
        for citation in citations:
            if citation.rule is None:
                continue
            if citation.rule.key not in seen:
                seen.add(citation.rule.key)
                result.rules.append(citation.rule)
            target = link_for(citation.rule)
            if linkable and target and citation.rule.key not in linked:
                linked.add(citation.rule.key)
                to_link.append((citation, target))
        if to_link:
            replacements.append((node, to_link))
    for node, to_link in replacements:
        node.replace_with(*_linked_pieces(soup, str(node), to_link))
    result.changed = bool(replacements)
    result.html = str(soup) if replacements else html
    return result


def _linked_pieces(soup: BeautifulSoup, text: str, to_link: list) -> list:
    pieces = []
    position = 0
    for citation, (href, title) in to_link:
        if citation.start > position:
            pieces.append(NavigableString(text[position : citation.start]))
        anchor = soup.new_tag("a", attrs={"class": "rule-link", "href": href, "title": title})
        anchor.string = citation.text
        pieces.append(anchor)
        position = citation.end
    if position < len(text):
        pieces.append(NavigableString(text[position:]))
    return pieces
