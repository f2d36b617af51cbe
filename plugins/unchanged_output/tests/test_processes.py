"""Pages rendered in several processes: the same site as one process renders, and a failure
in any of them stops the build with the published site untouched."""

from __future__ import annotations

import pytest
from jinja2.exceptions import UndefinedError

from unchanged_output import pages
from warta.testing import forked_children
from warta_common.processes import RenderingFailed


def _site(site, count: int = 7):
    for number in range(count):
        site.add_article(
            f"a{number}",
            f"Isi berita {number}.",
            Title=f"Berita Nomor {number}",
            Date=f"2024-10-{number + 1:02d} 10:00",
        )
    return site


def _files(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_three_processes_render_the_site_one_process_renders(site, tmp_path):
    _site(site)
    assert site.build(WARTA_RENDER_PROCESSES=1, WARTA_REUSE_PAGES=False).ok
    alone = _files(site.output)
    (site.root / "output").rename(tmp_path / "alone")
    assert site.build(WARTA_RENDER_PROCESSES=3, WARTA_REUSE_PAGES=False).ok
    assert _files(site.output) == alone


@pytest.mark.parametrize(
    "failing", ["Berita Nomor 0", "Berita Nomor 1"], ids=["in-this-process", "in-a-child"]
)
def test_a_page_failing_in_any_process_stops_the_build_and_keeps_the_site(site, tmp_path, failing):
    _site(site)
    assert site.build(WARTA_RENDER_PROCESSES=3).ok
    published = _files(site.output)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "article.html").write_text(
        '{% extends "!theme/article.html" %}{% block content %}'
        f'{{% if article.title == "{failing}" %}}{{{{ article.missing.deeper }}}}{{% endif %}}'
        "{{ super() }}{% endblock %}",
        encoding="utf-8",
    )
    with pytest.raises(Exception) as raised:
        site.build(WARTA_RENDER_PROCESSES=3, THEME_TEMPLATES_OVERRIDES=[str(templates)])
    # Raised as it was, or, from a child, with the child's traceback.
    assert isinstance(raised.value, RenderingFailed | UndefinedError)
    assert "has no attribute 'missing'" in str(raised.value)
    assert _files(site.output) == published
    assert sorted(p.name for p in site.output.parent.iterdir()) == ["content", "output"]
    assert forked_children() == []


def test_the_number_of_processes_changes_no_page_fingerprint(site):
    _site(site)
    assert site.build(WARTA_RENDER_PROCESSES=1, WARTA_PARSE_WORKERS=1).ok
    state = pages.state_file(str(site.root.with_name(f"{site.root.name}-cache")), str(site.output.resolve()))
    one = {name: page.fingerprint for name, page in pages.load(state).items()}
    assert site.build(WARTA_RENDER_PROCESSES=3, WARTA_PARSE_WORKERS=2).ok
    assert one and {name: page.fingerprint for name, page in pages.load(state).items()} == one
