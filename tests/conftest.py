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


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    """One embedding cache for the whole test run (tests/test_text*.py): every text is embedded
    once, with the shipped engine only."""
    return tmp_path_factory.mktemp("embeddings")
