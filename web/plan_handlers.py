"""The handlers about the plans served (a mixin of web.handlers.Handlers): the chat's plan selector,
the Plan tab and the Matrix tab per plan, the matrix across plans, adding and removing plans.

With only the built-in plan nothing here shows: the selector, the pickers and the cross-plan matrix
are hidden, and the Plan tab is the built-in plan as before. Each page asks on load whether the list
changed since the app was built (an upload in another browser); only then is anything re-sent.
"""

from __future__ import annotations

import hashlib
import html
import logging
import shutil
import threading
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant.desk import Desk, PlanInfo
from assistant.matrix import CROSS_FIRST, CrossMatrix, build_matrix, cross_plan_matrix, export_cross, scopes
from corpus.resources import PlanResources
from corpus.settings import Settings
from web import messages as say
from web.matrix_tab import ALL_SCOPES, MatrixTab
from web.render import plan_html, plans_html
from web.upload import Outcome, PlanUploads

log = logging.getLogger("planqa.app")


class _WithResources:
    """A stand-in assistant (a test's wrapper around the real one) as a Desk reads it: with the plan
    resources of the settings; everything else is the wrapped object's."""

    def __init__(self, inner: Any, resources: PlanResources):
        self._inner = inner
        self.resources = resources

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def desk_of(served: Any, settings: Settings) -> tuple[Desk, Any]:
    """(desk, built-in plan's assistant) for what the app was given: a Desk, or one Assistant (the
    desk then serves it with whatever the library holds)."""
    if isinstance(served, Desk):
        return served, served.assistant(served.shelf.plans[0].key)
    inner = served if hasattr(served, "resources") else _WithResources(served, PlanResources(settings))
    return Desk(settings, assistant=inner), served


def plan_label(p: PlanInfo) -> str:
    """How a plan is named in the selector and pickers: its title, with the year if the title lacks it."""
    year = f"（{p.year}）" if p.year and str(p.year) not in p.title else ""
    return f"{p.title}{year}"


