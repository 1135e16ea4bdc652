// The colour toggle of the lean pages (overrides/lean.html), loaded where the toggle belongs in the header and cached
// once instead of repeated on every page. Built with MkDocs, a lean page carries none of Material 9.8's inline parts:
// this script gives Material's script (bundle.js, at the end of the page) what it finds on other pages: the storage
// helpers (partials/javascripts/base.html), the palette form (partials/palette.html, as mkdocs.yml's palette makes it)
// and the configuration (#__config, base.html's block config, with `base` this site's root). The constants below
// are the seed site's parts; the build replaces them in the site's copy with its own home page's
// (generator/mkdocs_hooks.py). Built with Zensical, the page has those parts and the script only applies the
// reader's chosen colours (Material's partials/javascripts/palette.html) before the page is drawn.
(() => {
  const script = document.currentScript;
  const root = new URL("../../", script.src);
  const icons = new URL("assets/images/icons.svg", root).href;
  const PALETTE = "<form class=\"md-header__option\" data-md-component=\"palette\"><input class=\"md-option\" data-md-color-media=\"(prefers-color-scheme)\" data-md-color-scheme=\"default\" data-md-color-primary=\"indigo\" data-md-color-accent=\"indigo\" aria-label=\"Switch to light mode\" type=\"radio\" name=\"__palette\" id=\"__palette_0\"><label class=\"md-header__button md-icon\" title=\"Switch to light mode\" for=\"__palette_1\" hidden><svg aria-hidden=\"true\"><use xlink:href=\"{icons}#material-brightness-auto\"></use></svg></label><input class=\"md-option\" data-md-color-media=\"(prefers-color-scheme: light)\" data-md-color-scheme=\"default\" data-md-color-primary=\"indigo\" data-md-color-accent=\"deep-orange\" aria-label=\"Switch to dark mode\" type=\"radio\" name=\"__palette\" id=\"__palette_1\"><label class=\"md-header__button md-icon\" title=\"Switch to dark mode\" for=\"__palette_2\" hidden><svg aria-hidden=\"true\"><use xlink:href=\"{icons}#material-weather-sunny\"></use></svg></label><input class=\"md-option\" data-md-color-media=\"(prefers-color-scheme: dark)\" data-md-color-scheme=\"slate\" data-md-color-primary=\"indigo\" data-md-color-accent=\"deep-orange\" aria-label=\"Switch to system preference\" type=\"radio\" name=\"__palette\" id=\"__palette_2\"><label class=\"md-header__button md-icon\" title=\"Switch to system preference\" for=\"__palette_0\" hidden><svg aria-hidden=\"true\"><use xlink:href=\"{icons}#material-weather-night\"></use></svg></label></form>";
  const CONFIG = {"annotate": null, "base": ".", "features": ["navigation.instant", "content.code.copy", "navigation.tabs", "navigation.top", "navigation.tracking", "navigation.indexes", "search.suggest", "search.highlight", "toc.follow"], "search": "assets/javascripts/workers/search.a7633da7.min.js", "tags": null, "translations": {"clipboard.copied": "Copied to clipboard", "clipboard.copy": "Copy to clipboard", "search.result.more.one": "1 more on this page", "search.result.more.other": "# more on this page", "search.result.none": "No matching documents", "search.result.one": "1 matching document", "search.result.other": "# matching documents", "search.result.placeholder": "Type to start searching", "search.result.term.missing": "Missing", "select.version": "Select version"}, "version": null};

  function materialsInlineParts() {
    window.__md_scope = root;
    window.__md_hash = (text) => [...text].reduce((hash, character) => (hash << 5) - hash + character.charCodeAt(0), 0);
    window.__md_get = (key, storage = localStorage, scope = __md_scope) => JSON.parse(storage.getItem(scope.pathname + "." + key));
    window.__md_set = (key, value, storage = localStorage, scope = __md_scope) => {
      try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (error) { /* storage full or denied */ }
    };
    script.insertAdjacentHTML("beforebegin", PALETTE.replaceAll("{icons}", icons));
    const config = { ...CONFIG, base: root.href, search: new URL(CONFIG.search, root).href };
    const holder = document.createElement("script");
    holder.id = "__config";
    holder.type = "application/json";
    holder.textContent = JSON.stringify(config);
    script.after(holder);
  }
  if (typeof window.__md_get === "undefined") materialsInlineParts();

  var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
})();
