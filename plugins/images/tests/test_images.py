"""Responsive images in real builds: variants on disk, <picture> markup, figures, the encode cache."""

import re

import pytest
from PIL import Image

ARTICLE = "berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/"
HASHED = re.compile(r"^images/(?P<stem>[a-z-]+)-(?P<width>\d+)w\.[0-9a-f]{10}\.(?P<ext>webp|jpg|png)$")


def srcset(value: str) -> dict[int, str]:
    pairs = (item.strip().rsplit(" ", 1) for item in value.split(","))
    return {int(width.removesuffix("w")): url for url, width in pairs}


@pytest.fixture
def built(site, tmp_path):
    site.add_image("images/foto.jpg", size=(1600, 900))
    site.add_image("images/kecil.jpg", size=(600, 400))
    body = (
        "Paragraf pertama.\n\n"
        '![Warga antre di TPS]({static}/images/kecil.jpg "Antrean di TPS 05. | Foto: Redaksi Warta")\n\n'
        "Teks dengan gambar ![ikon]({static}/images/kecil.jpg) di tengah kalimat.\n"
    )
    site.add_article("a", body, Image="images/foto.jpg", ImageCaption="Rapat koordinasi.")
    site.add_article(
        "b", Title="Berita Kedua", Date="2024-10-09 10:00", Image="images/foto.jpg", ImageCaption="Foto."
    )
    cache = tmp_path / "image-cache"
    assert site.build(IMAGES_CACHE_PATH=str(cache)).ok
    site.cache = cache
    return site


def test_lead_image_is_a_picture_with_webp_and_jpeg_variants(built):
    picture = built.page(ARTICLE).select_one("figure.lead-image picture")
    webp = srcset(picture.source["srcset"])
    assert picture.source["type"] == "image/webp"
    img = picture.img
    jpeg = srcset(img["srcset"])
    assert sorted(webp) == sorted(jpeg) == [480, 800, 1200]
    for width, url in [*webp.items(), *jpeg.items()]:
        match = HASHED.match(url.lstrip("/"))
        assert match and int(match["width"]) == width and match["stem"] == "foto", url
        with Image.open(built.output / url.lstrip("/")) as variant:
            assert variant.size == (width, round(900 * width / 1600))
            assert variant.format == ("WEBP" if url.endswith(".webp") else "JPEG")
    assert img["src"] == "/images/foto.jpg"
    assert (img["width"], img["height"]) == ("1600", "900")
    assert img["sizes"] and picture.source["sizes"] == img["sizes"]
    assert img.get("fetchpriority") == "high" and not img.get("loading")


def test_listing_images_load_lazily(built):
    cards = built.page("kategori/pilkada/").select(".card img")
    assert cards and all(img["loading"] == "lazy" and img["alt"] == "" for img in cards)


def test_small_images_are_never_enlarged(built):
    figure = built.page(ARTICLE).select_one("figure.inline-image")
    assert sorted(srcset(figure.picture.source["srcset"])) == [480, 600]


def test_lone_inline_image_becomes_a_figure_with_caption_and_credit(built):
    body = built.page(ARTICLE).select_one(".article-body")
    figure = body.select_one("figure.inline-image")
    img = figure.select_one("picture img")
    assert img["alt"] == "Warga antre di TPS"
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("600", "400")
    assert img["src"] == "/images/kecil.jpg"
    assert figure.figcaption.get_text(" ", strip=True) == "Antrean di TPS 05. Foto: Redaksi Warta"
    assert figure.select_one(".credit").get_text() == "Foto: Redaksi Warta"
    assert figure.find_parent("p") is None
    inline = next(p for p in body.select("p") if "di tengah kalimat" in p.get_text())
    assert inline.select_one("picture img")["alt"] == "ikon"
    assert not inline.find_parent("figure")


def test_unchanged_images_are_not_encoded_again(built):
    cached = {path.name: path.stat().st_mtime_ns for path in built.cache.iterdir()}
    assert len(cached) == 3 * 2 + 2 * 2
    first = {path.name: path.read_bytes() for path in (built.output / "images").iterdir()}
    files = {
        path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in (built.output / "images").iterdir()
    }
    assert built.build(IMAGES_CACHE_PATH=str(built.cache)).ok
    assert {path.name: path.stat().st_mtime_ns for path in built.cache.iterdir()} == cached
    assert {path.name: path.read_bytes() for path in (built.output / "images").iterdir()} == first
    # The published variants themselves are kept, not copied again.
    assert {
        path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in (built.output / "images").iterdir()
    } == files


def test_a_changed_image_gets_new_names(built):
    before = set(srcset(built.page(ARTICLE).select_one("figure.lead-image img")["srcset"]).values())
    Image.new("RGB", (1600, 900), (20, 90, 160)).save(built.content / "images/foto.jpg")
    assert built.build(IMAGES_CACHE_PATH=str(built.cache)).ok
    after = set(srcset(built.page(ARTICLE).select_one("figure.lead-image img")["srcset"]).values())
    assert before.isdisjoint(after)
    assert all((built.output / url.lstrip("/")).is_file() for url in after)


def test_png_keeps_its_transparency_and_format(site, tmp_path):
    path = site.content / "images/logo.png"
    path.parent.mkdir(parents=True)
    Image.new("RGBA", (900, 300), (0, 0, 0, 0)).save(path)
    site.add_article("a", Image="images/logo.png", ImageCaption="Logo.")
    assert site.build(IMAGES_CACHE_PATH=str(tmp_path / "cache")).ok
    img = site.page(ARTICLE).select_one("figure.lead-image img")
    fallback = srcset(img["srcset"])
    assert sorted(fallback) == [480, 800, 900]
    with Image.open(site.output / fallback[480].lstrip("/")) as variant:
        assert variant.format == "PNG" and variant.mode == "RGBA"


def test_a_damaged_image_is_one_clear_line_and_nothing_is_replaced(site, tmp_path, capsys):
    site.add_article("a", "Isi.")
    assert site.build().ok
    before = (site.output / "index.html").read_bytes()
    damaged = site.content / "images/rusak.jpg"
    damaged.parent.mkdir()
    Image.effect_noise((1600, 900), 60).convert("RGB").save(damaged)
    whole = damaged.read_bytes()
    damaged.write_bytes(whole[: len(whole) // 2])
    site.add_article("b", '![Foto rusak]({static}/images/rusak.jpg "Rusak.")', Title="Berita Kedua")
    result = site.build(IMAGES_CACHE_PATH=str(tmp_path / "cache"))
    assert not result.ok
    [problem] = result.problems
    assert str(problem).endswith(
        "rusak.jpg: the image cannot be resized (image file is truncated) — save it again as JPEG, PNG or WebP"
    ) or "rusak.jpg: the image cannot be resized (" in str(problem)
    assert str(problem) in capsys.readouterr().err
    assert (site.output / "index.html").read_bytes() == before


def test_sideways_camera_photos_become_upright(site, tmp_path):
    path = site.content / "images/potret.jpg"
    path.parent.mkdir(parents=True)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    Image.new("RGB", (1600, 900), (10, 120, 60)).save(path, exif=exif)
    site.add_article("a", Image="images/potret.jpg", ImageCaption="Potret.")
    assert site.build(IMAGES_CACHE_PATH=str(tmp_path / "cache")).ok
    img = site.page(ARTICLE).select_one("figure.lead-image img")
    assert (img["width"], img["height"]) == ("900", "1600")
    variants = srcset(img["srcset"])
    assert sorted(variants) == [480, 800, 900]
    with Image.open(site.output / variants[480].lstrip("/")) as variant:
        assert variant.size == (480, 853)
