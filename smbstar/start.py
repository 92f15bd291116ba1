"""The `smbstar` command's entry point. It imports nothing itself, so that Ctrl-C while the CLI loads (typer and
the project's modules: most of a command's first 0.1 s) ends as Ctrl-C does later: one line, exit 130."""

import sys


def main() -> None:
    try:
        from smbstar.cli import main as run
    except KeyboardInterrupt:
        if sys.stderr is not None:
            print("smbstar: interrupted", file=sys.stderr)
        sys.exit(130)
    run()
