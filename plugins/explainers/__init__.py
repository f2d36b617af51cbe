"""explainers: rule explainers as a content type, and every cited rule linked to its explainer.

- Explainers are read from ``EXPLAINER_PATHS`` (``content/aturan/``) by
  :class:`~explainers.generator.ExplainersGenerator`; each is written at a URL derived from
  its rule (``aturan/uu-7-2017/pasal-280-ayat-2/``), with a page per regulation
  (``aturan/uu-7-2017/``) and an index grouped by regulation and by topic (``aturan/``).
- Citations in articles ("Pasal 280 ayat (2) UU Nomor 7 Tahun 2017", "UU Pemilu" …) are
  recognised, the first of each rule is linked to the most specific explainer, and
  ``article.cited_rules`` (canonical keys such as ``uu-7-2017/pasal-280/ayat-2``) and
  ``article.cited_explainers`` are set before ``all_generators_finalized``.
- Articles may name rules with ``Rules: uu-7-2017-pasal-280-ayat-2``; unknown ids are errors,
  and citations of rules without an explainer are warnings (to-dos in ``invoke check``).
"""

from __future__ import annotations

from pelican import signals

from warta_common.schema import LIST, TEXT, Field, add_field

from .generator import ExplainersGenerator
from .rules import check_regulation, check_rule_ids

DEFAULTS = {
    "EXPLAINER_PATHS": ["aturan"],
    "EXPLAINER_EXCLUDES": [],
    "EXPLAINER_URL": "aturan/{rule_path}/",
    "EXPLAINER_SAVE_AS": "aturan/{rule_path}/index.html",
    "REGULATION_URL": "aturan/{slug}/",
    "REGULATION_SAVE_AS": "aturan/{slug}/index.html",
    "EXPLAINERS_URL": "aturan/",
    "EXPLAINERS_SAVE_AS": "aturan/index.html",
}


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def get_generators(pelican):
    return ExplainersGenerator


def register() -> None:
    add_field(
        "explainer",
        Field("Regulation", TEXT, required=True, example="UU 7/2017", check=check_regulation),
    )
    add_field("explainer", Field("AmendedBy", TEXT, example="UU 6/2020", check=check_regulation))
    add_field("article", Field("Rules", LIST, example="uu-7-2017-pasal-280-ayat-2", check=check_rule_ids))
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(get_generators)
