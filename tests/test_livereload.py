"""``invoke livereload`` with a real server: rebuild on change, overlay on content errors."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup

from warta import ROOT

SERVER = """
import sys
sys.path.insert(0, {root!r})
from warta.preview import serve
serve({settings!r}, {output!r}, root={site!r}, port={port}, overrides={{"PATH": {content!r}}})
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def _wait_for(url: str, accept, seconds: float = 20) -> tuple[int, str]:
    """Fetch until ``accept(status, html)``; the last answer either way."""
    deadline = time.monotonic() + seconds
    answer = _get(url)
    while not accept(*answer) and time.monotonic() < deadline:
        time.sleep(0.2)
        answer = _get(url)
    return answer


@pytest.fixture
def preview(site):
    site.add_article("berita", "Paragraf pertama.", Title="Judul Awal")
    site.add_article("draf", Title="Berita Masih Draf", Status="draft")
    port = _free_port()
    code = SERVER.format(
        root=str(ROOT),
        settings=str(ROOT / "pelicanconf.py"),
        output=str(site.output),
        site=str(site.root),
        content=str(site.content),
        port=port,
    )
    server = subprocess.Popen(
        [sys.executable, "-c", code], cwd=site.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        yield site, f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        server.wait(timeout=10)


def _terminal(server: subprocess.Popen) -> str:
    server.terminate()
    return server.communicate(timeout=10)[0].decode("utf-8")


def _title(html: str) -> str:
    heading = BeautifulSoup(html, "html.parser").h1
    return heading.get_text() if heading else ""


def test_saving_rebuilds_and_errors_show_as_an_overlay(preview):
    site, url, server = preview
    article = site.content / "artikel/berita.md"
    status, html = _wait_for(f"{url}/berita/judul-awal/", lambda s, h: s == 200)
    assert status == 200 and _title(html) == "Judul Awal"
    assert "livereload.js" in html

    article.write_text(article.read_text().replace("Paragraf pertama.", "Paragraf yang diubah."))
    status, html = _wait_for(f"{url}/berita/judul-awal/", lambda s, h: "diubah" in h)
    assert "Paragraf yang diubah." in html

    broken = article.read_text().replace("Category: Pilkada", "Category: Pilkadda")
    article.write_text(broken)
    status, html = _wait_for(f"{url}/berita/judul-awal/", lambda s, h: s == 500)
    page = BeautifulSoup(html, "html.parser")
    assert status == 500
    assert page.h1.get_text() == "Pratinjau belum bisa dibangun ulang"
    problems = [li.get_text() for li in page.select("li.error")]
    assert len(problems) == 1
    assert "artikel/berita.md: Category: 'Pilkadda' is not allowed — did you mean 'Pilkada'?" in problems[0]
    # Every page shows the overlay, not a stale page; the last good site stays in output/.
    assert _get(f"{url}/")[0] == 500
    assert (site.output / "berita/judul-awal/index.html").is_file()
    assert "livereload.js" in html, "the overlay reloads itself once the problem is fixed"

    article.write_text(broken.replace("Pilkadda", "Pilkada").replace("Judul Awal", "Judul Baru"))
    status, html = _wait_for(f"{url}/berita/judul-baru/", lambda s, h: s == 200)
    assert status == 200 and _title(html) == "Judul Baru"

    terminal = _terminal(server)
    assert "artikel/berita.md: Category: 'Pilkadda' is not allowed" in terminal
    assert "Rebuild failed: the browser shows the problems; output/ keeps the last good site." in terminal
    assert f"Drafts (preview only):\n  {url}/draf/berita-masih-draf/" in terminal


async def _reload_messages(url: str, changes) -> list[dict]:
    """Connect like livereload.js does; make each change and take the server's next command."""
    from tornado.escape import json_decode, json_encode
    from tornado.websocket import websocket_connect

    socket_url = url.replace("http://", "ws://") + "/livereload"
    connection = await websocket_connect(socket_url)
    messages = []
    try:
        await connection.write_message(json_encode({"command": "hello", "protocols": []}))
        assert json_decode(await connection.read_message())["command"] == "hello"
        await connection.write_message(json_encode({"command": "info", "url": f"{url}/"}))
        for change in changes:
            change()
            messages.append(json_decode(await asyncio.wait_for(connection.read_message(), timeout=30)))
    finally:
        connection.close()
    return messages


def test_open_page_is_told_to_reload_after_each_rebuild(preview):
    site, url, _ = preview
    assert _wait_for(f"{url}/", lambda s, h: s == 200)[0] == 200
    article = site.content / "artikel/berita.md"

    def retitle(old: str, new: str):
        return lambda: article.write_text(article.read_text().replace(old, new))

    # Two saves in quick succession: each rebuild reloads the page.
    changes = [retitle("Judul Awal", "Judul Kedua"), retitle("Judul Kedua", "Judul Ketiga")]
    messages = asyncio.run(_reload_messages(url, changes))
    assert [message["command"] for message in messages] == ["reload", "reload"]
    # A save can raise two file events, so the last reload may come while the rebuild for
    # the second save is still running; the page must show the last title once it is done.
    _, html = _wait_for(f"{url}/berita/judul-ketiga/", lambda s, h: _title(h) == "Judul Ketiga")
    assert _title(html) == "Judul Ketiga"
