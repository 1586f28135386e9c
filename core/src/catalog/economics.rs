//! Published return-on-ad-spend and cost-per-acquisition ranges per channel kind
//! (DOMAIN.md §1 and §8): the bands the report draws and the economics checks judge against.
//!
//! Interface agreed with the campaign-economics work (issue 8): one [`KindRange`] per channel
//! kind (social, search, display, video, email, sms, professional, influencer) in
//! [`ROAS_BY_KIND`] and [`CPA_BY_KIND`]. Values marked **(assumption)** have no published
//! figure for that kind in DOMAIN.md.

/// A published (or assumed) range for one channel kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindRange {
    /// Channel kind, as in `ads.channels.kind`.
    pub kind: &'static str,
    /// Low end of the range.
    pub low: f64,
    /// High end of the range.
    pub high: f64,
    /// Where the range comes from.
    pub source: &'static str,
}

/// Revenue ÷ spend per channel kind.
pub static ROAS_BY_KIND: &[KindRange] = &[
    KindRange {
        kind: "social",
        low: 2.0,
        high: 4.0,
        source: "DOMAIN.md §8: paid social around 2–4 (namediaexperts 2026 blended 2.87; metricuno 2024)",
    },
    KindRange {
        kind: "search",
        low: 1.5,
        high: 5.0,
        source: "DOMAIN.md §8: search non-brand low 1.5 (metricuno 2024) to ~5 mature search (namediaexperts 2026)",
    },
    KindRange {
        kind: "display",
        low: 0.5,
        high: 2.0,
        source: "DOMAIN.md §8 reading: awareness channels 0.5–2 (assumption)",
    },
    KindRange {
        kind: "video",
        low: 0.5,
        high: 2.0,
        source: "DOMAIN.md §8 reading: awareness channels 0.5–2 (assumption)",
    },
    KindRange {
        kind: "email",
        low: 15.0,
        high: 50.0,
        source: "DOMAIN.md §8: owned email/SMS low 15, top quartile 50 (metricuno 2024)",
    },
    KindRange {
        kind: "sms",
        low: 15.0,
        high: 50.0,
        source: "DOMAIN.md §8: owned email/SMS low 15, top quartile 50 (metricuno 2024)",
    },
    KindRange {
        kind: "professional",
        low: 2.0,
        high: 6.5,
        source: "DOMAIN.md §8: paid social 2 to B2B lead-gen 6.5 (davisdigitalconsulting 2023–24) (derived)",
    },
    KindRange {
        kind: "influencer",
        low: 2.0,
        high: 4.0,
        source: "DOMAIN.md §8: as paid social 2–4 (assumption)",
    },
];

/// Spend ÷ sales per channel kind, in dollars per sale.
pub static CPA_BY_KIND: &[KindRange] = &[
    KindRange {
        kind: "social",
        low: 25.0,
        high: 57.0,
        source: "DOMAIN.md §8: Meta CPA £20–45 (digital-marketing-news 2024) at 1.27 USD/GBP (assumption)",
    },
    KindRange {
        kind: "search",
        low: 45.0,
        high: 117.0,
        source: "DOMAIN.md §8: Google Ads CPA $45.27 e-commerce to $116.61 real estate (davisdigitalconsulting)",
    },
    KindRange {
        kind: "display",
        low: 50.0,
        high: 150.0,
        source: "(assumption) above search: awareness channels convert less (DOMAIN.md §8 reading)",
    },
    KindRange {
        kind: "video",
        low: 50.0,
        high: 150.0,
        source: "(assumption) above search: awareness channels convert less (DOMAIN.md §8 reading)",
    },
    KindRange {
        kind: "email",
        low: 3.0,
        high: 25.0,
        source: "(assumption) owned channel: ROAS an order of magnitude above paid (DOMAIN.md §8)",
    },
    KindRange {
        kind: "sms",
        low: 3.0,
        high: 25.0,
        source: "(assumption) owned channel: ROAS an order of magnitude above paid (DOMAIN.md §8)",
    },
    KindRange {
        kind: "professional",
        low: 75.0,
        high: 200.0,
        source: "DOMAIN.md §8: B2B Google Ads CPA $116.13 (davisdigitalconsulting); band (assumption)",
    },
    KindRange {
        kind: "influencer",
        low: 25.0,
        high: 57.0,
        source: "(assumption) as paid social: Meta CPA £20–45 (DOMAIN.md §8)",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_range_per_channel_kind_and_ordered() {
        let kinds = [
            "social",
            "search",
            "display",
            "video",
            "email",
            "sms",
            "professional",
            "influencer",
        ];
        for table in [ROAS_BY_KIND, CPA_BY_KIND] {
            assert_eq!(table.len(), kinds.len());
            for k in kinds {
                let r = table.iter().find(|r| r.kind == k).expect("kind present");
                assert!(r.low > 0.0 && r.low < r.high, "{k}: {r:?}");
            }
        }
    }
}
