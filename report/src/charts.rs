//! The charts, drawn with plotters' SVG backend into strings that the page inlines. Each
//! function takes ready figures (no I/O) and returns one `<svg>` element.

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use promptsales_core::catalog::calendar;
use promptsales_core::catalog::economics::KindRange;

use crate::figures::{Band, City, Incident, Kind, Month, Projected};
use crate::{Error, Result};

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawResult = std::result::Result<(), Box<dyn std::error::Error>>;

/// Chart width in pixels (the page scales SVGs to its column).
pub const WIDTH: u32 = 960;
const FONT: &str = "sans-serif";

/// Colours: a qualitative palette (Tableau 10 plus two, one per image category) for categories, plus the two the charts use for
/// "ordinary" and "highlighted".
const PALETTE: [RGBColor; 12] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(225, 87, 89),
    RGBColor(118, 183, 178),
    RGBColor(89, 161, 79),
    RGBColor(237, 201, 72),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
    RGBColor(23, 190, 207),
    RGBColor(188, 189, 34),
];
const BASE: RGBColor = RGBColor(78, 121, 167);
const HIGHLIGHT: RGBColor = RGBColor(242, 142, 43);
const BAND: RGBColor = RGBColor(89, 161, 79);
const ALERT: RGBColor = RGBColor(200, 40, 40);
const GRID: RGBColor = RGBColor(235, 235, 235);

/// A palette colour by index (wraps around).
pub fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

fn render(height: u32, draw: impl FnOnce(&Area) -> DrawResult) -> Result<String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| Error::Chart(e.to_string()))?;
        draw(&root).map_err(|e| Error::Chart(e.to_string()))?;
        root.present().map_err(|e| Error::Chart(e.to_string()))?;
    }
    Ok(out)
}

/// `2024-07` → `Jul 24`.
pub fn short_month(label: &str) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m) = label.split_once('-').unwrap_or((label, "1"));
    let m: usize = m.parse().unwrap_or(1);
    format!("{} {}", NAMES[(m.max(1) - 1) % 12], y.get(2..).unwrap_or(y))
}

fn label_at(names: &[String], x: f64) -> String {
    let i = x.round();
    if (x - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < names.len() {
        names[i as usize].clone()
    } else {
        String::new()
    }
}

/// Bars of campaign starts per month (peaks highlighted) and a revenue line on the right axis.
pub fn months(months: &[Month]) -> Result<String> {
    let names: Vec<String> = months.iter().map(|m| short_month(&m.label)).collect();
    let top = months.iter().map(|m| m.starts).max().unwrap_or(1).max(1) as f64 * 1.15;
    let rev_top = months
        .iter()
        .map(|m| m.revenue_cents as f64 / 100.0)
        .fold(1.0, f64::max)
        * 1.15;
    render(380, |root| {
        let n = months.len() as f64;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(56)
            .right_y_label_area_size(80)
            .build_cartesian_2d(-0.5..n - 0.5, 0.0..top)?
            .set_secondary_coord(-0.5..n - 0.5, 0.0..rev_top);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .x_labels(names.len())
            .x_label_formatter(&|x| label_at(&names, *x))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc("campaign starts")
            .label_style((FONT, 12))
            .draw()?;
        chart
            .configure_secondary_axes()
            .y_desc("revenue (USD)")
            .y_label_formatter(&|v| format!("{:.0}k", v / 1000.0))
            .label_style((FONT, 12))
            .draw()?;
        chart
            .draw_series(months.iter().enumerate().map(|(i, m)| {
                let c = if m.peak { HIGHLIGHT } else { BASE };
                let x = i as f64;
                Rectangle::new([(x - 0.35, 0.0), (x + 0.35, m.starts as f64)], c.filled())
            }))?
            .label("campaign starts (peak months highlighted)")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], HIGHLIGHT.filled()));
        chart
            .draw_secondary_series(LineSeries::new(
                months
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (i as f64, m.revenue_cents as f64 / 100.0)),
                BLACK.stroke_width(2),
            ))?
            .label("revenue per month (USD, right axis)")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], BLACK.stroke_width(2)));
        chart.draw_secondary_series(months.iter().enumerate().map(|(i, m)| {
            Circle::new(
                (i as f64, m.revenue_cents as f64 / 100.0),
                3,
                BLACK.filled(),
            )
        }))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .label_font((FONT, 12))
            .draw()?;
        Ok(())
    })
}

