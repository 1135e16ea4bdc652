"""Where the things a map shows stand: a seeded force layout, fitted to a box, and labels placed clear of each other.

Pure geometry on numbers: nothing here knows papers, tags or SVG. The layout is seeded and rounded at every
step, so the same graph always gives the same positions on any machine.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Box = tuple[float, float, float, float]  # left, top, right, bottom
Link = tuple[int, int, float]  # two positions in the list of things laid out, and how strongly they are linked

ITERATIONS = 300
GRAVITY = 1.5
MAX_LINK = 140  # the longest a link between two close papers is drawn, so that a small map stays compact
CHAR_WIDTH = 0.56  # average glyph width in em, to keep labels apart without measuring text


@dataclass(frozen=True)
class Label:
    """A visible text beside a point: its text, where its baseline starts, and its anchor (start, end, middle)."""

    text: str
    x: float
    y: float
    anchor: str = "start"


# The force layout


def force_layout(count: int, links: Sequence[Link], aspect: float) -> np.ndarray:
    """Positions in [-aspect, aspect] x [-1, 1] after ITERATIONS cooling steps of a Fruchterman-Reingold layout."""
    rng = np.random.default_rng(0)
    positions = rng.uniform(-1.0, 1.0, (count, 2)) * (aspect, 1.0)
    ends = np.array([(source, target) for source, target, _ in links], dtype=int).reshape(-1, 2)
    scores = np.array([score for _, _, score in links], dtype=float)
    weights = (scores / scores.mean())[:, None] if len(links) else scores[:, None]
    spacing = spacing_of(count, aspect)
    for step in range(ITERATIONS):
        temperature = 0.15 * aspect * (1 - step / ITERATIONS) + 0.002
        moves = forces(positions, ends, weights, spacing, aspect)
        lengths = np.maximum(np.hypot(moves[:, 0], moves[:, 1]), 1e-9)[:, None]
        # Rounding each step keeps the layout identical wherever numpy's reductions sum in another order.
        positions = np.round(positions + moves / lengths * np.minimum(lengths, temperature), 6)
    return positions


def forces(positions: np.ndarray, ends: np.ndarray, weights: np.ndarray, spacing: float, aspect: float) -> np.ndarray:
    """Repulsion k^2/d between every two points, attraction d^2/k along links (stronger for a better score),
    and gravity to the centre."""
    dx = positions[:, 0, None] - positions[None, :, 0]
    dy = positions[:, 1, None] - positions[None, :, 1]
    push = spacing * spacing / np.maximum(dx * dx + dy * dy, 1e-6)
    np.fill_diagonal(push, 0.0)
    total = np.stack([(dx * push).sum(axis=1), (dy * push).sum(axis=1)], axis=1)
    stretch = positions[ends[:, 0]] - positions[ends[:, 1]]
    pull = stretch * np.hypot(stretch[:, 0], stretch[:, 1])[:, None] * weights / spacing
    np.add.at(total, ends[:, 0], -pull)
    np.add.at(total, ends[:, 1], pull)
    return total - GRAVITY * positions * (1.0 / aspect, 1.0) * math.sqrt(len(positions))


def fit(positions: np.ndarray, box: Box, spacing: float) -> np.ndarray:
    """Positions scaled to fill a box and centred in it, rounded to one decimal. An axis stretches at most half
    again as much as the other, and a small map no further than MAX_LINK between points a spacing apart."""
    low, high = positions.min(axis=0), positions.max(axis=0)
    size = np.array([box[2] - box[0], box[3] - box[1]])
    scale = np.minimum(size / np.maximum(high - low, 1e-9), MAX_LINK / spacing)
    scale = np.minimum(scale, 1.5 * scale.min())
    middle = np.array([box[0] + box[2], box[1] + box[3]]) / 2
    return np.round((positions - (low + high) / 2) * scale + middle, 1)


def spacing_of(count: int, aspect: float) -> float:
    """Fruchterman and Reingold's ideal distance between points, k = sqrt(area / points)."""
    return math.sqrt(4 * aspect / max(count, 1))


def laid_out(count: int, links: Sequence[Link], box: Box) -> np.ndarray:
    """`count` points laid out by their links and fitted to a box."""
    aspect = (box[2] - box[0]) / (box[3] - box[1])
    return fit(force_layout(count, links, aspect), box, spacing_of(count, aspect))


