"""Production settings: everything from pelicanconf.py, with absolute URLs for feeds and sharing.

``SITEURL`` comes from the environment variable ``WARTA_SITEURL``
(e.g. ``https://warta.example.id``, no trailing slash).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("WARTA_SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "publishconf.py: WARTA_SITEURL must be the site's address, "
        f"e.g. WARTA_SITEURL=https://warta.example.id (it is {SITEURL or 'not set'})"
    )
RELATIVE_URLS = False
# Drafts and articles scheduled after the build clock never reach production.
WARTA_SHOW_DRAFTS = False
