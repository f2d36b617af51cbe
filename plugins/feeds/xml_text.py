"""Text that is safe to put in XML 1.0.

Editors paste from Word and WhatsApp, which bring control characters XML 1.0 forbids
(a single one makes the whole feed unreadable) and C1 controls that are mis-decoded
Windows-1252 punctuation: both are removed, everything else (emoji included) is kept.
"""

from __future__ import annotations

import re

# Outside XML 1.0's Char production: C0 controls but tab, newline and carriage return;
# lone surrogates; U+FFFE and U+FFFF. C1 controls are legal but never intended text.
_NOT_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters that XML 1.0 forbids or feed validators flag."""
    return _NOT_XML_TEXT.sub("", text)
