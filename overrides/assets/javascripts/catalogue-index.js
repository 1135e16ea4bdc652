// The faceted "All papers" index: filter by tags (all of those chosen), by date and by words in
// the title, sort by title, date, first seen or number of related papers, with a count beside every facet
// value. Tags come in groups (the catalogue's areas, narrower topics, arXiv categories shown by
// name with their code); each group shows its most useful tags first and a box finds any other by
// typing. Its state lives in the URL's fragment, so a filtered list can be shared and the back
// button undoes a change. The rows come from papers/index.json, not from the page: the page
// itself keeps the plain, complete list of links (paginated) for readers without JavaScript.
// Everything from the data is set as text; nothing is parsed as HTML.
(() => {
  const PAGE = 100;
  const FACETS = 40;  // up to this many tags in all, every one is shown
  // The facet groups, in the order shown, and how many tags each shows, when there are more, before the reader types.
  const GROUPS = [
    { kind: "area", legend: "Areas", shown: 20 },
    { kind: "topic", legend: "Topics", shown: 12 },
    { kind: "category", legend: "arXiv categories", shown: 12 },
  ];
  const SORTS = { title: "Title (A–Z)", date: "Newest first", seen: "First seen (latest first)",
    related: "Most related papers" };

  function parseState() {
    const params = new URLSearchParams(location.hash.slice(1));
    return {
      q: params.get("q") || "",
      tags: params.getAll("tag"),
      from: params.get("from") || "",
      to: params.get("to") || "",
      sort: SORTS[params.get("sort")] ? params.get("sort") : "title",
    };
  }

  function fragment(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const tag of state.tags) params.append("tag", tag);
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    if (state.sort !== "title") params.set("sort", state.sort);
    const text = params.toString();
    return text ? "#" + text : location.pathname + location.search;
  }

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value === true ? "" : value);
    }
    node.append(...children);
    return node;
  }

  // Dates arrive in order (oldest first) as [ISO form, label]; a row holds its date's position, -1 for none.
  // The address keeps the ISO form, so a shared view survives a rebuild that adds dates.
  function matches(row, state, words, rank) {
    if (state.from && (row.date < 0 || row.date < rank(state.from))) return false;
    if (state.to && (row.date < 0 || row.date > rank(state.to))) return false;
    if (state.tags.some((tag) => !row.tagNames.has(tag))) return false;
    return words.every((word) => row.haystack.includes(word));
  }

  function sorted(rows, sort) {
    const copy = rows.slice();
    if (sort === "date") copy.sort((a, b) => b.date - a.date || a.order - b.order);
    else if (sort === "seen") copy.sort((a, b) => (a.seen < b.seen) - (a.seen > b.seen) || a.order - b.order);
    else if (sort === "related") copy.sort((a, b) => b.related - a.related || a.order - b.order);
    else copy.sort((a, b) => a.order - b.order);
    return copy;
  }

  class Browser {
    constructor(root, data, dataUrl) {
      this.root = root;
      this.tags = data.tags;
      this.dates = data.dates;
      this.rankOf = new Map(data.dates.map(([iso], index) => [iso, index]));
      this.rows = data.rows.map(([url, title, shortName, date, tagIndexes, related, code, seen, key], order) => ({
        title, shortName, date, related, code, order, seen: seen || "", key,
        dateLabel: date >= 0 ? data.dates[date][1] : "",
        tagNames: new Set(tagIndexes.map((index) => data.tags[index])),
        haystack: `${title} ${shortName}`.toLowerCase(),
        href: new URL(url, dataUrl).href,
      }));
      const kinds = data.tag_kinds || [];
      const titles = data.tag_titles || [];
      this.tagInfo = data.tags.map((name, index) => ({
        name, index, kind: kinds[index] || "topic", title: titles[index] || "",
        haystack: `${name} ${titles[index] || ""}`.toLowerCase(),
      }));
      this.tagWords = [];
      this.counts = new Map();
      this.chosen = new Set();
      this.selectedCount = 0;
      this.shown = PAGE;
      this.build();
      this.render();
    }

    build() {
      const id = (name) => `catalogue-${name}`;
      this.query = element("input", { type: "search", id: id("q"), class: "md-input catalogue-browser__query",
        placeholder: "Words in the title", autocomplete: "off" });
      this.sort = element("select", { id: id("sort") },
        ...Object.entries(SORTS).map(([value, label]) => element("option", { value, text: label })));
      const dateOptions = (label) => [element("option", { value: "", text: label }),
        ...this.dates.map(([iso, label]) => element("option", { value: iso, text: label }))];
      this.from = element("select", { id: id("from") }, ...dateOptions("Any date"));
      this.to = element("select", { id: id("to") }, ...dateOptions("Any date"));
      this.facets = element("div", { class: "catalogue-browser__tags", role: "group", "aria-labelledby": id("tags-label") });
      this.tagQuery = element("input", { type: "search", id: id("tag-q"), class: "md-input catalogue-browser__query",
        placeholder: "Name or code, e.g. robot, cs.CL", autocomplete: "off", "aria-describedby": id("tag-status"),
        "aria-controls": id("tags") });
      this.facets.id = id("tags");
      this.tagStatus = element("p", { id: id("tag-status"), class: "catalogue-browser__tag-status", "aria-live": "polite" });
      this.count = element("p", { class: "catalogue-browser__count", "aria-live": "polite" });
      this.list = element("ol", { class: "catalogue-browser__list" });
      this.more = element("button", { type: "button", class: "md-button", text: "Show more" });
      this.clear = element("button", { type: "button", class: "md-button catalogue-browser__clear", text: "Clear filters" });
      this.bibtex = element("button", { type: "button", class: "md-button catalogue-browser__bibtex", text: "BibTeX of these papers" });
      this.root.replaceChildren(
        element("div", { class: "catalogue-browser__controls" },
          element("label", { for: id("q"), text: "Title" }), this.query,
          element("label", { for: id("from"), text: "From" }), this.from,
          element("label", { for: id("to"), text: "To" }), this.to,
          element("label", { for: id("sort"), text: "Sort" }), this.sort),
        element("p", { id: id("tags-label"), class: "catalogue-browser__label", text: "Tags (papers must have all that are chosen):" }),
        element("div", { class: "catalogue-browser__controls" },
          element("label", { for: id("tag-q"), text: "Find a tag" }), this.tagQuery, this.tagStatus),
        this.facets, this.count, this.clear, this.bibtex, this.list, this.more);
      this.query.addEventListener("input", () => this.update({ q: this.query.value }, true));
      this.tagQuery.addEventListener("input", () => {
        this.tagWords = this.tagQuery.value.toLowerCase().split(/\s+/).filter(Boolean);
        this.showTags();
      });
      for (const [control, key] of [[this.sort, "sort"], [this.from, "from"], [this.to, "to"]]) {
        control.addEventListener("change", () => this.update({ [key]: control.value }));
      }
      this.facets.addEventListener("change", (event) => {
        const chosen = [...this.facets.querySelectorAll("input:checked")].map((box) => box.value);
        this.update({ tags: chosen });
      });
      this.more.addEventListener("click", () => { this.shown += PAGE; this.render(false); });
      this.clear.addEventListener("click", () => this.update({ q: "", tags: [], from: "", to: "", sort: "title" }));
      this.bibtex.addEventListener("click", () => this.exportBibtex());
    }

    // The papers shown, as BibTeX from the catalogue's .bib (assets/javascripts/catalogue-bibtex.js).
    async exportBibtex() {
      const bibtex = window.catalogueBibtex;
      const bib = new URL(this.root.dataset.catalogueBib, location.href).href;
      const state = parseState();
      const name = [state.q, ...state.tags].filter(Boolean).join(" ") || "papers";
      bibtex.download(await bibtex.bibtex(bib, this.selected.map((row) => row.key)), bibtex.fileName(name));
    }

    update(change, typing = false) {
      const state = { ...parseState(), ...change };
      const target = fragment(state);
      if (typing) history.replaceState(history.state, "", target);
      else history.pushState(history.state, "", target);
      this.shown = PAGE;
      this.render();
    }

    render(resetControls = true) {
      const state = parseState();
      const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
      const selected = this.rows.filter((row) => matches(row, state, words, (iso) => this.rankOf.get(iso) ?? -1));
      this.selected = selected;
      if (resetControls) this.showState(state, selected);
      const ordered = sorted(selected, state.sort);
      this.count.textContent = `${selected.length.toLocaleString("en")} of ${this.rows.length.toLocaleString("en")} papers`;
      this.list.replaceChildren(...ordered.slice(0, this.shown).map((row) => this.item(row)));
      this.more.hidden = ordered.length <= this.shown;
      this.clear.hidden = !(state.q || state.tags.length || state.from || state.to || state.sort !== "title");
      this.bibtex.hidden = !selected.length || !window.catalogueBibtex;
    }

    showState(state, selected) {
      if (document.activeElement !== this.query) this.query.value = state.q;
      this.sort.value = state.sort;
      this.from.value = state.from;
      this.to.value = state.to;
      this.counts = new Map();
      for (const row of selected) for (const tag of row.tagNames) this.counts.set(tag, (this.counts.get(tag) || 0) + 1);
      this.chosen = new Set(state.tags);
      this.selectedCount = selected.length;
      this.showTags();
    }

    // Most useful first: chosen tags, then those that would narrow the list, most papers first; a tag every
    // listed paper has narrows nothing and comes after them.
    usefulness(a, b) {
      const score = (tag) => {
        const n = this.counts.get(tag.name) || 0;
        return [this.chosen.has(tag.name) ? 0 : 1, n >= this.selectedCount ? 1 : 0, -n];
      };
      const [x, y] = [score(a), score(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.index - b.index;
    }

    // The facet groups: tags with papers in the current list (or chosen), matching what is typed in the finder;
    // without typing, each group's most useful ones. Focus stays on the tag it was on.
    showTags() {
      const focused = this.facets.contains(document.activeElement) ? document.activeElement.value : null;
      const finding = this.tagWords.length > 0;
      const listed = GROUPS.map((group) => this.tagInfo.filter((tag) => tag.kind === group.kind
        && (this.counts.get(tag.name) || this.chosen.has(tag.name))).sort((a, b) => this.usefulness(a, b)));
      const available = listed.reduce((sum, tags) => sum + tags.length, 0);
      const matches = (tag) => this.tagWords.every((word) => tag.haystack.includes(word));
      let shown = 0;
      const groups = [];
      for (const [position, group] of GROUPS.entries()) {
        const tags = listed[position];
        const visible = tags.filter((tag, rank) => this.chosen.has(tag.name)  // a chosen tag is always in sight
          || (finding ? matches(tag) : available <= FACETS || rank < group.shown));
        shown += visible.filter((tag) => !finding || matches(tag)).length;
        if (!visible.length) continue;
        const rest = tags.length - visible.length;
        groups.push(element("fieldset", { class: "catalogue-browser__group" },
          element("legend", { text: `${group.legend} (${tags.length})` }),
          ...visible.map((tag) => this.chip(tag)),
          ...(rest && !finding ? [element("span", { class: "catalogue-browser__hint", text: `${rest} more: type to find them` })] : [])));
      }
      this.facets.replaceChildren(...groups);
      this.tagStatus.textContent = finding
        ? (shown ? `${shown} of ${available} tags match` : `No tag matches “${this.tagQuery.value.trim()}”`)
        : `${shown} of ${available} tags shown`;
      const again = focused && [...this.facets.querySelectorAll("input")].find((box) => box.value === focused);
      if (again) again.focus();
    }

    chip(tag) {
      const id = `catalogue-tag-${tag.index}`;
      const box = element("input", { type: "checkbox", id, value: tag.name, checked: this.chosen.has(tag.name) });
      const name = tag.title
        ? [element("span", { class: "catalogue-browser__title", text: tag.title }),
          element("code", { class: "catalogue-browser__code", text: tag.name })]
        : [element("span", { class: "catalogue-browser__title", text: tag.name })];
      return element("label", { class: "catalogue-browser__tag", for: id }, box, ...name,
        element("span", { class: "catalogue-browser__n", text: `${this.counts.get(tag.name) || 0}` }));
    }

    item(row) {
      const meta = [row.dateLabel, row.related ? `${row.related} related` : "", row.code ? "code" : ""].filter(Boolean);
      return element("li", {},
        element("a", { href: row.href, text: row.title }),
        element("span", { class: "catalogue-browser__meta", text: meta.length ? ` · ${meta.join(" · ")}` : "" }),
        element("br"),
        element("span", { class: "paper-tags", text: [...row.tagNames].join(", ") }));
    }
  }

  let current = null;  // the browser on the page shown now, if any

  async function mount() {
    current = null;
    const root = document.querySelector("[data-catalogue-index]");
    if (!root) return;
    const dataUrl = new URL(root.dataset.catalogueIndex, location.href);
    let data;
    try {
      const response = await fetch(dataUrl);
      if (!response.ok) throw new Error(`${response.status}`);
      data = await response.json();
    } catch (error) {
      root.hidden = true;  // the plain list stays
      return;
    }
    document.querySelectorAll(".catalogue-list, .catalogue-pager").forEach((node) => { node.hidden = true; });
    root.hidden = false;
    current = new Browser(root, data, dataUrl);
  }

  function onNavigate() {
    if (current && current.root.isConnected) {
      current.shown = PAGE;
      current.render();
    }
  }

  window.addEventListener("popstate", onNavigate);
  window.addEventListener("hashchange", onNavigate);

  if (window.document$) window.document$.subscribe(mount);  // Material's instant navigation
  else document.addEventListener("DOMContentLoaded", mount);
})();
