"""Shared fixtures: the CLI binary and datasets it wrote, the reference the bindings must equal."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCALE = 0.01
# Not the default seed, so a seed that is not passed through would show.
SEED = 7


def cli_path() -> Path:
    path = Path(os.environ.get("PROMPTSALES_CLI", ROOT / "target" / "release" / "promptsales"))
    if not path.exists():
        pytest.fail(f"CLI binary {path} not found: build it with `cargo build --release` "
                    "or set PROMPTSALES_CLI (scripts/test.d/50-python.sh does this)")
    return path


def run_cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli_path()), *args], capture_output=True, text=True, check=check)


@pytest.fixture(scope="session")
def cli():
    return run_cli


# Every store the registry lists (also the CLI's default).
CLI_STORES = "ads,crm,content,sales"


@pytest.fixture(scope="session")
def cli_dataset(tmp_path_factory) -> Path:
    """The whole dataset written by the CLI at SCALE and SEED."""
    out = tmp_path_factory.mktemp("cli") / "data"
    run_cli("generate", "--scale", str(SCALE), "--seed", str(SEED), "--out", str(out),
            "--stores", CLI_STORES, "--no-progress")
    return out


@pytest.fixture(scope="session")
def cli_parts(tmp_path_factory) -> Path:
    """Part 2 of 3 written by the CLI at SCALE and SEED."""
    out = tmp_path_factory.mktemp("cli_parts") / "data"
    run_cli("generate", "--scale", str(SCALE), "--seed", str(SEED), "--out", str(out),
            "--stores", CLI_STORES, "--parts", "3", "--part", "2", "--no-progress")
    return out
