"""The Dockerfile's stages performed outside Docker, each in a folder standing for its root.

There is no Docker daemon where the tests run, so this reads the Dockerfile and does what a
build would: COPY copies from the context (what .dockerignore lets in) or an earlier stage,
ENV and WORKDIR set the environment, and RUN runs its shell line with every absolute path
moved under the stage's folder. Only `groupadd`/`useradd` are left out (they would change
this machine's users), and `--no-cache-dir` (this machine's pip cache keeps the test quick).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
# Absolute paths the Dockerfile uses; each is moved under the stage's folder.
_ABSOLUTE = re.compile(r"(?<![\w./-])/(opt|tmp|wheels|app|src)\b")
_SKIPPED_RUN = ("groupadd ", "useradd ")


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str


@dataclass
class Stage:
    name: str
    root: Path
    env: dict[str, str] = field(default_factory=dict)
    workdir: str = "/"
    entrypoint: list[str] = field(default_factory=list)
    cmd: list[str] = field(default_factory=list)
    healthcheck: list[str] = field(default_factory=list)

    def path(self, text: str) -> str:
        """`text` with the stage's absolute paths moved under its folder."""
        return _ABSOLUTE.sub(lambda m: f"{self.root}/{m.group(1)}", text)

    @property
    def cwd(self) -> Path:
        return Path(self.path(self.workdir))


def instructions(text: str | None = None) -> list[Instruction]:
    """The Dockerfile's instructions, continuation lines joined and comments left out."""
    text = DOCKERFILE.read_text(encoding="utf-8") if text is None else text
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    found = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, arguments = line.strip().partition(" ")
            found.append(Instruction(keyword.upper(), arguments.strip()))
    return found


def allowed_in_context() -> set[str]:
    """The top-level names .dockerignore lets into the build context (it ignores all else)."""
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "*" in lines, ".dockerignore should start from nothing and name what goes in"
    return {line[1:].strip("/") for line in lines if line.startswith("!")}


def perform(workspace: Path, inherited_env: dict[str, str]) -> list[Stage]:
    """Every stage of the Dockerfile, run in `workspace`; returns them, the image last."""
    stages: list[Stage] = []
    for instruction in instructions():
        if instruction.keyword == "FROM":
            name = instruction.arguments.partition(" AS ")[2] or f"stage{len(stages)}"
            root = workspace / name
            root.mkdir()
            # The base image's Python stands in for the image's: this interpreter's folder.
            path = f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin"
            # python:3.11-slim has no C compiler: the native core is not built there, and the
            # image runs the Python path (the extension modules are optional).
            no_compiler = {"CC": "/bin/false", "CXX": "/bin/false"}
            stages.append(Stage(name, root, {**inherited_env, **no_compiler, "PATH": path}))
        else:
            _apply(stages, instruction)
    return stages


def _apply(stages: list[Stage], instruction: Instruction) -> None:
    stage = stages[-1]
    keyword, arguments = instruction.keyword, instruction.arguments
    if keyword == "WORKDIR":
        stage.workdir = arguments
        stage.cwd.mkdir(parents=True, exist_ok=True)
    elif keyword == "ENV":
        for name, value in (item.split("=", 1) for item in shlex.split(arguments)):
            stage.env[name] = _expand(stage.path(value), stage.env)
    elif keyword == "COPY":
        _copy(stages, shlex.split(arguments))
    elif keyword == "RUN":
        _run(stage, arguments)
    elif keyword in ("ENTRYPOINT", "CMD"):
        setattr(stage, keyword.lower(), json.loads(arguments))
    elif keyword == "HEALTHCHECK":
        stage.healthcheck = json.loads(arguments.partition(" CMD ")[2])


def _expand(value: str, env: dict[str, str]) -> str:
    return re.sub(r"\$(\w+)", lambda m: env.get(m.group(1), ""), value)


def _copy(stages: list[Stage], words: list[str]) -> None:
    stage = stages[-1]
    source_stage = None
    if words[0].startswith("--from="):
        source_stage = next(s for s in stages if s.name == words[0].removeprefix("--from="))
        words = words[1:]
    *sources, destination = words
    target = Path(stage.path(destination)) if destination.startswith("/") else None
    target = target or stage.cwd / destination
    for source in sources:
        if source_stage is None:
            top = source.strip("/").split("/")[0]
            assert top in allowed_in_context(), f"{source} is left out by .dockerignore"
            origin = ROOT / source
        else:
            origin = Path(source_stage.path(source))
        _copy_one(origin, target, into=destination.endswith("/"))


def _copy_one(origin: Path, target: Path, *, into: bool) -> None:
    ignored = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "*.so")
    if origin.is_dir():
        shutil.copytree(origin, target, ignore=ignored, dirs_exist_ok=True)
    else:
        destination = target / origin.name if into else target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(origin, destination)


def _run(stage: Stage, line: str) -> None:
    commands = [c.strip() for c in line.split("&&")]
    kept = [c for c in commands if not c.startswith(_SKIPPED_RUN)]
    if not kept:
        return
    script = stage.path(" && ".join(kept)).replace(" --no-cache-dir", "")
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=stage.cwd,
        env=stage.env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"RUN {line}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


def environment() -> dict[str, str]:
    """What a stage inherits from this machine: pip's configuration, HOME and the locale."""
    keep = ("HOME", "LANG", "LC_ALL", "TMPDIR")
    return {
        name: value
        for name, value in os.environ.items()
        if name in keep or (name.startswith("PIP_") and name != "PIP_NO_CACHE_DIR")
    }
