"""Fingerprints of everything a page's rendering can read, to skip pages whose inputs did not change.

A page is rendered from a template (with the templates it extends, includes and imports),
the build's settings and code, and the variables its templates name: values passed for
this page (``article``, ``articles`` …) and the site-wide context (``menu_categories``,
``pages`` …). :class:`Fingerprints` hashes exactly those, once per object per build.

Articles and other contents are hashed with everything they carry (their body as readers
see it, summary, URL, metadata, and attributes plugins attach), and the contents they link
to — neighbours, related articles, cited explainers — with their own fields. A template
that follows a link *two* steps away (the title of the article after the next one) is not
covered; Warta's templates never do.

Whatever cannot be hashed reliably (an object without a stable value, the whole context
passed as a variable, a template whose name is computed) raises :class:`Unsure`, and that
page is rendered.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
import types
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

import jinja2
import markdown
import pelican
from jinja2 import meta, nodes
from jinja2.utils import _PassArg
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

# Content attributes that are not the content's own data (the settings and the whole
# context are hashed once, as the code fingerprint and as the variables templates name).
_NOT_OWN = frozenset({"settings", "_context"})
# Settings that name folders of this particular run, not anything a page shows.
_RUN_SETTINGS = frozenset({"OUTPUT_PATH", "WARTA_PUBLISHED_OUTPUT", "CACHE_PATH", "PATH"})


class Unsure(Exception):
    """The inputs of a page cannot be fingerprinted reliably: render it."""


@dataclass(frozen=True)
class TemplateUse:
    # Variables the templates read from their context.
    names: frozenset[str]
    # Whether any template reads a content's body (``x.content``); if none does, the
    # contents a page lists count without their bodies (their summaries still count).
    reads_body: bool


_BODY_ATTRIBUTES = frozenset({"content", "_content", "get_content"})
# Arguments Pelican's writer itself reads to paginate a listing.
_PAGINATED = frozenset({"articles", "dates"})


def _attribute_name(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Getattr):
        return node.attr
    if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        return node.arg.value
    return None


def _read_by_context_functions(tree: nodes.Template, environment: jinja2.Environment, name: str) -> set[str]:
    """Variables read by the filters, tests and functions a template uses that receive the
    whole template context. Such a function may read anything in the context, so it must
    name what it reads in a ``reads_context`` attribute (a collection of variable names),
    or the pages using it are always rendered. Jinja's own (``map``, ``select`` …) only
    use the context to call other filters."""
    used = [(environment.filters, node.name) for node in tree.find_all(nodes.Filter)]
    used += [(environment.tests, node.name) for node in tree.find_all(nodes.Test)]
    used += [(environment.globals, node.name) for node in tree.find_all(nodes.Name)]
    names: set[str] = set()
    for registry, function_name in used:
        function = registry.get(function_name)
        if getattr(function, "jinja_pass_arg", None) is not _PassArg.context:
            continue
        if getattr(function, "__module__", "").startswith("jinja2."):
            continue
        declared = getattr(function, "reads_context", None)
        if declared is None:
            raise Unsure(
                f"{name} uses {function_name}, which reads the template context and names no reads_context"
            )
        names.update(declared)
    return names


def _digest(*parts: bytes) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


class Fingerprints:
    """Hashes of page inputs for one build; objects are hashed once and remembered."""

    def __init__(self, settings: dict) -> None:
        self._settings = settings
        self._memo: dict[tuple[str, int], bytes] = {}
        # Holding every hashed object keeps its id from being reused within the build.
        self._held: list[object] = []
        self._uses: dict[str, TemplateUse] = {}
        self._with_body = True
        self.code = self._code_fingerprint()

    # -- templates -------------------------------------------------------------------

    def uses(self, template: jinja2.Template) -> TemplateUse:
        """What a template and every template it uses read from their context."""
        if template.name not in self._uses:
            self._uses[template.name] = self._read_templates(template)
        return self._uses[template.name]

    def _read_templates(self, template: jinja2.Template) -> TemplateUse:
        environment = template.environment
        names: set[str] = set()
        reads_body = False
        pending, done = [template.name], set()
        while pending:
            name = pending.pop()
            if name in done:
                continue
            done.add(name)
            try:
                source, _, _ = environment.loader.get_source(environment, name)
            except jinja2.TemplateNotFound:
                continue  # an optional partial that does not exist renders nothing
            tree = environment.parse(source)
            names |= meta.find_undeclared_variables(tree) | _read_by_context_functions(
                tree, environment, name
            )
            reads_body = reads_body or any(
                _attribute_name(node) in _BODY_ATTRIBUTES
                for node in tree.find_all((nodes.Getattr, nodes.Getitem))
            )
            for used in meta.find_referenced_templates(tree):
                if used is None:
                    raise Unsure(f"{name} uses a template whose name is computed")
                pending.append(used)
        return TemplateUse(frozenset(names), reads_body)

    # -- values ----------------------------------------------------------------------

    def page(self, template: jinja2.Template, context: dict, arguments: dict) -> bytes:
        """The fingerprint of one ``write_file`` call: what it was given for this page and
        what its templates read, from those arguments or from the site-wide context."""
        use = self.uses(template)
        self._with_body = use.reads_body
        parts = [self.code, template.name.encode(), b"body" if use.reads_body else b"no body"]
        given = {key for key in arguments if key.startswith(" ") or key in _PAGINATED}
        for name in sorted(use.names | given):
            if name in arguments:
                value = arguments[name]
                digest = self.whole(value) if isinstance(value, Content) else self.value(value)
            else:
                digest = self.value(context[name]) if name in context else b"?"
            parts.append(name.encode() + digest)
        return _digest(*parts)

    def _remembered(self, kind: str, value: object, compute) -> bytes:
        key = (f"{kind} {self._with_body}", id(value))
        found = self._memo.get(key)
        if found is None:
            self._memo[key] = b"\0in progress"  # a cycle hashes as a marker
            found = compute(value)
            self._memo[key] = found
            self._held.append(value)
        return found

    def whole(self, content: Content) -> bytes:
        """A content with its own fields and those of the contents it links to."""
        return self._remembered("whole", content, self._whole)

    def _whole(self, content: Content) -> bytes:
        return _digest(self.own(content), self._fields(content, self.own))

    def own(self, content: Content) -> bytes:
        """A content's own fields; a content it links to counts by its URL only."""
        return self._remembered("own", content, self._own)

    def _own(self, content: Content) -> bytes:
        def reference(linked: Content) -> bytes:
            return _digest(b"ref", type(linked).__qualname__.encode(), str(linked.url).encode())

        computed = ["url", "save_as", "summary", *(["content"] if self._with_body else [])]
        values = [str(getattr(content, name, "")).encode() for name in computed]
        return _digest(type(content).__qualname__.encode(), *values, self._fields(content, reference))

    def _fields(self, content: Content, linked) -> bytes:
        left_out = _NOT_OWN if self._with_body else _NOT_OWN | {"_content"}
        parts = []
        for name, value in sorted(vars(content).items()):
            if name not in left_out:
                parts.append(name.encode() + self.value(value, linked))
        return _digest(*parts)

    def value(self, value: object, linked=None) -> bytes:
        """Hash any value a template may read; contents inside count by ``linked``."""
        linked = linked or self.own
        if value is None or isinstance(value, bool | int | float | complex):
            return repr(value).encode()
        if isinstance(value, str):  # Markup too
            return b"s" + value.encode("utf-8", "surrogatepass")
        if isinstance(value, bytes):
            return b"b" + value
        if isinstance(
            value,
            datetime.date | datetime.time | datetime.timedelta | datetime.tzinfo | PurePath | re.Pattern,
        ):
            return repr(value).encode()
        if isinstance(value, Content):
            return linked(value)
        if isinstance(value, URLWrapper):
            return _digest(type(value).__qualname__.encode(), str(value.name).encode(), value.url.encode())
        if value is self._settings:
            return b"settings"
        kind = linked.__name__
        if isinstance(value, dict):
            return self._remembered(f"dict {kind}", value, lambda d: self._mapping(d, linked))
        if isinstance(value, list | tuple):
            return self._remembered(f"list {kind}", value, lambda items: self._sequence(items, linked))
        if isinstance(value, set | frozenset):
            return _digest(b"set", *sorted(self.value(item, linked) for item in value))
        if isinstance(value, types.FunctionType | types.BuiltinFunctionType | type | types.ModuleType):
            return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value.__name__)}".encode()
        if dataclasses.is_dataclass(value) or (hasattr(value, "__dict__") and not callable(value)):
            return self._remembered(f"object {kind}", value, lambda v: self._attributes(v, linked))
        raise Unsure(f"cannot fingerprint a {type(value).__qualname__}")

    def _mapping(self, mapping: dict, linked) -> bytes:
        if mapping.get("SITENAME") is not None and "articles" in mapping:
            raise Unsure("the whole context is passed as a variable")
        items = sorted((self.value(key, linked), self.value(item, linked)) for key, item in mapping.items())
        return _digest(b"dict", *(key + item for key, item in items))

    def _sequence(self, items: Iterable, linked) -> bytes:
        return _digest(b"list", *(self.value(item, linked) for item in items))

    def _attributes(self, value: object, linked) -> bytes:
        if dataclasses.is_dataclass(value):
            fields = [(field.name, getattr(value, field.name)) for field in dataclasses.fields(value)]
        else:
            fields = sorted(vars(value).items())
        return _digest(
            type(value).__qualname__.encode(), *(n.encode() + self.value(v, linked) for n, v in fields)
        )

    # -- code and settings -----------------------------------------------------------

    def _code_fingerprint(self) -> bytes:
        """Everything that can change how any page renders: settings, theme, plugins, versions."""
        settings = {key: value for key, value in self._settings.items() if key not in _RUN_SETTINGS}
        parts = [
            f"{pelican.__version__} {jinja2.__version__} {markdown.__version__}".encode(),
            self._mapping(settings, self.own),
        ]
        folders = [Path(self._settings["THEME"]), *map(Path, self._settings.get("PLUGIN_PATHS", []))]
        folders += [Path(p) for p in self._settings.get("THEME_TEMPLATES_OVERRIDES", [])]
        for folder in folders:
            for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
                if path.is_file() and "__pycache__" not in path.parts:
                    parts.append(str(path.relative_to(folder)).encode() + path.read_bytes())
        return _digest(*parts)
