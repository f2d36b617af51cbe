from __future__ import annotations

import pytest

from warta.testing import SiteUnderTest, front_matter

BODY = """## Bunyi aturan

> Pelaksana dan/atau tim kampanye dalam kegiatan Kampanye Pemilu dilarang mengikutsertakan:

## Apa artinya

Penjelasan dalam bahasa sehari-hari.

## Siapa yang diatur

- Pelaksana dan tim kampanye.

## Yang dilarang dan yang boleh

**Dilarang:** mengikutsertakan ASN.

## Sanksi

Pasal 493 mengatur ancaman pidananya.

## Contoh

Sebuah contoh.

## Tanya jawab

### Apakah ASN kehilangan hak pilih?

Tidak. ASN tetap memilih.

### Siapa yang memeriksa?

Bawaslu.
"""

EXPLAINER = {
    "Title": "Larangan Melibatkan ASN dalam Kampanye Pemilu",
    "Regulation": "UU 7/2017",
    "RegulationTitle": "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum",
    "Article": "Pasal 280",
    "Paragraph": "ayat (2)",
    "Aliases": "UU Pemilu",
    "Status": "berlaku",
    "Source": "https://peraturan.bpk.go.id/Details/37644/uu-no-7-tahun-2017",
    "Topics": "Netralitas ASN, Kampanye",
    "Summary": "Ringkasan.",
    "Date": "2024-09-20 10:00",
}

PILKADA = {
    **EXPLAINER,
    "Title": "Larangan Pejabat Membuat Keputusan yang Menguntungkan Pasangan Calon",
    "Regulation": "UU 10/2016",
    "RegulationTitle": "Undang-Undang Nomor 10 Tahun 2016 tentang Pilkada",
    "Article": "Pasal 71",
    "Paragraph": None,
    "Aliases": "UU Pilkada",
    "Topics": "Netralitas ASN",
}


class ExplainerSite(SiteUnderTest):
    def add_explainer(self, name: str, body: str = BODY, **fields: str | None):
        return self.add(f"aturan/{name}.md", f"{front_matter({**EXPLAINER, **fields})}\n\n{body}")


@pytest.fixture
def site(tmp_path) -> ExplainerSite:
    return ExplainerSite(tmp_path / "site")


def messages(result) -> str:
    return "\n".join(str(p) for p in result.problems)