/// Impressions → clicks → leads → sales per channel kind, on a log scale.
pub fn funnel(kinds: &[Kind]) -> Result<String> {
    let names: Vec<String> = kinds.iter().map(|k| k.kind.to_string()).collect();
    let top = kinds
        .iter()
        .map(|k| k.impressions)
        .max()
        .unwrap_or(10)
        .max(10) as f64
        * 3.0;
    render(400, |root| {
        let n = kinds.len() as f64;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(70)
            .build_cartesian_2d(-0.5..n - 0.5, (0.5..top).log_scale())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .x_labels(names.len())
            .x_label_formatter(&|x| label_at(&names, *x))
            .y_label_formatter(&|v| si(*v))
            .y_desc("count (log scale)")
            .label_style((FONT, 12))
            .draw()?;
        let stages = ["impressions", "clicks", "leads", "sales"];
        for (s, stage) in stages.iter().enumerate() {
            let c = colour(s);
            chart
                .draw_series(kinds.iter().enumerate().map(|(i, k)| {
                    let v = [k.impressions, k.clicks, k.leads, k.sales][s].max(0) as f64;
                    let x0 = i as f64 - 0.4 + s as f64 * 0.2;
                    Rectangle::new([(x0, 0.5), (x0 + 0.18, v.max(0.5))], c.filled())
                }))?
                .label(*stage)
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .label_font((FONT, 12))
            .draw()?;
        Ok(())
    })
}

/// One bar per channel kind over the cited range drawn as a band (log scale).
pub fn with_bands(
    values: &[(String, f64)],
    ranges: &[KindRange],
    y_desc: &str,
    unit: &str,
) -> Result<String> {
    let names: Vec<String> = values.iter().map(|v| v.0.clone()).collect();
    let positive = values
        .iter()
        .map(|v| v.1)
        .chain(ranges.iter().flat_map(|r| [r.low, r.high]))
        .filter(|v| *v > 0.0);
    let (lo, hi) = positive.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = if lo <= hi {
        (lo / 2.0, hi * 2.0)
    } else {
        (0.1, 10.0)
    };
    let unit = unit.to_string();
    render(380, |root| {
        let n = values.len() as f64;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(70)
            .build_cartesian_2d(-0.5..n - 0.5, (lo..hi).log_scale())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .x_labels(names.len())
            .x_label_formatter(&|x| label_at(&names, *x))
            .y_label_formatter(&|v| format!("{unit}{}", trim(*v)))
            .y_desc(y_desc)
            .label_style((FONT, 12))
            .draw()?;
        chart
            .draw_series(values.iter().enumerate().filter_map(|(i, (k, _))| {
                let r = ranges.iter().find(|r| r.kind == k)?;
                let x = i as f64;
                Some(Rectangle::new(
                    [(x - 0.45, r.low), (x + 0.45, r.high)],
                    BAND.mix(0.25).filled(),
                ))
            }))?
            .label("cited range (DOMAIN.md §1, §8)")
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 5), (x + 12, y + 5)], BAND.mix(0.25).filled())
            });
        chart
            .draw_series(values.iter().enumerate().map(|(i, (k, v))| {
                let inside = ranges
                    .iter()
                    .find(|r| r.kind == k)
                    .is_some_and(|r| *v >= r.low && *v <= r.high);
                let c = if inside { BASE } else { HIGHLIGHT };
                let x = i as f64;
                Rectangle::new([(x - 0.25, lo), (x + 0.25, v.max(lo))], c.filled())
            }))?
            .label("measured (orange: outside the range)")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], BASE.filled()));
        chart.draw_series(values.iter().enumerate().map(|(i, (_, v))| {
            Text::new(
                trim(*v),
                (i as f64 - 0.2, v.max(lo) * 1.12),
                (FONT, 12).into_font(),
            )
        }))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .label_font((FONT, 12))
            .draw()?;
        Ok(())
    })
}

