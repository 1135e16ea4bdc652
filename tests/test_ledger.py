"""The ledger (data/ledger.tsv): what it keeps from build to build, how a damaged one stops the build, and the
build date and the lock around the writes."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import ROOT, make_project, run_mkdocs
from generator import cli, pipeline
from generator.builddate import build_date
from generator.errors import InputError
from generator.ledger import HEADER, parse_ledger
from generator.values import PaperDate

EPOCH = "1767571200"  # 2026-01-05
LATER = "1770681600"  # 2026-02-10


def record(title: str, **fields) -> dict:
    return {"title": title, "abstract": f"We pre-train {title.lower()} and report the gains.", **fields}


def write_jsonl(path, records: list[dict]):
    path.write_text("".join(json.dumps(item) + "\n" for item in records), encoding="utf-8")
    return path


def build(project, inputs, monkeypatch, capsys, epoch: str = EPOCH, curation=None,
          quiet: bool = True) -> tuple[int, str, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    arguments = ["build", *map(str, inputs), "--config", str(project / "mkdocs.yml"), "--out",
                 str(project / "site_src"), "--curation", str(curation or project / "none.yaml"), *["-q"][:quiet]]
    code = cli.main(arguments)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ledger_lines(project) -> dict[str, list[str]]:
    lines = (project / "data" / "ledger.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER
    return {line.split("\t")[0]: line.split("\t") for line in lines[1:]}


def papers(project) -> dict[str, dict]:
    data = json.loads((project / "site_src" / "papers.json").read_text(encoding="utf-8"))["papers"]
    return {paper["title"]: paper for paper in data}


def test_a_new_paper_never_takes_an_existing_citation_key(tmp_path, monkeypatch, capsys):
    """Wang2025 belongs to the first paper; a second Wang paper whose slug sorts first gets Wang2025a."""
    project = make_project(tmp_path / "p")
    first = record("Zebra pre-training", authors=["Li Wang"], date="2025-03-01")
    inputs = write_jsonl(tmp_path / "a.jsonl", [first])
    assert build(project, [inputs], monkeypatch, capsys)[0] == 0
    assert papers(project)["Zebra pre-training"]["citation_key"] == "Wang2025"
    write_jsonl(inputs, [first, record("Aardvark pre-training", authors=["Min Wang"], date="2025-04-01")])
    assert build(project, [inputs], monkeypatch, capsys, LATER)[0] == 0
    keys = {title: paper["citation_key"] for title, paper in papers(project).items()}
    assert keys == {"Zebra pre-training": "Wang2025", "Aardvark pre-training": "Wang2025a"}
    assert "@misc{Wang2025,\n  title = {{Zebra" in (project / "site_src" / "exports" / "catalogue.bib").read_text()


def test_an_arxiv_id_found_later_keeps_the_paper_and_is_remembered(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path / "p")
    inputs = write_jsonl(tmp_path / "a.jsonl", [record("Title only at first")])
    build(project, [inputs], monkeypatch, capsys)
    key, line = next((key, line) for key, line in ledger_lines(project).items() if key.startswith("title:"))
    write_jsonl(inputs, [record("Title only at first", id="2501.00001")])
    build(project, [inputs], monkeypatch, capsys, LATER)
    after = ledger_lines(project)[key]
    assert after[1:4] == line[1:4] and after[4] == "published" and after[5] == "arxiv:2501.00001"
    assert papers(project)["Title only at first"]["key"] == key


def test_papers_that_become_one_redirect_and_removed_ones_leave_a_page(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path / "p")
    inputs = write_jsonl(tmp_path / "a.jsonl", [record("Merged away"), record("Kept on", id="2501.00002"),
                                                 record("Left the inputs")])
    build(project, [inputs], monkeypatch, capsys)
    slugs = {title: paper["slug"] for title, paper in papers(project).items()}
    # The curator finds that "Merged away" is arXiv 2501.00002: the two records become one paper.
    write_jsonl(inputs, [record("Kept on", id="2501.00002"), record("Merged away", id="2501.00002")])
    code, _, _ = build(project, [inputs], monkeypatch, capsys, LATER)
    assert code == 0
    statuses = {line[1]: line[4] for line in ledger_lines(project).values() if line[2] != "-"}
    assert statuses == {slugs["Kept on"]: "published", slugs["Merged away"]: "merged:arxiv:2501.00002",
                        slugs["Left the inputs"]: "retired"}
    redirect = (project / "site_src" / "papers" / slugs["Merged away"] / "index.html").read_text()
    assert f'content="0; url=../{slugs["Kept on"]}/"' in redirect and 'rel="canonical"' in redirect
    removed = (project / "site_src" / "papers" / f"{slugs['Left the inputs']}.md").read_text()
    assert '"search":\n  "exclude": true' in removed and "Removed from the catalogue" in removed


def test_curation_by_slug_survives_a_corrected_title(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path / "p")
    title = "Masked autoencoders for protein structure pre-training at scale"
    inputs = write_jsonl(tmp_path / "a.jsonl", [record(title), record("Another paper on speech pre-training")])
    build(project, [inputs], monkeypatch, capsys)
    slug = papers(project)[title]["slug"]
    curation = tmp_path / "curation.yaml"
    curation.write_text(f"papers:\n  - slug: {slug}\n    add_tags: [Code]\n", encoding="utf-8")
    write_jsonl(inputs, [record(title.replace("autoencoders", "auto-encoders")),
                         record("Another paper on speech pre-training")])
    code, _, errors = build(project, [inputs], monkeypatch, capsys, LATER, curation, quiet=False)
    corrected = papers(project)[title.replace("autoencoders", "auto-encoders")]
    assert code == 0 and corrected["slug"] == slug and "Code" in corrected["tags"]
    assert "taken as that paper with its title corrected" in errors and "not in this build" not in errors


DAMAGED = [
    ("title:aaaa\tone\tKey1\t2026-01-05\tpublished\t-\t-", None),
    ("title:aaaa\ttwo\tKey2\t2026-01-05\tpublished\t-\t-", "ledger.tsv:3: key 'title:aaaa' is already on line 2"),
    ("title:bbbb\tone\tKey3\t2026-01-05\tpublished\t-\t-", "ledger.tsv:4: paper slug 'one' is already on line 2"),
    ("title:cccc\tthree\tKey4\t2026-13-05\tpublished\t-\t-", "ledger.tsv:5: malformed first-seen date '2026-13-05'"),
    ("title:dddd\tfour\tKey5\t2026-01-05", "ledger.tsv:6: 4 columns instead of 7"),
    ("title:eeee\tfive\tkey1\t2026-01-05\tpublished\t-\t-", "ledger.tsv:7: citation key 'key1' is already on line 2"),
    ("title:ffff\tsix\tKey6\t2026-01-05\tgone\t-\t-", "ledger.tsv:8: unknown status 'gone'"),
    ("title:gggg\tseven\tKey7\t2026-01-05\tpublished\t-\t3", "ledger.tsv:9: malformed pages '3'"),
    ("tags:code\tcode\t-\t2026-01-05\tpublished\t-\t0", "ledger.tsv:10: malformed pages '0'"),
]


def test_a_damaged_ledger_stops_the_build_with_one_line_per_problem_and_writes_nothing(tmp_path, monkeypatch,
                                                                                      capsys):
    project = make_project(tmp_path / "p")
    (project / "data").mkdir()
    ledger = project / "data" / "ledger.tsv"
    ledger.write_text(HEADER + "\n" + "\n".join(line for line, _ in DAMAGED) + "\n", encoding="utf-8")
    before = ledger.read_bytes()
    inputs = write_jsonl(tmp_path / "a.jsonl", [record("Some paper")])
    code, out, errors = build(project, [inputs], monkeypatch, capsys)
    lines = errors.splitlines()
    assert code == 1 and out == "" and len(lines) == len(DAMAGED) - 1
    for line, (_, expected) in zip(lines, DAMAGED[1:], strict=True):
        assert line.startswith("error: " + str(project / "data" / expected))
    assert ledger.read_bytes() == before and not (project / "site_src" / "papers.json").exists()


def test_the_header_is_checked():
    with pytest.raises(InputError) as caught:
        parse_ledger("key slug\n", "data/ledger.tsv")
    assert str(caught.value).startswith("data/ledger.tsv:1: the first line is not the ledger's header")


def test_a_failing_build_leaves_the_ledger_as_it_was(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path / "p")
    inputs = write_jsonl(tmp_path / "a.jsonl", [record("Some paper")])
    build(project, [inputs], monkeypatch, capsys)
    ledger = (project / "data" / "ledger.tsv").read_bytes()
    (project / "site_src" / "feed.xml").unlink()
    (project / "site_src" / "feed.xml").mkdir()  # the tree cannot be written: a folder where the feed goes
    write_jsonl(inputs, [record("Some paper"), record("A new paper")])
    code, _, errors = build(project, [inputs], monkeypatch, capsys, LATER)
    assert code == 1 and "feed.xml" in errors
    assert (project / "data" / "ledger.tsv").read_bytes() == ledger


@pytest.mark.parametrize(("listed", "seen", "placed"), [
    ("--03-11", datetime.date(2026, 3, 11), "2026-03-11"),
    ("--03-12", datetime.date(2026, 3, 11), "2025-03-12"),
    ("--12-31", datetime.date(2026, 1, 1), "2025-12-31"),
    ("--02-29", datetime.date(2026, 3, 1), "2024-02-29"),
    ("2023-05-01", datetime.date(2026, 3, 1), "2023-05-01"),
])
def test_a_date_without_a_year_is_placed_on_or_before_first_seen(listed, seen, placed):
    assert PaperDate.parse_iso(listed).on_or_before(seen).iso == placed


def test_the_build_date_is_source_date_epoch_else_the_commit_else_today(tmp_path):
    assert build_date({"SOURCE_DATE_EPOCH": EPOCH}, tmp_path) == datetime.date(2026, 1, 5)
    committed = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout.strip()
    assert build_date({}, ROOT) == datetime.datetime.fromtimestamp(int(committed), datetime.UTC).date()
    assert build_date({}, tmp_path) == datetime.datetime.now(datetime.UTC).date()  # not a git repository
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH: 'soon' is not a number of seconds"):
        build_date({"SOURCE_DATE_EPOCH": "soon"}, tmp_path)


def test_a_second_build_waits_for_the_first_to_write_tree_and_ledger(tmp_path):
    project = make_project(tmp_path / "p")
    inputs = write_jsonl(tmp_path / "a.jsonl", [record("Some paper")])
    ledger = project / "data" / "ledger.tsv"
    command = [sys.executable, "-m", "generator", "build", str(inputs), "--config", str(project / "mkdocs.yml"),
               "--out", str(project / "site_src"), "-q"]
    with pipeline.locked(project / "site_src", ledger):  # another build holds the site
        waiting = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": EPOCH})
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=5)
        assert not ledger.exists() and not (project / "site_src" / "papers.json").exists()
    assert waiting.wait(timeout=600) == 0
    assert ledger.exists() and (project / "site_src" / "papers.json").exists()
    assert not list((project / "data").glob("*.lock")) and not list(project.glob("*.lock"))


def test_a_listing_that_shrinks_keeps_every_page_number_it_published(tmp_path, monkeypatch, capsys):
    """230 papers make two pages of the index and of their arXiv category's tag; when 90 leave, the second pages
    become redirects to the first (the ledger remembers two pages); when papers come back, real pages again."""
    project = make_project(tmp_path / "p")
    many = [record(f"Paper number {number} on robust parsing", categories=["cs.CL"], id=f"2601.{number:05d}")
            for number in range(230)]
    inputs = write_jsonl(tmp_path / "a.jsonl", many)
    assert build(project, [inputs], monkeypatch, capsys)[0] == 0
    out = project / "site_src"
    assert (out / "papers" / "page" / "2.md").is_file() and (out / "tags" / "cs-cl" / "2.md").is_file()
    assert ledger_lines(project)["listings:papers"][-1] == "2" and ledger_lines(project)["tags:cs-cl"][-1] == "2"

    write_jsonl(inputs, many[:140])
    assert build(project, [inputs], monkeypatch, capsys, LATER)[0] == 0
    for moved, last, link in (("papers/page/2/index.html", "papers/index.md", "../../"),
                              ("tags/cs-cl/2/index.html", "tags/cs-cl.md", "../")):
        stub = (out / moved).read_text(encoding="utf-8")
        assert not (out / moved.replace("/index.html", ".md")).exists() and (out / last).is_file()
        assert f'http-equiv="refresh" content="0; url={link}"' in stub and 'content="noindex"' in stub
    assert ledger_lines(project)["listings:papers"][-1] == "2", "the ledger keeps the most pages ever published"
    run_mkdocs(project)  # MkDocs copies the redirects as they are, where the pages were
    assert (project / "site" / "papers" / "page" / "2" / "index.html").read_bytes() == \
        (out / "papers" / "page" / "2" / "index.html").read_bytes()

    write_jsonl(inputs, many)
    assert build(project, [inputs], monkeypatch, capsys, LATER)[0] == 0
    assert (out / "papers" / "page" / "2.md").is_file() and not (out / "papers" / "page" / "2" / "index.html").exists()


def test_a_ledger_written_before_listings_kept_their_pages_is_read_and_rewritten(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path / "p")
    (project / "data").mkdir()
    ledger = project / "data" / "ledger.tsv"
    ledger.write_text("key\tslug\tcitation_key\tfirst_seen\tstatus\taliases\n"
                      "title:0123456789abcdef\told-paper\tOld2025\t2026-01-05\tpublished\t-\n", encoding="utf-8")
    inputs = write_jsonl(tmp_path / "a.jsonl", [record("Some paper")])
    assert build(project, [inputs], monkeypatch, capsys)[0] == 0
    lines = ledger_lines(project)
    assert lines["title:0123456789abcdef"] == ["title:0123456789abcdef", "old-paper", "Old2025", "2026-01-05",
                                               "retired", "-", "-"]
    assert lines["listings:papers"][-1] == "1"


TWO_TAGS = """tags:
  - name: Parsing
    description: Parsers.
    phrases: [dependency parsing, parser*, treebank*]
  - name: Speech
    description: Speech.
    phrases: [speech recognition, speech*, acoustic*]
