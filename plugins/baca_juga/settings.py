"""baca_juga's settings: defaults, and the typed view the engine and placement read."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULTS = {
    "BACA_JUGA_INLINE_COUNT": 2,
    "BACA_JUGA_RELATED_COUNT": 4,
    "BACA_JUGA_LABEL": "Baca juga",
    "BACA_JUGA_RELATED_LABEL": "Berita terkait",
    "BACA_JUGA_IN_FEEDS": False,
    "BACA_JUGA_MIN_WORDS_BETWEEN": 120,
    "BACA_JUGA_THRESHOLD": 0.5,
    "BACA_JUGA_WEIGHTS": {
        "text": 1.0,
        "tags": 0.2,
        "rules": 0.2,
        "region": 0.25,
        "category": 0.05,
        "date": 0.1,
    },
    "BACA_JUGA_DATE_SCALE_DAYS": 30,
}


@dataclass(frozen=True)
class Weights:
    text: float
    tags: float
    rules: float
    region: float
    category: float
    date: float


@dataclass(frozen=True)
class Tuning:
    """What decides relevance; everything the engine needs besides the documents."""

    weights: Weights
    threshold: float
    date_scale_days: float


def tuning(settings: dict) -> Tuning:
    weights = {**DEFAULTS["BACA_JUGA_WEIGHTS"], **settings.get("BACA_JUGA_WEIGHTS", {})}
    return Tuning(
        weights=Weights(**{name: float(weights[name]) for name in DEFAULTS["BACA_JUGA_WEIGHTS"]}),
        threshold=float(settings["BACA_JUGA_THRESHOLD"]),
        date_scale_days=float(settings["BACA_JUGA_DATE_SCALE_DAYS"]),
    )
