"""The 责任矩阵 tab: filter the matrix, show it with the lead cells highlighted, offer CSV and XLSX.

Exports are written once per (agency, scope) and shared by every session (the files are the same).
A file that cannot be written (full or read-only temp folder) costs only its download button: the
table is still shown, with a note, and the next filter tries again.

The table's search box is ours, not the Dataframe's: it folds scripts (网络 finds 網絡) and agency
aliases, and says when nothing matches. A filtered agency's column comes right after 条款; phones
get the same rows as a list (task → lead → members).
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from assistant.matrix import FIXED, LEAD, MEMBER, Matrix, export, filter_matrix
from corpus.agencies import AgencyDirectory
from corpus.script import fold
from web.messages import ERROR_MESSAGE
from web.render import matrix_list_html

log = logging.getLogger("planqa.app")

ALL_SCOPES = "全部"  # the scope dropdown's value for the whole plan
LEAD_STYLE = "background-color: #fde68a; font-weight: bold"
DOWNLOADS_UNAVAILABLE = "（下载文件暂时无法生成 / downloads unavailable: the temporary folder cannot be written）"


class MatrixTab:
    def __init__(self, matrix: Matrix, directory: AgencyDirectory, folder: Path):
        self.matrix = matrix
        self.directory = directory
        self.folder = folder  # exports go to folders under it
        self._exports: dict[tuple[str | None, str], tuple[str, str]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def frame(m: Matrix) -> Any:
        """The matrix for gr.Dataframe: a pandas Styler with the lead cells highlighted; the filtered
        agency's column right after 条款, so it is on screen without scrolling."""
        if not m.rows:
            return pd.DataFrame(columns=list(FIXED))
        frame = pd.DataFrame(m.table(), columns=m.header)
        if m.agency in m.agencies:
            first = [FIXED[0], m.agency]
            frame = frame[first + [c for c in frame.columns if c not in first]]
        return frame.style.map(lambda v: LEAD_STYLE if v == LEAD else "")

    def search(self, m: Matrix, text: str) -> Matrix:
        """The rows whose id, headings, title or units contain `text`, scripts folded (网络 = 網絡);
        an agency alias (数据局) also finds the rows that agency leads or joins."""
        query = fold(text.strip())
        if not query:
            return m
        agency = self.directory.resolve(text.strip())
        col = m.agencies.index(agency) if agency in m.agencies else None

        def hit(r) -> bool:
            units = " ".join(a for a, cell in zip(m.agencies, r.cells, strict=True) if cell)
            return query in fold(f"{r.clause_id} {r.action} {r.project} {r.title} {units}") or (
                col is not None and bool(r.cells[col])
            )

        return replace(m, rows=tuple(r for r in m.rows if hit(r)))

    @staticmethod
    def units(m: Matrix) -> list[tuple[str, str, str, list[str]]]:
        """(clause id, title, lead, members) per row, for the list view."""
        out = []
        for r in m.rows:
            lead = next((a for a, c in zip(m.agencies, r.cells, strict=True) if c == LEAD), "")
            members = [a for a, c in zip(m.agencies, r.cells, strict=True) if c == MEMBER]
            out.append((r.clause_id, r.title, lead, members))
        return out

    def view(self, agency: str | None, scope: str | None, search: str | None = "") -> tuple[Any, ...]:
        """Returns (dataframe, message, csv path, xlsx path, list HTML). The downloads follow the
        agency and scope filters; the search narrows what is shown."""
        try:
            scope = "" if (scope or ALL_SCOPES).startswith(ALL_SCOPES) else scope
            m = filter_matrix(self.matrix, self.directory, (agency or "")[:100], scope)
            try:
                csv_path, xlsx_path = self.files(m)
            except OSError as e:  # a full or read-only temp folder costs the downloads, not the table
                log.warning("matrix: downloads not written (%s)", e.strerror or e)
                csv_path = xlsx_path = None
            search = (search or "").strip()[:100]
            shown = self.search(m, search)
            if m.message and not m.rows:
                message = m.message
            elif search and not shown.rows:
                message = f"没有与“{search}”匹配的任务。/ No task matches “{search}”."
            elif search:
                message = f"{m.message}与“{search}”匹配的任务：{len(shown.rows)} 项（共 {len(m.rows)} 项）。"
            else:
                message = m.message or f"共 {len(m.rows)} 项任务。"
            legend = f"　{LEAD} = lead，{MEMBER} = member" if shown.rows else ""
            if m.rows and csv_path is None:
                legend += f"　{DOWNLOADS_UNAVAILABLE}"
            listing = matrix_list_html(self.units(shown), message)
            return self.frame(shown), html.escape(message) + legend, csv_path, xlsx_path, listing
        except Exception:
            log.exception("matrix: filter failed")
            empty = replace(self.matrix, rows=())
            return self.frame(empty), ERROR_MESSAGE, None, None, matrix_list_html([], ERROR_MESSAGE)

    def files(self, m: Matrix) -> tuple[str | None, str | None]:
        """(csv path, xlsx path) of a filtered matrix; (None, None) when it has no rows."""
        if not m.rows:
            return None, None
        key = (m.agency, m.scope)
        with self._lock:
            if key not in self._exports:
                self.folder.mkdir(parents=True, exist_ok=True)
                folder = Path(tempfile.mkdtemp(prefix="m-", dir=self.folder))
                try:
                    csv_path, xlsx_path = export(m, folder)
                except BaseException:
                    shutil.rmtree(folder, ignore_errors=True)  # no half-written files left behind
                    raise
                self._exports[key] = (str(csv_path), str(xlsx_path))
            return self._exports[key]

    def filter(self, agency: str | None, scope: str | None) -> tuple[Any, str, str | None, str | None]:
        """Returns (dataframe, message, csv path, xlsx path); an unknown name gives a message, not an error."""
        return self.view(agency, scope)[:4]
