"""Credentials never reach a log line: `install_redaction()` (called by every entry point) wraps the
log-record factory, so every record of every logger — ours, httpx, httpx2, uvicorn, a library added
later — has user:password in URLs, secret query parameters and bearer tokens replaced by ***,
in its message and in a logged traceback. It sits in the bottom layer so any entry point can use it.
"""

from __future__ import annotations

import logging
import re

MASK = "***"
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s:@]*:[^/\s@]*@")
_SECRET_PARAM = re.compile(
    r"(?i)([?&;](?:api[-_]?key|key|token|access[-_]?token|auth|password|passwd|pwd|secret|signature|sig)=)[^&#\s'\"]+"
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[a-z0-9._~+/=\-]{8,}")
_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_\-]{12,}")


def redact(text: str) -> str:
    """The text with credentials in URLs, secret parameters and tokens masked."""
    text = _USERINFO.sub(rf"\1{MASK}@", text)
    text = _SECRET_PARAM.sub(rf"\1{MASK}", text)
    text = _BEARER.sub(rf"\1 {MASK}", text)
    return _KEY_LIKE.sub(MASK, text)


_installed = False


def install_redaction() -> None:
    """Redact every log record from now on (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string is logging's problem, not ours
            return record
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
