"""Deploys to a real S3 endpoint: headers, incremental uploads, deletes and their guard, dry runs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.deploy.helpers import (
    SITE_URL,
    assert_only_the_article_and_its_feeds,
    headers,
    invalidated_paths,
    missing_references,
    snapshot,
    stored,
)
from warta import ROOT
from warta.deploy import DeployError, deploy
from warta.deploy.purge import purge_urls
from warta_common.fingerprint import FINGERPRINTED_NAME, is_fingerprinted

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=60, stale-while-revalidate=300"
ATOM = '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>\n'
SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'


def quiet(_message: str) -> None:
    pass


def run(site, config, **options):
    return deploy(site.output, config, say=quiet, **options)


def md5s(files: dict[str, bytes]) -> dict[str, str]:
    return {key: hashlib.md5(data).hexdigest() for key, data in files.items()}


def test_every_file_gets_its_type_and_cache_rule(site, config, s3, bucket):
    site.build()
    (site.output / "feeds/atom.xml").write_text(ATOM)
    (site.output / "sitemap.xml").write_text(SITEMAP)
    (site.output / "images/foto-320w.a1b2c3d4e5.webp").write_bytes(b"RIFF....WEBP")
    run(site, config())
    objects = stored(s3, bucket)
    assert objects == md5s(site.files())
    css = next(key for key in objects if key.startswith("theme/css/warta.") and is_fingerprinted(key))
    js = next(key for key in objects if key.startswith("theme/js/salin.") and is_fingerprinted(key))
    expected = {
        "index.html": ("text/html; charset=utf-8", SHORT),
        "berita/sidang-gakkumdu/index.html": ("text/html; charset=utf-8", SHORT),
        "404.html": ("text/html; charset=utf-8", SHORT),
        "feeds/atom.xml": ("application/atom+xml; charset=utf-8", SHORT),
        "sitemap.xml": ("application/xml; charset=utf-8", SHORT),
        "images/foto.jpg": ("image/jpeg", SHORT),
        "images/foto-320w.a1b2c3d4e5.webp": ("image/webp", IMMUTABLE),
        css: ("text/css; charset=utf-8", IMMUTABLE),
        js: ("text/javascript; charset=utf-8", IMMUTABLE),
    }
    assert {key: headers(s3, bucket, key) for key in expected} == expected


def test_second_deploy_uploads_only_what_changed(site, config, s3, bucket):
    site.build()
    first = run(site, config())
    assert sorted(first.uploaded) == sorted(site.files())
    before = md5s(site.files())
    site.add_article(
        "banjir", "Air mulai surut.", Title="Banjir di Ipuh", Date="2024-10-21 07:00", Category="Peristiwa"
    )
    site.build()
    after = md5s(site.files())
    changed = sorted(key for key in after if before.get(key) != after[key])
    assert_only_the_article_and_its_feeds(changed, "berita/banjir-di-ipuh/index.html")
    second = run(site, config())
    assert sorted(second.uploaded) == changed
    # Only the search index's fragments, named by their content, are replaced by new ones.
    assert all(key.startswith("pagefind/") for key in second.deleted), second.deleted
    assert stored(s3, bucket) == after


def test_unchanged_site_uploads_and_purges_nothing(site, config, s3, bucket, distribution, cloudfront):
    site.build()
    settings = {"DEPLOY_CLOUDFRONT_DISTRIBUTION": distribution}
    run(site, config(**settings))
    untouched = snapshot(s3, bucket)
    site.build()  # a rebuild is byte-identical
    said = []
    again = deploy(site.output, config(**settings), say=said.append)
    assert (again.uploaded, again.deleted, again.purged) == ([], [], [])
    assert snapshot(s3, bucket) == untouched
    assert len(invalidated_paths(cloudfront, distribution)) == 1
    assert said == [f"Nothing to deploy: the bucket already holds these {len(site.files())} files."]


def test_changed_cache_rule_uploads_again_with_the_new_header(site, config, s3, bucket):
    site.build()
    run(site, config())
    rules = [(FINGERPRINTED_NAME, IMMUTABLE), (r"\.jpg$", "public, max-age=86400"), (r"", SHORT)]
    report = run(site, config(DEPLOY_CACHE_RULES=rules))
    assert report.uploaded == ["images/foto.jpg"]
    assert headers(s3, bucket, "images/foto.jpg") == ("image/jpeg", "public, max-age=86400")


def test_files_no_longer_built_are_deleted_last(site, config, s3, bucket):
    site.build()
    run(site, config())
    (site.content / "artikel/sidang.md").unlink()
    site.build()
    order = []
    report = run(site, config(), progress=lambda action, key: order.append(action))
    assert "berita/sidang-gakkumdu/index.html" in report.deleted
    assert "tag/gakkumdu/index.html" in report.deleted
    assert order == sorted(order, key=lambda action: action == "delete")
    assert set(stored(s3, bucket)) == set(site.files())
    assert set(stored(s3, bucket, state=True)) - set(site.files()) == {".warta-deploy/manifest.json"}


def test_delete_guard_refuses_and_changes_nothing(site, config, s3, bucket):
    site.build()
    run(site, config())
    for name in ("sidang", "banjir"):
        (site.content / f"artikel/{name}.md").unlink()
    site.build()
    untouched = snapshot(s3, bucket)
    with pytest.raises(DeployError, match=r"refusing to delete \d+ files \(more than --max-deletes 2\)"):
        run(site, config(), max_deletes=2)
    with pytest.raises(DeployError, match=r"more than --max-deletes 1\)"):
        run(site, config(DEPLOY_MAX_DELETES=1))
    asked = []
    with pytest.raises(DeployError, match="refusing"):
        run(site, config(), max_deletes=2, confirm=lambda n: asked.append(n) or False)
    assert snapshot(s3, bucket) == untouched
    report = run(site, config(), max_deletes=2, confirm=lambda n: asked.append(n) or True)
    assert asked == [len(report.deleted), len(report.deleted)] and len(report.deleted) > 2
    assert set(stored(s3, bucket)) == set(site.files())


def test_dry_run_prints_the_plan_and_touches_nothing(site, config, s3, bucket, distribution, cloudfront):
    settings = {"DEPLOY_CLOUDFRONT_DISTRIBUTION": distribution}
    site.build()
    run(site, config(**settings))
    (site.content / "artikel/sidang.md").unlink()
    site.add_article("baru", Title="Berita Baru", Date="2024-10-22 08:00")
    site.build()
    untouched = snapshot(s3, bucket)
    said = []
    report = deploy(site.output, config(**settings), dry_run=True, max_deletes=1, say=said.append)
    assert snapshot(s3, bucket) == untouched
    assert len(invalidated_paths(cloudfront, distribution)) == 1
    text = "\n".join(said)
    assert said[0].startswith("Dry run — nothing is uploaded, deleted or purged.")
    assert "  [new pages] berita/berita-baru/index.html (new; text/html; charset=utf-8; " in text
    assert "  [home page] index.html (changed;" in text
    assert (
        f"Delete {len(report.plan.deletes)} files — more than --max-deletes 1: a real run needs --yes:"
        in text
    )
    assert "  berita/sidang-gakkumdu/index.html" in text
    assert f"  {SITE_URL}/berita/berita-baru/" in text and f"  {SITE_URL}/berita/sidang-gakkumdu/" in text
    # The real run then does exactly what the dry run announced.
    done = run(site, config(**settings), max_deletes=100)
    assert sorted(done.uploaded) == sorted(f.key for f in report.plan.uploads)
    assert done.deleted == report.plan.deletes


def test_uploads_go_in_the_safe_order(site, config, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site.build(THEME=str(theme))
    (site.output / "sitemap.xml").write_text(SITEMAP)
    first = run(site, config())
    with (theme / "static/css/warta.css").open("a") as css:
        css.write(".baru{color:red}\n")
    site.add_article("baru", Title="Berita Baru", Date="2024-10-22 08:00")
    site.build(THEME=str(theme))
    (site.output / "sitemap.xml").write_text(SITEMAP.replace("</urlset>", "<url/></urlset>"))
    order = []
    run(site, config(), progress=lambda action, key: order.append((action, key)))

    def step(action: str, key: str) -> int:
        if action == "delete":
            return 5
        if key == "index.html":
            return 4
        if key.endswith(".xml"):
            return 3
        if key.endswith(".html"):
            return 2 if key in first.uploaded else 1
        if key.endswith("/pagefind-entry.json"):
            return 0.5
        if key.endswith("/bundles.json"):
            return 0.75
        return 0

    steps = [step(action, key) for action, key in order]
    assert steps == sorted(steps)
    # The stylesheet and the search index, the index's entries, its list of bundles (the
    # new article is in the overlay), new and changed pages, the sitemap, the home page,
    # the old stylesheet.
    assert set(steps) == {0, 0.5, 0.75, 1, 2, 3, 4, 5}
    assert order[-1][1].startswith("theme/css/warta.")


@pytest.mark.parametrize("fraction", [0.0, 0.5, 0.95])
def test_deploy_stopped_after_k_uploads_then_rerun(
    fraction, site, config, s3, bucket, distribution, tmp_path
):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = {"DEPLOY_CLOUDFRONT_DISTRIBUTION": distribution, "DEPLOY_WORKERS": 2}
    site.build(THEME=str(theme))
    run(site, config(**settings))
    # A new stylesheet (every page changes), a new article, an article gone.
    with (theme / "static/css/warta.css").open("a") as css:
        css.write(".baru{color:red}\n")
    site.add_article("baru", Title="Berita Baru", Date="2024-10-22 08:00", Tags="Gakkumdu")
    (site.content / "artikel/banjir.md").unlink()
    site.build(THEME=str(theme))
    planned = run(site, config(**settings), dry_run=True).plan
    stop_after = max(1, int(len(planned.uploads) * fraction))
    reported = []

    def stop(action: str, key: str) -> None:
        reported.append(key)
        if len(reported) == stop_after:
            raise KeyboardInterrupt

    with pytest.raises(DeployError, match=r"interrupted after \d+ of \d+ uploads; nothing was deleted"):
        run(site, config(**settings), progress=stop)
    halfway = stored(s3, bucket)
    assert missing_references(s3, bucket) == []
    assert set(planned.deletes) <= set(halfway)

    rerun = run(site, config(**settings))
    assert not set(rerun.uploaded) & set(reported)
    assert rerun.deleted == planned.deletes
    assert rerun.purged == purge_urls(planned.purge, SITE_URL)
    assert stored(s3, bucket) == md5s(site.files())
    assert missing_references(s3, bucket) == []
    assert run(site, config(**settings)).uploaded == []


def test_the_reference_check_sees_a_missing_file(site, config, s3, bucket):
    site.build()
    run(site, config())
    assert missing_references(s3, bucket) == []
    s3.delete_object(Bucket=bucket, Key="berita/sidang-gakkumdu/index.html")
    missing = missing_references(s3, bucket)
    assert "index.html → https://warta.test/berita/sidang-gakkumdu/" in missing, missing


# A deploy in its own process that reports each upload and waits to be told to go on.
KILLABLE_DEPLOY = """
import os, sys
from pathlib import Path
from warta.deploy import DeployConfig, deploy

