//! Runs the ShellCheck CLI over the scripts, many per process, on every
//! core, and caches its comments under `target/` (they are derived from the
//! corpus, so they are regenerated, never committed).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::corpus::Fnv;
use crate::scripts::Script;

/// The options hadolint gives the ShellCheck library: every comment down to
/// style, no rc file, the codes it excludes. The dialect comes from each
/// script's `#!` line. hadolint enables no optional check; the oracle enables
/// those dockward has a rule for ([`OPTIONAL`]) so that their rules are
/// measured too, and leaves their codes out of everything that stands for
/// hadolint's run.
pub const ARGS: [&str; 5] = [
    "--format=json1",
    "--norc",
    "--severity=style",
    "--exclude=SC1090,SC1091,SC2187",
    "--enable=useless-use-of-cat,deprecate-which,avoid-negated-conditions",
];

/// The codes of the optional checks the oracle enables (`--enable`), with the
/// check's name: hadolint never shows them. (`avoid-negated-conditions` also
/// emits SC2335, which dockward has no rule for: it is left out like the
/// others.)
pub const OPTIONAL: [(&str, &str); 5] = [
    ("SC2002", "useless-use-of-cat"),
    ("SC2230", "deprecate-which"),
    ("SC2236", "avoid-negated-conditions"),
    ("SC2237", "avoid-negated-conditions"),
    ("SC2335", "avoid-negated-conditions"),
];

/// Whether only an optional check (off in hadolint's run) emits `code`.
pub fn is_optional(code: &str) -> bool {
    OPTIONAL.iter().any(|(c, _)| *c == code)
}

/// The version ShellCheck must have: the one hadolint 2.15.1 links.
pub const EXPECTED_VERSION: &str = "0.11.0";

/// Scripts per ShellCheck process.
const BATCH: usize = 150;

/// One ShellCheck comment, positioned in its script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// `SC2086`.
    pub code: String,
    /// error, warning, info or style.
    pub level: String,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
    pub message: String,
}

/// The `version:` line of `shellcheck --version`.
///
/// # Errors
/// When the program does not run.
pub fn version(bin: &Path) -> Result<String, String> {
    let out = Command::new(bin)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("version:"))
        .map(|v| v.trim().to_owned())
        .ok_or_else(|| format!("{} --version printed no version", bin.display()))
}

/// The cache key: ShellCheck's version, its arguments, the corpus manifest
/// and every script's text.
pub fn cache_key(version: &str, manifest_hash: u64, scripts: &[Script]) -> String {
    let mut h = Fnv::new();
    h.str(version);
    for a in ARGS {
        h.str(a);
    }
    h.write(&manifest_hash.to_le_bytes());
    for s in scripts {
        h.str(&s.text);
    }
    format!("{:016x}", h.0)
}

/// How the comments were obtained.
pub struct Run {
    pub comments: Vec<Vec<Comment>>,
    pub cache_file: PathBuf,
    pub cache_hit: bool,
}

