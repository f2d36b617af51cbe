"""JSON-LD (schema.org structured data) inside an HTML page.

JSON is not HTML: a value holding ``</script>`` or ``<!--`` would end or confuse the
``<script>`` element around it. Written through :func:`script`, ``<``, ``>`` and ``&`` are
JSON escapes (``\\u003c`` …), which mean the same characters to every JSON reader.
"""

from __future__ import annotations

import json

from markupsafe import Markup

_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script(data: dict, indent: int | None = None) -> Markup:
    """``data`` as a ``<script type="application/ld+json">`` element, safe inside HTML.

    Compact unless ``indent`` is given (then indented the way ``json.dumps`` does).
    """
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return Markup('<script type="application/ld+json">{}</script>').format(
        Markup(text.translate(_SCRIPT_ESCAPES))
    )
