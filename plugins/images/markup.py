"""``<picture>`` markup for a responsive image, and the rewriting of images in an article's body."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import PurePosixPath

from bs4 import BeautifulSoup
from markupsafe import Markup

from images.variants import ResponsiveImage

# An inline image's Markdown title holds its caption, then optionally " | " and the credit:
# ![alt](images/x.jpg "Warga antre di TPS 05. | Foto: Redaksi Warta")
CREDIT_SEPARATOR = " | "


# Listings show the same lead images on many pages: build each <picture> once.
@lru_cache(maxsize=8192)
def picture(
    image: ResponsiveImage,
    src: str,
    alt: str,
    sizes: str,
    *,
    siteurl: str,
    eager: bool = False,
) -> Markup:
    """A ``<picture>``: WebP variants first, then the original format; lazy unless ``eager``."""
    loading = Markup(' fetchpriority="high"') if eager else Markup(' loading="lazy"')
    source = ""
    if image.has_webp_alternative:
        source = Markup('<source type="image/webp" srcset="{}" sizes="{}">').format(
            image.srcset("webp", siteurl), sizes
        )
    srcset = ""
    if image.variants:
        srcset = Markup(' srcset="{}" sizes="{}"').format(
            image.srcset(image.fallback_extension, siteurl), sizes
        )
    return Markup(
        '<picture>{source}<img src="{src}"{srcset} alt="{alt}" width="{width}" height="{height}"'
        '{loading} decoding="async"></picture>'
    ).format(
        source=source,
        src=src,
        srcset=srcset,
        alt=alt,
        width=image.width,
        height=image.height,
        loading=loading,
    )


def caption_and_credit(title: str) -> tuple[str, str]:
    caption, separator, credit = title.rpartition(CREDIT_SEPARATOR)
    return (caption.strip(), credit.strip()) if separator else (title.strip(), "")


def figure(content: Markup, caption: str, credit: str) -> Markup:
    if not caption and not credit:
        return Markup('<figure class="inline-image">{}</figure>').format(content)
    credit_markup = Markup(' <span class="credit">{}</span>').format(credit) if credit else ""
    return Markup('<figure class="inline-image">{}<figcaption>{}{}</figcaption></figure>').format(
        content, caption, credit_markup
    )


def content_relative(src: str, source_dir: PurePosixPath) -> str | None:
    """The path under ``content/`` that an ``<img src>`` in Markdown points to, or None if it is not local."""
    for prefix in ("{static}", "{attach}"):
        if src.startswith(prefix):
            path = src.removeprefix(prefix)
            if path.startswith("/"):
                return path.lstrip("/")
            return str(PurePosixPath(*(source_dir / path).parts))
    if src.startswith("/") and not src.startswith("//"):
        return src.lstrip("/")
    return None


def rewrite_images(
    html: str,
    source_dir: PurePosixPath,
    lookup: Callable[[str], ResponsiveImage | None],
    *,
    sizes: str,
    siteurl: str,
) -> tuple[str, list[ResponsiveImage]]:
    """Turn each local ``<img>`` of ``html`` into a ``<picture>``; one alone in a paragraph becomes a
    ``<figure>`` with its caption and credit. Returns the new HTML and the images it uses."""
    if "<img" not in html:
        return html, []
    soup = BeautifulSoup(html, "html.parser")
    used = []
    for img in soup.find_all("img"):
        # An editor's own <picture> or srcset is kept as written.
        if img.find_parent("picture") or img.has_attr("srcset"):
            continue
        relative = content_relative(img.get("src", ""), source_dir)
        image = lookup(relative) if relative else None
        if image is None:
            continue
        used.append(image)
        markup = picture(image, img["src"], img.get("alt", ""), sizes, siteurl=siteurl)
        paragraph = img.parent
        alone = (
            paragraph.name == "p" and not paragraph.get_text(strip=True) and len(paragraph.find_all()) == 1
        )
        if alone:
            markup = figure(markup, *caption_and_credit(img.get("title", "")))
            paragraph.replace_with(BeautifulSoup(str(markup), "html.parser"))
        else:
            img.replace_with(BeautifulSoup(str(markup), "html.parser"))
    return soup.decode(formatter="html5"), used
