"""Every registry table from Python equals the CLI's Parquet; parts tile the whole; polars and
DuckDB read the streams with the values pyarrow sees."""

import decimal
import os
import subprocess
import sys

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import promptsales
from conftest import SCALE, SEED

TABLES = promptsales.tables()


def plain(table: pa.Table) -> pa.Table:
    """The table with dictionary columns decoded and one chunk, so tables cut into different
    batches (each batch has its own dictionaries) compare by value."""
    fields = [pa.field(f.name, f.type.value_type if pa.types.is_dictionary(f.type) else f.type,
                       f.nullable) for f in table.schema]
    return table.cast(pa.schema(fields)).combine_chunks()


def cli_table_names(cli) -> list[str]:
    out = cli("tables", "--scale", str(SCALE)).stdout.splitlines()
    # header line, one line per table, then "total"
    return [line.split()[0] for line in out[1:] if line.split() and line.split()[0] != "total"]


def test_tables_lists_the_registry_like_the_cli(cli):
    assert TABLES == cli_table_names(cli)
    assert "ads.campaigns" in TABLES and "crm.sales" in TABLES


@pytest.mark.parametrize("name", TABLES)
def test_table_equals_cli_parquet(name, cli_dataset):
    store, table = name.split(".")
    expected = pq.read_table(cli_dataset / store / f"{table}.parquet")
    t = promptsales.table(name, scale=SCALE, seed=SEED)
    got = pa.table(t)
    assert got.num_rows == expected.num_rows
    assert got.schema == pa.schema(t.schema)
    # Parquet stores no second-precision timestamps; compare values in the file's own types.
    assert got.cast(expected.schema).equals(expected), name
    # The stream's batches are the CLI's row groups.
    meta = pq.ParquetFile(cli_dataset / store / f"{table}.parquet").metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    if got.num_rows > 0:
        assert [b.num_rows for b in got.to_batches()] == sizes
        assert t.num_batches == meta.num_row_groups


@pytest.mark.parametrize("name", TABLES)
def test_parts_concatenate_to_the_whole(name, cli_parts):
    whole = pa.table(promptsales.table(name, scale=SCALE, seed=SEED))
    parts = [pa.table(promptsales.table(name, scale=SCALE, seed=SEED, parts=3, part=k))
             for k in (1, 2, 3)]
    assert sum(p.num_rows for p in parts) == whole.num_rows
    assert plain(pa.concat_tables(parts)).equals(plain(whole))
    store, table = name.split(".")
    cli_part = pq.read_table(cli_parts / store / table / f"{table}.2.parquet")
    assert parts[1].cast(cli_part.schema).equals(cli_part)


def test_same_seed_same_rows_other_seed_other_rows():
    a = pa.table(promptsales.table("crm.clients", scale=SCALE, seed=1))
    b = pa.table(promptsales.table("crm.clients", scale=SCALE, seed=1))
    c = pa.table(promptsales.table("crm.clients", scale=SCALE, seed=2))
    assert a.equals(b)
    assert a.num_rows == c.num_rows == round(500_000 * SCALE)
    assert a.column("national_id") != c.column("national_id")


def test_polars_reads_the_stream_with_the_same_values():
    t = promptsales.table("crm.sales", scale=SCALE, seed=SEED)
    arrow = pa.table(t)
    df = pl.DataFrame(t)
    assert df.height == arrow.num_rows > 0
    assert df.columns == arrow.column_names
    assert df["sale_id"].sum() == pc.sum(arrow["sale_id"]).as_py()
    assert decimal.Decimal(str(df["amount"].sum())) == pc.sum(arrow["amount"]).as_py()
    assert df["sold_on"].to_list() == arrow["sold_on"].to_pylist()
    clients = promptsales.table("crm.clients", scale=SCALE, seed=SEED)
    assert pl.DataFrame(clients)["email"].to_list() == pa.table(clients)["email"].to_pylist()


