"""Measuring related papers and tags against labelled groups of papers that belong together.

For each labelled paper: hit@3 (one of its top 3 related papers is in its group) and precision@3
(the share of its top 3 links that are in its group). For tags: each group's most telling tag,
the share of the group that carries it, and the share of other papers that do. For the areas
(the top-level tags): precision and recall on a sample of the corpus labelled by hand with the
areas of tests/eval/corpus_areas_rules.md.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

import numpy as np
from pydantic import Field
from sklearn.cluster import KMeans
from sklearn.metrics import normalized_mutual_info_score

from generator.enrich import paper_of
from generator.enrich.embeddings import MODEL
from generator.enrich.related import BASELINE, MEANING_ONLY, RelatedSettings, find_related, vectorise
from generator.enrich.tags import assign_tags
from generator.enrich.topics import SEED as TOPIC_SEED
from generator.enrich.topics import find_topics, topic_count
from generator.errors import InputError, Notice
from generator.model import Paper, Tag
from generator.read import Reading, read, read_bytes
from generator.read.jsonl import parse_jsonl
from generator.read.text import decode
from generator.yamlfile import Entry, Text, load_models

TOP = 3
JUDGED_STEP = 9  # the judged set's slice: every ninth corpus record (tests/eval/related_rating_rules.md)

# Each step adds one change to the one before; the last is the generator's default.
CONFIGURATIONS: dict[str, RelatedSettings] = {
    "baseline: TF-IDF as arxiv-sanity-lite (English stop words, 1-2-grams, sublinear tf)": BASELINE,
    "+ domain stop words (not kept)": replace(BASELINE, domain_stop_words=True),
    "+ title counted twice": replace(BASELINE, title_weight=2),
    "BM25 weights instead of TF-IDF (not kept)": replace(BASELINE, title_weight=2, weighting="bm25"),
    "TF-IDF, title twice + shared topical tags": replace(RelatedSettings(), mention_weight=0.0, min_score=0.0),
    "+ mentions": replace(RelatedSettings(), min_score=0.0),
    "+ threshold: the generator's default (without embeddings)": RelatedSettings(),
}


@dataclass(frozen=True)
class Scores:
    """How well related links match the groups."""

    papers: int
    hit_at_3: float
    precision_at_3: float


@dataclass(frozen=True)
class TagFit:
    """A group's most telling tag: the share of the group that has it, and of the other papers."""

    group: str
    tag: str
    in_group: float
    outside: float


Labels = dict[str, frozenset[str]]  # slug -> the groups it belongs to (its primary group first in the file)


class GroupEntry(Entry):
    """One hand-labelled group of papers that belong together, as the labeller writes it."""

    noun: ClassVar[str] = "group"
    shape: ClassVar[str] = "write each group as '- name: ...' with a definition and papers"
    name: Text = Field(description="give every group a 'name:'")
    definition: Text = Field(description="add a one-line 'definition:' of what belongs in the group")
    papers: list[Text] = Field(min_length=1, description="list the slugs of the group's papers under 'papers:'")
    also: list[Text] = Field([], description="list under 'also:' the slugs of papers whose primary group is another")


@dataclass(frozen=True)
class AreaFit:
    """One area on the labelled corpus sample: papers labelled with it, papers tagged with it, and both.
    Precision is None when no paper is tagged, recall when none is labelled."""

    area: str
    labelled: int
    tagged: int
    correct: int
    precision: float | None
    recall: float | None


def load_groups(path: Path, slugs: set[str]) -> tuple[dict[str, str], Labels]:
    """Each labelled paper's primary group, and all its groups (primary and `also:`). Every problem (a
    malformed group, an unknown slug, a paper with two primary groups) is reported at once with its line."""
    entries, problems = load_models(path, "groups", GroupEntry)
    problems += _group_problems(str(path), entries, slugs)
    if problems:
        raise InputError.collected(problems)
    groups: dict[str, set[str]] = {}
    for _, group in entries:
        for slug in (*group.papers, *group.also):
            groups.setdefault(slug, set()).add(group.name)
    primary = {slug: group.name for _, group in entries for slug in group.papers}
    return primary, {slug: frozenset(names) for slug, names in groups.items()}


