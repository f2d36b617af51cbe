"""A digest of what a build makes every page and content object from, besides the content files.

That is the settings, the code (Pelican, Python-Markdown, Jinja, our plugins, the theme)
and the files under ``STATIC_PATHS`` (plugins read image sizes and variant names while
reading bodies and rendering pages). Work kept from an earlier build is valid only under
the same digest: a changed setting, template, plugin or image invalidates it.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
import types
from pathlib import Path

import jinja2
import markdown
import pelican

# Settings of one particular run (its folders, how many processes do the work), not
# anything a page or content object holds.
RUN_SETTINGS = frozenset(
    {
        "OUTPUT_PATH",
        "WARTA_PUBLISHED_OUTPUT",
        "CACHE_PATH",
        "PATH",
        "WARTA_PARSE_WORKERS",
        "WARTA_RENDER_PROCESSES",
        "LOAD_CONTENT_CACHE",
    }
)


class UnhashableSettings(ValueError):
    """A setting holds a value that cannot be digested (work kept under it cannot be trusted)."""


def digest(*parts: bytes) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


def _by_name(*names: str) -> tuple:
    """Stands, in pickled settings, for a function, class or module: its name."""
    return names


class _SettingsPickler(pickle.Pickler):
    def reducer_override(self, value: object):
        if value is _by_name:
            return NotImplemented
        if isinstance(value, types.FunctionType | types.BuiltinFunctionType | types.ModuleType | type):
            name = getattr(value, "__qualname__", value.__name__)
            return _by_name, (getattr(value, "__module__", "") or "", name)
        return NotImplemented


def settings_digest(settings: dict, ignored: frozenset[str] = RUN_SETTINGS) -> bytes:
    """The settings but ``ignored`` ones; functions, classes and modules count by name."""
    kept = {key: value for key, value in sorted(settings.items()) if key not in ignored}
    stream = io.BytesIO()
    pickler = _SettingsPickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    # Without a memo, equal settings give equal bytes whether or not they share objects.
    pickler.fast = True
    try:
        pickler.dump(kept)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as error:
        raise UnhashableSettings(f"a setting cannot be digested: {error}") from None
    return digest(stream.getvalue())


def _folder_files(folder: Path) -> list[bytes]:
    if not folder.is_dir():
        return []
    return [
        str(path.relative_to(folder)).encode() + path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]


def _static_stamps(settings: dict) -> list[bytes]:
    content = Path(settings["PATH"])
    stamps = []
    for static in settings.get("STATIC_PATHS", []):
        folder = content / static
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            stat = path.stat()
            stamps.append(f"{path.relative_to(content)} {stat.st_size} {stat.st_mtime_ns}".encode())
    return stamps


def site_inputs_digest(settings: dict, ignored: frozenset[str] = RUN_SETTINGS) -> bytes:
    """Settings (but ``ignored``), code, theme and static files of a build, as one digest."""
    parts = [
        f"{sys.version} {pelican.__version__} {jinja2.__version__} {markdown.__version__}".encode(),
        settings_digest(settings, ignored),
    ]
    folders = [Path(settings["THEME"]), *map(Path, settings.get("PLUGIN_PATHS", []))]
    folders += [Path(path) for path in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    for folder in folders:
        parts += _folder_files(folder)
    parts += _static_stamps(settings)
    return digest(*parts)
