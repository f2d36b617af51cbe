"""The relevance engine on hand-made documents: each signal, the threshold, ties, drafts."""

from __future__ import annotations

import dataclasses
import random
from itertools import pairwise

import pytest

from baca_juga import engine
from baca_juga.engine import RelatedIndex, rule_keywords
from baca_juga.records import Document
from baca_juga.settings import DEFAULTS, tuning

FILLER = [
    "harga cabai pasar panorama naik pedagang pasokan",
    "turnamen sepak bola antarkecamatan final juara gol",
    "banjir rendam jalan lintas rumah warga sungai meluap",
    "rapat anggaran daerah dewan fraksi belanja pegawai",
    "kecelakaan truk tikungan sopir kernet luka ringan",
    "vaksinasi anak puskesmas imunisasi campak posyandu",
]


def tuned(**changes):
    settings = {**DEFAULTS, **changes}
    return tuning(settings)


def filler(count: int = 6, **fields) -> list[Document]:
    return [
        Document(
            key=f"lain-{n}", day=20000 + n, title=f"Berita lain {n}", body=FILLER[n % len(FILLER)], **fields
        )
        for n in range(count)
    ]


def test_no_match_is_better_than_a_bad_one():
    documents = filler()
    found = RelatedIndex(documents, tuned()).related()
    assert all(matches == [] for matches in found.values())


def test_a_story_is_found_through_its_text_alone():
    story = [
        Document(
            "posko-a",
            20000,
            "Bawaslu Mukomuko buka posko pengaduan",
            "posko pengaduan pelanggaran kampanye mukomuko kecamatan warga lapor",
        ),
        Document(
            "posko-b",
            20030,
            "Posko pengaduan Mukomuko terima aduan",
            "posko pengaduan mukomuko aduan warga kecamatan pelanggaran",
        ),
    ]
    found = RelatedIndex([*story, *filler()], tuned()).related()
    assert [m.key for m in found["posko-a"]] == ["posko-b"]
    assert all(m.key != "posko-a" for m in found["posko-a"])


def test_a_tag_on_most_articles_counts_for_almost_nothing():
    weights = {name: 0.0 for name in DEFAULTS["BACA_JUGA_WEIGHTS"]} | {"tags": 1.0}
    common = filler(8, tags=("Pilkada 2024",))
    rare = [dataclasses.replace(d, tags=(*d.tags, "Sembako")) for d in common[:2]]
    index = RelatedIndex([*rare, *common[2:]], tuned(BACA_JUGA_WEIGHTS=weights, BACA_JUGA_THRESHOLD=0.0))
    found = index.related()
    shared_rare = next(m.score for m in found["lain-0"] if m.key == "lain-1")
    shared_common = next(m.score for m in found["lain-2"] if m.key == "lain-3")
    assert shared_rare > 0.9
    assert shared_common < 0.1


def test_shared_cited_rules_count_and_paragraphs_of_one_article_still_match():
    assert rule_keywords(["uu-7-2017/pasal-280/ayat-2"]) == {
        "uu-7-2017/pasal-280",
        "uu-7-2017/pasal-280/ayat-2",
    }
    weights = {name: 0.0 for name in DEFAULTS["BACA_JUGA_WEIGHTS"]} | {"rules": 1.0}
    documents = filler()
    documents[0] = dataclasses.replace(documents[0], rules=("uu-7-2017/pasal-280/ayat-2",))
    documents[1] = dataclasses.replace(documents[1], rules=("uu-7-2017/pasal-280/ayat-1",))
    found = RelatedIndex(documents, tuned(BACA_JUGA_WEIGHTS=weights, BACA_JUGA_THRESHOLD=0.2)).related()
    assert [m.key for m in found["lain-0"]] == ["lain-1"]


def test_region_category_and_date_alone_never_make_a_link():
    documents = filler(region="Kota Bengkulu", category="Pilkada")
    found = RelatedIndex(documents, tuned()).related()
    assert all(matches == [] for matches in found.values())


def test_ties_go_to_the_newer_article_then_to_the_slug():
    body = "patroli media sosial asn netralitas diskominfo unggahan kampanye"
    twins = [
        Document("c-lama", 20000, "Patroli medsos ASN", body),
        Document("b-baru", 20010, "Patroli medsos ASN", body),
        Document("a-baru", 20010, "Patroli medsos ASN", body),
        Document("sumber", 20005, "Patroli medsos ASN", body),
    ]
    weights = {name: 0.0 for name in DEFAULTS["BACA_JUGA_WEIGHTS"]} | {"text": 1.0}
    found = RelatedIndex([*twins, *filler()], tuned(BACA_JUGA_WEIGHTS=weights)).related()
    assert [m.key for m in found["sumber"]] == ["a-baru", "b-baru", "c-lama"]