def _group_problems(file: str, entries: list[tuple[int, GroupEntry]], slugs: set[str]) -> list[Notice]:
    """Group names are unique, every slug is a paper's, and a paper has one primary group."""
    problems: list[Notice] = []
    primary: dict[str, str] = {}
    for position, (line, group) in enumerate(entries):
        earlier = {other.name for _, other in entries[:position]}
        problems += [Notice(file, line, f"group {group.name!r}: {message}", fix)
                     for message, fix in _mistakes(group, slugs, primary, earlier)]
        for slug in group.papers:
            primary.setdefault(slug, group.name)
    return problems


def _mistakes(group: GroupEntry, slugs: set[str], primary: dict[str, str], earlier: set[str]) -> list[tuple[str, str]]:
    named = [("another group has this name", "rename one of them")] if group.name in earlier else []
    unknown = [(f"unknown paper {slug!r}", "use slugs from papers.json")
               for slug in (*group.papers, *group.also) if slug not in slugs]
    twice = [(f"{slug!r} is already in group {primary[slug]!r}", "list it under 'also:' in one of them")
             for slug in group.papers if slug in primary]
    return named + unknown + twice


def related_scores(papers: Sequence[Paper], labels: Labels, related: dict[str, list[str]]) -> Scores:
    """hit@3 and precision@3 of the related lists (slug -> related slugs, best first) on labelled papers:
    a link is in-group when the two papers share a group. Missing links count as misses."""
    labelled = [paper.slug for paper in papers if paper.slug in labels]
    hits = precision = 0.0
    for slug in labelled:
        top = related.get(slug, [])[:TOP]
        same = sum(1 for other in top if labels[slug] & labels.get(other, frozenset()))
        hits += same > 0
        precision += same / TOP
    count = len(labelled) or 1
    return Scores(len(labelled), round(hits / count, 3), round(precision / count, 3))


def tag_fits(papers: Sequence[Paper], label: dict[str, str]) -> list[TagFit]:
    """For each group, the tag that best separates it from the rest (in-group share minus outside share)."""
    fits = []
    for group in sorted(set(label.values())):
        members = [paper for paper in papers if label.get(paper.slug) == group]
        others = [paper for paper in papers if label.get(paper.slug) != group]
        tags = sorted({tag for paper in members for tag in paper.tags})

        def share(tag: str, among: list[Paper]) -> float:
            return sum(tag in paper.tags for paper in among) / max(1, len(among))

        best = max(tags, key=lambda tag: (share(tag, members) - share(tag, others), tag), default="")
        fits.append(TagFit(group, best, round(share(best, members), 2), round(share(best, others), 2)))
    return fits


def related_lists(papers: Sequence[Paper], settings: RelatedSettings,
                  vectors: np.ndarray | None = None) -> dict[str, list[str]]:
    """Each paper's related slugs, best first, under some settings (and with the papers' embeddings, if given)."""
    found, _ = find_related(papers, settings, vectors=vectors)
    lists: dict[str, list[str]] = {}
    for row, other in zip(found.rows.tolist(), found.others.tolist(), strict=True):
        lists.setdefault(papers[row].slug, []).append(papers[other].slug)
    return lists


def compare(papers: Sequence[Paper], labels: Labels, vectors: np.ndarray | None = None) -> list[tuple[str, Scores]]:
    """Every configuration's scores on the same papers and labels; with embeddings, the default's with them last."""
    rows = [(name, related_scores(papers, labels, related_lists(papers, settings)))
            for name, settings in CONFIGURATIONS.items()]
    if vectors is not None:
        rows.append(("+ embeddings: the default with the embedding cache",
                     related_scores(papers, labels, related_lists(papers, RelatedSettings(), vectors))))
    return rows


def category_labels(papers: Sequence[Paper]) -> Labels:
    """Weak labels for papers with arXiv categories: the primary (first) category."""
    return {paper.slug: frozenset(paper.categories[:1]) for paper in papers if paper.categories}


