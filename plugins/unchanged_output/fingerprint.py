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

A class whose objects carry data no template reads (a feed's entries: the feeds plugin
writes them itself) names those attributes in ``UNREAD_BY_TEMPLATES``, so that a page
showing the feed's title does not depend on every article.

Whatever cannot be hashed reliably (an object without a stable value, the whole context
passed as a variable, a template whose name is computed) raises :class:`Unsure`, and that
page is rendered.
"""

from __future__ import annotations

import functools
import io
import pickle
import types
from collections.abc import Callable
from dataclasses import dataclass, field

import jinja2
from jinja2 import meta, nodes
from jinja2.utils import _PassArg
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from warta_common.site_inputs import UnhashableSettings, site_inputs_digest
from warta_common.site_inputs import digest as _digest

# Content attributes hashed apart from its fields: the body (only for templates that read
# bodies); the settings and the whole context (once, as the code fingerprint and as the
# variables templates name).
_NOT_FIELDS = frozenset({"_content", "settings", "_context"})


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
_PLAIN = frozenset({type(None), bool, int, float})
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


@dataclass
class _Hashed:
    """A hashed value: its digest and, hashed by reference, the contents in it and the
    objects in it that contain contents (what those link to is kept with their own digest)."""

    digest: bytes
    contents: list[Content] = field(default_factory=list)
    objects: list[object] = field(default_factory=list)


_ABSENT = object()
_IN_PROGRESS = object()


class Fingerprints:
    """Hashes of page inputs for one build; objects are hashed once and remembered."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings
        self._memo: dict[tuple, object] = {}
        # Holding every hashed object keeps its id from being reused within the build.
        self._held: list[object] = []
        self._uses: dict[str, TemplateUse] = {}
        self._templates: dict[str, tuple | None] = {}
        self._with_body = True
        self.code = self._code_fingerprint()

    # -- templates -------------------------------------------------------------------

    def uses(self, template: jinja2.Template) -> TemplateUse:
        """What a template and every template it uses read from their context."""
        if template.name is None:
            # Made from a string (by a plugin): there is no source to read it from.
            raise Unsure("a template without a name")
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
            found = self._read_template(environment, name)
            if found is None:
                continue  # an optional partial that does not exist renders nothing
            its_names, its_reads_body, used = found
            names |= its_names
            reads_body = reads_body or its_reads_body
            pending.extend(used)
        return TemplateUse(frozenset(names), reads_body)

    def _read_template(self, environment: jinja2.Environment, name: str):
        """(variables, whether it reads a body, templates it uses) of one template file."""
        if name not in self._templates:
            try:
                source, _, _ = environment.loader.get_source(environment, name)
            except jinja2.TemplateNotFound:
                self._templates[name] = None
                return None
            tree = environment.parse(source)
            names = meta.find_undeclared_variables(tree) | _read_by_context_functions(tree, environment, name)
            reads_body = any(
                _attribute_name(node) in _BODY_ATTRIBUTES
                for node in tree.find_all((nodes.Getattr, nodes.Getitem))
            )
            used = list(meta.find_referenced_templates(tree))
            if None in used:
                raise Unsure(f"{name} uses a template whose name is computed")
            self._templates[name] = (names, reads_body, used)
        return self._templates[name]

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

    def _remembered(self, key: tuple, value: object, compute: Callable[[object], object]):
        """``compute(value)``, once per build for ``key`` (which holds ``id(value)``)."""
        found = self._memo.get(key, _ABSENT)
        if found is _ABSENT:
            self._memo[key] = _IN_PROGRESS
            try:
                found = compute(value)
            except BaseException:
                del self._memo[key]  # not remembered: the next page tries again, and fails again
                raise
            self._memo[key] = found
            self._held.append(value)
        elif found is _IN_PROGRESS:
            raise Unsure(f"a {type(value).__qualname__} contains itself")
        return found

    def whole(self, content: Content) -> bytes:
        """A content with its own fields and those of the contents it links to."""
        return self._remembered(("whole", self._with_body, id(content)), content, self._whole)

    def _whole(self, content: Content) -> bytes:
        own = self.own(content)
        return _digest(own, *self._own_of_linked(self._fields(content)))

    def _own_of_linked(self, hashed: _Hashed) -> list[bytes]:
        """The own fields of the contents a value links to; those inside an object shared by
        many values (a regulation page every citing article links to) hashed once per object."""
        through_objects = [self._own_of_linked_through(shared) for shared in hashed.objects]
        return [*map(self.own, hashed.contents), *through_objects]

    def _own_of_linked_through(self, shared: object) -> bytes:
        return self._remembered(
            ("linked through", self._with_body, id(shared)),
            shared,
            lambda value: _digest(*self._own_of_linked(self.shared(value, by_reference=True))),
        )

    def own(self, content: Content) -> bytes:
        """A content's own fields; a content it links to counts by its URL only."""
        return self._remembered(("own", self._with_body, id(content)), content, self._own)

    def _own(self, content: Content) -> bytes:
        parts = [type(content).__qualname__.encode(), self._fields(content).digest]
        if self._with_body:
            parts.append(self.value(getattr(content, "_content", None)))
        # Body and summary as shown differ from the stored ones only by links to other
        # contents ({filename}…), resolved when read; the URL follows from the fields.
        if "{" in f"{getattr(content, '_content', '')}{getattr(content, '_summary', '')}":
            parts += [
                str(content.summary).encode(),
                str(content.content).encode() if self._with_body else b"",
            ]
        return _digest(*parts)

    def _fields(self, content: Content) -> _Hashed:
        """Every field but the body, hashed once whether or not pages read bodies."""
        return self._remembered(
            ("fields", id(content)),
            content,
            lambda value: self._pickled(_fields_of(value), by_reference=True),
        )

    def reference(self, linked: Content) -> bytes:
        """A content as another content's field: by its URL."""
        return self._remembered(
            ("reference", id(linked)),
            linked,
            lambda value: _digest(b"ref", type(value).__qualname__.encode(), str(value.url).encode()),
        )

    def value(self, value: object) -> bytes:
        """Hash any value a template may read; the contents in it count with their own fields."""
        exact = type(value)
        if exact is str:
            return b"s" + value.encode("utf-8", "surrogatepass")
        if exact in _PLAIN:
            return repr(value).encode()
        # Site-wide values and lists of articles are shared by many pages: hash each once.
        return self._remembered(
            ("value", self._with_body, id(value)),
            value,
            lambda value: self._pickled(value, by_reference=False).digest,
        )

    def shared(self, value: object, by_reference: bool) -> _Hashed:
        """An object gathering others, found inside values: hashed once, as the same object
        is often in many values (a regulation page in the fields of each citing article)."""
        # By reference, contents count by their URL, whether or not pages read bodies.
        mode = "by reference" if by_reference else self._with_body
        return self._remembered(
            ("shared", mode, id(value)), value, lambda value: self._pickled(value, by_reference=by_reference)
        )

    def _pickled(self, value: object, by_reference: bool) -> _Hashed:
        stream = io.BytesIO()
        pickler = _Pickler(stream, self, value, by_reference)
        try:
            pickler.dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as error:
            # ValueError: the pickler found a cycle of lists or dicts.
            raise Unsure(f"cannot fingerprint {type(value).__qualname__}: {error}") from None
        return _Hashed(_digest(stream.getvalue()), pickler.contents, pickler.objects)

    # -- code and settings -----------------------------------------------------------

    def _code_fingerprint(self) -> bytes:
        """Everything that can change how any page renders: settings, code, theme, static
        files (filters read image sizes and variant names while rendering)."""
        try:
            return site_inputs_digest(self.settings)
        except UnhashableSettings as error:
            raise Unsure(str(error)) from None


