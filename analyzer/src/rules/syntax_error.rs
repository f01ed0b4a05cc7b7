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
