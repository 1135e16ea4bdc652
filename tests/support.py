"""What tests and benchmarks share: a project copy to build in, the Chromium to drive, a local web server."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "hf-papers-pretraining.txt"
INPUTS = Path(__file__).resolve().parent / "inputs"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
NO_CHROMIUM = ("no Chromium found: install Debian's chromium, set CHROMIUM=/path/to/chrome, or run "
               "`make test-nobrowser` (pytest -m 'not browser') for every test but the browser ones")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class NoChromium(Exception):
    """No browser for the browser tests; the message says how to get one."""


def playwright_chromium() -> str | None:
    """The Chromium that `playwright install chromium` downloads, where it would be (it may be absent)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as driver:
        return driver.chromium.executable_path


def find_chromium(environment: Mapping[str, str] = os.environ, debian: Path = DEBIAN_CHROMIUM,
                  playwright: Callable[[], str | None] = playwright_chromium) -> str:
    """$CHROMIUM, else Debian's chromium, else Playwright's own when it is installed."""
    if named := environment.get("CHROMIUM"):
        if not Path(named).is_file():
            raise NoChromium(f"CHROMIUM={named} is not a file: set CHROMIUM to a Chromium or Chrome executable")
        return named
    if debian.is_file():
        return str(debian)
    if (bundled := playwright()) and Path(bundled).is_file():
        return bundled
    raise NoChromium(NO_CHROMIUM)


def make_project(where: Path) -> Path:
    """A copy of the project's site configuration and hand-written files, without generated pages."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", where / "overrides")
    shutil.copytree(ROOT / "site_src" / "stylesheets", where / "site_src" / "stylesheets")
    (where / "generator").mkdir()
    shutil.copy(ROOT / "generator" / "mkdocs_hooks.py", where / "generator" / "mkdocs_hooks.py")
    return where


def markdown_extensions(config: Path, always: tuple[str, ...]) -> tuple[list[str], dict[str, dict]]:
    """The Markdown extensions of a mkdocs.yml, after those given in `always` (MkDocs adds toc, tables and
    fenced_code to every site), and their options: what Python-Markdown needs to convert pages as MkDocs does."""
    from generator.site import load_config

    configured = [*always, *load_config(config)["markdown_extensions"]]
    names = [next(iter(item)) if isinstance(item, dict) else item for item in configured]
    options = {name: value for item in configured if isinstance(item, dict) for name, value in item.items()}
    return names, options


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


RECORD_FIELDS = ("title", "abstract", "source", "date", "authors", "arxiv_id", "categories", "doi", "venue",
                 "venue_type", "pdf_url", "upvotes")


def make_paper(slug: str = "a-paper", **fields):
    """A Paper for unit tests: record fields and enriched fields by keyword, dates and arXiv ids as strings."""
    from generator.model import Paper, Record, Source
    from generator.values import ArxivId, PaperDate

    record = {"title": f"Title of {slug}", "abstract": f"Abstract of {slug}.", "source": Source("t", 1)}
    record |= {key: fields.pop(key) for key in RECORD_FIELDS if key in fields}
    if isinstance(record.get("date"), str) or record.get("date") is None:
        record["date"] = PaperDate.parse_iso(record["date"]) if record.get("date") else PaperDate.none()
    if isinstance(record.get("arxiv_id"), str):
        raw = record["arxiv_id"]
        try:
            record["arxiv_id"] = ArxivId.parse(raw)
        except ValueError:
            record["arxiv_id"] = ArxivId(raw)  # a damaged id, to test that writers still escape it
    enriched = {"text": record["abstract"], "short_name": None, "links": (), "code_url": None} | fields
    return Paper(record=Record(**record), slug=slug, **enriched)


def make_record(title: str, line: int = 1, arxiv_id: str | None = None, file: str = "t.txt"):
    """A Record as a reader would make it."""
    from generator.model import Record, Source
    from generator.values import ArxivId

    return Record(title=title, abstract="An abstract.", source=Source(file, line),
                  arxiv_id=ArxivId.parse(arxiv_id) if arxiv_id else None)


def exported_papers(folder: Path) -> list[dict]:
    """Every paper complete, as exports/papers.jsonl.gz under `folder` (a site or site_src) holds it."""
    with gzip.open(folder / "exports" / "papers.jsonl.gz", "rt", encoding="utf-8") as export:
        return [json.loads(line) for line in export]
