"""Keep boxes out of automatic summaries.

Pelican makes the summary of an article without a ``Summary:`` line from the start of its
body, lazily, whenever a template asks. Before boxes go into the body, that summary is
computed the way Pelican does and stored as the article's summary (the route Pelican offers
plugins), marked ``summary_is_automatic`` so that templates can still tell an editor's
summary (shown as a lede) from a computed one.
"""

from __future__ import annotations

from pelican.utils import strip_toc_elements_from_html, truncate_html_paragraphs, truncate_html_words


def freeze_summary(article) -> None:
    if "summary" in article.metadata:
        return
    settings = article.settings
    body = article._update_content(article._content, article.get_siteurl())
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        body = truncate_html_paragraphs(body, settings["SUMMARY_MAX_PARAGRAPHS"])
    if settings.get("SUMMARY_MAX_LENGTH") is not None:
        body = truncate_html_words(body, settings["SUMMARY_MAX_LENGTH"], settings["SUMMARY_END_SUFFIX"])
    summary = strip_toc_elements_from_html(body)
    article._summary = summary
    article.metadata["summary"] = summary
    article.summary_is_automatic = True
