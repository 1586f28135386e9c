//! The output folder's rules: never mix two datasets, never delete what is not ours, and leave
//! nothing half-written behind (on an error, SIGINT or SIGTERM).
//!
//! A folder is accepted when it is missing, empty (empty sub-folders allowed), or holds parts of
//! the *same* partitioned run that are not the part being written. Our own previous dataset is
//! replaced only with `overwrite`, and then exactly the files its manifest(s) listed (plus our
//! hidden temporaries) are removed — never anything else. A folder holding files that no
//! manifest lists is refused, overwrite or not.
//!
//! The previous dataset stays whole until the new one is: the new files wait under their
//! temporary names and [`Replacement::commit`] swaps them in at the end (old manifest out, old
//! files out, new files renamed in, new manifest written) — so a run that fails or is
//! interrupted part-way leaves the old dataset exactly as it was.
//!
//! A run that is killed outright (SIGKILL, power loss) cannot clean up, so every run keeps a
//! journal (`.promptsales-journal`, or `.promptsales-journal.<K>` for part K): each file is
//! appended to it before the file is created, and the journal is removed once the manifest is
//! written. A folder with a journal holds an interrupted run of ours: it is refused without
//! `overwrite`, and with it exactly the journal's files are removed.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

use super::{manifest_name, Manifest, WriteOptions};

/// Files of runs in progress in this process: temporaries and the files each run completed.
/// [`remove_partial_output`] (called from a signal handler) deletes them all.
static IN_PROGRESS: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Open journals of runs in progress in this process: (output folder, journal path, file).
static JOURNALS: Mutex<Vec<(PathBuf, PathBuf, fs::File)>> = Mutex::new(Vec::new());

/// Whether a signal's cleanup has begun ([`remove_partial_output`]): the process is about to
/// exit, and its main thread must leave that exit (and its code) to the signal handler.
pub fn interrupted() -> bool {
    STOPPING.load(std::sync::atomic::Ordering::SeqCst)
}

/// Set by [`remove_partial_output`]: the process is about to exit on a signal.
static STOPPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub(super) fn track(path: &Path) {
    // A writer about to create a file after the signal's cleanup began would leave it behind:
    // it waits here instead until the process exits.
    if STOPPING.load(std::sync::atomic::Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    if let Ok(mut set) = IN_PROGRESS.lock() {
        set.insert(path.to_path_buf());
    }
    // Recorded before the file exists, so a killed run's journal lists everything it created.
    // A journal that cannot be appended to only weakens recovery after SIGKILL; the run goes on.
    if let Ok(mut journals) = JOURNALS.lock() {
        for (out, _, file) in journals.iter_mut() {
            if let Ok(rel) = path.strip_prefix(out.as_path()) {
                let _ = writeln!(file, "{}", slash_path(rel));
            }
        }
    }
}

fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The journal's name for a run of `partition`.
pub(crate) fn journal_name(partition: crate::config::Partition) -> String {
    if partition.is_whole() {
        JOURNAL.to_string()
    } else {
        format!("{JOURNAL}.{}", partition.index())
    }
}

const JOURNAL: &str = ".promptsales-journal";

/// `Some(None)` for the whole run's journal, `Some(Some(K))` for part K's, `None` otherwise.
fn journal_part(name: &str) -> Option<Option<u32>> {
    if name == JOURNAL {
        return Some(None);
    }
    name.strip_prefix(JOURNAL)
        .and_then(|r| r.strip_prefix('.'))
        .and_then(|k| k.parse::<u32>().ok())
        .map(Some)
}

/// A run's journal: created before its first file, removed when the run ends (written or
/// cleaned up). Dropping it without [`Journal::finish`] (a panic) leaves the file, which is then
/// what recovers the folder.
#[derive(Debug)]
pub(super) struct Journal {
    path: PathBuf,
}

impl Journal {
    pub(super) fn begin(
        out: &Path,
        partition: crate::config::Partition,
    ) -> crate::error::Result<Self> {
        let path = out.join(journal_name(partition));
        let file = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        if let Ok(mut set) = IN_PROGRESS.lock() {
            set.insert(path.clone());
        }
        if let Ok(mut journals) = JOURNALS.lock() {
            journals.push((out.to_path_buf(), path.clone(), file));
        }
        Ok(Self { path })
    }

    /// The run is over (its manifest is written, or its files are removed): the journal goes.
    pub(super) fn finish(self) {
        if let Ok(mut journals) = JOURNALS.lock() {
            journals.retain(|(_, path, _)| path != &self.path);
        }
        untrack(&self.path);
        let _ = fs::remove_file(&self.path);
    }
}

pub(super) fn untrack(path: &Path) {
    if let Ok(mut set) = IN_PROGRESS.lock() {
        set.remove(path);
    }
}

/// Removes every temporary file and every file completed by a run still in progress (the CLI
/// calls it on SIGINT/SIGTERM, then exits; no run may start in this process afterwards).
/// Returns how many files were removed.
pub fn remove_partial_output() -> usize {
    STOPPING.store(true, std::sync::atomic::Ordering::SeqCst);
    let paths: Vec<PathBuf> = match IN_PROGRESS.lock() {
        Ok(mut set) => std::mem::take(&mut *set).into_iter().collect(),
        // A panicking writer poisoned the lock; the set is still usable for cleanup.
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner())
            .into_iter()
            .collect(),
    };
    let mut removed = paths.iter().filter(|p| fs::remove_file(p).is_ok()).count();
    // A writer that registered a file just before the signal may create it just after the
    // first pass (registration precedes creation); new registrations now wait in `track`, so a
    // second pass a moment later catches those.
    std::thread::sleep(std::time::Duration::from_millis(100));
    removed += paths.iter().filter(|p| fs::remove_file(p).is_ok()).count();
    removed
}

