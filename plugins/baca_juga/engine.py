"""The relevance engine: weighted indices over all articles, queried once per build.

Each article becomes a :class:`Document` (plain data, no Pelican). :class:`RelatedIndex`
builds three inverted indices — text terms, tags, cited rules — as sparse matrices
(documents × keywords; the transposed matrix is the posting lists), and scores a whole block
of articles against the index with one sparse product per index. Only pairs that share a
keyword are ever touched, never all pairs. Region, category and date proximity then adjust
the scores of those candidates. See the README section "Baca juga" for the formula.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from warta_common import text

from .settings import Tuning

# An article is represented by its most distinctive terms only (like Lucene's "more like
# this"): enough to recognise a story, and it keeps common words out of the posting lists.
SIGNATURE_TERMS = 40
# Title words say what the story is; they count as often as this many body words.
TITLE_BOOST = 3
# Articles scored against the index at once: bounds memory, keeps the products fast.
BLOCK = 2048


@dataclass(frozen=True)
class Document:
    key: str
    day: float
    title: str
    body: str
    tags: tuple[str, ...] = ()
    region: str = ""
    category: str = ""
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    key: str
    score: float


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


def _matrix(rows: list[dict[int, float]], width: int) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((k for r in rows for k in r), dtype=np.int32, count=int(indptr[-1]))
    data = np.fromiter((v for r in rows for v in r.values()), dtype=np.float64, count=int(indptr[-1]))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), width))


class _KeywordIndex:
    """Tags or cited rules, compared like text: each keyword weighted by its rarity, and the
    score is the cosine of the two articles' keyword vectors. A vector is never shorter than
    one rare keyword (shared by two articles), so an article whose only tag is on most
    articles is not a perfect match for every other one."""

    def __init__(self, keyword_sets: list[set[str]]) -> None:
        frequency: Counter[str] = Counter()
        for keywords in keyword_sets:
            frequency.update(keywords)
        total = len(keyword_sets)
        self.ids = {k: i for i, k in enumerate(sorted(frequency))}
        self.weight = {k: float(rarity(f, total)) for k, f in frequency.items()}
        self.shortest = float(rarity(2, total))
        self.postings = self.queries(keyword_sets).T.tocsr()

    def queries(self, keyword_sets: list[set[str]]) -> sparse.csr_matrix:
        rows = []
        for keywords in keyword_sets:
            known = sorted(k for k in keywords if k in self.ids)
            norm = max(math.sqrt(sum(self.weight[k] ** 2 for k in known)), self.shortest)
            rows.append({self.ids[k]: self.weight[k] / norm for k in known})
        return _matrix(rows, len(self.ids))


class _TextIndex:
    """Title and body terms, weighted by TF-IDF, each article reduced to its signature terms
    and normalised, so that the product of two articles is their cosine similarity."""

    def __init__(self, counts: list[Counter[str]]) -> None:
        frequency: Counter[str] = Counter()
        for terms in counts:
            frequency.update(terms.keys())
        total = len(counts)
        self.idf = {t: float(rarity(f, total)) for t, f in frequency.items()}
        self.ids = {t: i for i, t in enumerate(sorted(frequency))}
        self.postings = self.queries(counts).T.tocsr()

    def queries(self, counts: list[Counter[str]]) -> sparse.csr_matrix:
        rows = []
        for terms in counts:
            weighted = [(-(1.0 + math.log(n)) * self.idf[t], t) for t, n in terms.items() if t in self.idf]
            weighted.sort()
            signature = weighted[:SIGNATURE_TERMS]
            norm = math.sqrt(sum(w * w for w, _ in signature)) or 1.0
            rows.append({self.ids[t]: -w / norm for w, t in signature})
        return _matrix(rows, len(self.ids))


def term_counts(document: Document) -> Counter[str]:
    counts = Counter(text.terms(document.body))
    for term in text.terms(document.title):
        counts[term] += TITLE_BOOST
    return counts


@dataclass(frozen=True)
class _Block:
    """Articles to score, as matrices in the indices' vocabularies."""

    keys: list[str]
    text: sparse.csr_matrix
    tags: sparse.csr_matrix
    rules: sparse.csr_matrix
    days: np.ndarray
    regions: list[str]
    categories: list[str]


