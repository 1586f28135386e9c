//! Arrow rows → TDS bulk-load rows (`tiberius::TokenRow`), the SQL Server counterpart of
//! [`crate::postgres::binary`]. Strings are copied into the row: tiberius ties a bulk row's
//! lifetime to the connection borrow, so rows cannot borrow from a batch that arrives later.
//! Every string is checked against its declared NVARCHAR width first, so an oversized value
//! fails with the column's name instead of a truncation error mid-batch.

use std::borrow::Cow;

use arrow::array::{Array, ArrayRef, AsArray};
use arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Float64Type, Int32Type, Int64Type, TimeUnit,
    TimestampSecondType,
};
use arrow::record_batch::RecordBatch;
use tiberius::numeric::Numeric;
use tiberius::time::{Date, DateTime2, Time};
use tiberius::{ColumnData, TokenRow};

use crate::error::{Error, Result};

/// Days from 0001-01-01 (SQL Server's DATE origin) to 1970-01-01 (Arrow's Date32 origin).
pub const DAYS_0001_TO_1970: i64 = 719_162;

/// A SQL Server `DATE` from an Arrow day count.
pub fn date(days_since_1970: i32) -> Option<Date> {
    u32::try_from(i64::from(days_since_1970) + DAYS_0001_TO_1970)
        .ok()
        .map(Date::new)
}

/// A SQL Server `DATETIME2(0)` from Unix seconds.
pub fn datetime2(seconds: i64) -> Option<DateTime2> {
    let days = i32::try_from(seconds.div_euclid(86_400)).ok()?;
    let in_day = seconds.rem_euclid(86_400) as u64;
    Some(DateTime2::new(date(days)?, Time::new(in_day, 0)))
}

/// How one column is encoded.
#[derive(Debug, Clone)]
pub struct ColumnSpec {
    /// Column name (for errors).
    pub name: String,
    /// Declared NVARCHAR width (`None` = MAX or not a string).
    pub width: Option<usize>,
}

/// Encodes the rows of one table's batches.
#[derive(Debug, Clone)]
pub struct RowEncoder {
    table: String,
    columns: Vec<ColumnSpec>,
}

impl RowEncoder {
    /// An encoder for `table` whose columns are `columns`, in the batch's order.
    pub fn new(table: impl Into<String>, columns: Vec<ColumnSpec>) -> Self {
        RowEncoder {
            table: table.into(),
            columns,
        }
    }

