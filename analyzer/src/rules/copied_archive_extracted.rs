use crate::TextRange;
use crate::checker::Checker;
use crate::declare_rule;
use crate::facts::commands::{Invocation, base_name, is_onbuild, of_instruction};
use crate::rule::{Rule, RuleMeta};
use crate::syntax::{Args, Keyword};

declare_rule! {
    /// ## What it does
    /// Flags a `COPY` of a local tar archive (`.tar`, `.tar.gz`, `.tgz`,
    /// `.tar.bz2`, `.tar.xz`, `.tar.zst`…) that a later `RUN` of the same
    /// stage extracts (`tar -x`, `gunzip`, `zcat`…).
    ///
    /// Unlike hadolint, zip files and compressed files that are not tar
    /// archives (`data.json.gz`) are not flagged: `ADD` copies those as they
    /// are, so it cannot replace the extraction.
    ///
    /// ## Why is this bad?
    /// The archive ends up in a layer of its own, and stays in the image
    /// even when the `RUN` deletes it afterwards. `ADD` extracts a local tar
    /// archive into the destination directory in one step, without storing
    /// the archive.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// COPY app.tar.gz /tmp/
    /// RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// ADD app.tar.gz /opt/
    /// ```
    pub CopiedArchiveExtracted {
        code: "DL3010",
        name: "copied-archive-extracted",
        aliases: [],
        severity: Info,
        category: BestPractice,
        default: true,
        fix: None,
    }
}

/// Suffixes of the tar archives `ADD` extracts (plain, gzip, bzip2, xz,
/// zstd).
const TAR_SUFFIXES: &[&str] = &[
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tb2", ".tar.xz", ".txz", ".tar.zst",
    ".tzst",
];

fn is_tar_archive(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    TAR_SUFFIXES
        .iter()
        .any(|s| lower.len() > s.len() && lower.ends_with(s))
}

/// Decompressors that read an archive named on their command line.
const DECOMPRESSORS: &[&str] = &[
    "gunzip",
    "bunzip2",
    "unxz",
    "unlzma",
    "uncompress",
    "zcat",
    "gzcat",
    "bzcat",
    "xzcat",
    "unzstd",
    "zstdcat",
];

/// An archive copied into the stage.
struct Copied {
    instruction: usize,
    /// The source word in the COPY.
    range: TextRange,
    /// The archive's file name in the image.
    name: String,
}

impl Rule for CopiedArchiveExtracted {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        let model = cx.model;
        let src = cx.src();
        let cmds = cx.invocations();
        for stage in &model.stages {
            let mut copied: Vec<Copied> = Vec::new();
            let mut reported: Vec<usize> = Vec::new();
            for i in stage.instructions.clone() {
                let inst = &model.instructions()[i];
                if inst.keyword == Keyword::Copy && inst.flag("from").is_none() {
                    let words: Vec<(TextRange, String)> = match &inst.args {
                        Args::Words(words) => words
                            .iter()
                            .map(|w| (w.range, w.text(inst, src).to_owned()))
                            .collect(),
                        Args::Json(array) => array
                            .items
                            .iter()
                            .map(|item| (item.range, item.value.clone()))
                            .collect(),
                        _ => continue,
                    };
                    let Some(((_, dest), sources)) = words.split_last() else {
                        continue;
                    };
                    let dest = unquote(&model.expand(i, dest));
                    if sources.len() == 1 && is_tar_archive(base_name(&dest)) {
                        copied.push(Copied {
                            instruction: i,
                            range: sources[0].0,
                            name: base_name(&dest).to_owned(),
                        });
                        continue;
                    }
                    for (range, raw) in sources {
                        if raw.starts_with("<<") {
                            continue;
                        }
                        let value = unquote(&model.expand(i, raw));
                        let name = base_name(value.trim_end_matches('/'));
                        if is_tar_archive(name) && !name.contains('$') {
                            copied.push(Copied {
                                instruction: i,
                                range: *range,
                                name: name.to_owned(),
                            });
                        }
                    }
                    continue;
                }
                if inst.keyword != Keyword::Run || copied.is_empty() || is_onbuild(model, i) {
                    continue;
                }
                for c in of_instruction(cmds, i) {
                    let Some(tool) = extractor(c) else { continue };
                    for a in c.literal_args() {
                        let Some(value) = a.known() else {
                            continue;
                        };
                        let value = value.strip_prefix("--file=").unwrap_or(value);
                        if value.starts_with('-') {
                            continue;
                        }
                        let name = base_name(value);
                        for archive in copied.iter().filter(|a| a.name == name) {
                            if reported.contains(&archive.instruction) {
                                continue;
                            }
                            reported.push(archive.instruction);
                            let message = format!(
                                "`{}` is copied, then extracted by `{tool}`; `ADD` extracts it without keeping the archive",
                                archive.name
                            );
                            cx.report(archive.range, message)
                                .with_instruction(archive.instruction)
                                .with_related(c.file_range(c.cmd.command.span), "extracted here");
                        }
                    }
                }
            }
        }
    }
}

