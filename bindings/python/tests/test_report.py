"""`promptsales.report(...)`: the same page as `promptsales report`, from files or generated."""

import re

import pytest

import promptsales
from conftest import SCALE, SEED, run_cli


def figures(html: str) -> dict:
    return {m[0]: m[1] for m in re.findall(r'data-figure="([^"]+)" data-value="([^"]*)"', html)}


def test_report_of_a_folder_equals_the_cli_page(cli_dataset, tmp_path):
    out = tmp_path / "cli.html"
    run_cli("report", str(cli_dataset), "--out", str(out))
    html = promptsales.report(cli_dataset)
    assert html == out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    f = figures(html)
    assert f["identity.seed"] == str(SEED)
    assert f["checks.failed"] == "0"
    assert f["group.reconciliation"] == "pass"
    assert int(f["rows.ads.campaigns"]) == round(1000 * SCALE)


def test_report_generated_on_the_fly_equals_the_folder_page(cli_dataset, tmp_path):
    out = tmp_path / "r.html"
    html = promptsales.report(scale=SCALE, seed=SEED, out=out)
    assert html == promptsales.report(cli_dataset)
    assert out.read_text(encoding="utf-8") == html
    assert not list(tmp_path.glob(".*.tmp"))


def test_report_bad_input(tmp_path, cli_dataset):
    with pytest.raises(ValueError, match="--scale"):
        promptsales.report(scale=0)
    with pytest.raises(ValueError, match="not both"):
        promptsales.report(cli_dataset, scale=0.01)
    with pytest.raises(OSError, match="--out"):
        promptsales.report(cli_dataset, out=tmp_path / "missing" / "r.html")
    with pytest.raises((OSError, ValueError)):
        promptsales.report(tmp_path / "nope")
