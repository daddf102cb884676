"""Several plans in the web app, fast tier (hash embedder, handlers called directly, no server): the
chat's plan selector, scoped answers with their plan's citations, the Plan and Matrix tabs per plan,
the matrix across plans, adding and removing plans (and every refusal), who may change them."""

from __future__ import annotations

import threading
import time
import zipfile
from pathlib import Path

import gradio as gr
import pytest
from filelock import FileLock
from plan_docs import FIXTURES, write_pdf
from pydantic import SecretStr

import app  # sets the no-telemetry environment before gradio is imported
from assistant.desk import Desk
from assistant.pipeline import Assistant
from corpus.settings import Settings
from web import messages as say
from web import render
from web.handlers import Handlers
from web.matrix_tab import ALL_SCOPES

QINGLAN = "2025数字青岚"
CHENGXI = "2025澄溪县数位治理"
COMPUTE = "算力建设由哪个部门牵头？"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("webplans")
    return Settings(embedder="hash", index_dir=root / "index", data_dir=root / "data")


@pytest.fixture(scope="module")
def assistant(base) -> Assistant:
    a = Assistant(base)
    a.warm_up()
    return a


@pytest.fixture
def make(assistant, base, tmp_path):
    """make(*fixture names, **settings) -> Handlers over a desk whose library holds those plans."""

    def build(*names: str, **update) -> Handlers:
        settings = base.model_copy(update={"data_dir": tmp_path / "data", **update})
        desk = Desk(settings, assistant=assistant)
        for name in names:
            desk.shelf.library.add(FIXTURES / name)
        desk.reload()
        return Handlers(desk, settings)

    return build


@pytest.fixture
def several(make) -> Handlers:
    return make("qinglan-2025.txt", "chengxi-2025.txt")


def component(demo: gr.Blocks, elem_id: str):
    return next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == elem_id)


def library_keys(h: Handlers) -> list[str]:
    return [e.key for e in h.desk.shelf.library.entries()]


# ---------------------------------------------------------------------- the selector


def test_one_plan_shows_no_selector_and_the_plan_tab_as_before(assistant, base, tmp_path):
    settings = base.model_copy(update={"data_dir": tmp_path / "data"})
    demo = app.build_app(assistant, settings)
    h = demo.planqa
    assert h.desk.single and not h.several
    for elem_id in ("planqa-plans", "planqa-matrix-plan", "planqa-cross"):
        assert component(demo, elem_id).visible is False, elem_id
    assert h.plan_tab_html() == render.plan_html(assistant.plan)
    assert h.selected_plans([h.builtin_key()]) is None  # one plan: answered exactly as before
    answer = h.ask(COMPUTE)
    assert answer.citations[0].clause_id == "二.2" and answer.citations[0].plan_title == ""


def test_several_plans_show_the_selector_with_their_titles(assistant, base, tmp_path):
    settings = base.model_copy(update={"data_dir": tmp_path / "data"})
    desk = Desk(settings, assistant=assistant)
    desk.shelf.library.add(FIXTURES / "qinglan-2025.txt")
    desk.reload()
    demo = app.build_app(desk, settings)
    selector = component(demo, "planqa-plans")
    assert selector.visible is True and selector.multiselect is True
    assert [key for _, key in selector.choices] == [demo.planqa.builtin_key(), QINGLAN]
    assert ("2025年数字青岚工作要点", QINGLAN) in [tuple(c) for c in selector.choices]
    assert component(demo, "planqa-matrix-plan").visible is True and component(demo, "planqa-cross").visible is True


def test_a_scoped_question_is_answered_from_the_selected_plan(several):
    h = several
    answer = h.ask(COMPUTE, [], plans=[QINGLAN])
    assert answer.citations and {c.plan_key for c in answer.citations} == {QINGLAN}
    assert answer.citations[0].clause_id == f"{QINGLAN}·一.(二).1" and "市数据局" in answer.answer
    # a plan that is no longer served is ignored, not an error: the rest of the selection counts
    assert h.selected_plans([QINGLAN, "2030火星"]) == [QINGLAN] and h.selected_plans([]) is None


def test_the_chat_names_each_citations_plan_and_links_into_it(several):
    steps = list(several.respond(COMPUTE, None, [QINGLAN]))
    _, chat, sources, state, _ = steps[-1]
    qid = f"{QINGLAN}·一.(二).1"
    assert "《2025年数字青岚工作要点》" in sources and f'data-clause="{qid}"' in sources
    assert f'href="#clause-{qid}"' in chat[1]["content"]  # the [qid] marker is a link into the Plan tab
    assert "《2025年数字青岚工作要点》" in chat[2]["content"]  # the sources message under the answer
    assert state.records[0].citations[0]["clause_id"] == qid
    page = several.plan_tab_html()  # the link's target: the clause, in that plan's section
    section = page.split(f'<section class="planqa-plan" data-plan="{QINGLAN}"', 1)[1].split("</section>", 1)[0]
    assert f'id="clause-{qid}"' in section


