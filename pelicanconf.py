"""Warta's Pelican settings for local builds. ``publishconf.py`` extends them for production.

Every setting that Warta adds is listed, with its default, in the README's settings table.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Plugins share helpers through the `warta_common` package next to them.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

SITENAME = "Warta Bengkulu"
SITESUBTITLE = "Berita pemilihan dan pemerintahan daerah"
SITEURL = ""
RELATIVE_URLS = False
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
# Dates are formatted by theme_support's filters, never by the OS locale.
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

PATH = "content"
THEME = "theme"
ARTICLE_PATHS = ["artikel"]
PAGE_PATHS = ["halaman"]
STATIC_PATHS = ["images"]
# Content is Markdown only (Pelican would also read reStructuredText and HTML).
READERS = {"rst": None, "html": None, "htm": None}
# Slugs come from titles (or a Slug: line), never from file names or dates in them.
FILENAME_METADATA = ""
# One language: no article is another's translation (finding them compares every article
# with every other, seconds at 10,000 articles). A repeated slug is an error of its own.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
DEFAULT_DATE = None

PLUGIN_PATHS = ["plugins"]
# content_cache comes first: objects served from Pelican's content cache get this build's
# settings and context before any other plugin sees them. publishing next: scheduled articles
# leave the published list before anything reads it.
PLUGINS = [
    "collector",
    "content_cache",
    "publishing",
    "content_schema",
    "corrections",
    "content_checks",
    "regions",
    "listing_groups",
    "theme_support",
    "explainers",
    "baca_juga",
    "feeds",
    "fingerprint",
    "seo",
    "images",
    "search",
    "unchanged_output",
    # Last: the other plugins have marked the kept work they use (see its docstring).
    "cache_pruning",
]

WARTA_CATEGORIES = ["Pilkada", "Pemerintahan", "Hukum", "Ekonomi", "Peristiwa", "Olahraga"]
WARTA_HOME_SECTION_SIZE = 4
# The local preview shows drafts and scheduled articles at draf/<slug>/ with a DRAF banner;
# publishconf.py turns this off.
WARTA_SHOW_DRAFTS = True
# The moment the build publishes up to (articles dated later are held back); None = now.
WARTA_BUILD_TIME = None

# Pretty, stable URLs. Every listing lives in its own folder, so pagination
# (".../hal/2/") can never collide with another listing's name.
ARTICLE_URL = "berita/{slug}/"
ARTICLE_SAVE_AS = "berita/{slug}/index.html"
DRAFT_URL = "draf/{slug}/"
DRAFT_SAVE_AS = "draf/{slug}/index.html"
DRAFT_PAGE_URL = "draf/halaman/{slug}/"
DRAFT_PAGE_SAVE_AS = "draf/halaman/{slug}/index.html"
PAGE_URL = "{section}/{slug}/"
PAGE_SAVE_AS = "{section}/{slug}/index.html"
EXTRA_PATH_METADATA = {
    "halaman": {"section": "halaman"},
}
CATEGORY_URL = "kategori/{slug}/"
CATEGORY_SAVE_AS = "kategori/{slug}/index.html"
CATEGORIES_URL = "kategori/"
CATEGORIES_SAVE_AS = "kategori/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
AUTHOR_URL = "pewarta/{slug}/"
AUTHOR_SAVE_AS = "pewarta/{slug}/index.html"
AUTHORS_URL = "pewarta/"
AUTHORS_SAVE_AS = "pewarta/index.html"
# Rule explainers live under aturan/: aturan/uu-7-2017/pasal-280-ayat-2/ (see explainers).
EXPLAINER_PATHS = ["aturan"]
EXPLAINER_URL = "aturan/{rule_path}/"
EXPLAINER_SAVE_AS = "aturan/{rule_path}/index.html"
REGULATION_URL = "aturan/{slug}/"
REGULATION_SAVE_AS = "aturan/{slug}/index.html"
EXPLAINERS_URL = "aturan/"
EXPLAINERS_SAVE_AS = "aturan/index.html"
REGION_URL = "wilayah/{slug}/"
REGION_SAVE_AS = "wilayah/{slug}/index.html"
ARCHIVES_URL = "arsip/"
ARCHIVES_SAVE_AS = "arsip/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_URL = "arsip/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "arsip/{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404"]
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/hal/{number}/", "{base_name}/hal/{number}/index.html"),
)
DEFAULT_PAGINATION = 12
PAGINATED_TEMPLATES = {
    "index": None,
    "category": None,
    "tag": None,
    "author": None,
    "region": None,
    "period_archives": None,
}

# Pelican's own feeds are off: the feeds plugin writes them.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {"smart_angled_quotes": False},
    },
    "output_format": "html5",
}
SUMMARY_MAX_LENGTH = 40
TYPOGRIFY = False

MENUITEMS = ()
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = True

# Templates do not change during a build: Jinja need not check their files on every page.
# Every value is escaped unless it is markup already (a body, a summary, a plugin's
# markupsafe.Markup): a headline such as "Ambang Batas <5% Suara" stays text. Templates
# that are not HTML or XML (the feed stylesheet's CSS) turn escaping off themselves.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "auto_reload": False,
    "autoescape": True,
}
