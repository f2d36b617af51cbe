"""The explainer content type: read ``content/aturan/``, link citations, write the pages.

Modelled on Pelican's ``PagesGenerator``. Its ``generate_context`` runs after the articles
are read and before ``all_generators_finalized``: it links every article's citations and
sets ``article.cited_rules`` there, so baca_juga (which works at that signal or later) finds
both the rules and bodies whose citations are already linked.
"""

from __future__ import annotations

import logging

from pelican.contents import Article, SkipStub
from pelican.generators import Generator

from warta_common import problems

from .catalogue import Catalogue, Explainer, RegulationPage, build_catalogue, split_list
from .citations import CitationFinder
from .linking import scan
from .rules import Rule, RuleError, parse_rule_id
from .scan_cache import ScanCache
from .sections import faq_json_ld, split_body

logger = logging.getLogger(__name__)

AMENDED_STATUSES = ("diubah", "dicabut")


def _newest_first(articles) -> list:
    return sorted(set(articles), key=lambda a: (a.date, a.slug), reverse=True)


class ExplainersGenerator(Generator):
    def __init__(self, *args, **kwargs) -> None:
        self.explainers: list[Explainer] = []
        self.catalogue = Catalogue()
        super().__init__(*args, **kwargs)

    def generate_context(self) -> None:
        for path in self.get_files(
            self.settings["EXPLAINER_PATHS"], exclude=self.settings["EXPLAINER_EXCLUDES"]
        ):
            explainer = self._read(path)
            if explainer is not None:
                self.explainers.append(explainer)
                self.add_source_path(explainer)
                self.add_static_links(explainer)
        self.catalogue = build_catalogue(self.explainers, self.settings)
        finder = CitationFinder(self.catalogue.aliases)
        for explainer in self.catalogue.by_key.values():
            self._prepare_explainer(explainer, finder)
        articles = [*self.context.get("articles", []), *self.context.get("drafts", [])]
        articles += self.context.get("hidden_articles", [])
        articles += [t for a in articles for t in getattr(a, "translations", [])]
        scans = ScanCache(self.settings, self._catalogue_signature())
        articles = sorted(set(articles), key=lambda a: a.source_path)
        scans.prepare((article._content for article in articles), finder, self._link_for)
        for article in articles:
            self._cite(article, finder, scans)
        scans.save()
        self._attach_backlinks(self.context.get("articles", []))
        ordered = sorted(self.catalogue.by_key.values(), key=lambda e: e.rule)
        self.context["explainers"] = ordered
        self.context["explainer_regulations"] = sorted(
            self.catalogue.regulations.values(), key=lambda page: page.regulation
        )
        self.context["explainer_topics"] = self.catalogue.topics

    def _read(self, path: str) -> Explainer | None:
        try:
            explainer = self.readers.read_file(
                base_path=self.path, path=path, content_class=Explainer, context=self.context
            )
        except Exception:
            logger.exception("Could not process %s", path, exc_info=self.settings.get("DEBUG", False))
            self._add_failed_source_path(path)
            return None
        if isinstance(explainer, SkipStub) or not explainer.is_valid():
            self._add_failed_source_path(path)
            return None
        return explainer

    def _link_for(self, rule: Rule) -> tuple[str, str] | None:
        target = self.catalogue.target(rule)
        if target is None:
            return None
        title = target.title if isinstance(target, Explainer) else f"Penjelasan aturan {target.label}"
        return f"{self.settings['SITEURL']}/{target.url}", title

    def _prepare_explainer(self, explainer: Explainer, finder: CitationFinder) -> None:
        status = str(explainer.metadata.get("rule_status", ""))
        if status in AMENDED_STATUSES and not explainer.metadata.get("amendedby"):
            problems.report(
                explainer.source_path,
                "AmendedBy",
                f"missing — the rule's Status is '{status}'; add 'AmendedBy: UU 6/2020' naming the"
                " regulation that changed or revoked it",
            )
        result = scan(
            explainer._content,
            finder,
            lambda rule: None if self.catalogue.target(rule) is explainer else self._link_for(rule),
            context=explainer.rule.regulation,
            carry=False,
        )
        body = split_body(result.html)
        for message in body.problems:
            problems.report(explainer.source_path, "Body", message)
        for title in body.missing:
            problems.report(
                explainer.source_path, "Body", f"the section '## {title}' is missing", warning=True
            )
        explainer.intro = body.intro
        explainer.sections = body.sections
        explainer.questions = body.questions
        explainer.faq_json_ld = faq_json_ld(body.questions) if body.questions else ""
        explainer.topics = explainer.topic_list
        explainer.aliases = split_list(explainer.metadata.get("aliases"))
        explainer.citing_articles = []

    def _explicit_rules(self, article: Article) -> list[Rule]:
        rules = []
        for value in split_list(article.metadata.get("rules")):
            try:
                rule = parse_rule_id(value)
            except RuleError as error:
                problems.report(article.source_path, "Rules", str(error))
                continue
            if not self.catalogue.known(rule):
                known = ", ".join(self.catalogue.known_ids()) or "none yet"
                problems.report(
                    article.source_path,
                    "Rules",
                    f"'{value}' is not a rule with an explainer — known rules: {known}",
                )
                continue
            rules.append(rule)
        return rules

    def _catalogue_signature(self) -> str:
        """Everything a scan's links depend on: each rule's target, URL and title, and aliases."""
        targets = [(key, self._link_for(e.rule)) for key, e in sorted(self.catalogue.by_key.items())]
        regulations = [
            (page.regulation, self._link_for(page.rule)) for page in self.catalogue.regulations.values()
        ]
        return repr(
            (targets, sorted(regulations, key=repr), sorted(self.catalogue.aliases.items(), key=repr))
        )

    def _cite(self, article: Article, finder: CitationFinder, scans: ScanCache) -> None:
        result = scans.scan(article._content, finder, self._link_for)
        if result.changed:
            article._content = result.html
        for rule in result.rules:
            if not self.catalogue.has_explainer(rule):
                problems.report(
                    article.source_path,
                    "",
                    f"cites {rule.label}, which has no explainer yet — write one in content/aturan/",
                    warning=True,
                )
        rules = list(dict.fromkeys([*result.rules, *self._explicit_rules(article)]))
        # A regulation named on its own adds nothing once one of its pasal is cited.
        with_pasal = {rule.regulation for rule in rules if rule.pasal}
        rules = [rule for rule in rules if rule.pasal or rule.regulation not in with_pasal]
        article.cited_rules = tuple(rule.key for rule in rules)
        targets = [self.catalogue.target(rule) for rule in rules]
        article.cited_explainers = list(dict.fromkeys(t for t in targets if t is not None))

    def _attach_backlinks(self, published) -> None:
        citing: dict[int, list] = {}
        for article in published:
            for target in article.cited_explainers:
                citing.setdefault(id(target), []).append(article)
                if isinstance(target, Explainer):
                    citing.setdefault(id(target.regulation_page), []).append(article)
        for explainer in self.catalogue.by_key.values():
            explainer.citing_articles = _newest_first(citing.get(id(explainer), []))
        for page in self.catalogue.regulations.values():
            page.citing_articles = _newest_first(citing.get(id(page), []))

    def generate_output(self, writer) -> None:
        for explainer in self.context["explainers"]:
            writer.write_file(
                explainer.save_as,
                self.get_template(explainer.template),
                self.context,
                explainer=explainer,
                page=explainer,
                url=explainer.url,
                relative_urls=self.settings["RELATIVE_URLS"],
                override_output=hasattr(explainer, "override_save_as"),
            )
        for regulation in self.context["explainer_regulations"]:
            self._write_regulation(writer, regulation)
        writer.write_file(
            self.settings["EXPLAINERS_SAVE_AS"],
            self.get_template("explainers"),
            self.context,
            url=self.settings["EXPLAINERS_URL"],
            template_name="explainers",
            page_name="aturan/index",
        )

    def _write_regulation(self, writer, regulation: RegulationPage) -> None:
        writer.write_file(
            regulation.save_as,
            self.get_template("regulation"),
            self.context,
            regulation=regulation,
            url=regulation.url,
            template_name="regulation",
            page_name=regulation.url.rstrip("/"),
        )
