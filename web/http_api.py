"""A plain JSON HTTP API beside the chat, on the same server (app.py mounts the Gradio app into the
FastAPI app that carries this router). OpenAPI docs at /api/docs.

    POST /api/ask    {"question": str, "history": [{"role", "content"}], "plans": [str] | null} -> Answer
    GET  /api/plans  the plans served (the built-in plan, then the library's)
    GET  /api/tasks?agency=…&plan=…   who leads / takes part in each task of a plan (any alias of the agency)
    POST /api/feedback {"question", "answer", "citations", "vote": "up" | "down", "comment", "intent"} -> {"id"}
    GET  /api/feedback?limit=20   how many votes, and the latest ones
    GET  /api/health   the store and the index build answering (several processes on one database
                       should report the same build)

Why a second API when Gradio has /chat: a Gradio call is a queued job with an event stream (submit,
then poll or listen), several round trips and the queue's bookkeeping per question; these are one
request, one JSON response, answered in FastAPI's thread pool, so they scale with the number of
clients (tools/loadtest.py --compare measures both side by side).

With a login set (PLANQA_AUTH_USER/PASSWORD) the API asks for the same user and password as HTTP
Basic credentials.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field

from corpus.responsibility import agencies_in, task_rows
from corpus.settings import Settings
from index.types import StoreError
from web.feedback import MAX_COMMENT, FeedbackUnavailable

log = logging.getLogger("planqa.api")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
ERROR_ANSWER = "抱歉，暂时无法回答（服务内部错误），请稍后再试。/ Sorry, the question could not be answered right now."


class Message(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=50_000)


class AskRequest(BaseModel):
    question: str = Field(max_length=10_000, description="In simplified or traditional Chinese, or English.")
    history: list[Message] = Field(default_factory=list, max_length=50, description="The conversation so far.")
    plans: list[str] | None = Field(
        None, max_length=100,
        description="Answer from these plans only (ids from GET /api/plans); none = the question's own scope, or all.")
    plan: str | None = Field(None, description="One plan only (kept for older clients; same as plans=[plan]).")


class FeedbackIn(BaseModel):
    question: str = Field(max_length=10_000)
    answer: str = Field(max_length=50_000)
    citations: list[str] = Field(default_factory=list, max_length=50, description="Clause ids the answer cited.")
    vote: Literal["up", "down"]
    comment: str = Field("", max_length=MAX_COMMENT)
    intent: str = Field("", max_length=40)


def make_router(served: Any, settings: Settings, feedback: Any = None) -> APIRouter:
    """`served`: the chat's Desk (every plan), or one Assistant (a desk is made around it);
    `feedback`: the chat's feedback store (web.feedback), shared with the API."""
    from web.plan_handlers import desk_of

    desk, assistant = desk_of(served, settings)

    def plan_key(given: str) -> str:
        """A plan id as GET /api/plans gives it (the key), or its title (what older clients sent)."""
        for p in desk.shelf.plans:
            if given in (p.key, p.title):
                return p.key
        raise HTTPException(404, f"no plan {given!r}; GET /api/plans lists them")

    user = settings.auth_user
    password = settings.auth_password.get_secret_value()
    deps = []
    if user and password:
        basic = HTTPBasic(realm="PlanQA")

        def login(credentials: HTTPBasicCredentials = Depends(basic)) -> None:  # noqa: B008 - FastAPI idiom
            ok_user = secrets.compare_digest(credentials.username.encode(), user.encode())
            ok_pass = secrets.compare_digest(credentials.password.encode(), password.encode())
            if not (ok_user and ok_pass):
                raise HTTPException(401, "wrong user or password", headers={"WWW-Authenticate": 'Basic realm="PlanQA"'})

        deps.append(Depends(login))
    router = APIRouter(prefix="/api", dependencies=deps)

    @router.post("/ask", summary="Answer one question, with the clauses it rests on", response_model=None)
    def ask(req: AskRequest) -> dict | JSONResponse:
        keys = [plan_key(k) for k in (req.plans or []) + ([req.plan] if req.plan else [])] or None
        history = [m.model_dump() for m in req.history]
        try:
            answer = desk.ask(req.question, history, plans=keys)
        except StoreError as e:  # database lost mid-run: an error answer, the next request may succeed
            log.warning("api: %s", e)
            raise HTTPException(503, str(e)) from None
        except Exception:
            log.exception("api: answering failed")
            return {"question": req.question[:200], "answer": ERROR_ANSWER, "intent": "error", "refused": True,
                    "status": "error", "citations": [], "related": []}
        # The record is plain JSON types already: a JSONResponse skips FastAPI's recursive encoder
        return JSONResponse(answer.to_dict())

    @router.get("/plans", summary="The plans served")
    def plans() -> list[dict]:
        return [{"id": p.key, "title": p.title, "year": p.year, "issuer": p.issuer, "date": p.plan.date,
                 "clauses": len(p.plan.clauses), "tasks": len(p.plan.tasks), "builtin": p.builtin}
                for p in desk.shelf.plans]

    @router.get("/tasks", summary="Tasks with their lead and members, optionally for one agency (any alias)")
    def tasks(agency: str | None = Query(None, max_length=200),  # noqa: B008 - FastAPI idiom
              plan: str | None = Query(None, max_length=200, description="a plan id; default the built-in plan")) -> dict:  # noqa: B008
        sp = desk.shelf.get(plan_key(plan)) if plan else desk.shelf.plans[0]
        name = None
        if agency:
            name = sp.resources.directory.resolve(agency)
            if name is None or name not in agencies_in(sp.plan):
                raise HTTPException(404, f"no unit called {agency!r} in {sp.title}")
        rows = [r.to_dict() for r in task_rows(sp.plan, name)]
        if not sp.builtin or not desk.single:
            for r in rows:  # with several plans, ids name their plan as citations do
                r["clause_id"] = sp.ref.qualified_id(r["clause_id"])
        return {"plan": sp.key, "agency": name, "tasks": rows}

    @router.post("/feedback", summary="Record a vote (and optional comment) on an answer")
    def add_feedback(item: FeedbackIn) -> dict:
        store = _feedback_store()
        try:
            rid = store.add(item.question, item.answer, [{"clause_id": c} for c in item.citations], vote=item.vote,
                            comment=item.comment, intent=item.intent)
        except FeedbackUnavailable as e:
            raise HTTPException(503, str(e)) from None
        return {"id": rid}

    @router.get("/feedback", summary="How many votes there are, and the latest ones")
    def read_feedback(limit: int = Query(20, ge=0, le=200)) -> dict:  # noqa: B008 - FastAPI idiom
        # Votes carry users' questions and comments: beyond this machine, only with a login.
        if not deps and settings.host not in LOOPBACK:
            raise HTTPException(403, "reading feedback needs a login (PLANQA_AUTH_USER / PLANQA_AUTH_PASSWORD) "
                                     "on a server reachable from other machines")
        store = _feedback_store()
        try:
            return {"count": store.count(), "recent": store.recent(limit)}
        except FeedbackUnavailable as e:
            raise HTTPException(503, str(e)) from None

    @router.get("/health", summary="The store and the index build this process answers from")
    def health() -> dict:
        try:
            index = assistant.retriever.warm_up()  # on PostgreSQL, also picks up another process's new build
        except StoreError as e:
            raise HTTPException(503, str(e)) from None
        manifest = getattr(index, "manifest", {}) or {}
        return {"status": "ok", "store": assistant.retriever.store.name,
                "index": {"embedder": manifest.get("embedder"), "built_at": manifest.get("built_at"),
                          "build": getattr(index, "build_id", None), "chunks": len(index.chunks)}}

    def _feedback_store():
        nonlocal feedback
        if feedback is None:  # not handed one (the tests' bare router): the configured store
            from web.feedback import open_feedback

            feedback = open_feedback(settings)
        return feedback

    return router
