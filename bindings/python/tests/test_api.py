"""write/verify, errors with the CLI's messages, and the quickstart."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import promptsales
from conftest import CLI_STORES, SCALE, SEED


def cli_error(cli, *args: str) -> str:
    """The CLI's one-line error for `generate` with these flags, without the `error: ` prefix."""
    done = cli("generate", "--no-progress", "--out", "/nonexistent-never-written", *args,
               check=False)
    assert done.returncode != 0
    line = done.stderr.strip().splitlines()[-1]
    assert line.startswith("error: "), line
    return line[len("error: "):]


@pytest.mark.parametrize("kwargs, flags", [
    ({"scale": 0.0}, ["--scale", "0"]),
    ({"scale": 1000.0}, ["--scale", "1000"]),
    ({"seed": -1}, ["--seed", "-1"]),
    ({"parts": 3, "part": 4}, ["--parts", "3", "--part", "4"]),
    ({"parts": 0}, ["--parts", "0"]),
    ({"peak_months": [13]}, ["--peak-months", "13"]),
    ({"peak_months": "12,x"}, ["--peak-months", "12,x"]),
])
def test_bad_values_raise_value_error_with_the_cli_message(cli, kwargs, flags):
    expected = cli_error(cli, *flags)
    with pytest.raises(ValueError) as table_error:
        promptsales.table("ads.campaigns", **kwargs)
    assert str(table_error.value) == expected
    if not {"part", "parts"} & kwargs.keys():
        with pytest.raises(ValueError) as generate_error:
            promptsales.generate(**kwargs)
        assert str(generate_error.value) == expected
    with pytest.raises(ValueError) as write_error:
        promptsales.write("/nonexistent-never-written", **kwargs)
    assert str(write_error.value) == expected


@pytest.mark.parametrize("kwargs, flags", [
    ({"formats": ["xml"]}, ["--format", "xml"]),
    ({"stores": "hr"}, ["--stores", "hr"]),
    ({"compression": "zstd(30)"}, ["--compression", "zstd(30)"]),
    ({"row_group_rows": 10}, ["--row-group-rows", "10"]),
])
def test_bad_write_options_raise_value_error_with_the_cli_message(cli, kwargs, flags):
    expected = cli_error(cli, *flags)
    with pytest.raises(ValueError) as err:
        promptsales.write("/nonexistent-never-written", **kwargs)
    assert str(err.value) == expected


def test_a_store_not_generated_yet_is_a_value_error(cli):
    missing = [s for s in ("ads", "crm", "content", "sales")
               if not any(t.startswith(s + ".") for t in promptsales.tables())]
    if not missing:
        pytest.skip("every store is generated")
    with pytest.raises(ValueError, match=f"--stores: store '{missing[0]}' is not generated yet"):
        promptsales.generate(stores=[missing[0]])
    with pytest.raises(ValueError, match="--stores: unknown store 'hr'"):
        promptsales.generate(stores=["ads", "hr"])


def test_module_exports(cli):
    assert promptsales.__version__ == cli("--version").stdout.split()[-1]
    assert set(promptsales.__all__) >= {"tables", "table", "generate", "write", "verify",
                                        "Table", "Schema", "VerificationError"}
    assert promptsales.table.__doc__ and promptsales.Table.__doc__


def test_unknown_table_is_a_key_error():
    with pytest.raises(KeyError) as err:
        promptsales.table("ads.nope")
    assert err.value.args[0] == "unknown table 'ads.nope' (run `promptsales tables` for the list)"


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError):
        promptsales.table("ads.campaigns", scale="big")
    with pytest.raises(TypeError):
        promptsales.table("ads.campaigns", colour="red")


def test_file_problems_are_os_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        promptsales.verify(tmp_path / "missing")
    with pytest.raises(NotADirectoryError):
        promptsales.verify(__file__)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        promptsales.write(blocker / "out", scale=SCALE)


