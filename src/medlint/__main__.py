"""``python -m medlint`` and the ``medlint`` command."""

import sys

from . import __version__


def run() -> None:
    # `medlint --version` alone is answered before click and the CLI are imported (they
    # cost more than the rest of Python's start-up); the text is click's version option's.
    if sys.argv[1:] in (["--version"], ["-V"]):
        print(f"medlint, version {__version__}")
        return
    from . import regex_cache

    regex_cache.install()  # before the modules that compile regexes when imported
    from .cli import main

    main()


if __name__ == "__main__":
    run()
