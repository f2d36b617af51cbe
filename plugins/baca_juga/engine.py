"""The relevance engine: weighted indices over all articles, queried once per build.

Each article becomes a :class:`~.records.Document` (plain data, no Pelican). :class:`RelatedIndex`
builds three inverted indices — text terms, tags, cited rules — as sparse matrices
(keywords × articles: the posting lists), and scores a block of articles against all three at
once with one sparse matrix product. Only pairs that share a keyword are ever touched, never
all pairs. Region, category and date proximity then adjust
the scores of those candidates. See the README section "Baca juga" for the formula.

Counting the terms of the articles (most of the work) and scoring the blocks are shared out
between forked worker processes, one per core, in units fixed in advance and put back together
in order, so the results are the same for any number of workers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from warta_common import build_cache, text
from warta_common.cores import in_parallel, shared, usable_cores

from .records import Document, Match
from .settings import Tuning

# An article is represented by its most distinctive terms only (like Lucene's "more like
# this"): enough to recognise a story, and it keeps common words out of the posting lists.
SIGNATURE_TERMS = 40
# Title words say what the story is; they count as often as this many body words.
TITLE_BOOST = 3
# Articles scored against the index at once, by one worker process: bounds memory, keeps the
# products fast.
BLOCK = 512
# The indexed articles are scored against each other one pair at a time, as a pair scores the
# same both ways: their posting lists are split into this many groups of articles, and a block
# is scored against its own group and the groups after it only, about half of all the work.
GROUPS = 16
# A keyword on more than this share of the articles (at least COMMON_MINIMUM, at most
# COMMON_MAXIMUM articles) is left out of the indices; see _Index.
COMMON_SHARE = 0.02
COMMON_MINIMUM = 50
COMMON_MAXIMUM = 200
# Articles whose terms are counted at once, by one worker process: small enough to share
# 10,000 articles out evenly between two workers, large enough that handing results back is
# cheap.
CHUNK = 2048


def rarity(document_frequency: np.ndarray | float, total: int) -> np.ndarray | float:
    """BM25's inverse document frequency: near 0 for a keyword on most articles."""
    return np.log1p((total - document_frequency + 0.5) / (document_frequency + 0.5))


def rule_keywords(rules: Iterable[str]) -> set[str]:
    """A cited rule and the article (pasal) it belongs to: ``uu-7-2017/pasal-280/ayat-2`` also
    counts as ``uu-7-2017/pasal-280``, so ayat (1) and ayat (2) of one pasal still match."""
    keywords = set()
    for rule in rules:
        parts = rule.split("/")
        keywords.update("/".join(parts[:n]) for n in range(2, len(parts) + 1))
        if len(parts) == 1:
            keywords.add(rule)
    return keywords


def _first_per_row(rows: np.ndarray, count: int) -> np.ndarray:
    """Which entries are among the first ``count`` of their row (``rows`` sorted)."""
    return np.arange(len(rows)) - np.searchsorted(rows, rows, side="left") < count


def _heaviest(
    rows: np.ndarray, columns: np.ndarray, weights: np.ndarray, count: int, height: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``count`` heaviest entries of each row (ties to the lower column), sorted by row,
    weight and column; ``rows`` sorted. Sorting every entry would take most of the indexing
    time: only those at least as heavy as their row's ``count``-th heaviest are sorted."""
    kept = weights >= _nth_heaviest(rows, weights, count, height)[rows]
    rows, columns, weights = rows[kept], columns[kept], weights[kept]
    order = np.lexsort((columns, -weights, rows))
    rows, columns, weights = rows[order], columns[order], weights[order]
    kept = _first_per_row(rows, count)
    return rows[kept], columns[kept], weights[kept]


def _nth_heaviest(rows: np.ndarray, weights: np.ndarray, count: int, height: int) -> np.ndarray:
    """Each row's ``count``-th heaviest weight (-inf for a row with fewer entries), a block of
    rows at a time laid out as a table, without sorting; ``rows`` sorted."""
    lengths = np.bincount(rows, minlength=height)
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    position = np.arange(len(rows)) - bounds[rows]
    found = np.full(height, -np.inf)
    for first in range(0, height, BLOCK):
        last = min(first + BLOCK, height)
        width = lengths[first:last].max(initial=0)
        if width < count:
            continue
        entries = slice(bounds[first], bounds[last])
        table = np.full((last - first, width), np.inf)
        table[rows[entries] - first, position[entries]] = -weights[entries]
        found[first:last] = -np.partition(table, count - 1, axis=1)[:, count - 1]
    return found


class _Ids(dict):
    """Keyword → id, a new keyword getting the next id: ids follow the order of first
    appearance over the articles sorted by slug, so they are the same in every build."""

    def __missing__(self, keyword: str) -> int:
        self[keyword] = len(self)
        return self[keyword]


_Entries = tuple[np.ndarray, np.ndarray, np.ndarray, int]


def _no_entries() -> _Entries:
    return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), 0


