"""The GitHub workflows (issue 7): valid, linted, and the Pages build run here as GitHub would run it.

Nothing here needs the network: the workflow schema ships inside check-jsonschema, actionlint and shellcheck
are binaries installed from wheels (requirements-dev.txt), and the site is served from 127.0.0.1.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from apis import recorded_world, serving
from conftest import ROOT, make_project, run_generator, run_mkdocs, serve
from generator.enrich import embeddings

WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
UPDATE = WORKFLOWS / "update.yml"
BOT = "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
BIN = Path(sys.executable).parent
# What configure-pages reports for a project site: https://<owner>.github.io/<repository>, no trailing slash.
PAGES_BASE_URL = "https://octocat.github.io/paper-catalogue"
# Any attempt to reach the network fails at once instead of depending on what the machine can reach.
NO_NETWORK = {**{name: "http://127.0.0.1:9" for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy",
                                                        "https_proxy")}, "NO_PROXY": "", "no_proxy": ""}


def tool(name: str) -> str:
    """A command installed with requirements-dev.txt, next to the Python running the tests."""
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: install requirements-dev.txt (make test does)")
    return found


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_pages_test_and_update_workflows_exist():
    assert {path.name for path in WORKFLOW_FILES} >= {"pages.yml", "ci.yml", "update.yml"}


# (a) the schema of GitHub workflows, vendored in check-jsonschema

@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda path: path.name)
def test_the_workflow_follows_the_github_workflow_schema(workflow, schema):
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, str(workflow)],
                            capture_output=True, text=True, env={**os.environ, **NO_NETWORK})
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)],
                            capture_output=True, text=True, env={**os.environ, **NO_NETWORK})
    assert result.returncode == 1 and "stepz" in result.stdout + result.stderr


# (b) actionlint, with shellcheck for the run: scripts

def actionlint(*files: Path) -> subprocess.CompletedProcess:
    # Explicit -shellcheck and -pyflakes so the result does not depend on what else is on PATH.
    return subprocess.run([tool("actionlint"), "-no-color", f"-shellcheck={tool('shellcheck')}", "-pyflakes=",
                           *map(str, files)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **NO_NETWORK})


def test_actionlint_finds_nothing_to_report():
    result = actionlint(*WORKFLOW_FILES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_knows_the_inputs_of_every_action_version_used(tmp_path):
    """actionlint checks `with:` against the inputs of each action release it knows, so an input that
    exists nowhere is reported only for a real action@version: a mistyped or future version goes unreported."""
    for workflow in WORKFLOW_FILES:
        data = load(workflow)
        used = set()
        for job in data["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    step["with"] = {**step.get("with", {}), "no-such-input": "x"}
                    used.add(step["uses"])
        data["on"] = data.pop(True)  # PyYAML reads the key `on` as true
        probe = tmp_path / workflow.name
        probe.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        report = actionlint(probe).stdout
        for uses in sorted(used):
            assert f'input "no-such-input" is not defined in action "{uses}"' in report, \
                f"{workflow.name}: actionlint has no data for {uses}; is that version released?\n{report}"


# The workflow as a contract: what issue 7 asks of it

def test_the_pages_workflow_deploys_once_at_a_time_with_least_privilege():
    workflow = load(PAGES)
    assert set(workflow[True]) == {"push", "workflow_dispatch", "workflow_call"}
    assert workflow[True]["push"] == {"branches": ["main"]}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert [(step.get("id"), step["uses"].split("@")[0]) for step in deploy["steps"]] == \
        [("deployment", "actions/deploy-pages")]
    uses = [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/cache/restore",
                    "actions/cache/save", "actions/upload-pages-artifact"]
    python = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"].split() == ["requirements.txt", "constraints.txt"]


def test_the_pages_workflow_keeps_the_embeddings_between_runs_and_installs_torch_only_when_asked():
    steps = load(PAGES)["jobs"]["build"]["steps"]
    position = {step.get("uses", "").split("@")[0] or step["run"].split()[0]: number
                for number, step in enumerate(steps)}
    generate = next(number for number, step in enumerate(steps) if "generator build" in step.get("run", ""))
    embed = next(number for number, step in enumerate(steps) if "generator embed" in step.get("run", ""))
    assert position["actions/cache/restore"] < embed < generate < position["actions/cache/save"]
    cached = {steps[position[action]]["with"]["path"] for action in ("actions/cache/restore", "actions/cache/save")}
    assert cached == {embeddings.CACHE.parent.as_posix()}
    assert 'if [ "$RELATED_EMBEDDINGS" = true ]' in steps[embed]["run"]
    assert "requirements-embeddings.txt" in steps[embed]["run"]
    for requirements in ("requirements.txt", "requirements-dev.txt"):  # CI never downloads torch
        assert "torch" not in (ROOT / requirements).read_text(encoding="utf-8"), requirements


def test_the_daily_update_commits_with_the_only_write_permission_and_publishes_through_the_pages_workflow():
    workflow = load(UPDATE)
    assert set(workflow[True]) == {"schedule", "workflow_dispatch"}
    (schedule,) = workflow[True]["schedule"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", schedule["cron"]), "once a day"
    assert workflow["permissions"] == {}
    update, publish = workflow["jobs"]["update"], workflow["jobs"]["publish"]
    writers = [name for name, job in {**workflow["jobs"], **load(PAGES)["jobs"]}.items()
               if job.get("permissions", {}).get("contents") == "write"]
    assert writers == ["update"]
    assert update["permissions"] == {"contents": "write"}
    assert update["outputs"] == {"changed": "${{ steps.commit.outputs.changed }}",
                                 "sha": "${{ steps.commit.outputs.sha }}"}
    checkout = update["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["persist-credentials"] is False
    commit = next(step for step in update["steps"] if step.get("id") == "commit")
    assert 'user.name="github-actions[bot]"' in commit["run"] and "git add --all data/" in commit["run"]
    generate = next(step for step in workflow["jobs"]["update"]["steps"] if step.get("name") == "Generate the pages")
    assert generate["run"].startswith("SOURCE_DATE_EPOCH=$(date +%s) ")  # new papers are dated by the update's day
    assert publish == {"needs": "update", "if": "needs.update.outputs.changed == 'true'",
                       "permissions": {"contents": "read", "pages": "write", "id-token": "write"},
                       "uses": "./.github/workflows/pages.yml", "with": {"ref": "${{ needs.update.outputs.sha }}"}}


def test_a_called_pages_workflow_builds_the_commit_it_is_given_and_keeps_its_concurrency_group():
    pages = load(PAGES)
    assert pages[True]["workflow_call"]["inputs"] == {"ref": {
        "description": "The commit to build (empty for the commit that started the run)", "type": "string",
        "required": False, "default": ""}}
    assert pages["jobs"]["build"]["steps"][0]["with"]["ref"] == "${{ inputs.ref }}"
    # The caller may not hold the group the called workflow takes: GitHub would cancel the run as a deadlock.
    update = load(UPDATE)
    groups = [update.get("concurrency"), *(job.get("concurrency") for job in update["jobs"].values())]
    assert pages["concurrency"]["group"] == "pages" and "pages" not in [
        group["group"] if isinstance(group, dict) else group for group in groups if group]


def test_the_tests_run_on_main_and_on_pull_requests_not_on_gh_pages():
    workflow = load(WORKFLOWS / "ci.yml")
    assert workflow[True] == {"push": {"branches": ["main"]}, "pull_request": None}


def test_dependabot_updates_the_pins_and_the_actions_weekly():
    config = ROOT / ".github" / "dependabot.yml"
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(config)],
                            capture_output=True, text=True, env={**os.environ, **NO_NETWORK})
    assert result.returncode == 0, result.stdout + result.stderr
    assert {(update["package-ecosystem"], update["schedule"]["interval"]) for update in load(config)["updates"]} == \
        {("pip", "weekly"), ("github-actions", "weekly")}


def test_site_url_has_one_source_the_environment_or_the_placeholder(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.delenv("SITE_URL", raising=False)
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"] == "https://example.github.io/paper-catalogue/"
    monkeypatch.setenv("SITE_URL", PAGES_BASE_URL)
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"] == PAGES_BASE_URL + "/"

    def strings(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, str):
            yield value

    literal = [text for path in (PAGES, UPDATE) for text in strings(load(path)) if "://" in text]
    assert literal == [], "no address in the workflow: SITE_URL comes from configure-pages, the default from mkdocs.yml"


def test_the_generator_reads_site_url_as_mkdocs_does(monkeypatch):
    from generator.site import load_site

    monkeypatch.setenv("SITE_URL", PAGES_BASE_URL)
    assert load_site(ROOT / "mkdocs.yml").url == PAGES_BASE_URL + "/"
    monkeypatch.delenv("SITE_URL")
    assert load_site(ROOT / "mkdocs.yml").url == "https://example.github.io/paper-catalogue/"


# (c) the build job of pages.yml, run step by step on a clean copy of the repository

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def clean_copy(where: Path) -> Path:
    """The files a commit of the work tree would hold: tracked and new files, not ignored ones (.venv, site/...)."""
    if not (ROOT / ".git").exists():
        pytest.skip("needs the repository's git work tree")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (where / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, where / name)
    return where


def read_commands_file(path: Path) -> dict[str, str]:
    """A GITHUB_ENV or GITHUB_OUTPUT file: NAME=value lines and NAME<<DELIMITER blocks."""
    values, lines = {}, path.read_text(encoding="utf-8").splitlines()
    while lines:
        line = lines.pop(0)
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            while (line := lines.pop(0)) != delimiter:
                block.append(line)
            values[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def run_job(workflow: Path, job_name: str, workspace: Path, runner_files: Path,
            context: dict[str, str] | None = None, environment: dict[str, str] | None = None) -> dict[str, dict]:
    """The steps of one job run in order in `workspace` as GitHub runs them; the outputs of the steps with an id.
    `context` gives the value of expressions other than step outputs (`github.token`); the actions a job uses are
    played by the test (checkout: the workspace is the checkout; setup-python: the venv's Python)."""
    if sys.prefix == sys.base_prefix:
        pytest.skip("the workflow's pip install would go into the Python running the tests: run them in the venv")
    job = load(workflow)["jobs"][job_name]
    runner_files.mkdir(exist_ok=True)
    env = {name: value for name, value in os.environ.items() if name not in {"SITE_URL", "VIRTUAL_ENV", "PYTHONPATH"}}
    env.update(CI="true", GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(workspace), **(environment or {}))
    outputs: dict[str, dict[str, str]] = {}
    paths: list[str] = []

    def evaluate(text: str, where: str) -> str:
        def value(match: re.Match) -> str:
            parts = match.group(1).split(".")
            if len(parts) == 4 and parts[0] == "steps" and parts[2] == "outputs" \
                    and parts[3] in outputs.get(parts[1], {}):
                return outputs[parts[1]][parts[3]]
            if match.group(1) in (context or {}):
                return context[match.group(1)]
            pytest.fail(f"{where}: the test cannot evaluate ${{{{ {match.group(1)} }}}} at this point of the job")
        return EXPRESSION.sub(value, str(text))

    for number, step in enumerate(job["steps"], 1):
        where = f"{workflow.name} {job_name} step {number} ({step.get('name') or step.get('uses') or step.get('run')})"
        assert "if" not in step, f"{where}: teach the test how to evaluate `if:`"
        if "uses" in step:
            action, inputs = step["uses"].split("@")[0], step.get("with", {})
            if action == "actions/checkout":
                assert number == 1, f"{where}: the test checks out only at the start"
            elif action == "actions/setup-python":
                # The tests run on the venv's Python: it must be the version the workflow asks for.
                assert str(inputs["python-version"]) == f"{sys.version_info.major}.{sys.version_info.minor}", where
                paths.insert(0, str(BIN))
            elif action == "actions/configure-pages":
                outputs[step.get("id", "")] = {"base_url": PAGES_BASE_URL, "origin": "https://octocat.github.io",
                                               "host": "octocat.github.io", "base_path": "/paper-catalogue"}
            elif action == "actions/cache/restore":  # a cache miss, as on a repository's first run
                assert inputs["restore-keys"] and inputs["key"].startswith(inputs["restore-keys"]), where
            elif action == "actions/cache/save":
                assert (workspace / inputs["path"]).is_dir(), f"{where}: nothing to save at {inputs['path']}"
                assert inputs["key"].startswith(restore_keys(job)), f"{where}: a later run would not restore it"
            elif action == "actions/upload-pages-artifact":
                site = workspace / inputs.get("path", "_site")
                assert (site / "index.html").is_file() and (site / "404.html").is_file(), f"{where}: no site to upload"
                links = [path for path in site.rglob("*") if path.is_symlink()]
                assert links == [], f"{where}: a Pages artifact may not contain symbolic links"
            else:
                pytest.fail(f"{where}: teach the test what {step['uses']} does")
            continue
        # GitHub runs `bash -e {0}` when no shell is named, `bash --noprofile --norc -eo pipefail {0}` for bash.
        assert step.get("shell", "bash") == "bash", f"{where}: teach the test the shell {step['shell']}"
        options = ["-e", "-o", "pipefail"] if "shell" in step else ["-e"]
        step_env = {**env, **{name: evaluate(value, where) for name, value in
                              {**load(workflow).get("env", {}), **job.get("env", {}), **step.get("env", {})}.items()}}
        step_env["PATH"] = os.pathsep.join([*paths, env["PATH"]])
        for name in ("GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_PATH"):
            step_env[name] = str(runner_files / f"{name}-{number}")
            Path(step_env[name]).write_text("", encoding="utf-8")
        result = subprocess.run(["bash", "--noprofile", "--norc", *options, "-c", evaluate(step["run"], where)],
                                cwd=workspace / step.get("working-directory", "."), env=step_env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{where} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        env.update(read_commands_file(Path(step_env["GITHUB_ENV"])))
        paths[:0] = reversed(Path(step_env["GITHUB_PATH"]).read_text(encoding="utf-8").split())
        if "id" in step:
            outputs[step["id"]] = read_commands_file(Path(step_env["GITHUB_OUTPUT"]))
    return outputs


def restore_keys(job: dict) -> str:
    return next(step["with"]["restore-keys"] for step in job["steps"]
                if step.get("uses", "").startswith("actions/cache/restore@"))


def test_the_pages_build_job_runs_here_step_by_step(tmp_path):
    steps = load(PAGES)["jobs"]["build"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@"), "the job starts by checking out the repository"
    workspace = clean_copy(tmp_path / "workspace")
    run_job(PAGES, "build", workspace, tmp_path / "runner", {"vars.RELATED_EMBEDDINGS": ""})
    home = (workspace / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PAGES_BASE_URL}/">' in home, "site_url does not come from configure-pages"
    assert len(list((workspace / "site" / "papers").glob("*/index.html"))) >= 73


def git(where: Path, *arguments: str) -> str:
    identity = {"GIT_AUTHOR_NAME": "Curator", "GIT_AUTHOR_EMAIL": "curator@example.org", "GIT_CONFIG_GLOBAL": os.devnull,
                "GIT_COMMITTER_NAME": "Curator", "GIT_COMMITTER_EMAIL": "curator@example.org"}
    return subprocess.run(["git", *arguments], cwd=where, capture_output=True, text=True, check=True,
                          env={**os.environ, **identity}).stdout.strip()


def test_the_daily_update_job_runs_here_step_by_step_and_commits_only_what_changed(tmp_path):
    """The update job on a clone whose data/fetch.yaml points at recorded answers on 127.0.0.1: the first run
    commits the fetched files as the bot and pushes them, the second finds nothing new and commits nothing."""
    workspace, origin = clean_copy(tmp_path / "workspace"), tmp_path / "origin.git"
    with serving(recorded_world()) as apis:
        (workspace / "data" / "fetch.yaml").write_text(
            f"delay: 0.01\narxiv:\n  categories: [cs.CL]\n  days: 1\n  api_url: {apis.url}api/query\n"
            f"hf:\n  days: 1\n  api_url: {apis.url}api/daily_papers\n", encoding="utf-8")
        git(tmp_path, "init", "--quiet", "--bare", str(origin))
        for command in (["init", "--quiet", "--initial-branch=main"], ["add", "--all"],
                        ["commit", "--quiet", "--message", "The repository as checked out"],
                        ["remote", "add", "origin", str(origin)], ["push", "--quiet", "origin", "main"]):
            git(workspace, *command)
        runner = {"GITHUB_REF": "refs/heads/main", "GITHUB_SERVER_URL": "https://github.com",
                  "GITHUB_REPOSITORY": "octocat/paper-catalogue", "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
        first = run_job(UPDATE, "update", workspace, tmp_path / "runner-1", {"github.token": "a-token"}, runner)
        pushed = git(origin, "rev-parse", "main")
        second = run_job(UPDATE, "update", workspace, tmp_path / "runner-2", {"github.token": "a-token"}, runner)
    assert first["commit"] == {"changed": "true", "sha": pushed}
    assert git(origin, "log", "-1", "--format=%an <%ae>%n%s", "main").splitlines() == [
        BOT, f"Papers fetched by the daily update of {datetime.datetime.now(datetime.UTC).date()}"]
    assert git(origin, "show", "--name-only", "--format=", "main").splitlines() == [
        "data/arxiv.jsonl", "data/hf-daily.jsonl", "data/ledger.tsv", "data/resolved.jsonl"]
    assert second["commit"] == {"changed": "false", "sha": pushed}
    assert git(origin, "rev-parse", "main") == pushed
    assert {request.headers["User-Agent"] for request in apis.seen} == {
        "paper-catalogue/0.1.0 (+https://github.com/octocat/paper-catalogue)"}
    assert (workspace / "site" / "papers" / "gluscope-a-tool-for-analyzing-glu-neurons-in-transformer-language-models"
            / "index.html").is_file()


# (d) the built site served under a sub-path, as https://<owner>.github.io/<repository>/ serves it

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")


def fetch(url: str) -> tuple[int, bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_the_site_works_under_a_sub_path(tmp_path, monkeypatch):
    www = tmp_path / "www"
    www.mkdir()
    server_url, server = serve(www)
    try:
        site_url = server_url + "paper-catalogue/"
        monkeypatch.setenv("SITE_URL", site_url)
        (tmp_path / "project").mkdir()
        project = make_project(tmp_path / "project")
        run_generator(project)
        run_mkdocs(project)
        (www / "paper-catalogue").symlink_to(project / "site", target_is_directory=True)
        site = project / "site"
        tag = sorted(path.parent for path in (site / "tags").glob("*/index.html"))[0].relative_to(site).as_posix()
        paper = sorted(path.parent for path in (site / "papers").glob("*/index.html"))[0].relative_to(site).as_posix()
        pages = ["", "papers/", f"{tag}/", f"{paper}/", "404.html"]

        checked: dict[str, int] = {}
        broken = []
        for page in pages:
            page_url = site_url + page
            status, body = fetch(page_url)
            assert status == 200, f"{page_url}: HTTP {status}"
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            if page != "404.html":
                assert parser.canonical == page_url, f"{page_url}: canonical {parser.canonical}"
            for link in parser.links:
                if link.startswith(("#", "mailto:", "data:")):
                    continue
                url = urljoin(page_url, link).split("#")[0]
                if urlsplit(url).netloc != urlsplit(site_url).netloc:
                    continue  # another site: the code links in abstracts, fonts, the theme's GitHub link
                if not url.startswith(site_url):
                    broken.append(f"{page or 'home'}: {link} leaves {site_url}")
                    continue
                if url not in checked:
                    checked[url] = fetch(url)[0]
                if checked[url] != 200:
                    broken.append(f"{page or 'home'}: {link} -> HTTP {checked[url]}")
        for data in ("papers.json", "search/search_index.json", "sitemap.xml"):
            assert fetch(site_url + data)[0] == 200, data
        assert broken == []
        assert len(checked) > 80  # the 73 paper pages, tag pages, the theme's assets
    finally:
        server.shutdown()
