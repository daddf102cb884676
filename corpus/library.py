"""The plan library: imported plans kept under PLANQA_DATA_DIR/plans/ as their original files plus one
JSON manifest (no pickles). Plans are parsed again from the original when loaded, so a better parser
improves every stored plan and nothing derived can go stale.

    plans/
      library.json              {"format": 1, "plans": [entry, ...]}  (key, title, year, sha256, ...)
      files/<sha256>.<ext>      the file as imported, byte for byte
      .lock                     held while the library changes (two imports at once wait in turn)

Every change is atomic: the file and then the manifest are written to a temporary name and renamed
into place, so a crash leaves the library as it was (at worst an unlisted file in files/, removed by
the next change). A damaged manifest is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from corpus.genre import mark_of
from corpus.importer import ImportedPlan, import_bytes
from corpus.meta import find_title, make_key, unique_key, valid_key, year_of
from corpus.settings import Settings

FORMAT = 1
_MANIFEST = "library.json"
_SUFFIX = {"text": ".txt", "docx": ".docx", "pdf": ".pdf", "html": ".html"}


class LibraryError(ValueError):
    """A library operation was refused; the message says why."""


class DuplicatePlan(LibraryError):
    pass


class UnknownPlan(LibraryError):
    pass


class LibraryBusy(LibraryError):
    pass


@dataclass(frozen=True)
class Entry:
    """One stored plan, as the manifest records it."""

    key: str
    title: str
    year: int | None
    issuer: str
    date: str
    sha256: str
    file: str  # relative to the library root: files/<sha256>.<ext>
    name: str  # the file name it was imported from
    format: str
    encoding: str
    size: int
    added: str  # ISO 8601, UTC
    tasks: int
    clauses: int
    structured: bool
    script: str
    overrides: dict = field(default_factory=dict)  # title / year / issuer given on import
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        d = asdict(self)
        d["warnings"] = list(self.warnings)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Entry:
        known = {f for f in cls.__dataclass_fields__}
        d = {k: v for k, v in d.items() if k in known}
        d["warnings"] = tuple(d.get("warnings", ()))
        return cls(**d)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class PlanLibrary:
    """add / entries / get / load / remove. Cheap to construct: nothing is read until asked."""

    def __init__(self, root: Path, max_bytes: int = 10_000_000, builtin: Path | None = None,
                 lock_timeout: float = 30.0):
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.builtin = builtin
        self.lock_timeout = lock_timeout

    @classmethod
    def from_settings(cls, settings: Settings) -> PlanLibrary:
        return cls(settings.data_dir / "plans", settings.max_plan_bytes, settings.corpus)

    @property
    def manifest_path(self) -> Path:
        return self.root / _MANIFEST

    # ------------------------------------------------------------ reading

    def entries(self) -> list[Entry]:
        path = self.manifest_path
        if not path.is_file():
            return []
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise LibraryError(f"the plan library {path} has format {data.get('format')!r}; this PlanQA reads {FORMAT}")
            return [Entry.from_dict(e) for e in data["plans"]]
        except LibraryError:
            raise
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            raise LibraryError(
                f"the plan library manifest {path} is damaged ({e}); the original files are kept in "
                f"{self.root / 'files'}: restore the manifest from a backup, or move the folder away and add them again"
            ) from e

    def get(self, key: str) -> Entry:
        entries = self.entries()
        found = next((e for e in entries if e.key == key), None)
        if found is None:
            known = ", ".join(e.key for e in entries) or "none"
            raise UnknownPlan(f"no plan with key {key!r} in the library (plans: {known})")
        return found

    def load(self, key: str) -> ImportedPlan:
        """Parse a stored plan again from its original file, with the overrides given on import."""
        e = self.get(key)
        path = self.root / e.file
        if not path.is_file():
            raise LibraryError(f"the file of plan {key} ({path}) is missing: remove the plan and add it again")
        return import_bytes(path.read_bytes(), e.name, key=e.key, **e.overrides)

    # ------------------------------------------------------------ changing

    def _lock(self) -> FileLock:
        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(self.root / ".lock", timeout=self.lock_timeout)

    def _write(self, entries: list[Entry]) -> None:
        body = {"format": FORMAT, "plans": [e.to_dict() for e in entries]}
        _atomic_write(self.manifest_path, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))

    def _tidy(self, entries: list[Entry]) -> None:
        """Drop what a crash may have left: temporary files and files no entry names."""
        listed = {e.file for e in entries}
        for p in list(self.root.glob(".tmp-*")) + list((self.root / "files").glob("*")):
            rel = p.relative_to(self.root).as_posix()
            if rel not in listed:
                p.unlink(missing_ok=True)

    def builtin_key(self) -> str:
        """The key the built-in plan would have (its ids stay plain); read from its title, no repair."""
        if self.builtin is None or not Path(self.builtin).is_file():
            return ""
        lines = [ln.strip() for ln in Path(self.builtin).read_text(encoding="utf-8", errors="replace").split("\n")]
        head = []
        for ln in filter(None, lines):
            if (m := mark_of(ln)) and m[0] == 1:
                break
            head.append(ln)
        title = find_title(head)
        return make_key(title, year_of(title)) if title else ""

    def _builtin_sha(self) -> str | None:
        if self.builtin is None or not Path(self.builtin).is_file():
            return None
        return hashlib.sha256(Path(self.builtin).read_bytes()).hexdigest()

    @staticmethod
    def _refuse_duplicate(entries: list[Entry], sha: str, name: str) -> None:
        same = next((e for e in entries if e.sha256 == sha), None)
        if same:
            raise DuplicatePlan(
                f"{name} is already in the library as {same.key} ({same.title}, added {same.added[:10]} from {same.name})"
            )

    def check_size(self, size: int, name: str) -> None:
        if size == 0:
            raise LibraryError(f"{name} is empty: there is no text to import.")
        if size > self.max_bytes:
            raise LibraryError(
                f"{name} is {size / 1e6:.1f} MB; the limit is {self.max_bytes / 1e6:.1f} MB "
                "(PLANQA_MAX_PLAN_BYTES). Split the document or raise the limit."
            )

    def add(self, path: Path, *, title: str | None = None, year: int | None = None, issuer: str | None = None,
            key: str | None = None) -> tuple[Entry, ImportedPlan]:
        """Import a plan file. Raises LibraryError (duplicate, too large, busy, bad key), ReadError or
        ParseError; on any error the library is unchanged."""
        path = Path(path)
        if not path.is_file():
            raise LibraryError(f"no such file: {path}")
        self.check_size(path.stat().st_size, path.name)
        data = path.read_bytes()
        if key is not None and not valid_key(key):
            raise LibraryError(f"{key!r} cannot be a plan key: use letters, digits and Chinese, no spaces or punctuation")
        sha = hashlib.sha256(data).hexdigest()
        builtin_key = self.builtin_key()
        if sha == self._builtin_sha():
            raise DuplicatePlan(f"{path.name} is the built-in plan ({builtin_key or 'PLANQA_CORPUS'}); it is already served")
        self._refuse_duplicate(self.entries(), sha, path.name)  # before the parse; again under the lock
        if year is None and title:
            year = year_of(title)
        imported = import_bytes(data, path.name, title=title, year=year, issuer=issuer)
        try:
            with self._lock():
                entries = self.entries()
                self._refuse_duplicate(entries, sha, path.name)
                taken = {e.key for e in entries} | ({builtin_key} if builtin_key else set())
                plan = imported.plan
                if key is not None:
                    if key in taken:
                        raise LibraryError(f"the key {key} is taken; choose another or remove that plan first")
                else:
                    key = unique_key(make_key(plan.title, plan.year, fallback=path.stem), taken)
                rel = f"files/{imported.sha256}{_SUFFIX.get(imported.report.format, path.suffix)}"
                (self.root / "files").mkdir(parents=True, exist_ok=True)
                _atomic_write(self.root / rel, data)
                overrides = {k: v for k, v in (("title", title), ("year", year), ("issuer", issuer)) if v}
                entry = Entry(
                    key=key, title=plan.title, year=plan.year, issuer=plan.issuer, date=plan.date,
                    sha256=imported.sha256, file=rel, name=path.name, format=imported.report.format,
                    encoding=imported.report.encoding, size=len(data),
                    added=datetime.now(UTC).isoformat(timespec="seconds"), tasks=len(plan.tasks),
                    clauses=len(plan.clauses), structured=imported.report.structured, script=imported.report.script,
                    overrides=overrides, warnings=imported.report.warnings,
                )
                self._write(entries + [entry])
                self._tidy(entries + [entry])
        except Timeout as e:
            raise LibraryBusy(f"the plan library {self.root} is busy (another import holds {e.lock_file}); try again") from e
        return entry, replace(imported, plan=replace(plan, key=key))

    def remove(self, key: str) -> Entry:
        try:
            with self._lock():
                entries = self.entries()
                entry = next((e for e in entries if e.key == key), None)
                if entry is None:
                    known = ", ".join(e.key for e in entries) or "none"
                    raise UnknownPlan(f"no plan with key {key!r} in the library (plans: {known})")
                rest = [e for e in entries if e.key != key]
                self._write(rest)
                self._tidy(rest)
        except Timeout as e:
            raise LibraryBusy(f"the plan library {self.root} is busy (another import holds {e.lock_file}); try again") from e
        return entry
