//! The verification report: sections of named checks, each passed or failed with a detail, plus
//! informational lines (counts, the month histogram).

use serde_json::{json, Value};

use super::Dataset;

/// One check.
#[derive(Debug, Clone)]
pub struct Check {
    /// What is checked.
    pub name: String,
    /// Whether it held.
    pub passed: bool,
    /// Figures behind the verdict (and, on failure, the first offenders).
    pub detail: String,
}

/// A named figure a section measured (a rate, a ratio, a correlation): what the report and
/// other consumers show, so they print exactly the number `verify` judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// Stable name, e.g. `roas.kind.email`.
    pub name: String,
    /// The measured value.
    pub value: f64,
}

/// A group of checks.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Group name.
    pub name: String,
    /// Checks.
    pub checks: Vec<Check>,
    /// Informational lines.
    pub info: Vec<String>,
    /// Measured figures, in the order recorded.
    pub metrics: Vec<Metric>,
    /// Tables missing, when the group was skipped.
    pub skipped_for: Vec<String>,
    /// Why the group was skipped, when not for missing tables (e.g. `verify --part`).
    pub skipped_because: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Dataset folder.
    pub dir: String,
    /// Seed, scale.
    pub header: String,
    /// Sections in order.
    pub sections: Vec<Section>,
}

impl Report {
    pub(super) fn new(ds: &Dataset) -> Self {
        Report {
            dir: ds.root().display().to_string(),
            header: ds.describe(),
            sections: Vec::new(),
        }
    }

    pub(super) fn begin(&mut self, name: &str) {
        self.sections.push(Section {
            name: name.to_string(),
            ..Section::default()
        });
    }

    pub(super) fn skip(&mut self, name: &str, missing: Vec<&str>) {
        self.sections.push(Section {
            name: name.to_string(),
            skipped_for: missing.into_iter().map(String::from).collect(),
            ..Section::default()
        });
    }

    pub(super) fn skip_because(&mut self, name: &str, reason: &str) {
        self.sections.push(Section {
            name: name.to_string(),
            skipped_because: Some(reason.to_string()),
            ..Section::default()
        });
    }

    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.begin("general");
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    /// Records a check in the current section.
    pub fn check(&mut self, name: impl Into<String>, passed: bool, detail: impl Into<String>) {
        self.current().checks.push(Check {
            name: name.into(),
            passed,
            detail: detail.into(),
        });
    }

    /// Records an informational line in the current section.
    pub fn info(&mut self, line: impl Into<String>) {
        self.current().info.push(line.into());
    }

    /// Records a measured figure in the current section.
    pub fn metric(&mut self, name: impl Into<String>, value: f64) {
        self.current().metrics.push(Metric {
            name: name.into(),
            value,
        });
    }

    /// The first metric with this name, in any section.
    pub fn metric_value(&self, name: &str) -> Option<f64> {
        self.sections
            .iter()
            .flat_map(|s| s.metrics.iter())
            .find(|m| m.name == name)
            .map(|m| m.value)
    }

    /// Whether every check passed.
    pub fn passed(&self) -> bool {
        self.sections
            .iter()
            .all(|s| s.checks.iter().all(|c| c.passed))
    }

    /// Failed checks.
    pub fn failures(&self) -> Vec<&Check> {
        self.sections
            .iter()
            .flat_map(|s| s.checks.iter())
            .filter(|c| !c.passed)
            .collect()
    }

    /// Number of checks.
    pub fn check_count(&self) -> usize {
        self.sections.iter().map(|s| s.checks.len()).sum()
    }

    /// Human-readable text.
    pub fn render(&self) -> String {
        let mut out = format!("promptsales verify {}\n{}\n", self.dir, self.header);
        for s in &self.sections {
            out.push_str(&format!("\n== {} ==\n", s.name));
            if !s.skipped_for.is_empty() {
                out.push_str(&format!(
                    "  skipped (not in dataset: {})\n",
                    s.skipped_for.join(", ")
                ));
            }
            if let Some(reason) = &s.skipped_because {
                out.push_str(&format!("  skipped ({reason})\n"));
            }
            for line in &s.info {
                out.push_str(&format!("  {line}\n"));
            }
            for c in &s.checks {
                out.push_str(&format!(
                    "  [{}] {}: {}\n",
                    if c.passed { "ok" } else { "FAIL" },
                    c.name,
                    c.detail
                ));
            }
        }
        let failed = self.failures().len();
        out.push_str(&format!(
            "\n{} passed, {} failed\n",
            self.check_count() - failed,
            failed
        ));
        out
    }

    /// The report as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "dir": self.dir,
            "dataset": self.header,
            "passed": self.passed(),
            "checks": self.check_count(),
            "failed": self.failures().len(),
            "sections": self.sections.iter().map(|s| json!({
                "name": s.name,
                "skipped_for": s.skipped_for,
                "skipped_because": s.skipped_because,
                "info": s.info,
                "metrics": s.metrics.iter().map(|m| json!({"name": m.name, "value": m.value})).collect::<Vec<_>>(),
                "checks": s.checks.iter().map(|c| json!({"name": c.name, "passed": c.passed, "detail": c.detail})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_are_kept_per_section_and_in_json() {
        let mut r = Report::default();
        r.begin("economics");
        r.metric("roas.blended", 3.25);
        r.check("blended ROAS in [2.5, 5]", true, "3.25");
        assert_eq!(r.metric_value("roas.blended"), Some(3.25));
        assert_eq!(r.metric_value("absent"), None);
        let j = r.to_json();
        assert_eq!(j["sections"][0]["metrics"][0]["name"], "roas.blended");
        assert_eq!(j["sections"][0]["metrics"][0]["value"], 3.25);
    }
}
