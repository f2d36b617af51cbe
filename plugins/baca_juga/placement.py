"""Where "Baca juga" boxes go in an article's body, and their markup.

The body's top-level blocks are read in order. A box may follow a paragraph of text only —
never a blockquote, list, table, figure, code block, heading or a paragraph that holds just
an image — and it is never the last block. The first box needs half the minimum distance
of words before it, every box needs that many words after it, and boxes are at least the
minimum distance apart; within these rules they are spread evenly through the text. A
short article gets fewer boxes, or none.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

from warta_common import text

# The body is HTML5 (Markdown's output_format): void elements without a closing slash.
_HTML5 = HTMLFormatter(entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix=None)


@dataclass(frozen=True)
class Link:
    href: str
    title: str


@dataclass(frozen=True)
class Slot:
    """The gap after the top-level block ``after``, with ``words`` words of text before it."""

    after: int
    words: int


def slots(blocks: list[Tag], counts: list[int], distance: int) -> list[Slot]:
    """The gaps where a box may go, from each block's word count."""
    total = sum(counts)
    margin = distance // 2
    found, before = [], 0
    for index, block in enumerate(blocks[:-1]):
        before += counts[index]
        # After a paragraph of text only (a paragraph holding just an image has no words).
        if block.name == "p" and counts[index] and before >= margin and total - before >= margin:
            found.append(Slot(index, before))
    return found


def choose(candidates: list[Slot], total_words: int, wanted: int, distance: int) -> list[Slot]:
    """Up to ``wanted`` slots, at least ``distance`` words apart, each the nearest to an even
    share of the text; fewer when the article is too short for all of them."""
    for count in range(wanted, 0, -1):
        chosen: list[Slot] = []
        for number in range(1, count + 1):
            target = total_words * number / (count + 1)
            options = [s for s in candidates if not chosen or s.words - chosen[-1].words >= distance]
            if not options:
                break
            chosen.append(min(options, key=lambda s: (abs(s.words - target), s.words)))
        if len(chosen) == count:
            return chosen
    return []


def box(soup: BeautifulSoup, link: Link, label: str) -> Tag:
    """``<aside class="baca-juga" aria-label="Baca juga"><span>Baca juga:</span> <a …>…</a></aside>``"""
    aside = soup.new_tag("aside", attrs={"class": "baca-juga", "aria-label": label})
    caption = soup.new_tag("span")
    caption.string = f"{label}:"
    anchor = soup.new_tag("a", href=link.href)
    anchor.string = link.title
    aside.extend([caption, " ", anchor])
    return aside


def place(body: str, links: list[Link], label: str, distance: int) -> tuple[str, int]:
    """The body with up to ``len(links)`` boxes inserted, and how many were placed."""
    if not links:
        return body, 0
    soup = BeautifulSoup(body, "html.parser")
    blocks = [node for node in soup.contents if isinstance(node, Tag)]
    counts = [text.word_count(block.stripped_strings) for block in blocks]
    chosen = choose(slots(blocks, counts, distance), sum(counts), len(links), distance)
    for slot, link in zip(chosen, links, strict=False):
        blocks[slot.after].insert_after("\n", box(soup, link, label))
    if not chosen:
        return body, 0
    return soup.decode(formatter=_HTML5), len(chosen)
