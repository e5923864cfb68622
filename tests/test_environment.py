"""pyproject.toml and environment.yml list the same dependencies with the same bounds."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT

# conda-forge names that differ from PyPI names
CONDA_NAMES = {"pyyaml": "pyyaml"}


def _split(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["dev"]
    pypi = dict(_split(s) for s in specs)
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    conda = dict(_split(s) for s in env["dependencies"] if isinstance(s, str))
    # packages that are not on conda-forge are installed by pip from the same file
    pip = [s for d in env["dependencies"] if isinstance(d, dict) for s in d.get("pip", [])]
    conda.update(_split(s) for s in pip if not s.startswith("-"))
    conda.pop("python")
    conda.pop("pip")
    assert {CONDA_NAMES.get(k, k): v for k, v in pypi.items()} == conda
