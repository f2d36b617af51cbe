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

# Deploy (`invoke publish`; every DEPLOY_* setting is in the README's settings table).
# Environment variables override these: WARTA_S3_BUCKET, WARTA_S3_ENDPOINT, WARTA_S3_REGION,
# WARTA_CLOUDFRONT_DISTRIBUTION, WARTA_CLOUDFLARE_ZONE. Secrets come only from the environment:
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and CLOUDFLARE_API_TOKEN.
DEPLOY_BUCKET = ""
# Empty for AWS S3; e.g. https://<account-id>.r2.cloudflarestorage.com for Cloudflare R2.
DEPLOY_ENDPOINT = ""
DEPLOY_REGION = ""
# The CDN to purge after a deploy: one of the two, or neither.
DEPLOY_CLOUDFRONT_DISTRIBUTION = ""
DEPLOY_CLOUDFLARE_ZONE = ""
