"""The plan library: add / list / remove, duplicates, limits, crashes, locks, damaged manifests."""

from __future__ import annotations

import json
import threading

import pytest
from filelock import FileLock
from plan_docs import FIXTURES, write_docx

from corpus.library import DuplicatePlan, LibraryBusy, LibraryError, PlanLibrary, UnknownPlan
from corpus.readers import ReadError
from corpus.repair import RepairError, repair
from corpus.settings import ROOT, Settings

QL24, QL25, CX25 = (FIXTURES / n for n in ("qinglan-2024.txt", "qinglan-2025.txt", "chengxi-2025.txt"))
BUILTIN = ROOT / "corpus/raw/2025-digital-fujian-work-plan.raw.txt"


@pytest.fixture
def lib(tmp_path):
    return PlanLibrary(tmp_path / "plans", max_bytes=100_000, builtin=BUILTIN, lock_timeout=0.5)


def _state(lib: PlanLibrary) -> tuple:
    files = sorted(p.relative_to(lib.root).as_posix() for p in lib.root.rglob("*") if p.is_file() and p.name != ".lock")
    manifest = lib.manifest_path.read_bytes() if lib.manifest_path.exists() else b""
    return files, manifest


def test_add_list_load_remove(lib):
    e1, imported = lib.add(QL24)
    e2, _ = lib.add(CX25)
    assert (e1.key, e2.key) == ("2024数字青岚", "2025澄溪县数位治理")
    assert imported.plan.key == "2024数字青岚" and imported.plan.qualified_id("一.(一)") == "2024数字青岚·一.(一)"
    assert [e.key for e in lib.entries()] == [e1.key, e2.key]
    assert (lib.root / e1.file).read_bytes() == QL24.read_bytes()  # the original, byte for byte
    manifest = json.loads(lib.manifest_path.read_text(encoding="utf-8"))
    assert manifest["format"] == 1 and manifest["plans"][0]["sha256"] == e1.sha256
    assert e1.tasks == 9 and e1.structured and e1.script == "simplified" and e2.script == "traditional"
    again = lib.load(e1.key)
    assert again.plan.key == e1.key and again.plan.get("一.(二)").lead == "市发改委"
    assert lib.remove(e1.key).key == e1.key
    assert [e.key for e in lib.entries()] == [e2.key]
    assert not (lib.root / e1.file).exists()
    with pytest.raises(UnknownPlan, match="no plan with key '2024数字青岚'.*2025澄溪县数位治理"):
        lib.remove(e1.key)


def test_overrides_are_kept_and_applied_on_load(lib):
    entry, _ = lib.add(QL25, title="青岚市2025年数字化工作要点", issuer="青岚市人民政府")
    assert entry.key == "2025青岚市数字化" and entry.year == 2025 and entry.issuer == "青岚市人民政府"
    assert lib.load(entry.key).plan.title == "青岚市2025年数字化工作要点"
    e2, _ = lib.add(QL24, key="青岚24", year=2023)
    assert e2.key == "青岚24" and e2.year == 2023
    with pytest.raises(LibraryError, match="cannot be a plan key"):
        lib.add(CX25, key="a b·c")
    with pytest.raises(LibraryError, match="taken"):
        lib.add(CX25, key="青岚24")


def test_the_same_title_twice_gets_a_distinct_key(lib, tmp_path):
    lib.add(QL24)
    edited = tmp_path / "edited.txt"
    edited.write_text(QL24.read_text(encoding="utf-8") + "\n附件略。\n", encoding="utf-8")
    assert lib.add(edited)[0].key == "2024数字青岚-2"


def test_duplicate_content_is_refused_naming_the_existing_plan(lib, tmp_path):
    lib.add(QL24)
    copy = tmp_path / "copy-of-plan.txt"
    copy.write_bytes(QL24.read_bytes())
    before = _state(lib)
    with pytest.raises(DuplicatePlan, match=r"already in the library as 2024数字青岚 \(2024年数字青岚工作要点"):
        lib.add(copy)
    assert _state(lib) == before
    with pytest.raises(DuplicatePlan, match="built-in plan"):
        PlanLibrary(lib.root, max_bytes=10**7, builtin=BUILTIN).add(BUILTIN)


def test_size_limit_empty_and_unreadable_files(lib, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(QL24.read_bytes() * 50)
    with pytest.raises(LibraryError, match="limit is 0.1 MB .*PLANQA_MAX_PLAN_BYTES"):
        lib.add(big)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(LibraryError, match="empty"):
        lib.add(empty)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(write_docx("一、测试", tmp_path / "ok.docx").read_bytes()[:300])
    with pytest.raises(ReadError, match="damaged DOCX"):
        lib.add(broken)
    assert lib.entries() == []


def test_a_crash_mid_import_leaves_the_library_as_it_was(lib, monkeypatch):
    lib.add(QL24)
    before = _state(lib)

    def crash(entries):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(lib, "_write", crash)
    with pytest.raises(OSError, match="simulated"):
        lib.add(QL25)
    assert [e.key for e in lib.entries()] == ["2024数字青岚"]
    assert lib.manifest_path.read_bytes() == before[1]
    monkeypatch.undo()
    lib.add(CX25)  # the next change tidies the file the crash left behind
    files, _ = _state(lib)
    assert len([f for f in files if f.startswith("files/")]) == 2 and not any(".tmp-" in f for f in files)


def test_a_damaged_manifest_is_reported_and_never_overwritten(lib):
    lib.add(QL24)
    lib.manifest_path.write_text("{not json", encoding="utf-8")
    with pytest.raises(LibraryError, match="manifest .* is damaged.*original files are kept"):
        lib.entries()
    with pytest.raises(LibraryError, match="damaged"):
        lib.add(QL25)
    assert lib.manifest_path.read_text(encoding="utf-8") == "{not json"


def test_a_held_lock_makes_an_import_wait_then_say_busy(lib):
    lib.root.mkdir(parents=True)
    with FileLock(lib.root / ".lock"), pytest.raises(LibraryBusy, match="busy"):
        lib.add(QL24)
    assert lib.entries() == []


def test_two_imports_at_once_both_land(tmp_path):
    lib = PlanLibrary(tmp_path / "plans", builtin=BUILTIN, lock_timeout=30)
    errors: list[Exception] = []

    def add(path):
        try:
            lib.add(path)
        except Exception as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)

    threads = [threading.Thread(target=add, args=(p,)) for p in (QL24, QL25, CX25)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(e.key for e in lib.entries()) == ["2024数字青岚", "2025数字青岚", "2025澄溪县数位治理"]


def test_imported_residue_is_a_warning_but_the_built_in_load_stays_strict(lib, tmp_path):
    odd = tmp_path / "odd.txt"
    odd.write_text(QL24.read_text(encoding="utf-8").replace("（一）加快5G网络建设。", "（一）加快5G网络建设（。"),
                   encoding="utf-8")
    entry, imported = lib.add(odd)
    assert any("suspicious character" in w for w in entry.warnings)
    assert imported.report.repair.residue
    with pytest.raises(RepairError):  # what corpus/load.py does with the built-in plan: unchanged
        repair(odd.read_text(encoding="utf-8"))


def test_settings_give_the_library_its_place_and_limit(tmp_path):
    s = Settings(data_dir=tmp_path / "data", max_plan_bytes=1234)
    lib = PlanLibrary.from_settings(s)
    assert lib.root == tmp_path / "data" / "plans" and lib.max_bytes == 1234
    assert lib.builtin_key() == "2025数字福建"