/// The empty file a run writes and removes to prove `--out` writable.
pub(crate) const WRITE_PROBE: &str = ".promptsales-write-probe";

/// Whether `name` is one of our hidden temporaries (`.<file>.tmp`, `manifest….json.tmp`).
pub(crate) fn is_temporary(name: &str) -> bool {
    name.ends_with(".tmp") && (name.starts_with('.') || name.starts_with("manifest"))
}

/// Every file under `dir`, relative and `/`-separated, sorted (folders are not listed).
pub(crate) fn files_under(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let abs = dir.join(&rel);
        for entry in fs::read_dir(&abs).map_err(|e| Error::io(&abs, e))? {
            let entry = entry.map_err(|e| Error::io(&abs, e))?;
            let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
            let child = rel.join(entry.file_name());
            if kind.is_dir() {
                stack.push(child);
            } else {
                out.push(
                    child
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Manifest files at the top of `dir`: `manifest.json` and `manifest.<K>.json`.
pub(crate) fn is_manifest_name(name: &str) -> bool {
    name == "manifest.json"
        || name
            .strip_prefix("manifest.")
            .and_then(|r| r.strip_suffix(".json"))
            .is_some_and(|k| k.parse::<u32>().is_ok())
}

/// Whether `file` may belong to another part of this partitioned run still being written: one
/// of our temporaries, or `<store>/<table>/<table>.<K>.<ext>` for a table of this run and another
/// part K of the same count. (Its manifest, written last, then lists it; verify checks it.)
fn in_flight_part(file: &str, options: &WriteOptions, new: &Manifest) -> bool {
    let partition = options.partition;
    if partition.is_whole() {
        return false;
    }
    // Its temporaries, and the write probe every run creates and removes at the top.
    if file == WRITE_PROBE || file.rsplit('/').next().is_some_and(is_temporary) {
        return true;
    }
    // Another part's journal (that part is running, or was killed: its own rerun deals with it).
    if let Some(Some(k)) = journal_part(file) {
        return k != partition.index() && k <= partition.count();
    }
    let mut parts = file.split('/');
    let (Some(store), Some(table), Some(name), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    if !new.tables.contains_key(&format!("{store}.{table}")) {
        return false;
    }
    let Some(rest) = name.strip_prefix(table).and_then(|r| r.strip_prefix('.')) else {
        return false;
    };
    let Some((k, _ext)) = rest.split_once('.') else {
        return false;
    };
    k.parse::<u32>()
        .is_ok_and(|k| k >= 1 && k <= partition.count() && k != partition.index())
}

fn same_run(a: &Manifest, options: &WriteOptions, new: &Manifest) -> bool {
    a.partition.count() == options.partition.count()
        && !a.partition.is_whole()
        && a.version == new.version
        && a.seed == new.seed
        && a.scale == new.scale
        && a.peak_months == new.peak_months
        && a.embedding_dims == new.embedding_dims
        && a.compression == new.compression
        && a.row_group_rows == new.row_group_rows
        && a.formats == new.formats
        && a.stores == new.stores
        && a.tables.keys().eq(new.tables.keys())
}

/// Checks `options.out` before anything is written and, with `overwrite`, removes what earlier
/// interrupted runs left (their journals' files, our temporaries). The previous dataset that
/// `overwrite` replaces is returned, to be removed by [`Replacement::commit`] once the new one
/// is complete. `new` is the manifest the run will write (tables listed, no files yet).
pub(super) fn prepare(options: &WriteOptions, new: &Manifest) -> Result<Replacement> {
    let out = &options.out;
    let shown = out.display();
    match fs::metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Replacement::default()),
        Err(e) => {
            return Err(Error::invalid(
                "--out",
                format!("{shown}: cannot write there ({e})"),
            ))
        }
        Ok(m) if !m.is_dir() => {
            return Err(Error::invalid(
                "--out",
                format!("{shown} is a file, not a folder (give a new or empty folder)"),
            ))
        }
        Ok(_) => {}
    }
    let files = files_under(out)
        .map_err(|e| Error::invalid("--out", format!("{shown}: cannot read the folder ({e})")))?;
    // Parts of one run start together in one folder (one Kubernetes pod per part): another
    // part's temporaries and finished part files exist before its manifest does.
    let files: Vec<String> = files
        .into_iter()
        .filter(|f| !in_flight_part(f, options, new))
        .collect();
    if files.is_empty() {
        return Ok(Replacement::default());
    }
    // Journals of runs that were killed before they finished: the files they list are ours.
    let mut journaled: Vec<String> = Vec::new();
    let journals: Vec<&String> = files.iter().filter(|f| journal_part(f).is_some()).collect();
    for name in &journals {
        let text = fs::read_to_string(out.join(name.as_str())).map_err(|e| {
            Error::invalid("--out", format!("{shown}/{name}: cannot read it ({e})"))
        })?;
        // Only plain relative paths inside the folder: a damaged journal never reaches outside.
        journaled.extend(
            text.lines()
                .filter(|l| !l.is_empty() && !l.starts_with('/'))
                .filter(|l| l.split('/').all(|c| !c.is_empty() && c != "." && c != ".."))
                .map(str::to_string),
        );
        journaled.push((*name).clone());
    }
    if !journals.is_empty() && !options.overwrite {
        let files_left = journaled
            .iter()
            .filter(|f| journal_part(f).is_none() && files.contains(f))
            .count();
        return Err(Error::invalid(
            "--out",
            format!(
                "{shown} holds a run that was interrupted before it finished ({files_left} of its files remain, listed in {}); pass --overwrite to remove exactly those files, or give another folder",
                journals[0]
            ),
        ));
    }
    let mut manifests = Vec::new();
    for name in files.iter().filter(|f| is_manifest_name(f)) {
        let m = Manifest::read(&out.join(name)).map_err(|_| {
            Error::invalid(
                "--out",
                format!("{shown}/{name} is not a readable promptsales manifest; refusing to write into {shown}"),
            )
        })?;
        manifests.push((name.clone(), m));
    }
    if manifests.is_empty() && journals.is_empty() {
        return Err(Error::invalid(
            "--out",
            format!(
                "{shown} is not empty and holds no promptsales dataset (no manifest.json); give a new or empty folder"
            ),
        ));
    }
    let listed: BTreeSet<&str> = manifests
        .iter()
        .flat_map(|(name, m)| {
            std::iter::once(name.as_str()).chain(
                m.tables
                    .values()
                    .flat_map(|t| t.files.iter().map(|f| f.path.as_str())),
            )
        })
        .chain(journaled.iter().map(String::as_str))
        .collect();
    let foreign: Vec<&String> = files
        .iter()
        .filter(|f| !listed.contains(f.as_str()))
        .filter(|f| !f.rsplit('/').next().is_some_and(is_temporary))
        .collect();
    if let Some(first) = foreign.first() {
        return Err(Error::invalid(
            "--out",
            format!(
                "{shown} holds {} file(s) no manifest lists (first: {first}); refusing to mix them with a dataset — move them away or give another folder",
                foreign.len()
            ),
        ));
    }
    let mine = manifest_name(options.partition);
    // Another part of the same partitioned run: add this part beside it.
    let compatible = manifests.iter().all(|(_, m)| same_run(m, options, new));
    let replaced: Vec<&(String, Manifest)> = if compatible {
        manifests.iter().filter(|(name, _)| *name == mine).collect()
    } else {
        manifests.iter().collect()
    };
    if !replaced.is_empty() && !options.overwrite {
        let (_, m) = replaced[0];
        let what = if m.partition.is_whole() {
            "a dataset".to_string()
        } else if compatible {
            format!("part {} of this run", m.partition.index())
        } else {
            format!("a dataset in {} parts", m.partition.count())
        };
        return Err(Error::invalid(
            "--out",
            format!(
                "{shown} already holds {what} (seed {}, scale {}); pass --overwrite to replace it, or give another folder",
                m.seed, m.scale
            ),
        ));
    }
    // Leftovers of interrupted runs go now: our temporaries (a new run re-creates its own), then
    // the journaled files, each journal last.
    let mut dirs = BTreeSet::new();
    for f in files
        .iter()
        .filter(|f| f.rsplit('/').next().is_some_and(is_temporary))
        .chain(journaled.iter())
    {
        remove_rel(out, f, &mut dirs)?;
    }
    remove_empty(&dirs);
    Ok(Replacement {
        manifests: replaced.iter().map(|(name, _)| name.clone()).collect(),
        files: replaced
            .iter()
            .flat_map(|(_, m)| m.tables.values().flat_map(|t| t.files.iter()))
            .map(|f| f.path.clone())
            .filter(|f| !journaled.contains(f))
            .collect(),
    })
}

/// Removes `out/rel` (already gone is fine) and notes its folders in `dirs`.
fn remove_rel(out: &Path, rel: &str, dirs: &mut BTreeSet<PathBuf>) -> Result<()> {
    let path = out.join(rel);
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&path, e)),
    }
    let mut dir = Path::new(rel).parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        dirs.insert(out.join(d));
        dir = d.parent();
    }
    Ok(())
}

