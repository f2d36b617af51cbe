"""Production builds turn links to unpublished articles into plain text."""

from __future__ import annotations

from itertools import chain

from bs4 import BeautifulSoup

from warta_common.links import intrasite_link, relative_source


def _unpublished(context: dict) -> set[str]:
    return {
        path.replace("\\", "/")
        for path, content in context["generated_content"].items()
        if getattr(content, "status", "published") == "draft"
    }


def _written(generators):
    for generator in generators:
        yield from chain(
            getattr(generator, "articles", ()),
            getattr(generator, "translations", ()),
            getattr(generator, "hidden_articles", ()),
            getattr(generator, "pages", ()),
            getattr(generator, "hidden_pages", ()),
        )


def unlink_unpublished(generators) -> None:
    if not generators:
        return
    unpublished = _unpublished(generators[0].context)
    if not unpublished:
        return
    for content in _written(generators):
        html = getattr(content, "_content", "") or ""
        if "filename" not in html:
            continue
        source = relative_source(content)
        soup = BeautifulSoup(html, "html.parser")
        dead = [
            anchor
            for anchor in soup.find_all("a", href=True)
            if (link := intrasite_link(anchor["href"], source)) and link.target in unpublished
        ]
        for anchor in dead:
            anchor.unwrap()
        if dead:
            content._content = str(soup)
