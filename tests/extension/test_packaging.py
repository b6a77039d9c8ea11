"""Packaging and Firefox's linter (issue 7): `make package` builds a store-ready zip for
Chromium browsers and one for Firefox, with icons at every size the stores ask for; web-ext
lint finds nothing in the extension folder but the dual background's expected warning, and
nothing at all in the Firefox package."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from scripts import make_icons, package_extension
from tests.support.browsers import EXTENSION, chromium
from tests.support.extension import Extension, wait_for_marks
from tests.support.node import web_ext_lint
from tests.support.servers import Backend

DUAL_BACKGROUND = "BACKGROUND_SERVICE_WORKER_IGNORED"
STORE_ICON_SIZES = {16, 32, 48, 96, 128}  # Chrome Web Store 16/32/48/128, AMO 48/96


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    built = package_extension.build(EXTENSION, out)
    return {path.name.rsplit("-", 1)[1].removesuffix(".zip"): path for path in built}


def _unpack(package: Path, into: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        archive.extractall(into)
    return into


def _manifest(package: Path) -> dict[str, object]:
    with zipfile.ZipFile(package) as archive:
        manifest: dict[str, object] = json.loads(archive.read("manifest.json"))
        return manifest


def test_source_folder_lints_clean_for_firefox() -> None:
    report = web_ext_lint(EXTENSION)
    assert report["errors"] == []
    assert report["notices"] == []
    assert [w["code"] for w in report["warnings"]] == [DUAL_BACKGROUND]


def test_firefox_package_lints_without_any_message(
    packages: dict[str, Path], tmp_path: Path
) -> None:
    report = web_ext_lint(_unpack(packages["firefox"], tmp_path))
    assert (report["errors"], report["warnings"], report["notices"]) == ([], [], [])


def test_each_store_gets_its_manifest_and_nothing_for_development(
    packages: dict[str, Path],
) -> None:
    assert sorted(packages) == ["chromium", "firefox"]
    chromium_manifest, firefox_manifest = (_manifest(packages[b]) for b in ("chromium", "firefox"))
    assert chromium_manifest["background"] == {"service_worker": "background/sw.js"}
    assert "browser_specific_settings" not in chromium_manifest
    assert "service_worker" not in firefox_manifest["background"]  # type: ignore[operator]
    assert "browser_specific_settings" in firefox_manifest
    # The id-pinning key is for unpacked loading only: the stores give their own ids.
    assert "key" not in chromium_manifest and "key" not in firefox_manifest
    names = [set(zipfile.ZipFile(packages[b]).namelist()) for b in packages]
    assert names[0] == names[1]
    assert not {"jsconfig.json", "types.d.ts"} & names[0]
    assert all(not name.startswith(".") for name in names[0])


def test_icons_at_every_store_size(packages: dict[str, Path], tmp_path: Path) -> None:
    manifest = _manifest(packages["chromium"])
    icons: dict[str, str] = manifest["icons"]  # type: ignore[assignment]
    assert {int(size) for size in icons} == STORE_ICON_SIZES
    unpacked = _unpack(packages["chromium"], tmp_path)
    for size, name in icons.items():
        assert package_extension.png_size(unpacked / name) == (int(size), int(size))
    # The committed PNGs are what scripts/make_icons.py draws.
    assert make_icons.main(["--check"]) == 0


def test_packages_are_reproducible(packages: dict[str, Path], tmp_path: Path) -> None:
    again = package_extension.build(EXTENSION, tmp_path)
    assert [path.read_bytes() for path in again] == [
        packages[b].read_bytes() for b in ("chromium", "firefox")
    ]


def test_a_broken_folder_is_refused(tmp_path: Path) -> None:
    source = Path(shutil.copytree(EXTENSION, tmp_path / "src"))
    (source / "content" / "cards.js").unlink()
    with pytest.raises(package_extension.PackageError, match=r"content/cards\.js"):
        package_extension.build(source, tmp_path / "again")


@pytest.mark.browser
def test_chromium_package_runs(
    packages: dict[str, Path], tmp_path: Path, backend: Backend, site: str
) -> None:
    unpacked = _unpack(packages["chromium"], tmp_path / "chromium")
    with chromium(tmp_path / "profile", extension=unpacked) as context:
        extension = Extension.attach(context)
        extension.reset_settings(backendUrl=backend.url)
        page = context.new_page()
        page.goto(f"{site}/plain.html")
        wait_for_marks(page, "large language model", "vector database")
