"""Coherent, deterministic synthetic data for the PromptSales ecosystem, as zero-copy Arrow streams.

Every table is a lazy Arrow stream (the Arrow PyCapsule interface): ``pyarrow.table(t)``,
``polars.DataFrame(t)`` and ``duckdb.sql("select ... from t")`` read the batches the generator
builds without copying them. Keyword arguments mirror the ``promptsales`` CLI flags, with the
same defaults, validation and error messages.

Exceptions: an unknown table raises ``KeyError``; a bad scale, seed, part, format, store or
codec raises ``ValueError`` with the CLI's message; a file problem raises ``OSError``; a failed
verification with ``raise_on_failure=True`` raises ``VerificationError``.
"""

from os import PathLike
from typing import Any, Optional, Sequence, Union, final

__version__: str
__all__ = [
    "__version__",
    "tables",
    "table",
    "generate",
    "write",
    "verify",
    "report",
    "Table",
    "Schema",
    "VerificationError",
]

_Names = Union[str, Sequence[str]]
_Months = Union[str, Sequence[int]]

@final
class Schema:
    """An Arrow schema; ``pyarrow.schema(s)`` accepts it (``__arrow_c_schema__``)."""

    @property
    def names(self) -> list[str]:
        """Column names, in order."""
    def __len__(self) -> int: ...
    def __arrow_c_schema__(self) -> object: ...

@final
class Table:
    """One generated table (or one part of it) as a lazy Arrow stream.

    Nothing is generated until a consumer reads it; each read streams the rows anew, in the same
    batches as the CLI's Parquet row groups.
    """

    @property
    def name(self) -> str:
        """The ``store.table`` name."""
    @property
    def schema(self) -> Schema:
        """The table's Arrow schema."""
    @property
    def partition(self) -> tuple[int, int]:
        """``(part, parts)`` of this slice."""
    @property
    def num_batches(self) -> int:
        """Number of record batches a read yields."""
    def count_rows(self) -> int:
        """Counts the rows (generates them without keeping them)."""
    def to_reader(self) -> Any:
        """A ``pyarrow.RecordBatchReader`` over the rows (requires pyarrow)."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """Arrow PyCapsule stream interface; ``requested_schema`` is ignored."""
    def __arrow_c_schema__(self) -> object: ...

class VerificationError(Exception):
    """A dataset breached an invariant; ``report`` holds the verification report."""

    report: dict[str, Any]

def tables(scale: float = 1.0) -> list[str]:
    """The registry's ``store.table`` names, parents before children."""

def table(
    name: str,
    *,
    scale: float = 1.0,
    seed: int = 42,
    parts: int = 1,
    part: int = 1,
    peak_months: Optional[_Months] = None,
    row_group_rows: int = 131072,
) -> Table:
    """One table, or part ``part`` of ``parts``, as a lazy Arrow stream.

    Its batches are the Parquet row groups the CLI writes with the same ``row_group_rows``.

    Raises ``KeyError`` for an unknown name and ``ValueError`` for a bad value.
    """

def generate(
    *,
    scale: float = 1.0,
    seed: int = 42,
    stores: Optional[_Names] = None,
    peak_months: Optional[_Months] = None,
) -> dict[str, Table]:
    """Every table of ``stores`` (default: all generated stores), keyed by ``store.table``."""

def write(
    out: Union[str, PathLike[str]],
    *,
    scale: float = 1.0,
    seed: int = 42,
    stores: Optional[_Names] = None,
    formats: Optional[_Names] = None,
    parts: int = 1,
    part: int = 1,
    peak_months: Optional[_Months] = None,
    compression: str = "snappy",
    row_group_rows: int = 131072,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Writes the dataset as ``promptsales generate`` does; returns the manifest.

    ``formats=None`` writes Parquet only, as the CLI's default ``--format parquet``.
    A folder holding a previous dataset is refused (``OSError``) unless ``overwrite=True``,
    which removes exactly the files its manifest lists, as ``generate --overwrite``.
    """

def verify(path: Union[str, PathLike[str]], *, raise_on_failure: bool = False) -> dict[str, Any]:
    """Checks every invariant of a generated dataset; returns the report."""

def report(
    path: Optional[Union[str, PathLike[str]]] = None,
    *,
    scale: Optional[float] = None,
    seed: Optional[int] = None,
    peak_months: Optional[_Months] = None,
    out: Optional[Union[str, PathLike[str]]] = None,
) -> str:
    """The self-contained HTML report of the dataset in ``path`` (or of the world generated for
    ``scale``/``seed``), as ``promptsales report`` writes it; also written to ``out`` if given."""