class _Labels:
    """Keywords given as labels (tags, cited rules): a few per article, each counted once."""

    def __init__(self, labels: Callable[[Document], Iterable[str]]) -> None:
        self.ids: dict[str, int] = _Ids()
        self.labels = labels

    def entries(self, documents: Iterable[Document], grow: bool) -> _Entries:
        """(article, keyword id, occurrences) triples; keywords not in the index yet are added
        when ``grow``, left out otherwise."""
        rows: list[int] = []
        columns: list[int] = []
        height = 0
        for height, document in enumerate(documents, start=1):
            found = [self.ids[k] if grow else self.ids.get(k) for k in sorted(set(self.labels(document)))]
            found = [i for i in found if i is not None]
            rows += [height - 1] * len(found)
            columns += found
        if not height:
            return _no_entries()
        return np.array(rows, np.int64), np.array(columns, np.int64), np.ones(len(rows)), height


# A chunk's counted terms: its vocabulary, and (article, vocabulary index, occurrences).
_Counted = tuple[list[str], np.ndarray, np.ndarray, np.ndarray]


def term_counts(document: Document) -> Counter[str]:
    counts = Counter(text.terms(document.body))
    for term in text.terms(document.title):
        counts[term] += TITLE_BOOST
    return counts


def _count_terms(documents: Sequence[Document]) -> _Counted:
    """The terms of a chunk of articles: the chunk's vocabulary in order of first appearance,
    and (article, vocabulary index, occurrences) triples, compact for the way back from a
    worker process (occurrences are small whole numbers)."""
    vocabulary = _Ids()
    columns: list[int] = []
    found: list[int] = []
    lengths: list[int] = []
    for document in documents:
        counts = term_counts(document)
        columns += map(vocabulary.__getitem__, counts)
        found += counts.values()
        lengths.append(len(counts))
    rows = np.repeat(np.arange(len(documents), dtype=np.int32), lengths)
    return list(vocabulary), rows, np.array(columns, np.int32), np.array(found, np.float32)


def _count_chunk(start: int) -> _Counted:
    return _count_terms(shared()[start : start + CHUNK])


