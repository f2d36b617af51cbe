"""The content model: which metadata fields each kind of content has, and what they accept.

Content types are told apart by their folder under ``content/`` (``artikel/``, ``aturan/``,
``halaman/``). Plugins that add fields (manual related links, cited rules, corrections …)
call :func:`add_field` in their ``register()``; the ``content_schema`` plugin validates
every field of every file against this registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

TEXT = "text"
DATE = "date"
LIST = "list"
CHOICE = "choice"
SLUG = "slug"
IMAGE = "image"
URL = "url"

# A field check gets the raw value and the Pelican settings; it returns a message or None.
FieldCheck = Callable[[str, dict], "str | None"]


@dataclass(frozen=True)
class Field:
    """One metadata field, spelled as editors write it (``ImageCaption``)."""

    name: str
    kind: str = TEXT
    required: bool = False
    example: str = ""
    choices: tuple[str, ...] = ()
    # For choices that live in settings, e.g. WARTA_CATEGORIES.
    choices_setting: str = ""
    # Other spellings Pelican accepts for the same field (``Author`` for ``Authors``).
    aliases: tuple[str, ...] = ()
    # Words an editor may write instead (``Tanggal``); only used to suggest the right name.
    synonyms: tuple[str, ...] = ()
    # Dates: whether a time of day is required.
    require_time: bool = False
    check: FieldCheck | None = None

    @property
    def key(self) -> str:
        return self.name.lower()

    def allowed_choices(self, settings: dict) -> tuple[str, ...]:
        if self.choices_setting:
            return tuple(settings.get(self.choices_setting, ()))
        return self.choices


@dataclass
class ContentType:
    name: str
    directory: str
    fields: dict[str, Field] = field(default_factory=dict)
    # Metadata keys renamed on reading, where Pelican gives a key another meaning
    # (an explainer's ``Status`` is the rule's legal status, not Pelican's draft flag).
    renames: dict[str, str] = field(default_factory=dict)

    def lookup(self, key: str) -> Field | None:
        key = key.lower()
        for candidate in self.fields.values():
            if key == candidate.key or key in (a.lower() for a in candidate.aliases):
                return candidate
        return None

    def spellings(self) -> list[str]:
        return [f.name for f in self.fields.values()]

    def synonym(self, key: str) -> Field | None:
        key = key.lower()
        return next((f for f in self.fields.values() if key in f.synonyms), None)


_types: dict[str, ContentType] = {}


def define_type(
    name: str, directory: str, fields: list[Field], renames: dict[str, str] | None = None
) -> ContentType:
    content_type = ContentType(name, directory, {f.key: f for f in fields}, dict(renames or {}))
    _types[name] = content_type
    return content_type


def add_field(type_name: str, new_field: Field) -> None:
    """Let a plugin extend a content type, e.g. ``add_field("article", Field("Related", LIST))``."""
    _types[type_name].fields[new_field.key] = new_field


def get_type(name: str) -> ContentType:
    return _types[name]


def content_types() -> list[ContentType]:
    return list(_types.values())


def type_for_path(relative_path: str) -> ContentType | None:
    """The content type of a file from its path relative to ``content/``."""
    parts = PurePosixPath(str(relative_path).replace("\\", "/")).parts
    for content_type in _types.values():
        if parts and parts[0] == content_type.directory:
            return content_type
    return None


@dataclass(frozen=True)
class SourceInfo:
    """What the reader saw in a file, kept in the metadata so that validation can run again
    on Pelican's cached content: the keys as written and problems found while reading."""

    keys: tuple[str, ...]
    values: tuple[tuple[str, str], ...] = ()
    problems: tuple[tuple[str, str], ...] = ()
    unreadable: bool = False

    def value(self, key: str) -> str:
        return dict(self.values).get(key, "")


SOURCE_INFO_KEY = "warta_source"

# The built-in content types. Defined on import so that plugins can add fields in any order.

PUBLISHING_STATUSES = ("draft", "published")

# An explainer's Article and Paragraph; the explainers plugin reads the numbers from them.
ARTICLE_NUMBER = re.compile(r"Pasal (?P<number>\d{1,4}[A-Z]?)")
PARAGRAPH_NUMBER = re.compile(r"ayat \((?P<number>\d{1,3}[a-z]?)\)")


def _check_article_number(value: str, settings: dict) -> str | None:
    if ARTICLE_NUMBER.fullmatch(value.strip()):
        return None
    return f"'{value}' is not an article number — write it as Pasal 280 (or Pasal 187A)"


