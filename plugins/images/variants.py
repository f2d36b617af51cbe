"""Resized copies of an image (WebP and the original format) with content-hashed names, and an
on-disk cache so that an unchanged image is never encoded twice."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps

from warta_common.build_cache import in_use
from warta_common.output_files import link_published

WEBP = "webp"
# Pillow's format name → the extension and encoder options of the variants.
ORIGINAL_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
HASH_LENGTH = 10
EXIF_ORIENTATION = 0x0112
ROTATED_ORIENTATIONS = {5, 6, 7, 8}


@dataclass(frozen=True)
class Variant:
    path: str  # relative to the output folder: images/foto-800w.1a2b3c4d5e.webp
    width: int
    height: int
    extension: str


@dataclass(frozen=True)
class ResponsiveImage:
    """An image under ``content/`` and the resized variants that stand for it in the output."""

    src: str
    width: int
    height: int
    variants: tuple[Variant, ...]

    def srcset(self, extension: str, siteurl: str = "") -> str:
        return ", ".join(f"{siteurl}/{v.path} {v.width}w" for v in self.variants if v.extension == extension)

    @property
    def fallback_extension(self) -> str:
        """The original format's extension: what a browser without WebP gets."""
        return self.variants[-1].extension if self.variants else ""

    @property
    def has_webp_alternative(self) -> bool:
        return self.fallback_extension != WEBP and any(v.extension == WEBP for v in self.variants)


def _widths(original: int, wanted: tuple[int, ...]) -> list[int]:
    """The wanted widths narrower than the original, plus the original capped at the widest wanted."""
    top = min(original, max(wanted))
    return sorted({w for w in wanted if w < top} | {top})


def _digest(data: bytes, *parts: object) -> str:
    hasher = hashlib.sha256(data)
    hasher.update(repr(parts).encode())
    return hasher.hexdigest()[:HASH_LENGTH]


@lru_cache(maxsize=4096)
def _plan(source: str, mtime_ns: int, size: int, relative: str, widths: tuple[int, ...], quality: int):
    path = Path(source)
    data = path.read_bytes()
    with Image.open(path) as picture:
        kind = picture.format
        animated = getattr(picture, "is_animated", False)
        width, height = picture.size
        # Cameras store portrait photos sideways with an EXIF orientation; variants are upright.
        if picture.getexif().get(EXIF_ORIENTATION) in ROTATED_ORIENTATIONS:
            width, height = height, width
    original_extension = ORIGINAL_FORMATS.get(kind or "")
    if original_extension is None or animated:
        return ResponsiveImage(relative, width, height, ())
    stem = PurePosixPath(relative)
    variants = []
    for extension in dict.fromkeys((WEBP, original_extension)):
        for target in _widths(width, widths):
            target_height = round(height * target / width)
            name = f"{stem.stem}-{target}w.{_digest(data, target, extension, quality)}.{extension}"
            variants.append(Variant(str(stem.with_name(name)), target, target_height, extension))
    return ResponsiveImage(relative, width, height, tuple(variants))


def plan(source: Path, relative: str, widths: tuple[int, ...], quality: int) -> ResponsiveImage:
    """The variants of ``source`` (saved as ``relative`` in the output), without encoding anything."""
    stat = source.stat()
    return _plan(str(source), stat.st_mtime_ns, stat.st_size, relative, tuple(widths), quality)


def _encode(source: Path, variant: Variant, quality: int, target: Path) -> None:
    with Image.open(source) as opened:
        picture = ImageOps.exif_transpose(opened)
        if variant.extension in (WEBP, "png"):
            picture = picture.convert("RGBA" if picture.mode in ("RGBA", "LA", "P") else "RGB")
        else:
            picture = picture.convert("RGB")
        resized = picture.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
        if variant.extension == WEBP:
            resized.save(target, "WEBP", quality=quality, method=6)
        elif variant.extension == "png":
            resized.save(target, "PNG", optimize=True)
        else:
            resized.save(target, "JPEG", quality=quality, optimize=True, progressive=True)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def render(
    image: ResponsiveImage, source: Path, output: Path, published: Path, cache: Path, quality: int
) -> int:
    """Write the variants of ``image`` under ``output``, keeping those already ``published``;
    returns how many had to be encoded."""
    encoded = 0
    for variant in image.variants:
        # A variant's name holds a hash of its source and settings: a published file of the
        # same name and size is this variant.
        kept = published / variant.path
        cached = cache / PurePosixPath(variant.path).name
        cached_stat = _stat(cached)
        if cached_stat is not None and kept.is_file() and kept.stat().st_size == cached_stat.st_size:
            in_use(cached, cached_stat)
            if kept != output / variant.path:
                link_published(kept, output / variant.path)
            continue
        if cached_stat is None:
            cache.mkdir(parents=True, exist_ok=True)
            # Encode beside the cache and rename: parallel builds never see half a file.
            handle, scratch = tempfile.mkstemp(dir=cache, suffix=f".{variant.extension}")
            os.close(handle)
            try:
                _encode(source, variant, quality, Path(scratch))
                os.replace(scratch, cached)
            finally:
                Path(scratch).unlink(missing_ok=True)
            encoded += 1
        else:
            in_use(cached, cached_stat)
        destination = output / variant.path
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, destination)
    return encoded
