"""The theme's icons as one SVG sprite (overrides/assets/images/icons.svg), so pages point at them instead of
carrying each icon's path inline: about 2 KB less on every one of tens of thousands of pages.

The sprite holds the icons the header, search and back-to-top button show (mkdocs.yml's theme.icon choices,
else Material's defaults), copied from Material's own icon files. `python -m generator.icons` writes it again;
a test checks that the committed file is what this module makes from the installed Material.
"""

from __future__ import annotations

import re
from pathlib import Path

import material

from generator.site import load_config

ROOT = Path(__file__).resolve().parent.parent
SPRITE = ROOT / "overrides" / "assets" / "images" / "icons.svg"
ICONS = Path(material.__file__).parent / "templates" / ".icons"
# The theme.icon keys the templates use, with Material's default for each.
DEFAULTS = {"logo": "material/library", "menu": "material/menu", "search": "material/magnify",
            "previous": "material/arrow-left", "close": "material/close", "top": "material/arrow-up"}
SVG = re.compile(r'^<svg xmlns="http://www.w3.org/2000/svg" viewBox="([^"]+)">(.*)</svg>\s*$', re.S)


def symbol_id(icon: str) -> str:
    """The id of an icon in the sprite: material/magnify is material-magnify."""
    return icon.replace("/", "-")


def configured_icons(config: Path) -> list[str]:
    """Every icon the header, search and top button can show under this configuration, sorted."""
    theme = load_config(config).get("theme") or {}
    chosen = theme.get("icon") or {}
    icons = {chosen.get(key) or default for key, default in DEFAULTS.items()}
    icons |= {option["toggle"]["icon"] for option in theme.get("palette") or [] if option.get("toggle")}
    return sorted(icons)


def sprite(icons: list[str]) -> str:
    """One SVG of <symbol>s, one per icon, each with the path of Material's icon file."""
    symbols = []
    for icon in icons:
        found = SVG.match((ICONS / f"{icon}.svg").read_text(encoding="utf-8"))
        if not found:
            raise ValueError(f"{ICONS / icon}.svg: not a single-viewBox icon")
        symbols.append(f'<symbol id="{symbol_id(icon)}" viewBox="{found.group(1)}">{found.group(2)}</symbol>')
    return '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"


def main() -> None:
    SPRITE.write_text(sprite(configured_icons(ROOT / "mkdocs.yml")), encoding="utf-8")
    print(f"wrote {SPRITE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
