"""What keeps the served app bounded: request size, cross-origin writes, login on every write, a slow
login after failures, and expiry of idle sessions and unclaimed results. `launch_options` returns the
keyword arguments for `Blocks.launch` that install all of it (app.py and the tests use it).

Gradio 6.31 has `max_file_size` (uploads) and `delete_cache` (its temp files), but no body-size cap,
no CSRF check on POSTs (its CORS middleware only withholds headers; a form POST from any page still
runs), and keeps each session's state (a copy of the UI config, ~80 KB) until 10,000 sessions exist
and each unfetched `/gradio_api/call` result until the process ends. The middleware and the sweeper
below add what is missing.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import json
import logging
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse

from corpus.settings import Settings
from web.login import SlowLogin, check_login

log = logging.getLogger("planqa.app")

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
UPLOAD_SLACK = 64 * 1024  # multipart framing around an upload of max_upload_bytes
SWEEP_EVERY = 5.0  # seconds between sweeps
LOGIN_REQUIRED = ("/cancel", "/reset")  # Gradio answers these without a login; we do not
_CALL = re.compile(r".*/gradio_api/call(?:/v2)?/([^/]+)")


# ---------------------------------------------------------------------- HTTP guard


def _same_origin(headers: Headers) -> bool:
    origin = headers.get("origin")
    if origin is None:  # not a browser page (curl, gradio_client): no cross-site risk
        return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
    if origin == "null":
        return False
    return urlsplit(origin).netloc.lower() == headers.get("host", "").lower()


class Guard:
    """ASGI middleware: refuse cross-origin writes (403), bodies over the cap (413), and /cancel or
    /reset without a login when the app has one (401)."""

    def __init__(self, app: Any, max_body: int, max_upload: int, arity: dict[str, int] | None = None):
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.arity = arity or {}  # api name -> argument count; a shorter `data` is padded with nulls

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path = scope.get("path", "").rstrip("/")
        method = scope.get("method", "GET")
        if method not in SAFE_METHODS and not _same_origin(headers):
            await _reply(scope, receive, send, 403, "cross-origin request refused")
            return
        if path.endswith(LOGIN_REQUIRED) and not _logged_in(scope):
            await _reply(scope, receive, send, 401, "Not authenticated")
            return
        limit = self.max_upload + UPLOAD_SLACK if path.endswith("/upload") else self.max_body
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _reply(scope, receive, send, 413, f"request body over {limit} bytes")
            return
        route = _CALL.fullmatch(path)
        if method == "POST" and route and route.group(1) in self.arity:
            await self._padded(scope, receive, send, limit, self.arity[route.group(1)])
            return
        await self._counted(scope, receive, send, limit)

    async def _padded(self, scope: dict, receive: Callable, send: Callable, limit: int, arity: int) -> None:
        """`/gradio_api/call/<api>` with fewer arguments than the function has: the optional ones are
        sent as null (Gradio itself fails such a call with `error: null`)."""
        chunks, seen = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > limit:
                await _reply(scope, receive, send, 413, f"request body over {limit} bytes")
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        try:
            data = json.loads(body)
            if isinstance(data, dict) and isinstance(data.get("data"), list) and len(data["data"]) < arity:
                data["data"] += [None] * (arity - len(data["data"]))
                body = json.dumps(data).encode("utf-8")
        except (ValueError, RecursionError):
            pass  # Gradio answers what it cannot read
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        scope = {**scope, "headers": [*headers, (b"content-length", str(len(body)).encode())]}
        await self.app(scope, replay, send)

    async def _counted(self, scope: dict, receive: Callable, send: Callable, limit: int) -> None:
        """A body without a length (chunked) is counted as it arrives; past the cap it is cut off and
        whatever the app would have answered becomes a 413."""
        seen = 0
        over = False
        started = False

        async def counting_receive() -> dict:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded_send(message: dict) -> None:
            nonlocal started
            if over and not started:
                started = True
                await _reply(scope, receive, send, 413, f"request body over {limit} bytes")
                return
            if over:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counting_receive, guarded_send)


def _logged_in(scope: dict) -> bool:
    app = scope.get("app")
    if app is None or getattr(app, "auth", None) is None:
        return True  # no login configured
    cookies = Request(scope).cookies
    cookie_id = getattr(app, "cookie_id", "")
    token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
    return token is not None and getattr(app, "tokens", {}).get(token) is not None


async def _reply(scope: dict, receive: Callable, send: Callable, status: int, detail: str) -> None:
    await JSONResponse({"detail": detail}, status_code=status)(scope, receive, send)


# ---------------------------------------------------------------------- expiry


def _trim_memory() -> None:
    """Hand freed memory back to the system (glibc keeps it otherwise); a no-op elsewhere."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


