"""Storage and use cases: SQLite library, ingest, queries, CLI. Never imports Qt."""
