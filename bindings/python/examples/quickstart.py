"""Quickstart: PromptSales tables in pyarrow, polars and DuckDB, straight from the generator.

Run: python bindings/python/examples/quickstart.py [scale]
"""

import sys
import tempfile

import duckdb
import polars as pl
import pyarrow as pa

import promptsales


def main(scale: float = 0.01) -> None:
    print("tables:", ", ".join(promptsales.tables()))

    # One table as a lazy Arrow stream; pyarrow takes the generator's batches without a copy.
    campaigns = pa.table(promptsales.table("ads.campaigns", scale=scale, seed=42))
    print(f"ads.campaigns: {campaigns.num_rows} rows, columns {campaigns.column_names}")

    # polars reads the same stream.
    sales = pl.DataFrame(promptsales.table("crm.sales", scale=scale))
    print("crm.sales by channel (polars):")
    print(sales.group_by("channel_id").agg(pl.len().alias("sales")).sort("channel_id"))

    # DuckDB scans it by variable name; the PromptAds results reconcile with PromptCrm's sales.
    data = promptsales.generate(scale=scale, stores=["ads", "crm"])
    daily_results = data["ads.daily_results"]
    crm_sales = data["crm.sales"]
    ads_total = duckdb.sql("select sum(revenue) from daily_results").fetchall()[0][0]
    crm_total = duckdb.sql("select sum(amount) from crm_sales").fetchall()[0][0]
    print(f"revenue in ads.daily_results = {ads_total}; sum of crm.sales = {crm_total}")
    if ads_total != crm_total:
        raise SystemExit("revenue does not reconcile")

    # Large tables can be consumed batch by batch without holding them in memory.
    rows = sum(b.num_rows for b in promptsales.table("crm.interactions", scale=scale).to_reader())
    print(f"crm.interactions streamed: {rows} rows")

    # Files, exactly as the CLI writes them, then the invariant checks.
    with tempfile.TemporaryDirectory() as out:
        manifest = promptsales.write(out, scale=scale, stores="ads,crm")
        report = promptsales.verify(out, raise_on_failure=True)
        print(f"wrote {len(manifest['tables'])} tables; verify passed: {report['passed']}")

    # The visual report of a world as one self-contained HTML page (no network). In a notebook,
    # show it inline in an iframe so its styles stay inside:
    #   from IPython.display import HTML; import html
    #   HTML(f'<iframe srcdoc="{html.escape(page)}" style="width:100%;height:900px;border:0"></iframe>')
    page = promptsales.report(scale=scale, seed=42)
    print(f"report: {len(page)} bytes of HTML, {page.count('<svg')} charts")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 0.01)
