"""listing_groups: Pelican's tag, category and author pages without comparing every pair of articles.

For every tag (category, author) Pelican lists the site's articles by date that belong to
it, asking ``article in group`` of a plain list: each article of the site against each
member, some 15 million comparisons at 10,000 articles. Once the articles are final, each
group becomes a :class:`Group`, a list that answers ``in`` from a set. Pages are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable

from pelican import signals


class Group(list):
    """A list of articles whose ``in`` is a set lookup. Articles are equal only to
    themselves, so membership by identity is membership."""

    __slots__ = ("_members",)

    def __init__(self, articles: Iterable = ()) -> None:
        super().__init__(articles)
        self._members: set[int] | None = None

    def __contains__(self, item: object) -> bool:
        if self._members is None:
            self._members = {id(member) for member in self}
        return id(item) in self._members

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


def register() -> None:
    signals.article_generator_finalized.connect(group_articles)
