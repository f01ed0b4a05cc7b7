//! Which shell runs a script, and what that shell accepts: POSIX `sh`
//! (Docker's default `/bin/sh -c`; Debian's and Ubuntu's `/bin/sh` is dash),
//! dash, busybox `ash` (Alpine's `/bin/sh`), bash and ksh. Checks that depend
//! on the shell (bashisms, errexit) read the [`Dialect`] of the script.

/// A shell language, named as ShellCheck names its dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// POSIX sh: `/bin/sh`, whatever it links to.
    Sh,
    /// dash (and `ash`, which ShellCheck checks as dash).
    Dash,
    /// busybox `sh`/`ash`, which accepts a few extensions (`[[`, `==`, `source`…).
    Busybox,
    Bash,
    /// ksh and mksh.
    Ksh,
}

impl Dialect {
    /// The dialect of a shell program (`/bin/bash`, `sh`, `busybox`,
    /// `bash.exe`…), or `None` for a program that is not a POSIX shell
    /// (PowerShell, cmd, zsh — which ShellCheck does not check either).
    #[must_use]
    pub fn of_program(program: &str) -> Option<Dialect> {
        let base = program.rsplit(['/', '\\']).next().unwrap_or(program);
        let base = base.strip_suffix(".exe").unwrap_or(base);
        Some(match base {
            "sh" => Dialect::Sh,
            "dash" | "ash" => Dialect::Dash,
            "busybox" => Dialect::Busybox,
            "bash" => Dialect::Bash,
            "ksh" | "mksh" | "ksh93" | "pdksh" => Dialect::Ksh,
            _ => return None,
        })
    }

    /// The dialect a shebang line names (`#!/bin/bash -e`, `#!/usr/bin/env
    /// bash`), `None` when it names no POSIX shell. `text` starts at `#!`.
    #[must_use]
    pub fn of_shebang(text: &str) -> Option<Dialect> {
        let line = text.strip_prefix("#!")?.lines().next().unwrap_or("");
        let mut words = line.split_whitespace();
        let mut program = words.next().unwrap_or("");
        if program.ends_with("/env") {
            program = words.find(|w| !w.starts_with('-')).unwrap_or("");
        }
        Dialect::of_program(program)
    }

    /// `sh`, `dash`, `busybox`, `bash`, `ksh` (ShellCheck's `--shell` names).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Sh => "sh",
            Dialect::Dash => "dash",
            Dialect::Busybox => "busybox",
            Dialect::Bash => "bash",
            Dialect::Ksh => "ksh",
        }
    }

    /// A POSIX-only shell, where bash and ksh extensions are findings.
    #[must_use]
    pub fn is_posix_only(self) -> bool {
        matches!(self, Dialect::Sh | Dialect::Dash | Dialect::Busybox)
    }
}

/// Whether a shell started with `options` (the words between the program
/// and `-c`, e.g. `-eux`, `-o errexit`, `-o pipefail`) exits on the first
/// failing command.
#[must_use]
pub fn options_set_errexit<S: AsRef<str>>(options: &[S]) -> bool {
    let mut errexit = false;
    let mut words = options.iter().map(AsRef::as_ref);
    while let Some(w) = words.next() {
        match w {
            "-o" => errexit |= words.next() == Some("errexit"),
            "+o" if words.next() == Some("errexit") => errexit = false,
            "+o" => {}
            _ if w.starts_with("--") => {}
            _ if w.starts_with('-') => errexit |= w[1..].contains('e'),
            _ if w.starts_with('+') && w[1..].contains('e') => errexit = false,
            _ => {}
        }
    }
    errexit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_and_shebangs() {
        assert_eq!(Dialect::of_program("/bin/sh"), Some(Dialect::Sh));
        assert_eq!(Dialect::of_program("/usr/bin/bash"), Some(Dialect::Bash));
        assert_eq!(Dialect::of_program("ash"), Some(Dialect::Dash));
        assert_eq!(Dialect::of_program("C:\\bash.exe"), Some(Dialect::Bash));
        assert_eq!(Dialect::of_program("pwsh"), None);
        assert_eq!(Dialect::of_program("zsh"), None);
        assert_eq!(
            Dialect::of_shebang("#!/bin/bash -e\nx"),
            Some(Dialect::Bash)
        );
        assert_eq!(
            Dialect::of_shebang("#!/usr/bin/env -S bash\n"),
            Some(Dialect::Bash)
        );
        assert_eq!(Dialect::of_shebang("#!/usr/bin/env python3\n"), None);
        assert_eq!(Dialect::of_shebang("echo"), None);
    }

    #[test]
    fn errexit_from_options() {
        assert!(options_set_errexit(&["-eux", "-o", "pipefail"]));
        assert!(options_set_errexit(&["-o", "errexit"]));
        assert!(!options_set_errexit(&["-o", "pipefail"]));
        assert!(!options_set_errexit(&["-x"]));
        assert!(!options_set_errexit(&["-e", "+e"]));
        assert!(!options_set_errexit::<&str>(&[]));
    }
}
