import random
import re

from warta_common import text


def test_terms_are_lower_case_words_without_stop_words():
    assert text.terms("Bawaslu Menerima Pengaduan dari Warga yang Dirugikan") == [
        "bawaslu",
        "menerima",
        "pengaduan",
        "warga",
        "dirugikan",
    ]


def test_numbers_one_letter_words_and_punctuation_are_dropped():
    assert text.words("KTP-el: 1.200 lembar (27/11/2024) & e") == ["ktp", "el", "lembar"]


def test_reporting_verbs_days_and_months_carry_no_meaning():
    assert text.terms("kata Ferdi, Selasa (8 Oktober 2024), menurut dia") == ["ferdi"]


def test_plain_text_of_html_reads_entities_and_drops_tags():
    assert text.plain_text('<p>Sembako &amp; <a href="/x">politik</a> uang</p>').split() == [
        "Sembako",
        "&",
        "politik",
        "uang",
    ]


def test_word_count_counts_words_across_pieces():
    assert text.word_count(["Bawaslu Kota Bengkulu", "memanggil 2 saksi."]) == 6


def test_words_are_the_same_in_ascii_typographic_and_accented_text():
    rng = random.Random(7)
    pieces = [
        "Bawaslu",
        "kpu",
        "KTP-el",
        "27/11",
        "x",
        "“Kami”",
        "—",
        "café",
        "Jum’at",
        "naïf",
        "\u00a0",
        "…",
        "_a",
    ]
    for _ in range(300):
        sample = "".join(rng.choice([*pieces, " ", "", ","]) for _ in range(12))
        assert text.words(sample) == re.findall(r"[^\W\d_]{2,}", sample.lower())
