"""Machine-readable reporters: diagnostics in, one report out (SPEC §4, §5).

Every reporter is a pure function with the same shape::

    render(diagnostics, rules, *, files) -> str

``diagnostics`` are the findings left after suppressions and the baseline;
``rules`` maps each rule *name* (``"reference-empty"``) to its metadata, a
:class:`RuleInfo`; ``files`` is every linted path, with or without findings (JUnit
reports clean files as passing test cases). A reporter never reads files, the
configuration or the clock, so the same input always gives the same bytes. The
CLI writes the returned string to standard output or ``--output-file`` as UTF-8.

``sarif.render`` also accepts ``sources`` (path -> decoded file text) to compute
fingerprints that survive lines added above a finding. The reports for people take
more: ``html.render`` accepts ``sources`` (for excerpts), ``facts`` (path ->
``html.ArticleFacts``: the article's claims and reading grade) and ``baselined`` (how
many findings the baseline hid); ``markdown.render`` accepts ``baselined``. The
human-readable ``text`` format belongs to the CLI.

Each ``render`` drives its module's ``Writer``, which a lint run (``medlint check``)
uses directly so that memory does not grow with the number of articles: the writer
is given each file in report order (path order: ``by_file``) with its findings and
its text, writes what it can to its output stream at once, and keeps only what the
format needs at the end (counts, a SARIF rule list, the JUnit totals; the HTML page
keeps its findings). ``Writer(out, rules, *, files, **options)``, then
``file(path, findings, text=None, facts=None)`` for every path of ``files`` and of the
findings, ascending, then ``finish()``.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, Any, Protocol, runtime_checkable

from medlint.diagnostics import Diagnostic, Severity


@runtime_checkable
class RuleInfo(Protocol):
    """What a reporter needs to know about a rule: any rule object that has these."""

    @property
    def name(self) -> str:
        """Stable kebab-case name, the ``rule`` field of a diagnostic (``reference-empty``)."""

    @property
    def code(self) -> str:
        """Stable short code (``ML304``); SARIF uses it as the rule id."""

    @property
    def summary(self) -> str:
        """One line saying what the rule finds."""

    @property
    def docs(self) -> str:
        """Full Markdown documentation, as ``medlint explain`` prints it."""

    @property
    def severity(self) -> Severity:
        """Default severity, before configuration."""

    @property
    def fixable(self) -> bool:
        """Whether the rule can offer fixes."""


class Reporter(Protocol):
    """The shape every ``render`` function has; see the module docstring."""

    def __call__(
        self,
        diagnostics: Sequence[Diagnostic],
        rules: Mapping[str, RuleInfo],
        *,
        files: Sequence[str],
    ) -> str: ...


def by_position(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The report order every format shares: path, line, column, rule (SPEC §5)."""
    return sorted(diagnostics, key=Diagnostic.sort_key)


class Writer(Protocol):
    """The streaming form of a reporter; see the module docstring."""

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: str | None = None,
             facts: Any = None) -> None: ...

    def finish(self) -> None: ...


def by_file(diagnostics: Iterable[Diagnostic], files: Iterable[str]) -> Iterator[tuple[str, list[Diagnostic]]]:
    """Every path of ``files`` and ``diagnostics`` with its findings (report order),
    paths ascending: the order a ``Writer`` is given files in."""
    groups: dict[str, list[Diagnostic]] = {path: [] for path in files}
    for d in by_position(list(diagnostics)):
        groups.setdefault(d.path, []).append(d)
    for path in sorted(groups):
        yield path, groups[path]


def render_with(make: Any, diagnostics: Sequence[Diagnostic], files: Sequence[str],
                sources: Mapping[str, str] | None = None, facts: Mapping[str, Any] | None = None) -> str:
    """What ``make(out)`` (a ``Writer`` on ``out``) writes for these findings, as one string."""
    out = io.StringIO()
    writer = make(out)
    for path, found in by_file(diagnostics, files):
        writer.file(path, found, (sources or {}).get(path), (facts or {}).get(path))
    writer.finish()
    return out.getvalue()


def spool() -> IO[str]:
    """A spool for text a writer must place after what it learns last (the SARIF rule
    list and the JUnit totals come before the results): in memory while small, then on
    disk, so memory does not grow with the report (in memory only where no temporary
    file can be made)."""
    return _Spool(binary=False)  # type: ignore[return-value]


def binary_spool() -> IO[bytes]:
    """``spool`` for bytes."""
    return _Spool(binary=True)  # type: ignore[return-value]


class _Spool:
    """What ``spool`` returns: write, tell, seek, read and close, like a file. The first
    ``ROLL`` characters or bytes (64 Ki, a one-file report) stay in memory; past them
    the content moves to a temporary file, so a one-file check never imports tempfile
    (~3 ms with random and shutil) and a large report costs no memory (a StringIO holds
    up to 4 bytes a character: a larger ROLL broke the SARIF memory-flatness test)."""

    ROLL = 1 << 16

    def __init__(self, binary: bool):
        self._binary = binary
        self._buf: Any = io.BytesIO() if binary else io.StringIO(newline="")
        self._on_disk = False

    def write(self, data: Any) -> int:
        n = self._buf.write(data)
        if not self._on_disk and self._buf.tell() > self.ROLL:
            self._roll()
        return n

    def writelines(self, lines: Iterable[Any]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # anything else a file has: the buffer's
        return getattr(self._buf, name)

    def _roll(self) -> None:
        import tempfile

        self._on_disk = True  # tried once: where no temporary file can be made, memory
        try:
            file: Any = (tempfile.TemporaryFile() if self._binary else
                         tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass", newline=""))
        except OSError:
            return
        file.write(self._buf.getvalue())
        self._buf.close()
        self._buf = file

    def tell(self) -> int:
        return self._buf.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._buf.seek(offset, whence)

    def read(self, size: int = -1) -> Any:
        return self._buf.read(size)

    def flush(self) -> None:
        self._buf.flush()

    def close(self) -> None:
        self._buf.close()


def chunks(source: IO[str], size: int = 1 << 20) -> Iterator[str]:
    """What ``source`` (a ``spool``) holds, from its start, a chunk at a time."""
    source.seek(0)
    while chunk := source.read(size):
        yield chunk


def copy(source: IO[str], out: IO[str]) -> None:
    """Write what ``source`` (a ``spool``) holds to ``out``, a chunk at a time."""
    out.writelines(chunks(source))


def writer(name: str) -> Any:
    """The ``Writer`` class of the format ``name`` (one of ``REPORTERS``)."""
    if name not in _Reporters._FORMATS:
        raise KeyError(name)
    return importlib.import_module(f"medlint.reporters.{name}").Writer


class _Reporters(Mapping[str, Reporter]):
    """Format name -> ``render``; a reporter's module is imported when it is first
    asked for, so a run pays only for the format it prints."""

    _FORMATS = ("json", "sarif", "github", "junit", "html", "markdown")

    def __getitem__(self, name: str) -> Reporter:
        if name not in self._FORMATS:
            raise KeyError(name)
        return importlib.import_module(f"medlint.reporters.{name}").render  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._FORMATS)

    def __len__(self) -> int:
        return len(self._FORMATS)


REPORTERS: Mapping[str, Reporter] = _Reporters()

__all__ = ["REPORTERS", "Reporter", "RuleInfo", "Writer", "binary_spool", "by_file", "by_position", "chunks", "copy",
           "render_with", "spool", "writer"]
