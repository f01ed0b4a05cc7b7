//! The one list of rules. Adding a rule: write `rules/<name>.rs`, add its
//! `mod` line in `rules/mod.rs` and one line here, then regenerate rules.md
//! (`UPDATE_RULES_MD=1 cargo test -p dockward-analyzer rules_md`).

use crate::compose::ComposeModel;
use crate::daemon::DaemonModel;
use crate::rule::{FileKind, Rule, RuleMeta};
use crate::rules;
use crate::seccomp::SeccompModel;

/// Every rule (in no particular order: [`all`] sorts by code).
pub static RULES: &[&dyn Rule] = &[
    &rules::syntax_error::SyntaxError,
    &rules::inline_ignore_pragma::InlineIgnorePragma,
    &rules::relative_workdir::RelativeWorkdir,
    &rules::pointless_command::PointlessCommand,
    &rules::last_user_root::LastUserRoot,
    &rules::cd_instead_of_workdir::CdInsteadOfWorkdir,
    &rules::sudo_in_run::SudoInRun,
    &rules::image_tag_missing::ImageTagMissing,
    &rules::image_tag_latest::ImageTagLatest,
    &rules::apt_package_unpinned::AptPackageUnpinned,
    &rules::apt_lists_kept::AptListsKept,
    &rules::expose_port_out_of_range::ExposePortOutOfRange,
    &rules::multiple_healthchecks::MultipleHealthchecks,
    &rules::pip_package_unpinned::PipPackageUnpinned,
    &rules::apt_get_install_interactive::AptGetInstallInteractive,
    &rules::apt_recommends_installed::AptRecommendsInstalled,
    &rules::npm_package_unpinned::NpmPackageUnpinned,
    &rules::apk_package_unpinned::ApkPackageUnpinned,
    &rules::apk_cache_kept::ApkCacheKept,
    &rules::add_instead_of_copy::AddInsteadOfCopy,
    &rules::copy_destination_not_directory::CopyDestinationNotDirectory,
    &rules::copied_archive_extracted::CopiedArchiveExtracted,
    &rules::copy_from_unknown_stage::CopyFromUnknownStage,
    &rules::copy_from_own_stage::CopyFromOwnStage,
    &rules::duplicate_stage_name::DuplicateStageName,
    &rules::shell_form_command::ShellFormCommand,
    &rules::untrusted_registry::UntrustedRegistry,
    &rules::apt_instead_of_apt_get::AptInsteadOfAptGet,
    &rules::gem_package_unpinned::GemPackageUnpinned,
    &rules::from_platform_flag::FromPlatformFlag,
    &rules::yum_install_interactive::YumInstallInteractive,
    &rules::yum_cache_kept::YumCacheKept,
    &rules::yum_package_unpinned::YumPackageUnpinned,
    &rules::zypper_interactive::ZypperInteractive,
    &rules::zypper_dist_upgrade::ZypperDistUpgrade,
    &rules::zypper_cache_kept::ZypperCacheKept,
    &rules::zypper_package_unpinned::ZypperPackageUnpinned,
    &rules::dnf_install_interactive::DnfInstallInteractive,
    &rules::dnf_cache_kept::DnfCacheKept,
    &rules::dnf_package_unpinned::DnfPackageUnpinned,
    &rules::pip_cache_kept::PipCacheKept,
    &rules::onbuild_forbidden_trigger::OnbuildForbiddenTrigger,
    &rules::env_reference_in_same_instruction::EnvReferenceInSameInstruction,
    &rules::copy_relative_destination::CopyRelativeDestination,
    &rules::invalid_label_key::InvalidLabelKey,
    &rules::missing_required_label::MissingRequiredLabel,
    &rules::superfluous_label::SuperfluousLabel,
    &rules::empty_schema_label::EmptySchemaLabel,
    &rules::label_not_url::LabelNotUrl,
    &rules::label_not_rfc3339::LabelNotRfc3339,
    &rules::label_not_spdx::LabelNotSpdx,
    &rules::label_not_git_hash::LabelNotGitHash,
    &rules::label_not_semver::LabelNotSemver,
    &rules::missing_healthcheck::MissingHealthcheck,
    &rules::label_not_email::LabelNotEmail,
    &rules::yarn_cache_kept::YarnCacheKept,
    &rules::instruction_before_from::InstructionBeforeFrom,
    &rules::go_package_unpinned::GoPackageUnpinned,
    &rules::useradd_high_uid_without_no_log_init::UseraddHighUidWithoutNoLogInit,
    &rules::wget_without_progress::WgetWithoutProgress,
    &rules::consecutive_run_instructions::ConsecutiveRunInstructions,
    &rules::reserved_stage_name::ReservedStageName,
    &rules::secret_in_arg_or_env::SecretInArgOrEnv,
    &rules::redundant_target_platform::RedundantTargetPlatform,
    &rules::non_numeric_user::NonNumericUser,
    &rules::copy_entire_filesystem::CopyEntireFilesystem,
    &rules::deprecated_maintainer::DeprecatedMaintainer,
    &rules::multiple_cmds::MultipleCmds,
    &rules::multiple_entrypoints::MultipleEntrypoints,
    &rules::implicit_root_user::ImplicitRootUser,
    &rules::workdir_system_directory::WorkdirSystemDirectory,
    &rules::copy_secret_file::CopySecretFile,
    &rules::expose_ssh_port::ExposeSshPort,
    &rules::base_image_without_digest::BaseImageWithoutDigest,
    &rules::package_verification_disabled::PackageVerificationDisabled,
    &rules::wget_and_curl_in_stage::WgetAndCurlInStage,
    &rules::default_shell_relinked::DefaultShellRelinked,
    &rules::pipe_without_pipefail::PipeWithoutPipefail,
    &rules::curl_pipe_shell::CurlPipeShell,
    &rules::tls_verification_disabled::TlsVerificationDisabled,
    &rules::unverified_download_run::UnverifiedDownloadRun,
    &rules::stage_dependency_cycle::StageDependencyCycle,
    &rules::uppercase_stage_name::UppercaseStageName,
    &rules::from_as_casing_mismatch::FromAsCasingMismatch,
    &rules::empty_continuation_line::EmptyContinuationLine,
    &rules::inconsistent_instruction_casing::InconsistentInstructionCasing,
    &rules::undefined_arg_in_from::UndefinedArgInFrom,
    &rules::undefined_variable::UndefinedVariable,
    &rules::legacy_key_value_format::LegacyKeyValueFormat,
    &rules::invalid_default_arg_in_from::InvalidDefaultArgInFrom,
    &rules::relative_workdir_after_expansion::RelativeWorkdirAfterExpansion,
    &rules::uppercase_expose_protocol::UppercaseExposeProtocol,
    &rules::expose_host_mapping::ExposeHostMapping,
    &rules::invalid_definition_description::InvalidDefinitionDescription,
    &rules::copy_ignored_file::CopyIgnoredFile,
    &rules::text_after_exec_form::TextAfterExecForm,
    &rules::orphan_package_update::OrphanPackageUpdate,
    &rules::system_upgrade::SystemUpgrade,
    &rules::unused_suppression::UnusedSuppression,
    // Shell: commands, control flow and exit status
    &rules::command_substitution_in_declaration::CommandSubstitutionInDeclaration,
    &rules::backtick_command_substitution::BacktickCommandSubstitution,
    &rules::negation_outside_condition::NegationOutsideCondition,
    &rules::unchecked_cd::UncheckedCd,
    &rules::find_piped_to_xargs::FindPipedToXargs,
    &rules::ls_output_parsed::LsOutputParsed,
    &rules::ls_piped_to_grep::LsPipedToGrep,
    &rules::ls_piped_to_xargs::LsPipedToXargs,
    &rules::for_over_find_output::ForOverFindOutput,
    &rules::for_over_ls_output::ForOverLsOutput,
    &rules::useless_cat::UselessCat,
    &rules::egrep_command::EgrepCommand,
    &rules::fgrep_command::FgrepCommand,
    &rules::expr_nonportable_keyword::ExprNonportableKeyword,
    &rules::spaced_assignment::SpacedAssignment,
    &rules::find_without_path::FindWithoutPath,
    &rules::mkdir_parents_with_mode::MkdirParentsWithMode,
    &rules::read_without_raw::ReadWithoutRaw,
    &rules::which_command::WhichCommand,
    &rules::exit_status_tested::ExitStatusTested,
    &rules::test_and_or_operators::TestAndOrOperators,
    &rules::redirection_without_command::RedirectionWithoutCommand,
    &rules::echo_backslash_escapes::EchoBackslashEscapes,
    &rules::useless_echo::UselessEcho,
    &rules::grep_output_tested::GrepOutputTested,
    &rules::and_or_as_if_else::AndOrAsIfElse,
    &rules::echo_repeated_blanks::EchoRepeatedBlanks,
    &rules::redirect_to_command_name::RedirectToCommandName,
    &rules::find_pattern_unquoted::FindPatternUnquoted,
    &rules::sudo_redirect::SudoRedirect,
    &rules::stderr_redirect_order::StderrRedirectOrder,
    &rules::same_file_read_and_written::SameFileReadAndWritten,
    &rules::pipe_to_stdin_ignoring_command::PipeToStdinIgnoringCommand,
    &rules::trap_expands_early::TrapExpandsEarly,
    &rules::cd_and_back::CdAndBack,
    // Shell: dialects (bashisms) and syntax errors
    &rules::shell_syntax_error::ShellSyntaxError,
    &rules::ordinary_character_escaped::OrdinaryCharacterEscaped,
    &rules::control_escape_outside_quotes::ControlEscapeOutsideQuotes,
    &rules::unquoted_literal_brace::UnquotedLiteralBrace,
    &rules::command_name_ends_in_punctuation::CommandNameEndsInPunctuation,
    &rules::function_keyword_in_posix_sh::FunctionKeywordInPosixSh,
    &rules::function_keyword_without_parentheses_in_posix_sh::FunctionKeywordWithoutParenthesesInPosixSh,
    &rules::process_substitution_in_posix_sh::ProcessSubstitutionInPosixSh,
    &rules::ansi_c_quote_in_posix_sh::AnsiCQuoteInPosixSh,
    &rules::locale_quote_in_posix_sh::LocaleQuoteInPosixSh,
    &rules::arithmetic_for_loop_in_posix_sh::ArithmeticForLoopInPosixSh,
    &rules::arithmetic_command_in_posix_sh::ArithmeticCommandInPosixSh,
    &rules::select_loop_in_posix_sh::SelectLoopInPosixSh,
    &rules::brace_expansion_in_posix_sh::BraceExpansionInPosixSh,
    &rules::double_bracket_test_in_posix_sh::DoubleBracketTestInPosixSh,
    &rules::here_string_in_posix_sh::HereStringInPosixSh,
    &rules::test_double_equals_in_posix_sh::TestDoubleEqualsInPosixSh,
    &rules::test_variable_set_in_posix_sh::TestVariableSetInPosixSh,
    &rules::arithmetic_increment_in_posix_sh::ArithmeticIncrementInPosixSh,
    &rules::ampersand_redirect_in_posix_sh::AmpersandRedirectInPosixSh,
    &rules::append_assignment_in_posix_sh::AppendAssignmentInPosixSh,
    &rules::bash_variable_in_posix_sh::BashVariableInPosixSh,
    &rules::pipe_stderr_in_posix_sh::PipeStderrInPosixSh,
    &rules::array_in_posix_sh::ArrayInPosixSh,
    &rules::echo_flags_in_dash::EchoFlagsInDash,
    &rules::echo_flags_in_posix_sh::EchoFlagsInPosixSh,
    &rules::let_in_posix_sh::LetInPosixSh,
    &rules::set_option_in_posix_sh::SetOptionInPosixSh,
    &rules::local_in_posix_sh::LocalInPosixSh,
    &rules::non_posix_builtin_in_posix_sh::NonPosixBuiltinInPosixSh,
    &rules::builtin_option_in_posix_sh::BuiltinOptionInPosixSh,
    &rules::source_in_posix_sh::SourceInPosixSh,
    &rules::printf_q_in_posix_sh::PrintfQInPosixSh,
    &rules::indirect_expansion_in_posix_sh::IndirectExpansionInPosixSh,
    &rules::array_reference_in_posix_sh::ArrayReferenceInPosixSh,
    &rules::substring_expansion_in_posix_sh::SubstringExpansionInPosixSh,
    &rules::case_modification_in_posix_sh::CaseModificationInPosixSh,
    &rules::string_replacement_in_posix_sh::StringReplacementInPosixSh,
    // Shell: quoting, expansions and variables
    &rules::unquoted_expansion::UnquotedExpansion,
    &rules::unquoted_command_substitution::UnquotedCommandSubstitution,
    &rules::unquoted_array_expansion::UnquotedArrayExpansion,
    &rules::array_mixed_into_string::ArrayMixedIntoString,
    &rules::unquoted_default_assignment::UnquotedDefaultAssignment,
    &rules::bare_glob_argument::BareGlobArgument,
    &rules::single_quoted_expansion::SingleQuotedExpansion,
    &rules::unassigned_variable::UnassignedVariable,
    &rules::misspelled_variable::MisspelledVariable,
    &rules::unused_variable::UnusedVariable,
    &rules::single_item_loop::SingleItemLoop,
    &rules::variable_in_printf_format::VariableInPrintfFormat,
    &rules::rm_system_directory::RmSystemDirectory,
    &rules::rm_unguarded_variable_path::RmUnguardedVariablePath,
    &rules::file_test_on_glob::FileTestOnGlob,
    &rules::repeated_char_in_glob_class::RepeatedCharInGlobClass,
    &rules::undeclared_platform_arg::UndeclaredPlatformArg,
    // Shell: parity fixes (sh-parity)
    &rules::negated_empty_test::NegatedEmptyTest,
    &rules::legacy_arithmetic::LegacyArithmetic,
    &rules::content_trust_disabled::ContentTrustDisabled,
];

