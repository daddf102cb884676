"""`python -m eval.fit_answerable [--out assistant/answerable.json] [--folds 5]`

Fits the answerability model (`assistant.answerable`): a logistic regression over features of each
(question, candidate clause) pair, labelled 1 when the clause is a gold clause of a question whose topic
the plan covers (answer or "not stated") and 0 otherwise (other clauses, and every clause of a question
the plan cannot answer). Fitted ONLY on the tune sets: the public set, the user tune half and the fresh
tune half. The held-out set and both test halves are never read here.

Prints cross-validated figures (folds grouped by question) beside the coverage rules on the same pairs,
and writes the weights as JSON (never a pickle).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.answerable import FEATURES, WEIGHTS_FILE, AnswerableModel
from assistant.intents import detect, strip_unit_cues
from assistant.pipeline import QUOTE_CANDIDATES, Assistant
from assistant.slots import detail_slot, strip_cue
from corpus.settings import ROOT, Settings
from eval.questions import load_questions

# fresh2_test joined the tune sets once it had been reported (round 2); fresh3_test is never read here.
TUNE_SETS = ("eval/questions.jsonl", "eval/user_tune.jsonl", "eval/fresh_tune.jsonl", "eval/fresh2_test.jsonl")
_SKIPPED_TYPES = ("structure", "document", "agency_tasks")  # answered from the plan tree, not judged per clause


def pairs(assistant: Assistant, files=TUNE_SETS) -> list[dict]:
    """One row per (question, candidate): features, label, the rules' decision, and the question id."""
    g = assistant.grounding
    rows = []
    for name in files:
        questions, _ = load_questions(ROOT / name)
        for q in questions:
            if q.history or q.multipart or q.type in _SKIPPED_TYPES:
                continue
            intent = detect(q.question, assistant.directory)
            slot = detail_slot(q.question)
            if slot in ("location", "definition", "procedure") and intent.kind in ("lead", "members", "agency_tasks"):
                slot = ""
            topic_q = strip_cue(q.question, slot) if slot else q.question
            if not g.has_topic(topic_q):
                continue
            naming = intent.kind in ("lead", "members") and not slot
            kinds = ("task",) if naming else ("task", "preamble", "closing")
            hits = assistant._hits(topic_q, kinds=kinds, k=5)[:QUOTE_CANDIDATES]
            if naming and g.has_topic(strip_unit_cues(q.question)):
                topic_q = strip_unit_cues(q.question)  # as Assistant._target_task judges a lead/members question
            covered = q.expected in ("answer", "not_stated")
            for h in hits:
                rows.append(
                    {
                        "qid": f"{Path(name).stem}:{q.id}",
                        "features": g.features(topic_q, h, hits),
                        "label": 1 if covered and h.clause.id in q.gold_clause_ids else 0,
                        "rule": g.confident(topic_q, h, naming_units=naming, hits=hits),
                    }
                )
    return rows


def _pr(pred, gold) -> tuple[float, float]:
    tp = sum(p and y for p, y in zip(pred, gold, strict=True))
    fp = sum(p and not y for p, y in zip(pred, gold, strict=True))
    fn = sum(y and not p for p, y in zip(pred, gold, strict=True))
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def fit(rows: list[dict], folds: int = 5, c: float = 1.0, sets=TUNE_SETS):
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    x = np.array([[r["features"][f] for f in FEATURES] for r in rows])
    y = np.array([r["label"] for r in rows])
    groups = [r["qid"] for r in rows]
    cv = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        mean, scale = x[train].mean(0), x[train].std(0) + 1e-9
        m = LogisticRegression(C=c, max_iter=2000).fit((x[train] - mean) / scale, y[train])
        cv[test] = m.predict_proba((x[test] - mean) / scale)[:, 1]
    mean, scale = x.mean(0), x.std(0) + 1e-9
    m = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / scale, y)
    model = AnswerableModel(
        FEATURES,
        tuple(round(float(v), 6) for v in mean),
        tuple(round(float(v), 6) for v in scale),
        tuple(round(float(v), 6) for v in m.coef_[0]),
        round(float(m.intercept_[0]), 6),
        {"fitted_on": list(sets), "pairs": len(rows), "positives": int(y.sum()),
         "questions": len(set(groups)), "cv_auc": round(float(roc_auc_score(y, cv)), 4), "C": c},
    )
    return model, cv, y


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.fit_answerable", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=str(WEIGHTS_FILE), help="where the weights JSON goes (default %(default)s)")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    p.add_argument("--sets", nargs="+", default=list(TUNE_SETS), help="tune sets to fit on (never a held-out set)")
    args = p.parse_args(argv)
    assistant = Assistant(Settings(answerable_weights=""))  # the rules decide while the pairs are built
    rows = pairs(assistant, args.sets)
    model, cv, y = fit(rows, args.folds, args.c, args.sets)
    gold = [bool(v) for v in y]
    rp, rr = _pr([r["rule"] for r in rows], gold)
    print(f"pairs {len(rows)} · positives {int(sum(gold))} · questions {model.meta['questions']} · "
          f"cross-validated AUC {model.meta['cv_auc']}")
    print(f"coverage rules            precision {rp:.3f} recall {rr:.3f}")
    best = (-1.0, 0.5)
    for t in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8):
        mp, mr = _pr([v >= t for v in cv], gold)
        f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
        best = max(best, (round(f1, 4), t))  # ties go to the higher threshold: fewer wrong answers
        print(f"model (cv) threshold {t:.2f}  precision {mp:.3f} recall {mr:.3f}  F1 {f1:.3f}")
    print(f"threshold with the best cross-validated F1: {best[1]:.2f} (PLANQA_ANSWERABLE_THRESHOLD)")
    model.meta["cv_threshold"] = best[1]
    print("weights (standardised features):")
    for n, w in sorted(zip(model.names, model.coef, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {n:14s} {w:+.3f}")
    Path(args.out).write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
