"""``seo_head()``: everything ``partials/head_meta.html`` renders, computed from the page's context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from jinja2 import Environment, pass_context
from markupsafe import Markup

from seo import structured_data
from seo.urls import absolute, page_url
from warta_common import json_ld

# A file of the theme's static folder → its path in the output.
ThemeFile = Callable[[str], str]


@dataclass
class SocialImage:
    url: str
    width: int | None = None
    height: int | None = None
    alt: str = ""


@dataclass
class HeadMeta:
    """What one page tells search engines and social networks.

    ``canonical`` is None on local builds (empty ``SITEURL``): a canonical URL must be absolute.
    """

    canonical: str | None
    title: str
    description: str
    kind: str = "website"
    image: SocialImage | None = None
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    noindex: bool = False
    structured_data: list[Markup] = field(default_factory=list)


def plain(html) -> str:
    """Text of a summary, which is HTML (titles are text already)."""
    return Markup(str(html or "")).striptags()


def last_modified(content) -> datetime | None:
    """When ``content`` last changed: ``Modified`` if later than ``Date``; None for an undated page."""
    dates = [d for d in (getattr(content, "date", None), getattr(content, "modified", None)) if d]
    return max(dates) if dates else None


def _publisher(settings: dict, theme_file: ThemeFile) -> dict:
    return structured_data.organization(
        settings.get("SEO_PUBLISHER_NAME") or settings["SITENAME"],
        absolute(settings, ""),
        absolute(settings, theme_file(settings["SEO_PUBLISHER_LOGO"])),
    )


def _home(settings: dict) -> tuple[str, str]:
    return ("Beranda", absolute(settings, ""))


def _lead_image(settings: dict, content) -> SocialImage | None:
    image = getattr(content, "lead_image", None)
    if not image:
        return None
    return SocialImage(absolute(settings, image.src), image.width, image.height, image.alt)


def _default_image(settings: dict, theme_file: ThemeFile) -> SocialImage | None:
    name = settings.get("SEO_DEFAULT_IMAGE")
    return SocialImage(absolute(settings, theme_file(name)), alt=settings["SITENAME"]) if name else None


def _for_article(settings: dict, theme_file: ThemeFile, article) -> HeadMeta:
    url = absolute(settings, article.url)
    title = str(article.title)
    description = plain(article.summary)
    published = article.date.isoformat()
    modified = last_modified(article)
    image = _lead_image(settings, article)
    # Google wants an image for every news article: the site's card when there is no photo.
    shared = image or _default_image(settings, theme_file)
    authors = list(getattr(article, "authors", []))
    tags = [str(tag) for tag in getattr(article, "tags", [])]
    category = article.category
    news = structured_data.news_article(
        url=url,
        headline=title,
        description=description,
        images=[shared.url] if shared else [],
        published=published,
        modified=modified.isoformat(),
        authors=[structured_data.person(str(a), absolute(settings, a.url)) for a in authors],
        publisher=_publisher(settings, theme_file),
        section=str(category),
        keywords=tags,
    )
    trail = [_home(settings), (str(category), absolute(settings, category.url)), (title, url)]
    return HeadMeta(
        canonical=url,
        title=title,
        description=description,
        kind="article",
        image=shared,
        published=published,
        modified=modified.isoformat(),
        section=str(category),
        tags=tags,
        structured_data=[
            json_ld.script(news),
            json_ld.script(structured_data.breadcrumb_list(trail)),
        ],
    )


def _for_page(settings: dict, theme_file: ThemeFile, page, explainer=None) -> HeadMeta:
    url = absolute(settings, page.url)
    title = str(page.title)
    trail = [_home(settings)]
    if explainer is not None:
        trail.append(("Aturan", absolute(settings, settings.get("EXPLAINERS_URL", ""))))
        regulation = getattr(explainer, "regulation_page", None)
        if regulation is not None:
            trail.append((str(regulation.label), absolute(settings, regulation.url)))
    trail.append((title, url))
    return HeadMeta(
        canonical=url,
        title=title,
        description=plain(page.summary),
        image=_lead_image(settings, page) or _default_image(settings, theme_file),
        structured_data=[json_ld.script(structured_data.breadcrumb_list(trail))],
    )


# Listing templates: the context variable holding the term, and the index page it belongs to.
_LISTINGS = (
    ("category", "Kategori", "CATEGORIES_URL"),
    ("tag", "Tag", "TAGS_URL"),
    ("author", "Pewarta", "AUTHORS_URL"),
    ("region", "Wilayah", "REGIONS_URL"),
)


# The other context variables _meta and _for_listing read.
_PAGE_VARIABLES = ("article", "page", "explainer", "regulation", "page_name", "output_file")


def _for_listing(settings: dict, theme_file: ThemeFile, context) -> HeadMeta:
    url = absolute(settings, page_url(context.get("output_file", "")))
    site = settings["SITENAME"]
    title = site
    description = settings.get("SITESUBTITLE", "")
    data = []
    if context.get("page_name") == "index":
        search = settings.get("SEARCH_URL")
        data.append(
            json_ld.script(
                structured_data.website(
                    name=site,
                    url=absolute(settings, ""),
                    description=description,
                    search_url=absolute(settings, search) if search else None,
                )
            )
        )
    regulation = context.get("regulation")
    if regulation is not None:
        title = str(regulation.label)
        trail = [
            _home(settings),
            ("Aturan", absolute(settings, settings.get("EXPLAINERS_URL", ""))),
            (title, absolute(settings, regulation.url)),
        ]
        data.append(json_ld.script(structured_data.breadcrumb_list(trail)))
    for variable, label, index_setting in _LISTINGS:
        term = context.get(variable)
        if term is not None and hasattr(term, "url"):
            title = f"{label} {term}" if variable != "category" else str(term)
            description = f"Berita {label.lower()} {term} dari {site}."
            trail = [
                _home(settings),
                (label, absolute(settings, settings.get(index_setting, ""))),
                (str(term), absolute(settings, term.url)),
            ]
            data.append(json_ld.script(structured_data.breadcrumb_list(trail)))
            break
    return HeadMeta(
        canonical=url,
        title=title,
        description=description,
        image=_default_image(settings, theme_file),
        noindex=context.get("page_name") == "404",
        structured_data=data,
    )


def _meta(settings: dict, theme_file: ThemeFile, context) -> HeadMeta:
    article = context.get("article")
    if article is not None:
        meta = _for_article(settings, theme_file, article)
        meta.noindex = getattr(article, "status", "published") != "published"
    elif context.get("page") is not None:
        meta = _for_page(settings, theme_file, context["page"], context.get("explainer"))
    else:
        meta = _for_listing(settings, theme_file, context)
    if not settings.get("SITEURL"):
        meta.canonical = None
    return meta


def seo_head_for(settings: dict, env: Environment):
    """The Jinja global ``seo_head()`` of one build."""

    def theme_file(name: str) -> str:
        # The fingerprint plugin's filter knows a theme file's hashed name; without it, the plain one.
        asset = env.filters.get("asset")
        return asset(name) if asset else f"{settings['THEME_STATIC_DIR']}/{name}"

    @pass_context
    def seo_head(context) -> HeadMeta:
        """The metadata of the page being rendered (article, page, listing or home)."""
        return _meta(settings, theme_file, context)

    # What it reads from the context, so that pages using it are rendered again only when
    # one of these changed (see unchanged_output); output_file follows from the page's name.
    seo_head.reads_context = (*(variable for variable, _, _ in _LISTINGS), *_PAGE_VARIABLES)
    return seo_head