class RelatedIndex:
    """The indices over the articles that may be linked to (published articles only)."""

    def __init__(self, documents: Sequence[Document], tuning: Tuning) -> None:
        self.documents = sorted(documents, key=lambda d: d.key)
        self.tuning = tuning
        self.position = {d.key: i for i, d in enumerate(self.documents)}
        counts = [term_counts(d) for d in self.documents]
        self.text = _TextIndex(counts)
        self.tags = _KeywordIndex([_tags(d) for d in self.documents])
        self.rules = _KeywordIndex([rule_keywords(d.rules) for d in self.documents])
        self._days = np.array([d.day for d in self.documents], dtype=np.float64)
        self._regions = _Codes([d.region for d in self.documents])
        self._categories = _Codes([d.category for d in self.documents])
        # The indexed articles are also the queries, in the same vocabularies: built once.
        self._own = _Block(
            keys=[d.key for d in self.documents],
            text=self.text.postings.T.tocsr(),
            tags=self.tags.queries([_tags(d) for d in self.documents]),
            rules=self.rules.queries([rule_keywords(d.rules) for d in self.documents]),
            days=self._days,
            regions=[d.region for d in self.documents],
            categories=[d.category for d in self.documents],
        )

    def related(self, extra: Sequence[Document] = (), limit: int = 6) -> dict[str, list[Match]]:
        """The best ``limit`` matches above the threshold for every indexed article and for
        ``extra`` ones (drafts), best first; ties go to the newer article, then to the slug."""
        found: dict[str, list[Match]] = {}
        if limit <= 0:
            return found
        for block in [*self._blocks(self._own), *self._blocks(self._outside(extra))]:
            for key in block.keys:
                found[key] = []
            if not self.documents:
                continue
            rows, columns, scores = self._score(block)
            for row, column, score in zip(rows.tolist(), columns.tolist(), scores.tolist(), strict=True):
                matches = found[block.keys[row]]
                if len(matches) < limit:
                    matches.append(Match(self.documents[column].key, score))
        return found

    def _outside(self, documents: Sequence[Document]) -> _Block:
        return _Block(
            keys=[d.key for d in documents],
            text=self.text.queries([term_counts(d) for d in documents]),
            tags=self.tags.queries([_tags(d) for d in documents]),
            rules=self.rules.queries([rule_keywords(d.rules) for d in documents]),
            days=np.array([d.day for d in documents], dtype=np.float64),
            regions=[d.region for d in documents],
            categories=[d.category for d in documents],
        )

    @staticmethod
    def _blocks(queries: _Block):
        for start in range(0, len(queries.keys), BLOCK):
            part = slice(start, start + BLOCK)
            yield _Block(
                keys=queries.keys[part],
                text=queries.text[part],
                tags=queries.tags[part],
                rules=queries.rules[part],
                days=queries.days[part],
                regions=queries.regions[part],
                categories=queries.categories[part],
            )

    def _score(self, block: _Block) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        weights = self.tuning.weights
        content = weights.text * (block.text @ self.text.postings)
        for queries, index, weight in (
            (block.tags, self.tags, weights.tags),
            (block.rules, self.rules, weights.rules),
        ):
            content = content + weight * (queries @ index.postings)
        found = content.tocoo()
        rows, columns = found.row.astype(np.int64), found.col.astype(np.int64)
        scores = found.data + self._context(block, rows, columns)
        own = np.array([self.position.get(key, -1) for key in block.keys], dtype=np.int64)
        keep = (scores >= self.tuning.threshold) & (columns != own[rows])
        rows, columns, scores = rows[keep], columns[keep], np.round(scores[keep], 6)
        order = np.lexsort((columns, -self._days[columns], -scores, rows))
        return rows[order], columns[order], scores[order]

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


def _tags(document: Document) -> set[str]:
    return {t.casefold() for t in document.tags}
