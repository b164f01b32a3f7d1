"""Test configuration shared by every test: offscreen Qt, isolated user dirs, the shared corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from shared_corpus import CORPUS, REPO, corpus_file

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

__all__ = ["CORPUS", "REPO", "corpus_file"]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep tests away from the real user's library and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("HOME", str(home))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real documents in ../shared/corpus; tests needing them skip when it is absent."""
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip(f"the shared corpus is not at {CORPUS} (clone beside ../shared to run this)")
    return CORPUS
