"""Linked citations kept between builds: scanning a body is a pure function of the body and
of the catalogue of explainers (which rules link where, under which title), so a rebuild
scans only bodies it has not seen with the same catalogue and code."""

from __future__ import annotations

from collections.abc import Callable

from warta_common import build_cache

from .citations import CitationFinder
from .linking import Scan, scan
from .rules import Rule


class ScanCache:
    def __init__(self, settings: dict, catalogue_signature: str) -> None:
        self._file = None
        self._entries: dict[str, tuple[str, bool, list[Rule]]] = {}
        if build_cache.enabled(settings):
            code = build_cache.code_fingerprint(__file__)
            self._file = build_cache.cache_file(settings, "citations", catalogue_signature, code)
            self._entries = build_cache.load(self._file)
        self._used: dict[str, tuple[str, bool, list[Rule]]] = {}

    def scan(
        self, html: str, finder: CitationFinder, link_for: Callable[[Rule], tuple[str, str] | None]
    ) -> Scan:
        key = build_cache.digest(html)
        found = self._entries.get(key)
        if found is None:
            result = scan(html, finder, link_for)
            found = (result.html, result.changed, result.rules)
        self._used[key] = found
        linked, changed, rules = found
        return Scan(rules=list(rules), html=linked, changed=changed)

    def save(self) -> None:
        if self._file is not None and self._used.keys() != self._entries.keys():
            build_cache.save(self._file, self._used)
