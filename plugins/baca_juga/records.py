"""What the relevance engine reads and gives back, as plain records.

Kept apart from ``engine`` (numpy, scipy: a quarter of a second to import) so that a build
whose matches are reused (see ``reuse``) never loads the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Document:
    key: str
    day: float
    title: str
    body: str
    tags: tuple[str, ...] = ()
    region: str = ""
    category: str = ""
    rules: tuple[str, ...] = ()


class Match(NamedTuple):
    # A tuple: hundreds of thousands are made in one build, and a tuple is made fastest.
    key: str
    score: float
