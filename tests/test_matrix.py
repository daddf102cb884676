"""The responsibility matrix on the real plan: shape, cells, filters, CSV and XLSX exports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from assistant.matrix import FIXED, LEAD, LEAD_FILL, MEMBER, build_matrix, export, filter_matrix, scopes
from corpus.responsibility import agencies_in


@pytest.fixture(scope="module")
def matrix(plan):
    return build_matrix(plan)


def test_rows_columns_and_cells(plan, matrix):
    assert len(matrix.rows) == 31
    assert list(matrix.agencies) == agencies_in(plan)
    assert matrix.header[: len(FIXED)] == list(FIXED)
    assert matrix.cell("二.2", "省數據管理局") == LEAD
    assert matrix.cell("二.2", "省工信廳") == MEMBER
    assert matrix.cell("二.2", "省發改委") == ""
    row = next(r for r in matrix.rows if r.clause_id == "四.(二).1")
    assert row.action.startswith("四、") and row.project.endswith("工程") and row.title.startswith("完善集約高效")
    first = matrix.rows[0]
    assert first.clause_id == "一" and first.project == ""
    # every task has exactly one lead
    assert all(r.cells.count(LEAD) == 1 for r in matrix.rows)


def test_filter_by_alias(matrix, directory):
    f = filter_matrix(matrix, directory, agency="网信办")
    assert f.agency == "省委網信辦"
    assert [r.clause_id for r in f.rows] == ["四.(四).4", "四.(六).3", "五.1", "五.2"]
    assert f.cell("四.(四).4", "省委網信辦") == LEAD and f.cell("五.2", "省委網信辦") == MEMBER
    assert "牵头 3" in f.message and "参与 1" in f.message
    # columns left are those with at least one mark
    assert all(any(r.cells[i] for r in f.rows) for i in range(len(f.agencies)))


def test_filter_by_scope_and_agency(matrix, directory):
    assert [r.clause_id for r in filter_matrix(matrix, directory, scope="四.(二)").rows] == [
        "四.(二).1",
        "四.(二).2",
        "四.(二).3",
    ]
    assert len(filter_matrix(matrix, directory, scope="四").rows) == 21
    assert [r.clause_id for r in filter_matrix(matrix, directory, scope="四.（六）").rows][0] == "四.(六).1"
    assert [r.clause_id for r in filter_matrix(matrix, directory, scope="行动二").rows] == ["二.1", "二.2", "二.3"]
    both = filter_matrix(matrix, directory, agency="數據局", scope="三")
    assert [r.clause_id for r in both.rows] == ["三.1", "三.2", "三.3"]
    assert filter_matrix(matrix, directory, scope="全部 All").rows == matrix.rows


def test_scopes_list_actions_and_projects(plan):
    ids = [sid for _, sid in scopes(plan)]
    assert ids[:5] == ["", "一", "二", "三", "四"] and "四.(六)" in ids and ids[-1] == "五"
    labels = dict((sid, label) for label, sid in scopes(plan))
    assert labels["一"] == "一 實施數字峰會拓展提升行動" and labels["四.(二)"] == "四.(二) 政務服務矩陣完善提升工程"


def test_rows_know_their_action_and_project(matrix):
    rows = {r.clause_id: r for r in matrix.rows}
    assert rows["一"].scopes == ("一",) and rows["二.2"].scopes == ("二",)
    assert rows["四.(二).1"].scopes == ("四", "四.(二)")


def test_unknown_agency_and_scope_give_messages_not_errors(matrix, directory):
    f = filter_matrix(matrix, directory, agency="数局")
    assert f.rows == () and "数局" in f.message and "省數據管理局" in f.message
    g = filter_matrix(matrix, directory, agency="火星局")
    assert g.rows == () and "火星局" in g.message
    h = filter_matrix(matrix, directory, scope="九")
    assert h.rows == () and "四.(一)" in h.message


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_exports_csv_with_bom_and_matching_xlsx(matrix, tmp_path):
    from openpyxl import load_workbook

    csv_path, xlsx_path = export(matrix, tmp_path)
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(csv_path)
    assert rows[0] == matrix.header and len(rows) == 32

    ws = load_workbook(xlsx_path).active
    cells = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    assert cells == rows
    assert all(c.font.bold for c in ws[1])
    col = matrix.header.index("省數據管理局") + 1
    r = next(i for i, row in enumerate(rows, 1) if row[0] == "二.2")
    lead_cell = ws.cell(row=r, column=col)
    assert lead_cell.value == LEAD and lead_cell.fill.start_color.rgb.endswith(LEAD_FILL)
    assert ws.cell(row=r, column=matrix.header.index("省工信廳") + 1).fill.fill_type is None


def test_filtered_export_default_temp_folder(matrix, directory):
    f = filter_matrix(matrix, directory, agency="网信办")
    csv_path, xlsx_path = export(f)
    assert csv_path.parent == xlsx_path.parent and csv_path.is_file() and xlsx_path.is_file()
    assert len(_csv_rows(csv_path)) == 5


# ---------------------------------------------------------------------- across plans


@pytest.fixture(scope="module")
def library_plans(tmp_path_factory):
    from plan_docs import FIXTURES

    from corpus.library import PlanLibrary

    lib = PlanLibrary(tmp_path_factory.mktemp("lib") / "plans")
    out = {}
    for name in ("qinglan-2024.txt", "qinglan-2025.txt", "chengxi-2025.txt"):
        entry, imported = lib.add(FIXTURES / name)
        out[entry.key] = imported.plan
    return out


@pytest.fixture(scope="module")
def cross(plan, library_plans):
    from assistant.matrix import cross_plan_matrix

    return cross_plan_matrix([("2025数字福建", "2025 数字福建", plan)] + [(k, k, p) for k, p in library_plans.items()])


def test_cross_matrix_counts_leads_and_members_per_plan(cross, plan, library_plans):
    assert [k for k, _ in cross.plans] == ["2025数字福建", "2024数字青岚", "2025数字青岚", "2025澄溪县数位治理"]
    assert cross.header[:3] == ["单位", f"2025 数字福建 {LEAD}", f"2025 数字福建 {MEMBER}"]
    assert len(cross.header) == 1 + 2 * 4
    # Fujian's data bureau: the task matrix's own counts
    m = build_matrix(plan)
    col = m.agencies.index("省數據管理局")
    leads = sum(r.cells[col] == LEAD for r in m.rows)
    members = sum(r.cells[col] == MEMBER for r in m.rows)
    assert cross.counts("省數據管理局", "2025数字福建") == (leads, members) and leads > 0
    assert cross.counts("省數據管理局", "2025数字青岚") == (0, 0)
    # 青岚's 市数据局, from the fixture text: leads 一.(二).1, 二.(一).2, 三.(一).2 in 2025
    q25 = library_plans["2025数字青岚"]
    expected = (
        sum(t.lead == "市数据局" for t in q25.tasks),
        sum("市数据局" in t.members for t in q25.tasks),
    )
    assert cross.counts("市数据局", "2025数字青岚") == expected and expected[0] >= 3
    # totals agree with the plans: every task has one lead
    for i, (key, _) in enumerate(cross.plans):
        p = plan if key == "2025数字福建" else library_plans[key]
        assert sum(r.counts[i][0] for r in cross.rows) == sum(1 for t in p.tasks if t.lead)


def test_cross_matrix_orders_shared_agencies_first_and_searches_by_script(cross):
    spans = [r.plans for r in cross.rows]
    assert spans == sorted(spans, reverse=True) and spans[0] >= 2  # 市工信局 is in both 青岚 plans
    assert len({r.agency for r in cross.rows}) == len(cross.rows)
    found = cross.search("數據局")  # traditional finds simplified and traditional names
    assert {r.agency for r in found.rows} == {"市数据局", "縣數據局"}
    assert cross.search("").rows == cross.rows and cross.search("火星").rows == ()


def test_cross_matrix_exports_csv_and_xlsx_alike(cross, tmp_path):
    from openpyxl import load_workbook

    from assistant.matrix import export_cross

    csv_path, xlsx_path = export_cross(cross, tmp_path)
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(csv_path)
    assert rows[0] == cross.header and rows[1:] == cross.table() and len(rows) == len(cross.rows) + 1
    ws = load_workbook(xlsx_path).active
    cells = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    assert cells == rows
    first = next(r for r in ws.iter_rows(min_row=2, values_only=True) if any(v for v in r[1:]))
    assert all(isinstance(v, int) for v in first[1:] if v is not None)  # numbers, so Excel can sum them
