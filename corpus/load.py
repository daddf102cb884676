"""Read the raw plan, repair it and parse it, once per process and file version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus.parse import parse_plan
from corpus.repair import RepairReport, repair
from corpus.types import Plan


class CorpusMissing(FileNotFoundError):
    pass


@dataclass(frozen=True)
class Corpus:
    path: Path
    sha256: str  # of the raw bytes: the index manifest records it to detect a changed document
    text: str  # repaired
    report: RepairReport
    plan: Plan


def load_corpus(path: Path) -> Corpus:
    path = Path(path)
    if not path.is_file():
        raise CorpusMissing(
            f"The plan text {path} is missing. Restore it (git checkout -- {path.name}) "
            "or point PLANQA_CORPUS at the raw document."
        )
    stat = path.stat()
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load(path: Path, _mtime: int, _size: int) -> Corpus:
    raw_bytes = path.read_bytes()
    try:
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path} is not UTF-8 text (byte {e.start}): convert it before building.") from e
    text, report = repair(raw)
    return Corpus(path, hashlib.sha256(raw_bytes).hexdigest(), text, report, parse_plan(text))