def test_the_plan_tab_has_a_picker_and_every_plan_qualified(several):
    page = several.plan_tab_html()
    builtin = several.builtin_key()
    assert '<select id="planqa-plan-pick">' in page
    assert f'<option value="{builtin}" selected>' in page and f'<option value="{CHENGXI}">' in page
    assert f'data-plan="{builtin}" data-builtin="1">' in page  # the built-in plan shown first
    assert f'data-plan="{QINGLAN}" hidden>' in page
    assert f'id="clause-{builtin}·二.2"' in page and f'id="clause-{CHENGXI}·' in page


# ---------------------------------------------------------------------- the matrix per plan and across


def test_the_matrix_per_plan(several):
    frame, note, csv_path, *_ = several.matrix_view("", ALL_SCOPES, "", QINGLAN)
    assert len(frame.data) == 9 and "市数据局" in frame.data.columns and Path(csv_path).is_file()
    scope, frame, *_ = several.matrix_plan_changed(QINGLAN, "数据局", "")
    assert scope["value"] == ALL_SCOPES and [sid for _, sid in scope["choices"]][1] == "一"
    assert "市数据局" in str(frame.data.columns.tolist())
    builtin, *_ = several.matrix_view("", ALL_SCOPES, "", None)  # default: the built-in plan
    assert len(builtin.data) == 31


def test_the_matrix_across_plans_with_downloads(several):
    frame, note, csv_path, xlsx_path = several.cross_view("")
    assert list(frame.columns[:3]) == ["单位", f"{several.builtin_key()} 牵头", f"{several.builtin_key()} 参与"]
    row = frame[frame["单位"] == "市数据局"].iloc[0]
    assert row[f"{QINGLAN} 牵头"] == "3" and row[f"{CHENGXI} 牵头"] == ""
    assert Path(csv_path).is_file() and Path(xlsx_path).is_file() and "3 份计划" in note
    found, *_ = several.cross_view("數據局")
    assert set(found["单位"]) == {"市数据局", "縣數據局"}
    none, note, *_ = several.cross_view("火星")
    assert len(none) == 0 and "火星" in note


# ---------------------------------------------------------------------- adding and removing


def test_upload_adds_the_plan_and_the_selector_lists_it(make):
    h = make("qinglan-2025.txt")
    status, file, title, year, issuer, selector, picker, cross, page, listing, removable = h.upload_plan(
        str(FIXTURES / "qinglan-2024.txt"), "", "", "", [QINGLAN]
    )
    assert status.startswith("✅") and "2024数字青岚" in status
    assert (file, title, year, issuer) == (None, "", "", "")  # the form is cleared after success
    keys = [key for _, key in selector["choices"]]
    assert "2024数字青岚" in keys and selector["visible"] is True and selector["value"] == [QINGLAN]
    assert [key for _, key in removable["choices"]] == [QINGLAN, "2024数字青岚"]
    assert 'data-plan="2024数字青岚"' in page and "2024数字青岚" in listing
    answer = h.ask(COMPUTE, [], plans=["2024数字青岚"])
    assert answer.citations[0].clause_id.startswith("2024数字青岚·") and "市发改委" in answer.answer


def test_upload_with_title_year_and_issuer(make, tmp_path):
    h = make()
    assert h.desk.single
    status, *_ , selector, _, _, _, _, _ = h.upload_plan(
        str(FIXTURES / "chengxi-2025.txt"), "澄溪县数字治理要点", "2026", "澄溪县政府", []
    )
    assert status.startswith("✅"), status
    entry = h.desk.shelf.library.entries()[0]
    assert (entry.title, entry.year, entry.issuer) == ("澄溪县数字治理要点", 2026, "澄溪县政府")
    assert selector["visible"] is True and not h.desk.single  # the selector appears with a second plan


def _refused(h: Handlers, path, year: str = "") -> str:
    before, served = library_keys(h), [p.key for p in h.desk.plans()]
    status, *form = h.upload_plan(str(path) if path else None, "保留的标题", year, "", [])
    assert all(v is gr.skip() or v == gr.skip() for v in form), "a refusal keeps the form and the lists"
    assert library_keys(h) == before and [p.key for p in h.desk.plans()] == served
    return status