/// ShellCheck's comments on each script, from the cache under `dir` when it
/// holds this exact run, else by running `bin` with `jobs` processes at once.
///
/// # Errors
/// When ShellCheck fails or its output cannot be read.
pub fn comments(
    bin: &Path,
    version: &str,
    manifest_hash: u64,
    scripts: &[Script],
    dir: &Path,
    jobs: usize,
    use_cache: bool,
) -> Result<Run, String> {
    let key = cache_key(version, manifest_hash, scripts);
    let cache_file = dir.join(format!("comments-{key}.tsv"));
    if use_cache
        && let Ok(text) = std::fs::read_to_string(&cache_file)
        && let Some(comments) = parse_cache(&text, scripts.len())
    {
        return Ok(Run {
            comments,
            cache_file,
            cache_hit: true,
        });
    }
    let comments = run(bin, scripts, &dir.join("scripts"), jobs)?;
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    std::fs::write(&cache_file, render_cache(&key, version, &comments))
        .map_err(|e| format!("write {}: {e}", cache_file.display()))?;
    Ok(Run {
        comments,
        cache_file,
        cache_hit: false,
    })
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn render_cache(key: &str, version: &str, comments: &[Vec<Comment>]) -> String {
    let mut out = format!(
        "# ShellCheck {version} comments, key {key}, {} scripts\n",
        comments.len()
    );
    for (i, list) in comments.iter().enumerate() {
        for c in list {
            let _ = writeln!(
                out,
                "{i}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                c.code,
                c.level,
                c.line,
                c.col,
                c.end_line,
                c.end_col,
                escape(&c.message)
            );
        }
    }
    out
}

fn parse_cache(text: &str, n: usize) -> Option<Vec<Vec<Comment>>> {
    let mut lines = text.lines();
    let header = lines.next()?;
    if !header.ends_with(&format!(", {n} scripts")) {
        return None;
    }
    let mut out = vec![Vec::new(); n];
    for line in lines {
        let f: Vec<&str> = line.splitn(8, '\t').collect();
        if f.len() != 8 {
            return None;
        }
        let i: usize = f[0].parse().ok()?;
        out.get_mut(i)?.push(Comment {
            code: f[1].to_owned(),
            level: f[2].to_owned(),
            line: f[3].parse().ok()?,
            col: f[4].parse().ok()?,
            end_line: f[5].parse().ok()?,
            end_col: f[6].parse().ok()?,
            message: unescape(f[7]),
        });
    }
    Some(out)
}

/// Parses ShellCheck's `json1` output; `index` maps a file name to its script.
///
/// # Errors
/// When the output is not ShellCheck's JSON.
pub fn parse_json1(
    text: &str,
    index: impl Fn(&str) -> Option<usize>,
) -> Result<Vec<(usize, Comment)>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("ShellCheck output: {e}"))?;
    let list = v["comments"]
        .as_array()
        .ok_or("ShellCheck output has no comments array")?;
    let num = |v: &Value| u32::try_from(v.as_u64().unwrap_or(0)).unwrap_or(0);
    let mut out = Vec::new();
    for c in list {
        let file = c["file"].as_str().unwrap_or("");
        let i = index(file).ok_or_else(|| format!("ShellCheck names an unknown file {file}"))?;
        out.push((
            i,
            Comment {
                code: format!("SC{}", c["code"].as_u64().unwrap_or(0)),
                level: c["level"].as_str().unwrap_or("").to_owned(),
                line: num(&c["line"]),
                col: num(&c["column"]),
                end_line: num(&c["endLine"]),
                end_col: num(&c["endColumn"]),
                message: c["message"].as_str().unwrap_or("").to_owned(),
            },
        ));
    }
    Ok(out)
}

/// Writes the scripts to `dir` and runs ShellCheck on batches of them,
/// `jobs` processes at once. Identical scripts (the corpus holds many
/// variants of one Dockerfile) are checked once.
fn run(
    bin: &Path,
    scripts: &[Script],
    dir: &Path,
    jobs: usize,
) -> Result<Vec<Vec<Comment>>, String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut unique = Vec::new();
    let same_as: Vec<usize> = scripts
        .iter()
        .enumerate()
        .map(|(i, s)| {
            *first.entry(s.text.as_str()).or_insert_with(|| {
                unique.push(i);
                i
            })
        })
        .collect();
    for &i in &unique {
        std::fs::write(dir.join(format!("{i}.sh")), &scripts[i].text).map_err(|e| e.to_string())?;
    }
    let batches: Vec<&[usize]> = unique.chunks(BATCH).collect();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(vec![Vec::new(); scripts.len()]);
    let failure: Mutex<Option<String>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let b = next.fetch_add(1, Ordering::SeqCst);
                    let Some(batch) = batches.get(b) else { break };
                    match run_batch(bin, dir, batch) {
                        Ok(list) => {
                            let mut r = results.lock().expect("results lock");
                            for (i, c) in list {
                                r[i].push(c);
                            }
                        }
                        Err(e) => {
                            *failure.lock().expect("failure lock") = Some(e);
                            break;
                        }
                    }
                }
            });
        }
    });
    if let Some(e) = failure.into_inner().expect("failure lock") {
        return Err(e);
    }
    let mut results = results.into_inner().expect("results lock");
    for list in &mut results {
        list.sort_by(|a, b| {
            (a.line, a.col, &a.code, &a.message).cmp(&(b.line, b.col, &b.code, &b.message))
        });
    }
    for (i, &j) in same_as.iter().enumerate() {
        if i != j {
            results[i] = results[j].clone();
        }
    }
    Ok(results)
}

