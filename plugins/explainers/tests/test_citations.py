"""Citation spellings, table-driven: what Indonesian news writes, and what only looks like it."""

import pytest

from explainers.citations import CitationFinder
from explainers.rules import RuleError, parse_regulation, parse_rule_id

ALIASES = {
    "UU Pemilu": parse_regulation("UU 7/2017"),
    "UU Pilkada": parse_regulation("UU 10/2016"),
    "UU ASN": parse_regulation("UU 20/2023"),
}
FINDER = CitationFinder(ALIASES)

# (text, the rules it cites in order — canonical keys; None for a citation of a law Warta
# cannot name or a pasal whose law the text never names)
SPELLINGS = [
    ("Pasal 280 ayat (2) UU Nomor 7 Tahun 2017", ["uu-7-2017/pasal-280/ayat-2"]),
    ("UU No. 7/2017 Pasal 280 ayat 2", ["uu-7-2017/pasal-280/ayat-2"]),
    ("UU No 7 Tahun 2017 Pasal 280 Ayat (2)", ["uu-7-2017/pasal-280/ayat-2"]),
    ("pasal 280 ayat(2) UU 7/2017", ["uu-7-2017/pasal-280/ayat-2"]),
    ("Pasal 280 ayat (2) Undang-Undang Nomor 7 Tahun 2017", ["uu-7-2017/pasal-280/ayat-2"]),
    ("Pasal 280 ayat (2) Undang-undang RI Nomor 7 Tahun 2017", ["uu-7-2017/pasal-280/ayat-2"]),
    ("Pasal 280 ayat 2 UU Nomor 7/2017", ["uu-7-2017/pasal-280/ayat-2"]),
    ("Psl. 280 ayat (2) UU No.7/2017", ["uu-7-2017/pasal-280/ayat-2"]),
    ("Pasal 280 ayat (2) huruf h UU Pemilu", ["uu-7-2017/pasal-280/ayat-2"]),
    ("Pasal 280 ayat (2) dalam UU Pemilu", ["uu-7-2017/pasal-280/ayat-2"]),
    ("UU Pemilu, Pasal 280 ayat (2)", ["uu-7-2017/pasal-280/ayat-2"]),
    ("Pasal 280 Undang-Undang Pemilu", ["uu-7-2017/pasal-280"]),
    ("ayat (2) Pasal 280 UU 7/2017", ["uu-7-2017/pasal-280/ayat-2"]),
    (
        "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum. Pada Pasal 280 ayat (2) dijelaskan bahwa ASN dilarang",
        ["uu-7-2017", "uu-7-2017/pasal-280/ayat-2"],
    ),
    (
        "Undang-Undang Nomor 10 Tahun 2016 atau UU Pilkada. Pasal 70 ayat (1) undang-undang itu melarang",
        ["uu-10-2016", "uu-10-2016", "uu-10-2016/pasal-70/ayat-1"],
    ),
    ("Pasal 70 ayat (1) huruf b UU Nomor 10 Tahun 2016", ["uu-10-2016/pasal-70/ayat-1"]),
    ("Pasal 73 ayat (1) jo. Pasal 187A UU 10/2016", ["uu-10-2016/pasal-73/ayat-1", "uu-10-2016/pasal-187a"]),
    (
        "Pasal 73 ayat (1) juncto Pasal 187A ayat (1) UU Pilkada",
        ["uu-10-2016/pasal-73/ayat-1", "uu-10-2016/pasal-187a/ayat-1"],
    ),
    (
        "Pasal 187A ayat (1) dan ayat (2) UU Pilkada",
        ["uu-10-2016/pasal-187a/ayat-1", "uu-10-2016/pasal-187a/ayat-2"],
    ),
    ("Pasal 71 ayat (1) angka 3 UU 10/2016", ["uu-10-2016/pasal-71/ayat-1"]),
    ("UU 7/2017", ["uu-7-2017"]),
    ("rujukannya UU Pilkada, bukan UU Pemilu", ["uu-10-2016", "uu-7-2017"]),
    ("kewajiban netralitas dalam UU ASN.", ["uu-20-2023"]),
    ("Perppu Nomor 1 Tahun 2014", ["perppu-1-2014"]),
    ("Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS", ["pp-94-2021"]),
    ("Peraturan KPU Nomor 13 Tahun 2024", ["pkpu-13-2024"]),
    ("PKPU No. 13/2024 Pasal 5", ["pkpu-13-2024/pasal-5"]),
    # Negative: "pasal" in another sense, numbers that are not laws, other laws.
    ("pasal-pasal karet dalam aturan itu", []),
    ("Mereka membahas pasal demi pasal.", []),
    ("Kamar nomor 7/2017 di hotel itu", []),
    ("Surat Edaran Nomor 7 Tahun 2017", []),
    ("Tim 7/2017 bermain di lapangan", []),
    ("Pasal 280 KUHP tentang kejahatan", [None]),
    ("Pasal 33 UUD 1945", [None]),
    ("Pasal 28E ayat (3) Undang-Undang Dasar 1945", [None]),
    ("Pasal 378 KUHP dan Pasal 372", [None, None]),
    ("Perda Nomor 7 Tahun 2017 Pasal 280", [None]),
    ("PP Nomor 7 Tahun 2017 Pasal 280 ayat (2)", ["pp-7-2017/pasal-280/ayat-2"]),
    ("Pasal 280 ayat (2) UU Nomor 7 Tahun 2018", ["uu-7-2018/pasal-280/ayat-2"]),
    ("Pasal 280 ayat (2) menyebutkan larangan itu", [None]),
    ("UU Pemiluan", []),
    ("Rp 280 ribu per paket, tahun 2017", []),
]


