"""What tests and benchmarks share: a project copy to build in, the Chromium settings, a local web server."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "hf-papers-pretraining.txt"
INPUTS = Path(__file__).resolve().parent / "inputs"
CHROMIUM = "/usr/bin/chromium"
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


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