/// The command extracts an archive: `tar` with `-x` / `--extract` /
/// `--get` (or an old-style `tar xzf`), or a decompressor.
fn extractor(c: &Invocation<'_>) -> Option<&'static str> {
    let name = c.name()?;
    if let Some(d) = DECOMPRESSORS.iter().find(|d| **d == name) {
        return Some(d);
    }
    if name != "tar" {
        return None;
    }
    let extracts = c.literal_args().iter().enumerate().any(|(k, w)| {
        let Some(v) = w.known() else {
            return false;
        };
        if let Some(long) = v.strip_prefix("--") {
            return long == "extract" || long == "get";
        }
        match v.strip_prefix('-') {
            Some(cluster) => cluster.contains('x'),
            // Old style: the first argument is a bundle of letters.
            None => k == 0 && v.contains('x') && v.bytes().all(|b| b.is_ascii_alphabetic()),
        }
    });
    extracts.then_some("tar")
}

/// Removes one level of surrounding quotes from a COPY word.
fn unquote(s: &str) -> String {
    let t = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = t.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.to_owned();
        }
    }
    t.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&CopiedArchiveExtracted)
            .pass([
                "FROM a\nADD app.tar.gz /opt/\n",
                "FROM a\nCOPY app.tar.gz /tmp/\nRUN tar -tzf /tmp/app.tar.gz\n",
                "FROM a\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip\n",
                "FROM a\nCOPY data.json.gz /tmp/\nRUN gunzip /tmp/data.json.gz\n",
                "FROM b AS x\nFROM a\nCOPY --from=x /app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz\n",
                "FROM a\nCOPY app.tar.gz /tmp/\nFROM b\nRUN tar -xzf /tmp/app.tar.gz\n",
                "FROM a\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/other.tar.gz\n",
                "FROM a\nRUN tar -xzf /tmp/app.tar.gz\nCOPY app.tar.gz /tmp/\n",
            ])
            .fail([
                "FROM a\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n",
                "FROM a\nCOPY app.tar.gz /tmp/\nRUN cd /tmp && tar xzf app.tar.gz\n",
                "FROM a\nCOPY dist/app.tgz /tmp/\nRUN tar --extract --file=/tmp/app.tgz\n",
                "FROM a\nCOPY x /tmp/app.tar.xz\nRUN tar -xJf /tmp/app.tar.xz\n",
                "FROM a\nCOPY [\"app.tar.bz2\", \"/tmp/\"]\nRUN bunzip2 /tmp/app.tar.bz2\n",
                "FROM a\nARG V=1.2\nCOPY app-${V}.tar.gz /tmp/\nRUN tar -xzf /tmp/app-1.2.tar.gz\n",
                "FROM a\nCOPY app.tar.gz /tmp/\nRUN <<EOF\ntar -xzf /tmp/app.tar.gz\nEOF\n",
            ])
            .test();
    }
}
