// BibTeX of a tag, or of the papers the "All papers" index shows, made in the browser: the entries of those
// papers picked out of the catalogue's .bib by their keys (the last field of each row of papers/index.json), in
// the .bib's order, so a tag's file is the one the generator used to write per tag. Without JavaScript the link
// gives the whole catalogue's .bib. Nothing is parsed as HTML; the file is handed over as a download.
(() => {
  const cache = new Map();  // address -> promise of its text or JSON

  function fetched(url, as) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return as === "json" ? response.json() : response.text();
      }));
    }
    return cache.get(url);
  }

  // Each entry starts a line with "@type{key," and ends with "}\n"; entries are separated by a blank line.
  function entriesOf(bib, keys) {
    const wanted = new Set(keys);
    return bib.split(/\n(?=@)/).filter((entry) => wanted.has((/^@\w+\{([^,]+),/.exec(entry) || [])[1]))
      .map((entry) => entry.replace(/\n*$/, "\n"));
  }

  async function bibtex(bibUrl, keys) {
    return entriesOf(await fetched(bibUrl, "text"), keys).join("\n");
  }

  function download(text, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/x-bibtex" }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  }

  async function tagKeys(rowsUrl, tag) {
    const data = await fetched(rowsUrl, "json");
    const position = data.tags.indexOf(tag);
    return data.rows.filter((row) => row[4].includes(position)).map((row) => row[row.length - 1]);
  }

  function fileName(text) {
    return `${text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "papers"}.bib`;
  }

  // A tag page: its export line names the tag and the index rows; its BibTeX link points at the catalogue's .bib.
  function mount() {
    for (const exports of document.querySelectorAll("[data-catalogue-bibtex]")) {
      const link = [...exports.querySelectorAll("a[href]")].find((a) => a.getAttribute("href").endsWith(".bib"));
      if (!link || link.dataset.catalogueMounted) continue;
      link.dataset.catalogueMounted = "true";
      link.addEventListener("click", async (event) => {
        event.preventDefault();
        const tag = exports.dataset.catalogueBibtex;
        const rows = new URL(exports.dataset.catalogueRows, location.href).href;
        download(await bibtex(link.href, await tagKeys(rows, tag)), fileName(tag));
      });
    }
  }

  window.catalogueBibtex = { bibtex, download, fileName };
  if (window.document$) window.document$.subscribe(mount);  // Material's instant navigation
  else document.addEventListener("DOMContentLoaded", mount);
})();