@pytest.mark.parametrize(("text", "expected"), SPELLINGS, ids=[text[:50] for text, _ in SPELLINGS])
def test_citation_spellings(text, expected):
    citations, _ = FINDER.find(text)
    assert [c.rule.key if c.rule else None for c in citations] == expected


def test_at_least_thirty_spellings_positive_and_negative():
    assert len(SPELLINGS) >= 30
    assert sum(1 for _, keys in SPELLINGS if not any(keys)) >= 10


def test_citation_span_covers_the_whole_citation():
    text = "Menurutnya, hal itu diatur dalam Pasal 73 ayat (1) jo. Pasal 187A UU 10/2016. Pasal 73"
    citations, _ = FINDER.find(text)
    assert [c.text for c in citations] == ["Pasal 73 ayat (1)", "Pasal 187A UU 10/2016", "Pasal 73"]
    assert all(text[c.start : c.end] == c.text for c in citations)


def test_the_law_named_earlier_gives_a_later_pasal_its_regulation():
    _, context = FINDER.find("Netralitas ASN dijaga dalam Undang-Undang Nomor 7 Tahun 2017.")
    citations, _ = FINDER.find("Pada Pasal 280 ayat (2) disebutkan larangannya.", context)
    assert citations[0].rule.key == "uu-7-2017/pasal-280/ayat-2"


def test_another_law_in_between_ends_the_context():
    _, context = FINDER.find("Undang-Undang Nomor 7 Tahun 2017 dan KUHP")
    citations, _ = FINDER.find("Pasal 280 ayat (2) menyebutkan", context)
    assert citations[0].rule is None


def test_without_carry_a_bare_pasal_keeps_the_given_regulation():
    own = parse_regulation("UU 7/2017")
    text = "khususnya Pasal 70 ayat (1) UU 10/2016. Media sering mengutip Pasal 280 ayat (2)."
    citations, _ = FINDER.find(text, own, carry=False)
    assert [c.rule.key for c in citations] == ["uu-10-2016/pasal-70/ayat-1", "uu-7-2017/pasal-280/ayat-2"]


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("uu-7-2017-pasal-280-ayat-2", "uu-7-2017/pasal-280/ayat-2"),
        ("uu-7-2017/pasal-280/ayat-2", "uu-7-2017/pasal-280/ayat-2"),
        ("uu-10-2016-pasal-187a", "uu-10-2016/pasal-187a"),
        ("UU-10-2016", "uu-10-2016"),
    ],
)
def test_rule_ids(value, key):
    assert parse_rule_id(value).key == key


@pytest.mark.parametrize("value", ["pasal-280", "uu-7-17-pasal-280", "kuhp-1-1946-pasal-1", "uu 7/2017"])
def test_malformed_rule_ids(value):
    with pytest.raises(RuleError, match="write it as uu-7-2017-pasal-280-ayat-2"):
        parse_rule_id(value)


@pytest.mark.parametrize("value", ["UU 7 2017", "UU 7/17", "Undang-Undang 7/2017", "KUHP 1/1946", ""])
def test_malformed_regulations(value):
    with pytest.raises(RuleError, match="write it as UU 7/2017"):
        parse_regulation(value)