/// Every `daemon.json` rule (DW6000–DW6099).
pub static DAEMON_RULES: &[&dyn Rule<DaemonModel>] = &[
    &rules::daemon_json_syntax_error::DaemonJsonSyntaxError,
    &rules::daemon_tcp_without_tls::DaemonTcpWithoutTls,
    &rules::userns_remap_missing::UsernsRemapMissing,
    &rules::insecure_registry::InsecureRegistry,
    &rules::icc_enabled::IccEnabled,
    &rules::live_restore_disabled::LiveRestoreDisabled,
    &rules::authorization_plugin_missing::AuthorizationPluginMissing,
    &rules::no_new_privileges_default_missing::NoNewPrivilegesDefaultMissing,
    &rules::userland_proxy_enabled::UserlandProxyEnabled,
    &rules::log_level_not_info::LogLevelNotInfo,
    &rules::daemon_seccomp_unconfined::DaemonSeccompUnconfined,
    &rules::iptables_disabled::IptablesDisabled,
    &rules::experimental_enabled::ExperimentalEnabled,
    &rules::aufs_storage_driver::AufsStorageDriver,
    &rules::remote_logging_missing::RemoteLoggingMissing,
    &rules::default_bind_all_interfaces::DefaultBindAllInterfaces,
    &rules::daemon_json_unknown_key::DaemonJsonUnknownKey,
    &rules::cgroup_parent_set_daemon::CgroupParentSetDaemon,
    &rules::base_device_size_changed::BaseDeviceSizeChanged,
];

