"""listing_groups: Pelican's tag, category, author and period-archive pages without comparing
every pair of articles.

For every tag (category, author) Pelican lists the site's articles by date that belong to
it, asking ``article in group`` of a plain list: each article of the site against each
member, some 15 million comparisons at 10,000 articles. Once the articles are final, each
group becomes a :class:`Group`, a list that answers ``in`` from a set.

For every period archive (a month: ``MONTH_ARCHIVE_SAVE_AS``) Pelican lists the articles of
the period by comparing every article of the site with every article of the period, some
100 million comparisons (a second) at 10,000 articles over two years. This plugin takes the
``*_ARCHIVE_SAVE_AS`` settings over when Pelican starts (Pelican then builds no archives)
and hands Pelican's generator the same archives, built from sets, to write. Pages are
unchanged either way.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter

from pelican import signals


class Group(list):
    """A list of articles whose ``in`` is a set lookup. Articles are equal only to
    themselves (and hash by identity), so the set answers as the list would."""

    __slots__ = ("_members",)

    def __init__(self, articles: Iterable = ()) -> None:
        super().__init__(articles)
        self._members: set | None = None

    def __contains__(self, item: object) -> bool:
        # Pelican asks this some 3 million times in a 10,000-article build.
        members = self._members
        if members is None:
            members = self._members = set(self)
        return item in members

    def __reduce_ex__(self, protocol):
        # Copies and pickles (page fingerprints among them) see the plain list.
        return list, (list(self),)


def _forgetting_members(method):
    def changed(self, *args, **kwargs):
        self._members = None
        return method(self, *args, **kwargs)

    changed.__name__ = method.__name__
    return changed


for _name in (
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "clear",
):
    setattr(Group, _name, _forgetting_members(getattr(list, _name)))


def group_articles(generator) -> None:
    for tag, articles in generator.tags.items():
        generator.tags[tag] = Group(articles)
    # In place: the context holds these same lists.
    generator.categories[:] = [(category, Group(articles)) for category, articles in generator.categories]
    generator.authors[:] = [(author, Group(articles)) for author, articles in generator.authors]


# Pelican's period archives: the attributes of an article's date that name its period.
PERIODS = {
    "year": ("date.year",),
    "month": ("date.year", "date.month"),
    "day": ("date.year", "date.month", "date.day"),
}
# Where the settings Pelican would build archives from are kept once taken over.
TAKEN_OVER = "WARTA_PERIOD_ARCHIVES_SAVE_AS"


def take_over_period_archives(pelican) -> None:
    settings = pelican.settings
    if TAKEN_OVER in settings:
        return
    settings[TAKEN_OVER] = {
        granularity: settings.get(f"{granularity.upper()}_ARCHIVE_SAVE_AS", "") for granularity in PERIODS
    }
    for granularity in PERIODS:
        settings[f"{granularity.upper()}_ARCHIVE_SAVE_AS"] = ""


def period_archives(dates: list, articles: list, settings: dict) -> defaultdict:
    """What Pelican's ``ArticlesGenerator._build_period_archives`` builds, in one pass: for
    each period of each granularity that has a SAVE_AS, its articles by date and by order."""
    archives = defaultdict(list)
    for granularity, attributes in PERIODS.items():
        save_as = settings[TAKEN_OVER][granularity]
        if not save_as:
            continue
        url = settings[f"{granularity.upper()}_ARCHIVE_URL"]
        for period, group in groupby(dates, key=attrgetter(*attributes)):
            in_period = list(group)
            members = {id(article) for article in in_period}
            first = in_period[0].date
            archive = {
                "dates": in_period,
                "articles": [article for article in articles if id(article) in members],
                "save_as": save_as.format(date=first),
                "url": url.format(date=first),
            }
            if granularity == "year":
                archive["period"] = archive["period_num"] = (period,)
            else:
                month = calendar.month_name[period[1]]
                archive["period"] = (period[0], month, *period[2:])
                archive["period_num"] = tuple(period)
            archives[granularity].append(archive)
    return archives


def build_period_archives(generator) -> None:
    settings = generator.settings
    if TAKEN_OVER not in settings:
        return
    generator.period_archives = period_archives(generator.dates, generator.articles, settings)
    generator.context["period_archives"] = generator.period_archives


def register() -> None:
    signals.initialized.connect(take_over_period_archives)
    signals.article_generator_finalized.connect(group_articles)
    signals.article_generator_finalized.connect(build_period_archives)
