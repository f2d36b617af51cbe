"""Static files: an unchanged original image is kept in place, a changed or deleted one is published."""

from __future__ import annotations

import re

from PIL import Image

from warta_common.output_files import kept_files


def _kept_statics() -> set[str]:
    """Original images the last build kept (resized variants have "-480w." … in their names)."""
    names = {path.rsplit("/images/", 1)[1] for path in kept_files() if "/images/" in path}
    return {name for name in names if not re.search(r"-\d+w\.", name)}


def test_unchanged_static_files_are_kept_and_changed_ones_published(site):
    site.add_image("images/foto.jpg")
    site.add_image("images/lain.jpg", size=(800, 600))
    site.add_article("a", Image="images/foto.jpg", ImageCaption="Foto")
    assert site.build().ok
    assert _kept_statics() == set()
    published = (site.output / "images/lain.jpg").stat()

    assert site.build().ok
    assert _kept_statics() == {"foto.jpg", "lain.jpg"}
    again = (site.output / "images/lain.jpg").stat()
    assert (again.st_ino, again.st_mtime_ns) == (published.st_ino, published.st_mtime_ns)

    Image.new("RGB", (640, 480), (10, 20, 30)).save(site.content / "images/lain.jpg")
    assert site.build().ok
    assert _kept_statics() == {"foto.jpg"}
    assert (site.output / "images/lain.jpg").read_bytes() == (site.content / "images/lain.jpg").read_bytes()

    (site.content / "images/lain.jpg").unlink()
    assert site.build().ok
    assert not (site.output / "images/lain.jpg").exists()
    assert (site.output / "images/foto.jpg").read_bytes() == (site.content / "images/foto.jpg").read_bytes()