@functools.cache
def around(count: int, centre: tuple[float, float], radii: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """`count` places on an ellipse around a centre, clockwise from just right of the top, rounded to one decimal."""
    angles = [-math.pi / 2 + (i + 0.5) * 2 * math.pi / count for i in range(count)]
    return tuple((round(centre[0] + radii[0] * math.cos(a), 1), round(centre[1] + radii[1] * math.sin(a), 1))
                 for a in angles)


# Labels


def text_width(text: str, size: float) -> float:
    return len(text) * CHAR_WIDTH * size


def place_labels(texts: Sequence[tuple[int, str]], points: np.ndarray, radii: np.ndarray, box: Box, font_size: float,
                 limit: int) -> dict[int, Label]:
    """Labels for up to `limit` of the given points (best first, each with its text), each beside its point and
    clear of the other labels: first where it hides no dot, then, for those still unlabelled, where it hides no
    dot's centre."""
    placed: list[Box] = []
    labels: dict[int, Label] = {}
    for clearance in (radii + 1, np.full(len(radii), 3.0)):
        for i, text in ((i, text) for i, text in texts if i not in labels and len(labels) < limit):
            spot = free_spot(label_spots(text, points[i], radii[i], font_size), i, (points, clearance), placed, box)
            if spot:
                placed.append(spot[0])
                labels[i] = spot[1]
    return labels


def free_spot(spots: list[tuple[Box, Label]], own: int, dots: tuple[np.ndarray, np.ndarray], placed: list[Box],
              box: Box) -> tuple[Box, Label] | None:
    """The first spot that stays clear of the box's edges, the labels placed and the dots (centres and
    clearances) other than its own."""
    points, clearance = dots
    for spot in spots:
        if inside(spot[0], box) and not any(overlap(spot[0], other) for other in placed) \
                and not hits_dots(spot[0], points, clearance, own):
            return spot
    return None


def label_spots(text: str, point: np.ndarray, radius: float, font_size: float) -> list[tuple[Box, Label]]:
    """Where a label can stand beside its dot, right, left, above and below: its box and the label."""
    x, y = float(point[0]), float(point[1])
    width, gap, half = text_width(text, font_size), radius + 3, font_size / 2
    baseline = y + font_size * 0.35
    return [((x + gap, y - half, x + gap + width, y + half), Label(text, x + gap, baseline, "start")),
            ((x - gap - width, y - half, x - gap, y + half), Label(text, x - gap, baseline, "end")),
            ((x - width / 2, y - gap - font_size, x + width / 2, y - gap), Label(text, x, y - gap - 3, "middle")),
            ((x - width / 2, y + gap, x + width / 2, y + gap + font_size),
             Label(text, x, y + gap + font_size * 0.8, "middle"))]


def hits_dots(label: Box, points: np.ndarray, clearance: np.ndarray, own: int) -> bool:
    """Whether a label's box comes within each dot's clearance of its centre, its own dot apart."""
    nearest_x = np.clip(points[:, 0], label[0], label[2])
    nearest_y = np.clip(points[:, 1], label[1], label[3])
    hit = np.hypot(points[:, 0] - nearest_x, points[:, 1] - nearest_y) < clearance
    hit[own] = False
    return bool(hit.any())


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] + 2 and b[0] < a[2] + 2 and a[1] < b[3] and b[1] < a[3]


def inside(a: Box, box: Box) -> bool:
    return a[0] >= box[0] - 10 and a[2] <= box[2] + 10 and a[1] >= box[1] - 10 and a[3] <= box[3] + 10


# Regions: circles that must not overlap


def separate(centres: np.ndarray, radii: np.ndarray, box: Box, gap: float, steps: int = 300) -> np.ndarray:
    """Circles pushed apart until no two overlap (with `gap` between them) and each stays inside the box: every
    step moves each overlapping pair apart by half their overlap, then back inside; rounded at every step."""
    low = np.array([box[0], box[1]]) + radii[:, None]
    high = np.maximum(np.array([box[2], box[3]]) - radii[:, None], low)
    positions = np.clip(centres.astype(float), low, high)
    for _ in range(steps):
        delta = positions[:, None, :] - positions[None, :, :]
        distance = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 1e-6)
        overlap = radii[:, None] + radii[None, :] + gap - distance
        np.fill_diagonal(overlap, 0.0)
        overlap = np.maximum(overlap, 0.0)
        if not overlap.any():
            break
        push = (delta / distance[..., None] * (overlap / 2)[..., None]).sum(axis=1)
        positions = np.round(np.clip(positions + push, low, high), 4)
    return np.round(positions, 1)


def spiral(count: int, centre: tuple[float, float], radius: float) -> list[tuple[float, float]]:
    """`count` points spread evenly over a disc (Vogel's sunflower spiral), the first at the centre."""
    golden = math.pi * (3 - math.sqrt(5))
    return [(round(centre[0] + radius * math.sqrt(i / max(count - 1, 1)) * math.cos(i * golden), 1),
             round(centre[1] + radius * math.sqrt(i / max(count - 1, 1)) * math.sin(i * golden), 1))
            for i in range(count)]
