//! Fixed catalogs and embedded vocabularies. Every constant that comes from a published range
//! cites `DOMAIN.md` (section) or says **(assumption)**.

pub mod calendar;
pub mod channels;
pub mod economics;
pub mod imagery;
pub mod markets;
pub mod names;
pub mod sentiment;
pub mod vocab;

/// Folds a Spanish string to lowercase ASCII (`Rodríguez` → `rodriguez`) into `out`: for
/// emails and handles.
pub fn fold_ascii(s: &str, out: &mut String) {
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'Á' => 'a',
            'é' | 'è' | 'ë' | 'É' => 'e',
            'í' | 'ï' | 'Í' => 'i',
            'ó' | 'ö' | 'Ó' => 'o',
            'ú' | 'ü' | 'Ú' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            ' ' | '\'' | '-' => continue,
            c => c.to_ascii_lowercase(),
        };
        out.push(c);
    }
}
