use crate::checker::Checker;
use crate::declare_rule;
use crate::rule::{Rule, RuleMeta};
use crate::syntax::ErrorKind;

declare_rule! {
    /// ## What it does
    /// Reports text that BuildKit cannot parse, or that `docker build` rejects
    /// before running anything: unknown instructions, wrong argument counts,
    /// unknown flags, unterminated heredocs, exec form with non-string items.
    ///
    /// ## Why is this bad?
    /// The build fails. dockward keeps analysing the rest of the file, so the
    /// other findings are still reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUNN echo hello
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo hello
    /// ```
    ///
    /// Parse errors cannot be suppressed.
    pub SyntaxError {
        code: "DL1000",
        name: "syntax-error",
        aliases: [],
        severity: Error,
        category: Syntax,
        default: true,
        fix: None,
        unsuppressible: true,
    }
}

impl Rule for SyntaxError {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker<'_>) {
        for error in &cx.model.file.errors {
            let _ = ErrorKind::Rejected;
            cx.report(error.range, error.message.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Tester;

    #[test]
    fn vectors() {
        Tester::new(&SyntaxError)
            .pass([
                "FROM alpine\nRUN echo hi\n",
                "FROM alpine\nRUN <<EOF\necho hi\nEOF\n",
                "# escape=`\nFROM alpine\nRUN echo `\n  hi\n",
            ])
            .fail([
                "FROM alpine\nRUNN echo hi\n",
                "FROM alpine\nENV PATH\n",
                "FROM alpine\nCMD [1, 2]\n",
                "FROM alpine\nRUN <<EOF\necho never ends\n",
                "FROM alpine\nCOPY --chmod /a /b\n",
                "FROM alpine\nCOPY --bogus=1 a b\n",
                "",
                "FROM a b\n",
                "FROM alpine AS 1st\n",
                "HEALTHCHECK --retries=0 CMD true\nFROM alpine\n",
            ])
            .test();
    }

    #[test]
    fn cannot_be_suppressed() {
        let src = "FROM alpine\n# dockward ignore=DL1000\nRUNN x\n";
        let a = crate::analyze(src, &crate::Config::default());
        assert!(a.diagnostics.iter().any(|d| d.code == "DL1000"));
    }
}
