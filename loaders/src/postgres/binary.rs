//! Hand-written encoder for PostgreSQL's binary COPY format: one `Vec<u8>` per batch, written
//! straight from Arrow arrays (the `postgres` crate's per-value writer is slow, see
//! rust-postgres#1114).
//!
//! Format (PostgreSQL docs, "COPY … Binary Format"): an 11-byte signature, flags and header
//! extension length (both 0), then per row an `i16` field count and per field an `i32` length
//! (−1 = NULL) and the value in the type's binary send format; a trailing `i16` −1.

use arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Date32Array, Decimal128Array, Float64Array, Int32Array,
    Int64Array, StringArray, TimestampSecondArray,
};
use arrow::datatypes::{DataType, Int32Type, TimeUnit};
use arrow::record_batch::RecordBatch;

use crate::error::{Error, Result};

/// Header: signature, flags, header extension length.
pub const HEADER: &[u8] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";
/// Trailer: field count −1.
pub const TRAILER: &[u8] = &[0xff, 0xff];

/// Days from 1970-01-01 to 2000-01-01 (PostgreSQL's epoch).
pub const PG_EPOCH_DAYS: i32 = 10_957;
/// Seconds from 1970-01-01 to 2000-01-01.
pub const PG_EPOCH_SECONDS: i64 = 946_684_800;