/// Plain bars with a label per bar and the value printed on top.
pub fn bars(values: &[(String, f64)], y_desc: &str, highlight: &[bool]) -> Result<String> {
    let names: Vec<String> = values.iter().map(|v| v.0.clone()).collect();
    let top = values.iter().map(|v| v.1).fold(0.0, f64::max).max(1e-9) * 1.2;
    render(340, |root| {
        let n = values.len() as f64;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(70)
            .build_cartesian_2d(-0.5..n - 0.5, 0.0..top)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .x_labels(names.len())
            .x_label_formatter(&|x| label_at(&names, *x))
            .y_desc(y_desc)
            .label_style((FONT, 12))
            .draw()?;
        chart.draw_series(values.iter().enumerate().map(|(i, (_, v))| {
            let c = if highlight.get(i).copied().unwrap_or(false) {
                HIGHLIGHT
            } else {
                BASE
            };
            let x = i as f64;
            Rectangle::new([(x - 0.3, 0.0), (x + 0.3, *v)], c.filled())
        }))?;
        chart.draw_series(values.iter().enumerate().map(|(i, (_, v))| {
            Text::new(
                format!("{v:.4}"),
                (i as f64 - 0.12, v + top * 0.02),
                (FONT, 12).into_font(),
            )
        }))?;
        Ok(())
    })
}

/// Horizontal bars (long labels: categories, hashtags).
pub fn hbars(values: &[(String, u64)], x_desc: &str) -> Result<String> {
    let names: Vec<String> = values.iter().rev().map(|v| v.0.clone()).collect();
    let top = values.iter().map(|v| v.1).max().unwrap_or(1).max(1) as f64 * 1.1;
    let height = (values.len() as u32 * 20 + 70).max(160);
    render(height, |root| {
        let n = values.len() as f64;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(190)
            .build_cartesian_2d(0.0..top, -0.5..n - 0.5)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .y_labels(names.len())
            .y_label_formatter(&|y| label_at(&names, *y))
            .x_label_formatter(&|x| format!("{x:.0}"))
            .x_desc(x_desc)
            .label_style((FONT, 12))
            .draw()?;
        chart.draw_series(values.iter().rev().enumerate().map(|(i, (_, v))| {
            let y = i as f64;
            Rectangle::new([(0.0, y - 0.35), (*v as f64, y + 0.35)], BASE.filled())
        }))?;
        Ok(())
    })
}

/// Sales per lead by (channel kind × country), colour-coded, value in each cell.
pub fn heat(
    cells: &BTreeMap<(String, String), f64>,
    kinds: &[String],
    countries: &[String],
) -> Result<String> {
    let (lo, hi) = cells
        .values()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let (lo, hi) = if lo < hi {
        (lo, hi)
    } else {
        (0.0, lo.max(1e-9))
    };
    let height = (kinds.len() as u32 * 38 + 80).max(200);
    render(height, |root| {
        let (nx, ny) = (countries.len() as f64, kinds.len() as f64);
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(110)
            .build_cartesian_2d(-0.5..nx - 0.5, -0.5..ny - 0.5)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(countries.len())
            .y_labels(kinds.len())
            .x_label_formatter(&|x| label_at(countries, *x))
            .y_label_formatter(&|y| label_at(kinds, *y))
            .label_style((FONT, 12))
            .draw()?;
        let mut rects = Vec::new();
        let mut labels = Vec::new();
        for (yi, k) in kinds.iter().enumerate() {
            for (xi, c) in countries.iter().enumerate() {
                let (x, y) = (xi as f64, yi as f64);
                match cells.get(&(k.clone(), c.clone())) {
                    Some(v) => {
                        let col = ViridisRGB::get_color_normalized(*v, lo, hi);
                        rects.push(Rectangle::new(
                            [(x - 0.48, y - 0.46), (x + 0.48, y + 0.46)],
                            col.filled(),
                        ));
                        let text = if (*v - lo) / (hi - lo).max(1e-12) > 0.6 {
                            BLACK
                        } else {
                            WHITE
                        };
                        labels.push(Text::new(
                            format!("{v:.3}"),
                            (x - 0.15, y + 0.1),
                            (FONT, 12).into_font().color(&text),
                        ));
                    }
                    None => rects.push(Rectangle::new(
                        [(x - 0.48, y - 0.46), (x + 0.48, y + 0.46)],
                        GRID.filled(),
                    )),
                }
            }
        }
        chart.draw_series(rects)?;
        chart.draw_series(labels)?;
        Ok(())
    })
}

