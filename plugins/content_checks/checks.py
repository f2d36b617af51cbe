"""The checks themselves; each reports through ``warta_common.problems``."""

from __future__ import annotations

import re
from collections import defaultdict
from html import unescape
from pathlib import Path

from pelican.contents import Static

from warta_common import problems
from warta_common.links import intrasite_link, is_relative, link_tags, relative_source, site_path
from warta_common.schema import type_for_path

from .urls import SiteUrls

LINK_KINDS = ("filename", "static", "attach")
_TAG = re.compile(r"<[^>]+>")
BODY = "Body"


def _contents(context: dict) -> list:
    found = [
        content
        for content in context["generated_content"].values()
        # None stands for a file Pelican failed to read, a problem of its own already.
        if content is not None
        and not isinstance(content, Static)
        and type_for_path(relative_source(content)) is not None
    ]
    return sorted(found, key=relative_source)


def _is_draft(content) -> bool:
    return getattr(content, "status", "published") == "draft"


def _check_intrasite(content, href: str, source: str, context: dict, settings: dict) -> None:
    link = intrasite_link(href, source)
    if link is None:
        return
    if link.what not in LINK_KINDS:
        problems.report(
            content.source_path,
            BODY,
            f"'{href}': {{{link.what}}} is not a kind of link — write {{filename}} for articles"
            " and pages, {static} for images",
        )
        return
    if not (Path(settings["PATH"]) / link.target).is_file():
        problems.report(
            content.source_path,
            BODY,
            f"'{href}' points to {link.target}, which does not exist — check the folder and file name",
        )
        return
    target = context["generated_content"].get(link.target)
    if target is not None and _is_draft(target) and not _is_draft(content):
        problems.report(
            content.source_path,
            BODY,
            f"'{href}' links to {link.target}, which is not published yet — until it is,"
            " the published site shows the link text without the link",
            warning=True,
            related=(target.source_path,),
        )


def _check_site_link(content, href: str, urls: SiteUrls) -> None:
    path = site_path(href)
    if path is None or urls.exists(path) or not urls.manages(path):
        return
    waiting = urls.unpublished(path)
    if waiting is not None:
        if not _is_draft(content):
            problems.report(
                content.source_path,
                BODY,
                f"'{href}' is the address of {relative_source(waiting)}, which is not published yet"
                " — the link is broken until it is",
                warning=True,
                related=(waiting.source_path,),
            )
        return
    problems.report(
        content.source_path,
        BODY,
        f"'{href}' is not a page of this site — copy the address from the preview, or link the"
        " file with {filename}",
    )


def _check_relative(content, href: str) -> None:
    target = href.strip()
    fix = f"{{filename}}{target}" if target.endswith(".md") else f"{{static}}/{target.lstrip('./')}"
    problems.report(
        content.source_path,
        BODY,
        f"'{href}' is a relative address, which does not work from the page's own address — write {fix}",
    )


def _check_body(content, context: dict, settings: dict, urls: SiteUrls) -> None:
    html = getattr(content, "_content", "") or ""
    source = relative_source(content)
    for tag, attributes in link_tags(html):
        href = attributes.get("href" if tag == "a" else "src")
        if tag == "img" and not attributes.get("alt", "").strip():
            problems.report(
                content.source_path,
                BODY,
                f"the image '{href}' has no alt text — write ![what the photo shows]({href})",
            )
        if not href:
            continue
        if href.lstrip().startswith(("{", "|")):
            _check_intrasite(content, href, source, context, settings)
        elif is_relative(href):
            _check_relative(content, href)
        else:
            _check_site_link(content, href, urls)


def _check_titles(contents: list) -> None:
    by_title: dict[tuple[str, str], list] = defaultdict(list)
    for content in contents:
        content_type = type_for_path(relative_source(content))
        title = " ".join(str(getattr(content, "title", "")).split()).casefold()
        if title:
            by_title[(content_type.name, title)].append(content)
    for same in by_title.values():
        first, *others = same
        for content in others:
            problems.report(
                content.source_path,
                "Title",
                f"'{content.title}' is also the title of {problems.display_path(first.source_path)}"
                " — give each one its own headline",
                warning=True,
                related=(first.source_path,),
            )


def _check_summary(content, limit: int) -> None:
    written = content.metadata.get("summary")
    if not written:
        return
    text = " ".join(unescape(_TAG.sub("", str(written))).split())
    if len(text) > limit:
        problems.report(
            content.source_path,
            "Summary",
            f"{len(text)} characters — search results and link previews show about {limit};"
            " shorten it to one or two sentences",
            warning=True,
        )


def check_site(generators) -> None:
    if not generators:
        return
    context, settings = generators[0].context, generators[0].settings
    contents = _contents(context)
    urls = SiteUrls.collect(generators, contents)
    for content in contents:
        _check_body(content, context, settings, urls)
        _check_summary(content, settings["WARTA_SUMMARY_MAX_CHARS"])
    _check_titles(contents)
