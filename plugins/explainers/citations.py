"""Recognise rule citations in Indonesian news text.

News names rules in many ways: "Pasal 280 ayat (2) UU Nomor 7 Tahun 2017", "UU No. 7/2017
Pasal 280 ayat 2", "Pasal 73 ayat (1) jo. Pasal 187A UU 10/2016", "Pasal 70 ayat (1) huruf b
UU Pilkada", or the law in one sentence and the article in the next ("… Undang-Undang Nomor 7
Tahun 2017 tentang Pemilihan Umum. Pada Pasal 280 ayat (2) dijelaskan …").

A pasal takes its regulation from, in this order: a regulation right before it ("UU 7/2017
Pasal 280"), one right after its chain ("Pasal 73 jo. Pasal 187A UU 10/2016"), or the
regulation the text last named (the *context*, carried from one call to the next by the
caller). Another law named after a pasal (KUHP, UUD 1945, a Perda) makes it a citation of
that law, which Warta does not link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .rules import KINDS, Regulation, Rule, regulation_of


class OtherLaw:
    """Stands for a law Warta cannot name (KUHP, UUD 1945, a Perda): pasal after it are not ours."""

    def __repr__(self) -> str:
        return "OTHER_LAW"


OTHER_LAW = OtherLaw()
Context = Regulation | OtherLaw | None

_KIND_ALTERNATIVES = "|".join(f"(?P<k_{kind.code}>{kind.spoken})" for kind in KINDS)
_REGULATION = (
    rf"(?<![\w-])(?:{_KIND_ALTERNATIVES})(?:\s+(?:RI|(?i:republik\s+indonesia)))?\s+"
    r"(?:(?i:nomor|nomer|no\.?|nmr\.?)\s*)?(?P<number>\d{1,4})"
    r"(?:\s*/\s*|\s+(?i:tahun|thn\.?|th\.?)\s+)(?P<year>(?:19|20)\d{2})(?!\d)"
)
_OTHER_LAW = (
    r"(?<![\w-])(?:KUHP(?:erdata)?|KUHAP|(?i:kitab\s+undang[- ]undang\s+hukum\s+\w+)"
    r"|UUD(?:\s+(?:NRI\s+)?(?:(?i:tahun)\s+)?1945)?|(?i:undang[- ]undang\s+dasar)(?:\s+1945)?"
    r"|Perda|Perbup|Perwal|Pergub|Perkada|Permen\w*"
    r"|(?i:peraturan\s+(?:daerah|bupati|wali\s*kota|gubernur|menteri|kepala\s+daerah)))(?![\w-])"
)
_AYAT = r"(?i:ayat)\s*(?:\(\s*(?P<{name}>\d{{1,3}}[a-z]?)\s*\)|(?P<{name}_bare>\d{{1,3}}[a-z]?)(?![\w/]))"
_PASAL_NUMBER = r"(?P<pasal>\d{1,4}[A-Z]?)(?![\w/])"
_DETAIL = r"(?:\s+(?i:huruf)\s+\(?[a-z]\)?(?![\w]))?(?:\s+(?i:angka)\s+\(?\d{1,3}\)?(?![\w]))?"
_ELEMENT = re.compile(
    r"(?<![\w-])(?:"
    rf"(?i:pasal|psl\.?)\s+{_PASAL_NUMBER}(?:\s+{_AYAT.format(name='ayat')})?"
    rf"|{_AYAT.format(name='ayat_first')}\s+(?i:pasal)\s+(?P<pasal_after>\d{{1,4}}[A-Z]?)(?![\w/])"
    rf"){_DETAIL}"
)
_CONTINUATION = re.compile(rf"{_AYAT.format(name='ayat')}{_DETAIL}")
_SEPARATOR = re.compile(
    r"\s*(?:,\s*(?:(?:dan|serta|atau)\s+)?|\s+(?i:dan/atau|dan|serta|atau|jo\.?|juncto|junto)\s+)"
)
_FOLLOWING = re.compile(r"\s*,?\s*(?:(?i:dari|dalam|pada|di)\s+)?")
_BETWEEN_REGULATION_AND_PASAL = re.compile(r"\s*,?\s*")


@dataclass(frozen=True)
class Mention:
    """Where the text names a regulation: ours (a Regulation) or another law."""

    start: int
    end: int
    law: Regulation | OtherLaw


@dataclass(frozen=True)
class Citation:
    """A recognised citation: the span of text and the rule it names.

    ``rule`` is None when the text cites a pasal of a law Warta does not know, or a pasal
    whose law the text never named.
    """

    start: int
    end: int
    text: str
    rule: Rule | None


def _ayat(match: re.Match, name: str) -> str:
    return match[name] or match[f"{name}_bare"] or ""


@dataclass(frozen=True)
class _Element:
    start: int
    end: int
    pasal: str
    ayat: str


class CitationFinder:
    """Finds citations in text; ``aliases`` maps names like "UU Pemilu" to their regulation."""

    def __init__(self, aliases: dict[str, Regulation] | None = None) -> None:
        self.aliases = {_normalise(name): regulation for name, regulation in (aliases or {}).items()}
        alias_patterns = sorted((_alias_pattern(name) for name in self.aliases), key=len, reverse=True)
        alias = "|".join(alias_patterns) or r"(?!x)x"
        self._mention = re.compile(
            rf"(?P<regulation>{_REGULATION})|(?P<alias>(?<![\w-])(?i:{alias})(?![\w-]))|(?P<other>{_OTHER_LAW})"
        )

    def mentions(self, text: str) -> list[Mention]:
        found = []
        for match in self._mention.finditer(text):
            if match["regulation"]:
                code = next(kind.code for kind in KINDS if match[f"k_{kind.code}"])
                law: Regulation | OtherLaw = regulation_of(code, match["number"], match["year"])
            elif match["alias"]:
                law = self.aliases[_normalise(match["alias"])]
            else:
                law = OTHER_LAW
            found.append(Mention(match.start(), match.end(), law))
        return found

    def find(
        self, text: str, context: Context = None, *, carry: bool = True
    ) -> tuple[list[Citation], Context]:
        """Every citation in ``text`` in order, and the context left for the text that follows.

        With ``carry=False`` a pasal that names no law always belongs to the given context
        (an explainer's own regulation), whatever other law the text named before it.
        """
        fixed = context
        mentions = self.mentions(text)
        citations: list[Citation] = []
        consumed: set[Mention] = set()
        position = 0
        for chain in self._chains(text):
            before = _mention_ending_at(
                [m for m in mentions if m not in consumed and m.start >= position], chain[0].start, text
            )
            after = _mention_starting_at(mentions, chain[-1].end, text)
            for mention in mentions:
                if mention.end <= chain[0].start and mention.start >= position and mention is not before:
                    context = self._standalone(mention, text, citations, consumed, context)
                    context = context if carry else fixed
            if before is not None:
                law: Context = before.law
                consumed.add(before)
            elif after is not None:
                law = after.law
                consumed.add(after)
            else:
                law = context
            for index, element in enumerate(chain):
                start = before.start if before is not None and index == 0 else element.start
                end = after.end if after is not None and index == len(chain) - 1 else element.end
                rule = Rule(law, element.pasal, element.ayat) if isinstance(law, Regulation) else None
                citations.append(Citation(start, end, text[start:end], rule))
            context = law if carry else fixed
            position = after.end if after is not None else chain[-1].end
        for mention in mentions:
            if mention.start >= position and mention not in consumed:
                context = self._standalone(mention, text, citations, consumed, context)
        citations.sort(key=lambda c: c.start)
        return citations, context if carry else fixed

    @staticmethod
    def _standalone(mention, text, citations, consumed, context) -> Context:
        if mention in consumed:
            return context
        consumed.add(mention)
        if isinstance(mention.law, Regulation):
            citations.append(
                Citation(mention.start, mention.end, text[mention.start : mention.end], Rule(mention.law))
            )
        return mention.law

    @staticmethod
    def _chains(text: str) -> Iterable[list[_Element]]:
        position = 0
        while True:
            match = _ELEMENT.search(text, position)
            if match is None:
                return
            pasal = match["pasal"] or match["pasal_after"]
            chain = [
                _Element(
                    match.start(), match.end(), pasal, _ayat(match, "ayat") or _ayat(match, "ayat_first")
                )
            ]
            end = match.end()
            while True:
                separator = _SEPARATOR.match(text, end)
                if separator is None:
                    break
                following = _ELEMENT.match(text, separator.end())
                if following is not None:
                    pasal = following["pasal"] or following["pasal_after"]
                    ayat = _ayat(following, "ayat") or _ayat(following, "ayat_first")
                else:
                    following = _CONTINUATION.match(text, separator.end())
                    if following is None:
                        break
                    ayat = _ayat(following, "ayat")
                chain.append(_Element(following.start(), following.end(), pasal, ayat))
                end = following.end()
            position = end
            yield chain


def _normalise(name: str) -> str:
    return " ".join(re.sub(r"undang[- ]undang", "uu", name.lower()).split())


def _alias_pattern(name: str) -> str:
    words = [re.escape(word) for word in name.split()]
    if words and words[0] == "uu":
        words[0] = r"(?:uu|undang[- ]undang)"
    return r"\s+".join(words)


def _mention_ending_at(mentions: list[Mention], position: int, text: str) -> Mention | None:
    for mention in mentions:
        if mention.end <= position:
            gap = _BETWEEN_REGULATION_AND_PASAL.fullmatch(text, mention.end, position)
            if gap is not None:
                return mention
    return None


def _mention_starting_at(mentions: list[Mention], position: int, text: str) -> Mention | None:
    gap = _FOLLOWING.match(text, position)
    for mention in mentions:
        if gap is not None and mention.start == gap.end():
            return mention
    return None
