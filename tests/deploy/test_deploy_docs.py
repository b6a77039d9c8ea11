"""docs/deploy.md's examples are real: nginx accepts its configuration, and its Kubernetes
Deployment probes and runs the image the way the Dockerfile builds it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy.dockerfile import ROOT, instructions

GUIDE = ROOT / "docs" / "deploy.md"


def _block(language: str) -> str:
    (block,) = re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    return str(block)


def test_nginx_accepts_the_example(tmp_path: Path) -> None:
    if shutil.which("nginx") is None or shutil.which("openssl") is None:
        pytest.skip("needs Debian's nginx and openssl")
    (tmp_path / "logs").mkdir()
    key, certificate = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
            "-subj",
            "/CN=glossary.example.org",
        ],
        capture_output=True,
        check=True,
    )
    site = _block("nginx").replace("/etc/ssl/glossary/", f"{tmp_path}/")
    site = site.replace("/var/log/nginx/", f"{tmp_path}/logs/")
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\n"
        f"events {{}}\nhttp {{\n{site}\n}}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _deployment() -> dict[str, Any]:
    documents = list(yaml.safe_load_all(_block("yaml")))
    assert [d["kind"] for d in documents] == ["Deployment", "Service"]
    return dict(documents[0])


def test_the_deployment_probes_liveness_and_readiness_as_a_trusted_host() -> None:
    pod = _deployment()["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    env = {item["name"]: item.get("value") for item in container["env"]}
    trusted = env["GLOSSARY_TRUSTED_HOSTS"].split(",")
    paths = {"startupProbe": "/healthz", "livenessProbe": "/healthz", "readinessProbe": "/readyz"}
    for probe, path in paths.items():
        get = container[probe]["httpGet"]
        assert get["path"] == path and get["port"] == "http"
        assert {"name": "Host", "value": "localhost"} in get["httpHeaders"]
    assert "localhost" in trusted


def test_the_deployment_matches_the_image() -> None:
    pod = _deployment()["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    arguments = {i.keyword: i.arguments for i in instructions()}
    assert str(pod["securityContext"]["runAsUser"]) == arguments["USER"].split(":")[0]
    assert container["ports"][0]["containerPort"] == int(arguments["EXPOSE"])
    assert container["args"][-2:] == ["--dictionary", "/app/dictionary"]