/// Every seccomp profile rule (DW6100–DW6119).
pub static SECCOMP_RULES: &[&dyn Rule<SeccompModel>] = &[
    &rules::seccomp_profile_syntax_error::SeccompProfileSyntaxError,
    &rules::seccomp_default_allow::SeccompDefaultAllow,
    &rules::seccomp_blocked_syscall_allowed::SeccompBlockedSyscallAllowed,
    &rules::seccomp_capability_syscall_allowed::SeccompCapabilitySyscallAllowed,
];

/// Every Compose rule (DW5000–DW5999).
pub static COMPOSE_RULES: &[&dyn Rule<ComposeModel>] = &[
    &rules::content_trust_disabled::ContentTrustDisabled,
    &rules::privileged_service::PrivilegedService,
    &rules::dangerous_capability_added::DangerousCapabilityAdded,
    &rules::capabilities_not_dropped::CapabilitiesNotDropped,
    &rules::seccomp_unconfined::SeccompUnconfined,
    &rules::apparmor_unconfined::ApparmorUnconfined,
    &rules::selinux_label_disabled::SelinuxLabelDisabled,
    &rules::no_new_privileges_missing::NoNewPrivilegesMissing,
    &rules::systempaths_unconfined::SystempathsUnconfined,
    &rules::host_network_mode::HostNetworkMode,
    &rules::host_pid_namespace::HostPidNamespace,
    &rules::host_ipc_namespace::HostIpcNamespace,
    &rules::host_userns_mode::HostUsernsMode,
    &rules::host_uts_namespace::HostUtsNamespace,
    &rules::host_cgroup_namespace::HostCgroupNamespace,
    &rules::docker_socket_mounted::DockerSocketMounted,
    &rules::sensitive_host_path_mounted::SensitiveHostPathMounted,
    &rules::mount_propagation_shared::MountPropagationShared,
    &rules::host_device_mapped::HostDeviceMapped,
    &rules::writable_root_filesystem::WritableRootFilesystem,
    &rules::memory_limit_missing::MemoryLimitMissing,
    &rules::cpu_limit_missing::CpuLimitMissing,
    &rules::pids_limit_missing::PidsLimitMissing,
    &rules::service_runs_as_root::ServiceRunsAsRoot,
    &rules::service_user_unset::ServiceUserUnset,
    &rules::service_image_latest::ServiceImageLatest,
    &rules::service_image_untagged::ServiceImageUntagged,
    &rules::service_image_without_digest::ServiceImageWithoutDigest,
    &rules::secret_in_environment::SecretInEnvironment,
    &rules::port_published_all_interfaces::PortPublishedAllInterfaces,
    &rules::privileged_port_published::PrivilegedPortPublished,
    &rules::docker_api_port_published::DockerApiPortPublished,
    &rules::cgroup_parent_set::CgroupParentSet,
    &rules::restart_on_failure_not_5::RestartOnFailureNot5,
    &rules::healthcheck_disabled::HealthcheckDisabled,
    &rules::healthcheck_missing::HealthcheckMissing,
    &rules::default_bridge_network::DefaultBridgeNetwork,
    &rules::compose_syntax_error::ComposeSyntaxError,
    &rules::compose_schema_violation::ComposeSchemaViolation,
    &rules::variable_without_default::VariableWithoutDefault,
    &rules::obsolete_version_key::ObsoleteVersionKey,
];

