// Search for large catalogues: Pagefind's chunked index, fetched on demand, shown in Material's
// search dialog. Result titles and excerpts are set as text; only Pagefind's <mark> highlights
// become elements.
(() => {
  const script = document.currentScript;
  const base = new URL("../../", script.src);
  // Material's words (language: en) and icons (mkdocs.yml's theme.icon) for its search dialog; tests/test_lean_pages.py
  // checks them against Material's dialog on the home page with lunr search.
  const words = { none: "No matching documents", one: "1 matching document", other: "# matching documents",
    placeholder: "Type to start searching", label: "Search", reset: "Clear" };
  const FAILED = "Search could not load; type again to retry";  // the catalogue's own words, not Material's
  const icons = ["material-magnify", "material-arrow-left", "material-close"]
    .map((name) => new URL(`assets/images/icons.svg#${name}`, base).href);
  const MAX_RESULTS = 10;
  const TYPING_PAUSE_MS = 60;
  let loading = null;  // Pagefind, once imported and set up
  let latest = 0;

  const dialog = () => document.querySelector("[data-catalogue-search]");
  const toggle = () => document.getElementById("__search");

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  // An icon from the sprite; xlink:href, as Material's instant navigation rewrites every [href].
  function icon(address) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const use = document.createElementNS("http://www.w3.org/2000/svg", "use");
    use.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", address);
    svg.setAttribute("aria-hidden", "true");
    svg.append(use);
    return svg;
  }

  // The dialog's markup (partials/search-pagefind.html gives only its frame): Material's, as its stylesheet expects it.
  function build(root) {
    const [search, previous, close] = icons;
    const input = element("input", { type: "text", class: "md-search__input", name: "query", "aria-label": words.label,
      placeholder: words.label, autocapitalize: "off", autocorrect: "off", autocomplete: "off", spellcheck: "false",
      required: "" });
    const form = element("form", { class: "md-search__form", name: "catalogue-search" }, input,
      element("label", { class: "md-search__icon md-icon", for: "__search" }, icon(search), icon(previous)),
      element("nav", { class: "md-search__options", "aria-label": root.getAttribute("aria-label") },
        element("button", { type: "reset", class: "md-search__icon md-icon", title: words.reset,
          "aria-label": words.reset, tabindex: "-1" }, icon(close))));
    const output = element("div", { class: "md-search__output" },
      element("div", { class: "md-search__scrollwrap", tabindex: "0" },
        element("div", { class: "md-search-result", "aria-live": "polite" },
          element("div", { class: "md-search-result__meta" }, words.placeholder),
          element("ol", { class: "md-search-result__list", role: "presentation" }))));
    root.prepend(element("label", { class: "md-search__overlay", for: "__search" }),
      element("div", { class: "md-search__inner", role: "search" }, form, output));
  }
  if (dialog() && !dialog().querySelector(".md-search__inner")) build(dialog());

  function engine() {
    loading ||= (async () => {
      const pagefind = await import(new URL("pagefind/pagefind.js", base).href);
      await pagefind.options({ baseUrl: base.pathname, excerptLength: 24 });
      // Big catalogues are indexed in several bundles (generator/search_index.py): merge the others into this one.
      const shards = await fetch(new URL("pagefind/catalogue-shards.json", base)).then((answer) => answer.ok ? answer.json() : { merge: [] });
      for (const shard of shards.merge) {
        await pagefind.mergeIndex(new URL(`pagefind/${shard}`, base).href, { baseUrl: base.pathname });
      }
      await pagefind.init();
      return pagefind;
    })();
    loading.catch(() => { loading = null; });  // a failed load (a dropped connection) is tried again on the next search
    return loading;
  }

  function textWithMarks(excerpt) {
    // Pagefind escapes the page text in excerpts and adds <mark> around matches: keep only those.
    const fragment = document.createDocumentFragment();
    const holder = document.createElement("template");
    holder.innerHTML = excerpt;
    for (const node of holder.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.append(mark);
      } else {
        fragment.append(document.createTextNode(node.textContent));
      }
    }
    return fragment;
  }

  function item(result) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = result.url;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = (result.meta && result.meta.title) || result.url;
    const text = document.createElement("p");
    text.append(textWithMarks(result.excerpt || ""));
    article.append(title, text);
    link.append(article);
    li.append(link);
    return li;
  }

  function summary(count) {
    if (count === 0) return words.none;
    if (count === 1) return words.one;
    return words.other.replace("#", count.toLocaleString("en"));
  }

  async function run(query) {
    const ticket = ++latest;
    const root = dialog();
    const meta = root.querySelector(".md-search-result__meta");
    const list = root.querySelector(".md-search-result__list");
    if (!query.trim()) {
      meta.textContent = words.placeholder;
      list.replaceChildren();
      return;
    }
    let search, results;
    try {
      search = await (await engine()).search(query);
      results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
    } catch (error) {
      if (ticket === latest) meta.textContent = FAILED;
      throw error;
    }
    if (ticket !== latest) return;
    meta.textContent = summary(search.results.length);
    list.replaceChildren(...results.map(item));
  }

  let pending = null;
  document.addEventListener("input", (event) => {
    if (!event.target.matches("[data-catalogue-search] .md-search__input")) return;
    clearTimeout(pending);  // one search when typing pauses, not one per key
    pending = setTimeout(() => run(event.target.value), TYPING_PAUSE_MS);
  });
  document.addEventListener("submit", (event) => {
    if (!event.target.matches("[data-catalogue-search] form")) return;
    event.preventDefault();
    const first = dialog().querySelector(".md-search-result__link");
    if (first) first.click();
  });
  document.addEventListener("reset", (event) => {
    if (event.target.matches("[data-catalogue-search] form")) setTimeout(() => run(""), 0);
  });
  document.addEventListener("focusin", (event) => {
    if (!event.target.matches("[data-catalogue-search] .md-search__input")) return;
    toggle().checked = true;
    engine();  // load Pagefind while the reader starts typing
  });
  document.addEventListener("change", (event) => {
    if (event.target === toggle() && toggle().checked) dialog().querySelector(".md-search__input").focus();
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-catalogue-search] .md-search-result__link")) toggle().checked = false;
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (!typing && (event.key === "/" || event.key === "s" || event.key === "f") && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      toggle().checked = true;
      dialog().querySelector(".md-search__input").focus();
    } else if (event.key === "Escape" && toggle().checked) {
      toggle().checked = false;
      dialog().querySelector(".md-search__input").blur();
    }
  });
})();
