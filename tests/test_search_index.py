"""`python -m generator search-index`: the step after the site build, the same for MkDocs and Zensical."""

from __future__ import annotations

import subprocess

from conftest import ROOT, generator_command


def search_index(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(generator_command("search-index", *arguments), cwd=ROOT, capture_output=True, text=True)


def test_it_prints_the_search_the_generator_chose(seed_site, seed_site_pagefind):
    for project, chosen in ((seed_site, "lunr"), (seed_site_pagefind, "pagefind")):
        result = search_index("--chosen", "--config", str(project / "mkdocs.yml"))
        assert (result.returncode, result.stdout) == (0, f"{chosen}\n")


def test_pages_built_for_another_search_than_the_chosen_one_stop_it_with_one_line(seed_site, tmp_path):
    (tmp_path / ".catalogue-build.json").write_text('{"search": "pagefind"}\n', encoding="utf-8")
    result = search_index(str(seed_site / "site"), "--docs", str(tmp_path))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"error: {seed_site / 'site'}: the pages offer lunr search but the generator chose "
                             "pagefind (build the site again with CATALOGUE_SEARCH=pagefind set, as make site does)\n")


def test_a_site_not_built_yet_is_one_line(tmp_path):
    (tmp_path / "site").mkdir()
    result = search_index(str(tmp_path / "site"), "--docs", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr == (f"error: {tmp_path / 'site' / 'index.html'}: cannot read: No such file or directory "
                             "(build the site first: mkdocs build, or zensical build)\n")


def test_with_pagefind_the_site_gets_its_index(seed_site_pagefind):
    assert (seed_site_pagefind / "site" / "pagefind" / "pagefind.js").is_file()
    assert list((seed_site_pagefind / "site" / "pagefind" / "fragment").iterdir())


def test_a_bundle_pagefind_left_incomplete_is_found(seed_site_pagefind, tmp_path):
    """run_pagefind makes a bundle again when its entry does not parse or names metadata that is not there: once,
    a loaded machine served entries that were not JSON, and search showed nothing."""
    import shutil

    from generator.search_index import whole

    bundle = shutil.copytree(seed_site_pagefind / "site" / "pagefind", tmp_path / "pagefind")
    assert whole(bundle)
    meta = next(bundle.glob("pagefind.*.pf_meta"))
    meta.write_bytes(b"")
    assert not whole(bundle)
    meta.unlink()
    assert not whole(bundle)
    (bundle / "pagefind-entry.json").write_text("")
    assert not whole(bundle) and not whole(tmp_path / "nowhere")
