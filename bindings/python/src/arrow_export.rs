//! The Arrow PyCapsule interface, written against arrow 60: a schema as an `arrow_schema`
//! capsule and a lazy stream as an `arrow_array_stream` capsule. The capsule owns the C struct;
//! a consumer that imports it moves the struct out (leaving `release` null), and a capsule that
//! is never consumed releases the stream when Python frees it (`FFI_ArrowArrayStream`'s `Drop`).

use arrow::datatypes::Schema;
use arrow::ffi::FFI_ArrowSchema;
use arrow::ffi_stream::FFI_ArrowArrayStream;
use arrow::record_batch::RecordBatchReader;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// `__arrow_c_schema__`: the schema as an `arrow_schema` capsule.
pub fn schema_capsule<'py>(py: Python<'py>, schema: &Schema) -> PyResult<Bound<'py, PyCapsule>> {
    let ffi = FFI_ArrowSchema::try_from(schema)
        .map_err(|e| PyRuntimeError::new_err(format!("arrow: exporting the schema: {e}")))?;
    PyCapsule::new_with_value(py, ffi, c"arrow_schema")
}

/// `__arrow_c_stream__`: the reader as an `arrow_array_stream` capsule. Batches are produced by
/// the reader when the consumer pulls them, never ahead of time.
pub fn stream_capsule<'py>(
    py: Python<'py>,
    reader: Box<dyn RecordBatchReader + Send>,
) -> PyResult<Bound<'py, PyCapsule>> {
    PyCapsule::new_with_value(py, FFI_ArrowArrayStream::new(reader), c"arrow_array_stream")
}
