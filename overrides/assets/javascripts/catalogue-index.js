// The faceted "All papers" index: filter by tags (all of those chosen), by date and by words in
// the title, sort by title, date, first seen or number of related papers, with a count beside every facet
// value. Its state lives in the URL's fragment, so a filtered list can be shared and the back
// button undoes a change. The rows come from papers/index.json, not from the page: the page
// itself keeps the plain, complete list of links (paginated) for readers without JavaScript.
// Everything from the data is set as text; nothing is parsed as HTML.
(() => {
  const PAGE = 100;
  const FACETS = 40;  // tags shown at once; the rest, least used, fold away
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
      this.rows = data.rows.map(([url, title, shortName, date, tagIndexes, related, code, seen], order) => ({
        title, shortName, date, related, code, order, seen: seen || "",
        dateLabel: date >= 0 ? data.dates[date][1] : "",
        tagNames: new Set(tagIndexes.map((index) => data.tags[index])),
        haystack: `${title} ${shortName}`.toLowerCase(),
        href: new URL(url, dataUrl).href,
      }));
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
      this.count = element("p", { class: "catalogue-browser__count", "aria-live": "polite" });
      this.list = element("ol", { class: "catalogue-browser__list" });
      this.more = element("button", { type: "button", class: "md-button", text: "Show more" });
      this.clear = element("button", { type: "button", class: "md-button catalogue-browser__clear", text: "Clear filters" });
      this.root.replaceChildren(
        element("div", { class: "catalogue-browser__controls" },
          element("label", { for: id("q"), text: "Title" }), this.query,
          element("label", { for: id("from"), text: "From" }), this.from,
          element("label", { for: id("to"), text: "To" }), this.to,
          element("label", { for: id("sort"), text: "Sort" }), this.sort),
        element("p", { id: id("tags-label"), class: "catalogue-browser__label", text: "Tags (papers must have all that are chosen):" }),
        this.facets, this.count, this.clear, this.list, this.more);
      this.query.addEventListener("input", () => this.update({ q: this.query.value }, true));
      for (const [control, key] of [[this.sort, "sort"], [this.from, "from"], [this.to, "to"]]) {
        control.addEventListener("change", () => this.update({ [key]: control.value }));
      }
      this.facets.addEventListener("change", (event) => {
        const chosen = [...this.facets.querySelectorAll("input:checked")].map((box) => box.value);
        this.update({ tags: chosen });
      });
      this.more.addEventListener("click", () => { this.shown += PAGE; this.render(false); });
      this.clear.addEventListener("click", () => this.update({ q: "", tags: [], from: "", to: "", sort: "title" }));
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
      if (resetControls) this.showState(state, selected);
      const ordered = sorted(selected, state.sort);
      this.count.textContent = `${selected.length.toLocaleString("en")} of ${this.rows.length.toLocaleString("en")} papers`;
      this.list.replaceChildren(...ordered.slice(0, this.shown).map((row) => this.item(row)));
      this.more.hidden = ordered.length <= this.shown;
      this.clear.hidden = !(state.q || state.tags.length || state.from || state.to || state.sort !== "title");
    }

    showState(state, selected) {
      if (document.activeElement !== this.query) this.query.value = state.q;
      this.sort.value = state.sort;
      this.from.value = state.from;
      this.to.value = state.to;
      const counts = new Map();
      for (const row of selected) for (const tag of row.tagNames) counts.set(tag, (counts.get(tag) || 0) + 1);
      const chosen = new Set(state.tags);
      const visible = this.tags.filter((tag) => counts.get(tag) || chosen.has(tag));
      const ranked = visible.length > FACETS ? visible.slice().sort((a, b) => (counts.get(b) || 0) - (counts.get(a) || 0)) : visible;
      const chips = ranked.map((tag, index) => {
        const box = element("input", { type: "checkbox", id: `catalogue-tag-${index}`, value: tag, checked: chosen.has(tag) });
        return element("label", { class: "catalogue-browser__tag", for: `catalogue-tag-${index}` },
          box, document.createTextNode(` ${tag} `), element("span", { class: "catalogue-browser__n", text: `${counts.get(tag) || 0}` }));
      });
      const rest = chips.splice(FACETS);
      this.facets.replaceChildren(...chips, ...(rest.length ? [element("details", { class: "catalogue-browser__more" },
        element("summary", { text: `${rest.length} more tags` }), ...rest)] : []));
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
