"""The result cache (``.medlint_cache/``): each file's result keyed by everything that decides it.

A file's entry is keyed by a hash of its bytes, its reported path, and the run's
fingerprint (medlint version, the config file's content, plugin and rule-dir and
claim-registry contents, command-line rule selection). Changing any of them is a
miss, so one edited file re-lints one file. ``--today`` is not in the key: an entry
keeps the days its result holds for (``dates``: what the rules read of the date,
``rule.RunContext``; every day when none did), and another day is a miss only
outside them. Entries are written to a
temporary file and renamed, so concurrent runs never see half an entry; an entry
that fails to parse or carries another format version is ignored and rewritten.
An entry holds the findings, what the rules measured (the reading grade), the
file's outline (the headings the baseline fingerprints findings under) and, when
the run asked for them, its claims.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from . import __version__, jsonio
from .config import ConfigError
from .diagnostics import Diagnostic, Fix, FixSafety, Related, Replacement, Severity, well_formed

if TYPE_CHECKING:
    from .claim_config import ClaimRecord
    from .results import Deferred, FileResult

FORMAT = 4  # 4: the days an entry holds for (``dates``); --today left the key
# Entries no run used for this long are removed (Cache.prune).
PRUNE_AFTER_DAYS = 30
DAY = 24 * 3600


@dataclass
class Entry:
    """What the cache keeps of one file's result."""

    diagnostics: list[Diagnostic]
    outline: list[tuple[int, str]] | None = None
    claims: list["ClaimRecord"] | None = None  # None: not extracted in that run
    measures: dict[str, float] | None = None
    library_rules: dict[str, dict] = field(default_factory=dict)
    deferred: list["Deferred"] = field(default_factory=list)
    # The first and last day the result holds for (None: no bound).
    dates: tuple[dt.date | None, dt.date | None] = (None, None)

    def holds_on(self, day: dt.date) -> bool:
        first, last = self.dates
        return (first is None or first <= day) and (last is None or day <= last)


def _code_identity() -> str:
    """medlint's own code (size and mtime of every module), so an edited checkout or a
    reinstall never reuses results computed by other code."""
    global _CODE
    if _CODE is None:
        package = Path(__file__).parent
        stats = []
        for path in sorted(package.rglob("*")):
            if path.suffix in (".py", ".json", ".yaml") and "__pycache__" not in path.parts:
                st = path.stat()
                stats.append(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}")
        _CODE = hashlib.sha256("\n".join(stats).encode()).hexdigest()
    return _CODE


_CODE: str | None = None


