"""``medlint server``: the editor server, Language Server Protocol over stdio (SPEC §13).

It needs the ``lsp`` extra (``pip install 'medlint[lsp]'``, which brings pygls);
the plain command line never imports this package's submodules. Set-up for each
editor is in docs/editors.md. Layout: ``lsp`` holds the pygls handlers,
``convert`` the position and edit conversions, and ``medlint.live`` the one
adapter to the linting pipeline.
"""

from __future__ import annotations

import os
import sys

MISSING = ("medlint server needs the `lsp` extra: pip install 'medlint[lsp]' "
           "(it installs pygls, the Language Server Protocol library)")


class MissingExtra(Exception):
    """pygls (the ``lsp`` extra) is not installed."""


def run() -> None:
    """Serve one editor over standard input and output until it says exit."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise MissingExtra(MISSING) from None
    import logging

    from .lsp import build

    # The protocol owns standard output: anything else printed there (a plugin's
    # print(), a C library) would corrupt the stream, so file descriptor 1 and
    # sys.stdout go to standard error and the protocol gets its own copy of the pipe.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="medlint server: %(message)s")
    build().start_io(sys.stdin.buffer, protocol_out)