def _score_block(number: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    index, own, outside, limit = shared()
    if number < len(own):
        return index.pairs(number, own[number])
    return index.best(outside[number - len(own)], limit)


def chunk_key(documents: Sequence[Document]) -> str:
    """What the terms of a chunk of articles are counted from: their titles and bodies."""
    return build_cache.digest(*(part for document in documents for part in (document.title, document.body)))


class _Terms:
    """Text terms of title and body (title terms counting ``TITLE_BOOST`` times), counted a
    chunk of articles at a time on ``workers`` processes. Ids are given in order of first
    appearance, article by article, as the chunks come back in order.

    ``counted`` holds chunks counted before, by ``chunk_key``: an edit changes one chunk's
    text, and only that chunk is counted again. ``used`` holds the chunks of this index."""

    def __init__(self, workers: int, counted: dict[str, _Counted] | None = None) -> None:
        self.ids: dict[str, int] = _Ids()
        self.workers = workers
        self.counted = counted or {}
        self.used: dict[str, _Counted] = {}

    def entries(self, documents: Sequence[Document], grow: bool) -> _Entries:
        """(article, term id, occurrences) triples; terms not in the index yet are added when
        ``grow``, left out otherwise."""
        if not documents:
            return _no_entries()
        documents = list(documents)
        keys = {
            start: chunk_key(documents[start : start + CHUNK]) for start in range(0, len(documents), CHUNK)
        }
        missing = [start for start, key in keys.items() if key not in self.counted]
        fresh = in_parallel(_count_chunk, missing, documents, self.workers)
        counted = {**self.counted, **dict(zip((keys[start] for start in missing), fresh, strict=True))}
        rows, columns, occurrences = [], [], []
        for start, key in keys.items():
            vocabulary, chunk_rows, chunk_columns, counts = self.used[key] = counted[key]
            if grow:
                ids = np.fromiter(map(self.ids.__getitem__, vocabulary), np.int64, len(vocabulary))
            else:
                ids = np.array([self.ids.get(term, -1) for term in vocabulary], dtype=np.int64)
            found = ids[chunk_columns]
            known = found >= 0
            # Kept compact (32 bits: there are fewer articles and terms than 2**31) until weighed.
            rows.append(chunk_rows[known] + np.int32(start))
            columns.append(found[known].astype(np.int32))
            occurrences.append(counts[known])
        return np.concatenate(rows), np.concatenate(columns), np.concatenate(occurrences), len(documents)


class _Index:
    """One weighted index: each article a vector of keyword weights, normalised, so that the
    product of two articles' vectors is their cosine similarity; stored transposed, as posting
    lists (keyword → articles).

    A keyword's weight is its rarity, times ``1 + ln(count)`` for text terms. Text keeps each
    article's ``signature`` heaviest terms only. A keyword on more than ``common`` articles is
    left out (Hugo's ``cardinalityThreshold``): it cannot tell stories apart, and it would make
    every article a candidate for every other. No vector is shorter than ``floor``, so that an
    article whose only keyword is a common one is not a perfect match for every other."""

    def __init__(
        self,
        keywords: _Labels | _Terms,
        documents: Sequence[Document],
        common: float,
        signature: int = 0,
        floor: bool = False,
        workers: int = 1,
    ):
        self.keywords = keywords
        self.workers = workers
        rows, columns, occurrences, total = keywords.entries(documents, grow=True)
        frequency = np.bincount(columns, minlength=len(keywords.ids))
        self.rarity = np.where(frequency > common, 0.0, rarity(frequency, total))
        self.signature = signature
        self.floor = float(rarity(2, total)) if floor else 0.0
        self.postings = self._vectors(rows, columns, occurrences, total).T.tocsr()

    def queries(self, documents: Sequence[Document]) -> sparse.csr_matrix:
        return self._vectors(*self.keywords.entries(documents, grow=False))

    def _vectors(self, rows: np.ndarray, columns: np.ndarray, occurrences: np.ndarray, height: int):
        """The articles' vectors from their (article, keyword, occurrences) triples, ``rows``
        sorted. Each article's vector depends on its own triples only, so the articles are
        weighed a chunk at a time on the worker processes."""
        starts = range(0, height, CHUNK)
        bounds = np.searchsorted(rows, [*starts, height])
        shared = (self, rows, columns, occurrences, bounds, height)
        pieces = [*in_parallel(_weigh_chunk, range(len(starts)), shared, self.workers), _no_entries()[:3]]
        rows, columns, weights = (np.concatenate(part) for part in zip(*pieces, strict=True))
        return sparse.csr_matrix((weights, (rows, columns)), shape=(height, len(self.rarity)))

    def weigh(
        self, rows: np.ndarray, columns: np.ndarray, occurrences: np.ndarray, height: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(article, keyword, weight) of ``height`` articles' normalised vectors."""
        weights = (1.0 + np.log(np.maximum(occurrences, 1.0))) * self.rarity[columns]
        kept = weights > 0
        rows, columns, weights = rows[kept], columns[kept], weights[kept]
        if self.signature:
            rows, columns, weights = _heaviest(rows, columns, weights, self.signature, height)
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=height))
        return rows, columns, weights / np.maximum(norms, self.floor)[rows]


