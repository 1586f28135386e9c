//! Arrow schemas and batch builders. Each table declares its columns once with
//! [`columns!`](crate::columns); the macro derives the schema and a builder that appends the
//! table's row struct straight into Arrow builders (no per-row allocation).

pub mod ads;
pub mod content;
pub mod crm;
pub mod sales;

use std::sync::Arc;

use arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Decimal128Builder, Float64Builder, Int32Builder,
    Int64Builder, StringBuilder, StringDictionaryBuilder, TimestampSecondBuilder,
};
use arrow::datatypes::{DataType, Int32Type, TimeUnit};

/// Precision and scale of money columns: `DECIMAL(18,2)`.
pub const MONEY_PRECISION: u8 = 18;
/// Scale of money columns.
pub const MONEY_SCALE: i8 = 2;

/// A column builder for one logical type. `Value` is what a row field holds.
pub trait Column {
    /// The row field type.
    type Value<'a>: Copy;
    /// Arrow type of the column.
    fn data_type() -> DataType;
    /// Whether the column may hold nulls.
    fn nullable() -> bool {
        false
    }
    /// A builder with room for `capacity` rows.
    fn with_capacity(capacity: usize) -> Self;
    /// Appends one value.
    fn push(&mut self, value: Self::Value<'_>);
    /// Finishes the column.
    fn finish(&mut self) -> ArrayRef;
}

macro_rules! simple_column {
    ($(#[$doc:meta])* $name:ident, $builder:ty, $value:ty, $dt:expr, $new:expr) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name($builder);
        impl Column for $name {
            type Value<'a> = $value;
            fn data_type() -> DataType {
                $dt
            }
            fn with_capacity(capacity: usize) -> Self {
                $name($new(capacity))
            }
            #[inline]
            fn push(&mut self, value: Self::Value<'_>) {
                self.0.append_value(value);
            }
            fn finish(&mut self) -> ArrayRef {
                Arc::new(self.0.finish())
            }
        }
    };
}

simple_column!(
    /// `BIGINT`.
    I64, Int64Builder, i64, DataType::Int64, Int64Builder::with_capacity
);
simple_column!(
    /// `INT`.
    I32, Int32Builder, i32, DataType::Int32, Int32Builder::with_capacity
);
simple_column!(
    /// `DOUBLE` (coordinates only; rounded to 6 decimals by the generators).
    F64, Float64Builder, f64, DataType::Float64, Float64Builder::with_capacity
);
simple_column!(
    /// `DATE`, days since 1970-01-01.
    Date, Date32Builder, i32, DataType::Date32, Date32Builder::with_capacity
);
simple_column!(
    /// `TIMESTAMP` (seconds, no time zone; local time of the market).
    Timestamp, TimestampSecondBuilder, i64, DataType::Timestamp(TimeUnit::Second, None), TimestampSecondBuilder::with_capacity
);
simple_column!(
    /// `VARCHAR`, high cardinality.
    Str, StringBuilder, &'a str, DataType::Utf8, |c| StringBuilder::with_capacity(c, c * 16)
);

/// `DECIMAL(18,2)` from integer hundredths (cents).
#[derive(Debug)]
pub struct Money(Decimal128Builder);
impl Column for Money {
    type Value<'a> = i64;
    fn data_type() -> DataType {
        DataType::Decimal128(MONEY_PRECISION, MONEY_SCALE)
    }
    fn with_capacity(capacity: usize) -> Self {
        Money(Decimal128Builder::with_capacity(capacity).with_data_type(Self::data_type()))
    }
    #[inline]
    fn push(&mut self, value: i64) {
        self.0.append_value(i128::from(value));
    }
    fn finish(&mut self) -> ArrayRef {
        Arc::new(self.0.finish())
    }
}

/// Nullable `BIGINT`.
#[derive(Debug)]
pub struct OptI64(Int64Builder);
impl Column for OptI64 {
    type Value<'a> = Option<i64>;
    fn data_type() -> DataType {
        DataType::Int64
    }
    fn nullable() -> bool {
        true
    }
    fn with_capacity(capacity: usize) -> Self {
        OptI64(Int64Builder::with_capacity(capacity))
    }
    #[inline]
    fn push(&mut self, value: Option<i64>) {
        self.0.append_option(value);
    }
    fn finish(&mut self) -> ArrayRef {
        Arc::new(self.0.finish())
    }
}

/// `BOOLEAN`.
#[derive(Debug)]
pub struct Bool(BooleanBuilder);
impl Column for Bool {
    type Value<'a> = bool;
    fn data_type() -> DataType {
        DataType::Boolean
    }
    fn with_capacity(capacity: usize) -> Self {
        Bool(BooleanBuilder::with_capacity(capacity))
    }
    #[inline]
    fn push(&mut self, value: bool) {
        self.0.append_value(value);
    }
    fn finish(&mut self) -> ArrayRef {
        Arc::new(self.0.finish())
    }
}

/// Nullable `TIMESTAMP` (seconds, no time zone).
#[derive(Debug)]
pub struct OptTimestamp(TimestampSecondBuilder);
impl Column for OptTimestamp {
    type Value<'a> = Option<i64>;
    fn data_type() -> DataType {
        Timestamp::data_type()
    }
    fn nullable() -> bool {
        true
    }
    fn with_capacity(capacity: usize) -> Self {
        OptTimestamp(TimestampSecondBuilder::with_capacity(capacity))
    }
    #[inline]
    fn push(&mut self, value: Option<i64>) {
        self.0.append_option(value);
    }
    fn finish(&mut self) -> ArrayRef {
        Arc::new(self.0.finish())
    }
}

/// Nullable `DECIMAL(18,2)` from cents.
#[derive(Debug)]
pub struct OptMoney(Decimal128Builder);
impl Column for OptMoney {
    type Value<'a> = Option<i64>;
    fn data_type() -> DataType {
        Money::data_type()
    }
    fn nullable() -> bool {
        true
    }
    fn with_capacity(capacity: usize) -> Self {
        OptMoney(Decimal128Builder::with_capacity(capacity).with_data_type(Self::data_type()))
    }
    #[inline]
    fn push(&mut self, value: Option<i64>) {
        self.0.append_option(value.map(i128::from));
    }
    fn finish(&mut self) -> ArrayRef {
        Arc::new(self.0.finish())
    }
}

/// Nullable `VARCHAR`.
#[derive(Debug)]
pub struct OptStr(StringBuilder);
impl Column for OptStr {
    type Value<'a> = Option<&'a str>;
    fn data_type() -> DataType {
        DataType::Utf8
    }
    fn nullable() -> bool {
        true
    }
    fn with_capacity(capacity: usize) -> Self {
        OptStr(StringBuilder::with_capacity(capacity, capacity * 8))
    }
    #[inline]
    fn push(&mut self, value: Option<&str>) {
        self.0.append_option(value);
    }
    fn finish(&mut self) -> ArrayRef {
        Arc::new(self.0.finish())
    }
}

/// Low-cardinality `VARCHAR`, dictionary-encoded (`Dictionary(Int32, Utf8)`).
pub struct Dict(StringDictionaryBuilder<Int32Type>);
impl std::fmt::Debug for Dict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Dict")
    }
}
impl Column for Dict {
    type Value<'a> = &'a str;
    fn data_type() -> DataType {
        DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
    }
    fn with_capacity(capacity: usize) -> Self {
        Dict(StringDictionaryBuilder::with_capacity(capacity, 64, 1024))
    }
    #[inline]
    fn push(&mut self, value: &str) {
        self.0.append_value(value);
    }
    fn finish(&mut self) -> ArrayRef {
        Arc::new(self.0.finish())
    }
}

