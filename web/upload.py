"""Adding and removing plans from the app: who may, and every refusal said in words.

Only a trusted user may change what everyone is served: the app must have a login, or bind to the
loopback address only (then whoever uses it sits at this computer). The library itself serialises
imports with its file lock; the app waits at most `LOCK_WAIT` seconds for it and otherwise says
"busy, try again", so a second upload never hangs a request. Nothing is lost on a refusal: the
library is unchanged (it writes atomically) and the form keeps what was typed.
"""

from __future__ import annotations

import copy
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.library import DuplicatePlan, LibraryBusy, LibraryError, UnknownPlan
from corpus.parse import ParseError
from corpus.readers import ReadError
from corpus.settings import Settings
from web import messages as say
from web.login import LOOPBACK

log = logging.getLogger("planqa.app")

FILE_TYPES = [".txt", ".docx", ".pdf", ".html", ".htm"]
LOCK_WAIT = 2.0  # seconds to wait for another process's import (the CLI's) before saying "busy"


def may_change_plans(settings: Settings) -> bool:
    """A login is set, or the app listens on loopback only."""
    has_login = bool(settings.auth_user and settings.auth_password.get_secret_value())
    return has_login or settings.host in LOOPBACK


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str  # Markdown for the status line
    key: str = ""  # the plan added or removed


def _year(text: Any) -> int | None:
    """The year field: "" is none; anything else must be a plausible year."""
    s = str(text or "").strip()
    if not s:
        return None
    if not re.fullmatch(r"(19|20)\d\d", s):
        raise ValueError(s)
    return int(s)


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PlanUploads:
    """add(file, title, year, issuer) and remove(key) over a Desk; both return an Outcome, never raise."""

    def __init__(self, desk: Any, settings: Settings):
        self.desk = desk
        self.settings = settings
        self.allowed = may_change_plans(settings)
        self._busy = threading.Lock()  # one change at a time in this process; a second is told to retry

    @property
    def limit(self) -> int:
        """Largest file accepted: the library's limit, and the server's upload limit (a bigger upload
        never reaches the app)."""
        return min(self.settings.max_plan_bytes, self.settings.max_upload_bytes)

    def _library(self):
        """The desk's library, waiting only briefly for its lock."""
        library = copy.copy(self.desk.shelf.library)
        library.lock_timeout = LOCK_WAIT
        return library

    def add(self, file: Any, title: str = "", year: Any = "", issuer: str = "") -> Outcome:
        if not self.allowed:
            return Outcome(False, say.PLANS_NOT_ALLOWED)
        path = Path(str(getattr(file, "name", file))) if file else None
        if path is None or not path.is_file():
            return Outcome(False, say.UPLOAD_NO_FILE)
        try:
            year_value = _year(year)
        except ValueError:
            return Outcome(False, say.UPLOAD_BAD_YEAR.format(year=_short(str(year), 20)))
        size = path.stat().st_size
        if size == 0:
            return Outcome(False, say.UPLOAD_EMPTY.format(name=path.name))
        if size > self.limit:
            return Outcome(False, say.UPLOAD_TOO_LARGE.format(name=path.name, mb=size / 1e6, max=self.limit / 1e6))
        if not self._busy.acquire(blocking=False):
            return Outcome(False, say.PLANS_BUSY)
        try:
            entry, _ = self._library().add(
                path, title=(title or "").strip()[:200] or None, year=year_value, issuer=(issuer or "").strip()[:200] or None
            )
            self.desk.reload()
        except LibraryBusy:
            return Outcome(False, say.PLANS_BUSY)
        except DuplicatePlan as e:
            return Outcome(False, say.UPLOAD_DUPLICATE.format(reason=_short(str(e))))
        except ReadError as e:
            return Outcome(False, say.UPLOAD_UNREADABLE.format(reason=_short(str(e))))
        except ParseError as e:
            return Outcome(False, say.UPLOAD_NOT_A_PLAN.format(reason=_short(str(e))))
        except (LibraryError, ValueError) as e:
            return Outcome(False, say.UPLOAD_REFUSED.format(reason=_short(str(e))))
        except Exception:
            log.exception("upload: adding %s failed", path.name)
            return Outcome(False, say.UPLOAD_FAILED)
        finally:
            self._busy.release()
        self._warm(entry.key)
        notes = f"（{len(entry.warnings)} 条导入提示 / import notes）" if entry.warnings else ""
        return Outcome(True, say.UPLOAD_ADDED.format(title=entry.title, key=entry.key, tasks=entry.tasks) + notes, entry.key)

    def _warm(self, key: str) -> None:
        """Build the new plan's index now, so its first question is not the slow one. A failure here
        costs only that: the plan is stored, and the index is built on first use."""
        try:
            self.desk.assistant(key).retriever.warm_up()
        except Exception:
            log.exception("upload: indexing %s failed; it will be tried on first use", key)

    def remove(self, key: str | None) -> Outcome:
        if not self.allowed:
            return Outcome(False, say.PLANS_NOT_ALLOWED)
        key = (key or "").strip()
        served = {p.key: p for p in self.desk.plans()}
        if not key:
            return Outcome(False, say.REMOVE_NONE)
        if key in served and served[key].builtin:
            return Outcome(False, say.REMOVE_BUILTIN)
        if not self._busy.acquire(blocking=False):
            return Outcome(False, say.PLANS_BUSY)
        try:
            entry = self._library().remove(key)
            self.desk.reload()
        except LibraryBusy:
            return Outcome(False, say.PLANS_BUSY)
        except UnknownPlan:
            return Outcome(False, say.REMOVE_UNKNOWN.format(key=_short(key, 60)))
        except LibraryError as e:
            return Outcome(False, say.UPLOAD_REFUSED.format(reason=_short(str(e))))
        except Exception:
            log.exception("remove: %s failed", key)
            return Outcome(False, say.UPLOAD_FAILED)
        finally:
            self._busy.release()
        return Outcome(True, say.REMOVED.format(title=entry.title, key=entry.key), entry.key)
