"""The theme's static files, their final bytes and their fingerprinted names."""

from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from warta_common.fingerprint import fingerprinted

# References between theme files inside CSS: url(…) and @import "…".
_CSS_REFERENCE = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class UnknownAsset(LookupError):
    """A template asked for a theme file that does not exist."""


@dataclass(frozen=True)
class Asset:
    name: str
    fingerprinted: str
    data: bytes


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s+")
_CSS_AROUND_PUNCTUATION = re.compile(r" ?([{};]) ?")


def minify_css(text: str) -> str:
    """The stylesheet without comments and layout whitespace: pages weigh less, nothing else changes.

    Conservative on purpose: a space is dropped only around ``{ } ;`` and after ``:`` and ``,``
    (never before ``:``, where it separates a descendant pseudo-class selector).
    """
    text = _CSS_SPACE.sub(" ", _CSS_COMMENT.sub("", text))
    text = _CSS_AROUND_PUNCTUATION.sub(r"\1", text).replace(": ", ":").replace(", ", ",")
    return text.replace(";}", "}").strip()


class ThemeAssets:
    """Static files of a theme, by their path under ``THEME_STATIC_DIR`` (``css/warta.css``)."""

    def __init__(self, sources: dict[str, bytes]) -> None:
        self._sources = sources
        self._assets: dict[str, Asset] = {}
        for name in sorted(sources):
            self._resolve(name, ())

    @classmethod
    def scan(cls, theme: Path, static_paths: list[str], ignores: list[str]) -> ThemeAssets:
        """Read the files Pelican copies from the theme (``THEME_STATIC_PATHS``)."""
        sources: dict[str, bytes] = {}
        for static_path in static_paths:
            root = theme / static_path
            if root.is_file():
                sources[root.name] = root.read_bytes()
                continue
            for path in sorted(root.rglob("*")):
                ignored = any(fnmatch.fnmatch(part, pattern) for part in path.parts for pattern in ignores)
                if path.is_file() and not ignored:
                    sources[path.relative_to(root).as_posix()] = path.read_bytes()
        return cls(sources)

    def fingerprinted(self, name: str) -> str:
        try:
            return self._assets[name.lstrip("/")].fingerprinted
        except KeyError:
            known = ", ".join(sorted(self._assets)) or "none"
            raise UnknownAsset(
                f"asset filter: the theme has no static file '{name}' (theme files: {known})"
            ) from None

    def __iter__(self):
        return iter(self._assets[name] for name in sorted(self._assets))

    def replace_plain_copies(self, static_dir: Path) -> None:
        """Swap the plain copies Pelican wrote for the fingerprinted files."""
        for asset in self:
            target = static_dir / asset.fingerprinted
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(asset.data)
            (static_dir / asset.name).unlink(missing_ok=True)

    def _resolve(self, name: str, chain: tuple[str, ...]) -> Asset:
        if name in self._assets:
            return self._assets[name]
        data = self._sources[name]
        if name.endswith(".css") and name not in chain:
            data = minify_css(self._rewrite_css(name, data.decode("utf-8"), (*chain, name))).encode("utf-8")
        asset = Asset(name, fingerprinted(name, data), data)
        self._assets[name] = asset
        return asset

    def _rewrite_css(self, name: str, text: str, chain: tuple[str, ...]) -> str:
        folder = posixpath.dirname(name)

        def replace(match: re.Match) -> str:
            reference = match.group(2) or match.group(4)
            path, _, suffix = reference.partition("?")
            path, hash_sep, fragment = path.partition("#")
            target = posixpath.normpath(posixpath.join(folder, path))
            if target not in self._sources or target in chain:
                return match.group(0)
            renamed = posixpath.relpath(self._resolve(target, chain).fingerprinted, folder or ".")
            rebuilt = renamed + (f"?{suffix}" if suffix else "") + (f"#{fragment}" if hash_sep else "")
            return match.group(0).replace(reference, rebuilt)

        return _CSS_REFERENCE.sub(replace, text)