def _weigh_chunk(number: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    index, rows, columns, occurrences, bounds, height = shared()
    first = number * CHUNK
    entries = slice(bounds[number], bounds[number + 1])
    rows, columns, weights = index.weigh(
        rows[entries].astype(np.int64) - first,
        columns[entries].astype(np.int64),
        occurrences[entries].astype(np.float64),
        min(CHUNK, height - first),
    )
    # Compact for the way back from a worker process: ids fit in 32 bits.
    return (rows + first).astype(np.int32), columns.astype(np.int32), weights


def _tags(document: Document) -> set[str]:
    return {t.casefold() for t in document.tags}


def _rules(document: Document) -> set[str]:
    return rule_keywords(document.rules)


@dataclass(frozen=True)
class _Block:
    """Articles to score, as matrices in the indices' vocabularies."""

    keys: list[str]
    # Text, tags and rules side by side, each scaled by its weight.
    keywords: sparse.csr_matrix
    days: np.ndarray
    regions: list[str]
    categories: list[str]


class RelatedIndex:
    """The indices over the articles that may be linked to (published articles only)."""

    def __init__(
        self,
        documents: Sequence[Document],
        tuning: Tuning,
        workers: int = 0,
        counted: dict[str, _Counted] | None = None,
    ) -> None:
        """``workers``: processes that count terms and score articles (0: one per available core).
        ``counted``: chunks of articles whose terms were counted before (see ``_Terms``)."""
        self.documents = sorted(documents, key=lambda d: d.key)
        self.tuning = tuning
        self.position = {d.key: i for i, d in enumerate(self.documents)}
        common = min(max(COMMON_MINIMUM, COMMON_SHARE * len(self.documents)), COMMON_MAXIMUM)
        self.workers = workers or usable_cores()
        self.text = _Index(
            _Terms(self.workers, counted),
            self.documents,
            common,
            signature=SIGNATURE_TERMS,
            workers=self.workers,
        )
        self.tags = _Index(_Labels(_tags), self.documents, common, floor=True)
        self.rules = _Index(_Labels(_rules), self.documents, common, floor=True)
        self._days = np.array([d.day for d in self.documents], dtype=np.float64)
        self._regions = _Codes([d.region for d in self.documents])
        self._categories = _Codes([d.category for d in self.documents])
        # One product scores all three indices: their posting lists stacked.
        self._postings = sparse.vstack([self.text.postings, self.tags.postings, self.rules.postings]).tocsr()
        size = -(-len(self.documents) // (GROUPS * BLOCK)) * BLOCK or BLOCK
        self._groups = [
            (first, self._postings[:, first : first + size]) for first in range(0, len(self.documents), size)
        ]
        # The indexed articles are also the queries, in the same vocabularies: built once.
        self._own = _Block(
            keys=[d.key for d in self.documents],
            keywords=self._weighted(self.text.postings.T, self.tags.postings.T, self.rules.postings.T),
            days=self._days,
            regions=[d.region for d in self.documents],
            categories=[d.category for d in self.documents],
        )

    def related(self, extra: Sequence[Document] = (), limit: int = 6) -> dict[str, list[Match]]:
        """The best ``limit`` matches above the threshold for every indexed article and for
        ``extra`` ones (drafts), best first; ties go to the newer article, then to the slug."""
        own, outside = list(self._blocks(self._own)), list(self._blocks(self._outside(extra)))
        found: dict[str, list[Match]] = {key: [] for block in [*own, *outside] for key in block.keys}
        if not self.documents:
            return found
        scored = list(
            in_parallel(
                _score_block, range(len(own) + len(outside)), (self, own, outside, limit), self.workers
            )
        )
        rows, columns, scores = (np.concatenate(part) for part in zip(*scored[: len(own)], strict=True))
        # Each pair was scored once: it counts for both articles.
        both = self._ranked(
            np.concatenate((rows, columns)), np.concatenate((columns, rows)), np.concatenate((scores, scores))
        )
        matches = [(self._own.keys, _first_per_row(both[0], limit), both)]
        matches += [(block.keys, None, best) for block, best in zip(outside, scored[len(own) :], strict=True)]
        keys = self._own.keys
        for sources, kept, (rows, columns, scores) in matches:
            if kept is not None:
                rows, columns, scores = rows[kept], columns[kept], scores[kept]
            lists = [found[key] for key in sources]
            for row, column, score in zip(rows.tolist(), columns.tolist(), scores.tolist(), strict=True):
                lists[row].append(Match(keys[column], score))
        return found

    def pairs(self, number: int, block: _Block) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(article, article, score) of the pairs above the threshold between the indexed
        articles of own block ``number`` and the indexed articles after each of them."""
        first = number * BLOCK
        rows, columns, content = [], [], []
        for start, postings in self._groups:
            if start + postings.shape[1] <= first + 1:
                continue
            found = (block.keywords @ postings).tocoo()
            hopeful = (found.data >= self._reachable()) & (found.col + start > found.row + first)
            rows.append(found.row[hopeful].astype(np.int64))
            columns.append(found.col[hopeful].astype(np.int64) + start)
            content.append(found.data[hopeful])
        rows, columns, content = (
            np.concatenate([*part, np.zeros(0, np.int64)]) for part in (rows, columns, content)
        )
        scores = content + self._context(block, rows, columns)
        keep = scores >= self.tuning.threshold
        return rows[keep] + first, columns[keep], np.round(scores[keep], 6)

    def best(self, block: _Block, limit: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(block row, article, score) of the best ``limit`` matches of each article of the
        block, best first."""
        rows, columns, scores = self._score(block)
        best = _first_per_row(rows, limit)
        return rows[best], columns[best], scores[best]

    def _reachable(self) -> float:
        """The content score a pair needs: region, category and date add at most their
        weights, so pairs they cannot lift over the threshold are skipped."""
        weights = self.tuning.weights
        return self.tuning.threshold - (weights.region + weights.category + weights.date)

    def _ranked(
        self, rows: np.ndarray, columns: np.ndarray, scores: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """By row, then best first: ties go to the newer article, then to the slug."""
        order = np.lexsort((columns, -self._days[columns], -scores, rows))
        return rows[order], columns[order], scores[order]

    def _outside(self, documents: Sequence[Document]) -> _Block:
        return _Block(
            keys=[d.key for d in documents],
            keywords=self._weighted(
                self.text.queries(documents),
                self.tags.queries(documents),
                self.rules.queries(documents),
            ),
            days=np.array([d.day for d in documents], dtype=np.float64),
            regions=[d.region for d in documents],
            categories=[d.category for d in documents],
        )

    def _weighted(
        self, text: sparse.spmatrix, tags: sparse.spmatrix, rules: sparse.spmatrix
    ) -> sparse.csr_matrix:
        weights = self.tuning.weights
        return sparse.hstack([weights.text * text, weights.tags * tags, weights.rules * rules]).tocsr()

    @staticmethod
    def _blocks(queries: _Block):
        for start in range(0, len(queries.keys), BLOCK):
            part = slice(start, start + BLOCK)
            yield _Block(
                keys=queries.keys[part],
                keywords=queries.keywords[part],
                days=queries.days[part],
                regions=queries.regions[part],
                categories=queries.categories[part],
            )

    def _score(self, block: _Block) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        found = (block.keywords @ self._postings).tocoo()
        hopeful = found.data >= self._reachable()
        rows, columns = found.row[hopeful].astype(np.int64), found.col[hopeful].astype(np.int64)
        scores = found.data[hopeful] + self._context(block, rows, columns)
        own = np.array([self.position.get(key, -1) for key in block.keys], dtype=np.int64)
        keep = (scores >= self.tuning.threshold) & (columns != own[rows])
        return self._ranked(rows[keep], columns[keep], np.round(scores[keep], 6))

    def _context(self, block: _Block, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Region, category and date proximity for the candidate pairs: they reorder and tip
        the balance, but cannot make a pair a candidate."""
        weights = self.tuning.weights
        same_region = self._regions.of(block.regions)[rows] == self._regions.known[columns]
        same_category = self._categories.of(block.categories)[rows] == self._categories.known[columns]
        closeness = 1.0 / (1.0 + np.abs(block.days[rows] - self._days[columns]) / self.tuning.date_scale_days)
        return weights.region * same_region + weights.category * same_category + weights.date * closeness


class _Codes:
    """Region or category names as integers, so that equality is one vectorised comparison.
    An empty value never equals anything, not even another empty value."""

    def __init__(self, values: list[str]) -> None:
        self.codes = {value: i for i, value in enumerate(sorted(set(values) - {""}))}
        self.known = self.of(values, empty=-2)

    def of(self, values: list[str], empty: int = -1) -> np.ndarray:
        return np.array([self.codes.get(v, -3) if v else empty for v in values], dtype=np.int64)