enum Col<'a> {
    I64(&'a Int64Array),
    I32(&'a Int32Array),
    F64(&'a Float64Array),
    Bool(&'a BooleanArray),
    Date(&'a Date32Array),
    Ts(&'a TimestampSecondArray),
    Money(&'a Decimal128Array),
    Str(&'a StringArray),
    Dict(
        &'a arrow::array::DictionaryArray<Int32Type>,
        &'a StringArray,
    ),
}

fn column<'a>(table: &str, name: &str, a: &'a ArrayRef) -> Result<Col<'a>> {
    let unsupported = || Error::UnsupportedType {
        table: table.to_string(),
        column: name.to_string(),
        data_type: a.data_type().to_string(),
    };
    Ok(match a.data_type() {
        DataType::Int64 => Col::I64(a.as_primitive()),
        DataType::Int32 => Col::I32(a.as_primitive()),
        DataType::Float64 => Col::F64(a.as_primitive()),
        DataType::Boolean => Col::Bool(a.as_boolean()),
        DataType::Date32 => Col::Date(a.as_primitive()),
        DataType::Timestamp(TimeUnit::Second, None) => Col::Ts(a.as_primitive()),
        DataType::Decimal128(_, 2) => Col::Money(a.as_primitive()),
        DataType::Utf8 => Col::Str(a.as_string()),
        DataType::Dictionary(k, v) if **k == DataType::Int32 && **v == DataType::Utf8 => {
            let d = a.as_dictionary::<Int32Type>();
            let values = d.values().as_string_opt::<i32>().ok_or_else(unsupported)?;
            Col::Dict(d, values)
        }
        _ => return Err(unsupported()),
    })
}

/// Appends PostgreSQL's binary `numeric` for `cents` (scale 2).
pub fn put_numeric(out: &mut Vec<u8>, cents: i128) {
    let negative = cents < 0;
    let abs = cents.unsigned_abs();
    let (int_part, frac) = (abs / 100, (abs % 100) as i16);
    // Base-10000 digits of the integer part, most significant first.
    let mut int_digits = [0i16; 10];
    let mut n_int = 0;
    let mut x = int_part;
    while x > 0 {
        int_digits[n_int] = (x % 10_000) as i16;
        x /= 10_000;
        n_int += 1;
    }
    let mut digits = [0i16; 11];
    let mut nd = 0;
    for i in (0..n_int).rev() {
        digits[nd] = int_digits[i];
        nd += 1;
    }
    let weight: i16 = n_int as i16 - 1;
    // The two decimals are the first base-10000 fractional digit: 0.xy → xy00.
    digits[nd] = frac * 100;
    nd += 1;
    // Trailing zero digits are not stored; leading ones never occur.
    while nd > 0 && digits[nd - 1] == 0 {
        nd -= 1;
    }
    let weight = if nd == 0 { 0 } else { weight };
    out.extend_from_slice(&(8 + 2 * nd as i32).to_be_bytes());
    out.extend_from_slice(&(nd as i16).to_be_bytes());
    out.extend_from_slice(&weight.to_be_bytes());
    out.extend_from_slice(&(if negative && nd > 0 { 0x4000u16 } else { 0 }).to_be_bytes());
    out.extend_from_slice(&2i16.to_be_bytes());
    for d in &digits[..nd] {
        out.extend_from_slice(&d.to_be_bytes());
    }
}

#[inline]
fn put_null(out: &mut Vec<u8>) {
    out.extend_from_slice(&(-1i32).to_be_bytes());
}

#[inline]
fn put_text(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as i32).to_be_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Appends the rows of `batch` (no header or trailer) to `out`.
pub fn encode_rows(table: &str, batch: &RecordBatch, out: &mut Vec<u8>) -> Result<()> {
    let schema = batch.schema();
    let cols: Vec<Col<'_>> = batch
        .columns()
        .iter()
        .zip(schema.fields())
        .map(|(a, f)| column(table, f.name(), a))
        .collect::<Result<_>>()?;
    let nfields = (cols.len() as i16).to_be_bytes();
    out.reserve(batch.num_rows() * (2 + cols.len() * 12));
    for r in 0..batch.num_rows() {
        out.extend_from_slice(&nfields);
        for c in &cols {
            match c {
                Col::I64(a) if a.is_valid(r) => {
                    out.extend_from_slice(&8i32.to_be_bytes());
                    out.extend_from_slice(&a.value(r).to_be_bytes());
                }
                Col::I32(a) if a.is_valid(r) => {
                    out.extend_from_slice(&4i32.to_be_bytes());
                    out.extend_from_slice(&a.value(r).to_be_bytes());
                }
                Col::F64(a) if a.is_valid(r) => {
                    out.extend_from_slice(&8i32.to_be_bytes());
                    out.extend_from_slice(&a.value(r).to_bits().to_be_bytes());
                }
                Col::Bool(a) if a.is_valid(r) => {
                    out.extend_from_slice(&1i32.to_be_bytes());
                    out.push(u8::from(a.value(r)));
                }
                Col::Date(a) if a.is_valid(r) => {
                    out.extend_from_slice(&4i32.to_be_bytes());
                    out.extend_from_slice(&(a.value(r) - PG_EPOCH_DAYS).to_be_bytes());
                }
                Col::Ts(a) if a.is_valid(r) => {
                    out.extend_from_slice(&8i32.to_be_bytes());
                    let micros = (a.value(r) - PG_EPOCH_SECONDS) * 1_000_000;
                    out.extend_from_slice(&micros.to_be_bytes());
                }
                Col::Money(a) if a.is_valid(r) => put_numeric(out, a.value(r)),
                Col::Str(a) if a.is_valid(r) => put_text(out, a.value(r)),
                Col::Dict(d, values) if d.is_valid(r) => {
                    put_text(out, values.value(d.keys().value(r) as usize))
                }
                _ => put_null(out),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numeric(cents: i128) -> Vec<u8> {
        let mut v = Vec::new();
        put_numeric(&mut v, cents);
        v
    }

    fn be16(v: &[u8], at: usize) -> i16 {
        i16::from_be_bytes([v[at], v[at + 1]])
    }

    #[test]
    fn numeric_encodes_base_10000_digits() {
        // 123456.78 = 12·10000^1 + 3456·10000^0 + 7800·10000^-1
        let v = numeric(12_345_678);
        assert_eq!(i32::from_be_bytes([v[0], v[1], v[2], v[3]]), 8 + 6);
        assert_eq!(be16(&v, 4), 3); // ndigits
        assert_eq!(be16(&v, 6), 1); // weight
        assert_eq!(be16(&v, 8), 0); // sign
        assert_eq!(be16(&v, 10), 2); // dscale
        assert_eq!((be16(&v, 12), be16(&v, 14), be16(&v, 16)), (12, 3456, 7800));
    }

    #[test]
    fn numeric_zero_fraction_only_and_negative() {
        let zero = numeric(0);
        assert_eq!((be16(&zero, 4), be16(&zero, 6), be16(&zero, 8)), (0, 0, 0));
        // 0.05 → one fractional digit 500, weight −1
        let small = numeric(5);
        assert_eq!(
            (be16(&small, 4), be16(&small, 6), be16(&small, 12)),
            (1, -1, 500)
        );
        // −100.00 → digit 100, weight 0, negative sign, trailing zero fraction dropped
        let neg = numeric(-10_000);
        assert_eq!(
            (
                be16(&neg, 4),
                be16(&neg, 6),
                be16(&neg, 8) as u16,
                be16(&neg, 12)
            ),
            (1, 0, 0x4000, 100)
        );
        // 10000.00 → digits [1], weight 1
        let big = numeric(1_000_000);
        assert_eq!((be16(&big, 4), be16(&big, 6), be16(&big, 12)), (1, 1, 1));
    }

    #[test]
    fn dates_and_timestamps_shift_to_the_2000_epoch() {
        use arrow::datatypes::{Field, Schema};
        use std::sync::Arc;
        let schema = Arc::new(Schema::new(vec![
            Field::new("d", DataType::Date32, false),
            Field::new("t", DataType::Timestamp(TimeUnit::Second, None), true),
        ]));
        let batch = RecordBatch::try_new(
            schema,
            vec![
                Arc::new(Date32Array::from(vec![PG_EPOCH_DAYS + 1])),
                Arc::new(TimestampSecondArray::from(vec![None::<i64>])),
            ],
        )
        .expect("valid batch");
        let mut out = Vec::new();
        encode_rows("t", &batch, &mut out).expect("encodes");
        // 2 fields; date: len 4, value 1; timestamp: NULL.
        assert_eq!(out, [0, 2, 0, 0, 0, 4, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff]);
    }
}
