"""The responsibility matrix as data: one row per task, one column per agency, cells 牵头/参与/"".

Columns follow the order in which agencies first appear in the plan (`agencies_in`). Filters: by
agency (any alias the directory knows) and by 行動/工程 (its clause id, such as 四 or 四.(二)); each
row carries the ids of the 行動/工程 it sits in, taken from the plan tree when the matrix is built.
Exports: CSV (UTF-8 with BOM, so Excel shows the Chinese) and XLSX (bold header, lead cells filled).
Across plans (`cross_plan_matrix`): one row per agency, a lead and a member count per plan.
"""

from __future__ import annotations

import csv
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from corpus.agencies import AgencyDirectory
from corpus.responsibility import agencies_in, role_of
from corpus.script import fold
from corpus.types import Clause, Plan

LEAD = "牵头"
MEMBER = "参与"
FIXED = ("条款", "行动", "工程", "任务")  # the columns before the agencies
LEAD_FILL = "FFE699"  # XLSX fill of lead cells
ALL = ""  # scope meaning "the whole plan"
_NUMBERING = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")  # （二） before a 工程 heading


@dataclass(frozen=True)
class MatrixRow:
    clause_id: str
    action: str  # 行動 heading, e.g. 二、實施數字基礎能力提升行動
    project: str  # 工程 heading or ""
    title: str
    cells: tuple[str, ...]  # one per Matrix.agencies: 牵头 | 参与 | ""
    scopes: tuple[str, ...] = ()  # ids of the 行動 and 工程 the task sits in (a 行動 that is a task: itself)

    def values(self) -> list[str]:
        return [self.clause_id, self.action, self.project, self.title, *self.cells]


@dataclass(frozen=True)
class Matrix:
    agencies: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    agency: str | None = None  # canonical name the rows were filtered by
    scope: str = ALL  # id of the 行動/工程 the rows were filtered by
    message: str = ""  # what the user should know about the filter (unknown name, nothing found)

    @property
    def header(self) -> list[str]:
        return [*FIXED, *self.agencies]

    def table(self) -> list[list[str]]:
        """Rows as lists of strings, header excluded (for gr.Dataframe and CSV)."""
        return [r.values() for r in self.rows]

    def cell(self, clause_id: str, agency: str) -> str | None:
        if agency not in self.agencies:
            return None
        i = self.agencies.index(agency)
        return next((r.cells[i] for r in self.rows if r.clause_id == clause_id), None)


def _action_and_project(c: Clause) -> tuple[str, str]:
    return (c.path[0] if c.path else "", c.path[1] if len(c.path) > 1 else "")


def _scopes_of(plan: Plan, task: Clause) -> tuple[str, ...]:
    """The 行動 and (if any) the 工程 a task sits in, outermost first, by the plan tree."""
    parent = plan.parent(task)
    within = [plan.action_of(task), parent if parent is not None and parent.kind == "project" else None]
    return tuple(dict.fromkeys(c.id for c in within if c is not None))


def build_matrix(plan: Plan) -> Matrix:
    agencies = tuple(agencies_in(plan))
    rows = []
    for c in plan.tasks:
        roles = {name: role_of(c, name) for name in (c.units.names if c.units else ())}
        cells = tuple({"lead": LEAD, "member": MEMBER}.get(roles.get(a, ""), "") for a in agencies)
        rows.append(MatrixRow(c.id, *_action_and_project(c), c.title, cells, _scopes_of(plan, c)))
    return Matrix(agencies, tuple(rows))


# ---------------------------------------------------------------------- scopes (行動 / 工程)


def _has_tasks(plan: Plan, clause: Clause) -> bool:
    return clause.kind == "task" or any(_has_tasks(plan, c) for c in plan.children(clause.id))


def scopes(plan: Plan) -> list[tuple[str, str]]:
    """(label, clause id) for every 行動 and 工程 that has tasks, in plan order; first ("全部 All", "")."""
    out: list[tuple[str, str]] = [("全部 All", ALL)]
    for action in plan.actions:
        if not _has_tasks(plan, action):
            continue
        heading = action.path[0] if action.path else ""
        out.append((f"{action.id} {heading.split('、', 1)[-1]}" if heading else action.id, action.id))
        for project in plan.children(action.id, "project"):
            if _has_tasks(plan, project):
                out.append((f"{project.id} {_NUMBERING.sub('', project.path[-1])}", project.id))
    return out


