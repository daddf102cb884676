"""Who may use the app: a login both halves of which are set (or none, on loopback only), checked in
constant time and slower after each failure."""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

from corpus.settings import Settings

log = logging.getLogger("planqa.app")

LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_LOGIN_DELAY = 30.0
FAILURE_WINDOW = 60.0  # failed logins counted over this many seconds


class StartRefused(ValueError):
    """The settings would serve the app unsafely; the message says what to set."""


def check_login(settings: Settings) -> tuple[str, str] | None:
    """(user, password), or None for no login. Half a login, or a non-loopback address without one
    (unless PLANQA_ALLOW_OPEN), refuses to start."""
    password = settings.auth_password.get_secret_value()
    if bool(settings.auth_user) != bool(password):
        raise StartRefused("set both PLANQA_AUTH_USER and PLANQA_AUTH_PASSWORD (or neither); only one is set")
    if not password and settings.host not in LOOPBACK and not settings.allow_open:
        raise StartRefused(
            f"PLANQA_HOST={settings.host} is not a loopback address and no login is set: set PLANQA_AUTH_USER and "
            "PLANQA_AUTH_PASSWORD, or PLANQA_ALLOW_OPEN=true to serve it open"
        )
    return (settings.auth_user, password) if password else None


class SlowLogin:
    """A constant-time login check; each failure waits `delay` seconds, doubled for every other failure
    in the last minute (up to 30 s), one failure at a time. `as_auth()` is what Gradio's `auth` takes:
    a coroutine function (Gradio awaits only those; an object with an async __call__ would be called
    without awaiting and its coroutine counted as a success)."""

    def __init__(self, user: str, password: str, delay: float, sleep: Callable[[float], Any] = asyncio.sleep):
        self._user, self._password = user, password
        self.delay = delay
        self._sleep = sleep
        self._failures: list[float] = []
        self._lock = asyncio.Lock()

    def wait_after_failure(self, now: float) -> float:
        self._failures = [t for t in self._failures if now - t < FAILURE_WINDOW]
        self._failures.append(now)
        return min(self.delay * 2 ** (len(self._failures) - 1), MAX_LOGIN_DELAY)

    def as_auth(self) -> Callable[[str, str], Any]:
        async def auth(user: str, password: str) -> bool:
            return await self.check(user, password)

        return auth

    async def check(self, user: str, password: str) -> bool:
        ok_user = secrets.compare_digest(str(user).encode(), self._user.encode())
        ok_password = secrets.compare_digest(str(password).encode(), self._password.encode())
        if ok_user and ok_password:
            return True
        async with self._lock:  # failures queue up: parallel guessing gains nothing
            await self._sleep(self.wait_after_failure(time.monotonic()))
        log.warning("login failed (user %r)", str(user)[:40])
        return False
