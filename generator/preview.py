"""Live preview for curators: the site engine's server, with the generator run again whenever data/ changes.

`mkdocs serve` (or `zensical serve`) rebuilds and reloads the page when site_src/ changes; this watches
data/ and runs `python -m generator build` on each change, so an edited dump, taxonomy, entity list or
curation file shows up in the open page. A run that fails prints its one-line error and leaves the last
good pages served. The preview offers lunr search: Pagefind's index is made by `make site` only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

QUIET_SECONDS = 0.5  # an editor's save is several file events: wait for them to settle, then run once


class Changes(FileSystemEventHandler):
    """Remembers when a file under data/ last changed; editors' temporary files do not count."""

    def __init__(self) -> None:
        self.last: float | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        name = Path(os.fsdecode(event.src_path)).name
        if event.is_directory or event.event_type in ("opened", "closed_no_write") or is_temporary(name):
            return
        with self.lock:
            self.last = time.monotonic()

    def settled(self) -> bool:
        """True once, when changes happened and none came for QUIET_SECONDS."""
        with self.lock:
            if self.last is None or time.monotonic() - self.last < QUIET_SECONDS:
                return False
            self.last = None
            return True


def is_temporary(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp"))


def generate() -> bool:
    """The generator on data/, its summary or errors printed as they come; False when it failed."""
    result = subprocess.run([sys.executable, "-m", "generator", "build", "-q"])
    return result.returncode == 0


def serve_command(engine: str, address: str) -> list[str]:
    executable = Path(sys.executable).parent / engine
    return [str(executable if executable.exists() else engine), "serve", "--dev-addr", address]


def preview(engine: str, address: str, data: Path) -> int:
    generate()
    changes = Changes()
    observer = Observer()
    observer.schedule(changes, str(data), recursive=True)
    observer.start()
    server = subprocess.Popen(serve_command(engine, address), env={**os.environ, "CATALOGUE_SEARCH": "lunr"})
    try:
        while server.poll() is None:
            time.sleep(0.2)
            if changes.settled():
                print(f"{data}/ changed: generating the pages again", file=sys.stderr, flush=True)
                generate()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.terminate()
        server.wait()
    return 0


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m generator.preview", description=__doc__.splitlines()[0])
    cli.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs", help="site engine (default: mkdocs)")
    cli.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT",
                     help="where to serve (default: 127.0.0.1:8000)")
    cli.add_argument("--data", type=Path, default=Path("data"), metavar="DIR", help="folder to watch (default: data)")
    arguments = cli.parse_args(argv)
    return preview(arguments.engine, arguments.dev_addr, arguments.data)


if __name__ == "__main__":
    raise SystemExit(main())
