"""The retriever as a langchain_core BaseRetriever, so it drops into users' LangChain pipelines."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class PlanRetriever(BaseRetriever):
    """`PlanRetriever(retriever=Retriever(settings), k=5).invoke("算力建设由哪个部门牵头")`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    retriever: Any
    k: int = 5
    mode: str = "hybrid"

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        docs = []
        for hit in self.retriever.search(query, self.k, mode=self.mode):
            c = hit.clause
            docs.append(
                Document(
                    page_content=c.text,
                    id=c.id,
                    metadata={
                        "clause_id": c.id,
                        "kind": c.kind,
                        "path": list(c.path),
                        "title": c.title,
                        "score": hit.score,
                        "ranks": dict(hit.ranks),
                        "lead": c.lead,
                        "members": list(c.members),
                    },
                )
            )
        return docs
