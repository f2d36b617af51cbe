"""JSON-LD objects (schema.org) for articles, breadcrumbs and the website.

``warta_common.json_ld.script`` embeds them in a page.
"""

from __future__ import annotations

from collections.abc import Iterable

SCHEMA = "https://schema.org"


def organization(name: str, url: str, logo: str) -> dict:
    return {
        "@type": "Organization",
        "name": name,
        "url": url,
        "logo": {"@type": "ImageObject", "url": logo},
    }


def person(name: str, url: str) -> dict:
    return {"@type": "Person", "name": name, "url": url}


def news_article(
    *,
    url: str,
    headline: str,
    description: str,
    images: list[str],
    published: str,
    modified: str,
    authors: list[dict],
    publisher: dict,
    section: str,
    keywords: list[str],
) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline,
        "description": description,
        "image": images,
        "datePublished": published,
        "dateModified": modified,
        "author": authors,
        "publisher": publisher,
        "articleSection": section,
        "inLanguage": "id-ID",
    }
    if keywords:
        data["keywords"] = keywords
    return data


def breadcrumb_list(trail: Iterable[tuple[str, str]]) -> dict:
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def website(*, name: str, url: str, description: str, search_url: str | None) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": name,
        "url": url,
        "description": description,
        "inLanguage": "id-ID",
    }
    if search_url:
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        }
    return data
