"""The image, built without Docker: the Dockerfile's steps performed in a folder (dockerfile.py),
then the image's own command started on a free loopback port and probed with its HEALTHCHECK.

Builds the wheel and installs it with requirements.lock into a fresh venv: 20 to 30 s with
this machine's pip cache."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.deploy import dockerfile
from tests.deploy.dockerfile import ROOT, Stage
from tests.support.servers import free_port

PACKAGE = ROOT / "backend" / "ai_glossary"
PUBLIC_URL = "https://glossary.example.org"


@pytest.fixture(scope="module")
def stages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Stage]]:
    workspace = tmp_path_factory.mktemp("image")
    yield dockerfile.perform(workspace, dockerfile.environment())
    shutil.rmtree(workspace)  # a venv of about 150 MB


@pytest.fixture(scope="module")
def image(stages: list[Stage]) -> Stage:
    return stages[-1]


@pytest.fixture(scope="module")
def wheel(stages: list[Stage]) -> Iterator[zipfile.ZipFile]:
    (built,) = Path(stages[0].path("/wheels")).glob("ai_glossary-*.whl")
    with zipfile.ZipFile(built) as opened:
        yield opened


def test_the_wheel_holds_every_module_template_and_static_file(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    expected = {
        "ai_glossary/" + path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".so")
    }
    assert expected - names == set()
    assert any(name.startswith("ai_glossary/web/templates/") for name in names)
    assert "ai_glossary/web/static/glossary.css" in names
    assert "ai_glossary/py.typed" in names


def test_a_wheel_built_without_a_compiler_is_pure_python(wheel: zipfile.ZipFile) -> None:
    # The image's build stage has no compiler: the native core is left out, not an error.
    assert not [name for name in wheel.namelist() if name.endswith(".so")]
    assert "ai_glossary/native/sense.c" in wheel.namelist()  # sources travel; nothing built


def test_the_wheel_leaves_the_dictionary_to_the_image(wheel: zipfile.ZipFile) -> None:
    assert not [name for name in wheel.namelist() if "dictionary/" in name]
    entry_points = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert "glossary = ai_glossary.cli:main" in wheel.read(entry_points).decode()


def test_the_image_holds_exactly_the_lock_and_the_wheel(image: Stage) -> None:
    python = image.path("/opt/venv/bin/python")
    listed = subprocess.run(
        [
            python,
            "-m",
            "pip",
            "list",
            "--format=json",
            "--exclude",
            "pip",
            "--exclude",
            "setuptools",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installed = [f"{item['name']}=={item['version']}" for item in json.loads(listed)]
    locked = [
        line.split(" ")[0]
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if "==" in line
    ]
    assert sorted(map(_normal, installed)) == sorted(map(_normal, [*locked, "ai-glossary==0.1.0"]))
    where = subprocess.run(
        [python, "-c", "import ai_glossary; print(ai_glossary.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=image.cwd,
    ).stdout
    assert where.startswith(image.path("/opt/venv/")), where


def test_the_image_has_the_bundled_dictionary(image: Stage) -> None:
    (dictionary,) = [arg for arg in image.cmd if arg.startswith("/app/")]
    folder = Path(image.path(dictionary))
    assert len(list((folder / "terms").glob("*.toml"))) == len(
        list((ROOT / "dictionary" / "terms").glob("*.toml"))
    )


@pytest.fixture
def server(image: Stage, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """The image's ENTRYPOINT and CMD, on 127.0.0.1 and a free port in place of 0.0.0.0:8000."""
    port = free_port()
    command = [image.path(arg) for arg in image.entrypoint + image.cmd]
    command[command.index("--host") + 1] = "127.0.0.1"
    command[command.index("--port") + 1] = str(port)
    # As docs/deploy.md sets it up behind a proxy: the health check must still pass.
    env = image.env | {
        "GLOSSARY_PUBLIC_URL": PUBLIC_URL,
        "GLOSSARY_TRUSTED_HOSTS": "glossary.example.org,localhost",
    }
    with open(tmp_path / "server.log", "wb") as log:
        process = subprocess.Popen(
            command, cwd=image.cwd, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        yield process, port
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_image_command_serves_and_passes_its_healthcheck(
    image: Stage, server: tuple[subprocess.Popen[bytes], int]
) -> None:
    process, port = server
    base = f"http://127.0.0.1:{port}"
    assert _get(base + "/healthz", "glossary.example.org")[0] == 200
    assert _get(base + "/healthz", "forged.example")[0] == 400
    assert _get(base + "/readyz", "localhost")[0] == 200  # docs/deploy.md's readinessProbe
    probe = [arg.replace(":8000/", f":{port}/") for arg in image.healthcheck]
    assert probe != image.healthcheck, "the HEALTHCHECK should probe port 8000"
    assert subprocess.run(probe, env=image.env, timeout=10, check=False).returncode == 0
    status, page = _get(base + "/terms/large-language-model", "glossary.example.org")
    assert status == 200
    assert f'<link rel="canonical" href="{PUBLIC_URL}/terms/large-language-model">' in page
    assert _get(base + "/static/glossary.css", "glossary.example.org")[0] == 200
    # Annotated on the Python path (the wheel has no native core): marks judged as ever.
    body = {"segments": ["RLHF tunes the model.", "Pay attention to the LLM agent's tokens."]}
    request = urllib.request.Request(
        base + "/v1/annotate",
        data=json.dumps(body).encode(),
        headers={"Host": "glossary.example.org", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        marked = {m["term"] for m in json.load(response)["matches"]}
    assert "reinforcement-learning-from-human-feedback" in marked
    assert "attention-mechanism" not in marked  # "pay attention" is never the AI sense
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    assert time.monotonic() - started < 15


def test_the_lock_pins_every_dependency_of_the_package() -> None:
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    locked = dict(
        line.split(" ")[0].split("==")
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if "==" in line
    )
    locked = {_normal(name): version for name, version in locked.items()}
    for spec in pyproject["project"]["dependencies"]:
        wanted = Requirement(spec)
        version = locked.get(_normal(wanted.name))
        assert version is not None, (
            f"{wanted.name} is not in requirements.lock: run scripts/lock.sh"
        )
        assert wanted.specifier.contains(version), f"{wanted.name}=={version} is not {wanted}"


def _get(url: str, host: str) -> tuple[int, str]:
    """GET with this Host header, waiting up to the HEALTHCHECK's start period for the server."""
    deadline = time.monotonic() + 60
    while True:
        try:
            request = urllib.request.Request(url, headers={"Host": host})
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _normal(name: str) -> str:
    return name.lower().replace("_", "-")
