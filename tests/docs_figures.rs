//! Docs figures carry the command and the commit that produced them. A section of README.md or
//! docs/*.md (the text between two headings) that reports a measurement — it names a script in
//! `benches/` and says "measured", "median" or "ratio", or gives a ratio like "0.69×" — must
//! also name the commit of the tree that was measured, as ``commit `abc1234` ``. When the checkout has its history, that commit
//! must exist in it (a shallow CI clone may not have it; then only the form is checked).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn pages(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .expect("docs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    out.extend(docs);
    out
}

/// (heading, body) pairs for headings of levels 1–3; the text before the first heading is its own
/// section. Fenced code blocks are kept in the body but their `#` lines are not headings.
fn sections(text: &str) -> Vec<(String, String)> {
    let mut out = vec![(String::from("(top)"), String::new())];
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        // Level-4 headings (`#### Machine`) belong to the level-3 section they detail.
        if !fenced && line.starts_with('#') && !line.starts_with("####") {
            out.push((line.trim().to_string(), String::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push_str(line);
            last.1.push('\n');
        }
    }
    out
}

fn reports_a_measurement(body: &str) -> bool {
    let lower = body.to_lowercase();
    // Whole words: "integration" and "demonstration" contain "ratio".
    let mut words = lower.split(|c: char| !c.is_alphanumeric());
    let measured_word = words.any(|w| ["measured", "median", "ratio"].contains(&w));
    // A ratio written as a figure: "0.69×".
    let chars: Vec<char> = body.chars().collect();
    let ratio_figure = chars
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1] == '×');
    body.contains("benches/") && (measured_word || ratio_figure)
}

/// Every `commit `<hex>`` reference in the body (7 to 40 lowercase hex digits).
fn commits(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find("commit `") {
        let after = &rest[i + "commit `".len()..];
        let hex: String = after
            .chars()
            .take_while(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            .collect();
        if (7..=40).contains(&hex.len()) && after[hex.len()..].starts_with('`') {
            out.push(hex);
        }
        rest = after;
    }
    out
}

fn history_available(root: &Path) -> bool {
    Command::new("git")
        .args(["rev-parse", "--is-shallow-repository"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .is_some_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "false")
}

fn commit_exists(root: &Path, hex: &str) -> bool {
    Command::new("git")
        .args(["cat-file", "-e", &format!("{hex}^{{commit}}")])
        .current_dir(root)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn every_measured_figure_names_its_commit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check_history = history_available(root);
    let mut problems = Vec::new();
    let mut measured_sections = 0;
    for page in pages(root) {
        let text = fs::read_to_string(&page).expect("readable page");
        let name = page
            .strip_prefix(root)
            .unwrap_or(&page)
            .display()
            .to_string();
        for (heading, body) in sections(&text) {
            if !reports_a_measurement(&format!("{heading}\n{body}")) {
                continue;
            }
            measured_sections += 1;
            let found = commits(&body);
            if found.is_empty() {
                problems.push(format!(
                    "{name} › {heading}: reports a measurement but names no commit `…`"
                ));
            }
            if check_history {
                for c in found.iter().filter(|c| !commit_exists(root, c)) {
                    problems.push(format!(
                        "{name} › {heading}: commit `{c}` is not in history"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "docs figures without their commit:\n{}",
        problems.join("\n")
    );
    // The rule must apply to something: the README's benchmark sections at least.
    assert!(
        measured_sections >= 3,
        "only {measured_sections} measured sections found"
    );
}

#[test]
fn the_commit_pattern_is_recognised_and_strict() {
    assert_eq!(
        commits("at commit `13377e5`, and commit `abc` and commit `ABCDEF1` and commit `0412165d`"),
        vec!["13377e5".to_string(), "0412165d".to_string()]
    );
    assert!(reports_a_measurement("`bash benches/x.sh`: median 3 s"));
    assert!(!reports_a_measurement("benches/ holds the scripts"));
    assert!(!reports_a_measurement("benches/ and integration tests"));
    assert!(reports_a_measurement(
        "`benches/load.sh`: 21.6 s vs 31.3 s → **0.69×**"
    ));
    let s = sections("# A\ntext\n```\n# not a heading\n```\n## B\nmore\n#### B.1\nsub\n");
    assert_eq!(s.len(), 3);
    assert!(s[2].1.contains("#### B.1\nsub"));
    assert!(s[1].1.contains("# not a heading"));
}