def corpus_sample(path: Path, size: int) -> Reading:
    """Every k-th record of a JSON Lines corpus, read in memory; an InputError when the file is absent."""
    lines = decode(read_bytes(path), str(path)).splitlines()
    step = max(1, len(lines) // size)
    parsed = parse_jsonl("\n".join(lines[::step][:size]), str(path))
    return Reading(parsed.papers, (), parsed.notices)


def load_area_labels(path: Path) -> dict[str, frozenset[str]]:
    """The labelled corpus sample: each paper's arXiv id and its areas, one JSON object a line."""
    labels: dict[str, frozenset[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            record = json.loads(line)
            labels[record["id"]] = frozenset(record["areas"])
        except (json.JSONDecodeError, KeyError, TypeError):
            raise InputError(str(path), number, "not a labelled paper",
                             'write {"id": ..., "title": ..., "areas": [...]} on each line') from None
    return labels


def labelled_papers(corpus: Path | None, ids: set[str]) -> list[Paper] | None:
    """The corpus papers with the given arXiv ids, or None when the corpus is absent."""
    if corpus is None or not corpus.is_file():
        return None
    papers = [paper_of(record, str(record.arxiv_id)) for record in read([corpus]).records
              if str(record.arxiv_id) in ids]
    missing = sorted(ids - {str(paper.arxiv_id) for paper in papers})
    if missing:
        raise InputError(str(corpus), None,
                         f"{len(missing)} labelled papers are not in the corpus (first: {missing[0]})",
                         "evaluate against the corpus the sample was drawn from")
    return papers


def area_fits(papers: Sequence[Paper], labels: dict[str, frozenset[str]], areas: Sequence[str]) -> list[AreaFit]:
    """Each area's precision and recall: the tagged papers (tags already assigned) against the labels."""
    fits = []
    for area in areas:
        labelled = {paper.slug for paper in papers if area in labels[paper.slug]}
        tagged = {paper.slug for paper in papers if area in paper.tags}
        correct = len(labelled & tagged)
        fits.append(AreaFit(area, len(labelled), len(tagged), correct,
                            round(correct / len(tagged), 3) if tagged else None,
                            round(correct / len(labelled), 3) if labelled else None))
    return fits


def measured_areas(taxonomy: Sequence[Tag], labels: dict[str, frozenset[str]]) -> list[str]:
    """The areas the labels use, in the taxonomy's order; a fallback tag is not an area and is not measured."""
    named = set().union(*labels.values())
    order = [tag.name for tag in taxonomy if tag.parent is None and not tag.fallback and tag.name in named]
    return order + sorted(named - set(order))


def area_report(corpus: Path | None, labels_path: Path, taxonomy: tuple[Tag, ...]) -> dict | None:
    """The areas' precision and recall on the labelled sample, tagged with the taxonomy; None without the corpus."""
    labels = load_area_labels(labels_path)
    papers = labelled_papers(corpus, set(labels))
    if papers is None:
        return None
    tagged = assign_tags(papers, taxonomy)  # each labelled paper's slug is its arXiv id
    fits = area_fits(tagged, labels, measured_areas(taxonomy, labels))
    return {"papers": len(tagged), "areas": [fit.__dict__ for fit in fits]}


@dataclass(frozen=True)
class TopicFit:
    """How one way of grouping papers matches the labelled areas and the arXiv primary categories."""

    method: str
    topics: int
    purity_areas: float
    nmi_areas: float
    purity_categories: float
    nmi_categories: float


def topic_report(sample: Sequence[Paper], labelled: Sequence[Paper], areas: dict[str, frozenset[str]]) -> dict:
    """Topics found in the corpus sample with the labelled papers added, scored on the labelled papers' areas and
    on every paper's primary arXiv category, beside plain k-means on TF-IDF with as many groups."""
    seen = {str(paper.arxiv_id) for paper in sample}
    papers = list(sample) + [paper for paper in labelled if str(paper.arxiv_id) not in seen]
    count = topic_count(len(papers))
    ours = {slug: number for number, topic in enumerate(find_topics(papers)) for slug in topic.papers}
    matrix, _ = vectorise(papers, BASELINE)
    plain = KMeans(n_clusters=count, n_init=4, random_state=TOPIC_SEED).fit_predict(matrix)
    fits = [topic_fit("k-means on TF-IDF (baseline)", papers, [int(group) for group in plain], areas),
            topic_fit("topics: LSA + k-means (the generator's)", papers, [ours[paper.slug] for paper in papers], areas)]
    return {"papers": len(papers), "labelled": sum(1 for paper in papers if areas.get(str(paper.arxiv_id))),
            "fits": [fit.__dict__ for fit in fits]}


def topic_fit(method: str, papers: Sequence[Paper], groups: list[int], areas: dict[str, frozenset[str]]) -> TopicFit:
    """Purity (a paper counts when it has its group's most common label) and NMI, against the areas of the labelled
    papers and against the primary categories."""
    labelled = [(group, areas[str(paper.arxiv_id)]) for paper, group in zip(papers, groups, strict=True)
                if areas.get(str(paper.arxiv_id))]
    categorised = [(group, frozenset(paper.categories[:1])) for paper, group in zip(papers, groups, strict=True)
                   if paper.categories]
    return TopicFit(method, len(set(groups)), purity(labelled), nmi(labelled), purity(categorised), nmi(categorised))


def purity(grouped: list[tuple[int, frozenset[str]]]) -> float:
    """The share of papers that carry the label most common in their group."""
    counts: dict[int, Counter[str]] = {}
    for group, labels in grouped:
        counts.setdefault(group, Counter()).update(labels)
    return round(sum(max(counter.values()) for counter in counts.values()) / max(len(grouped), 1), 3)


def nmi(grouped: list[tuple[int, frozenset[str]]]) -> float:
    """Normalised mutual information of the groups and the labels, on the papers with a single label (a paper with
    several areas has no one class to score against)."""
    single = [(group, next(iter(labels))) for group, labels in grouped if len(labels) == 1]
    return round(float(normalized_mutual_info_score([label for _, label in single], [group for group, _ in single])), 3)


def topic_table(fits: list[TopicFit]) -> str:
    return markdown_table(["grouping", "topics", "purity (areas)", "NMI (areas)", "purity (arXiv primary)",
                           "NMI (arXiv primary)"],
                          [[fit.method, str(fit.topics), f"{fit.purity_areas:.3f}", f"{fit.nmi_areas:.3f}",
                            f"{fit.purity_categories:.3f}", f"{fit.nmi_categories:.3f}"] for fit in fits])


@dataclass(frozen=True)
class Judged:
    """One method's top 3 on the judged queries: mean grade over 2 (0-1), the shares rated 1 or 2 and rated 2,
    the share of its top 3 that has a grade (unjudged ones are left out of the means, a missing link counts 0),
    and the queries on which it does better and worse than the baseline."""

    method: str
    mean_grade: float
    related: float
    close: float
    judged: float
    better: int
    worse: int


Grades = dict[tuple[str, str], int]  # (query arXiv id, candidate arXiv id) -> 0, 1 or 2


def load_grades(path: Path) -> Grades:
    """The judged pairs, one JSON object a line: {"query": id, "candidate": id, "grade": 0|1|2}."""
    grades: Grades = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            record = json.loads(line)
            grade = record["grade"]
            if grade not in (0, 1, 2):
                raise TypeError
            grades[str(record["query"]), str(record["candidate"])] = grade
        except (json.JSONDecodeError, KeyError, TypeError):
            raise InputError(str(path), number, "not a judged pair",
                             'write {"query": ID, "candidate": ID, "grade": 0, 1 or 2} on each line') from None
    return grades


def judged_slice(corpus: Path) -> Reading:
    """The corpus slice the judged set was drawn from: every JUDGED_STEP-th record."""
    lines = decode(read_bytes(corpus), str(corpus)).splitlines()
    parsed = parse_jsonl("\n".join(lines[::JUDGED_STEP]), str(corpus))
    return Reading(parsed.papers, (), parsed.notices)


def top_by_id(papers: Sequence[Paper], settings: RelatedSettings, vectors: np.ndarray | None) -> dict[str, list[str]]:
    """Each paper's related papers by arXiv id, best first."""
    found, _ = find_related(papers, settings, vectors=vectors)
    lists: dict[str, list[str]] = {}
    for row, other in zip(found.rows.tolist(), found.others.tolist(), strict=True):
        lists.setdefault(str(papers[row].arxiv_id), []).append(str(papers[other].arxiv_id))
    return lists


def per_query(lists: dict[str, list[str]], grades: Grades) -> dict[str, list[int | None]]:
    """Each judged query's top-3 grades: None for an unjudged candidate, 0 for a missing link."""
    queries = sorted({query for query, _ in grades})
    return {query: [grades.get((query, other)) for other in lists.get(query, [])[:TOP]]
            + [0] * (TOP - len(lists.get(query, [])[:TOP])) for query in queries}


def judged_scores(method: str, graded: dict[str, list[int | None]], reference: dict[str, list[int | None]]) -> Judged:
    known = [grade for grades in graded.values() for grade in grades if grade is not None]
    every = sum(len(grades) for grades in graded.values())

    def mean(grades: list[int | None]) -> float:
        present = [grade for grade in grades if grade is not None]
        return sum(present) / max(1, len(present))
    better = sum(mean(graded[query]) > mean(reference[query]) for query in graded)
    worse = sum(mean(graded[query]) < mean(reference[query]) for query in graded)
    count = max(1, len(known))
    return Judged(method, round(sum(known) / 2 / count, 3), round(sum(grade >= 1 for grade in known) / count, 3),
                  round(sum(grade == 2 for grade in known) / count, 3), round(len(known) / max(1, every), 3),
                  better, worse)


def judged_methods(vectors: np.ndarray | None) -> dict[str, tuple[RelatedSettings, np.ndarray | None]]:
    """The methods compared on the judged set; those needing embeddings only when the vectors are there."""
    methods = {"baseline: TF-IDF as arxiv-sanity-lite": (BASELINE, None)}
    if vectors is not None:
        methods[f"{MODEL} sentence embeddings alone"] = (MEANING_ONLY, vectors)
        methods["**default, with the embedding cache**"] = (RelatedSettings(), vectors)
    methods["default without the cache (TF-IDF fallback)"] = (RelatedSettings(), None)
    return methods


def judged_report(papers: Sequence[Paper], grades: Grades, vectors: np.ndarray | None) -> list[Judged]:
    """Every method's judged scores on the slice, each against the baseline query by query."""
    graded = {method: per_query(top_by_id(papers, settings, given), grades)
              for method, (settings, given) in judged_methods(vectors).items()}
    reference = next(iter(graded.values()))
    return [judged_scores(method, result, reference) for method, result in graded.items()]


def judged_table(rows: list[Judged]) -> str:
    return markdown_table(["method", "mean grade (0-1)", "rated 1 or 2", "rated 2", "judged",
                           "better / worse than baseline"],
                          [[row.method, f"{row.mean_grade:.3f}", f"{row.related:.2f}", f"{row.close:.2f}",
                            f"{row.judged:.0%}", f"{row.better} / {row.worse}"] for row in rows])


def markdown_table(headings: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, as the README shows the evaluation's figures."""
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def table(rows: list[tuple[str, Scores]]) -> str:
    return markdown_table(["related papers", "hit@3", "precision@3"],
                          [[name, f"{scores.hit_at_3:.3f}", f"{scores.precision_at_3:.3f}"] for name, scores in rows])


def tag_table(fits: list[TagFit]) -> str:
    return markdown_table(["group", "most telling tag", "in the group", "other papers"],
                          [[fit.group, fit.tag, f"{fit.in_group:.0%}", f"{fit.outside:.0%}"] for fit in fits])


def area_table(fits: list[AreaFit]) -> str:
    return markdown_table(["area", "labelled", "tagged", "correct", "precision", "recall"],
                          [[fit.area, str(fit.labelled), str(fit.tagged), str(fit.correct), _share(fit.precision),
                            _share(fit.recall)] for fit in fits])


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def seed_report(seed: Sequence[Paper], primary: dict[str, str], labels: Labels,
                vectors: np.ndarray | None = None) -> dict:
    """The related papers and tags of the seed against its labelled groups, as data; with the seed's embeddings,
    the default with them too."""
    return {"papers": len(seed), "labelled": len(labels), "groups": len(set(primary.values())),
            "configurations": [(name, scores.__dict__) for name, scores in compare(seed, labels, vectors)],
            "tags": [fit.__dict__ for fit in tag_fits(seed, primary)]}


def corpus_report(corpus: Sequence[Paper]) -> dict:
    """Related papers on a corpus sample against its papers' primary arXiv categories, as data."""
    weak = category_labels(corpus)
    scores = [(name, related_scores(corpus, weak, related_lists(corpus, settings)).__dict__)
              for name, settings in (("baseline", BASELINE), ("ours", RelatedSettings()))]
    return {"papers": len(corpus), "labelled": len(weak), "configurations": scores}


def dumps(result: dict) -> str:
    return json.dumps(result, indent=1)