config = DeployConfig.from_settings({"SITEURL": sys.argv[2], "DEPLOY_WORKERS": 1}, os.environ)

def report(action, key):
    print(action, key, flush=True)
    sys.stdin.readline()

deploy(Path(sys.argv[1]), config, progress=report)
"""


def test_deploy_killed_mid_way_then_rerun(site, config, s3, bucket, endpoint, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site.build(THEME=str(theme))
    run(site, config())
    with (theme / "static/css/warta.css").open("a") as css:
        css.write(".baru{color:red}\n")
    site.add_article("baru", Title="Berita Baru", Date="2024-10-22 08:00")
    site.build(THEME=str(theme))
    planned = run(site, config(), dry_run=True).plan
    child = subprocess.Popen(
        [sys.executable, "-c", KILLABLE_DEPLOY, str(site.output), SITE_URL],
        cwd=ROOT,
        env={**os.environ, "WARTA_S3_BUCKET": bucket, "WARTA_S3_ENDPOINT": endpoint},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    reported = []
    while len(reported) < len(planned.uploads) // 2:
        reported.append(child.stdout.readline().split()[1])
        if len(reported) < len(planned.uploads) // 2:
            child.stdin.write("\n")
            child.stdin.flush()
    child.kill()
    child.wait()
    assert stored(s3, bucket) != md5s(site.files())
    assert missing_references(s3, bucket) == []
    rerun = run(site, config())
    assert not set(rerun.uploaded) & set(reported)
    assert stored(s3, bucket) == md5s(site.files())
    assert missing_references(s3, bucket) == []


def test_lost_manifest_is_rebuilt_from_the_objects_themselves(site, config, s3, bucket):
    site.build()
    run(site, config())
    s3.put_object(Bucket=bucket, Key=".warta-deploy/manifest.json", Body=b"{not json")
    # Same bytes, other headers: as another upload tool would leave it.
    s3.put_object(
        Bucket=bucket,
        Key="images/foto.jpg",
        Body=(site.output / "images/foto.jpg").read_bytes(),
        ContentType="binary/octet-stream",
    )
    report = run(site, config())
    assert report.uploaded == ["images/foto.jpg"]
    assert headers(s3, bucket, "images/foto.jpg") == ("image/jpeg", SHORT)
    assert run(site, config()).uploaded == []
    manifest = s3.get_object(Bucket=bucket, Key=".warta-deploy/manifest.json")["Body"].read()
    assert json.loads(manifest)["files"]["index.html"]["md5"] == md5s(site.files())["index.html"]
