"""Linked citations kept between builds: scanning a body is a pure function of the body and
of the catalogue of explainers (which rules link where, under which title), so a rebuild
scans only bodies it has not seen with the same catalogue and code, and a first build
scans them on every core."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain

from warta_common import build_cache
from warta_common.cores import in_parallel, shared, usable_cores

from .citations import CitationFinder
from .linking import Scan, scan
from .rules import Rule

# Below this many bodies to scan, starting processes costs more than it saves.
POOL_THRESHOLD = 64
CHUNK = 100

Found = tuple[str, bool, list[Rule]]
LinkFor = Callable[[Rule], tuple[str, str] | None]


def _scan_chunk(start: int) -> list[Found]:
    bodies, finder, link_for = shared()
    found = []
    for html in bodies[start : start + CHUNK]:
        result = scan(html, finder, link_for)
        found.append((result.html, result.changed, result.rules))
    return found


class ScanCache:
    def __init__(self, settings: dict, catalogue_signature: str) -> None:
        self._file = None
        self._entries: dict[str, Found] = {}
        if build_cache.enabled(settings):
            code = build_cache.code_fingerprint(__file__)
            self._file = build_cache.cache_file(settings, "citations", catalogue_signature, code)
            self._entries = build_cache.load(self._file)
        self._scanned: dict[str, Found] = {}
        self._used: dict[str, Found] = {}

    def prepare(self, bodies: Iterable[str], finder: CitationFinder, link_for: LinkFor) -> None:
        """Scan the bodies not scanned before on every core, for :meth:`scan` to take."""
        missing: dict[str, str] = {}
        for html in bodies:
            key = build_cache.digest(html)
            if key not in self._entries:
                missing.setdefault(key, html)
        if len(missing) < POOL_THRESHOLD:
            return
        htmls = list(missing.values())
        chunks = in_parallel(
            _scan_chunk, range(0, len(htmls), CHUNK), (htmls, finder, link_for), usable_cores()
        )
        self._scanned.update(zip(missing, chain.from_iterable(chunks), strict=True))

    def scan(self, html: str, finder: CitationFinder, link_for: LinkFor) -> Scan:
        key = build_cache.digest(html)
        found = self._entries.get(key) or self._scanned.get(key)
        if found is None:
            result = scan(html, finder, link_for)
            found = (result.html, result.changed, result.rules)
        self._used[key] = found
        linked, changed, rules = found
        return Scan(rules=list(rules), html=linked, changed=changed)

    def save(self) -> None:
        if self._file is not None and self._used.keys() != self._entries.keys():
            build_cache.save(self._file, self._used)
