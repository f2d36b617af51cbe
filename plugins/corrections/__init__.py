"""corrections: ``Correction:`` (Ralat) lines in an article's header.

One line per correction, date and text separated by a vertical bar; repeat the line for
each correction::

    Correction: 2024-10-09 10:15 | Sebelumnya tertulis empat ASN; yang benar tiga ASN.

Each article gets ``article.corrections`` (oldest first), shown as a marked note at the top
of the article (``partials/article_notices.html``), and ``article.modified`` moves to the
latest correction, so listings, "Diperbarui" and the feed entry's updated date follow.
"""

from __future__ import annotations

from pelican import signals
from pelican.contents import Article

from warta_common import problems
from warta_common.schema import TEXT, Field, add_field

from .parse import EXAMPLE, CorrectionError, parse_corrections

FIELD = Field("Correction", TEXT, aliases=("Ralat",), synonyms=("koreksi", "perbaikan"), example=EXAMPLE)


def attach_corrections(content) -> None:
    if not isinstance(content, Article):
        return
    written = content.metadata.get("correction", content.metadata.get("ralat"))
    if not written:
        content.corrections = ()
        return
    try:
        corrections = parse_corrections(written, content.settings["TIMEZONE"])
    except CorrectionError as error:
        problems.report(content.source_path, "Correction", str(error))
        content.corrections = ()
        return
    date = getattr(content, "date", None)
    early = [c for c in corrections if date and c.date < date]
    if early:
        problems.report(
            content.source_path,
            "Correction",
            f"{early[0].date:%Y-%m-%d %H:%M} is earlier than Date"
            " — a correction cannot come before publication",
        )
    content.corrections = corrections
    latest = corrections[-1].date
    modified = getattr(content, "modified", None)
    if modified is None or latest > modified:
        content.modified = latest
        content.metadata["modified"] = latest
        content.locale_modified = latest.strftime(content.date_format)


def register() -> None:
    add_field("article", FIELD)
    signals.content_object_init.connect(attach_corrections)
