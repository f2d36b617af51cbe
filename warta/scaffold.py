"""``invoke new``: a new article file with every field of the content model, ready to fill in."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican import Pelican
from pelican.utils import slugify

from warta.build import load_settings
from warta_common.schema import get_type

# Filled in for the editor; every other field is left empty (an empty field counts as absent).
PLACEHOLDER_BODY = (
    "Tulis paragraf pembuka di sini: siapa, apa, kapan, di mana, mengapa, dan bagaimana.\n\n"
    "Tambahkan paragraf berikutnya, kutipan narasumber, dan data pendukung.\n"
)


class ScaffoldError(ValueError):
    pass


def new_article(
    title: str,
    category: str,
    *,
    author: str = "Redaksi",
    settings_file: str = "pelicanconf.py",
    overrides: dict | None = None,
    now: datetime | None = None,
) -> Path:
    """Write ``content/artikel/<slug>.md`` and return its path."""
    settings = load_settings(settings_file, overrides)
    # Loading the plugins registers the fields they add to the content model.
    Pelican(settings)
    categories = settings["WARTA_CATEGORIES"]
    if category not in categories:
        raise ScaffoldError(f"category '{category}' is not one of: {', '.join(categories)}")
    if not title.strip():
        raise ScaffoldError("the title is empty")
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    article_type = get_type("article")
    target = Path(settings["PATH"]) / article_type.directory / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{target} already exists — choose another title")
    moment = now or datetime.now(ZoneInfo(settings["TIMEZONE"]))
    values = {
        "title": title.strip(),
        "date": moment.strftime("%Y-%m-%d %H:%M"),
        "category": category,
        "authors": author,
        "status": "draft",
    }
    header = "\n".join(f"{f.name}: {values.get(f.key, '')}".rstrip() for f in article_type.fields.values())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"{header}\n\n{PLACEHOLDER_BODY}", encoding="utf-8")
    return target
