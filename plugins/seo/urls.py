"""Absolute URLs from site-relative ones, as sitemaps, canonical links and OpenGraph need them."""

from __future__ import annotations


def absolute(settings: dict, url: str) -> str:
    """``SITEURL`` + ``/`` + ``url``; root-relative when ``SITEURL`` is empty (local builds)."""
    return f"{settings.get('SITEURL', '').rstrip('/')}/{url.lstrip('/')}"


def page_url(save_as: str) -> str:
    """The URL of a page saved as ``save_as``: ``kategori/pilkada/index.html`` → ``kategori/pilkada/``."""
    return save_as.removesuffix("index.html")
