"""`make serve`: the live preview shows an edit of data/ without a restart (generator/preview.py)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, make_project
from generator.enrich.tags import load_taxonomy
from generator.site import load_site

EDITED = "Models of text, edited while the preview runs."
TIMEOUT_SECONDS = 180


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_text(url: str) -> str:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, text: str, preview: subprocess.Popen, output) -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while text not in page_text(url):
        output.flush()
        assert preview.poll() is None, "the preview stopped:\n" + output.name.read_text()[-3000:]
        assert time.monotonic() < deadline, f"{url} did not show {text!r} in {TIMEOUT_SECONDS} s"
        time.sleep(0.5)


class Log:
    def __init__(self, path) -> None:
        self.name = path
        self.file = path.open("w", encoding="utf-8")

    def flush(self) -> None:
        self.file.flush()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_edited_taxonomy_shows_up_in_the_served_page(tmp_path, engine):
    project = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "data", project / "data")
    address = f"127.0.0.1:{free_port()}"
    log = Log(tmp_path / "preview.log")
    preview = subprocess.Popen([sys.executable, "-m", "generator.preview", "--engine", engine, "--dev-addr", address],
                               cwd=project,
                               env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"},
                               stdout=log.file, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base_path = urlsplit(load_site(project / "mkdocs.yml").url).path  # both servers serve under it
        url = f"http://{address}{base_path}tags/language/"
        taxonomy = project / "data" / "taxonomy.yaml"
        shipped = next(tag.description for tag in load_taxonomy(taxonomy) if tag.name == "Language")
        wait_for(url, shipped[:40], preview, log)
        text = taxonomy.read_text(encoding="utf-8")
        taxonomy.write_text(text.replace(shipped, EDITED), encoding="utf-8")
        wait_for(url, EDITED, preview, log)
    finally:
        os.killpg(preview.pid, signal.SIGTERM)
        preview.wait(timeout=30)
        log.file.close()
