"""The explainers of a site, by rule and by regulation, and where a citation should link."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pelican.contents import Content
from pelican.utils import slugify

from warta_common import problems
from warta_common.schema import ARTICLE_NUMBER, PARAGRAPH_NUMBER

from .rules import Regulation, Rule, RuleError, parse_regulation


class Explainer(Content):
    """A rule explainer from ``content/aturan/``; its URL is derived from the rule it explains."""

    mandatory_properties = ("title",)
    default_status = "published"
    default_template = "explainer"

    @property
    def url_format(self) -> dict:
        rule = explained_rule(self)
        return {**super().url_format, "rule_path": rule.path if rule else self.slug}


def explained_rule(explainer: Content) -> Rule | None:
    """The rule from ``Regulation``, ``Article`` and ``Paragraph``; None while they are invalid."""
    try:
        regulation = parse_regulation(str(explainer.metadata.get("regulation", "")))
    except RuleError:
        return None
    article = ARTICLE_NUMBER.fullmatch(str(explainer.metadata.get("article", "")).strip())
    if article is None:
        return None
    paragraph_text = str(explainer.metadata.get("paragraph", "")).strip()
    paragraph = PARAGRAPH_NUMBER.fullmatch(paragraph_text)
    if paragraph_text and paragraph is None:
        return None
    return Rule(regulation, article["number"], paragraph["number"] if paragraph else "")


def split_list(value) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if str(item).strip()]
    return [item.strip() for item in str(value or "").split(",") if item.strip()]


def _pasal_order(rule: Rule) -> tuple:
    number = re.match(r"\d+", rule.pasal or "0")
    ayat = re.match(r"\d+", rule.ayat or "0")
    return (int(number[0]) if number else 0, rule.pasal, int(ayat[0]) if ayat else 0, rule.ayat)


@dataclass(eq=False)
class Topic:
    name: str
    anchor: str
    explainers: list = field(default_factory=list)


@dataclass(eq=False)
class RegulationPage:
    """A regulation with at least one explainer: its page lists them."""

    regulation: Regulation
    title: str
    aliases: tuple[str, ...]
    url: str
    save_as: str
    explainers: list = field(default_factory=list)
    citing_articles: list = field(default_factory=list)

    @property
    def rule(self) -> Rule:
        return Rule(self.regulation)

    @property
    def label(self) -> str:
        return self.regulation.short


@dataclass
class Catalogue:
    by_key: dict[str, Explainer] = field(default_factory=dict)
    regulations: dict[Regulation, RegulationPage] = field(default_factory=dict)
    aliases: dict[str, Regulation] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)

    def target(self, rule: Rule):
        """The most specific page for a rule: its explainer, its pasal's, else its regulation's."""
        for candidate in rule.broader():
            if candidate.key in self.by_key:
                return self.by_key[candidate.key]
        return self.regulations.get(rule.regulation)

    def has_explainer(self, rule: Rule) -> bool:
        """Whether a reader of this citation finds the pasal explained (or the regulation's page)."""
        if not rule.pasal:
            return rule.regulation in self.regulations
        return any(c.key in self.by_key for c in rule.broader() if c.pasal)

    def known(self, rule: Rule) -> bool:
        return rule.key in self.by_key or (not rule.pasal and rule.regulation in self.regulations)

    def known_ids(self) -> list[str]:
        ids = [explainer.rule.rule_id for explainer in self.by_key.values()]
        return sorted(ids + [Rule(regulation).rule_id for regulation in self.regulations])


def build_catalogue(explainers: list[Explainer], settings: dict) -> Catalogue:
    """Index explainers by rule; report duplicates and regulations described inconsistently."""
    catalogue = Catalogue()
    topics: dict[str, Topic] = {}
    for explainer in sorted(explainers, key=lambda e: e.source_path):
        rule = explained_rule(explainer)
        if rule is None:
            continue
        explainer.rule = rule
        if rule.key in catalogue.by_key:
            first = catalogue.by_key[rule.key]
            problems.report(
                explainer.source_path,
                "Article",
                f"{rule.label} is already explained in {problems.display_path(first.source_path)}"
                " — one explainer per rule; merge the two",
            )
            continue
        catalogue.by_key[rule.key] = explainer
        _add_to_regulation(catalogue, explainer, rule, settings)
        for name in split_list(explainer.metadata.get("topics")):
            anchor = "topik-" + slugify(name, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
            topics.setdefault(anchor, Topic(name, anchor)).explainers.append(explainer)
    order = _pasal_order
    for page in catalogue.regulations.values():
        page.explainers.sort(key=lambda e: order(e.rule))
    catalogue.topics = sorted(topics.values(), key=lambda t: t.anchor)
    for topic in catalogue.topics:
        topic.explainers.sort(key=lambda e: (e.rule.regulation, order(e.rule)))
    for explainer in catalogue.by_key.values():
        explainer.topic_list = [t for t in catalogue.topics if explainer in t.explainers]
    return catalogue


def _add_to_regulation(catalogue: Catalogue, explainer: Explainer, rule: Rule, settings: dict) -> None:
    regulation = rule.regulation
    title = str(explainer.metadata.get("regulationtitle", "")).strip()
    aliases = tuple(split_list(explainer.metadata.get("aliases")))
    page = catalogue.regulations.get(regulation)
    if page is None:
        path = Rule(regulation).path
        page = RegulationPage(
            regulation,
            title,
            aliases,
            settings["REGULATION_URL"].format(slug=path),
            settings["REGULATION_SAVE_AS"].format(slug=path),
        )
        catalogue.regulations[regulation] = page
    elif title and title != page.title:
        first = page.explainers[0]
        problems.report(
            explainer.source_path,
            "RegulationTitle",
            f"differs from {problems.display_path(first.source_path)} ('{page.title}')"
            f" — write the same title in every explainer of {regulation.short}",
        )
    for alias in aliases:
        owner = catalogue.aliases.setdefault(alias.lower(), regulation)
        if owner != regulation:
            problems.report(
                explainer.source_path,
                "Aliases",
                f"'{alias}' already names {owner.short} — an alias can name only one regulation",
            )
        elif alias not in page.aliases:
            page.aliases = (*page.aliases, alias)
    page.explainers.append(explainer)
    explainer.regulation_page = page