def test_duckdb_scans_the_stream_with_the_same_values():
    sales = promptsales.table("crm.sales", scale=SCALE, seed=SEED)
    arrow = pa.table(sales)
    n, total, first, last = duckdb.sql(
        "select count(*), sum(amount), min(sold_on), max(sold_on) from sales").fetchall()[0]
    assert n == arrow.num_rows > 0
    assert total == pc.sum(arrow["amount"]).as_py()
    assert first == pc.min(arrow["sold_on"]).as_py()
    assert last == pc.max(arrow["sold_on"]).as_py()
    channels = promptsales.table("ads.channels", scale=SCALE, seed=SEED)
    names = duckdb.sql("select name from channels order by channel_id").fetchall()
    assert [r[0] for r in names] == pa.table(channels)["name"].to_pylist()


def test_duckdb_finds_ads_revenue_equal_to_crm_sales():
    data = promptsales.generate(scale=SCALE, seed=SEED)
    assert sorted(data) == sorted(TABLES)
    results, sales = data["ads.daily_results"], data["crm.sales"]
    (diff,) = duckdb.sql("""
        with r as (select placement_id, day, sum(revenue) as rev, sum(conversions) as n
                   from results group by all),
             s as (select placement_id, sold_on as day, sum(amount) as rev, count(*) as n
                   from sales group by all)
        select count(*) from r full join s using (placement_id, day)
        where coalesce(r.rev, 0) <> coalesce(s.rev, 0) or coalesce(r.n, 0) <> coalesce(s.n, 0)
    """).fetchall()[0]
    assert diff == 0
    assert duckdb.sql("select count(*) from sales").fetchall()[0][0] > 0


def test_stream_is_read_batch_by_batch_like_cli_row_groups(cli, tmp_path):
    t = promptsales.table("ads.daily_results", scale=SCALE, seed=SEED, row_group_rows=1024)
    assert t.num_batches > 1
    reader = t.to_reader()
    assert reader.schema == pa.schema(t.schema)
    batches = list(reader)
    assert len(batches) == t.num_batches
    assert sum(b.num_rows for b in batches) == t.count_rows()
    cli("generate", "--scale", str(SCALE), "--seed", str(SEED), "--out", str(tmp_path),
        "--stores", "ads", "--row-group-rows", "1024", "--no-progress")
    f = pq.ParquetFile(tmp_path / "ads" / "daily_results.parquet")
    assert [b.num_rows for b in batches] == [
        f.metadata.row_group(i).num_rows for i in range(f.metadata.num_row_groups)]
    for i, b in enumerate(batches):
        assert pa.Table.from_batches([b]).cast(f.schema_arrow).equals(f.read_row_group(i))
    # A capsule that is never consumed is released without leaking or crashing.
    for _ in range(3):
        t.__arrow_c_stream__()


def test_schema_object():
    t = promptsales.table("crm.sales", scale=SCALE)
    schema = pa.schema(t.schema)
    assert t.schema.names == schema.names == pa.table(t).column_names
    # DESIGN.md §5b's stable names come first.
    assert schema.names[:8] == [
        "sale_id", "client_id", "campaign_id", "placement_id", "channel_id", "market_id",
        "sold_on", "amount"]
    assert len(t.schema) == len(schema)
    assert schema.field("amount").type == pa.decimal128(18, 2)
    assert schema.field("sold_on").type == pa.date32()
    assert pa.schema(t) == schema
    assert "crm.sales" in repr(t)


def test_one_thread_gives_the_same_bytes_as_many():
    code = ("import sys, hashlib, pyarrow as pa, promptsales\n"
            "t = pa.table(promptsales.table('crm.interactions', scale=%r, seed=%r,"
            " row_group_rows=1024))\n"
            "sink = pa.BufferOutputStream()\n"
            "with pa.ipc.new_stream(sink, t.schema) as w: w.write_table(t)\n"
            "print(hashlib.sha256(sink.getvalue()).hexdigest(), t.num_rows)\n") % (SCALE, SEED)
    digests = set()
    for threads in ("1", "3"):
        env = dict(os.environ, RAYON_NUM_THREADS=threads)
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, check=True)
        digests.add(done.stdout.strip())
    assert len(digests) == 1
    assert int(digests.pop().split()[1]) > 0