def test_every_bad_upload_gets_its_message_and_changes_nothing(make, tmp_path, base):
    h = make("qinglan-2025.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _refused(h, empty) == say.UPLOAD_EMPTY.format(name="empty.txt")
    binary = tmp_path / "plan.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert _refused(h, binary).startswith("⚠️ 无法读取该文件") and "binary" in _refused(h, binary)
    corrupt = tmp_path / "plan.docx"
    with zipfile.ZipFile(corrupt, "w") as z:
        z.writestr("hello.txt", "not a document")
    assert "not a Word document" in _refused(h, corrupt)
    locked = write_pdf(None, tmp_path / "locked.pdf", password="secret")
    assert "password-protected" in _refused(h, locked)
    scanned = write_pdf(None, tmp_path / "scan.pdf", pages=2)
    assert "no text layer" in _refused(h, scanned)
    status = _refused(h, FIXTURES / "qinglan-2025.txt")
    assert status.startswith("⚠️ 该计划已经收录") and QINGLAN in status
    assert "built-in plan" in _refused(h, base.corpus)
    assert _refused(h, None) == say.UPLOAD_NO_FILE
    assert _refused(h, FIXTURES / "qinglan-2024.txt", year="明年") == say.UPLOAD_BAD_YEAR.format(year="明年")


def test_an_upload_over_the_limit_is_refused(make):
    h = make(max_upload_bytes=1000)
    size = (FIXTURES / "qinglan-2024.txt").stat().st_size
    status = _refused(h, FIXTURES / "qinglan-2024.txt")
    assert status == say.UPLOAD_TOO_LARGE.format(name="qinglan-2024.txt", mb=size / 1e6, max=0.001)


def test_a_busy_library_says_try_again_instead_of_waiting(make):
    h = make()
    h.uploads._busy.acquire()  # an upload of this app in flight
    try:
        assert _refused(h, FIXTURES / "qinglan-2024.txt") == say.PLANS_BUSY
    finally:
        h.uploads._busy.release()
    other = FileLock(h.desk.shelf.library.root / ".lock")  # another process (the CLI) importing
    h.desk.shelf.library.root.mkdir(parents=True, exist_ok=True)
    with other:
        t0 = time.monotonic()
        assert _refused(h, FIXTURES / "qinglan-2024.txt") == say.PLANS_BUSY
        assert time.monotonic() - t0 < 10
    assert h.upload_plan(str(FIXTURES / "qinglan-2024.txt"), "", "", "", [])[0].startswith("✅")


def test_two_uploads_at_once_one_is_added_the_other_told_busy_or_duplicate(make):
    h = make()
    results: list[str] = []
    barrier = threading.Barrier(2)

    def upload():
        barrier.wait()
        results.append(h.upload_plan(str(FIXTURES / "qinglan-2024.txt"), "", "", "", [])[0])

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sum(r.startswith("✅") for r in results) == 1, results
    other = next(r for r in results if not r.startswith("✅"))
    assert other in (say.PLANS_BUSY,) or other.startswith("⚠️ 该计划已经收录")
    assert library_keys(h) == ["2024数字青岚"]


def test_remove_asks_for_confirmation_and_never_removes_the_builtin_plan(several):
    h = several
    status, confirm, question = h.ask_remove(h.builtin_key())
    assert status == say.REMOVE_BUILTIN and confirm["visible"] is False
    status, confirm, question = h.ask_remove(CHENGXI)
    assert confirm["visible"] is True and "澄溪" in question and CHENGXI in library_keys(h)  # not yet
    assert h.cancel_remove()[1]["visible"] is False and CHENGXI in library_keys(h)
    status, confirm, selector, *_ = h.confirm_remove(CHENGXI, [CHENGXI, QINGLAN])
    assert status.startswith("🗑️") and confirm["visible"] is False
    assert library_keys(h) == [QINGLAN] and [k for _, k in selector["choices"]] == [h.builtin_key(), QINGLAN]
    assert selector["value"] == [QINGLAN]  # the removed plan leaves the selection
    status, *_ = h.confirm_remove(CHENGXI, [])
    assert status == say.REMOVE_UNKNOWN.format(key=CHENGXI)
    assert h.confirm_remove(h.builtin_key(), [])[0] == say.REMOVE_BUILTIN


# ---------------------------------------------------------------------- who may change the plans


def test_changes_are_refused_on_an_open_address_without_a_login(make, assistant, base, tmp_path):
    h = make("qinglan-2025.txt", host="0.0.0.0", allow_open=True)
    assert not h.may_change_plans
    assert _refused(h, FIXTURES / "qinglan-2024.txt") == say.PLANS_NOT_ALLOWED
    assert h.confirm_remove(QINGLAN, [])[0] == say.PLANS_NOT_ALLOWED and library_keys(h) == [QINGLAN]
    assert h.ask_remove(QINGLAN)[0] == say.PLANS_NOT_ALLOWED
    settings = base.model_copy(update={"data_dir": tmp_path / "open", "host": "0.0.0.0", "allow_open": True})
    demo = app.build_app(assistant, settings)
    assert component(demo, "planqa-upload").visible is False and component(demo, "planqa-remove").visible is False
    with_login = make(host="0.0.0.0", auth_user="ops", auth_password=SecretStr("s3cret"))
    assert with_login.may_change_plans
    for host in ("127.0.0.1", "localhost", "::1"):
        assert make(host=host).may_change_plans


def test_a_page_opened_after_a_change_gets_the_new_list(make):
    h = make()
    assert all(v == gr.skip() for v in h.refresh_on_load([]))  # nothing changed: nothing sent
    h.desk.shelf.library.add(FIXTURES / "qinglan-2024.txt")  # e.g. another browser, or the CLI and a reload
    h.desk.reload()
    selector, picker, cross, page, listing, removable = h.refresh_on_load([])
    assert selector["visible"] is True and "2024数字青岚" in [k for _, k in selector["choices"]]
    assert cross["visible"] is True and 'data-plan="2024数字青岚"' in page
    assert h.cross_view_on_load("")[0] is not None
