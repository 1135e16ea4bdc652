"""Golden files: the generated tree for a 3-paper sample, byte for byte.

Refresh after an intended change with `make golden` (UPDATE_GOLDEN=1), then review the diff.
"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

from conftest import make_project, run_generator

GOLDEN = Path(__file__).resolve().parent / "golden"


def generated_files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and "stylesheets" not in path.parts}


def test_sample_tree_matches_the_golden_files(tmp_path):
    project = make_project(tmp_path)
    result = run_generator(project, "tests/golden/sample.txt")
    assert result.stdout.startswith("3 papers read from 1 file; 3 paper pages;")
    actual = generated_files(project / "site_src")
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN / "expected", ignore_errors=True)
        for name, data in actual.items():
            (GOLDEN / "expected" / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / "expected" / name).write_bytes(data)
    expected = generated_files(GOLDEN / "expected")
    assert sorted(actual) == sorted(expected)
    for name in expected:
        assert readable(actual[name], name) == readable(expected[name], name), f"{name} differs from the golden file"
        assert actual[name] == expected[name], f"{name} differs from the golden file"


def readable(data: bytes, name: str) -> str:
    """A generated file as text, for a readable diff: a gzip-compressed export decompressed."""
    return (gzip.decompress(data) if name.endswith(".gz") else data).decode()
