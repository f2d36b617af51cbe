"""A Pelican writer that renders only pages whose inputs changed and writes only changed bytes."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from warta_common.output_files import file_stat, keep_files, keep_or_write, kept_files, link_published
from warta_common.processes import process_count, render_split

from . import pages
from .fingerprint import Fingerprints, Unsure

logger = logging.getLogger(__name__)


class _ComparedFile(io.StringIO):
    """Collects what Pelican writes; on close, keeps or replaces the file at ``path``."""

    def __init__(self, path: str, published: str, encoding: str, closed: Callable[[str], None]) -> None:
        super().__init__()
        self._path, self._published, self._encoding, self._closed = path, published, encoding, closed

    def close(self) -> None:
        if not self.closed:
            data = self.getvalue().encode(self._encoding)
            super().close()
            keep_or_write(Path(self._path), Path(self._published), data)
            self._closed(self._path)


class UnchangedFilesWriter(Writer):
    """Pelican's writer, except that a page whose inputs are unchanged is not rendered again,
    and an unchanged file keeps its bytes and modification time."""

    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        settings = settings or {}
        published = settings.get("WARTA_PUBLISHED_OUTPUT")
        self._published_root = os.path.realpath(published or output_path)
        self._output_root = os.path.realpath(output_path)
        self._output_prefix = os.path.join(os.path.abspath(output_path), "")
        self._published_prefix = os.path.join(self._published_root, "")
        self._fingerprints: Fingerprints | None = None
        self._previous: dict[str, pages.Rendered] = {}
        self._rendered: dict[str, pages.Rendered] = {}
        self._files_of_page: dict[str, tuple[int, int]] | None = None
        self._pages_file = None
        # The articles generator's pages, held back to be rendered on every core at once.
        self._held_back: list[tuple] | None = None
        self._processes = process_count(settings)
        if self._processes > 1 and not any(signals.content_written.receivers):
            self._held_back = []
            signals.article_writer_finalized.connect(self._render_held_back)
        if settings.get("WARTA_REUSE_PAGES") and settings.get("CACHE_PATH"):
            self._pages_file = pages.state_file(settings["CACHE_PATH"], self._published_root)
            try:
                self._fingerprints = Fingerprints(settings)
            except Unsure as reason:
                logger.info("Rendering every page: %s", reason)
            else:
                self._previous = pages.load(self._pages_file)
                # Held weakly by the signal: a later build's writer replaces this one.
                signals.finalized.connect(self._record_pages)

    def _relative(self, filename: str) -> str:
        """``filename`` relative to the output folder (Pelican joins it to OUTPUT_PATH)."""
        if filename.startswith(self._output_prefix):
            return filename[len(self._output_prefix) :]
        return os.path.relpath(os.path.realpath(filename), self._output_root)

    def _published_path(self, filename: str) -> str:
        return os.path.join(self._published_root, self._relative(filename))

    def _open_w(self, filename, encoding, override=False):
        if filename in self._overridden_files or (filename in self._written_files and not override):
            # Pelican skips the file (opens os.devnull) or refuses to write it twice.
            return super()._open_w(filename, encoding, override)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _ComparedFile(filename, self._published_path(filename), encoding, self._file_closed)

    def _file_closed(self, filename: str) -> None:
        if self._files_of_page is not None:
            self._files_of_page[self._relative(filename)] = file_stat(filename)

    def write_file(self, *args, **kwargs):
        if self._held_back is not None:
            self._held_back.append((args, kwargs))
        else:
            self._render(*args, **kwargs)

    def _render_held_back(self, generator, writer=None) -> None:
        """The articles generator is done: render its pages on every core. (Pelican changes
        nothing that its pages read while the generator writes, so rendering them later
        gives the same pages.)"""
        if writer is not self or self._held_back is None:
            return
        calls, self._held_back = self._held_back, None
        render_split(
            calls, lambda call: self._render(*call[0], **call[1]), self._report, self._merge, self._processes
        )

    def _report(self) -> tuple:
        return self._rendered, self._written_files, self._overridden_files, kept_files()

    def _merge(self, report: tuple) -> None:
        rendered, written, overridden, kept = report
        self._rendered.update(rendered)
        self._written_files |= written
        self._overridden_files |= overridden
        keep_files(kept)

    def _render(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ) -> None:
        """Pelican's ``write_file``, unless the page's inputs are unchanged: then its published files are kept."""
        arguments = {
            **kwargs,
            " name": name,
            " relative_urls": relative_urls,
            " paginated": paginated,
            " template_name": template_name,
            " url": url,
        }
        fingerprint = self._fingerprint(name, template, context, arguments, override_output)
        if fingerprint is not None and self._reuse(name, fingerprint):
            return
        self._files_of_page = {}
        try:
            super().write_file(
                name,
                template,
                context,
                relative_urls,
                paginated,
                template_name,
                override_output,
                url,
                **kwargs,
            )
        finally:
            files, self._files_of_page = self._files_of_page, None
        if fingerprint is not None and None not in files.values():
            self._rendered[name] = pages.Rendered(fingerprint, files)

    def _fingerprint(self, name, template, context, arguments, override_output) -> str | None:
        if self._fingerprints is None or not name or override_output:
            return None
        # A plugin listening for written pages expects to see every page rendered.
        if any(receiver for receiver in signals.content_written.receivers):
            return None
        try:
            return self._fingerprints.page(template, context, arguments).hex()
        except Unsure as reason:
            logger.debug("Rendering %s: %s", name, reason)
            return None

    def _reuse(self, name: str, fingerprint: str) -> bool:
        """Keep the files a page wrote last time, if its inputs and those files are unchanged."""
        previous = self._previous.get(name)
        if previous is None or previous.fingerprint != fingerprint or not previous.files:
            return False
        # As Pelican names them (see sanitised_join): the relative paths are its own.
        targets = {relative: self._output_prefix + relative for relative in previous.files}
        for relative, stat in previous.files.items():
            published = self._published_prefix + relative
            if file_stat(published) != stat or targets[relative] in self._written_files:
                return False
        for relative, target in targets.items():
            if self._published_root != self._output_root:
                link_published(Path(self._published_prefix + relative), Path(target))
            self._written_files.add(target)
        self._rendered[name] = previous
        return True

    def _record_pages(self, pelican) -> None:
        if pelican.settings is self.settings:
            pages.save(self._pages_file, self._rendered)
