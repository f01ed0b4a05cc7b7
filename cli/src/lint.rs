//! `dockward lint`: read the inputs, resolve their configs, analyse (and fix)
//! them in parallel, report, and decide the exit code.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dockward_analyzer::rule::FileKind;
use dockward_analyzer::{
    Applicability, Config, Diagnostic, LineIndex, Severity, TextRange, registry,
};
use dockward_config::{ConfigCache, FailureThreshold, Loaded};
use rayon::prelude::*;

use crate::analyze::{self, Link};
use crate::args::{LintArgs, OutputFormat, ThresholdArg};
use crate::color::ColorSetting;
use crate::error::{CliError, describe_io};
use crate::fix::{self, FixMode, FixOutcome};
use crate::inputs::{self, Input, KindFilter, Source};
use crate::output::{self, Report};

/// The analyzer settings and exit-code settings one file is checked with.
#[derive(Debug)]
pub struct Resolved {
    pub config: Config,
    pub threshold: FailureThreshold,
    pub no_fail: bool,
}

/// What happened to one file.
#[derive(Debug)]
pub struct FileReport {
    /// The path as given or discovered.
    pub path: String,
    /// The text the findings refer to (after fixes, when fixing).
    pub source: String,
    pub line_index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
    /// Number of fixes applied.
    pub fixed: usize,
    /// Why fixes were not written, if they were not.
    pub fix_note: Option<String>,
    pub threshold: FailureThreshold,
    pub no_fail: bool,
}

/// The largest file read (the analyzer's offsets are `u32`; a file this
/// large is a mistake anyway).
const MAX_FILE_SIZE: u64 = 256 << 20;

/// Command-line rule settings, applied over each file's config.
struct Overrides {
    select: Option<Vec<String>>,
    extend_select: Vec<String>,
    ignore: Vec<String>,
    severity: Vec<(String, Severity)>,
    threshold: Option<FailureThreshold>,
    no_fail: bool,
}

impl Overrides {
    fn from_args(args: &LintArgs) -> Result<Overrides, CliError> {
        let check = |ids: &[String]| -> Result<Vec<String>, CliError> {
            ids.iter()
                .map(|id| id.trim().to_owned())
                .filter(|id| !id.is_empty())
                .map(|id| {
                    if dockward_config::is_rule_id(&id) {
                        Ok(id)
                    } else {
                        Err(CliError::Usage(dockward_config::unknown_rule_message(&id)))
                    }
                })
                .collect()
        };
        let mut severity = Vec::new();
        let mut ignore = check(&args.ignore)?;
        for spec in &args.severity {
            let Some((id, level)) = spec.split_once('=') else {
                return Err(CliError::Usage(format!(
                    "--severity expects RULE=LEVEL, got `{spec}`"
                )));
            };
            let id = check(&[id.to_owned()])?.pop().unwrap_or_default();
            let level = level.trim();
            if ["off", "ignore", "none"]
                .iter()
                .any(|n| n.eq_ignore_ascii_case(level))
            {
                ignore.push(id);
            } else if let Some(sev) = Severity::from_name(level) {
                severity.push((id, sev));
            } else {
                return Err(CliError::Usage(format!(
                    "--severity {spec}: unknown level `{level}` (expected error, warning, info, style or off)"
                )));
            }
        }
        Ok(Overrides {
            select: if args.select.is_empty() {
                None
            } else {
                Some(check(&args.select)?)
            },
            extend_select: check(&args.extend_select)?,
            ignore,
            severity,
            threshold: args.failure_threshold.map(|t| match t {
                ThresholdArg::Error => FailureThreshold::Severity(Severity::Error),
                ThresholdArg::Warning => FailureThreshold::Severity(Severity::Warning),
                ThresholdArg::Info => FailureThreshold::Severity(Severity::Info),
                ThresholdArg::Style => FailureThreshold::Severity(Severity::Style),
                ThresholdArg::None => FailureThreshold::None,
            }),
            no_fail: args.no_fail,
        })
    }

    fn apply(&self, loaded: &Loaded) -> Resolved {
        let mut config = loaded.config.clone();
        if let Some(select) = &self.select {
            config.select = Some(select.clone());
        }
        config
            .extend_select
            .extend(self.extend_select.iter().cloned());
        config.ignore.extend(self.ignore.iter().cloned());
        config.severity.extend(self.severity.iter().cloned());
        Resolved {
            config,
            threshold: self
                .threshold
                .or(loaded.cli.failure_threshold)
                .unwrap_or(FailureThreshold::Severity(Severity::Info)),
            no_fail: self.no_fail || loaded.cli.no_fail.unwrap_or(false),
        }
    }
}

