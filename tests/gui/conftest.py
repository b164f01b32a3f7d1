"""GUI fixtures: isolated settings, a small stored library, a window over it."""

from __future__ import annotations

import pytest
from eolens.gui.settings import Settings
from gui_synthetic import make_library


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "settings")


@pytest.fixture
def synthetic_library(tmp_path):
    library = make_library(tmp_path / "library.sqlite")
    yield library
    library.close()


@pytest.fixture
def window(qtbot, synthetic_library, settings):
    from eolens.gui.main_window import MainWindow

    w = MainWindow(synthetic_library, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
