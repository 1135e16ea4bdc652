"""Math in titles and abstracts: which `$...$` spans are formulas, and each as sanitised MathML and as plain text.

Authors write LaTeX math between dollar signs (`Mem-$\\pi$`, `Crab$^{+}$`). A span counts as math only as
Pandoc reads it: the opening `$` is followed by a non-space, the closing `$` follows a non-space and is not
followed by a digit, so `$5 million` or `$5 and $10` stay as written. A span becomes MathML (no script: browsers
render it natively) only when every command in it is on a short list of typesetting commands, and it is short and
shallow; anything else (`\\href`, `\\url`, `\\style`, `\\class`, `\\htmlId`, `\\def`, unknown macros) is shown as
its source text. The MathML that latex2mathml makes is parsed and written again keeping only MathML elements and a
few presentation attributes, so no link, event handler or style can come out of it whatever the converter does.

Reading formulas is shared by the analysis (map labels, in plain text) and the pages (generator/write/math.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring
from latex2mathml.converter import convert

from generator.inert import escape_specials

MAX_SOURCE = 160  # characters of LaTeX in one span: titles and abstracts hold short formulas
MAX_DEPTH = 6  # nested braces
MAX_OUTPUT = 6000  # characters of MathML for one span
SPAN = re.compile(rf"\$\$[^$\n]{{1,{MAX_SOURCE}}}?\$\$"
                  rf"|(?<![\\$])\$(?=[^\s$])(?:\\.|[^$\\\n]){{1,{MAX_SOURCE}}}?(?<=[^\s\\])\$(?![\d$])")
COMMAND = re.compile(r"\\([A-Za-z]+|.)", re.S)
FORBIDDEN = re.compile(r"[#&\x00-\x1f]|\^\^")  # macro parameters, alignment, TeX's ^^ character codes
PERCENT = re.compile(r"(?<!\\)%")  # abstracts write 10% inside math meaning percent; to TeX it starts a comment
GREEK = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho "
         "varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi "
         "Psi Omega")
COMMANDS = frozenset((GREEK + " "
    # structure and fonts
    "frac dfrac tfrac sqrt left right big Big bigg Bigg mathbf mathcal mathrm mathit mathbb mathsf mathtt mathfrak "
    "boldsymbol text textbf textit textrm textsf texttt mbox rm bf it cal operatorname hat tilde bar vec dot ddot "
    "overline underline widehat widetilde limits nolimits displaystyle textstyle "
    # operators, relations, arrows, symbols
    "cdot cdots ldots dots vdots ddots times div pm mp ast star circ bullet oplus otimes odot leq le geq ge neq ne "
    "approx sim simeq cong equiv propto ll gg leqslant geqslant prec succ in notin ni subset subseteq supset supseteq "
    "cup cap setminus emptyset varnothing infty partial nabla sum prod int oint lim log ln exp sin cos tan max min "
    "arg argmax argmin sup inf det Pr to rightarrow leftarrow Rightarrow Leftarrow leftrightarrow Leftrightarrow "
    "mapsto uparrow downarrow gets forall exists neg lnot land lor wedge vee prime langle rangle lfloor rfloor lceil "
    "rceil mid vert Vert parallel perp top bot dagger ell hbar imath jmath aleph sharp flat natural triangle "
    "quad qquad binom bm pmod mathscr gcd ominus gtrsim lesssim tanh dim ker implies colon bigcup bigl bigr bigstar "
    "arccos nmid emph not xrightarrow").split())
TEXT_ESCAPE = re.compile(r"\\([%_{}$])")  # latex2mathml keeps \% as written inside \text{}
ESCAPES = frozenset(",;:! {}%_|$")  # \, \; \: \! \  \{ \} \% \_ \| \$
ELEMENTS = frozenset("math mrow mi mn mo ms mtext mspace msub msup msubsup mfrac msqrt mroot munder mover munderover "
                     "mstyle mpadded mphantom mtable mtr mtd".split())
ATTRIBUTES = frozenset("mathvariant stretchy fence form separator accent accentunder movablelimits largeop symmetric "
                       "lspace rspace width linethickness displaystyle scriptlevel minsize maxsize".split())
ATTRIBUTE_VALUE = re.compile(r"[A-Za-z0-9.\-]{1,16}")
MATHML = "{http://www.w3.org/1998/Math/MathML}"
SUPERSCRIPTS = dict(zip("0123456789+-−=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿ", strict=True))
SUBSCRIPTS = dict(zip("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎", strict=True))


@dataclass(frozen=True)
class Formula:
    """A math span that typesets: its source as written (dollars included), its MathML and a plain-text reading."""

    source: str
    mathml: str
    text: str


def pieces(text: str) -> list[str | Formula]:
    """The text as plain runs and the formulas in it, in order; a span that may not typeset stays in its run."""
    parts: list[str | Formula] = []
    position = 0
    for match in SPAN.finditer(text):
        formula = typeset(match.group())
        if formula is None:
            continue
        if match.start() > position:
            parts.append(text[position:match.start()])
        parts.append(formula)
        position = match.end()
    if position < len(text):
        parts.append(text[position:])
    return parts


@cache
def plain_text(text: str) -> str:
    """The text with each formula read as plain text (`π` for `$\\pi$`), for places that cannot hold markup."""
    if "$" not in text:
        return text
    return "".join(part.text if isinstance(part, Formula) else part for part in pieces(text))


@cache
def typeset(span: str) -> Formula | None:
    """A `$...$` or `$$...$$` span as a Formula, or None when it holds anything but the allowed commands."""
    source = span.strip("$")
    if not allowed(source):
        return None
    try:
        tree = fromstring(convert(PERCENT.sub(r"\\%", source)))
        top = list(tree)
        if len(top) == 1 and top[0].tag == MATHML + "mrow" and not (top[0].text or "").strip():
            top = list(top[0])  # <math> is a row of its own
        mathml = "<math>" + "".join(clean(child) for child in top) + "</math>"
    except Exception:  # noqa: BLE001  malformed input, or markup latex2mathml let through: the source is shown
        return None
    if len(mathml) > MAX_OUTPUT:
        return None
    return Formula(source=span, mathml=mathml, text="".join(reading(child) for child in tree))


def allowed(source: str) -> bool:
    """Whether LaTeX source uses only allowed commands, is short and nests its braces shallowly and evenly."""
    bare = COMMAND.sub(" ", source)
    if len(source) > MAX_SOURCE or FORBIDDEN.search(bare):
        return False
    for command in COMMAND.finditer(source):
        name = command.group(1)
        if name not in COMMANDS and not (len(name) == 1 and name in ESCAPES):
            return False
    depth = 0
    for char in bare:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0 or depth > MAX_DEPTH:
            return False
    return depth == 0


def clean(element: Element) -> str:
    """An element as MathML text: allowed elements and attributes only; an mrow of one element is that element."""
    tag = element.tag.removeprefix(MATHML)
    if tag not in ELEMENTS:
        raise ValueError(f"unexpected MathML element {tag!r}")
    children = list(element)
    lone = len(children) == 1 and not (element.text or "").strip() and not (children[0].tail or "").strip()
    if tag == "mrow" and lone:
        return clean(children[0])
    attributes = "".join(f' {name}="{value}"' for name, value in sorted(element.attrib.items())
                         if name in ATTRIBUTES and ATTRIBUTE_VALUE.fullmatch(value))
    text = TEXT_ESCAPE.sub(r"\1", element.text or "") if tag == "mtext" else element.text or ""
    inner = escape_specials(text) + "".join(clean(child) + escape_specials(child.tail or "")
                                                          for child in children)
    return f"<{tag}{attributes}>{inner}</{tag}>"


def reading(element: Element) -> str:
    """A plain-text reading of a MathML element: x², x_i, a/b, √x."""
    tag = element.tag.removeprefix(MATHML)
    parts = [reading(child) for child in element]
    if tag in ("msup", "msub") and len(parts) == 2:
        superscript = tag == "msup"
        return parts[0] + scripted(parts[1], SUPERSCRIPTS if superscript else SUBSCRIPTS, "^" if superscript else "_")
    if tag == "msubsup" and len(parts) == 3:
        return parts[0] + scripted(parts[1], SUBSCRIPTS, "_") + scripted(parts[2], SUPERSCRIPTS, "^")
    if tag == "mfrac" and len(parts) == 2:
        return f"{parts[0]}/{parts[1]}"
    if tag == "msqrt":
        return "√" + "".join(parts)
    if tag == "mspace":
        return " "
    return (element.text or "") + "".join(parts)


def scripted(text: str, characters: dict[str, str], mark: str) -> str:
    """A sub- or superscript in Unicode's small figures when it has them all, else after `_` or `^`."""
    if text and all(char in characters for char in text):
        return "".join(characters[char] for char in text)
    return mark + (text if len(text) == 1 else "{" + text + "}")