/// Where configs come from for this run.
enum ConfigSource {
    Isolated,
    Fixed(Arc<Loaded>),
    Discover(ConfigCache),
}

impl ConfigSource {
    fn for_path(&mut self, anchor: &Path) -> Result<Arc<Loaded>, CliError> {
        match self {
            ConfigSource::Isolated => Ok(Arc::new(Loaded::defaults())),
            ConfigSource::Fixed(l) => Ok(Arc::clone(l)),
            ConfigSource::Discover(cache) => Ok(cache.get_for(anchor)?),
        }
    }
}

pub fn run(args: &LintArgs, color: ColorSetting) -> Result<u8, CliError> {
    let overrides = Overrides::from_args(args)?;
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err(CliError::Usage(
            "`-` (standard input) may be given once".to_owned(),
        ));
    }
    let mode = FixMode {
        apply: args.fix || args.fix_only || args.diff,
        unsafe_fixes: args.unsafe_fixes,
        diff: args.diff,
    };

    let mut source = if args.isolated {
        ConfigSource::Isolated
    } else if let Some(file) = &args.config {
        ConfigSource::Fixed(Arc::new(dockward_config::load_file(file)?))
    } else {
        ConfigSource::Discover(ConfigCache::new())
    };
    // Run-wide settings (format, colour) come from --config, else the config
    // that applies to the current directory.
    let global = match &mut source {
        ConfigSource::Discover(cache) => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            match dockward_config::discover_from_dir(&cwd) {
                Some(file) => cache.get_file(&file)?,
                None => Arc::new(Loaded::defaults()),
            }
        }
        other => other.for_path(Path::new("."))?,
    };

    let kinds = KindFilter {
        forced: args.kind.map(crate::args::KindArg::file_kind),
        ..KindFilter::ALL
    };
    let found = inputs::discover(&args.paths, args.stdin_filename.as_deref(), kinds);
    let mut stderr = anstream::stderr();
    for w in &global.warnings {
        let _ = writeln!(stderr, "dockward: warning: {w}");
    }
    for w in &found.warnings {
        let _ = writeln!(stderr, "dockward: warning: {w}");
    }
    let mut errors = found.errors;
    if found.inputs.is_empty() && errors.is_empty() {
        let _ = writeln!(
            stderr,
            "dockward: warning: no Dockerfiles, Compose files or daemon.json found"
        );
    }

    // Resolve each input's config (sequentially: discovery is cached).
    let mut resolved: HashMap<Option<PathBuf>, Arc<Resolved>> = HashMap::new();
    let mut jobs = Vec::with_capacity(found.inputs.len());
    let mut warned = std::collections::HashSet::new();
    for input in found.inputs {
        let loaded = source.for_path(&input.anchor)?;
        if !Arc::ptr_eq(&loaded, &global) && warned.insert(loaded.path.clone()) {
            for w in &loaded.warnings {
                let _ = writeln!(stderr, "dockward: warning: {w}");
            }
        }
        let r = resolved
            .entry(loaded.path.clone())
            .or_insert_with(|| Arc::new(overrides.apply(&loaded)))
            .clone();
        jobs.push((input, r));
    }

    let stdin_text = if jobs.iter().any(|(i, _)| i.source == Source::Stdin) {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| CliError::io(Path::new("<stdin>"), e))?;
        Some(buf)
    } else {
        None
    };

    let check =
        |(input, r): &(Input, Arc<Resolved>)| check_input(input, r, stdin_text.as_deref(), mode);
    // One file needs no thread pool (starting it costs more than the file).
    let results: Vec<Result<Checked, CliError>> = if jobs.len() > 1 {
        jobs.par_iter().map(check).collect()
    } else {
        jobs.iter().map(check).collect()
    };

    let mut files = Vec::with_capacity(results.len());
    // Each checked file's identity and kind, for the files Compose links.
    let mut checked: HashMap<PathBuf, (usize, FileKind, Arc<Resolved>)> = HashMap::new();
    let mut links: Vec<Link> = Vec::new();
    let mut fixed_stdin = None;
    let mut diffs = String::new();
    for (result, (input, r)) in results.into_iter().zip(&jobs) {
        match result {
            Ok(Checked {
                report,
                outcome,
                links: found_links,
            }) => {
                if let Source::File(path) = &input.source {
                    checked.insert(
                        inputs::identity(path),
                        (files.len(), input.kind, Arc::clone(r)),
                    );
                }
                links.extend(found_links);
                if let Some(outcome) = outcome {
                    match outcome {
                        FixOutcome::Stdin(text) => fixed_stdin = Some(text),
                        FixOutcome::Diff(d) => diffs.push_str(&d),
                        FixOutcome::Written | FixOutcome::Unchanged => {}
                        FixOutcome::WriteFailed(e) => errors.push(e),
                    }
                }
                if let Some(note) = &report.fix_note {
                    let _ = writeln!(stderr, "dockward: warning: {}: {note}", report.path);
                }
                files.push(report);
            }
            Err(e) => errors.push(e),
        }
    }
    check_linked(
        &links,
        &mut files,
        &checked,
        &mut source,
        &overrides,
        &mut resolved,
    )?;
    for e in &errors {
        let _ = writeln!(stderr, "dockward: error: {e}");
    }

    let format = match args.format {
        Some(f) => f,
        None => global
            .cli
            .format
            .as_deref()
            .and_then(OutputFormat::from_name)
            .unwrap_or(OutputFormat::Tty),
    };
    let use_color = color.stdout(global.cli.no_color.unwrap_or(false), args.output.is_some());
    let report = Report {
        files: &files,
        unsafe_fixes: args.unsafe_fixes,
        color: use_color,
        quiet: args.quiet,
    };

    let total_fixed: usize = files.iter().map(|f| f.fixed).sum();
    if mode.diff {
        write_stdout(diffs.as_bytes())?;
        let _ = writeln!(
            stderr,
            "dockward: {total_fixed} fix{} would be applied",
            if total_fixed == 1 { "" } else { "es" }
        );
        return Ok(if !errors.is_empty() {
            2
        } else {
            u8::from(total_fixed > 0)
        });
    }
    if let Some(text) = &fixed_stdin {
        // The fixed text goes to standard output; the report to standard error.
        write_stdout(text.as_bytes())?;
    }
    if args.fix_only {
        let remaining: usize = files.iter().map(|f| f.diagnostics.len()).sum();
        let _ = writeln!(
            stderr,
            "dockward: fixed {total_fixed} finding{}, {remaining} remaining",
            if total_fixed == 1 { "" } else { "s" }
        );
    } else {
        let mut buf = Vec::new();
        output::write(format, &report, &mut buf).map_err(|e| CliError::output(None, e))?;
        if let Some(path) = &args.output {
            std::fs::write(path, &buf).map_err(|e| CliError::io(path, e))?;
        } else if fixed_stdin.is_some() {
            std::io::stderr()
                .write_all(&buf)
                .map_err(|e| CliError::output(None, e))?;
        } else {
            write_stdout(&buf)?;
        }
    }

    if !errors.is_empty() {
        return Ok(2);
    }
    if args.fix_only {
        return Ok(0);
    }
    let failing = files
        .iter()
        .any(|f| !f.no_fail && f.diagnostics.iter().any(|d| f.threshold.fails(d.severity)));
    Ok(u8::from(failing))
}