class Sweeper:
    """Drops what Gradio keeps without bound: sessions idle for `session_ttl` (their UI state) and
    results nobody fetched within `result_ttl` (their message queues). `hooks` are called with the
    session ttl on every sweep (the handlers remove old export folders)."""

    def __init__(self, session_ttl: float, result_ttl: float, hooks: tuple[Callable[[float], Any], ...] = ()):
        self.session_ttl = session_ttl
        self.result_ttl = result_ttl
        self.hooks = hooks
        self._unclaimed_since: dict[str, float] = {}
        self.dropped_sessions = 0
        self.dropped_results = 0

    def sweep(self, app: Any, now: float | None = None) -> int:
        """One pass; returns how many sessions and results were dropped."""
        now = time.monotonic() if now is None else now
        queue = app.get_blocks()._queue
        live = {e.session_hash for e in list(queue.event_ids_to_events.values())}
        dropped = self._drop_results(queue, live, now) + self._drop_sessions(app.state_holder, live)
        for hook in self.hooks:
            try:
                hook(self.session_ttl)
            except Exception:  # noqa: BLE001 - a failed clean-up must not stop the sweeper
                log.exception("sweeper: clean-up hook failed")
        if dropped:
            _trim_memory()
        return dropped

    def _drop_results(self, queue: Any, live: set[str], now: float) -> int:
        pending = queue.pending_messages_per_session
        unclaimed = [s for s in list(pending.keys()) if s not in live]
        self._unclaimed_since = {s: self._unclaimed_since.get(s, now) for s in unclaimed}
        n = 0
        for session, since in list(self._unclaimed_since.items()):
            if now - since >= self.result_ttl:
                pending.pop(session, None)
                queue.pending_event_ids_session.pop(session, None)
                del self._unclaimed_since[session]
                n += 1
        self.dropped_results += n
        return n

    def _drop_sessions(self, holder: Any, live: set[str]) -> int:
        import datetime

        cutoff = datetime.datetime.now() - datetime.timedelta(seconds=self.session_ttl)
        old = [s for s, t in list(holder.time_last_used.items()) if t < cutoff and s not in live]
        for session in old:
            try:
                holder.delete_state(session)  # runs the State components' delete callbacks
            except Exception:  # noqa: BLE001
                log.exception("sweeper: deleting session state failed")
            with holder.lock:
                holder.session_data.pop(session, None)
                holder.time_last_used.pop(session, None)
        self.dropped_sessions += len(old)
        return len(old)

    def lifespan(self) -> Callable:
        sweeper = self

        @contextlib.asynccontextmanager
        async def run(app: Any):
            async def loop() -> None:
                while True:
                    await asyncio.sleep(min(SWEEP_EVERY, sweeper.result_ttl, sweeper.session_ttl))
                    try:
                        sweeper.sweep(app)
                    except Exception:  # noqa: BLE001 - keep sweeping
                        log.exception("sweeper failed")

            task = asyncio.create_task(loop())
            try:
                yield
            finally:
                task.cancel()

        return run


# ---------------------------------------------------------------------- launch


def _arity(demo: Any) -> dict[str, int]:
    """Argument count of each named API function (for padding omitted optional arguments)."""
    out = {}
    for fn in getattr(demo, "fns", {}).values():
        if getattr(fn, "api_name", None) and getattr(fn, "inputs", None):
            out[str(fn.api_name)] = len(fn.inputs)
    return out


def launch_options(demo: Any, settings: Settings) -> dict[str, Any]:
    """Keyword arguments for `demo.launch` with every limit installed (also sets `demo.delete_cache`).
    Raises StartRefused for an unsafe login set-up."""
    auth = check_login(settings)
    hooks = ()
    handlers = getattr(demo, "planqa", None)
    if handlers is not None:
        hooks = (handlers.sweep_exports,)
    sweeper = Sweeper(settings.session_ttl, settings.result_ttl, hooks)
    demo.planqa_sweeper = sweeper
    ttl = max(1, int(settings.session_ttl))
    demo.delete_cache = (min(600, ttl), ttl)  # Gradio's own temp files (uploads, download copies)
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "auth": SlowLogin(*auth, delay=settings.login_delay).as_auth() if auth else None,
        "max_file_size": settings.max_upload_bytes,
        "strict_cors": True,
        "show_error": False,
        "share": False,
        "app_kwargs": {
            "middleware": [
                Middleware(
                    Guard, max_body=settings.max_body_bytes, max_upload=settings.max_upload_bytes, arity=_arity(demo)
                )
            ],
            "lifespan": sweeper.lifespan(),
        },
    }
