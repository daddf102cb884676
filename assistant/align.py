"""Which task of one plan is which task of another (a later year's plan, usually).

Ids cannot be trusted across plans: numbering is renumbered and even deepens (2024's 一.(二) is
2025's 一.(二).1 under a new 工程). Tasks are matched on what they say: title, body text (figures
masked, since targets change every year), shared quoted programme names (“一网统管”) and the words
of their 行動/工程 headings; one-to-one by optimal assignment, kept only above a threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.script import fold
from corpus.types import Clause, Plan

# Weights of the four signals (they sum to 1). A title is the task in a few words and is kept most
# often; the body is longer but rewritten more; a shared programme name is near-proof but rare;
# headings are regrouped between years (行動 and 工程 renamed), so they only break ties.
W_TITLE, W_TEXT, W_NAME, W_PLACE = 0.4, 0.3, 0.2, 0.1

# On the fictional 青岚 plans true pairs score 0.39–0.88 and the best wrong candidate of any task
# (2024 数字素养培训, 2025 低空, 人工智能) at most 0.15; 0.3 sits in that gap, leaning towards
# "not listed" over a wrong pairing, since a wrong pair would put words in a plan's mouth.
THRESHOLD = 0.3

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,20})[”」』\"]")
_HEAD_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十百\d]+[)）、.．]?")
# Heading words every plan shares ("行动", "工程") would make all places look alike.
_GENERIC = re.compile(r"行动|工程|建设|推进|加快|提升")


@dataclass(frozen=True)
class Pair:
    old: Clause | None  # from the first plan given (align's `old`, counterpart's `source`)
    new: Clause | None
    score: float  # 0 for a task with no counterpart


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass(frozen=True)
class _Sig:
    title: frozenset[str]
    text: frozenset[str]
    names: frozenset[str]
    place: frozenset[str]


@lru_cache(maxsize=4096)
def _signature(clause: Clause) -> _Sig:
    body = "".join(clause.sentences[1:]) if len(clause.sentences) > 1 else clause.text
    heads = [_HEAD_NUMBERING.sub("", h) for h in clause.path]
    return _Sig(
        title=_bigrams(fold(clause.title)),
        text=_bigrams(_NUMBER.sub("#", fold(body))),
        names=frozenset(fold(n) for n in _QUOTED.findall(clause.text)),
        place=_bigrams(_GENERIC.sub(" ", fold(" ".join(heads)))),
    )


def similarity(a: Clause, b: Clause) -> float:
    """0..1: how likely two tasks of two plans are the same task."""
    x, y = _signature(a), _signature(b)
    return (
        W_TITLE * _dice(x.title, y.title)
        + W_TEXT * _dice(x.text, y.text)
        + W_NAME * (1.0 if x.names & y.names else 0.0)
        + W_PLACE * _dice(x.place, y.place)
    )


def align(old: Plan, new: Plan) -> list[Pair]:
    """Every task of both plans exactly once: matched pairs and the tasks of either plan alone.

    In the new plan's order, each old-only task placed after the pair of the old task before it, so
    a listing reads like the plans."""
    from scipy.optimize import linear_sum_assignment  # imported here: only comparisons need scipy

    olds, news = old.tasks, new.tasks
    scores = [[similarity(a, b) for b in news] for a in olds]
    matched: dict[int, tuple[int, float]] = {}
    if olds and news:
        rows, cols = linear_sum_assignment(scores, maximize=True)
        matched = {int(i): (int(j), scores[i][j]) for i, j in zip(rows, cols, strict=True) if scores[i][j] >= THRESHOLD}
    new_of_old = {i: j for i, (j, _) in matched.items()}
    # Order: pairs and new-only by new position; an old-only task right after its predecessor in old.
    keyed: list[tuple[tuple[float, int], Pair]] = []
    for j, b in enumerate(news):
        i = next((i for i, (jj, _) in matched.items() if jj == j), None)
        keyed.append(((j, 0), Pair(olds[i] if i is not None else None, b, matched[i][1] if i is not None else 0.0)))
    last = -1.0
    for i, a in enumerate(olds):
        if i in new_of_old:
            last = new_of_old[i]
        else:
            keyed.append(((last + 0.5, i + 1), Pair(a, None, 0.0)))
    return [p for _, p in sorted(keyed, key=lambda kp: kp[0])]


def counterpart(clause: Clause, source: Plan, target: Plan) -> Pair | None:
    """The task of `target` that is `clause` of `source`: Pair(old=clause, new=its counterpart or None).
    None when `clause` is not a task of `source` (a 行動 or 工程 heading is not aligned)."""
    if clause.kind != "task" or source.get(clause.id) != clause:
        return None
    for pair in align(source, target):
        if pair.old is not None and pair.old.id == clause.id:
            return pair
    return None
