//! The corpus and its stored references, and one pass of dockward over it
//! that also gathers what the other parts need (the facts the hadolint
//! false-positive classifier reads, the scripts for ShellCheck).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use dockward_analyzer::model::{Model, ShellApplicability};
use dockward_analyzer::syntax::{EscapeChar, Keyword};
use dockward_analyzer::{Config, analyze};
use serde_json::Value;

use crate::scripts::{self, BkInstruction, Scope, Script, Skip};

/// A 64-bit FNV-1a hash: stable across runs and toolchains, for cache keys.
#[derive(Clone, Copy)]
pub struct Fnv(pub u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn str(&mut self, s: &str) {
        self.write(s.as_bytes());
        self.write(&[0]);
    }
}

/// One hadolint finding.
#[derive(Clone, Debug)]
pub struct HFinding {
    pub code: String,
    pub file: String,
    pub line: u32,
}

/// The corpus files and the stored outputs of the peers.
pub struct Corpus {
    pub dir: PathBuf,
    /// `real/…` paths in manifest order.
    pub files: Vec<String>,
    pub manifest_hash: u64,
    pub buildkit: HashMap<String, Vec<BkInstruction>>,
    /// Every hadolint finding but DL1000.
    pub hadolint: Vec<HFinding>,
    /// Files hadolint rejected (DL1000).
    pub unparsed: BTreeSet<String>,
}

