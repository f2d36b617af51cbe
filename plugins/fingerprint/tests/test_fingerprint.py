"""Theme assets are written under content-hashed names and pages link to exactly those files."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

from warta import ROOT
from warta_common.fingerprint import is_fingerprinted


def _theme_copy(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    return theme


def _linked_assets(site):
    page = site.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/")
    return page.select_one("link[rel=stylesheet]")["href"], page.select_one("script[src]")["src"]


def test_pages_link_fingerprinted_files_that_exist(site):
    site.add_article("patroli")
    assert site.build().ok
    css, js = _linked_assets(site)
    for url in (css, js):
        assert is_fingerprinted(url), url
        served = site.output / url.lstrip("/")
        name_hash = url.rsplit(".", 2)[1]
        assert hashlib.sha256(served.read_bytes()).hexdigest().startswith(name_hash)
    assert css.startswith("/theme/css/warta.") and js.startswith("/theme/js/salin.")
    # Only the fingerprinted copies are published.
    published = sorted(p.name for p in (site.output / "theme").rglob("*") if p.is_file())
    assert css.rsplit("/", 1)[1] in published and js.rsplit("/", 1)[1] in published
    assert all(is_fingerprinted(name) for name in published), published
    assert site.page("").select_one("link[rel=stylesheet]")["href"] == css


def test_changed_asset_gets_a_new_name_and_unchanged_keeps_its_name(site, tmp_path):
    site.add_article("patroli")
    theme = _theme_copy(tmp_path)
    assert site.build(THEME=str(theme)).ok
    css_before, js_before = _linked_assets(site)
    with (theme / "static/css/warta.css").open("a") as css:
        css.write(".baru{color:red}\n")
    assert site.build(THEME=str(theme)).ok
    css_after, js_after = _linked_assets(site)
    assert css_after != css_before
    assert js_after == js_before
    assert ".baru{color:red}" in (site.output / css_after.lstrip("/")).read_text()


def test_css_references_to_theme_files_follow_the_renames(site, tmp_path):
    site.add_article("patroli")
    theme = _theme_copy(tmp_path)
    (theme / "static/fonts").mkdir()
    (theme / "static/fonts/sans.woff2").write_bytes(b"font-bytes")
    with (theme / "static/css/warta.css").open("a") as css:
        css.write('@font-face{font-family:S;src:url("../fonts/sans.woff2?v=1") format("woff2")}\n')
        css.write("body{background:url(data:image/png;base64,AAAA)}\n")
    assert site.build(THEME=str(theme)).ok
    css_url, _ = _linked_assets(site)
    text = (site.output / css_url.lstrip("/")).read_text()
    fonts = list((site.output / "theme/fonts").iterdir())
    assert len(fonts) == 1 and is_fingerprinted(fonts[0].name)
    assert f'url("../fonts/{fonts[0].name}?v=1")' in text
    assert "url(data:image/png;base64,AAAA)" in text


def test_builds_are_byte_identical(site, tmp_path):
    site.add_article("patroli")
    assert site.build().ok
    first = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert site.build().ok
    second = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert first == second


def test_pelican_command_line_writes_the_same_assets(site, tmp_path):
    site.add_article("patroli")
    assert site.build().ok
    expected = sorted(p.relative_to(site.output) for p in (site.output / "theme").rglob("*") if p.is_file())
    cli_output = tmp_path / "cli"
    subprocess.run(
        [sys.executable, "-m", "pelican", str(site.content), "-o", str(cli_output), "-s", "pelicanconf.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    produced = sorted(p.relative_to(cli_output) for p in (cli_output / "theme").rglob("*") if p.is_file())
    assert produced == expected


def test_unknown_asset_names_the_file(site, tmp_path):
    site.add_article("patroli")
    theme = _theme_copy(tmp_path)
    base = theme / "templates/base.html"
    base.write_text(base.read_text().replace("'css/warta.css'|asset", "'css/tidak-ada.css'|asset"))
    cli_output = tmp_path / "cli"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(site.content),
            "-o",
            str(cli_output),
            "-s",
            "pelicanconf.py",
            "-t",
            str(theme),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    # Pelican logs it as a CRITICAL line (and wraps long lines).
    said = " ".join((done.stdout + done.stderr).split())
    assert (
        "UnknownAsset: asset filter: the theme has no static file 'css/tidak-ada.css'" in said
        and "(theme files: css/warta.css, " in said
    )


def test_stylesheets_are_minified_without_changing_their_rules():
    from fingerprint.assets import minify_css

    css = '/* note */\na:hover , .x :focus {\n  color : red;\n  content: " (" attr(href) ")";\n}\n'
    assert minify_css(css) == 'a:hover ,.x :focus{color :red;content:" (" attr(href) ")"}'