fn run_batch(bin: &Path, dir: &Path, batch: &[usize]) -> Result<Vec<(usize, Comment)>, String> {
    let out = Command::new(bin)
        .current_dir(dir)
        .args(ARGS)
        .args(batch.iter().map(|i| format!("{i}.sh")))
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    // 0: no comments, 1: comments.
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!(
            "ShellCheck failed on scripts {:?}…: {}: {}",
            batch.first(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    parse_json1(&String::from_utf8_lossy(&out.stdout), |f| {
        f.strip_suffix(".sh")?.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scripts::{self, BkInstruction, Scope};

    /// The real ShellCheck (`.ci/run` installs it) on the scripts of a
    /// small Dockerfile: its comments land on the right file positions
    /// through continuations, JSON escapes and heredoc bodies.
    #[test]
    fn real_shellcheck_comments_map_back_to_the_file() {
        let Some(bin) = dockward_tests::venv_tool("shellcheck") else {
            dockward_tests::skip_without(
                "shellcheck",
                "real_shellcheck_comments_map_back_to_the_file",
            );
            return;
        };
        assert_eq!(version(&bin).unwrap(), EXPECTED_VERSION);
        let src = "FROM alpine\nRUN echo a \\\n  && echo $x\nRUN [\"/bin/sh\", \"-c\", \"echo \\\"a\\\"\\n echo $y\"]\nRUN <<EOF\necho \t$z\nEOF\n";
        let lines = scripts::physical_lines(src);
        let inst = |value: &[&str], start, end| BkInstruction {
            cmd: "RUN".into(),
            value: value.iter().map(|v| (*v).to_owned()).collect(),
            start_line: start,
            end_line: end,
            ..BkInstruction::default()
        };
        let mut exec = inst(&["/bin/sh", "-c", "echo \"a\"\n echo $y"], 4, 4);
        exec.json = true;
        let mut heredoc = inst(&["<<EOF"], 5, 7);
        heredoc.heredocs = vec![("EOF".into(), "echo \t$z\n".into())];
        let scope = Scope {
            shell: Some("/bin/sh".into()),
            exports: vec!["HTTP_PROXY".into()],
        };
        let mut out = Vec::new();
        let mut skips = Vec::new();
        for i in [&inst(&["echo a   && echo $x"], 2, 3), &exec, &heredoc] {
            scripts::build("f", &lines, i, &scope, &mut out, &mut skips);
        }
        assert!(skips.is_empty(), "{skips:?}");
        assert_eq!(out.len(), 3);
        // A duplicate is checked once and gets the same comments.
        let mut twin = out[0].clone();
        twin.inst_line = 9;
        out.push(twin);
        let dir = tempfile::tempdir().unwrap();
        let comments = run(&bin, &out, dir.path(), 2).unwrap();
        assert!(!dir.path().join("3.sh").exists());
        assert_eq!(comments[3], comments[0]);
        out.pop();
        let mut got = Vec::new();
        for (s, list) in out.iter().zip(&comments) {
            for c in list.iter().filter(|c| c.code == "SC2086") {
                let p = s.file_pos(c.line, c.col).unwrap();
                got.push((s.inst_line, p.line, p.col));
            }
        }
        assert_eq!(got, [(2, 3, 11), (4, 4, 42), (5, 6, 7)]);
    }

    #[test]
    fn parses_json1() {
        let text = r#"{"comments":[{"file":"3.sh","line":2,"endLine":2,"column":6,"endColumn":12,"level":"style","code":2006,"message":"m","fix":null}]}"#;
        let got = parse_json1(text, |f| f.strip_suffix(".sh")?.parse().ok()).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 3);
        assert_eq!(got[0].1.code, "SC2006");
        assert_eq!((got[0].1.line, got[0].1.col), (2, 6));
        assert!(parse_json1(r#"{"comments":[{"file":"x"}]}"#, |_| None).is_err());
    }

    #[test]
    fn cache_round_trips() {
        let c = Comment {
            code: "SC2086".into(),
            level: "info".into(),
            line: 3,
            col: 4,
            end_line: 3,
            end_col: 6,
            message: "a\tb\\n".into(),
        };
        let comments = vec![vec![], vec![c.clone(), c]];
        let text = render_cache("k", "0.11.0", &comments);
        assert_eq!(parse_cache(&text, 2), Some(comments));
        assert_eq!(parse_cache(&text, 3), None);
    }
}