/// Daily negative share of mentions, with incident starts marked and their recorded reaction
/// drops on the right axis.
pub fn sentiment(days: &[(i32, f64)], incidents: &[Incident]) -> Result<String> {
    let (first, last) = (calendar::WINDOW_START as f64, calendar::AS_OF as f64 + 1.0);
    let top = days.iter().map(|d| d.1).fold(0.0, f64::max).max(0.01) * 100.0 * 1.2;
    render(380, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(56)
            .right_y_label_area_size(70)
            .build_cartesian_2d(first..last, 0.0..top)?
            .set_secondary_coord(first..last, 0.0..100.0);
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .x_labels(10)
            .x_label_formatter(&|d| calendar::date(*d as i32).format("%Y-%m-%d").to_string())
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .y_desc("negative share of mentions")
            .label_style((FONT, 12))
            .draw()?;
        chart
            .configure_secondary_axes()
            .y_desc("incident reaction drop")
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .label_style((FONT, 12))
            .draw()?;
        chart
            .draw_series(incidents.iter().map(|i| {
                let x = i.day as f64;
                PathElement::new(vec![(x, 0.0), (x, top)], ALERT.mix(0.25).stroke_width(1))
            }))?
            .label("incident start (ground truth)")
            .legend(|(x, y)| {
                PathElement::new(vec![(x + 6, y - 6), (x + 6, y + 6)], ALERT.mix(0.4))
            });
        chart
            .draw_series(LineSeries::new(
                days.iter().map(|(d, s)| (*d as f64, s * 100.0)),
                BASE.stroke_width(1),
            ))?
            .label("daily negative share")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], BASE.stroke_width(2)));
        chart
            .draw_secondary_series(incidents.iter().map(|i| {
                TriangleMarker::new((i.day as f64, i.drop_pct as f64), 5, ALERT.filled())
            }))?
            .label("its recorded reaction drop (right axis)")
            .legend(|(x, y)| TriangleMarker::new((x + 6, y), 5, ALERT.filled()));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .label_font((FONT, 12))
            .draw()?;
        Ok(())
    })
}

/// Market cities on an equirectangular projection (longitude scaled by the cosine of the mean
/// latitude), one disc per city sized by its clients (area ∝ clients), coloured by country.
pub fn map(cities: &[City], countries: &[String]) -> Result<String> {
    let (mut lon0, mut lon1, mut lat0, mut lat1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for c in cities {
        lon0 = lon0.min(c.lon);
        lon1 = lon1.max(c.lon);
        lat0 = lat0.min(c.lat);
        lat1 = lat1.max(c.lat);
    }
    let (pad_lon, pad_lat) = (
        ((lon1 - lon0) * 0.06).max(2.0),
        ((lat1 - lat0) * 0.12).max(2.0),
    );
    let (lon0, lon1, lat0, lat1) = (
        lon0 - pad_lon,
        lon1 + pad_lon,
        lat0 - pad_lat,
        lat1 + pad_lat,
    );
    let k = ((lat0 + lat1) / 2.0).to_radians().cos().max(0.2);
    let plot_w = f64::from(WIDTH - 24 - 50);
    let height = ((plot_w * (lat1 - lat0) / ((lon1 - lon0) * k)) as u32 + 24 + 36).clamp(240, 700);
    let max = cities.iter().map(|c| c.clients).max().unwrap_or(1).max(1) as f64;
    // The biggest city per country gets a label; the rest would overlap at this zoom.
    let mut labelled: Vec<&City> = Vec::new();
    for c in cities {
        if c.clients > 0 && !labelled.iter().any(|l| l.country_code == c.country_code) {
            labelled.push(c);
        }
    }
    render(height, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(50)
            .build_cartesian_2d(lon0..lon1, lat0..lat1)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .x_label_formatter(&|v| format!("{v:.0}°"))
            .y_label_formatter(&|v| format!("{v:.0}°"))
            .x_desc("longitude")
            .y_desc("latitude")
            .label_style((FONT, 12))
            .draw()?;
        for (i, cc) in countries.iter().enumerate() {
            let col = colour(i);
            chart
                .draw_series(cities.iter().filter(|c| &c.country_code == cc).map(|c| {
                    let r = 3.0 + 26.0 * (c.clients as f64 / max).sqrt();
                    Circle::new((c.lon, c.lat), r as i32, col.mix(0.55).filled())
                }))?
                .label(cc.as_str())
                .legend(move |(x, y)| Circle::new((x + 6, y), 5, col.filled()));
        }
        chart.draw_series(labelled.iter().map(|c| {
            Text::new(
                format!("{} ({})", c.city, c.clients),
                (c.lon + 1.2, c.lat + 1.0),
                (FONT, 12).into_font(),
            )
        }))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .label_font((FONT, 12))
            .draw()?;
        Ok(())
    })
}

