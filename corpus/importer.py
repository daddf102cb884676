"""One plan file -> a parsed Plan and an import report: read, repair, parse, read metadata.

The repair of the built-in plan runs here too (pinyin, GBK misalignment), but a residue is a warning
in the report, not a failure: an imported plan is the user's document, and a stray bracket should not
stop it being asked about. The built-in plan keeps its strict load (corpus/load.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from corpus.genre import ParsedPlan, parse_genre
from corpus.judge import Judge
from corpus.meta import Metadata
from corpus.readers import Document, read_document
from corpus.repair import RepairReport, default_judge, repair
from corpus.script import detect_script
from corpus.types import Plan

_RESIDUE_SHOWN = 5


class _LazyJudge:
    """The bigram judge is trained on jieba's dictionary (seconds): build it only when a misaligned
    run needs judging, which a clean document never does."""

    def __init__(self, raw: str):
        self._raw = raw
        self._judge: Judge | None = None

    def logp(self, text: str) -> float:
        if self._judge is None:
            self._judge = default_judge(self._raw)
        return self._judge.logp(text)


@dataclass(frozen=True)
class ImportReport:
    name: str
    format: str
    encoding: str
    pages: int
    script: str  # simplified | traditional | neutral
    repair: RepairReport
    structured: bool
    warnings: tuple[str, ...]

    def lines(self) -> list[str]:
        how = self.format + (f", {self.encoding}" if self.encoding else "") + (f", {self.pages} page(s)" if self.pages else "")
        out = [f"read: {self.name} ({how}; {self.script} script)", self.repair.summary().split("\n")[0]]
        return out + [f"warning: {w}" for w in self.warnings]


@dataclass(frozen=True)
class ImportedPlan:
    plan: Plan
    found: Metadata  # as read from the document, before overrides
    report: ImportReport
    sha256: str  # of the file's bytes
    text: str  # repaired text


def _residue_warning(report: RepairReport) -> list[str]:
    if not report.residue:
        return []
    shown = "; ".join(str(r) for r in report.residue[:_RESIDUE_SHOWN])
    more = f" and {len(report.residue) - _RESIDUE_SHOWN} more" if len(report.residue) > _RESIDUE_SHOWN else ""
    return [f"{len(report.residue)} suspicious character(s) left after repair ({shown}{more}); "
            "check these places in the original"]


def import_document(doc: Document, sha256: str, *, key: str = "", title: str | None = None,
                    year: int | None = None, issuer: str | None = None) -> ImportedPlan:
    raw = doc.text.replace("\r\n", "\n").lstrip("\ufeff")
    text, rep = repair(raw, judge=_LazyJudge(raw), strict=False)  # type: ignore[arg-type]
    parsed: ParsedPlan = parse_genre(text, key=key, title=title, year=year, issuer=issuer)
    report = ImportReport(
        name=doc.name,
        format=doc.format,
        encoding=doc.encoding,
        pages=doc.pages,
        script=detect_script(text[:2000]),
        repair=rep,
        structured=parsed.structured,
        warnings=doc.warnings + tuple(_residue_warning(rep)) + parsed.warnings,
    )
    return ImportedPlan(parsed.plan, parsed.metadata, report, sha256, text)


def import_bytes(data: bytes, name: str, **overrides) -> ImportedPlan:
    """Read, repair and parse the bytes of a plan file. Raises ReadError / ParseError with a clear message."""
    return import_document(read_document(data, name), hashlib.sha256(data).hexdigest(), **overrides)
