"""The benchmark corpus as a Hugo site: the same articles, taxonomies, pagination and feeds.

Minimal layouts comparable to Warta's theme (a page per article, paginated listings per
category, tag, region and author, RSS for each), so both generators do similar work.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

CONFIG = """\
baseURL = "https://warta.example.id/"
languageCode = "id"
title = "Warta Bengkulu"
paginate = 12
[taxonomies]
  category = "kategori"
  tag = "tag"
  region = "wilayah"
  author = "pewarta"
[permalinks]
  berita = "/berita/:slug/"
"""

BASEOF = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/css/warta.css"></head><body><header><a href="/">{{ site.Title }}</a>
<nav>{{ range site.Taxonomies.kategori }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ end }}</nav>
</header><main>{{ block "main" . }}{{ end }}</main></body></html>"""

SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006 15:04" }}</p>
{{ with .Params.image }}<img src="/{{ . }}" alt="">{{ end }}{{ .Content }}
<ul>{{ range .Params.tags }}<li><a href="/tag/{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul></article>{{ end }}"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}
<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>{{ end }}
{{ with .Paginator.Next }}<a href="{{ .URL }}">Berikutnya</a>{{ end }}{{ end }}"""


def _front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    return fields, body


def convert(corpus: Path, target: Path) -> Path:
    """Write a Hugo site for ``corpus`` (a Warta content folder) into ``target``."""
    shutil.rmtree(target, ignore_errors=True)
    posts = target / "content" / "berita"
    posts.mkdir(parents=True)
    for path in sorted((corpus / "artikel").glob("*.md")):
        fields, body = _front_matter(path)
        front = {
            "title": fields["Title"],
            "date": fields["Date"].replace(" ", "T") + ":00+07:00",
            "kategori": [fields["Category"]],
            "tag": [t.strip() for t in fields.get("Tags", "").split(",") if t.strip()],
            "wilayah": [fields["Region"]],
            "pewarta": [fields["Authors"]],
            "image": fields.get("Image", ""),
            "summary": fields.get("Summary", ""),
        }
        (posts / path.name).write_text(f"{json.dumps(front, ensure_ascii=False)}\n\n{body}", encoding="utf-8")
    layouts = target / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")
    (target / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(corpus / "images", target / "static" / "images")
    return target
