"""Static files (original images …) whose published copy is unchanged are kept in place.

Pelican copies every file under ``STATIC_PATHS`` into the output folder on every build, and
with ``warta.build`` that folder is a new staging folder: a newsroom with thousands of
photos would copy them all, and publishing would then compare each copy with the published
file. Once the articles are read (``static_generator_finalized``), a static file whose
published copy holds its bytes is recorded as kept (``output_files.link_published``) and
taken off the list Pelican copies.

The comparison reads both files once; after that, the source's and the published file's
size and modification time, kept in ``CACHE_PATH``, stand for it until either changes.
"""

from __future__ import annotations

import os
from pathlib import Path

from warta_common.output_files import file_stat, link_published, same_file_contents

from .pages import read_state, state_file, write_state


def keep_unchanged(generator) -> None:
    """Take static files whose published copy is unchanged off Pelican's list to copy."""
    settings = generator.settings
    published = settings.get("WARTA_PUBLISHED_OUTPUT")
    if not (published and settings.get("WARTA_REUSE_PAGES") and settings.get("CACHE_PATH")):
        return
    if os.path.realpath(published) == os.path.realpath(generator.output_path):
        return
    state = state_file(settings["CACHE_PATH"], os.path.realpath(published), "statics")
    previous, kept = read_state(state), {}
    to_copy = []
    for static in generator.staticfiles:
        source = Path(generator.path, static.source_path)
        target = Path(published, static.save_as)
        stats = [file_stat(source), file_stat(target)]
        if None not in stats and (
            previous.get(static.save_as) == [list(stat) for stat in stats]
            or same_file_contents(source, target)
        ):
            link_published(target, Path(generator.output_path, static.save_as))
            kept[static.save_as] = [list(stat) for stat in stats]
        else:
            to_copy.append(static)
    # In place: the context's "staticfiles", which Pelican copies from, is this same list.
    generator.staticfiles[:] = to_copy
    write_state(state, kept)