/// Removes the folders of `dirs` that are empty, deepest first (one that holds something stays).
fn remove_empty(dirs: &BTreeSet<PathBuf>) {
    for d in dirs.iter().rev() {
        let _ = fs::remove_dir(d);
    }
}

/// The previous dataset a run with `overwrite` replaces: removed only once the new dataset is
/// complete ([`Replacement::commit`]); until then the new files wait under temporary names.
#[derive(Debug, Default)]
pub(super) struct Replacement {
    /// The replaced manifests' names.
    manifests: Vec<String>,
    /// The files they list (relative, `/`-separated).
    files: Vec<String>,
}

impl Replacement {
    /// Whether there is a previous dataset to replace.
    pub(super) fn is_empty(&self) -> bool {
        self.manifests.is_empty()
    }

    /// Swaps the new dataset in: `finished` are the new files' paths (relative) whose contents
    /// wait under [`temporary_for`] names. The journal first learns every file involved (a
    /// run killed during the swap leaves a folder `--overwrite` recovers); then the old
    /// manifests go (the folder stops claiming the old dataset), then the old files, and the
    /// new files are renamed into place. The caller writes the new manifest last.
    pub(super) fn commit(&self, out: &Path, finished: &[String]) -> Result<()> {
        journal_note(out, self.files.iter().chain(self.manifests.iter()));
        let mut dirs = BTreeSet::new();
        for name in &self.manifests {
            remove_rel(out, name, &mut dirs)?;
        }
        for f in self.files.iter().filter(|f| !finished.contains(f)) {
            remove_rel(out, f, &mut dirs)?;
        }
        for rel in finished {
            let path = out.join(rel);
            let tmp = temporary_for(&path);
            track(&path);
            fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
            untrack(&tmp);
        }
        remove_empty(&dirs);
        Ok(())
    }
}

/// The hidden temporary a file is written under before it is renamed into place:
/// `<dir>/.<name>.tmp`.
pub(crate) fn temporary_for(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.parent()
        .unwrap_or(Path::new(""))
        .join(format!(".{name}.tmp"))
}

/// Appends `rels` (paths relative to `out`) to the journals of runs writing into `out`, without
/// tracking them as this run's files (a signal's cleanup must not delete them).
fn journal_note<'a>(out: &Path, rels: impl Iterator<Item = &'a String>) {
    if let Ok(mut journals) = JOURNALS.lock() {
        let rels: Vec<&String> = rels.collect();
        for (_, _, file) in journals.iter_mut().filter(|(dir, _, _)| dir == out) {
            for rel in &rels {
                let _ = writeln!(file, "{rel}");
            }
        }
    }
}
