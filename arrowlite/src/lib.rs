//! # promptsales-arrow
//!
//! The parts of the [`arrow`](https://docs.rs/arrow) facade crate this project uses, under the
//! same module paths (`arrow::array`, `arrow::datatypes`, `arrow::record_batch`,
//! `arrow::compute`, `arrow::csv`, `arrow::error`, `arrow::util::display`, `arrow::ffi`,
//! `arrow::ffi_stream`), re-exported from the arrow sub-crates. The workspace depends on it
//! under the name `arrow`, so the code reads as it would with the facade.
//!
//! Why: the facade always compiles arrow-arith, arrow-string and arrow-row (about 50 s of one
//! core in a clean release build, docs/trust.md "Build time and size"), and nothing here uses
//! them. Parquet's `arrow` feature needs only the sub-crates re-exported here (plus arrow-ipc).

/// Arrays (`arrow::array`).
pub mod array {
    pub use arrow_array::builder::*;
    pub use arrow_array::cast::*;
    pub use arrow_array::*;
    pub use arrow_data::ArrayData;
}

/// Schemas, fields, data types and the primitive type markers (`arrow::datatypes`).
pub mod datatypes {
    pub use arrow_array::types::*;
    pub use arrow_buffer::i256;
    pub use arrow_schema::*;
}

/// Record batches (`arrow::record_batch`).
pub mod record_batch {
    pub use arrow_array::{
        RecordBatch, RecordBatchIterator, RecordBatchOptions, RecordBatchReader,
    };
}

/// Errors (`arrow::error`).
pub mod error {
    pub use arrow_schema::ArrowError;
    /// `Result` with an [`ArrowError`].
    pub type Result<T> = std::result::Result<T, ArrowError>;
}

/// The kernels used: cast, concatenate, filter (`arrow::compute`).
pub mod compute {
    pub use arrow_cast::cast::*;
    pub use arrow_select::concat::*;
    pub use arrow_select::filter::*;
}

/// Display helpers (`arrow::util::display`).
pub mod util {
    pub use arrow_cast::display;
}

/// CSV reading and writing (`arrow::csv`).
#[cfg(feature = "csv")]
pub mod csv {
    pub use arrow_csv::*;
}

/// The C data interface (`arrow::ffi`).
#[cfg(feature = "ffi")]
pub mod ffi {
    pub use arrow_array::ffi::*;
}

/// The C stream interface (`arrow::ffi_stream`).
#[cfg(feature = "ffi")]
pub mod ffi_stream {
    pub use arrow_array::ffi_stream::*;
}

#[cfg(test)]
mod tests {
    use crate::array::{Array, Int64Array};
    use crate::compute::{cast, concat_batches};
    use crate::datatypes::{DataType, Field, Schema};
    use crate::record_batch::RecordBatch;
    use std::sync::Arc;

    #[test]
    fn the_reexported_kernels_work() -> crate::error::Result<()> {
        let schema = Arc::new(Schema::new(vec![Field::new("x", DataType::Int64, false)]));
        let a = RecordBatch::try_new(schema.clone(), vec![Arc::new(Int64Array::from(vec![1, 2]))])?;
        let b = RecordBatch::try_new(schema.clone(), vec![Arc::new(Int64Array::from(vec![3]))])?;
        let both = concat_batches(&schema, [&a, &b])?;
        assert_eq!(both.num_rows(), 3);
        let text = cast(both.column(0), &DataType::Utf8)?;
        assert_eq!(crate::util::display::array_value_to_string(&text, 2)?, "3");
        assert_eq!(text.len(), 3);
        Ok(())
    }
}
