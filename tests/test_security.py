"""Security, fast tier: loopback and login, no unsafe deserialisation on load paths, telemetry off,
secrets kept out of logs, reprs and the repository.

Already covered elsewhere (not repeated here):
- tests/test_app.py::test_binds_to_loopback_by_default, ::test_main_launches_on_settings_with_auth_only_when_both_set
  (host/port defaults; auth with both set, neither, user only), ::test_telemetry_is_off_before_gradio_loads
  (the two variables are set before `import gradio`).
- tests/test_llm.py::test_configured_from_the_environment, ::test_secret_never_in_notes_or_logs,
  ::test_unreachable_endpoint_falls_back_without_leaking (the LLM key from the environment, never in
  reprs, answers, notes or logs).
"""

from __future__ import annotations

import ast
import asyncio
import os
import re
from pathlib import Path

import pytest
from pydantic import SecretStr

import app  # sets the no-telemetry environment before gradio is imported
from assistant.pipeline import Assistant
from corpus.settings import ROOT, Settings, get_settings

LOAD_PATHS = ("assistant", "index", "corpus", "eval", "web", "tools")
UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "dill", "joblib", "cloudpickle", "shelve", "marshal"}
FAISS_IO = {"write_index", "read_index", "serialize_index", "deserialize_index"}


def scanned_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for folder in LOAD_PATHS:
        files += sorted(p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)
    return files


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "?"


def unsafe_uses(tree: ast.AST) -> list[str]:
    """Every import of a pickle-like module, eval/exec, torch.load, pickle/yaml/marshal loads,
    pandas.read_pickle and any call with allow_pickle=<truthy>."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.split(".")[0] in UNSAFE_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in UNSAFE_MODULES:
            found.append(f"from {node.module} import")
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            last = name.rsplit(".", 1)[-1]
            if name in ("eval", "exec", "builtins.eval", "builtins.exec", "__import__"):
                found.append(f"{name}()")
            elif name.split(".")[0] in ("torch", "pickle", "dill", "joblib", "cloudpickle", "marshal", "yaml") and last in (
                "load",
                "loads",
                "unsafe_load",
            ):
                found.append(f"{name}()")
            elif last == "read_pickle":
                found.append(f"{name}()")
            for kw in node.keywords:
                if kw.arg == "allow_pickle" and not (isinstance(kw.value, ast.Constant) and not kw.value.value):
                    found.append(f"{name}(allow_pickle=...)")
    return found


def test_the_scanner_finds_what_it_looks_for():
    bad = """
