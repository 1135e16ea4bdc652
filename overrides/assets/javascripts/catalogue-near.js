// A paper's neighbourhood map, drawn from the data its page carries (generator/write/nearmap.py): the paper in
// the middle, its related papers (a thicker line for a closer one) and the papers it mentions or that mention
// it (dashed) on an ellipse around it, each a labelled link. The same SVG the generator drew before, in the
// same place; every value is set as text or as an attribute, nothing is parsed as markup.
(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const XLINK = "http://www.w3.org/1999/xlink";
  const WIDTH = 440, HEIGHT = 260, RX = 46, RY = 100;
  const RELATION = { r: "related", m: "mentioned", b: "mentions this paper" };

  function svg(tag, attributes = {}, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function titled(text) {
    const title = svg("title");
    title.textContent = text;
    return title;
  }

  const round = (value) => Math.round(value * 10) / 10;

  // Places on an ellipse around the centre, clockwise from just right of the top (topicmap.near_points).
  function spots(count) {
    return Array.from({ length: count }, (_, i) => {
      const angle = -Math.PI / 2 + (i + 0.5) * 2 * Math.PI / count;
      return [round(WIDTH / 2 + RX * Math.cos(angle)), round(HEIGHT / 2 + RY * Math.sin(angle))];
    });
  }

  // A neighbour's full title, from the page's own link to it (related papers, mentions), else its label.
  function titleOf(href, label, article) {
    const link = [...article.querySelectorAll("a[href]")].find((a) => a.getAttribute("href") === href);
    return link ? link.textContent.trim() : label;
  }

  function draw(data, article) {
    const heading = article.querySelector("h1")?.cloneNode(true);
    heading?.querySelectorAll(".headerlink").forEach((permalink) => permalink.remove());
    const centre = heading ? heading.textContent.trim() : data.caption;
    const edges = svg("g", { class: "topic-map__edges", fill: "none", stroke: "currentColor", "stroke-opacity": ".45" });
    const nodes = svg("g", { class: "topic-map__nodes" },
      svg("g", { class: "topic-map__centre" }, titled(centre),
        svg("circle", { cx: WIDTH / 2, cy: HEIGHT / 2, r: 9, fill: data.colour, stroke: "currentColor", "stroke-width": 2 })));
    spots(data.near.length).forEach(([x, y], i) => {
      const [href, label, colour, relation, width] = data.near[i];
      edges.append(svg("path", width ? { "stroke-width": width, d: `M${WIDTH / 2} ${HEIGHT / 2}L${x} ${y}` }
        : { "stroke-width": 1.2, "stroke-dasharray": "4 3", d: `M${WIDTH / 2} ${HEIGHT / 2}L${x} ${y}` }));
      const right = x >= WIDTH / 2;
      const text = svg("text", right ? { x: x + 10, y: y + 4 } : { x: x - 10, y: y + 4, "text-anchor": "end" });
      text.textContent = label;
      const link = svg("a", {}, titled(`${titleOf(href, label, article)} (${RELATION[relation]})`),
        svg("circle", { cx: x, cy: y, r: 6, fill: colour }), text);
      link.setAttributeNS(XLINK, "xlink:href", href);
      nodes.append(link);
    });
    const caption = svg("text", { class: "topic-map__caption", x: 8, y: 16 });
    caption.textContent = data.caption;
    const picture = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT,
      style: "max-width:100%;height:auto", role: "group", "aria-label": data.caption, "font-size": 12,
      fill: "currentColor" }, titled(data.caption), caption, edges, nodes);
    const figure = document.createElement("figure");
    figure.className = "topic-map";
    figure.append(picture);
    return figure;
  }

  function mount() {
    for (const holder of document.querySelectorAll("script.catalogue-near")) {
      const frame = holder.parentElement;
      if (frame.querySelector("figure")) continue;
      frame.append(draw(JSON.parse(holder.textContent), frame.closest("article") || document.body));
    }
  }

  if (window.document$) window.document$.subscribe(mount);  // Material's instant navigation
  else document.addEventListener("DOMContentLoaded", mount);
})();