fn write_stdout(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| CliError::output(None, e))
}

/// One checked input: its report, what became of its fixes, and the files
/// it names that are checked with it.
struct Checked {
    report: FileReport,
    outcome: Option<FixOutcome>,
    links: Vec<Link>,
}

/// Reads, analyses and (in fix mode) fixes one input.
fn check_input(
    input: &Input,
    resolved: &Resolved,
    stdin: Option<&[u8]>,
    mode: FixMode,
) -> Result<Checked, CliError> {
    let bytes = match &input.source {
        Source::Stdin => stdin.unwrap_or_default().to_vec(),
        Source::File(path) => read_file(path)?,
    };
    let kind = input.kind;
    let mut extra = Vec::new();
    let syntax = registry::by_code(analyze::syntax_rule_code(kind));
    let report_extra = syntax.filter(|m| resolved.config.is_enabled(m));
    let extra_severity = report_extra.map_or(Severity::Error, |m| resolved.config.severity_of(m));
    let mut push_extra = |range: TextRange, message: String| {
        if let Some(meta) = report_extra {
            extra.push(Diagnostic {
                code: meta.code,
                name: meta.name,
                severity: extra_severity,
                message,
                range,
                fix: None,
                related: Vec::new(),
                tags: Vec::new(),
                instruction: None,
            });
        }
    };

    let base = FileReport {
        path: input.display.clone(),
        source: String::new(),
        line_index: LineIndex::default(),
        diagnostics: Vec::new(),
        fixed: 0,
        fix_note: None,
        threshold: resolved.threshold,
        no_fail: resolved.no_fail,
    };

    if is_binary(&bytes) {
        push_extra(
            TextRange::empty(0),
            format!(
                "binary file: this is not {}, so it was not analysed",
                analyze::kind_noun(kind)
            ),
        );
        return Ok(Checked {
            report: FileReport {
                diagnostics: extra,
                ..base
            },
            outcome: None,
            links: Vec::new(),
        });
    }
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let s = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let end = s[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            push_extra(
                TextRange::new(at, end),
                format!(
                    "invalid UTF-8 at byte {at}: the file was read with replacement characters (U+FFFD)"
                ),
            );
            (s, true)
        }
    };

    // Fixing a lossily decoded file would write the replacement characters
    // back: fix only files that are valid UTF-8.
    let mode = FixMode {
        apply: mode.apply && !lossy,
        ..mode
    };
    let mut analysed = analyze::analyze(
        kind,
        &text,
        &resolved.config,
        &input.anchor,
        &input.display,
        mode,
    );
    // The analyzers discard a fixing round that adds syntax errors; this is
    // the last guard before a file is written.
    if mode.apply
        && analysed.text != text
        && analyze::syntax_errors(kind, &analysed.text) > analyze::syntax_errors(kind, &text)
    {
        analysed = analyze::analyze(
            kind,
            &text,
            &resolved.config,
            &input.anchor,
            &input.display,
            FixMode {
                apply: false,
                ..mode
            },
        );
        analysed.note = Some(
            "the fixed file would not parse, so no fix was applied (please report this)".to_owned(),
        );
    }
    let mut diagnostics = analysed.diagnostics;
    if !extra.is_empty() {
        diagnostics.extend(extra);
        diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
    }
    let outcome = if mode.apply {
        Some(fix::finish(input, &text, &analysed.text, mode))
    } else {
        None
    };
    let source = analysed.text;
    Ok(Checked {
        report: FileReport {
            line_index: LineIndex::new(&source),
            source,
            diagnostics,
            fixed: analysed.applied,
            fix_note: analysed.note,
            ..base
        },
        outcome,
        links: analysed.links,
    })
}

