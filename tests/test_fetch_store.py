"""The fetched JSON Lines files: lines the readers read back, merged by key, sorted, written only on change."""

from __future__ import annotations

import json
import os

import pytest

from apis import FORMATS
from generator.errors import InputError
from generator.fetch.store import Store, line_of, write
from generator.read.arxiv_api import parse_arxiv_api
from generator.read.hf_daily import parse_hf_daily
from generator.read.jsonl import parse_jsonl

FIELDS = ("arxiv_id", "title", "abstract", "authors", "date", "categories", "doi", "venue", "pdf_url", "code_url",
          "upvotes")


def api_records():
    return parse_arxiv_api((FORMATS / "arxiv-api.xml").read_text(encoding="utf-8"), "api").papers


def daily_records():
    return parse_hf_daily((FORMATS / "hf-daily-papers.json").read_text(encoding="utf-8"), "daily").papers


@pytest.mark.parametrize("records", [api_records, daily_records], ids=["arxiv", "hf"])
def test_a_line_reads_back_as_the_record_it_was_made_from(tmp_path, records):
    change = Store.load(tmp_path / "papers.jsonl").merge([line_of(record) for record in records()])
    back = parse_jsonl(change.data.decode("utf-8"), "papers.jsonl")
    assert back.notices == ()
    by_id = {record.arxiv_id: record for record in records()}
    for record in back.papers:
        assert [getattr(record, name) for name in FIELDS] == [getattr(by_id[record.arxiv_id], name) for name in FIELDS]


def test_keys_in_a_fixed_order_and_empty_values_left_out():
    (wildreward, *_) = daily_records()
    assert list(line_of(wildreward)) == ["id", "title", "abstract", "authors", "date", "code_url", "upvotes"]
    (baryogenesis, multicomponent, *_) = api_records()
    assert list(line_of(multicomponent)) == ["id", "title", "abstract", "authors", "date", "categories", "doi",
                                             "journal_ref", "pdf_url"]
    assert "doi" not in line_of(baryogenesis)


def test_lines_are_merged_by_id_sorted_and_written_only_when_the_bytes_change(tmp_path):
    path = tmp_path / "hf-daily.jsonl"
    first = [line_of(record) for record in daily_records()]
    change = Store.load(path).merge(first)
    assert (change.added, change.updated, change.lines, change.changed) == (3, 0, 3, True)
    write([change])
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert ids == sorted(ids) == ["2602.02285", "2602.07970", "2602.08829"]

    again = Store.load(path).merge(first)
    assert (again.added, again.updated, again.changed) == (0, 0, False)
    os.utime(path, (0, 0))
    write([again])
    assert path.stat().st_mtime == 0  # not even rewritten

    more_votes = {**first[0], "upvotes": 40}
    del more_votes["code_url"]
    change = Store.load(path).merge([more_votes])
    assert (change.added, change.updated, change.changed) == (0, 1, True)
    write([change])
    kept = json.loads(path.read_text(encoding="utf-8").splitlines()[2])
    assert (kept["upvotes"], kept["code_url"]) == (40, "https://github.com/THU-KEG/WildReward")


def test_the_file_is_replaced_whole_and_no_temporary_file_is_left(tmp_path):
    path = tmp_path / "data" / "arxiv.jsonl"
    write([Store.load(path).merge([line_of(record) for record in api_records()])])
    assert [item.name for item in path.parent.iterdir()] == ["arxiv.jsonl"]
    assert len(path.read_text(encoding="utf-8").splitlines()) == 4


def test_a_line_that_is_not_ours_stops_the_fetch_before_any_request(tmp_path):
    path = tmp_path / "arxiv.jsonl"
    path.write_text('{"id": "2401.00001", "title": "t"}\n{"title": "no id"}\n', encoding="utf-8")
    with pytest.raises(InputError) as failed:
        Store.load(path)
    assert str(failed.value) == (f"{path}:2: not a JSON object with a string 'id' (this file is written by "
                                 "`python -m generator fetch` and `resolve`: mend the line or delete it)")


def test_resolutions_are_kept_by_the_title_they_resolve(tmp_path):
    (record, *_) = api_records()
    line = {"resolves": "improved scenario of baryogenesis", **line_of(record)}
    change = Store.load(tmp_path / "resolved.jsonl", key="resolves").merge([line])
    assert change.data.decode("utf-8").startswith('{"resolves": "improved scenario of baryogenesis", "id": "astro-ph/')