def normalize_scope(scope: str | None) -> str:
    """'四.（二）', '行动四', '行動 四', ' 四.(二) …label' -> '四' / '四.(二)'."""
    s = (scope or "").strip()
    if not s or s.startswith("全部"):
        return ALL
    s = s.split()[0]
    s = s.replace("（", "(").replace("）", ")").replace("．", ".").replace("。", ".")
    s = re.sub(r"^(行动|行動)", "", s)
    s = re.sub(r"(行动|行動)$", "", s)
    s = re.sub(r"\.?\(", ".(", s)  # 四(二) -> 四.(二)
    return s.strip(".")


def _scope_ids(rows: tuple[MatrixRow, ...]) -> list[str]:
    """Every 行動 and 工程 id that has tasks, in plan order."""
    return list(dict.fromkeys(s for r in rows for s in r.scopes))


def _in_scope(row: MatrixRow, scope: str) -> bool:
    return not scope or scope == row.clause_id or scope in row.scopes


# ---------------------------------------------------------------------- filtering


def filter_matrix(
    matrix: Matrix, directory: AgencyDirectory, agency: str | None = None, scope: str | None = None
) -> Matrix:
    """Rows the agency (any alias) leads or joins, within a 行動/工程. Never raises for user input: an
    unknown agency or scope gives no rows and a message with what to try instead. Columns that are
    empty after filtering are dropped (the agency's own column always stays)."""
    scope_id = normalize_scope(scope)
    rows = [r for r in matrix.rows if _in_scope(r, scope_id)]
    if scope_id and not rows:
        known = "、".join(_scope_ids(matrix.rows))
        return replace(matrix, rows=(), scope=scope_id, message=f"没有“{scope}”这个行动或工程。可选：{known}。")

    name = None
    query = (agency or "").strip()
    if query:
        name = directory.resolve(query)
        if name is None:
            hints = directory.suggest(query)
            hint = f"您是不是要找：{'、'.join(hints)}？" if hints else "请换一种写法，例如“数据局”“网信办”“发改委”。"
            return replace(matrix, rows=(), agency=None, scope=scope_id, message=f"计划中没有找到单位“{query}”。{hint}")
        if name not in matrix.agencies:
            return replace(
                matrix, rows=(), agency=name, scope=scope_id, message=f"{name} 在本计划的责任单位中没有出现。"
            )
        col = matrix.agencies.index(name)
        rows = [r for r in rows if r.cells[col]]

    keep = [i for i, a in enumerate(matrix.agencies) if a == name or any(r.cells[i] for r in rows)]
    if not query and not scope_id:
        keep = list(range(len(matrix.agencies)))  # the full matrix keeps every column
    agencies = tuple(matrix.agencies[i] for i in keep)
    rows = [replace(r, cells=tuple(r.cells[i] for i in keep)) for r in rows]
    message = ""
    if name is not None:
        leads = sum(r.cells[agencies.index(name)] == LEAD for r in rows)
        message = f"{name}：牵头 {leads} 项，参与 {len(rows) - leads} 项。"
        if not rows:
            message = f"{name} 在所选范围内没有任务。"
    return Matrix(agencies, tuple(rows), name, scope_id, message)


# ---------------------------------------------------------------------- export


def _stem(matrix: Matrix) -> str:
    parts = ["responsibility-matrix"]
    if matrix.scope:
        parts.append(re.sub(r"[^\w.]+", "", matrix.scope))
    if matrix.agency:
        parts.append(matrix.agency)
    return "-".join(parts)