/// Every rule's metadata, of every kind of file, in code order (a rule
/// listed for several kinds appears once).
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    static SORTED: std::sync::OnceLock<Vec<&'static RuleMeta>> = std::sync::OnceLock::new();
    SORTED
        .get_or_init(|| {
            let mut metas: Vec<_> = RULES
                .iter()
                .map(|r| r.meta())
                .chain(DAEMON_RULES.iter().map(|r| r.meta()))
                .chain(SECCOMP_RULES.iter().map(|r| r.meta()))
                .chain(COMPOSE_RULES.iter().map(|r| r.meta()))
                .collect();
            metas.sort_by_key(|m| m.code);
            // A rule listed for several kinds appears once. (Compared by
            // code and name, not by address: each `impl Rule<M>` returns its
            // own reference to the rule's `META` constant, and the addresses
            // of promoted constants are not guaranteed equal. Two different
            // rules sharing a code still both stay, for the test below.)
            metas.dedup_by(|a, b| a.code == b.code && a.name == b.name);
            metas
        })
        .iter()
        .copied()
}

/// The rules that check files of `kind`, in code order.
pub fn of_kind(kind: FileKind) -> impl Iterator<Item = &'static RuleMeta> {
    all().filter(move |m| m.kinds.contains(&kind))
}

