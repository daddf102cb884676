"""The plans served: the built-in plan, and every plan in the library (PLANQA_DATA_DIR/plans).

Each plan comes with its own PlanResources. An imported plan's agency directory is built from its own
責任單位 lists (市工信局 is also found as 工信局), since the built-in directory knows only Fujian's units.
The built-in plan keeps its plain clause ids and its own files; its key (2025数字福建) qualifies its ids
only when several plans are served.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from corpus.agencies import Agency, AgencyDirectory
from corpus.library import Entry, PlanLibrary
from corpus.load import Corpus
from corpus.meta import year_of
from corpus.resources import PlanResources
from corpus.responsibility import agencies_in
from corpus.settings import Settings
from corpus.types import Plan

# Level prefixes a unit name carries (市工信局, 縣財政局); people often drop them (工信局).
_PREFIX = re.compile(r"^(省委|省|市委|市|县委|縣委|县|縣|区|區)(?=\S{2,})")


@dataclass(frozen=True)
class ShelfPlan:
    key: str
    title: str
    year: int | None
    issuer: str
    builtin: bool
    resources: PlanResources
    entry: Entry | None = None  # the library's record (None for the built-in plan)

    @property
    def plan(self) -> Plan:
        return self.resources.plan

    @cached_property
    def ref(self) -> Plan:
        """The plan with its key set, for qualified citations (the built-in plan's own key is "")."""
        plan = self.plan
        return plan if plan.key == self.key else replace(plan, key=self.key)

    @property
    def stem(self) -> str:
        """The plan's series without the year: 2025数字青岚 and 2024数字青岚 are both 数字青岚."""
        return re.sub(r"^\d{4}", "", self.key)


def plan_directory(plan: Plan) -> AgencyDirectory:
    """The units an imported plan names, each also found without its level prefix."""
    agencies = []
    for name in agencies_in(plan):
        short = _PREFIX.sub("", name)
        agencies.append(Agency(name, name, (short,) if short != name else ()))
    return AgencyDirectory(agencies)


def imported_resources(settings: Settings, entry: Entry, library: PlanLibrary) -> PlanResources:
    imported = library.load(entry.key)
    corpus = Corpus(library.root / entry.file, entry.sha256, imported.text, imported.report.repair, imported.plan)
    # Each imported plan's index lives in its own folder (same embedder, separate files).
    plan_settings = settings.model_copy(update={"index_dir": Path(settings.index_dir) / "library" / entry.key})
    return PlanResources(plan_settings, corpus, directory=plan_directory(imported.plan))


class Shelf:
    """Cheap to construct; reads the library manifest and parses plans on first use. `reload()` after
    an import or removal."""

    def __init__(self, settings: Settings, builtin: PlanResources | None = None, library: PlanLibrary | None = None):
        self.settings = settings
        self.builtin = builtin or PlanResources(settings)
        self.library = library or PlanLibrary.from_settings(settings)

    @cached_property
    def plans(self) -> list[ShelfPlan]:
        plan = self.builtin.plan
        key = self.library.builtin_key() or "builtin"
        out = [ShelfPlan(key, plan.title, plan.year or year_of(plan.title), plan.issuer, True, self.builtin)]
        for e in self.library.entries():
            res = imported_resources(self.settings, e, self.library)
            out.append(ShelfPlan(e.key, e.title, e.year, e.issuer, False, res, e))
        return out

    def get(self, key: str) -> ShelfPlan | None:
        return next((p for p in self.plans if p.key == key), None)

    def reload(self) -> None:
        self.__dict__.pop("plans", None)

