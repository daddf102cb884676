"""eval/multiplan.jsonl (data for multi-plan retrieval, not run yet): every gold id names a clause of
the fictional plans under the key the library gives them, and leads/members agree with the parse."""

from __future__ import annotations

import json

from plan_docs import FIXTURES

from corpus.library import PlanLibrary
from corpus.settings import ROOT
from corpus.types import split_qualified

KINDS = {"scoped", "unscoped", "comparison", "agency_years"}


def test_multiplan_gold_ids_exist_under_library_keys(tmp_path):
    lib = PlanLibrary(tmp_path / "plans")
    plans = {}
    for name in ("qinglan-2024.txt", "qinglan-2025.txt", "chengxi-2025.txt"):
        entry, imported = lib.add(FIXTURES / name)
        plans[entry.key] = imported.plan
    rows = [json.loads(ln) for ln in (ROOT / "eval/multiplan.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 20 and len({r["id"] for r in rows}) == len(rows)
    assert {r["kind"] for r in rows} == KINDS
    for r in rows:
        assert set(r["plans"]) <= set(plans), r["id"]
        clauses = []
        for qid in r["gold_clause_ids"]:
            key, cid = split_qualified(qid)
            assert key in plans and plans[key].get(cid) is not None, (r["id"], qid)
            clauses.append(plans[key].get(cid))
        if r["gold_lead"] and len(clauses) == 1:
            assert clauses[0].lead == r["gold_lead"], r["id"]
        for m in r["gold_members"]:
            assert m in clauses[0].members, r["id"]
        assert r["answerable"] == bool(r["gold_clause_ids"]), r["id"]
