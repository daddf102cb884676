"""Backends by name: `open_store(settings)` gives the Store PLANQA_DATABASE_URL chooses."""

from __future__ import annotations

from corpus.settings import Settings
from index.store import EmbeddedStore
from index.types import Store, StoreError


def open_store(settings: Settings) -> Store:
    """The backend PLANQA_DATABASE_URL names: empty = embedded; postgresql://… = PostgreSQL."""
    url = settings.database_url.get_secret_value().strip()
    if not url:
        return EmbeddedStore(settings)
    if url.split("://", 1)[0] in ("postgresql", "postgres"):
        try:
            from index.pg_store import PgStore
        except ImportError as e:
            raise StoreError(
                f"PLANQA_DATABASE_URL names PostgreSQL but {e.name or 'psycopg'} is not installed: "
                "pip install 'psycopg[binary]' psycopg-pool"
            ) from e
        return PgStore(settings)
    raise StoreError("PLANQA_DATABASE_URL must start with postgresql:// (or be empty for the embedded store)")
