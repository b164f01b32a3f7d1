"""Where the real documents are: ../shared/corpus beside the repository (read at run time)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()


def corpus_file(name: str) -> Path:
    """A corpus file by name; skips the test with a reason when the corpus or file is absent."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the shared corpus at {CORPUS}")
    return path
