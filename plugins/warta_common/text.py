"""Indonesian text for matching and search: words, stop words, and plain text from HTML.

``terms("Bawaslu menerima pengaduan dari warga")`` → ``["bawaslu", "menerima", "pengaduan",
"warga"]``: lower-cased words without stop words (function words that say nothing about a
story). Words are not stemmed: see "Why no stemming" in the README's "Baca juga" section.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from itertools import filterfalse

# Letters and digits; hyphens and punctuation split words ("KTP-el" → "ktp", "el").
_WORD = re.compile(r"[^\W_]+")
# A word to match on: two or more letters (numbers and digits are left out).
_LETTERS = re.compile(r"[^\W\d_]{2,}")
# The same for lower-case ASCII text, about twice as fast.
_ASCII_LETTERS = re.compile(r"[a-z]{2,}", re.ASCII)
# Marks that keep most Indonesian text from being ASCII: typographic quotes, dashes, the
# ellipsis, the non-breaking space. None is a letter, so a space in their place splits words
# the same way.
_TYPOGRAPHY = "“”‘’—–…\u00a0"
_TAG = re.compile(r"<[^>]*>")

# Function words of written Indonesian news: pronouns, prepositions, conjunctions,
# auxiliaries, quantifiers, and the reporting verbs every article uses ("kata", "ujar").
_STOP_WORD_LIST = """
    ada adalah adanya agar akan aku akhirnya amat anda antara antaranya apa apabila
    apakah apalagi atas atau ataupun bagaimana bagi bahkan bahwa baik banyak baru beberapa
    begini begitu belum benar berada berbagai berikut bersama besar betapa biasa bila bisa
    boleh buat bukan bukankah cukup dalam dan dapat dari daripada demikian dengan depan di
    dia diri dirinya dua hal hampir hanya harus hingga ia ialah ini itu jadi jangan
    jika jikalau juga justru kala kalau kalian kami kamu kan karena kata katanya ke kecuali
    kembali kemudian kepada ketika kini kita lagi lain lainnya lalu lama lebih maka mampu
    mana masih masing mau melainkan melalui memang mereka meski meskipun misalnya mungkin
    namun nanti nya oleh pada padahal para pernah pula pun saat saja salah sama sambil
    sampai sana sangat satu saya se sebab sebagai sebagian sebelum sebelumnya sebuah sedang
    sedangkan sejak sekali sekitar selain selama seluruh semua sementara seorang seperti
    sering serta sesuai setelah setiap sini soal sudah supaya tak tanpa tapi telah tentang
    terhadap termasuk tersebut tetap tetapi tiap tidak tiga turut untuk usai walau walaupun
    ya yaitu yakni yang ujar ujarnya ungkap ungkapnya jelas jelasnya menurut mengatakan
    menjelaskan menambahkan katakan tutur tuturnya sebut menyebut disebut hari
    senin selasa rabu kamis jumat sabtu minggu pekan bulan tahun pukul wib wita wit
    januari februari maret april mei juni juli agustus september oktober november desember
    pak bu bapak ibu sdr warta
"""
STOP_WORDS = frozenset(_STOP_WORD_LIST.split())


def words(text: str) -> list[str]:
    """Lower-case words of two or more letters; numbers are dropped."""
    lowered = text.lower()
    for mark in _TYPOGRAPHY:
        if mark in lowered:
            lowered = lowered.replace(mark, " ")
    return (_ASCII_LETTERS if lowered.isascii() else _LETTERS).findall(lowered)


def terms(text: str) -> list[str]:
    """The words that carry meaning: what matching and search compare."""
    return list(filterfalse(STOP_WORDS.__contains__, words(text)))


def plain_text(markup: str) -> str:
    """The readable text of an HTML fragment, for counting and matching words.

    A tag-stripping pattern, not a parser: the fragment is only read, never changed, and this
    is fast enough for a hundred thousand articles.
    """
    return html.unescape(_TAG.sub(" ", markup))


def word_count(texts: Iterable[str]) -> int:
    return sum(len(_WORD.findall(t)) for t in texts)
