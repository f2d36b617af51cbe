"""regions: ``Region`` (Wilayah) as a taxonomy, like Pelican's categories and tags.

Each article's ``Region`` becomes a :class:`Region` with a URL; a paginated listing page is
written for every region (template ``region.html``) and an index of all regions
(template ``regions.html``).
"""

from __future__ import annotations

from collections import defaultdict

from pelican import signals
from pelican.generators import Generator
from pelican.urlwrappers import URLWrapper

DEFAULTS = {
    "REGION_URL": "wilayah/{slug}/",
    "REGION_SAVE_AS": "wilayah/{slug}/index.html",
    "REGIONS_URL": "wilayah/",
    "REGIONS_SAVE_AS": "wilayah/index.html",
}


class Region(URLWrapper):
    pass


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def attach_regions(generator) -> None:
    """Turn each article's Region text into a Region object and list regions in the context."""
    known: dict[str, Region] = {}
    by_region: dict[Region, list] = defaultdict(list)
    published = {id(article) for article in generator.articles}
    for article in [*generator.articles, *generator.translations, *generator.drafts]:
        name = article.metadata.get("region")
        if not isinstance(name, str):
            continue
        region = known.setdefault(name, Region(name, generator.settings))
        article.region = region
        if id(article) in published:
            by_region[region].append(article)
    generator.context["regions"] = sorted(by_region.items(), key=lambda item: item[0].slug)


class RegionPagesGenerator(Generator):
    """Writes a listing page per region and the index of regions."""

    def generate_output(self, writer) -> None:
        regions = self.context.get("regions", [])
        template = self.get_template("region")
        newest_first = self.context.get("dates", [])
        for region, articles in regions:
            members = set(articles)
            writer.write_file(
                region.save_as,
                template,
                self.context,
                region=region,
                url=region.url,
                articles=articles,
                dates=[a for a in newest_first if a in members],
                template_name="region",
                blog=True,
                page_name=region.page_name,
                all_articles=self.context["articles"],
            )
        writer.write_file(
            self.settings["REGIONS_SAVE_AS"],
            self.get_template("regions"),
            self.context,
            url=self.settings["REGIONS_URL"],
            template_name="regions",
            page_name="wilayah/index",
        )


def get_generators(pelican):
    return RegionPagesGenerator


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.article_generator_finalized.connect(attach_regions)
    signals.get_generators.connect(get_generators)