def fingerprint(parts: Iterable[str | bytes]) -> str:
    digest = hashlib.sha256()
    digest.update(f"medlint {__version__} cache {FORMAT} {_code_identity()}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def file_digest(path: str | Path) -> bytes:
    try:
        return hashlib.sha256(Path(path).read_bytes()).digest()
    except OSError:
        return b"<unreadable>"


class CacheRefused(ConfigError):
    """The cache folder is not safe to write into (a symlink, not a folder, or owned
    by another user): every entry would land where someone else chose."""


def _check_folder(folder: Path) -> None:
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return  # created on the first write
    except OSError as exc:
        raise CacheRefused(f"cache folder {folder}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(st.st_mode):
        raise CacheRefused(f"cache folder {folder} is a symbolic link: refused (the cache is written only into "
                           f"a real folder; remove the link or use --no-cache)")
    if not stat.S_ISDIR(st.st_mode):
        raise CacheRefused(f"cache folder {folder} is not a folder: refused (remove it or use --no-cache)")
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise CacheRefused(f"cache folder {folder} belongs to another user: refused (remove it or use --no-cache)")


class Cache:
    def __init__(self, folder: Path):
        _check_folder(Path(folder))
        # Absolute from the start: a plugin that changes the working folder cannot move it.
        self.folder = Path(os.path.abspath(folder))
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> str:
        # Plain strings, not Path objects: a warm run looks up one entry per file.
        return os.path.join(self.folder, key[:2], f"{key[2:]}.json")

    def key(self, run: str, path: str, data: bytes) -> str:
        return fingerprint([run, path, hashlib.sha256(data).digest()])

    def get(self, key: str, today: dt.date | None = None, claims: bool = False) -> Entry | None:
        """The entry under ``key`` (None: absent, corrupt, not holding on ``today``, or
        without claims when ``claims`` are asked for)."""
        return self._found(self._load(key), today, claims)

    def _load(self, key: str) -> tuple[Entry, str] | None:
        """The entry file under ``key`` and its text (None: absent or corrupt)."""
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                text = handle.read()
                used = os.fstat(handle.fileno()).st_mtime
            entry = _entry(json.loads(text))
            if time.time() - used > DAY:  # in use: kept by prune()
                os.utime(self._path(key))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # absent, or corrupt or foreign: never trusted; rewritten by put()
        return entry, text

    def _found(self, loaded: tuple[Entry, str] | None, today: dt.date | None, claims: bool) -> Entry | None:
        entry = loaded[0] if loaded is not None else None
        if entry is None or (today is not None and not entry.holds_on(today)) or (claims and entry.claims is None):
            self.misses += 1
            return None  # relinted, and overwritten by put()
        self.hits += 1
        return entry

    def pack(self, files: Iterable[str]) -> "Pack":
        """The pack of the run that looks up ``files`` (paths, in lookup order)."""
        return Pack(self, fingerprint(["pack", *files]))

    def get_data(self, name: str) -> Any:
        """A JSON value stored with ``put_data`` (None when absent or unreadable; the
        caller checks its shape)."""
        try:
            with open(os.path.join(self.folder, "data", f"{name}.json"), encoding="utf-8") as handle:
                return json.loads(handle.read())
        except (OSError, ValueError, RecursionError):
            return None

    def put_data(self, name: str, value: Any) -> None:
        """Keep a JSON value under ``name`` (a fingerprint of what decides it)."""
        self._write(os.path.join(self.folder, "data", f"{name}.json"), jsonio.dumps(value))

    def put(self, key: str, result: "FileResult",
            dates: tuple[dt.date | None, dt.date | None] = (None, None)) -> None:
        """Keep ``result`` under ``key``, for the days ``dates`` (first, last; None: no bound)."""
        target = self._path(key)
        raw: dict[str, Any] = {"format": FORMAT, "version": __version__,
                               "diagnostics": [dump_diagnostic(d) for d in result.diagnostics]}
        if dates != (None, None):
            raw["dates"] = [d.isoformat() if d is not None else None for d in dates]
        if result.measures:
            raw["measures"] = result.measures
        if result.outline is not None:
            raw["outline"] = result.outline
        if result.claims is not None:
            raw["claims"] = [c.to_dict() for c in result.claims]
        if result.library_rules:
            raw["library_rules"] = result.library_rules
        if result.deferred:
            raw["deferred"] = [dump_deferred(d) for d in result.deferred]
        self._write(target, jsonio.dumps(raw))

    def _write(self, target: str, payload: str) -> None:
        import tempfile  # here: a run that writes no cache entry need not import it (~5 ms)

        tmp = None
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            _ensure_gitignore(self.folder)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(tmp, target)
        except OSError:  # a cache that cannot be written (a full disk) is only slower
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def prune(self, max_age_days: int = PRUNE_AFTER_DAYS) -> int:
        """Remove entries not used for ``max_age_days`` (a hit refreshes an entry's
        modification time, at most once a day) and temporary files left by a killed
        run; at most once a day (the time of the last pass is the modification time of
        ``data/pruned``). Returns how many files were removed."""
        marker = os.path.join(self.folder, "data", "pruned")
        now = time.time()
        try:
            if now - os.stat(marker).st_mtime < DAY:
                return 0
        except FileNotFoundError:
            pass
        except OSError:
            return 0
        self._write(marker, "")
        removed = 0
        oldest = now - max_age_days * DAY
        for dirpath, dirnames, filenames in os.walk(self.folder):
            for name in filenames:
                if not name.endswith((".json", ".pack", ".tmp")):
                    continue
                path = os.path.join(dirpath, name)
                try:
                    mtime = os.lstat(path).st_mtime
                    if mtime < oldest or ((name.startswith(".tmp-") or name.endswith(".tmp")) and mtime < now - DAY):
                        os.unlink(path)
                        removed += 1
                except OSError:
                    continue
        return removed


class Pack:
    """The entries of one list of files in one file, in the order a run looks them up
    (``packs/<digest of the paths>.pack``): a warm run reads one file, not one per
    article. A line is ``key<TAB>entry JSON``, the entry file's text.

    ``get`` takes the pack's next line when its key is the one asked for, else drops
    that line and reads the entry file (a changed file: its old line goes, the next
    file finds its own line again). A pack line is checked as an entry file is, and a
    corrupt one is not trusted. As soon as the run differs from the pack (a line not
    used, an entry from its own file, a miss), the pack is rewritten: the lines used so
    far are copied, then every entry found is appended, and ``close`` renames it into
    place. A file linted afresh gets a line with its key and no entry (``key<TAB>``), so
    the next run reads it from its entry file and the files after it stay in step. The
    pack is read and written a line at a time: memory does not grow with the files."""

    def __init__(self, cache: Cache, name: str):
        self.cache = cache
        self.path = os.path.join(cache.folder, "packs", f"{name}.pack")
        self._reader: Any = None
        self._used = 0  # bytes of the pack's first lines, all used in order
        self._writer: Any = None
        self._tmp: str | None = None
        self._written = False  # an entry was written (besides the lines copied)
        try:
            self._reader = open(self.path, "rb")
            if time.time() - os.fstat(self._reader.fileno()).st_mtime > DAY:  # in use: kept by prune()
                os.utime(self.path)
        except OSError:
            self._reader = None

    def get(self, key: str, today: dt.date | None = None, claims: bool = False) -> Entry | None:
        """``Cache.get``, from the pack when its next line is ``key``'s."""
        loaded, size = self._next(key), 0
        if loaded is not None:
            loaded, size = loaded[:2], loaded[2]
        else:
            self._differs()
            loaded = self.cache._load(key)
        entry = self.cache._found(loaded, today, claims)
        if entry is None:
            self._differs()
            # Relinted: the next run finds it in its entry file; the line keeps its place.
            self._write(f"{key}\t\n".encode())
        elif self._writer is not None:
            self._write(f"{key}\t{loaded[1]}\n".encode("utf-8", "surrogatepass"))  # type: ignore[index]
        else:
            self._used += size
        return entry

    def _next(self, key: str) -> tuple[Entry, str, int] | None:
        """The pack's next entry when it is ``key``'s and sound, its text and size."""
        if self._reader is None:
            return None
        try:
            line = self._reader.readline()
            if not line.endswith(b"\n"):
                raise ValueError("end of the pack")
            found, _, text = line[:-1].decode("utf-8", "surrogatepass").partition("\t")
            if found != key:
                raise ValueError("another file's entry")
            return _entry(json.loads(text)), text, len(line)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None

    def _differs(self) -> None:
        """The run no longer matches the pack: start the new one with the lines used so far."""
        if self._tmp is not None:
            return
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            _ensure_gitignore(self.cache.folder)
            self._tmp = f"{self.path}.{os.getpid()}.tmp"
            fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
            self._writer = os.fdopen(fd, "wb")
            if self._reader is not None and self._used:
                where = self._reader.tell()
                self._reader.seek(0)
                self._writer.write(self._reader.read(self._used))
                self._reader.seek(where)
        except OSError:
            self._abandon()

    def _write(self, data: bytes) -> None:
        if self._writer is None:
            return
        try:
            self._writer.write(data)
            self._written = True
        except OSError:  # a pack that cannot be written (a full disk) is only slower
            self._abandon()

    def _abandon(self) -> None:
        if self._writer is not None:
            try:
                self._writer.close()
            except OSError:
                pass
            self._writer = None
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass

    def close(self) -> None:
        """Put the rewritten pack in place (when the run differed from the pack)."""
        if self._reader is not None:
            try:
                if self._reader.read(1):  # lines no file asked for
                    self._differs()
                self._reader.close()
            except OSError:
                pass
            self._reader = None
        if self._writer is None:
            return
        if not (self._written or self._used):  # no entry to keep: the old pack is as good
            self._abandon()
            return
        try:
            self._writer.close()
            self._writer = None
            os.replace(self._tmp, self.path)  # type: ignore[arg-type]
        except OSError:
            self._abandon()


def _ensure_gitignore(folder: Path) -> None:
    """Create ``.gitignore`` unless something (even a dangling link) has that name:
    never through a link."""
    try:
        fd = os.open(os.path.join(folder, ".gitignore"),
                     os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("# created by medlint\n*\n")


def _entry(raw: Any) -> Entry:
    """The entry ``raw`` describes; ValueError (or another error) for anything that is
    not exactly what ``put`` writes, so a corrupt entry is rebuilt, never reported."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("version") != __version__:
        raise ValueError("foreign cache entry")
    if not isinstance(raw["diagnostics"], list):
        raise ValueError("diagnostics")
    entry = Entry([load_diagnostic(d) for d in raw["diagnostics"]])
    if not all(well_formed(d) for d in entry.diagnostics):
        raise ValueError("malformed diagnostic")
    measures = raw.get("measures", {})
    if not isinstance(measures, dict) or not all(type(v) in (int, float) for v in measures.values()):
        raise ValueError("measures")
    entry.measures = {str(k): float(v) for k, v in measures.items()}
    if raw.get("outline") is not None:
        entry.outline = [(line, title) for line, title in raw["outline"]]
        if not all(type(line) is int and isinstance(title, str) for line, title in entry.outline):
            raise ValueError("outline")
    if raw.get("claims") is not None:
        from .claim_config import ClaimRecord

        entry.claims = [ClaimRecord.from_dict(c) for c in raw["claims"]]
        if not all(_plain(c) for c in entry.claims):
            raise ValueError("claims")
    if not isinstance(raw.get("library_rules", {}), dict):
        raise ValueError("library_rules")
    entry.library_rules = dict(raw.get("library_rules", {}))
    entry.deferred = [load_deferred(d) for d in raw.get("deferred", [])]
    if not all(well_formed(x) for d in entry.deferred for found in d.variants.values() for x in found):
        raise ValueError("deferred")
    first, last = raw.get("dates", (None, None))  # ValueError unless two
    entry.dates = (dt.date.fromisoformat(first) if first is not None else None,
                   dt.date.fromisoformat(last) if last is not None else None)
    return entry


_FIELD_TYPES = {"int": (int,), "str": (str,), "dict[str, str]": (dict,), "tuple[str, ...]": (tuple, list)}


def _plain(record: Any) -> bool:
    """Every field of the dataclass ``record`` has its declared (plain) type."""
    for name, types in _fields(type(record)):
        value = getattr(record, name)
        if types is not None and type(value) not in types:
            return False
        if isinstance(value, dict):
            if not all(type(k) is str and type(v) is str for k, v in value.items()):
                return False
        elif isinstance(value, (tuple, list)) and not all(type(v) is str for v in value):
            return False
    return True


_FIELDS: dict[type, list[tuple[str, tuple[type, ...] | None]]] = {}


def _fields(cls: type) -> list[tuple[str, tuple[type, ...] | None]]:
    """The fields of the dataclass ``cls`` with the types ``_plain`` accepts (None: any),
    worked out once per class: a warm run checks a thousand files' claims."""
    fields = _FIELDS.get(cls)
    if fields is None:
        import dataclasses

        fields = _FIELDS[cls] = [(f.name, _FIELD_TYPES.get(str(f.type))) for f in dataclasses.fields(cls)]
    return fields


def dump_deferred(d: "Deferred") -> dict[str, Any]:
    """A ``Deferred`` as JSON (the cache, shard reports)."""
    return {"first_line": d.first_line, "last_line": d.last_line, "rules": list(d.rules),
            "variants": [[list(used), [dump_diagnostic(x) for x in found]] for used, found in d.variants.items()]}


def load_deferred(raw: dict[str, Any]) -> "Deferred":
    from .results import Deferred

    return Deferred(int(raw["first_line"]), int(raw["last_line"]), tuple(raw["rules"]),
                    {tuple(used): [load_diagnostic(x) for x in found] for used, found in raw["variants"]})


def dump_diagnostic(d: Diagnostic) -> dict[str, Any]:
    out = d.to_dict()
    out.update(hint=d.hint, offset=d.offset, end_offset=d.end_offset, data=d.data,
               related=[{"path": r.path, "line": r.line, "column": r.column, "message": r.message,
                         "end_line": r.end_line, "end_column": r.end_column} for r in d.related])
    if d.fix is not None:
        out["fix"] = {"replacements": [r.to_dict() for r in d.fix.replacements], "safety": d.fix.safety.value,
                      "description": d.fix.description}
    return out


def load_diagnostic(raw: dict[str, Any]) -> Diagnostic:
    fix = None
    if raw.get("fix"):
        fix = Fix(tuple(Replacement(**r) for r in raw["fix"]["replacements"]), FixSafety(raw["fix"]["safety"]),
                  raw["fix"].get("description", ""))
    return Diagnostic(
        path=raw["path"], rule=raw["rule"], code=raw["code"], severity=Severity(raw["severity"]),
        message=raw["message"], line=raw["line"], column=raw["column"], end_line=raw["end_line"],
        end_column=raw["end_column"], fix=fix, related=tuple(Related(**r) for r in raw.get("related", [])),
        hint=raw.get("hint", ""), offset=raw.get("offset", 0), end_offset=raw.get("end_offset", 0),
        data=raw.get("data") or {},
    )
