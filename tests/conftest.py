"""Shared test fixtures. Files from ../shared are read in place; tests skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the calling test with a reason when it does not exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not available (run beside ../shared)")
    return path


@pytest.fixture
def formats_dir() -> Path:
    return shared_path("formats")


@pytest.fixture
def reference_dir() -> Path:
    return shared_path("reference")