import pickle
import joblib as jl
from dill import loads
import numpy as np
x = np.load("a.npy", allow_pickle=True)
y = numpy.load("a.npy", allow_pickle=flag)
z = torch.load("m.pt")
eval("1"); exec("2")
w = pickle.load(f)
v = pd.read_pickle("f")
ok = np.load("a.npy", allow_pickle=False)
ok2 = json.loads("{}")
"""
    assert sorted(unsafe_uses(ast.parse(bad))) == sorted(
        [
            "import pickle",
            "import joblib",
            "from dill import",
            "np.load(allow_pickle=...)",
            "numpy.load(allow_pickle=...)",
            "torch.load()",
            "eval()",
            "exec()",
            "pickle.load()",
            "pd.read_pickle()",
        ]
    )


def test_no_pickle_or_eval_on_load_paths():
    files = scanned_files()
    assert len(files) > 20 and ROOT / "index/dense.py" in files and ROOT / "eval/runner.py" in files
    problems = {}
    for path in files:
        found = unsafe_uses(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        if found:
            problems[str(path.relative_to(ROOT))] = found
    assert problems == {}


def test_faiss_files_are_written_and_read_only_with_write_index_and_read_index():
    calls: dict[str, set[str]] = {}
    for path in scanned_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in FAISS_IO:
                calls.setdefault(str(path.relative_to(ROOT)), set()).add(_dotted(node.func))
    assert calls == {"index/dense.py": {"faiss.write_index", "faiss.read_index"}}

    # The store touches dense.faiss only through DenseIndex.save / DenseIndex.load.
    store = ast.parse((ROOT / "index/store.py").read_text(encoding="utf-8"))
    uses = []
    for node in ast.walk(store):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            for arg in node.args:
                if any(isinstance(c, ast.Constant) and c.value == "dense.faiss" for c in ast.walk(arg)):
                    uses.append(_dotted(node.func))
    assert sorted(uses) == ["DenseIndex.load", "dense.save"]


def test_analytics_are_off_in_the_built_app(hash_retriever, tmp_path):
    settings = Settings(embedder="hash", index_dir=hash_retriever.settings.index_dir, data_dir=tmp_path / "data")
    demo = app.build_app(Assistant(settings, retriever=hash_retriever, llm=None), settings)
    assert demo.analytics_enabled is False
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
    # app.py sets "1"; gradio itself rewrites it to "True" when a Blocks is built with analytics off.
    assert os.environ["HF_HUB_DISABLE_TELEMETRY"] in ("1", "True")


def test_login_from_the_environment_needs_both_variables(monkeypatch, hash_retriever, tmp_path, caplog):
    """Through real environment variables (test_app.py covers Settings objects passed in)."""
    import gradio as gr

    password = "pw-" + "x" * 12
    launched: list[dict] = []
    monkeypatch.setattr(gr.Blocks, "queue", lambda self, **kw: self)
    # app.serve runs the chat + JSON API on one uvicorn server; it never shares (no Gradio share link)
    monkeypatch.setattr(app, "serve", lambda demo, a, s, options: launched.append(
        {"auth": options["auth"], "server_name": options["server_name"], "share": False}))
    shared = Assistant(
        Settings(embedder="hash", index_dir=hash_retriever.settings.index_dir), retriever=hash_retriever, llm=None
    )
    monkeypatch.setattr(app, "Assistant", lambda s: shared)
    for name in ("PLANQA_HOST", "PLANQA_PORT", "PLANQA_AUTH_USER", "PLANQA_AUTH_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLANQA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PLANQA_EMBEDDER", "hash")

    def run() -> dict:
        get_settings.cache_clear()
        try:
            app.main()
        finally:
            get_settings.cache_clear()
        return launched[-1]

    assert Settings().host == "127.0.0.1"
    monkeypatch.setenv("PLANQA_AUTH_PASSWORD", password)  # password without a user: refuses to start
    with caplog.at_level("INFO"), pytest.raises(SystemExit) as exit_:
        run()
    assert exit_.value.code == 2 and not launched and password not in caplog.text

    monkeypatch.setenv("PLANQA_AUTH_USER", "ops")
    caplog.clear()
    with caplog.at_level("DEBUG"):
        kw = run()
    assert asyncio.run(kw["auth"]("ops", password)) is True and kw["share"] is False
    assert kw["server_name"] == "127.0.0.1"
    assert password not in caplog.text


def test_secrets_are_not_in_reprs_or_dumps():
    key, password = "sk-" + "Z" * 32, "pw-" + "Y" * 16
    for s in (
        Settings(llm_api_key=key, auth_password=password),
        Settings(llm_api_key=SecretStr(key), auth_password=SecretStr(password)),
    ):
        assert s.llm_api_key.get_secret_value() == key and s.auth_password.get_secret_value() == password
        for text in (repr(s), str(s), s.model_dump_json(), str(s.model_dump()), repr(s.llm_api_key)):
            assert key not in text and password not in text
    for field in ("llm_api_key", "auth_password"):
        assert Settings.model_fields[field].annotation is SecretStr


# ---------------------------------------------------------------------- secrets in the repository

SKIP_TOP = {".venv", ".git", "build", "data"}  # environment, history, build output, runtime data
SKIP_ANY = {"__pycache__", ".pytest_cache", ".ruff_cache", "node_modules"}  # generated caches
PASSWORD_SET = re.compile(rb"PLANQA_AUTH_PASSWORD\s*=\s*[\"']?(?![\"'\s$<{])\S")
API_KEY = re.compile(rb"(?<![A-Za-z0-9])sk-(?:proj-|svcacct-|ant-)?[A-Za-z0-9_\-]{20,}")
# Obvious fakes in tests, allowed by file and exact text.
# (Samples below are assembled at run time so that this file does not trip its own scan.)
ALLOWED = {("tests/test_llm.py", b"sk-" + b"test-DO-NOT-LEAK-1234567890")}
VAR = b"PLANQA_AUTH_" + b"PASSWORD"


def repo_files() -> list[Path]:
    out = []
    for folder, dirs, files in os.walk(ROOT):
        rel = Path(folder).relative_to(ROOT)
        dirs[:] = [d for d in dirs if d not in SKIP_ANY and not (rel == Path(".") and d in SKIP_TOP)]
        out += [Path(folder) / f for f in files if not (rel == Path(".") and f in SKIP_TOP)]  # .git: a file in a worktree
    return out


def leaked_secrets(path: Path, data: bytes) -> list[str]:
    rel = path.relative_to(ROOT).as_posix()
    hits = [m.group(0) for m in PASSWORD_SET.finditer(data)]
    hits += [m.group(0) for m in API_KEY.finditer(data) if (rel, m.group(0)) not in ALLOWED]
    return [h.decode("utf-8", "replace")[:40] for h in hits]


def test_the_secret_patterns_match_what_they_should():
    assert PASSWORD_SET.search(b"export " + VAR + b"=hunter2")
    assert PASSWORD_SET.search(VAR + b' = "hunter2"')
    for safe in (VAR + b"=", VAR + b'=""', VAR + b'="$PW"', VAR + b"=<secret>", b"`" + VAR + b"` |"):
        assert not PASSWORD_SET.search(safe), safe
    assert API_KEY.search(b"key = 'sk-" + b"a1" * 12 + b"'") and API_KEY.search(b"sk-proj-" + b"A" * 30)
    assert not API_KEY.search(b"task-" + b"a" * 30) and not API_KEY.search(b"sk-short")


def test_no_secrets_in_the_repository():
    files = repo_files()
    assert ROOT / "app.py" in files and not any(".venv" in p.parts or ".git" in p.parts for p in files)
    leaks = {}
    for path in files:
        try:
            if path.stat().st_size > 20_000_000:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if b"\0" in data[:8192]:  # binary (images, SQLite, FAISS)
            continue
        if found := leaked_secrets(path, data):
            leaks[path.relative_to(ROOT).as_posix()] = found
    assert leaks == {}, f"secret-looking strings: {leaks}"