def _fields_of(content: Content) -> dict:
    return {name: value for name, value in vars(content).items() if name not in _NOT_FIELDS}


def _named(*names: object) -> tuple:
    """Stands, in a pickled value, for what is fingerprinted by name or digest."""
    return names


class _Pickler(pickle.Pickler):
    """Pickles a value whole (in C, so fast), except: a content counts by its URL
    (``by_reference``) or its own fields; a category, tag, author or region by its name (its
    URL follows from the name and the settings, which are in the code fingerprint, as are
    functions, by their names); an object with attributes by its digest, hashed once; the
    settings wherever an object keeps them."""

    def __init__(self, stream, fingerprints: Fingerprints, root: object, by_reference: bool) -> None:
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        # Without a memo, equal values pickle to equal bytes whether or not they are the
        # same object (values handed back by worker processes are copies). A cycle then
        # makes the page Unsure.
        self.fast = True
        # _named stands in the memo from the start: the pickler writes it as a two-byte
        # reference, without asking reducer_override or looking it up by module and name
        # (a fast pickler still reads its memo, it only adds nothing to it).
        self.memo = {id(_named): (0, _named)}
        self._fingerprints, self._root, self._by_reference = fingerprints, root, by_reference
        # What the value links to, by reference: contents, and objects that contain some.
        self.contents: list[Content] = []
        self.objects: list[object] = []

    def reducer_override(self, value: object):
        return _reducer(type(value))(self, value)

    def natively(self, value: object):
        return NotImplemented

    def content(self, content: Content):
        if self._by_reference:
            self.contents.append(content)
            return _named, (b"content", self._fingerprints.reference(content))
        return _named, (b"content", self._fingerprints.own(content))

    def by_name(self, wrapper: URLWrapper):
        return _named, (type(wrapper).__qualname__, str(wrapper.name))

    def by_qualified_name(self, value: object):
        return _named, (getattr(value, "__module__", ""), getattr(value, "__qualname__", value.__name__))

    def with_attributes(self, value: object):
        state = getattr(value, "__dict__", None)
        if not isinstance(state, dict):
            return NotImplemented
        # An object gathering others in lists, dicts or sets (a regulation page and its
        # citing articles, a topic and its explainers) is often in many values, and large:
        # it is hashed once. Others (a lead image, a date) are small: pickled in place.
        if value is self._root or not any(isinstance(item, _COLLECTIONS) for item in state.values()):
            return self._attributes(value, state)
        hashed = self._fingerprints.shared(value, self._by_reference)
        if hashed.contents or hashed.objects:
            self.objects.append(value)
        return _named, (b"object", hashed.digest)

    def _attributes(self, value: object, state: dict):
        unread = getattr(type(value), "UNREAD_BY_TEMPLATES", ())
        settings = self._fingerprints.settings
        if unread or any(item is settings for item in state.values()):
            kept = {name: item for name, item in state.items() if name not in unread and item is not settings}
            return _named, (type(value).__module__, type(value).__qualname__, kept)
        return NotImplemented


_COLLECTIONS = (list, dict, set)
_BY_QUALIFIED_NAME = types.FunctionType | types.BuiltinFunctionType | types.ModuleType | type


@functools.cache
def _reducer(kind: type) -> Callable[[_Pickler, object], object]:
    """How the pickler takes objects of exactly this type, decided once per type: the
    pickler meets millions of objects in a large site's build."""
    if issubclass(kind, Content):
        return _Pickler.content
    if issubclass(kind, URLWrapper):
        return _Pickler.by_name
    if issubclass(kind, _BY_QUALIFIED_NAME):
        return _Pickler.by_qualified_name
    if getattr(kind, "__dictoffset__", 0):
        return _Pickler.with_attributes
    return _Pickler.natively
