"""Folders are layers: each module imports only from its own layer or the layers below (ast walk).

corpus (bottom) < index < assistant < web, eval (top) < app < tools. Function-level imports count
too: hiding an upward import inside a function is still an upward import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RANK = {"corpus": 0, "index": 1, "assistant": 2, "web": 3, "eval": 3, "app": 4, "tools": 5}


def _module_layer(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0].removesuffix(".py")


def _imported_layers(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in RANK:
                found.append((node.lineno, top))
    return found


def _sources() -> list[Path]:
    out = [ROOT / "app.py"]
    for layer in RANK:
        if (ROOT / layer).is_dir():
            out += sorted((ROOT / layer).rglob("*.py"))
    return out


def upward_imports(paths: list[Path]) -> list[str]:
    bad = []
    for path in paths:
        layer = _module_layer(path)
        for line, target in _imported_layers(path):
            if RANK[target] > RANK[layer] or (RANK[target] == RANK[layer] and target != layer):
                bad.append(f"{path.relative_to(ROOT)}:{line} ({layer}) imports {target}")
    return bad


def test_no_module_imports_from_a_layer_above_or_beside_it():
    assert upward_imports(_sources()) == []


def test_the_check_catches_an_upward_import():
    fake = ROOT / "corpus" / "_layer_probe_tmp.py"
    fake.write_text("def f():\n    from assistant.pipeline import Assistant\n    return Assistant\n", encoding="utf-8")
    try:
        assert upward_imports([fake]) == ["corpus/_layer_probe_tmp.py:2 (corpus) imports assistant"]
    finally:
        fake.unlink()


@pytest.mark.parametrize("layer", ["corpus", "index", "assistant", "web", "eval", "tools"])
def test_every_layer_is_a_package(layer):
    assert (ROOT / layer / "__init__.py").is_file()


def test_no_import_cycles_between_modules():
    """Module-level graph of our own modules has no cycle (eval/harness ⇄ eval/report was one)."""
    mods = {}
    for path in _sources():
        rel = path.relative_to(ROOT).with_suffix("")
        mods[".".join(rel.parts).removesuffix(".__init__")] = path
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                cands = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                cands = [a.name for a in node.names]
            else:
                continue
            graph[m] |= {c for c in cands if c in mods and c != m}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(m: str, stack: list[str]) -> bool:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycle.extend(stack[stack.index(n):] + [m, n] if n in stack else [m, n])
                return True
            if state.get(n) is None and visit(n, stack + [m]):
                return True
        state[m] = 2
        return False

    assert not any(state.get(m) is None and visit(m, []) for m in sorted(graph)), cycle
