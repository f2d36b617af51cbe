"""Deploy the built site to an S3-compatible bucket behind a CDN.

``publish`` builds with ``publishconf.py`` and deploys; ``deploy`` deploys a built folder.
Modules: ``config`` (settings and environment), ``files`` (Content-Type, Cache-Control),
``plan`` (what changes, in which order), ``store`` (the bucket via boto3), ``purge``
(CloudFront, Cloudflare), ``run`` (one deploy, resumable).
"""

from .config import DeployConfig
from .errors import DeployError
from .publish import publish
from .run import DeployReport, deploy

__all__ = ["DeployConfig", "DeployError", "DeployReport", "deploy", "publish"]