/// A file Compose files name, with every set of build args it is built
/// with.
struct LinkedFile<'l> {
    link: &'l Link,
    /// Each distinct set of build args, with who builds it so.
    arg_sets: Vec<(&'l [(String, String)], &'l str)>,
}

/// Checks the files the Compose files of the run name: the Dockerfiles
/// their services build (with each service's `build.args`) and the seccomp
/// profiles they name, each reported on its own path. A file that is also
/// an input is not read twice: the findings its build args bring join its
/// report. A file that cannot be read is skipped (it stays unknown, as in
/// the analyzer). Linked files are reported, not fixed: the same Dockerfile
/// may be built with other args elsewhere.
fn check_linked(
    links: &[Link],
    files: &mut Vec<FileReport>,
    checked: &HashMap<PathBuf, (usize, FileKind, Arc<Resolved>)>,
    source: &mut ConfigSource,
    overrides: &Overrides,
    resolved: &mut HashMap<Option<PathBuf>, Arc<Resolved>>,
) -> Result<(), CliError> {
    // Group by identity, in the order first named.
    let mut order: Vec<PathBuf> = Vec::new();
    let mut by_identity: HashMap<PathBuf, LinkedFile<'_>> = HashMap::new();
    for link in links {
        let id = inputs::identity(&link.path);
        let entry = by_identity.entry(id.clone()).or_insert_with(|| {
            order.push(id);
            LinkedFile {
                link,
                arg_sets: Vec::new(),
            }
        });
        if entry.link.kind == link.kind
            && !entry
                .arg_sets
                .iter()
                .any(|(args, _)| *args == link.build_args.as_slice())
        {
            entry.arg_sets.push((&link.build_args, &link.via));
        }
    }
    let mut jobs: Vec<LinkedJob<'_>> = Vec::new();
    for id in order {
        let linked = by_identity.remove(&id).expect("grouped above");
        if let Some((index, input_kind, r)) = checked.get(&id) {
            // Already checked as an input: only build args can add findings.
            if linked.link.kind == FileKind::Dockerfile && *input_kind == FileKind::Dockerfile {
                jobs.push(LinkedJob {
                    linked,
                    input: Some(*index),
                    resolved: Arc::clone(r),
                    text: Some(files[*index].source.clone()),
                });
            }
            continue;
        }
        let loaded = source.for_path(&linked.link.path)?;
        let r = resolved
            .entry(loaded.path.clone())
            .or_insert_with(|| Arc::new(overrides.apply(&loaded)))
            .clone();
        jobs.push(LinkedJob {
            linked,
            input: None,
            resolved: r,
            text: None,
        });
    }
    let check = |job: &LinkedJob<'_>| -> Option<Vec<Diagnostic>> {
        let link = job.linked.link;
        let text = match &job.text {
            Some(t) => t.clone(),
            None => analyze::read_linked(&link.path)?,
        };
        let config = &job.resolved.config;
        Some(match link.kind {
            FileKind::Dockerfile => {
                // What the file says on its own, to tell which findings
                // only the build args bring (those say so).
                let plain = analyze::analyze_built_dockerfile(&text, config, &link.path, &[]);
                let mut all: Vec<Diagnostic> = Vec::new();
                let mut keep = |d: Diagnostic| {
                    if !all.iter().any(|seen| same_finding(seen, &d)) {
                        all.push(d);
                    }
                };
                for (args, via) in &job.linked.arg_sets {
                    if args.is_empty() {
                        if job.input.is_none() {
                            plain.iter().cloned().for_each(&mut keep);
                        }
                        continue;
                    }
                    for mut d in analyze::analyze_built_dockerfile(&text, config, &link.path, args)
                    {
                        if plain.iter().any(|p| same_finding(p, &d)) {
                            if job.input.is_none() {
                                keep(d);
                            }
                        } else {
                            d.message
                                .push_str(&format!(" (as {via}, with its `build.args`)"));
                            keep(d);
                        }
                    }
                }
                all
            }
            kind => {
                let mode = FixMode {
                    apply: false,
                    unsafe_fixes: false,
                    diff: false,
                };
                analyze::analyze(kind, &text, config, &link.path, &link.display, mode).diagnostics
            }
        })
    };
    let results: Vec<Option<Vec<Diagnostic>>> = jobs.par_iter().map(check).collect();
    for (job, result) in jobs.into_iter().zip(results) {
        let Some(mut diagnostics) = result else {
            continue;
        };
        if let Some(index) = job.input {
            let report = &mut files[index];
            for d in diagnostics {
                if !report.diagnostics.iter().any(|seen| same_finding(seen, &d)) {
                    report.diagnostics.push(d);
                }
            }
            report
                .diagnostics
                .sort_by_key(|d| (d.range.start, d.range.end));
            continue;
        }
        diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
        let text = job
            .text
            .or_else(|| analyze::read_linked(&job.linked.link.path))
            .unwrap_or_default();
        files.push(FileReport {
            path: job.linked.link.display.clone(),
            line_index: LineIndex::new(&text),
            source: text,
            diagnostics,
            fixed: 0,
            fix_note: None,
            threshold: job.resolved.threshold,
            no_fail: job.resolved.no_fail,
        });
    }
    Ok(())
}