def _check_paragraph(value: str, settings: dict) -> str | None:
    if PARAGRAPH_NUMBER.fullmatch(value.strip()):
        return None
    return f"'{value}' is not a paragraph number — write it as ayat (2)"


def _define_builtin_types() -> None:
    title = Field(
        "Title",
        TEXT,
        required=True,
        synonyms=("judul",),
        example="Bawaslu Buka Posko Pengaduan di 15 Kecamatan",
    )
    modified = Field(
        "Modified", DATE, synonyms=("diperbarui", "diubah", "update"), example="2024-10-09 09:15"
    )
    summary = Field(
        "Summary",
        TEXT,
        synonyms=("ringkasan", "deskripsi", "lead"),
        example="Satu atau dua kalimat ringkasan, paling banyak 160 karakter.",
    )
    slug = Field("Slug", SLUG, example="bawaslu-buka-posko-pengaduan")
    define_type(
        "article",
        "artikel",
        [
            title,
            Field(
                "Date",
                DATE,
                required=True,
                require_time=True,
                synonyms=("tanggal", "waktu"),
                example="2024-10-08 14:30",
            ),
            modified,
            Field(
                "Category",
                CHOICE,
                required=True,
                synonyms=("kategori", "rubrik", "kanal"),
                choices_setting="WARTA_CATEGORIES",
                example="Pilkada",
            ),
            Field("Tags", LIST, synonyms=("tag", "label", "topik"), example="Netralitas ASN, Pilkada 2024"),
            Field(
                "Region",
                TEXT,
                synonyms=("wilayah", "daerah", "lokasi", "kabupaten", "kota"),
                example="Kota Bengkulu",
            ),
            Field(
                "Authors",
                LIST,
                required=True,
                aliases=("Author",),
                synonyms=("pewarta", "penulis", "reporter", "wartawan"),
                example="Rina Oktaviani",
            ),
            Field("Editor", TEXT, synonyms=("redaktur", "penyunting"), example="Hendra Saputra"),
            Field("Image", IMAGE, synonyms=("gambar", "foto"), example="images/posko-pengaduan.jpg"),
            Field(
                "ImageCaption",
                TEXT,
                synonyms=("keterangan", "caption", "keteranganfoto"),
                example="Petugas menerima laporan warga, Senin (14/10/2024).",
            ),
            Field("ImageAlt", TEXT, example="Petugas Bawaslu mencatat laporan warga di meja posko"),
            Field(
                "ImageCredit",
                TEXT,
                synonyms=("kredit", "sumberfoto", "fotografer"),
                example="Foto: Redaksi Warta",
            ),
            summary,
            slug,
            Field("Status", CHOICE, choices=PUBLISHING_STATUSES, example="published"),
        ],
    )
    define_type(
        "page",
        "halaman",
        [
            title,
            Field("Date", DATE, example="2024-10-08"),
            modified,
            summary,
            slug,
            Field("Status", CHOICE, choices=(*PUBLISHING_STATUSES, "hidden"), example="published"),
        ],
    )
    define_type(
        "explainer",
        "aturan",
        [
            title,
            Field("Regulation", TEXT, required=True, example="UU 7/2017"),
            Field(
                "RegulationTitle",
                TEXT,
                required=True,
                example="Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum",
            ),
            Field("Article", TEXT, required=True, example="Pasal 280", check=_check_article_number),
            Field("Paragraph", TEXT, example="ayat (2)", check=_check_paragraph),
            Field("Aliases", LIST, example="UU Pemilu"),
            Field("Status", CHOICE, choices=("berlaku", "diubah", "dicabut"), example="berlaku"),
            Field("AmendedBy", TEXT, example="UU 6/2020"),
            Field(
                "Source",
                URL,
                required=True,
                example="https://peraturan.bpk.go.id/Details/37644/uu-no-7-tahun-2017",
            ),
            Field("Topics", LIST, example="Netralitas ASN, Kampanye"),
            summary,
            Field("Date", DATE, required=True, example="2024-09-20"),
            modified,
        ],
        # Its URL comes from the rule it explains (aturan/uu-7-2017/pasal-280-ayat-2/), never a Slug.
        # Pelican reads ``status`` as draft/published; an explainer's Status is the rule's.
        renames={"status": "rule_status"},
    )


_define_builtin_types()
