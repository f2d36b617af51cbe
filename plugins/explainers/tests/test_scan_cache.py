"""Citations of a first build are scanned on every core: the same results as one by one."""

from __future__ import annotations

import pytest

from explainers import scan_cache
from explainers.citations import CitationFinder
from explainers.linking import scan
from explainers.rules import parse_regulation
from explainers.scan_cache import POOL_THRESHOLD, ScanCache

FINDER = CitationFinder({"UU Pemilu": parse_regulation("UU 7/2017")})


def link_for(rule):
    return f"/aturan/{rule.key}/", f"Penjelasan {rule.label}"


def test_bodies_scanned_on_every_core_are_those_scanned_one_by_one(monkeypatch):
    bodies = [
        f"<p>Berita {n}: Pasal {200 + n % 90} ayat ({n % 3 + 1}) UU Pemilu berlaku.</p><p>Tanpa pasal.</p>"
        for n in range(POOL_THRESHOLD * 2)
    ]
    expected = [scan(html, FINDER, link_for) for html in bodies]
    assert all(found.changed and found.rules for found in expected)
    cache = ScanCache({}, "catalogue")
    cache.prepare([*bodies, bodies[0]], FINDER, link_for)

    def not_again(*args, **kwargs):
        pytest.fail("a body prepared on every core was scanned again")

    monkeypatch.setattr(scan_cache, "scan", not_again)
    assert [cache.scan(html, FINDER, link_for) for html in bodies] == expected