/// Nullable low-cardinality `VARCHAR`.
pub struct OptDict(StringDictionaryBuilder<Int32Type>);
impl std::fmt::Debug for OptDict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OptDict")
    }
}
impl Column for OptDict {
    type Value<'a> = Option<&'a str>;
    fn data_type() -> DataType {
        Dict::data_type()
    }
    fn nullable() -> bool {
        true
    }
    fn with_capacity(capacity: usize) -> Self {
        OptDict(StringDictionaryBuilder::with_capacity(capacity, 64, 1024))
    }
    #[inline]
    fn push(&mut self, value: Option<&str>) {
        match value {
            Some(v) => {
                self.0.append_value(v);
            }
            None => self.0.append_null(),
        }
    }
    fn finish(&mut self) -> ArrayRef {
        Arc::new(self.0.finish())
    }
}

/// A batch builder for one table's rows (implemented by [`columns!`](crate::columns)).
pub trait BatchBuilder: Send {
    /// The table's generator.
    type Gen: crate::gen::TableGen;
    /// The table's Arrow schema.
    fn schema() -> arrow::datatypes::SchemaRef;
    /// A builder with room for `capacity` rows.
    fn with_capacity(capacity: usize) -> Self;
    /// The schema for this world's configuration (differs from [`schema`](Self::schema) only
    /// for tables whose layout depends on it, like the embedding dimension of `content.images`).
    fn schema_for(_world: &crate::world::World) -> arrow::datatypes::SchemaRef {
        Self::schema()
    }
    /// A builder for this world's configuration.
    fn for_world(_world: &crate::world::World, capacity: usize) -> Self
    where
        Self: Sized,
    {
        Self::with_capacity(capacity)
    }
    /// Appends one row.
    fn push(&mut self, row: &<Self::Gen as crate::gen::TableGen>::Row<'_>);
    /// Rows appended so far.
    fn len(&self) -> usize;
    /// Whether no row was appended.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Finishes the batch.
    fn finish(&mut self) -> arrow::error::Result<arrow::record_batch::RecordBatch>;
}

/// Declares a table's columns: `columns!(ClientsBatch for Clients { client_id: I64, … })`, where
/// `Clients` is the table's [`TableGen`](crate::gen::TableGen). Column names are the row
/// struct's field names.
#[macro_export]
macro_rules! columns {
    ($name:ident for $gen:ident { $($col:ident : $kind:ident),* $(,)? }) => {
        #[doc = concat!("Arrow builder for [`", stringify!($gen), "`] rows.")]
        #[derive(Debug)]
        pub struct $name {
            $($col: $crate::columnar::$kind,)*
            len: usize,
        }
        impl $crate::columnar::BatchBuilder for $name {
            type Gen = $gen;
            fn schema() -> arrow::datatypes::SchemaRef {
                use $crate::columnar::Column;
                static SCHEMA: std::sync::LazyLock<arrow::datatypes::SchemaRef> = std::sync::LazyLock::new(|| {
                    std::sync::Arc::new(arrow::datatypes::Schema::new(vec![
                        $(arrow::datatypes::Field::new(
                            stringify!($col),
                            <$crate::columnar::$kind>::data_type(),
                            <$crate::columnar::$kind>::nullable(),
                        ),)*
                    ]))
                });
                SCHEMA.clone()
            }
            fn with_capacity(capacity: usize) -> Self {
                use $crate::columnar::Column;
                $name { $($col: <$crate::columnar::$kind>::with_capacity(capacity),)* len: 0 }
            }
            #[inline]
            fn push(&mut self, row: &<$gen as $crate::gen::TableGen>::Row<'_>) {
                use $crate::columnar::Column;
                $(self.$col.push(row.$col);)*
                self.len += 1;
            }
            fn len(&self) -> usize {
                self.len
            }
            fn finish(&mut self) -> arrow::error::Result<arrow::record_batch::RecordBatch> {
                use $crate::columnar::Column;
                self.len = 0;
                arrow::record_batch::RecordBatch::try_new(
                    <Self as $crate::columnar::BatchBuilder>::schema(),
                    vec![$(self.$col.finish(),)*],
                )
            }
        }
    };
}
