"""Screenshots of the main pages at phone and desktop widths, for the README (``invoke screenshots``)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from warta.testing import chromium, serve_folder

PAGES = {
    "home": "/",
    "article": "/berita/sehari-jelang-kampanye-bawaslu-mukomuko-buka-16-posko-pengaduan/",
    "explainer": "/aturan/uu-10-2016/pasal-73-ayat-1/",
    "listing": "/kategori/pilkada/",
    "search": "/cari/?q=sembako",
}
VIEWPORTS = {390: 844, 1280: 800}


def _compress(png: bytes, target: Path) -> None:
    with Image.open(io.BytesIO(png)) as shot:
        shot.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


def take(site: Path, folder: Path) -> list[Path]:
    """Screenshot every page of ``PAGES`` in the built ``site`` at each width into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with serve_folder(site) as base, chromium() as browser:
        for width, height in VIEWPORTS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in PAGES.items():
                page.goto(base + path)
                if name == "search":
                    page.wait_for_selector(".search-results li")
                page.wait_for_function(
                    "[...document.images].every((i) => i.complete || i.loading === 'lazy')"
                )
                target = folder / f"{name}-{width}.png"
                _compress(page.screenshot(), target)
                written.append(target)
            page.close()
    return written