/// The rule with this exact code.
#[must_use]
pub fn by_code(code: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.code.eq_ignore_ascii_case(code))
}

/// Every rule an identifier names: a code or a name names one rule, a peer
/// alias may name several (BuildKit's `MultipleInstructionsDisallowed` covers
/// DL3012, DL4003 and DL4004), `ALL` names every rule.
#[must_use]
pub fn resolve(id: &str) -> Vec<&'static RuleMeta> {
    if id.eq_ignore_ascii_case("ALL") {
        return all().collect();
    }
    all().filter(|m| m.is_named(id)).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::analysis::{Context, check_model};
    use crate::config::Config;
    use crate::daemon::DaemonModel;
    use crate::model::Model;
    use crate::rule::FixAvailability;
    use crate::seccomp::SeccompModel;

    #[test]
    fn codes_names_and_aliases_are_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        let mut previous = "";
        for m in all() {
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(!m.kinds.is_empty(), "{} checks no kind of file", m.code);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(
                previous < m.code,
                "registry not in code order at {}",
                m.code
            );
            previous = m.code;
            let (prefix, digits) = m.code.split_at(2);
            assert!(
                matches!(prefix, "DL" | "DW" | "SC")
                    && digits.len() == 4
                    && digits.bytes().all(|b| b.is_ascii_digit()),
                "bad code {}",
                m.code
            );
            assert!(
                m.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !m.name.starts_with('-')
                    && !m.name.ends_with('-'),
                "name {} is not kebab-case",
                m.name
            );
            for bad in ["avoid-", "do-not-", "use-", "prefer-", "consider-", "no-"] {
                // A setting's own name may start so (`no-new-privileges`).
                if bad == "no-" && m.name.starts_with("no-new-privileges-") {
                    continue;
                }
                assert!(
                    !m.name.starts_with(bad),
                    "name {} should name the pattern flagged",
                    m.name
                );
            }
            for a in m.aliases {
                assert!(
                    all().all(|other| other.code != *a && other.name != *a),
                    "alias {a} of {} is another rule's code or name",
                    m.code
                );
            }
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for m in all() {
            let docs = m.documentation();
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "Use instead:",
            ] {
                assert!(docs.contains(section), "{} docs lack {section:?}", m.code);
            }
            if m.fix != FixAvailability::None {
                assert!(
                    docs.contains("## Fix safety"),
                    "{} docs lack a Fix safety section",
                    m.code
                );
            }
            assert!(!m.summary().is_empty(), "{} has no summary", m.code);
        }
    }

    /// The first ```lang block after `marker` in `docs`.
    fn example_after<'d>(docs: &'d str, marker: &str, lang: &str) -> Option<&'d str> {
        let rest = &docs[docs.find(marker)? + marker.len()..];
        let fence = format!("```{lang}\n");
        let start = rest.find(&fence)? + fence.len();
        let len = rest[start..].find("```")?;
        Some(&rest[start..start + len])
    }

    /// Each rule's Example fires it and its Use instead does not; the
    /// examples are ```lang blocks analysed by `run`.
    fn check_examples<M: crate::checker::FileModel>(
        rules: &[&dyn Rule<M>],
        lang: &str,
        run: impl Fn(&str, &Config, Context<'_>) -> Vec<crate::Diagnostic>,
    ) {
        for rule in rules {
            let m = rule.meta();
            if m.code == "DW9001" {
                continue; // computed after suppressions; covered by its own tests
            }
            let docs = m.documentation();
            // Rules that only run with an option set are documented with
            // these settings (DL3026: images from registry.example.com), or
            // the ones the rule gives in `Rule::example_options` (the label
            // schema).
            let mut config = Config {
                select: Some(vec![m.code.to_owned()]),
                options: crate::config::RuleOptions {
                    trusted_registries: vec!["registry.example.com".to_owned()],
                    ..crate::config::RuleOptions::default()
                },
                ..Config::default()
            };
            rule.example_options(&mut config.options);
            // A rule that reads the `.dockerignore` shows it in a
            // ```dockerignore block of its docs.
            let dockerignore = docs
                .split_once("```dockerignore\n")
                .and_then(|(_, rest)| rest.split_once("```").map(|(block, _)| block.to_owned()));
            let context = Context {
                dockerignore: dockerignore.as_deref(),
            };
            let count = |src: &str| {
                run(src, &config, context)
                    .into_iter()
                    .filter(|d| d.code == m.code)
                    .count()
            };
            let bad = example_after(&docs, "## Example", lang)
                .unwrap_or_else(|| panic!("{}: no ```{lang} example", m.code));
            assert!(
                count(bad) > 0,
                "{}: the Example does not fire:\n{bad}",
                m.code
            );
            let good = example_after(&docs, "Use instead:", lang)
                .unwrap_or_else(|| panic!("{}: no ```{lang} Use instead", m.code));
            assert_eq!(
                count(good),
                0,
                "{}: the Use instead example fires:\n{good}",
                m.code
            );
        }
    }

    #[test]
    fn doc_examples_fire_and_use_instead_does_not() {
        check_examples(RULES, "dockerfile", |src, config, context| {
            check_model(&Model::new(src), config, context)
        });
        // daemon.json and seccomp rules show ```json examples.
        check_examples(DAEMON_RULES, "json", |src, config, _| {
            crate::daemon::check(&DaemonModel::new(src), config)
        });
        check_examples(SECCOMP_RULES, "json", |src, config, _| {
            crate::seccomp::check(&SeccompModel::new(src), config)
        });
        // Compose rules show ```yaml examples. A rule of another kind that
        // also checks Compose files (`content-trust-disabled`) documents its
        // first kind's examples and has Compose vectors beside it.
        let compose_first: Vec<&dyn Rule<ComposeModel>> = COMPOSE_RULES
            .iter()
            .copied()
            .filter(|r| r.meta().kinds.first() == Some(&FileKind::Compose))
            .collect();
        check_examples(&compose_first, "yaml", |src, config, _| {
            let context = crate::compose::ComposeContext::default();
            crate::compose::check(&ComposeModel::new(src, context), config)
        });
    }

    /// Each rule is listed in the registry of every kind it declares, and
    /// only there.
    #[test]
    fn kinds_match_the_registries() {
        let listed = |metas: Vec<&'static RuleMeta>, kind: FileKind| {
            for m in &metas {
                assert!(m.kinds.contains(&kind), "{} is listed for {kind:?}", m.code);
            }
            metas.into_iter().map(|m| m.code).collect::<HashSet<_>>()
        };
        let dockerfile = listed(
            RULES.iter().map(|r| r.meta()).collect(),
            FileKind::Dockerfile,
        );
        let daemon = listed(
            DAEMON_RULES.iter().map(|r| r.meta()).collect(),
            FileKind::Daemon,
        );
        let seccomp = listed(
            SECCOMP_RULES.iter().map(|r| r.meta()).collect(),
            FileKind::Seccomp,
        );
        let compose = listed(
            COMPOSE_RULES.iter().map(|r| r.meta()).collect(),
            FileKind::Compose,
        );
        for m in all() {
            // A rule first of all about Compose files is in their category.
            if m.kinds.first() == Some(&FileKind::Compose) {
                assert_eq!(m.category, crate::rule::Category::Compose, "{}", m.code);
            }
            for (kind, codes) in [
                (FileKind::Dockerfile, &dockerfile),
                (FileKind::Compose, &compose),
                (FileKind::Daemon, &daemon),
                (FileKind::Seccomp, &seccomp),
            ] {
                if m.kinds.contains(&kind) {
                    assert!(
                        codes.contains(m.code),
                        "{} is not listed for {kind:?}",
                        m.code
                    );
                }
            }
        }
    }

    /// One word selects a whole benchmark: `cis` names every rule mapped to
    /// a CIS Docker Benchmark item.
    #[test]
    fn cis_group_alias_selects_every_cis_rule() {
        let config = Config {
            select: Some(Vec::new()),
            extend_select: vec!["cis".to_owned()],
            ..Config::default()
        };
        assert!(config.validate().is_ok());
        let mut selected = 0;
        for m in all() {
            let mapped = m.aliases.iter().any(|a| a.starts_with("CIS-"));
            assert_eq!(
                m.aliases.contains(&"cis"),
                mapped,
                "{}: a rule with a CIS-x.y alias also carries `cis`, and only such a rule",
                m.code
            );
            assert_eq!(config.is_enabled(m), mapped, "{}", m.code);
            selected += usize::from(mapped);
        }
        assert!(selected >= 18, "only {selected} CIS rules");
        assert_eq!(resolve("CIS").len(), selected);
    }

    #[test]
    fn rules_md_is_fresh() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules.md");
        let expected = crate::docs::render_rules_md();
        if std::env::var_os("UPDATE_RULES_MD").is_some() {
            std::fs::write(path, &expected).expect("write rules.md");
            return;
        }
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            actual == expected,
            "rules.md is stale; run `UPDATE_RULES_MD=1 cargo test -p dockward-analyzer rules_md`"
        );
    }
}
