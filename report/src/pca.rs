//! Two-component principal component analysis by power iteration (no linear-algebra crate
//! needed for two components of a few thousand vectors): deterministic start vectors and a fixed
//! iteration count, so the projection is the same on every machine.

/// Power iterations per component; the embeddings' leading eigenvalues are well separated,
/// and 200 rounds of `Xᵀ(Xv)` cost O(200·n·d), milliseconds at the sizes drawn.
const ITERATIONS: usize = 200;

/// Projects `n` row vectors of `dims` values (row-major in `data`) on their first two principal
/// components. Returns the coordinates and each component's share of the total variance.
pub fn project2(data: &[f64], n: usize, dims: usize) -> (Vec<(f64, f64)>, [f64; 2]) {
    let mut x = data.to_vec();
    for j in 0..dims {
        let mean = (0..n).map(|i| x[i * dims + j]).sum::<f64>() / n as f64;
        for i in 0..n {
            x[i * dims + j] -= mean;
        }
    }
    let total: f64 = x.iter().map(|v| v * v).sum();
    let first = component(&x, n, dims, None);
    let second = component(&x, n, dims, Some(&first));
    let coords: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let row = &x[i * dims..(i + 1) * dims];
            (dot(row, &first), dot(row, &second))
        })
        .collect();
    let var = |k: usize| {
        coords
            .iter()
            .map(|c| if k == 0 { c.0 * c.0 } else { c.1 * c.1 })
            .sum::<f64>()
    };
    let share = |v: f64| if total > 0.0 { v / total } else { 0.0 };
    let shares = [share(var(0)), share(var(1))];
    (coords, shares)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn normalise(v: &mut [f64]) {
    let norm = dot(v, v).sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

/// The leading eigenvector of XᵀX, orthogonal to `against` when given.
fn component(x: &[f64], n: usize, dims: usize, against: Option<&[f64]>) -> Vec<f64> {
    // A fixed, non-degenerate start (a Weyl sequence), not a random one.
    let mut v: Vec<f64> = (0..dims)
        .map(|j| ((j as f64 + 1.0) * 0.618_033_988_75).fract() - 0.5)
        .collect();
    let orth = |v: &mut Vec<f64>| {
        if let Some(a) = against {
            let p = dot(v, a);
            v.iter_mut().zip(a).for_each(|(x, y)| *x -= p * y);
        }
    };
    orth(&mut v);
    normalise(&mut v);
    let mut xv = vec![0.0; n];
    for _ in 0..ITERATIONS {
        for (i, out) in xv.iter_mut().enumerate() {
            *out = dot(&x[i * dims..(i + 1) * dims], &v);
        }
        let mut next = vec![0.0; dims];
        for (i, s) in xv.iter().enumerate() {
            for (nj, xj) in next.iter_mut().zip(&x[i * dims..(i + 1) * dims]) {
                *nj += s * xj;
            }
        }
        orth(&mut next);
        normalise(&mut next);
        v = next;
    }
    // Sign convention: the largest coordinate is positive.
    let big = v
        .iter()
        .copied()
        .fold(0.0f64, |m, c| if c.abs() > m.abs() { c } else { m });
    if big < 0.0 {
        v.iter_mut().for_each(|c| *c = -*c);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_axes_of_an_elongated_cloud() {
        // Points spread 10× more along (1, 1, 0) than along (1, −1, 0), none along z.
        let mut data = Vec::new();
        for i in 0..50 {
            let a = (i as f64 - 24.5) * 1.0;
            let b = if i % 2 == 0 { 0.1 } else { -0.1 } * (i as f64 % 7.0 - 3.0);
            data.extend([a + b, a - b, 0.0]);
        }
        let (coords, share) = project2(&data, 50, 3);
        assert_eq!(coords.len(), 50);
        assert!(share[0] > 0.99, "{share:?}");
        assert!(share[1] > 0.0 && share[1] < 0.01, "{share:?}");
        // The first coordinate is the position along (1, 1)/√2.
        let expected = (0.0 - 24.5) * 2f64.sqrt();
        assert!(
            (coords[0].0.abs() - expected.abs()).abs() < 0.5,
            "{:?}",
            coords[0]
        );
    }
}
