from __future__ import annotations

import copy
import pickle
from pathlib import Path

from pelican.settings import read_settings

from listing_groups import Group
from warta.testing import SETTINGS, SiteUnderTest


class Article:
    """Like Pelican's contents: equal only to itself."""


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_membership_is_identity_and_follows_changes():
    first, second, third = Article(), Article(), Article()
    group = Group([first, second])
    assert first in group and third not in group
    group.append(third)
    assert third in group
    group.remove(first)
    assert first not in group
    group[0] = first
    assert first in group and second not in group
    group += [second]
    assert second in group
    del group[:]
    assert first not in group


def test_a_group_copies_and_pickles_as_the_plain_list():
    articles = [1, 2]
    assert type(copy.copy(Group(articles))) is list
    restored = pickle.loads(pickle.dumps(Group(articles)))
    assert type(restored) is list and restored == articles


def test_listings_are_the_same_with_and_without_groups(site, tmp_path):
    for number in range(12):
        site.add_article(
            f"a{number}",
            Title=f"Berita nomor {number} tentang pengawasan",
            # Over three months of two years: month archives too.
            Date=["2024-12", "2025-01", "2025-02"][number % 3] + f"-{number + 1:02d} 09:00",
            Category=["Pilkada", "Hukum", "Pemerintahan"][number % 3],
            Tags=", ".join(["Netralitas ASN", "Dapil 1", "Pleno"][: number % 3 + 1]),
            Authors=["Rina Oktaviani", "Budi Santoso"][number % 2],
        )
    assert site.build().ok
    with_groups = _files(site.output)

    plain = SiteUnderTest(tmp_path / "plain")
    plain.content = site.content
    plugins = [p for p in read_settings(str(SETTINGS))["PLUGINS"] if p != "listing_groups"]
    assert plain.build(PLUGINS=plugins).ok
    assert _files(plain.output) == with_groups
    assert "tag/dapil-1/index.html" in with_groups
    assert {"arsip/2024/12/index.html", "arsip/2025/01/index.html", "arsip/2025/02/index.html"} <= set(
        with_groups
    )