impl Corpus {
    /// Loads the manifest and the references.
    ///
    /// # Panics
    /// When a reference file is missing or malformed.
    pub fn load(dir: &Path) -> Corpus {
        let manifest =
            std::fs::read_to_string(dir.join("real/MANIFEST.tsv")).expect("read manifest");
        let mut h = Fnv::new();
        h.write(manifest.as_bytes());
        let files = manifest
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        let reference: Vec<Value> = serde_json::from_str(
            &std::fs::read_to_string(dir.join("reference/hadolint-2.15.1.json"))
                .expect("read hadolint reference"),
        )
        .expect("parse hadolint reference");
        let mut unparsed = BTreeSet::new();
        let mut hadolint = Vec::new();
        for f in &reference {
            let code = f["code"].as_str().unwrap_or("").to_owned();
            let file = f["file"].as_str().unwrap_or("").to_owned();
            if code == "DL1000" {
                unparsed.insert(file);
                continue;
            }
            let line = u32::try_from(f["line"].as_u64().unwrap_or(0)).unwrap_or(0);
            hadolint.push(HFinding { code, file, line });
        }
        let bk_text = std::fs::read_to_string(dir.join("reference/buildkit-ref.jsonl"))
            .expect("read buildkit reference");
        let mut buildkit = HashMap::new();
        for line in bk_text.lines() {
            let Ok(v) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            let path = v["path"].as_str().unwrap_or("").to_owned();
            if !path.starts_with("real/") {
                continue;
            }
            let strs = |v: &Value| -> Vec<String> {
                v.as_array()
                    .map(|a| {
                        a.iter()
                            .map(|x| x.as_str().unwrap_or("").to_owned())
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let num = |v: &Value| u32::try_from(v.as_u64().unwrap_or(0)).unwrap_or(0);
            let instructions = v["instructions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|i| BkInstruction {
                            cmd: i["cmd"].as_str().unwrap_or("").to_owned(),
                            sub_cmd: i["sub_cmd"].as_str().map(str::to_owned),
                            json: i["json"].as_bool().unwrap_or(false),
                            flags: strs(&i["flags"]),
                            value: strs(&i["value"]),
                            start_line: num(&i["start_line"]),
                            end_line: num(&i["end_line"]),
                            heredocs: i["heredocs"]
                                .as_array()
                                .map(|h| {
                                    h.iter()
                                        .map(|d| {
                                            (
                                                d["name"].as_str().unwrap_or("").to_owned(),
                                                d["content"].as_str().unwrap_or("").to_owned(),
                                            )
                                        })
                                        .collect()
                                })
                                .unwrap_or_default(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            buildkit.insert(path, instructions);
        }
        Corpus {
            dir: dir.to_path_buf(),
            files,
            manifest_hash: h.0,
            buildkit,
            hadolint,
            unparsed,
        }
    }
}

/// One dockward finding, keyed to the instruction it belongs to.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The code it counts for (its rule's code, or an SC alias of it: one
    /// finding per code).
    pub code: String,
    /// Its rule's code.
    pub rule: String,
    pub file: String,
    /// 1-based first line of the instruction.
    pub inst_line: u32,
    /// 1-based line where the finding starts.
    pub line: u32,
    pub message: String,
}

/// What the false-positive classifier needs to know about the instruction
/// of a hadolint SC finding.
#[derive(Clone, Debug, Default)]
pub struct InstFacts {
    /// dockward's model says the instruction is not POSIX shell.
    pub non_posix: bool,
    /// The file uses the backtick escape.
    pub backtick_escape: bool,
    /// The SHELL in effect: its 1-based line and program.
    pub shell: Option<(u32, String)>,
    /// An ENV or ARG comes between that SHELL and the instruction.
    pub env_or_arg_after_shell: bool,
    /// The instruction's text, continuations joined.
    pub text: String,
}

/// The result of one pass over the corpus.
#[derive(Default)]
pub struct Scan {
    /// Files read.
    pub files: usize,
    pub findings: Vec<Finding>,
    /// Facts of the instructions hadolint reports SC codes on, by (file, line).
    pub facts: HashMap<(String, u32), InstFacts>,
    pub scripts: Vec<Script>,
    pub skips: Vec<(Skip, String, u32)>,
    /// Instructions BuildKit has that dockward's parser starts elsewhere.
    pub unmatched_instructions: usize,
    /// (file, instruction line, code) of the findings an inline suppression
    /// silences (`# hadolint ignore=`, `# dockward ignore=`, `# shellcheck
    /// disable=`): found with the file's pragmas disabled, absent without.
    pub suppressed: HashSet<(String, u32, String)>,
    /// (file, instruction line) of the RUNs of a stage built `FROM` a name
    /// with a variable (`FROM base-${FLAVOUR}`) that dockward resolves to a
    /// stage of the file (the `ARG`'s default): dockward knows the parent's
    /// `ENV`, hadolint and the oracle's script match the text literally.
    pub templated_parent: HashSet<(String, u32)>,
}

/// hadolint's always-declared variables.
pub const PROXY_VARS: [&str; 8] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// The SC codes a rule counts for: its code if it is one, and its SC aliases.
pub fn sc_codes(meta: &dockward_analyzer::rule::RuleMeta) -> Vec<&'static str> {
    std::iter::once(meta.code)
        .chain(meta.aliases.iter().copied())
        .filter(|c| c.starts_with("SC"))
        .collect()
}

/// The SC codes dockward implements (codes and aliases of its rules).
pub fn implemented_sc_codes() -> BTreeSet<String> {
    dockward_analyzer::registry::all()
        .flat_map(sc_codes)
        .map(str::to_owned)
        .collect()
}

/// Runs dockward (every DL rule and every rule with an SC code or alias) over
/// the corpus; with `with_scripts`, also builds ShellCheck's scripts.
pub fn scan(corpus: &Corpus, with_scripts: bool) -> Scan {
    let mut select: Vec<String> = dockward_analyzer::registry::all()
        .filter(|m| (m.code.starts_with("DL") && m.code != "DL1000") || !sc_codes(m).is_empty())
        .map(|m| m.code.to_owned())
        .collect();
    select.dedup();
    let config = Config {
        select: Some(select),
        ..Config::default()
    };
    let unsuppressed = Config {
        disable_inline_pragmas: true,
        ..config.clone()
    };
    let mut sc_lines: HashMap<&str, BTreeSet<u32>> = HashMap::new();
    for f in &corpus.hadolint {
        if f.code.starts_with("SC") {
            sc_lines.entry(f.file.as_str()).or_default().insert(f.line);
        }
    }
    let mut out = Scan::default();
    for path in &corpus.files {
        let Ok(bytes) = std::fs::read(corpus.dir.join(path)) else {
            continue;
        };
        out.files += 1;
        let src = String::from_utf8_lossy(&bytes);
        let analysis = analyze(&src, &config);
        let model = &analysis.model;
        let inst_line = |i: usize| model.file.instructions[i].start_line + 1;
        for d in &analysis.diagnostics {
            if d.code == "DL1000" {
                continue;
            }
            let index = d
                .instruction
                .or_else(|| model.instruction_at(d.range.start()));
            let line = model.file.line_of(d.range.start()) + 1;
            let inst = index.map_or(line, |i| inst_line(i as usize));
            let meta = dockward_analyzer::registry::by_code(d.code);
            let mut codes = vec![d.code];
            if let Some(meta) = meta {
                codes.extend(sc_codes(meta).into_iter().filter(|c| *c != d.code));
            }
            for code in codes {
                out.findings.push(Finding {
                    code: code.to_owned(),
                    rule: d.code.to_owned(),
                    file: path.clone(),
                    inst_line: inst,
                    line,
                    message: d.message.clone(),
                });
            }
        }
        if !model.pragmas.pragmas.is_empty() {
            let reported: HashSet<(u32, &str)> = out
                .findings
                .iter()
                .filter(|f| f.file == *path)
                .map(|f| (f.inst_line, f.code.as_str()))
                .collect();
            let mut silenced = Vec::new();
            for d in &analyze(&src, &unsuppressed).diagnostics {
                let index = d
                    .instruction
                    .or_else(|| model.instruction_at(d.range.start()));
                let line = model.file.line_of(d.range.start()) + 1;
                let inst = index.map_or(line, |i| inst_line(i as usize));
                let mut codes = vec![d.code];
                if let Some(meta) = dockward_analyzer::registry::by_code(d.code) {
                    codes.extend(sc_codes(meta).into_iter().filter(|c| *c != d.code));
                }
                for code in codes {
                    if !reported.contains(&(inst, code)) {
                        silenced.push((path.clone(), inst, code.to_owned()));
                    }
                }
            }
            out.suppressed.extend(silenced);
        }
        let index_of: HashMap<u32, usize> = (0..model.file.instructions.len())
            .map(|i| (inst_line(i), i))
            .collect();
        let lines = scripts::physical_lines(&src);
        if let Some(wanted) = sc_lines.get(path.as_str()) {
            for &line in wanted {
                let facts = index_of
                    .get(&line)
                    .map(|&i| facts(model, i, &lines, line))
                    .unwrap_or_default();
                out.facts.insert((path.clone(), line), facts);
            }
        }
        if with_scripts {
            let Some(bk) = corpus.buildkit.get(path) else {
                continue;
            };
            build_scripts(path, model, bk, &lines, &index_of, &mut out);
        }
    }
    out
}

fn facts(model: &Model, index: usize, lines: &[&str], line: u32) -> InstFacts {
    let shell = model.shell_at(index);
    let env_or_arg_after_shell = shell.as_ref().is_some_and(|(at, _)| {
        (at + 1..index).any(|i| model.is(i, Keyword::Env) || model.is(i, Keyword::Arg))
    });
    InstFacts {
        non_posix: model.shell_applicability(index) == ShellApplicability::NonPosix,
        backtick_escape: model.file.escape == EscapeChar::Backtick,
        shell: shell.map(|(at, argv)| {
            (
                model.file.instructions[at].start_line + 1,
                argv.into_iter().next().unwrap_or_default(),
            )
        }),
        env_or_arg_after_shell,
        text: scripts::join_logical(lines, line).0.text(),
    }
}

/// The shell dockward's model says RUN `index` runs (`None`: not POSIX).
fn shell_of(model: &Model, index: usize) -> Option<String> {
    if model.file.escape == EscapeChar::Backtick
        || model.shell_applicability(index) == ShellApplicability::NonPosix
    {
        return None;
    }
    if let Some((_, argv)) = model.shell_at(index) {
        return argv.into_iter().next();
    }
    let start = model.file.instructions[index].range.start();
    if let Some((name, range)) = &model.pragmas.shell
        && range.start() < start
    {
        return Some(name.clone());
    }
    Some("/bin/sh".to_owned())
}

/// The scripts of every RUN of one file, with hadolint's variable
/// declarations: the proxy variables, then every ENV key and the first name
/// of every ARG seen so far in the stage (a stage built `FROM` an earlier
/// stage starts with that stage's names).
fn build_scripts(
    path: &str,
    model: &Model,
    bk: &[BkInstruction],
    lines: &[&str],
    index_of: &HashMap<u32, usize>,
    out: &mut Scan,
) {
    let proxies: Vec<String> = PROXY_VARS.iter().map(|s| (*s).to_owned()).collect();
    let mut stages: Vec<(Option<String>, Vec<String>)> = Vec::new();
    let mut templated = false;
    for inst in bk {
        let cmd = inst.cmd.to_ascii_uppercase();
        match cmd.as_str() {
            "FROM" => {
                let name = (inst.value.len() >= 3 && inst.value[1].eq_ignore_ascii_case("as"))
                    .then(|| inst.value[2].to_ascii_lowercase());
                let image = inst.value.first().map(|s| s.to_ascii_lowercase());
                templated = image.as_ref().is_some_and(|i| i.contains('$'));
                let vars = stages
                    .iter()
                    .rev()
                    .find(|(n, _)| n.is_some() && *n == image)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                stages.push((name, vars));
            }
            "ENV" => {
                if let Some((_, vars)) = stages.last_mut() {
                    vars.extend(inst.value.iter().step_by(2).cloned());
                }
            }
            "ARG" => {
                if let Some((_, vars)) = stages.last_mut()
                    && let Some(first) = inst.value.first()
                {
                    vars.push(first.split('=').next().unwrap_or("").to_owned());
                }
            }
            "RUN" | "ONBUILD" => {
                let Some(&index) = index_of.get(&inst.start_line) else {
                    out.unmatched_instructions += 1;
                    continue;
                };
                let onbuild = cmd == "ONBUILD";
                if templated
                    && !onbuild
                    && model.stage_of(index).is_some_and(|s| s.parent.is_some())
                {
                    out.templated_parent
                        .insert((path.to_owned(), inst.start_line));
                }
                let mut exports = proxies.clone();
                if !onbuild && let Some((_, vars)) = stages.last() {
                    for v in vars {
                        if !v.is_empty() && !exports.contains(v) {
                            exports.push(v.clone());
                        }
                    }
                }
                let shell = if onbuild || inst.json {
                    (model.file.escape != EscapeChar::Backtick).then(|| "/bin/sh".to_owned())
                } else {
                    shell_of(model, index)
                };
                let scope = Scope { shell, exports };
                scripts::build(path, lines, inst, &scope, &mut out.scripts, &mut out.skips);
            }
            _ => {}
        }
    }
}
