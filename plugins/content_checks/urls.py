"""Every address the site has, to tell a broken site-relative link from a working one."""

from __future__ import annotations

from dataclasses import dataclass, field

_UNPUBLISHED_KEYS = {
    "generated_content",
    "drafts",
    "drafts_translations",
    "draft_pages",
    "draft_translations",
}


def _urls_in(value) -> list[str]:
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, list | tuple):
        return []
    found = []
    for item in value:
        if isinstance(item, tuple) and item:
            item = item[0]
        url = getattr(item, "url", None)
        if isinstance(url, str) and getattr(item, "status", "published") != "draft":
            found.append(url)
    return found


def _normal(url: str) -> str:
    url = url.lstrip("/")
    return url.removesuffix("index.html")


def _first_segment(url: str) -> str:
    return url.split("/", 1)[0]


@dataclass
class SiteUrls:
    known: set[str] = field(default_factory=set)
    waiting: dict[str, object] = field(default_factory=dict)
    # Folders of the site's own files (images/) even when they hold none yet.
    folders: set[str] = field(default_factory=set)

    @classmethod
    def collect(cls, generators, contents: list) -> SiteUrls:
        context, settings = generators[0].context, generators[0].settings
        urls = cls()
        for content in contents:
            if getattr(content, "status", "published") == "draft":
                urls.waiting[_normal(content.url)] = content
                if "date" in content.metadata:
                    urls.waiting[_normal(settings["ARTICLE_URL"].format(**content.url_format))] = content
            else:
                urls.known.add(_normal(content.url))
        urls.known.update(
            # None stands for a static file Pelican failed to copy.
            _normal(static.url)
            for static in context["static_content"].values()
            if static is not None
        )
        # Listings and pages that plugins write (categories, regions, regulation pages …) are
        # in the context as lists of objects with a URL, or of (object, articles) pairs.
        for name, value in context.items():
            if name not in _UNPUBLISHED_KEYS:
                urls.known.update(_normal(url) for url in _urls_in(value))
        for article in context.get("articles", ()):
            urls.known.add(_normal(settings["MONTH_ARCHIVE_URL"].format(date=article.date)))
        for template in settings["DIRECT_TEMPLATES"]:
            urls.known.add(_normal(settings.get(f"{template.upper()}_URL", f"{template}.html")))
        urls.known.add(_normal(settings.get("REGIONS_URL", "")))
        urls.folders.update(_first_segment(folder) for folder in settings["STATIC_PATHS"])
        return urls

    def _candidates(self, path: str) -> tuple[str, ...]:
        path = _normal(path)
        return (path, f"{path}/") if path and not path.endswith("/") else (path,)

    def exists(self, path: str) -> bool:
        return any(candidate in self.known for candidate in self._candidates(path))

    def unpublished(self, path: str):
        return next((self.waiting[c] for c in self._candidates(path) if c in self.waiting), None)

    def manages(self, path: str) -> bool:
        """Whether the site writes pages under this path's first folder (berita/, aturan/ …);
        addresses elsewhere (a search page, feeds) belong to other tools."""
        segment = _first_segment(_normal(path))
        return segment in self.folders or any(
            _first_segment(url) == segment for url in (*self.known, *self.waiting) if url
        )
