// A paper's neighbourhood map, drawn in the browser from the page's JSON island (generator/write/svg.py,
// neighbourhood_data) as the SVG that generator/write/templates/map.svg.j2 draws for the other maps: the island
// holds where each dot goes and its label; a dot's link and title are those of its entry in the page's own lists
// of papers, so the page does not say them twice. Text only ever becomes text nodes, and a link only ever the
// href of a link the page already holds. Without JavaScript the lists are the page's related papers.
(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const XLINK = "http://www.w3.org/1999/xlink";
  // generator/write/svg.py COLOURS: the areas' palette, then the colour of the other areas (a test compares them).
  const COLOURS = ["#337ce2", "#c76005", "#248f50", "#e33e59", "#9b63d2", "#9d7808", "#118a95", "#d146a2",
    "#4e8c23", "#a8612f", "#7d7d7d"];
  // The page's lists of papers in page order (generator/write/templates/paper-body.html.j2), each with how its papers
  // are linked to this one, as generator/enrich/maps.py words it.
  const LISTS = [[".related-papers > ol", "related"], [".paper-mentions + p + ul", "mentioned"],
    [".paper-mentioned-by + ul", "mentions this paper"]];

  // At most one decimal, as generator/write/svg.py `number` writes a coordinate.
  const number = (value) => String(Math.round(value * 10) / 10 + 0);

  function element(name, attributes, ...children) {
    const made = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value);
    made.append(...children);
    return made;
  }

  const title = (text) => element("title", {}, text);

  // Each item's first link is its paper's (a loose list puts it in a <p>); what follows it holds no link.
  function entries(article) {
    return LISTS.flatMap(([list, relation]) => [...article.querySelectorAll(`${list} > li`)]
      .map((item) => ({ link: item.querySelector("a[href]"), relation })));
  }

  function edge(map, [x, y, , , , width]) {
    const line = width ? { "stroke-width": number(width) } : { "stroke-width": "1.2", "stroke-dasharray": "4 3" };
    return element("path", { ...line, d: `M${map.centre[0]} ${map.centre[1]}L${x} ${y}` });
  }

  // A neighbour: its dot and its label, beside the dot and away from the centre (generator/enrich/maps.py
  // `neighbour`), as a link to its entry in the page's lists.
  function neighbour([x, y, colour, label, end, , place, text], listed) {
    const entry = listed[place]?.link ? listed[place] : null;  // none: the island says so (-1), or the page changed
    const anchor = end ? { "text-anchor": "end" } : {};
    const shown = [title(text ?? (entry ? `${entry.link.textContent} (${entry.relation})` : label)),
      element("circle", { cx: x, cy: y, r: "6", fill: COLOURS[colour] }),
      element("text", { x: number(x + (end ? -10 : 10)), y: number(y + 4), ...anchor }, label)];
    if (!entry) return element("g", {}, ...shown);
    const link = element("a", {}, ...shown);
    link.setAttributeNS(XLINK, "xlink:href", entry.link.getAttribute("href"));
    return link;
  }

  function figure(map, listed) {
    const [width, height] = map.size;
    const [cx, cy, colour] = map.centre;
    const svg = element("svg", {
      viewBox: `0 0 ${width} ${height}`, width, height, style: "max-width:100%;height:auto", role: "group",
      "aria-label": map.caption, "font-size": map.font, fill: "currentColor",
    }, title(map.caption), element("text", { class: "topic-map__caption", x: "8", y: "16" }, map.caption),
    element("g", { class: "topic-map__edges", fill: "none", stroke: "currentColor", "stroke-opacity": ".45" },
      ...map.nodes.map((node) => edge(map, node))),
    element("g", { class: "topic-map__nodes" },
      element("g", { class: "topic-map__centre" }, title(map.title), element("circle", {
        cx, cy, r: "9", fill: COLOURS[colour], stroke: "currentColor", "stroke-width": "2",
      })),
      ...map.nodes.map((node) => neighbour(node, listed))));
    const drawn = document.createElement("figure");
    drawn.className = "topic-map";
    drawn.dataset.searchExclude = "true";
    drawn.dataset.pagefindIgnore = "all";
    drawn.append(svg);
    return drawn;
  }

  function mount() {
    for (const island of document.querySelectorAll(".topic-map-frame--paper > script.neighbourhood-data")) {
      const frame = island.parentElement;
      if (frame.querySelector("figure")) continue;
      frame.append(figure(JSON.parse(island.textContent), entries(frame.closest("article") || document)));
    }
  }

  if (window.document$) window.document$.subscribe(mount);  // Material's instant navigation
  else document.addEventListener("DOMContentLoaded", mount);
})();
