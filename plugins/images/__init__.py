"""images: responsive images, made at build time with Pillow.

Every local image in an article's or page's body, and every lead image, gets resized variants
(``IMAGES_WIDTHS``, never wider than the original) in WebP and in its original format, named
``<name>-<width>w.<hash>.<ext>`` so a CDN may cache them for ever. Body images become
``<picture>`` elements with ``srcset``/``sizes``, explicit width and height and lazy loading;
one alone in its paragraph becomes a ``<figure>`` whose Markdown title gives the caption and,
after ``" | "``, the credit. Templates render lead images with the ``picture`` filter.

Encoded variants are kept in ``IMAGES_CACHE_PATH`` under their content-hashed names, so an
unchanged image is never encoded again.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from markupsafe import Markup
from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator
from PIL import UnidentifiedImageError

from images.markup import picture, rewrite_images
from images.variants import ResponsiveImage, plan, render
from warta_common.cores import usable_cores
from warta_common.problems import ContentErrors, Problem, display_path, print_report

DEFAULTS = {
    "IMAGES_WIDTHS": [480, 800, 1200],
    "IMAGES_QUALITY": 80,
    "IMAGES_CACHE_PATH": None,
    "IMAGES_INLINE_SIZES": "(min-width: 48rem) 44rem, calc(100vw - 2rem)",
}

log = logging.getLogger(__name__)


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    if not pelican.settings["IMAGES_CACHE_PATH"]:
        pelican.settings["IMAGES_CACHE_PATH"] = str(Path(pelican.settings["CACHE_PATH"]) / "images")


def responsive(settings: dict, relative: str) -> ResponsiveImage | None:
    """The variants planned for ``content/<relative>``, or None when it is not a readable image."""
    source = Path(settings["PATH"]) / relative
    if not source.is_file():
        return None
    try:
        return plan(source, relative, tuple(settings["IMAGES_WIDTHS"]), settings["IMAGES_QUALITY"])
    except (OSError, UnidentifiedImageError):
        return None


def rewrite_body(content) -> None:
    settings = content.settings
    body = getattr(content, "_content", None)
    if not body or not getattr(content, "source_path", None):
        return
    content._content, content.responsive_images = rewrite_images(
        body,
        PurePosixPath(Path(content.relative_dir).as_posix()),
        lambda relative: responsive(settings, relative),
        sizes=settings["IMAGES_INLINE_SIZES"],
        siteurl=settings.get("SITEURL", ""),
    )


def picture_filter(settings: dict):
    # Made for each generator of a build, and images do not change during one: each is
    # looked at once per generator, not once for every listing that shows it (some 85,000
    # times at 10,000 articles).
    planned_by_src: dict[str, ResponsiveImage | None] = {}

    def picture_of(image, sizes: str, alt: str | None = None, eager: bool = False) -> Markup:
        """``{{ article.lead_image|picture("(min-width: 48rem) 44rem, 100vw", eager=True) }}``."""
        siteurl = settings.get("SITEURL", "")
        if image.src not in planned_by_src:
            planned_by_src[image.src] = responsive(settings, image.src)
        planned = planned_by_src[image.src] or ResponsiveImage(image.src, image.width, image.height, ())
        text = image.alt if alt is None else alt
        return picture(planned, f"{siteurl}/{image.src}", text, sizes, siteurl=siteurl, eager=eager)

    return picture_of


def add_filters(generator) -> None:
    generator.env.filters["picture"] = picture_filter(generator.settings)


def _contents(context: dict) -> list[Content]:
    """Every content object the site holds (articles, drafts, pages of every kind)."""
    found: dict[int, Content] = {}
    for value in context.values():
        if isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, Content):
                    found.setdefault(id(item), item)
    return sorted(found.values(), key=lambda c: c.source_path)


class ImageVariantsGenerator(Generator):
    """Writes the variants of every lead image and body image, encoding only what the cache lacks."""

    def generate_output(self, writer) -> None:
        settings = self.settings
        wanted: dict[str, ResponsiveImage] = {}
        for content in _contents(self.context):
            for image in getattr(content, "responsive_images", ()):
                wanted[image.src] = image
            lead = getattr(content, "lead_image", None)
            planned = responsive(settings, lead.src) if lead else None
            if planned:
                wanted[planned.src] = planned
        content = Path(settings["PATH"])
        cache = Path(settings["IMAGES_CACHE_PATH"])
        published = Path(settings.get("WARTA_PUBLISHED_OUTPUT") or self.output_path)

        def write_variants(src: str) -> int:
            return render(
                wanted[src],
                content / src,
                Path(self.output_path),
                published,
                cache,
                settings["IMAGES_QUALITY"],
            )

        encoded = 0
        # Pillow lets go of the GIL while it resizes and encodes: threads keep every core busy.
        with ThreadPoolExecutor(max_workers=usable_cores()) as pool:
            written = {src: pool.submit(write_variants, src) for src in sorted(wanted)}
            for src, variants in written.items():
                try:
                    encoded += variants.result()
                except (OSError, ValueError) as error:
                    # Only the header was read when the page was planned; a damaged file fails here.
                    pool.shutdown(cancel_futures=True)
                    problem = Problem(
                        display_path(content / src),
                        "",
                        f"the image cannot be resized ({error}) — save it again as JPEG, PNG or WebP",
                    )
                    print_report([problem])
                    raise ContentErrors([problem]) from None
        log.info("images: %d images, %d variants encoded", len(wanted), encoded)


def get_generators(pelican):
    return ImageVariantsGenerator


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(add_filters)
    signals.content_object_init.connect(rewrite_body)
    signals.get_generators.connect(get_generators)