    /// Row `row` of `batch` as a bulk-load row, values in column order.
    pub fn encode(&self, batch: &RecordBatch, row: usize) -> Result<TokenRow<'static>> {
        let mut out = TokenRow::with_capacity(batch.num_columns());
        for (i, column) in batch.columns().iter().enumerate() {
            out.push(self.value(i, column, row)?);
        }
        Ok(out)
    }

    fn value(&self, i: usize, column: &ArrayRef, row: usize) -> Result<ColumnData<'static>> {
        let null = column.is_null(row);
        let unsupported = || Error::UnsupportedType {
            table: self.table.clone(),
            column: self.name(i),
            data_type: column.data_type().to_string(),
        };
        Ok(match column.data_type() {
            DataType::Int64 => {
                ColumnData::I64((!null).then(|| column.as_primitive::<Int64Type>().value(row)))
            }
            DataType::Int32 => {
                ColumnData::I32((!null).then(|| column.as_primitive::<Int32Type>().value(row)))
            }
            DataType::Float64 => {
                ColumnData::F64((!null).then(|| column.as_primitive::<Float64Type>().value(row)))
            }
            DataType::Boolean => ColumnData::Bit((!null).then(|| column.as_boolean().value(row))),
            DataType::Date32 => ColumnData::Date(if null {
                None
            } else {
                let days = column.as_primitive::<Date32Type>().value(row);
                Some(date(days).ok_or_else(unsupported)?)
            }),
            DataType::Timestamp(TimeUnit::Second, None) => ColumnData::DateTime2(if null {
                None
            } else {
                let s = column.as_primitive::<TimestampSecondType>().value(row);
                Some(datetime2(s).ok_or_else(unsupported)?)
            }),
            DataType::Decimal128(18, 2) => ColumnData::Numeric((!null).then(|| {
                Numeric::new_with_scale(column.as_primitive::<Decimal128Type>().value(row), 2)
            })),
            DataType::Utf8 => ColumnData::String(if null {
                None
            } else {
                Some(Cow::Owned(
                    self.fits(i, column.as_string::<i32>().value(row))?
                        .to_owned(),
                ))
            }),
            DataType::Dictionary(k, v) if **k == DataType::Int32 && **v == DataType::Utf8 => {
                ColumnData::String(if null {
                    None
                } else {
                    let d = column.as_dictionary::<Int32Type>();
                    let key = d.keys().value(row) as usize;
                    Some(Cow::Owned(
                        self.fits(i, d.values().as_string::<i32>().value(key))?
                            .to_owned(),
                    ))
                })
            }
            _ => return Err(unsupported()),
        })
    }

    fn name(&self, i: usize) -> String {
        self.columns
            .get(i)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| format!("column {i}"))
    }

    fn fits<'a>(&self, i: usize, s: &'a str) -> Result<&'a str> {
        if let Some(width) = self.columns.get(i).and_then(|c| c.width) {
            // UTF-8 bytes bound UTF-16 units from above: count only when it could matter.
            if s.len() > width {
                let length = s.encode_utf16().count();
                if length > width {
                    return Err(Error::TooWide {
                        table: self.table.clone(),
                        column: self.name(i),
                        length,
                        width,
                    });
                }
            }
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{
        BooleanArray, Date32Array, Decimal128Array, DictionaryArray, Float64Array, Int64Array,
        StringArray, TimestampSecondArray,
    };
    use arrow::datatypes::{Field, Schema};

    use super::*;

    fn batch() -> RecordBatch {
        let dict: DictionaryArray<Int32Type> = vec![Some("social"), None].into_iter().collect();
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::from(vec![Some(7), None])),
            Arc::new(StringArray::from(vec![Some("Año €"), Some("x")])),
            Arc::new(dict),
            Arc::new(Date32Array::from(vec![Some(19_905), Some(-1)])),
            Arc::new(TimestampSecondArray::from(vec![
                Some(1_719_792_000 + 3_723),
                Some(0),
            ])),
            Arc::new(
                Decimal128Array::from(vec![Some(123_456), Some(-5)])
                    .with_precision_and_scale(18, 2)
                    .expect("valid precision"),
            ),
            Arc::new(Float64Array::from(vec![Some(9.934), None])),
            Arc::new(BooleanArray::from(vec![Some(true), Some(false)])),
        ];
        let fields: Vec<Field> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| Field::new(format!("c{i}"), c.data_type().clone(), true))
            .collect();
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).expect("valid batch")
    }

    fn encoder(width: Option<usize>) -> RowEncoder {
        let columns = (0..8)
            .map(|i| ColumnSpec {
                name: format!("c{i}"),
                width: if i == 1 { width } else { None },
            })
            .collect();
        RowEncoder::new("ads.t", columns)
    }

    /// Every supported type becomes the TDS value SQL Server stores: dates from 0001-01-01,
    /// DATETIME2(0) as day + seconds, money as an exact scale-2 numeric, nulls as None.
    #[test]
    fn encodes_each_type() -> Result<()> {
        let b = batch();
        let row = encoder(Some(16)).encode(&b, 0)?;
        let values: Vec<ColumnData<'static>> = row.into_iter().collect();
        assert_eq!(values[0], ColumnData::I64(Some(7)));
        assert_eq!(values[1], ColumnData::String(Some(Cow::Borrowed("Año €"))));
        assert_eq!(values[2], ColumnData::String(Some(Cow::Borrowed("social"))));
        // 2024-07-01 is day 19 905 after 1970-01-01 and day 739 067 after 0001-01-01.
        assert_eq!(values[3], ColumnData::Date(Some(Date::new(739_067))));
        assert_eq!(
            values[4],
            ColumnData::DateTime2(Some(DateTime2::new(
                Date::new(739_067),
                Time::new(3_723, 0)
            )))
        );
        assert_eq!(
            values[5],
            ColumnData::Numeric(Some(Numeric::new_with_scale(123_456, 2)))
        );
        assert_eq!(values[6], ColumnData::F64(Some(9.934)));
        assert_eq!(values[7], ColumnData::Bit(Some(true)));

        let row = encoder(Some(16)).encode(&b, 1)?;
        let values: Vec<ColumnData<'static>> = row.into_iter().collect();
        assert_eq!(values[0], ColumnData::I64(None));
        assert_eq!(values[2], ColumnData::String(None));
        assert_eq!(values[3], ColumnData::Date(Some(Date::new(719_161))));
        assert_eq!(
            values[4],
            ColumnData::DateTime2(Some(DateTime2::new(Date::new(719_162), Time::new(0, 0))))
        );
        assert_eq!(
            values[5],
            ColumnData::Numeric(Some(Numeric::new_with_scale(-5, 2)))
        );
        assert_eq!(values[6], ColumnData::F64(None));
        Ok(())
    }

    /// A string longer than its NVARCHAR width is refused with the table and column named;
    /// width counts UTF-16 units ("Año €" is 5 units, 8 UTF-8 bytes).
    #[test]
    fn refuses_strings_wider_than_the_column() {
        let b = batch();
        assert!(encoder(Some(5)).encode(&b, 0).is_ok());
        match encoder(Some(4)).encode(&b, 0) {
            Err(Error::TooWide {
                table,
                column,
                length,
                width,
            }) => {
                assert_eq!((table.as_str(), column.as_str()), ("ads.t", "c1"));
                assert_eq!((length, width), (5, 4));
            }
            other => panic!("expected TooWide, got {other:?}"),
        }
    }

    /// Dates before 0001-01-01 cannot be represented and are refused, not wrapped.
    #[test]
    fn date_range_is_checked() {
        assert_eq!(date(0), Some(Date::new(719_162)));
        assert!(date(-719_163).is_none());
        assert_eq!(
            datetime2(-1),
            Some(DateTime2::new(Date::new(719_161), Time::new(86_399, 0)))
        );
    }
}
