"""Rules as Warta names them: regulations (``UU 7/2017``), articles (Pasal) and paragraphs (ayat).

A rule's canonical key is ``uu-7-2017/pasal-280/ayat-2`` (regulation / pasal / ayat, the
shorter forms naming a whole pasal or a whole regulation); its URL path and the ids editors
write in ``Rules:`` are derived from the same parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class RegulationKind:
    code: str
    short: str
    # How news text names this kind of regulation; acronyms are case-sensitive.
    spoken: str


KINDS = (
    # Before "PP" and "UU": a Perppu's full name contains both.
    RegulationKind(
        "perppu", "Perppu", r"Perppu|Perpu|(?i:peraturan\s+pemerintah\s+pengganti\s+undang[- ]undang)"
    ),
    RegulationKind("uu", "UU", r"UU|(?i:undang[- ]undang)"),
    RegulationKind("pp", "PP", r"PP|(?i:peraturan\s+pemerintah)"),
    RegulationKind("perpres", "Perpres", r"Perpres|(?i:peraturan\s+presiden)"),
    RegulationKind("pkpu", "PKPU", r"PKPU|(?i:peraturan\s+(?:KPU|komisi\s+pemilihan\s+umum))"),
    RegulationKind(
        "perbawaslu",
        "Perbawaslu",
        r"Perbawaslu|(?i:peraturan\s+(?:bawaslu|badan\s+pengawas\s+pemilihan\s+umum))",
    ),
    RegulationKind("permendagri", "Permendagri", r"Permendagri|(?i:peraturan\s+menteri\s+dalam\s+negeri)"),
)
_BY_CODE = {kind.code: kind for kind in KINDS}
_BY_SHORT = {kind.short.lower(): kind for kind in KINDS}

_REGULATION_FIELD = re.compile(r"(?P<kind>[A-Za-z]+)\s+(?P<number>\d{1,4})\s*/\s*(?P<year>(?:19|20)\d{2})")
_RULE_ID = re.compile(
    r"(?P<code>[a-z]+)-(?P<number>\d{1,4})-(?P<year>\d{4})"
    r"(?:[-/]pasal-(?P<pasal>\d{1,4}[a-z]?)(?:[-/]ayat-(?P<ayat>\d{1,3}[a-z]?))?)?"
)


@dataclass(frozen=True, order=True)
class Regulation:
    code: str
    number: int
    year: int

    @property
    def kind(self) -> RegulationKind:
        return _BY_CODE[self.code]

    @property
    def slug(self) -> str:
        return f"{self.code}-{self.number}-{self.year}"

    @property
    def short(self) -> str:
        """``UU 7/2017``."""
        return f"{self.kind.short} {self.number}/{self.year}"


@dataclass(frozen=True, order=True)
class Rule:
    """A regulation, a pasal of it, or one ayat of a pasal."""

    regulation: Regulation
    pasal: str = ""
    ayat: str = ""

    @property
    def key(self) -> str:
        parts = [self.regulation.slug]
        if self.pasal:
            parts.append(f"pasal-{self.pasal.lower()}")
        if self.ayat:
            parts.append(f"ayat-{self.ayat}")
        return "/".join(parts)

    @property
    def rule_id(self) -> str:
        """The form editors write in ``Rules:``: ``uu-7-2017-pasal-280-ayat-2``."""
        return self.key.replace("/", "-")

    @property
    def path(self) -> str:
        """The URL path below ``aturan/``: ``uu-7-2017/pasal-280-ayat-2``."""
        head, _, rest = self.key.partition("/")
        return f"{head}/{rest.replace('/', '-')}" if rest else head

    @property
    def article_label(self) -> str:
        """``Pasal 280 ayat (2)``, or empty for a whole regulation."""
        if not self.pasal:
            return ""
        return f"Pasal {self.pasal}" + (f" ayat ({self.ayat})" if self.ayat else "")

    @property
    def label(self) -> str:
        """``Pasal 280 ayat (2) UU 7/2017``."""
        return f"{self.article_label} {self.regulation.short}".strip()

    def broader(self) -> tuple[Rule, ...]:
        """This rule and the ones containing it, most specific first."""
        rules = [self]
        if self.ayat:
            rules.append(Rule(self.regulation, self.pasal))
        if self.pasal:
            rules.append(Rule(self.regulation))
        return tuple(rules)


class RuleError(ValueError):
    """A regulation or rule an editor wrote that cannot be read; the message says how to write it."""


def regulation_of(code: str, number: str | int, year: str | int) -> Regulation:
    return Regulation(code, int(number), int(year))


def parse_regulation(value: str) -> Regulation:
    """``UU 7/2017`` (also ``PP 94/2021``, ``PKPU 13/2024`` …) as a :class:`Regulation`."""
    match = _REGULATION_FIELD.fullmatch(value.strip())
    kind = _BY_SHORT.get(match["kind"].lower()) if match else None
    if match is None or kind is None:
        kinds = ", ".join(k.short for k in KINDS)
        raise RuleError(f"'{value}' is not a regulation — write it as UU 7/2017 (kinds: {kinds})")
    return Regulation(kind.code, int(match["number"]), int(match["year"]))


def parse_rule_id(value: str) -> Rule:
    """``uu-7-2017-pasal-280-ayat-2`` (or the key form with slashes) as a :class:`Rule`."""
    match = _RULE_ID.fullmatch(value.strip().lower())
    if match is None or match["code"] not in _BY_CODE:
        raise RuleError(f"'{value}' is not a rule id — write it as uu-7-2017-pasal-280-ayat-2")
    regulation = regulation_of(match["code"], match["number"], match["year"])
    return Rule(regulation, (match["pasal"] or "").upper(), match["ayat"] or "")


def check_regulation(value: str, settings: dict) -> str | None:
    """Field check for ``Regulation`` and ``AmendedBy``."""
    try:
        parse_regulation(value)
    except RuleError as error:
        return str(error)
    return None


def check_rule_ids(value: str, settings: dict) -> str | None:
    """Field check for an article's ``Rules``: the form of each id (whether it exists is
    checked once the explainers are read)."""
    for item in (part.strip() for part in value.split(",")):
        try:
            parse_rule_id(item)
        except RuleError as error:
            return str(error)
    return None