def _export_path(folder: Path | str | None, name: str) -> Path:
    folder = Path(folder or tempfile.mkdtemp(prefix="planqa-matrix-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def _write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel then reads UTF-8
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _sheet(title: str, header: list[str]):
    """A workbook whose one sheet has the bold, wrapped header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return wb, ws


def export_csv(matrix: Matrix, folder: Path | str | None = None) -> Path:
    return _write_csv(_export_path(folder, f"{_stem(matrix)}.csv"), matrix.header, matrix.table())


def export_xlsx(matrix: Matrix, folder: Path | str | None = None) -> Path:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = _export_path(folder, f"{_stem(matrix)}.xlsx")
    wb, ws = _sheet("责任矩阵", matrix.header)
    lead_fill = PatternFill(fill_type="solid", start_color=LEAD_FILL, end_color=LEAD_FILL)
    for row in matrix.table():
        ws.append([v or None for v in row])  # "" -> a truly empty cell
        for cell in ws[ws.max_row][len(FIXED) :]:
            if cell.value == LEAD:
                cell.fill = lead_fill
                cell.font = Font(bold=True)
    widths = [12, 28, 30, 34] + [6] * len(matrix.agencies)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = ws.cell(row=2, column=len(FIXED) + 1)
    wb.save(path)
    return path


def export(matrix: Matrix, folder: Path | str | None = None) -> tuple[Path, Path]:
    """(csv_path, xlsx_path) in `folder` (a new temporary folder by default)."""
    folder = Path(folder or tempfile.mkdtemp(prefix="planqa-matrix-"))
    return export_csv(matrix, folder), export_xlsx(matrix, folder)


# ---------------------------------------------------------------------- across plans

CROSS_FIRST = "单位"  # the cross-plan table's first column


@dataclass(frozen=True)
class CrossRow:
    agency: str
    counts: tuple[tuple[int, int], ...]  # (lead, member) per CrossMatrix.plans

    @property
    def plans(self) -> int:
        """In how many plans the agency has a task."""
        return sum(1 for lead, member in self.counts if lead or member)


@dataclass(frozen=True)
class CrossMatrix:
    """Agencies × plans: how many tasks each agency leads and joins in each plan."""

    plans: tuple[tuple[str, str], ...]  # (key, label)
    rows: tuple[CrossRow, ...]

    @property
    def header(self) -> list[str]:
        return [CROSS_FIRST, *(f"{label} {role}" for _, label in self.plans for role in (LEAD, MEMBER))]

    def table(self) -> list[list[str]]:
        """Rows as strings, header excluded; a zero is an empty cell, as in the task matrix."""
        return [[r.agency, *(str(n or "") for pair in r.counts for n in pair)] for r in self.rows]

    def counts(self, agency: str, key: str) -> tuple[int, int] | None:
        """(lead, member) of an agency in one plan (any script: 市數據局 finds 市数据局)."""
        keys = [k for k, _ in self.plans]
        row = next((r for r in self.rows if fold(r.agency) == fold(agency)), None)
        return row.counts[keys.index(key)] if row is not None and key in keys else None

    def search(self, text: str) -> CrossMatrix:
        """The agencies whose name contains `text`, scripts folded."""
        query = fold((text or "").strip())
        return replace(self, rows=tuple(r for r in self.rows if query in fold(r.agency))) if query else self


def cross_plan_matrix(plans: list[tuple[str, str, Plan]]) -> CrossMatrix:
    """(key, label, plan) per plan -> the cross matrix. The same unit written in either script is one
    row (澄溪's 縣財政局 and a 县财政局 elsewhere); agencies found in more plans come first, then in the
    order they first appear."""
    names: dict[str, str] = {}  # folded name -> the name first seen
    counts: dict[str, list[list[int]]] = {}
    for i, (_, _, plan) in enumerate(plans):
        for name in agencies_in(plan):
            folded = fold(name)
            names.setdefault(folded, name)
            counts.setdefault(folded, [[0, 0] for _ in plans])
        for task in plan.tasks:
            for name in dict.fromkeys(task.units.names if task.units else ()):
                role = role_of(task, name)
                if role in ("lead", "member") and fold(name) in counts:
                    counts[fold(name)][i][role != "lead"] += 1
    rows = [CrossRow(names[f], tuple((c[0], c[1]) for c in cs)) for f, cs in counts.items()]
    order = {r.agency: n for n, r in enumerate(rows)}
    rows.sort(key=lambda r: (-r.plans, order[r.agency]))
    return CrossMatrix(tuple((k, label) for k, label, _ in plans), tuple(rows))


def export_cross_csv(cross: CrossMatrix, folder: Path | str | None = None) -> Path:
    return _write_csv(_export_path(folder, "responsibility-across-plans.csv"), cross.header, cross.table())


def export_cross_xlsx(cross: CrossMatrix, folder: Path | str | None = None) -> Path:
    """Counts as numbers (Excel sums them), blank for zero; the header bold, the first column frozen."""
    from openpyxl.utils import get_column_letter

    path = _export_path(folder, "responsibility-across-plans.xlsx")
    wb, ws = _sheet("跨计划责任", cross.header)
    for r in cross.rows:
        ws.append([r.agency, *(n or None for pair in r.counts for n in pair)])
    ws.column_dimensions["A"].width = 24
    for i in range(2, len(cross.header) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 14
    ws.freeze_panes = "B2"
    wb.save(path)
    return path


def export_cross(cross: CrossMatrix, folder: Path | str | None = None) -> tuple[Path, Path]:
    """(csv_path, xlsx_path) in `folder` (a new temporary folder by default)."""
    folder = Path(folder or tempfile.mkdtemp(prefix="planqa-matrix-"))
    return export_cross_csv(cross, folder), export_cross_xlsx(cross, folder)
