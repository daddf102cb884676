"""The evaluation's public entry points in one place, for callers outside eval/:

    from eval.harness import run, parse_configs

Nothing is defined here. The work is split by job, each module importing only those listed before
it: configs (names) · questions (the question sets) · results (records,
metric keys) · metrics (pure) · scoring (rows, summaries) ·
systems (what is evaluated) · report (markdown, chart, terminal table) · outputs (run files) · runner.
"""

from eval.configs import DEFAULT_CONFIGS, ConfigError, ConfigSpec, parse_config, parse_configs, safe_name
from eval.results import ConfigResult, EvalResult, Outcome
from eval.runner import run, run_config

__all__ = [
    "DEFAULT_CONFIGS",
    "ConfigError",
    "ConfigResult",
    "ConfigSpec",
    "EvalResult",
    "Outcome",
    "parse_config",
    "parse_configs",
    "run",
    "run_config",
    "safe_name",
]
