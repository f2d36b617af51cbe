"""A deterministic synthetic newsroom corpus in Warta's content format.

``generate(target, n)`` writes ``n`` articles (400–700 words of Indonesian-like news text,
developing stories, a long tail of tags with one tag on most articles, regions, categories,
lead images, rule citations) plus the real explainers from ``content/aturan/``. The same
``n`` and ``seed`` always give the same bytes.
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent

CATEGORIES = ["Pilkada", "Pemerintahan", "Hukum", "Ekonomi", "Peristiwa", "Olahraga"]
CATEGORY_WEIGHTS = [40, 20, 12, 12, 10, 6]
REGIONS = [
    "Kota Bengkulu",
    "Bengkulu Selatan",
    "Bengkulu Utara",
    "Bengkulu Tengah",
    "Kaur",
    "Kepahiang",
    "Lebong",
    "Mukomuko",
    "Rejang Lebong",
    "Seluma",
    "Provinsi Bengkulu",
]
ACTORS = [
    "Bawaslu",
    "KPU",
    "Diskominfo",
    "Pemerintah kabupaten",
    "DPRD",
    "Polres",
    "Kejaksaan negeri",
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "BPBD",
    "Disdukcapil",
    "Sentra Gakkumdu",
    "PPK",
    "Panwascam",
]
TOPICS = [
    "netralitas ASN",
    "politik uang",
    "posko pengaduan",
    "data pemilih",
    "logistik pemilu",
    "debat kandidat",
    "kampanye media sosial",
    "hoaks",
    "anggaran daerah",
    "harga pangan",
    "banjir",
    "kecelakaan lalu lintas",
    "pelayanan kesehatan",
    "sekolah rusak",
    "turnamen sepak bola",
    "pasar tradisional",
    "jalan rusak",
    "rekapitulasi suara",
    "pemilih pemula",
    "relawan demokrasi",
]
VERBS = [
    "menggelar",
    "memeriksa",
    "menindaklanjuti",
    "mengumumkan",
    "membahas",
    "mengawasi",
    "menyosialisasikan",
    "mencatat",
    "memverifikasi",
    "menerima",
    "menyerahkan",
    "menertibkan",
]
NOUNS = [
    "rapat koordinasi",
    "laporan warga",
    "temuan pengawas",
    "berkas perkara",
    "data tambahan",
    "alat peraga kampanye",
    "surat edaran",
    "rekomendasi",
    "anggaran tambahan",
    "jadwal tahapan",
    "daftar pemilih",
    "bukti unggahan",
    "keterangan saksi",
    "hasil klarifikasi",
    "program kerja",
]
CONNECTORS = [
    "Menurut dia,",
    "Selain itu,",
    "Di sisi lain,",
    "Sementara itu,",
    "Sebelumnya,",
    "Karena itu,",
    "Hingga kini,",
    "Dalam kesempatan yang sama,",
    "Lebih lanjut,",
    "Pada tahap berikutnya,",
]
CITATIONS = [
    "Pasal 280 ayat (2) UU Nomor 7 Tahun 2017",
    "UU No. 7/2017 Pasal 280 ayat 2",
    "Pasal 70 ayat (1) UU 10/2016",
    "Pasal 71 UU Pilkada",
    "Pasal 73 ayat (1) jo. Pasal 187A UU 10/2016",
    "Pasal 9 ayat (2) UU Nomor 20 Tahun 2023",
]
FIRST = ["Rina", "Dimas", "Yogi", "Melati", "Fikri", "Lestari", "Hendra", "Selvi", "Arif", "Nadia", "Bayu"]
LAST = ["Oktaviani", "Prasetyo", "Saputra", "Anggraini", "Alamsyah", "Wulandari", "Pratama", "Marlina"]
IMAGE_COUNT = 24


def _sentence(rng: random.Random, topic: str, region: str) -> str:
    actor = rng.choice(ACTORS)
    return (
        f"{rng.choice(CONNECTORS)} {actor} {region} {rng.choice(VERBS)} {rng.choice(NOUNS)} "
        f"terkait {topic} di {rng.randint(2, 17)} kecamatan, dengan {rng.randint(3, 250)} "
        f"{rng.choice(['warga', 'petugas', 'laporan', 'peserta', 'dokumen'])} tercatat hingga pekan ini."
    )


def _body(rng: random.Random, topic: str, region: str, cites: bool) -> str:
    paragraphs = []
    for index in range(rng.randint(6, 10)):
        sentences = [_sentence(rng, topic, region) for _ in range(rng.randint(2, 3))]
        if index == 0:
            sentences.insert(0, f"**{region.upper()}, Warta** — Persoalan {topic} kembali menjadi perhatian.")
        if cites and index == 3:
            sentences.append(f"Hal itu diatur dalam {rng.choice(CITATIONS)}.")
        if index == 5 and rng.random() < 0.3:
            paragraphs.append(f"> “{_sentence(rng, topic, region)}”")
        paragraphs.append(" ".join(sentences))
    if rng.random() < 0.2:
        paragraphs.insert(6, "## Langkah berikutnya")
    return "\n\n".join(paragraphs)


def _tags(rng: random.Random, topic: str, category: str) -> list[str]:
    tags = [topic.title()]
    if category == "Pilkada" or rng.random() < 0.2:
        tags.append("Pilkada 2024")
    # A long tail: a few hundred tags, most used rarely.
    tags += [f"Isu {rng.randint(1, int(rng.paretovariate(1.2)) * 10 + 1)}" for _ in range(rng.randint(0, 2))]
    return sorted(set(tags))


def _images(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(IMAGE_COUNT):
        picture = Image.new("RGB", (1200, 675), (230 - index * 3, 235, 240))
        ImageDraw.Draw(picture).ellipse((300 + index * 10, 150, 800, 550), fill=(164, 22, 26))
        picture.save(folder / f"foto-{index:02d}.jpg", quality=70)


def generate(target: Path, n: int, seed: int = 2024) -> Path:
    """Write the corpus to ``target/content`` and return that folder."""
    rng = random.Random(seed)
    content = target / "content"
    shutil.rmtree(content, ignore_errors=True)
    articles = content / "artikel"
    articles.mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "aturan", content / "aturan")
    _images(content / "images")
    start = datetime(2021, 1, 1, 6, 0)
    stories = max(1, n // 6)
    for index in range(n):
        story = rng.randrange(stories)
        story_rng = random.Random(seed * 1_000_003 + story)
        topic = story_rng.choice(TOPICS)
        region = story_rng.choice(REGIONS)
        category = story_rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
        published = start + timedelta(minutes=index * 97 + rng.randint(0, 60))
        title = (
            f"{story_rng.choice(ACTORS)} {region} {rng.choice(VERBS).capitalize()} "
            f"{rng.choice(NOUNS).title()} soal {topic.title()} ({index})"
        )
        fields = {
            "Title": title,
            "Date": published.strftime("%Y-%m-%d %H:%M"),
            "Category": category,
            "Tags": ", ".join(_tags(rng, topic, category)),
            "Region": region,
            "Authors": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "Editor": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "Image": f"images/foto-{rng.randrange(IMAGE_COUNT):02d}.jpg",
            "ImageCaption": f"Ilustrasi {topic} di {region}.",
            "ImageCredit": "Ilustrasi: Redaksi Warta",
            "Summary": f"{region}: perkembangan terbaru soal {topic} dan langkah {story_rng.choice(ACTORS)}.",
        }
        header = "\n".join(f"{key}: {value}" for key, value in fields.items())
        body = _body(rng, topic, region, cites=category in ("Pilkada", "Hukum") and rng.random() < 0.5)
        (articles / f"artikel-{index:06d}.md").write_text(f"{header}\n\n{body}\n", encoding="utf-8")
    return content