class PlanHandlers:
    desk: Desk
    settings: Settings
    matrix_tab: MatrixTab
    _export_root: Path

    def _init_plans(self) -> None:
        self.uploads = PlanUploads(self.desk, self.settings)
        self._matrices: dict[tuple[str, str], MatrixTab] = {}
        self._cross: dict[tuple, tuple[CrossMatrix, str | None, str | None]] = {}
        self._plans_lock = threading.Lock()
        self._built = self._signature()

    # ------------------------------------------------------------------ the list

    @property
    def several(self) -> bool:
        return not self.desk.single

    @property
    def may_change_plans(self) -> bool:
        return self.uploads.allowed

    def plan_choices(self) -> list[tuple[str, str]]:
        """(label, key) of every plan served, the built-in plan first."""
        return [(plan_label(p), p.key) for p in self.desk.plans()]

    def builtin_key(self) -> str:
        return self.desk.shelf.plans[0].key

    def _signature(self) -> tuple:
        return tuple((p.key, p.entry.sha256 if p.entry else "") for p in self.desk.shelf.plans)

    def selected_plans(self, plans: Any) -> list[str] | None:
        """The selector's keys still served (None: all plans). A single plan is always answered as before."""
        if not self.several or not plans:
            return None
        if isinstance(plans, str):
            plans = [plans]
        served = {p.key for p in self.desk.plans()}
        keys = [str(k) for k in plans if str(k) in served]
        return keys or None

    def plans_markdown(self) -> str:
        """The plans served, as a Markdown table (the Plans panel)."""
        rows = ["| 键 Key | 标题 Title | 年份 Year | 发文单位 Issuer | 任务 Tasks |", "|---|---|---|---|---|"]
        for p in self.desk.plans():
            cells = [p.key + ("（内置 built-in）" if p.builtin else ""), p.title, str(p.year or ""), p.issuer, str(p.tasks)]
            rows.append("| " + " | ".join(html.escape(c).replace("|", "&#124;") for c in cells) + " |")
        return "\n".join(rows)

    def removable_choices(self) -> list[tuple[str, str]]:
        return [(plan_label(p), p.key) for p in self.desk.plans() if not p.builtin]

    # ------------------------------------------------------------------ the Plan tab

    def plan_tab_html(self) -> str:
        """The built-in plan alone, as before; with several plans, all of them behind a picker."""
        if not self.several:
            return plan_html(self.plan)
        return plans_html(
            [(sp.key, plan_label(info), sp.ref, sp.builtin) for sp, info in zip(self.desk.shelf.plans, self.desk.plans(), strict=True)],
            self.builtin_key(),
        )

    # ------------------------------------------------------------------ the Matrix tab

    def matrix_for(self, key: str | None) -> MatrixTab:
        """The matrix of one plan (the built-in plan's for None or a key no longer served)."""
        sp = self.desk.shelf.get(key) if key else None
        if sp is None or sp.builtin:
            return self.matrix_tab
        sig = (sp.key, sp.entry.sha256 if sp.entry else "")
        with self._plans_lock:
            if sig not in self._matrices:
                folder = self._export_root / "plans" / hashlib.sha1("·".join(sig).encode()).hexdigest()[:12]
                self._matrices[sig] = MatrixTab(build_matrix(sp.plan), sp.resources.directory, folder)
            return self._matrices[sig]

    def scope_choices(self, key: str | None) -> list[tuple[str, str]]:
        sp = self.desk.shelf.get(key) if key else None
        plan = sp.plan if sp is not None else self.plan
        return [(label, sid or ALL_SCOPES) for label, sid in scopes(plan)]

    def matrix_plan_changed(self, key: str | None, agency: str | None, search: str | None):
        """The matrix's plan picker: (scope dropdown, dataframe, message, csv, xlsx, list HTML) of that
        plan, the agency and search kept, the scope reset (行動 ids differ between plans)."""
        view = self.matrix_for(key).view(agency, ALL_SCOPES, search)
        return (gr.update(choices=self.scope_choices(key), value=ALL_SCOPES), *view)

    def cross_matrix(self) -> tuple[CrossMatrix, str | None, str | None]:
        """(matrix across every plan served, csv path, xlsx path), computed once per set of plans."""
        sig = self._signature()
        with self._plans_lock:
            if sig not in self._cross:
                shelf = self.desk.shelf.plans
                cross = cross_plan_matrix([(sp.key, sp.key, sp.plan) for sp in shelf])
                folder = self._export_root / ("cross-" + hashlib.sha1(repr(sig).encode()).hexdigest()[:12])
                try:
                    csv_path, xlsx_path = (str(p) for p in export_cross(cross, folder))
                except OSError as e:  # a full or read-only temp folder costs the downloads, not the table
                    log.warning("matrix: cross-plan downloads not written (%s)", e.strerror or e)
                    shutil.rmtree(folder, ignore_errors=True)
                    csv_path = xlsx_path = None
                self._cross = {sig: (cross, csv_path, xlsx_path)}  # one set of plans is served at a time
            return self._cross[sig]

    def cross_view(self, search: str | None = ""):
        """The cross-plan matrix: (dataframe, message, csv path, xlsx path). Downloads hold every agency."""
        try:
            cross, csv_path, xlsx_path = self.cross_matrix()
            search = (search or "").strip()[:100]
            shown = cross.search(search)
            frame = pd.DataFrame(shown.table(), columns=shown.header) if shown.rows else pd.DataFrame(columns=[CROSS_FIRST])
            titles = "；".join(f"{p.key} = 《{p.title}》" for p in self.desk.plans())
            if search and not shown.rows:
                message = f"没有名称含“{search}”的单位。/ No agency matches “{search}”."
            else:
                message = f"{len(shown.rows)} 个单位，{len(cross.plans)} 份计划（数字为任务数）。{titles}"
            return frame, html.escape(message), csv_path, xlsx_path
        except Exception:
            log.exception("matrix: cross-plan view failed")
            return pd.DataFrame(columns=[CROSS_FIRST]), say.ERROR_MESSAGE, None, None

    # ------------------------------------------------------------------ refreshing the page

    def refresh(self, selected: Any = None) -> tuple:
        """After a change of the plans: (chat selector, matrix plan picker, cross-plan group, Plan tab
        HTML, plans table, remove dropdown)."""
        several = self.several
        kept = self.selected_plans(selected) or []
        return (
            gr.update(choices=self.plan_choices(), value=kept, visible=several),
            gr.update(choices=self.plan_choices(), value=self.builtin_key(), visible=several),
            gr.update(visible=several),
            self.plan_tab_html(),
            self.plans_markdown(),
            gr.update(choices=self.removable_choices(), value=None),
        )

    def refresh_on_load(self, selected: Any = None) -> tuple:
        """A page opened after another browser added or removed a plan gets the new list; otherwise
        nothing is sent (the page already shows what was served when the app was built)."""
        if self._signature() == self._built:
            return tuple(gr.skip() for _ in range(6))
        return self.refresh(selected)

    def cross_view_on_load(self, search: str | None = "") -> tuple:
        if self._signature() == self._built:
            return tuple(gr.skip() for _ in range(4))
        return self.cross_view(search)

    # ------------------------------------------------------------------ adding and removing

    def upload_plan(self, file: Any, title: str, year: Any, issuer: str, selected: Any = None) -> tuple:
        """Returns (status, file, title, year, issuer, *refresh()). On a refusal the form keeps what was
        given, so the user can correct it; on success it is cleared."""
        outcome: Outcome = self.uploads.add(file, title, year, issuer)
        if not outcome.ok:
            return (outcome.message, *(gr.skip() for _ in range(4)), *(gr.skip() for _ in range(6)))
        return (outcome.message, None, "", "", "", *self.refresh(selected))

    def ask_remove(self, key: str | None) -> tuple:
        """The remove button: (status, confirmation group, confirmation text). Nothing is removed yet."""
        info = next((p for p in self.desk.plans() if p.key == key), None)
        if not self.may_change_plans:
            return say.PLANS_NOT_ALLOWED, gr.update(visible=False), ""
        if info is None:
            return say.REMOVE_NONE, gr.update(visible=False), ""
        if info.builtin:
            return say.REMOVE_BUILTIN, gr.update(visible=False), ""
        return "", gr.update(visible=True), say.REMOVE_CONFIRM.format(title=info.title, key=info.key)

    def confirm_remove(self, key: str | None, selected: Any = None) -> tuple:
        """(status, confirmation group, *refresh())."""
        outcome = self.uploads.remove(key)
        hidden = gr.update(visible=False)
        if not outcome.ok:
            return (outcome.message, hidden, *(gr.skip() for _ in range(6)))
        return (outcome.message, hidden, *self.refresh(selected))

    @staticmethod
    def cancel_remove() -> tuple:
        return "", gr.update(visible=False)
