//! The HTML page: identity, one section per chart (title, one-line reading, inline SVG, the
//! plotted numbers in a collapsible table), and the `verify` summary.
//!
//! Every printed figure is a `<span class="fig" data-figure="NAME" data-value="RAW">` so the
//! page can be checked against `verify --json`. Where `verify` recorded a metric with the same
//! name (the economics contract: `roas.kind.<kind>`, `distance.sales_per_lead.q1`, …), the page
//! prints `verify`'s value and marks it `data-source="verify"`; otherwise the figure is computed
//! here from the files and marked `data-source="report"`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use promptsales_core::catalog::economics::{KindRange, CPA_BY_KIND, ROAS_BY_KIND};
use promptsales_core::verify::{Dataset, Report};

use crate::charts::{self, short_month};
use crate::figures::{self, median, pearson, per_lead, Figures, MAX_SCATTER_POINTS};
use crate::Result;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2430}
main,.wrap{max-width:1000px;margin:0 auto;padding:16px 20px 48px}.wrap{padding-bottom:0}
header{background:#1d2430;color:#fff;padding:20px}header h1{margin:0 0 6px;font-size:22px}
header .id{font-size:14px;opacity:.9}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.card{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:8px 12px;min-width:130px}
.card b{display:block;font-size:18px}.card span.l{font-size:12px;color:#5b6573}
section.chart,section.summary{background:#fff;border:1px solid #e3e6ea;border-radius:6px;margin:16px 0;padding:12px 16px}
h2{font-size:17px;margin:4px 0 4px}p.reading{margin:2px 0 8px;color:#37414f}
svg{max-width:100%;height:auto;display:block}
table{border-collapse:collapse;font-size:13px;margin:6px 0}td,th{border-bottom:1px solid #eceff2;padding:3px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}
.pass{color:#1c7c3a;font-weight:600}.fail{color:#c62828;font-weight:600}.skip{color:#7a828c}
nav a{margin-right:10px;font-size:13px}details{font-size:13px}p.note{font-size:12px;color:#5b6573}";

struct Page<'a> {
    out: String,
    metrics: BTreeMap<String, f64>,
    nav: Vec<(String, String)>,
    report: &'a Report,
}

impl Page<'_> {
    /// The value to print for `name`: `verify`'s when it measured it, else `computed`.
    fn value(&self, name: &str, computed: f64) -> f64 {
        self.metrics.get(name).copied().unwrap_or(computed)
    }

    /// A printed figure: `verify`'s value when it has the metric, else the computed one.
    fn fig(&self, name: &str, computed: f64, decimals: usize) -> String {
        let (v, source) = match self.metrics.get(name) {
            Some(v) => (*v, "verify"),
            None => (computed, "report"),
        };
        format!(
            r#"<span class="fig" data-figure="{}" data-value="{v}" data-source="{source}">{v:.decimals$}</span>"#,
            esc(name)
        )
    }

    /// A printed figure that is not a metric (counts, labels): always the given value.
    fn raw(name: &str, value: impl std::fmt::Display, text: &str) -> String {
        format!(
            r#"<span class="fig" data-figure="{}" data-value="{value}" data-source="report">{}</span>"#,
            esc(name),
            esc(text)
        )
    }

    fn section(
        &mut self,
        id: &str,
        title: &str,
        points: usize,
        reading: &str,
        svg: &str,
        table: &str,
    ) {
        self.nav.push((id.to_string(), title.to_string()));
        let _ = write!(
            self.out,
            "<section class=\"chart\" id=\"{id}\" data-points=\"{points}\"><h2>{}</h2><p class=\"reading\">{reading}</p>{svg}",
            esc(title)
        );
        if !table.is_empty() {
            let _ = write!(
                self.out,
                "<details><summary>The numbers</summary>{table}</details>"
            );
        }
        self.out.push_str("</section>\n");
    }

    fn missing(&mut self, id: &str, title: &str, needs: &str) {
        self.section(
            id,
            title,
            0,
            &format!("Not in this dataset: needs {}.", esc(needs)),
            "",
            "",
        );
    }
}

fn table(head: &[&str], rows: &[Vec<String>]) -> String {
    let mut t = String::from("<table><tr>");
    for h in head {
        let _ = write!(t, "<th>{}</th>", esc(h));
    }
    t.push_str("</tr>");
    for r in rows {
        t.push_str("<tr>");
        for c in r {
            let _ = write!(t, "<td>{c}</td>");
        }
        t.push_str("</tr>");
    }
    t.push_str("</table>");
    t
}

fn ratio(num: f64, den: f64) -> f64 {
    if den != 0.0 {
        num / den
    } else {
        0.0
    }
}

/// Builds the page.
pub fn build(ds: &Dataset, report: &Report, f: &Figures) -> Result<String> {
    let mut metrics = BTreeMap::new();
    for s in &report.sections {
        for m in &s.metrics {
            metrics.entry(m.name.clone()).or_insert(m.value);
        }
    }
    let mut p = Page {
        out: String::new(),
        metrics,
        nav: Vec::new(),
        report,
    };
    months(&mut p, f)?;
    funnel(&mut p, f)?;
    money(&mut p, f)?;
    ranges(
        &mut p,
        f,
        "chart-roas",
        "ROAS by channel kind",
        "roas",
        ROAS_BY_KIND,
    )?;
    ranges(
        &mut p,
        f,
        "chart-cpa",
        "CPA by channel kind",
        "cpa",
        CPA_BY_KIND,
    )?;
    distance(&mut p, f)?;
    heat(&mut p, f)?;
    peak(&mut p, f)?;
    sentiment(&mut p, f)?;
    map(&mut p, f)?;
    content(&mut p, f)?;
    let summary = verify_summary(&p);
    let head = identity(ds, p.report);
    let nav: String = p
        .nav
        .iter()
        .map(|(id, t)| format!("<a href=\"#{id}\">{}</a>", esc(t)))
        .collect();
    let m = ds.manifest();
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>PromptSales dataset report · seed {} · scale {}</title><style>{STYLE}</style></head>\n<body>{head}<main><nav>{nav}<a href=\"#verify\">verify summary</a></nav>\n{}{summary}</main></body></html>\n",
        m.seed, m.scale, p.out
    ))
}

fn identity(ds: &Dataset, report: &Report) -> String {
    let m = ds.manifest();
    let files = report.sections.iter().find(|s| s.name == "files");
    let checksums = match files {
        Some(s) if !s.checks.is_empty() && s.checks.iter().all(|c| c.passed) => {
            "verified".to_string()
        }
        Some(s) if !s.checks.is_empty() => "MISMATCH".to_string(),
        _ => "not checked".to_string(),
    };
    let failed = report.failures().len();
    let passed = report.check_count() - failed;
    let rows: Vec<(String, u64)> = ds
        .tables()
        .map(|t| (t.to_string(), ds.manifest_rows(t)))
        .collect();
    let total: u64 = rows.iter().map(|r| r.1).sum();
    let peaks = m
        .peak_months
        .iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let card = |label: &str, value: String| {
        format!(
            "<div class=\"card\"><b>{value}</b><span class=\"l\">{}</span></div>",
            esc(label)
        )
    };
    let mut cards = String::new();
    for (label, value) in [
        (
            "version",
            Page::raw("identity.version", esc(&m.version), &m.version),
        ),
        (
            "seed",
            Page::raw("identity.seed", m.seed, &m.seed.to_string()),
        ),
        (
            "scale",
            Page::raw("identity.scale", m.scale, &m.scale.to_string()),
        ),
        ("peak months", esc(&peaks)),
        (
            "tables",
            Page::raw("identity.tables", rows.len(), &rows.len().to_string()),
        ),
        (
            "rows",
            Page::raw("identity.rows", total, &group_digits(total)),
        ),
        (
            "checksums (SHA-256 vs manifest)",
            Page::raw("identity.checksums", &checksums, &checksums),
        ),
        (
            "verify checks passed",
            Page::raw("checks.passed", passed, &passed.to_string()),
        ),
        (
            "verify checks failed",
            Page::raw("checks.failed", failed, &failed.to_string()),
        ),
    ] {
        cards.push_str(&card(label, value));
    }
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(t, n)| {
            vec![
                esc(t),
                Page::raw(&format!("rows.{t}"), n, &group_digits(*n)),
            ]
        })
        .collect();
    format!(
        "<header><h1>PromptSales synthetic world</h1><div class=\"id\">{}</div></header><div class=\"wrap\"><div class=\"cards\">{cards}</div><details><summary>Row counts per table ({} tables)</summary>{}</details></div>",
        esc(&ds.describe()),
        rows.len(),
        table(&["table", "rows"], &table_rows)
    )
}

fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

fn months(p: &mut Page, f: &Figures) -> Result<()> {
    let (id, title) = ("chart-months", "Campaign starts and revenue per month");
    let Some(months) = &f.months else {
        p.missing(id, title, "ads.campaigns and ads.daily_results");
        return Ok(());
    };
    let svg = charts::months(months)?;
    let others: Vec<f64> = months
        .iter()
        .filter(|m| !m.peak)
        .map(|m| m.starts as f64)
        .collect();
    let peaks: Vec<String> = months
        .iter()
        .filter(|m| m.peak)
        .map(|m| format!("{} ({} starts)", short_month(&m.label), m.starts))
        .collect();
    let best_rev = months
        .iter()
        .max_by_key(|m| m.revenue_cents)
        .map(|m| short_month(&m.label))
        .unwrap_or_default();
    let reading = format!(
        "Peak months {} against a median of {} starts in the other months; revenue is highest in {}.",
        esc(&peaks.join(", ")),
        median(others),
        esc(&best_rev)
    );
    let rows: Vec<Vec<String>> = months
        .iter()
        .map(|m| {
            vec![
                format!("{}{}", esc(&m.label), if m.peak { " (peak)" } else { "" }),
                Page::raw(
                    &format!("starts.{}", m.label),
                    m.starts,
                    &m.starts.to_string(),
                ),
                Page::raw(
                    &format!("daily_revenue.{}", m.label),
                    format!("{:.2}", m.daily_revenue()),
                    &format!("{:.2}", m.daily_revenue()),
                ),
                format!("{:.2}", m.revenue_cents as f64 / 100.0),
            ]
        })
        .collect();
    let t = table(
        &[
            "month",
            "campaign starts",
            "avg daily revenue (USD)",
            "revenue (USD)",
        ],
        &rows,
    );
    p.section(id, title, months.len(), &reading, &svg, &t);
    Ok(())
}

fn funnel(p: &mut Page, f: &Figures) -> Result<()> {
    let (id, title) = (
        "chart-funnel",
        "The funnel by channel kind: impressions → clicks → leads → sales",
    );
    let Some(kinds) = f.kinds.as_ref().filter(|k| !k.is_empty()) else {
        p.missing(id, title, "ads.daily_results and ads.channels");
        return Ok(());
    };
    let svg = charts::funnel(kinds)?;
    let mut rows = Vec::new();
    let mut best = ("", f64::MIN);
    let mut worst = ("", f64::MAX);
    for k in kinds {
        let cts = p.value(
            &format!("click_to_sale.kind.{}", k.kind),
            ratio(k.sales as f64, k.clicks as f64),
        );
        if cts > best.1 {
            best = (k.kind, cts);
        }
        if cts < worst.1 {
            worst = (k.kind, cts);
        }
        let cost = k.cost_cents as f64 / 100.0;
        rows.push(vec![
            esc(k.kind),
            k.impressions.to_string(),
            k.clicks.to_string(),
            k.leads.to_string(),
            k.sales.to_string(),
            p.fig(
                &format!("click_to_sale.kind.{}", k.kind),
                ratio(k.sales as f64, k.clicks as f64),
                4,
            ),
            p.fig(
                &format!("cpc.kind.{}", k.kind),
                ratio(cost, k.clicks as f64),
                2,
            ),
            p.fig(
                &format!("cpm.kind.{}", k.kind),
                ratio(cost * 1000.0, k.impressions as f64),
                2,
            ),
        ]);
    }
    let reading = format!(
        "Clicks turn into sales best on {} ({:.2}% of clicks) and worst on {} ({:.2}%).",
        esc(best.0),
        best.1 * 100.0,
        esc(worst.0),
        worst.1 * 100.0
    );
    let t = table(
        &[
            "kind",
            "impressions",
            "clicks",
            "leads",
            "sales",
            "sales per click",
            "CPC (USD)",
            "CPM (USD)",
        ],
        &rows,
    );
    p.section(id, title, kinds.len() * 4, &reading, &svg, &t);
    Ok(())
}

fn money(p: &mut Page, f: &Figures) -> Result<()> {
    let (id, title) = ("chart-spend-revenue", "Spend and revenue per campaign");
    let Some(camps) = f.campaigns.as_ref().filter(|c| !c.is_empty()) else {
        p.missing(id, title, "ads.daily_results");
        return Ok(());
    };
    let spend: Vec<f64> = camps.iter().map(|c| c.0 as f64 / 100.0).collect();
    let revenue: Vec<f64> = camps.iter().map(|c| c.1 as f64 / 100.0).collect();
    let sales: Vec<f64> = camps.iter().map(|c| c.2 as f64).collect();
    let blended = ratio(revenue.iter().sum(), spend.iter().sum());
    let per_campaign: Vec<f64> = camps
        .iter()
        .filter(|c| c.0 > 0)
        .map(|c| c.1 as f64 / c.0 as f64)
        .collect();
    let stride = camps.len().div_ceil(MAX_SCATTER_POINTS).max(1);
    let points: Vec<(f64, f64)> = (0..camps.len())
        .step_by(stride)
        .map(|i| (spend[i], revenue[i]))
        .collect();
    let shown_blended = p.value("roas.blended", blended);
    let svg = charts::spend_revenue(&points, shown_blended)?;
    let reading = format!(
        "Blended ROAS {} (campaign median {}); spend and revenue correlate at r = {}, spend and sales at r = {}{}.",
        p.fig("roas.blended", blended, 2),
        p.fig("roas.campaign_median", median(per_campaign), 2),
        p.fig("corr.spend_revenue", pearson(&spend, &revenue), 3),
        p.fig("corr.spend_conversions", pearson(&spend, &sales), 3),
        if stride > 1 {
            format!(" ({} of {} campaigns drawn, every {stride}th)", points.len(), camps.len())
        } else {
            String::new()
        }
    );
    p.section(id, title, points.len(), &reading, &svg, "");
    Ok(())
}

fn ranges(
    p: &mut Page,
    f: &Figures,
    id: &str,
    title: &str,
    metric: &str,
    bands: &[KindRange],
) -> Result<()> {
    let Some(kinds) = f.kinds.as_ref().filter(|k| !k.is_empty()) else {
        p.missing(id, title, "ads.daily_results and ads.channels");
        return Ok(());
    };
    let computed = |k: &figures::Kind| {
        let (cost, rev) = (k.cost_cents as f64 / 100.0, k.revenue_cents as f64 / 100.0);
        if metric == "roas" {
            ratio(rev, cost)
        } else {
            ratio(cost, k.sales as f64)
        }
    };
    // A kind with no spend (ROAS) or no sale (CPA) has no ratio to draw.
    let kinds: Vec<&figures::Kind> = kinds
        .iter()
        .filter(|k| {
            if metric == "roas" {
                k.cost_cents > 0
            } else {
                k.sales > 0
            }
        })
        .collect();
    let values: Vec<(String, f64)> = kinds
        .iter()
        .map(|k| {
            (
                k.kind.to_string(),
                p.value(&format!("{metric}.kind.{}", k.kind), computed(k)),
            )
        })
        .collect();
    let (desc, unit, decimals) = if metric == "roas" {
        ("revenue ÷ spend (log scale)", "", 2)
    } else {
        ("USD per sale (log scale)", "$", 2)
    };
    let svg = charts::with_bands(&values, bands, desc, unit)?;
    let mut inside = 0;
    let mut rows = Vec::new();
    for (k, (name, v)) in kinds.iter().copied().zip(&values) {
        let band = bands.iter().find(|b| b.kind == name);
        if band.is_some_and(|b| *v >= b.low && *v <= b.high) {
            inside += 1;
        }
        rows.push(vec![
            esc(name),
            p.fig(&format!("{metric}.kind.{name}"), computed(k), decimals),
            band.map(|b| format!("{} – {}", charts::trim(b.low), charts::trim(b.high)))
                .unwrap_or_default(),
            band.map(|b| esc(b.source)).unwrap_or_default(),
        ]);
    }
    let none = f.kinds.as_ref().map_or(0, |k| k.len()) - values.len();
    let reading = format!(
        "{inside} of {} channel kinds sit inside their cited {} range (green bands; orange bars fall outside){}.",
        values.len(),
        metric.to_uppercase(),
        if none > 0 {
            format!("; {none} kind(s) without {} not drawn", if metric == "roas" { "spend" } else { "sales" })
        } else {
            String::new()
        }
    );
    let t = table(
        &["kind", &metric.to_uppercase(), "cited range", "source"],
        &rows,
    );
    p.section(id, title, values.len(), &reading, &svg, &t);
    Ok(())
}

fn distance(p: &mut Page, f: &Figures) -> Result<()> {
    let (id, title) = (
        "chart-distance",
        "Conversion by distance from the market's city",
    );
    let Some(bands) = f.bands.as_ref().filter(|b| b.iter().any(|b| b.leads > 0)) else {
        p.missing(
            id,
            title,
            "crm.clients, crm.client_campaigns, crm.sales, ads.markets",
        );
        return Ok(());
    };
    let values: Vec<f64> = bands
        .iter()
        .enumerate()
        .map(|(q, b)| {
            p.value(
                &format!("distance.sales_per_lead.q{}", q + 1),
                per_lead(b.sales as f64, b.leads as f64),
            )
        })
        .collect();
    let svg = charts::distance(bands, &values)?;
    let (near, far) = (
        values.first().copied().unwrap_or(0.0),
        values.last().copied().unwrap_or(0.0),
    );
    let reading = format!(
        "Sales per lead: {} for the nearest fifth of leads, {} for the farthest ({} {:.0}%), as a CRM query joining leads, clients and markets finds it.",
        p.fig("distance.sales_per_lead.q1", per_lead(bands[0].sales as f64, bands[0].leads as f64), 4),
        p.fig(
            "distance.sales_per_lead.q5",
            bands.last().map(|b| per_lead(b.sales as f64, b.leads as f64)).unwrap_or(0.0),
            4
        ),
        if far <= near { "down" } else { "up" },
        (ratio(far, near) - 1.0).abs() * 100.0
    );
    let mut lo = 0.0;
    let rows: Vec<Vec<String>> = bands
        .iter()
        .enumerate()
        .map(|(q, b)| {
            let r = vec![
                format!("q{}", q + 1),
                format!("{lo:.1} – {:.1}", b.max_km),
                b.leads.to_string(),
                b.sales.to_string(),
                p.fig(
                    &format!("distance.sales_per_lead.q{}", q + 1),
                    per_lead(b.sales as f64, b.leads as f64),
                    4,
                ),
            ];
            lo = b.max_km;
            r
        })
        .collect();
    let t = table(
        &["quintile", "km", "leads", "sales", "sales per lead"],
        &rows,
    );
    p.section(id, title, bands.len(), &reading, &svg, &t);
    Ok(())
}

fn heat(p: &mut Page, f: &Figures) -> Result<()> {
    let (id, title) = (
        "chart-channel-market",
        "Conversion by channel kind × market country",
    );
    let Some(cells) = f.heat.as_ref().filter(|h| h.values().any(|c| c.leads > 0)) else {
        p.missing(
            id,
            title,
            "crm.client_campaigns, crm.sales, ads.channels, ads.markets",
        );
        return Ok(());
    };
    let mut values = BTreeMap::new();
    let mut rows = Vec::new();
    let (mut best, mut worst) = ((String::new(), f64::MIN), (String::new(), f64::MAX));
    for ((k, c), cell) in cells.iter().filter(|(_, c)| c.leads > 0) {
        let name = format!("channel_market.sales_per_lead.{k}.{c}");
        let computed = per_lead(cell.sales as f64, cell.leads as f64);
        let v = p.value(&name, computed);
        values.insert((k.clone(), c.clone()), v);
        if v > best.1 {
            best = (format!("{k} in {c}"), v);
        }
        if v < worst.1 {
            worst = (format!("{k} in {c}"), v);
        }
        rows.push(vec![
            esc(k),
            esc(c),
            cell.leads.to_string(),
            cell.sales.to_string(),
            p.fig(&name, computed, 4),
        ]);
    }
    let kinds: Vec<String> = figures::KINDS
        .iter()
        .filter(|k| values.keys().any(|(kk, _)| kk == *k))
        .map(|k| k.to_string())
        .collect();
    let countries: Vec<String> = values
        .keys()
        .map(|(_, c)| c.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let svg = charts::heat(&values, &kinds, &countries)?;
    let reading = format!(
        "Sales per lead range from {:.4} ({}) to {:.4} ({}) across {} channel-kind × country cells.",
        worst.1,
        esc(&worst.0),
        best.1,
        esc(&best.0),
        values.len()
    );
    let t = table(
        &["kind", "country", "leads", "sales", "sales per lead"],
        &rows,
    );
    p.section(id, title, values.len(), &reading, &svg, &t);
    Ok(())
}

fn peak(p: &mut Page, f: &Figures) -> Result<()> {
    let (id, title) = (
        "chart-peak",
        "Peak-month lift: sales per lead in peak and other months",
    );
    let Some([pl, ps, ol, os]) = f.peak else {
        p.missing(id, title, "ads.daily_results");
        return Ok(());
    };
    let (cp, co) = (
        per_lead(ps as f64, pl as f64),
        per_lead(os as f64, ol as f64),
    );
    let (vp, vo) = (
        p.value("peak.sales_per_lead.peak", cp),
        p.value("peak.sales_per_lead.other", co),
    );
    let svg = charts::bars(
        &[
            ("peak months".to_string(), vp),
            ("other months".to_string(), vo),
        ],
        "sales per lead",
        &[true, false],
    )?;
    let reading = format!(
        "A lead converts at {} in peak months and {} in the others: {:+.1}% lift.",
        p.fig("peak.sales_per_lead.peak", cp, 4),
        p.fig("peak.sales_per_lead.other", co, 4),
        (ratio(vp, vo) - 1.0) * 100.0
    );
    let t = table(
        &["months", "leads", "sales"],
        &[
            vec!["peak".into(), pl.to_string(), ps.to_string()],
            vec!["other".into(), ol.to_string(), os.to_string()],
        ],
    );
    p.section(id, title, 2, &reading, &svg, &t);
    Ok(())
}

fn sentiment(p: &mut Page, f: &Figures) -> Result<()> {
    let (id, title) = (
        "chart-sentiment",
        "Sentiment: daily negative share, with the ground-truth incidents",
    );
    let Some(days) = f.sentiment.as_ref().filter(|d| !d.is_empty()) else {
        p.missing(id, title, "ads.sentiment_daily");
        return Ok(());
    };
    let incidents = f.incidents.clone().unwrap_or_default();
    let shares: Vec<(i32, f64)> = days
        .iter()
        .map(|(d, n, a)| (*d, ratio(*n as f64, *a as f64)))
        .collect();
    let svg = charts::sentiment(&shares, &incidents)?;
    let (neg, all) = days
        .iter()
        .fold((0i64, 0i64), |(n, a), d| (n + d.1, a + d.2));
    let pct = ratio(neg as f64, all as f64) * 100.0;
    let drops: Vec<f64> = incidents.iter().map(|i| i.drop_pct as f64).collect();
    let reading = format!(
        "{}% of all mentions are negative; {} incidents (red) cut reactions per impression by a median {:.0}%.",
        Page::raw("sentiment.negative_pct", format!("{pct:.1}"), &format!("{pct:.1}")),
        Page::raw("incidents.count", incidents.len(), &incidents.len().to_string()),
        median(drops)
    );
    let rows: Vec<Vec<String>> = incidents
        .iter()
        .map(|i| {
            vec![
                promptsales_core::catalog::calendar::date(i.day).to_string(),
                i.ad_id.to_string(),
                esc(&i.category),
                format!("{}%", i.drop_pct),
            ]
        })
        .collect();
    let t = table(
        &["started on", "ad", "category", "recorded reaction drop"],
        &rows,
    );
    p.section(id, title, days.len() + incidents.len(), &reading, &svg, &t);
    Ok(())
}

fn map(p: &mut Page, f: &Figures) -> Result<()> {
    let (id, title) = ("chart-map", "Clients on a map of the markets");
    let Some(cities) = f
        .cities
        .as_ref()
        .filter(|c| c.iter().any(|c| c.clients > 0))
    else {
        p.missing(id, title, "crm.clients and ads.markets");
        return Ok(());
    };
    let countries: Vec<String> = cities
        .iter()
        .map(|c| c.country_code.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let svg = charts::map(cities, &countries)?;
    let total: u64 = cities.iter().map(|c| c.clients).sum();
    let top = &cities[0];
    let mut by_country: BTreeMap<&str, u64> = BTreeMap::new();
    for c in cities {
        *by_country.entry(&c.country_code).or_default() += c.clients;
    }
    let reading = format!(
        "{} clients in {} cities of {} countries; the largest is {} with {} ({:.0}%).",
        group_digits(total),
        cities.len(),
        countries.len(),
        esc(&top.city),
        group_digits(top.clients),
        ratio(top.clients as f64, total as f64) * 100.0
    );
    let rows: Vec<Vec<String>> = cities
        .iter()
        .map(|c| {
            vec![
                esc(&c.city),
                esc(&c.country_code),
                format!("{:.4}", c.lat),
                format!("{:.4}", c.lon),
                c.clients.to_string(),
            ]
        })
        .collect();
    let t = table(&["city", "country", "lat", "lon", "clients"], &rows);
    p.section(id, title, cities.len(), &reading, &svg, &t);
    Ok(())
}

fn content(p: &mut Page, f: &Figures) -> Result<()> {
    match f.categories.as_ref().filter(|c| !c.is_empty()) {
        Some(cats) => {
            let svg = charts::hbars(cats, "images")?;
            let total: u64 = cats.iter().map(|c| c.1).sum();
            let reading = format!(
                "{total} images across {} categories ({} to {} each).",
                cats.len(),
                cats.iter().map(|c| c.1).min().unwrap_or(0),
                cats.iter().map(|c| c.1).max().unwrap_or(0)
            );
            p.section(
                "chart-categories",
                "Content: images per category",
                cats.len(),
                &reading,
                &svg,
                "",
            );
        }
        None => p.missing(
            "chart-categories",
            "Content: images per category",
            "content.images",
        ),
    }
    match f.hashtags.as_ref().filter(|c| !c.is_empty()) {
        Some(tags) => {
            let svg = charts::hbars(tags, "images carrying the hashtag")?;
            let reading = format!(
                "The {} most used hashtags; {} leads, on {} images.",
                tags.len(),
                esc(&tags[0].0),
                tags[0].1
            );
            p.section(
                "chart-hashtags",
                "Content: most used hashtags",
                tags.len(),
                &reading,
                &svg,
                "",
            );
        }
        None => p.missing(
            "chart-hashtags",
            "Content: most used hashtags",
            "content.images",
        ),
    }
    match &f.projection {
        Some((points, share)) if !points.is_empty() => {
            let cats: Vec<String> = points
                .iter()
                .map(|p| p.category.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let svg = charts::projection(points, &cats)?;
            let reading = format!(
                "{} image embeddings on their first two principal components ({:.1}% and {:.1}% of the variance), coloured by category.",
                points.len(),
                share[0] * 100.0,
                share[1] * 100.0
            );
            p.section(
                "chart-embedding",
                "Content: embedding projection (PCA)",
                points.len(),
                &reading,
                &svg,
                "",
            );
        }
        _ => p.missing(
            "chart-embedding",
            "Content: embedding projection (PCA)",
            "content.images",
        ),
    }
    Ok(())
}

fn verify_summary(p: &Page) -> String {
    let mut rows = Vec::new();
    for s in &p.report.sections {
        let failed = s.checks.iter().filter(|c| !c.passed).count();
        let (status, class) = if !s.skipped_for.is_empty() {
            ("skipped", "skip")
        } else if failed > 0 {
            ("fail", "fail")
        } else {
            ("pass", "pass")
        };
        let detail = if !s.skipped_for.is_empty() {
            format!("not in dataset: {}", esc(&s.skipped_for.join(", ")))
        } else {
            s.checks
                .iter()
                .filter(|c| !c.passed)
                .map(|c| format!("FAIL {}: {}", esc(&c.name), esc(&c.detail)))
                .collect::<Vec<_>>()
                .join("<br>")
        };
        rows.push(vec![
            esc(&s.name),
            format!(
                "<span class=\"fig {class}\" data-figure=\"group.{}\" data-value=\"{status}\" data-source=\"verify\">{status}</span>",
                esc(&s.name)
            ),
            (s.checks.len() - failed).to_string(),
            failed.to_string(),
            detail,
        ]);
    }
    let mut metric_rows = Vec::new();
    for s in &p.report.sections {
        for m in &s.metrics {
            metric_rows.push(vec![esc(&s.name), esc(&m.name), p.fig(&m.name, m.value, 4)]);
        }
    }
    let failed = p.report.failures().len();
    let mut out = format!(
        "<section class=\"summary\" id=\"verify\" data-points=\"{}\"><h2>verify: every check group</h2><p class=\"reading\">{} checks in {} groups: {} passed, {} failed{}.</p>{}",
        p.report.sections.len(),
        p.report.check_count(),
        p.report.sections.len(),
        p.report.check_count() - failed,
        failed,
        if failed == 0 { " — the dataset holds every invariant checked" } else { "" },
        table(&["group", "status", "passed", "failed", "failures / notes"], &rows)
    );
    if metric_rows.is_empty() {
        out.push_str("<p class=\"note\">verify recorded no named metrics for this dataset; the figures above are computed from the files by the report.</p>");
    } else {
        let _ = write!(
            out,
            "<details><summary>Metrics verify recorded ({})</summary>{}</details>",
            metric_rows.len(),
            table(&["group", "metric", "value"], &metric_rows)
        );
    }
    out.push_str("</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&#39;");
        assert_eq!(group_digits(1234567), "1\u{202f}234\u{202f}567");
        assert_eq!(group_digits(12), "12");
    }

    #[test]
    fn figures_prefer_verify_metrics() {
        let report = Report::default();
        let mut metrics = BTreeMap::new();
        metrics.insert("roas.blended".to_string(), 3.25);
        let p = Page {
            out: String::new(),
            metrics,
            nav: Vec::new(),
            report: &report,
        };
        let shown = p.fig("roas.blended", 9.0, 2);
        assert!(shown.contains(r#"data-value="3.25""#), "{shown}");
        assert!(shown.contains(r#"data-source="verify""#), "{shown}");
        assert!(shown.ends_with(">3.25</span>"), "{shown}");
        let own = p.fig("roas.kind.email", 31.5, 1);
        assert!(own.contains(r#"data-value="31.5""#) && own.contains(r#"data-source="report""#));
        assert_eq!(p.value("roas.blended", 1.0), 3.25);
        assert_eq!(p.value("absent", 1.0), 1.0);
    }
}