"""


def test_a_tag_the_taxonomy_drops_keeps_its_page_and_its_feed(tmp_path, monkeypatch, capsys):
    """The removal page answers at the tag's address and its Atom feed stays: no entries, dated by the catalogue's
    newest paper (never 1970), leading to that page."""
    project = make_project(tmp_path / "p")
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_text(TWO_TAGS, encoding="utf-8")
    parsing = record("Dependency parsing with treebank transfer",
                     abstract="A dependency parsing model trained on one treebank parses others.")
    inputs = write_jsonl(tmp_path / "a.jsonl", [parsing, record("Speech recognition for acoustic scenes")])
    arguments = ["--taxonomy", str(taxonomy)]
    assert build_with(project, inputs, arguments, monkeypatch, capsys, EPOCH) == 0
    feed = project / "site_src" / "feeds" / "parsing.xml"
    assert "Dependency parsing with treebank transfer" in feed.read_text(encoding="utf-8")

    taxonomy.write_text(TWO_TAGS.split("  - name: Speech")[0].replace("Parsing", "Syntax"), encoding="utf-8")
    assert build_with(project, inputs, arguments, monkeypatch, capsys, LATER) == 0
    assert "Removed from the catalogue" in (project / "site_src" / "tags" / "parsing.md").read_text(encoding="utf-8")
    root = ElementTree.fromstring(feed.read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.findall(atom + "entry") == [] and root.findtext(atom + "updated").startswith("2026-01-05")
    assert root.find(atom + "link[@rel='alternate']").get("href").endswith("/tags/parsing/")
    assert ledger_lines(project)["tags:parsing"][4] == "retired"


def build_with(project, inputs, arguments, monkeypatch, capsys, epoch) -> int:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code = cli.main(["build", str(inputs), "--config", str(project / "mkdocs.yml"), "--out", str(project / "site_src"),
                     "--curation", str(project / "none.yaml"), "-q", *arguments])
    capsys.readouterr()
    return code