def test_drafts_are_scored_but_never_linked_to():
    story = Document(
        "sembako-a", 20000, "Dugaan sembako", "sembako politik uang gakkumdu saksi paslon selebar"
    )
    draft = Document(
        "sembako-draf", 20001, "Kasus sembako", "sembako politik uang gakkumdu saksi paslon tersangka"
    )
    found = RelatedIndex([story, *filler()], tuned()).related(extra=[draft])
    assert [m.key for m in found["sembako-draf"]] == ["sembako-a"]
    assert found["sembako-a"] == []


@pytest.mark.parametrize("limit", [1, 2])
def test_limit_caps_the_matches(limit):
    body = "sembako politik uang gakkumdu saksi paslon selebar"
    story = [Document(f"s{n}", 20000 + n, "Kasus sembako", body) for n in range(4)]
    found = RelatedIndex([*story, *filler()], tuned()).related(limit=limit)
    assert all(len(found[f"s{n}"]) == limit for n in range(4))


def stories(count: int) -> list[Document]:
    """``count`` articles in stories of three that share made-up names, in common words."""
    rng = random.Random(3)
    syllables = [c + v for c in "bdgklmnprst" for v in "aiu"]
    common = ["".join(rng.choices(syllables, k=3)) for _ in range(400)]
    documents = []
    for number in range(count):
        names = random.Random(number // 3).choices(syllables, k=8)
        words = rng.choices(common, k=60) + [a + b for a, b in pairwise(names)] * 3
        rng.shuffle(words)
        documents.append(
            Document(f"berita-{number:04d}", 20000 + number % 50, " ".join(words[:6]), " ".join(words))
        )
    return documents


def test_the_matches_do_not_depend_on_the_number_of_worker_processes(monkeypatch):
    monkeypatch.setattr(engine, "CHUNK", 40)
    monkeypatch.setattr(engine, "BLOCK", 40)
    documents = stories(330)
    published, drafts = documents[:300], documents[300:]
    alone = RelatedIndex(published, tuned(), workers=1).related(drafts)
    together = RelatedIndex(published, tuned(), workers=2).related(drafts)
    assert together == alone
    linked = [key for key, matches in alone.items() if matches]
    assert len(linked) > 250
    assert all(int(m.key[-4:]) // 3 == int(key[-4:]) // 3 for key in linked for m in alone[key])


def test_scoring_each_pair_once_finds_what_scoring_every_article_against_all_finds(monkeypatch):
    # Small blocks: the articles fall into several groups, and pairs cross them both ways.
    monkeypatch.setattr(engine, "BLOCK", 40)
    documents = stories(300)
    index = RelatedIndex(documents, tuned(), workers=1)
    # Copies under other keys are scored like drafts: against every indexed article, themselves
    # included.
    copies = [dataclasses.replace(d, key=f"salinan-{d.key}") for d in documents]
    found = index.related(copies, limit=5)
    linked = [d.key for d in documents if found[d.key]]
    assert len(linked) > 250
    for document in documents:
        against_all = [m for m in found[f"salinan-{document.key}"] if m.key != document.key]
        assert found[document.key][:4] == against_all[:4]


def test_chunks_counted_before_are_reused_and_only_changed_ones_counted_again(monkeypatch):
    monkeypatch.setattr(engine, "CHUNK", 40)
    documents = stories(300)
    first = RelatedIndex(documents, tuned(), workers=1)
    counted = first.text.keywords.used
    assert len(counted) == 8
    # An edit to one article: the index built with the other chunks' counts reused finds
    # what one that counted everything finds, and only the edited chunk is counted anew.
    edited = [
        *documents[:100],
        dataclasses.replace(documents[100], body=documents[100].body + " tambahan"),
        *documents[101:],
    ]
    reusing = RelatedIndex(edited, tuned(), workers=1, counted=counted)
    assert reusing.related() == RelatedIndex(edited, tuned(), workers=1).related()
    assert len(set(reusing.text.keywords.used) - set(counted)) == 1
    # The kept counts are what is read: a chunk's counts emptied, its articles lose their words.
    vocabulary, rows, columns, occurrences = counted[engine.chunk_key(documents[:40])]
    emptied = {
        **counted,
        engine.chunk_key(documents[:40]): (vocabulary, rows[:0], columns[:0], occurrences[:0]),
    }
    found = RelatedIndex(documents, tuned(), workers=1, counted=emptied).related()
    assert all(found[d.key] == [] for d in documents[:40]) and first.related()[documents[0].key]
