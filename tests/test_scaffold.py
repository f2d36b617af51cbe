"""`invoke new` writes an article with every field that passes validation as it is."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from warta.scaffold import ScaffoldError, new_article
from warta.testing import SETTINGS


def test_new_article_passes_validation(site):
    path = new_article(
        "Bawaslu Gelar Apel Siaga Pengawasan Masa Tenang",
        "Pilkada",
        author="Rina Oktaviani",
        settings_file=str(SETTINGS),
        overrides={"PATH": str(site.content)},
        now=datetime(2024, 11, 23, 20, 0, tzinfo=ZoneInfo("Asia/Jakarta")),
    )
    assert path == site.content / "artikel/bawaslu-gelar-apel-siaga-pengawasan-masa-tenang.md"
    text = path.read_text(encoding="utf-8")
    for line in (
        "Title: Bawaslu Gelar Apel Siaga Pengawasan Masa Tenang",
        "Date: 2024-11-23 20:00",
        "Category: Pilkada",
        "Authors: Rina Oktaviani",
        "Status: draft",
        "ImageCaption:",
        "Region:",
    ):
        assert line in text.splitlines()
    result = site.check()
    assert result.ok, [str(p) for p in result.problems]


def test_new_article_refuses_unknown_category_and_existing_file(site):
    options = {"settings_file": str(SETTINGS), "overrides": {"PATH": str(site.content)}}
    with pytest.raises(ScaffoldError, match="category 'Sport' is not one of: Pilkada"):
        new_article("Judul", "Sport", **options)
    new_article("Judul Sama", "Hukum", **options)
    with pytest.raises(ScaffoldError, match="already exists"):
        new_article("Judul Sama", "Hukum", **options)
