"""The 责任矩阵 tab: filter the matrix, show it with the lead cells highlighted, offer CSV and XLSX.

Exports are written once per (agency, scope) and shared by every session (the files are the same).
"""

from __future__ import annotations

import html
import logging
import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from assistant.matrix import FIXED, LEAD, MEMBER, Matrix, export, filter_matrix
from corpus.agencies import AgencyDirectory
from web.messages import ERROR_MESSAGE

log = logging.getLogger("planqa.app")

ALL_SCOPES = "全部"  # the scope dropdown's value for the whole plan
LEAD_STYLE = "background-color: #fde68a; font-weight: bold"


class MatrixTab:
    def __init__(self, matrix: Matrix, directory: AgencyDirectory, folder: Path):
        self.matrix = matrix
        self.directory = directory
        self.folder = folder  # exports go to folders under it
        self._exports: dict[tuple[str | None, str], tuple[str, str]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def frame(m: Matrix) -> Any:
        """The matrix for gr.Dataframe: a pandas Styler with the lead cells highlighted."""
        if not m.rows:
            return pd.DataFrame(columns=list(FIXED))
        frame = pd.DataFrame(m.table(), columns=m.header)
        return frame.style.map(lambda v: LEAD_STYLE if v == LEAD else "")

    def files(self, m: Matrix) -> tuple[str | None, str | None]:
        """(csv path, xlsx path) of a filtered matrix; (None, None) when it has no rows."""
        if not m.rows:
            return None, None
        key = (m.agency, m.scope)
        with self._lock:
            if key not in self._exports:
                folder = Path(tempfile.mkdtemp(prefix="m-", dir=self.folder))
                csv_path, xlsx_path = export(m, folder)
                self._exports[key] = (str(csv_path), str(xlsx_path))
            return self._exports[key]

    def filter(self, agency: str | None, scope: str | None) -> tuple[Any, str, str | None, str | None]:
        """Returns (dataframe, message, csv path, xlsx path); an unknown name gives a message, not an error."""
        try:
            scope = "" if (scope or ALL_SCOPES).startswith(ALL_SCOPES) else scope
            m = filter_matrix(self.matrix, self.directory, (agency or "")[:100], scope)
            message = m.message or f"共 {len(m.rows)} 项任务。"
            legend = f"　{LEAD} = lead，{MEMBER} = member" if m.rows else ""
            csv_path, xlsx_path = self.files(m)
            return self.frame(m), html.escape(message) + legend, csv_path, xlsx_path
        except Exception:
            log.exception("matrix: filter failed")
            return self.frame(replace(self.matrix, rows=())), ERROR_MESSAGE, None, None