def test_write_makes_the_cli_files_and_manifest(tmp_path, cli_dataset):
    out = tmp_path / "py"
    manifest = promptsales.write(out, scale=SCALE, seed=SEED, stores=CLI_STORES)
    cli_manifest = json.loads((cli_dataset / "manifest.json").read_text())
    assert manifest == cli_manifest
    assert manifest == json.loads((out / "manifest.json").read_text())
    for entry in manifest["tables"].values():
        for f in entry["files"]:
            assert (out / f["path"]).read_bytes() == (cli_dataset / f["path"]).read_bytes()


def test_write_parts_and_csv_like_the_cli(tmp_path, cli):
    py_out, cli_out = tmp_path / "py", tmp_path / "cli"
    promptsales.write(py_out, scale=SCALE, seed=SEED, formats="parquet,csv", parts=2, part=2,
                      stores=["crm"], compression="zstd(3)")
    cli("generate", "--scale", str(SCALE), "--seed", str(SEED), "--out", str(cli_out),
        "--format", "parquet,csv", "--parts", "2", "--part", "2", "--stores", "crm",
        "--compression", "zstd(3)", "--no-progress")
    files = sorted(p.relative_to(cli_out) for p in cli_out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(py_out) for p in py_out.rglob("*") if p.is_file())
    assert any(str(f).endswith(".csv") for f in files)
    for f in files:
        assert (py_out / f).read_bytes() == (cli_out / f).read_bytes(), f


def test_verify_passes_then_reports_and_raises_on_a_breach(tmp_path, cli):
    out = tmp_path / "data"
    promptsales.write(out, scale=SCALE, seed=SEED)
    report = promptsales.verify(out)
    assert report["passed"] is True
    cli_report = json.loads(cli("verify", "--json", str(out)).stdout)
    assert report == cli_report
    assert any(s["checks"] for s in report["sections"])

    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["tables"]["ads.channels"]["files"][0]["sha256"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    report = promptsales.verify(out)
    assert report["passed"] is False
    with pytest.raises(promptsales.VerificationError) as err:
        promptsales.verify(out, raise_on_failure=True)
    assert err.value.report == report
    assert "files match the manifest" in str(err.value)


def test_verify_reports_damaged_files_and_raises_the_documented_exception(tmp_path):
    out = tmp_path / "data"
    promptsales.write(out, scale=SCALE, seed=SEED, stores=["ads"])
    with pytest.raises(OSError):
        promptsales.write(out, scale=SCALE, seed=SEED + 1, stores=["ads"])
    target = out / "ads" / "campaigns.parquet"
    target.write_bytes(target.read_bytes()[:100])  # a truncated Parquet file (corrupt footer)
    report = promptsales.verify(out)
    assert report["passed"] is False
    failed = [c for s in report["sections"] for c in s["checks"] if not c["passed"]]
    assert any(c["name"] == "file ads/campaigns.parquet" for c in failed), failed
    with pytest.raises(promptsales.VerificationError) as err:
        promptsales.verify(out, raise_on_failure=True)
    assert "ads/campaigns.parquet" in str(err.value)
    manifest = promptsales.write(out, scale=SCALE, seed=SEED + 1, stores=["ads"], overwrite=True)
    assert manifest["seed"] == SEED + 1
    assert promptsales.verify(out)["passed"] is True


def test_quickstart_runs():
    script = Path(__file__).resolve().parents[1] / "examples" / "quickstart.py"
    done = subprocess.run([sys.executable, str(script), str(SCALE)], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "verify passed: True" in done.stdout
    assert "revenue in ads.daily_results" in done.stdout


def test_type_stubs_match_the_module(tmp_path):
    """mypy's stubtest: every name, signature and default of promptsales.pyi matches runtime."""
    allowlist = tmp_path / "allowlist.txt"
    # The compiled submodule maturin puts under the package; its names are re-exported.
    allowlist.write_text("promptsales.promptsales\n")
    done = subprocess.run([sys.executable, "-m", "mypy.stubtest", "promptsales",
                           "--allowlist", str(allowlist)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
