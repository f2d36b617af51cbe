"""fingerprint: theme assets get a content hash in their file names.

Every file under the theme's static folders is written to the output as
``name.<hash>.ext`` (``theme/css/warta.3f2a9c1d0b.css``) instead of its plain name, and
templates link to it through the ``asset`` filter::

    <link rel="stylesheet" href="{{ SITEURL }}/{{ 'css/warta.css'|asset }}">

A changed file gets a new name, so browsers and the CDN may cache assets for a year
(``immutable``) and still never show an old stylesheet with a new page. ``url(…)`` and
``@import`` references between theme files inside CSS are rewritten to the fingerprinted
names before the CSS itself is hashed.

Works the same for ``invoke build`` and Pelican's command line: the filter is added at
``generator_init`` and the files are renamed at ``finalized``, after Pelican copied the theme.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .assets import ThemeAssets, UnknownAsset

__all__ = ["ThemeAssets", "UnknownAsset", "register"]


def _theme_assets(settings: dict) -> ThemeAssets:
    return ThemeAssets.scan(
        Path(settings["THEME"]), settings["THEME_STATIC_PATHS"], settings.get("IGNORE_FILES", [])
    )


def add_filter(generator) -> None:
    # On the generator's Jinja environment, not in JINJA_FILTERS: Pelican pickles settings
    # into its content cache.
    assets = _theme_assets(generator.settings)
    static_dir = generator.settings["THEME_STATIC_DIR"]
    generator.env.filters["asset"] = lambda name: f"{static_dir}/{assets.fingerprinted(name)}"


def write_fingerprinted(pelican) -> None:
    target = Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"]
    if not target.is_dir():
        return
    _theme_assets(pelican.settings).replace_plain_copies(target)


def register() -> None:
    signals.generator_init.connect(add_filter)
    signals.finalized.connect(write_fingerprinted)