/// The embedding projection, coloured by image category.
pub fn projection(points: &[Projected], categories: &[String]) -> Result<String> {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in points {
        x0 = x0.min(p.x);
        x1 = x1.max(p.x);
        y0 = y0.min(p.y);
        y1 = y1.max(p.y);
    }
    let (px, py) = (((x1 - x0) * 0.08).max(1e-6), ((y1 - y0) * 0.08).max(1e-6));
    render(460, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(56)
            .build_cartesian_2d((x0 - px)..(x1 + px * 6.0), (y0 - py)..(y1 + py))?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .x_desc("PC 1")
            .y_desc("PC 2")
            .x_label_formatter(&|v| format!("{v:.2}"))
            .y_label_formatter(&|v| format!("{v:.2}"))
            .label_style((FONT, 12))
            .draw()?;
        for (i, cat) in categories.iter().enumerate() {
            let col = colour(i);
            chart
                .draw_series(
                    points
                        .iter()
                        .filter(|p| &p.category == cat)
                        .map(|p| Circle::new((p.x, p.y), 4, col.filled())),
                )?
                .label(cat.as_str())
                .legend(move |(x, y)| Circle::new((x + 6, y), 4, col.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .label_font((FONT, 11))
            .draw()?;
        Ok(())
    })
}

/// Spend against revenue per campaign (sampled), with the blended-ROAS line.
pub fn spend_revenue(points: &[(f64, f64)], blended: f64) -> Result<String> {
    let xmax = points.iter().map(|p| p.0).fold(1.0, f64::max) * 1.05;
    let ymax = points.iter().map(|p| p.1).fold(1.0, f64::max) * 1.05;
    render(400, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(0.0..xmax, 0.0..ymax)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .x_desc("campaign spend (USD)")
            .y_desc("campaign revenue (USD)")
            .x_label_formatter(&|v| si(*v))
            .y_label_formatter(&|v| si(*v))
            .label_style((FONT, 12))
            .draw()?;
        chart
            .draw_series(
                points
                    .iter()
                    .map(|(x, y)| Circle::new((*x, *y), 2, BASE.mix(0.6).filled())),
            )?
            .label("one campaign")
            .legend(|(x, y)| Circle::new((x + 6, y), 3, BASE.filled()));
        let end = xmax.min(ymax / blended.max(1e-9));
        chart
            .draw_series(LineSeries::new(
                [(0.0, 0.0), (end, end * blended)],
                HIGHLIGHT.stroke_width(2),
            ))?
            .label(format!(
                "revenue = {} × spend (blended ROAS)",
                trim(blended)
            ))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 14, y)], HIGHLIGHT.stroke_width(2))
            });
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .label_font((FONT, 12))
            .draw()?;
        Ok(())
    })
}

/// Number with SI suffix for log axes.
fn si(v: f64) -> String {
    if v >= 1e9 {
        format!("{}G", trim(v / 1e9))
    } else if v >= 1e6 {
        format!("{}M", trim(v / 1e6))
    } else if v >= 1e3 {
        format!("{}k", trim(v / 1e3))
    } else {
        trim(v)
    }
}

/// At most three significant digits, no trailing zeros.
pub fn trim(v: f64) -> String {
    let s = if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Bars of the values per distance band.
pub fn distance(bands: &[Band], values: &[f64]) -> Result<String> {
    let mut lo = 0.0;
    let labelled: Vec<(String, f64)> = bands
        .iter()
        .zip(values)
        .enumerate()
        .map(|(q, (b, v))| {
            let l = format!("q{} {:.1}–{:.1} km", q + 1, lo, b.max_km);
            lo = b.max_km;
            (l, *v)
        })
        .collect();
    bars(&labelled, "sales per lead", &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_month_and_trim() {
        assert_eq!(short_month("2024-12"), "Dec 24");
        assert_eq!(short_month("2025-01"), "Jan 25");
        assert_eq!(trim(3.0), "3");
        assert_eq!(trim(2.875), "2.88");
        assert_eq!(trim(45.26), "45.3");
        assert_eq!(trim(0.1234), "0.123");
        assert_eq!(si(2_500_000.0), "2.5M");
    }
}