/// A linked file to check.
struct LinkedJob<'l> {
    linked: LinkedFile<'l>,
    /// The index of its report when it is also an input.
    input: Option<usize>,
    resolved: Arc<Resolved>,
    /// Its text, when already read.
    text: Option<String>,
}

/// The same finding twice (a Dockerfile built with several sets of args).
fn same_finding(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.code == b.code && a.range == b.range && a.message == b.message
}

pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, CliError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        let e = if std::fs::symlink_metadata(path).is_ok() {
            std::io::Error::other("broken symbolic link")
        } else {
            e
        };
        CliError::io(path, e)
    })?;
    if meta.is_dir() {
        return Err(CliError::io(path, std::io::Error::other("is a directory")));
    }
    if !meta.is_file() && !is_fifo(&meta) {
        return Err(CliError::io(
            path,
            std::io::Error::other("not a regular file (a device or socket)"),
        ));
    }
    let too_large = || {
        CliError::io(
            path,
            std::io::Error::other(format!(
                "file too large (dockward reads files up to {} MiB)",
                MAX_FILE_SIZE >> 20
            )),
        )
    };
    if meta.len() > MAX_FILE_SIZE {
        return Err(too_large());
    }
    let file = std::fs::File::open(path)
        .map_err(|e| CliError::io(path, std::io::Error::new(e.kind(), describe_io(&e))))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::io(path, std::io::Error::new(e.kind(), describe_io(&e))))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(unix)]
fn is_fifo(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::Metadata) -> bool {
    false
}

/// A NUL byte in the first 8 KiB marks a binary file (git's test).
fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// True when `d`'s fix would be applied with these settings.
#[must_use]
pub fn applicable(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    d.fix.as_ref().is_some_and(|f| match f.applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => unsafe_fixes,
        Applicability::DisplayOnly => false,
    })
}
