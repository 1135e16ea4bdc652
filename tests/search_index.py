"""Material's browser search, reproduced with lunr.py from the built site's search_index.json.

As Material's search worker does: the pipeline named in the index config (no stemmer), b = 0,
text split on the config's separator with HTML tags skipped, and a trailing `*` on each plain
query term. Results are grouped by page, in the order of each page's best-scoring section.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lunr.builder import Builder
from lunr.pipeline import Pipeline

TAG = re.compile(r"<[^>]*>")


class SiteSearch:
    def __init__(self, site: Path) -> None:
        data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        config = data["config"]
        separator = re.compile(config["separator"])
        self.titles = {}
        builder = Builder()
        for name in config["pipeline"]:
            builder.pipeline.add(Pipeline.registered_functions[name])
        builder.b(0)
        builder.ref("location")
        for name, spec in config["fields"].items():
            builder.field(name, boost=spec.get("boost", 1), extractor=self._extractor(name, separator))
        for doc in data["docs"]:
            builder.add(doc, {"boost": doc["boost"]} if "boost" in doc else None)
            self.titles.setdefault(doc["location"].split("#")[0], doc["title"])
        self.index = builder.build()

    @staticmethod
    def _extractor(name: str, separator: re.Pattern):
        def extract(doc: dict) -> list[str]:
            value = doc.get(name) or ""
            texts = value if isinstance(value, list) else [TAG.sub(" ", value)]
            return [token for text in texts for token in separator.split(text) if token]
        return extract

    def pages(self, query: str) -> list[str]:
        """Page locations for a query typed into the search box, best first."""
        terms = " ".join(term if term[:1] in "+-" else f"{term}*" for term in query.lower().split())
        pages: list[str] = []
        for result in self.index.search(terms):
            page = result["ref"].split("#")[0]
            if page not in pages:
                pages.append(page)
        return pages
