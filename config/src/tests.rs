use std::fs;
use std::path::Path;

use dockward_analyzer::Severity;
use dockward_analyzer::config::LabelType;

use super::*;

fn toml(text: &str) -> Result<Loaded, ConfigError> {
    load_str(text, Path::new("dockward.toml"), ConfigFormat::Toml)
}

fn yaml(text: &str) -> Result<Loaded, ConfigError> {
    load_str(text, Path::new(".hadolint.yaml"), ConfigFormat::Hadolint)
}

#[test]
fn native_schema_maps_to_config() {
    let l = toml(
        r#"
select = ["ALL"]
extend-select = ["syntax-error"]
ignore = ["DL1000"]
failure-threshold = "warning"
no-fail = true
format = "sarif"
disable-inline-pragmas = true

[severity]
DL1000 = "style"
syntax-error = "off"

[options]
trusted-registries = ["docker.io", "*.gcr.io"]
strict-labels = true
label-schema = { maintainer = "email", version = "semver" }
"#,
    )
    .unwrap();
    let c = &l.config;
    assert_eq!(c.select.as_deref(), Some(&["ALL".to_owned()][..]));
    assert_eq!(c.extend_select, ["syntax-error"]);
    assert_eq!(c.ignore, ["DL1000", "syntax-error"]);
    assert_eq!(c.severity, [("DL1000".to_owned(), Severity::Style)]);
    assert!(c.disable_inline_pragmas);
    assert_eq!(c.options.trusted_registries, ["docker.io", "*.gcr.io"]);
    assert!(c.options.strict_labels);
    assert_eq!(
        c.options.label_schema.get("maintainer"),
        Some(&LabelType::Email)
    );
    assert_eq!(
        l.cli.failure_threshold,
        Some(FailureThreshold::Severity(Severity::Warning))
    );
    assert_eq!(l.cli.no_fail, Some(true));
    assert_eq!(l.cli.format.as_deref(), Some("sarif"));
    assert_eq!(l.format, Some(ConfigFormat::Toml));
}

#[test]
fn formatter_section() {
    use dockward_analyzer::format::{Indent, KeywordCase};
    let l = toml(
        "[formatter]\nindent = \"tab\"\nkeyword-case = \"lower\"\nmax-blank-lines = 2\ninsert-final-newline = false\n",
    )
    .unwrap();
    let f = &l.format_options;
    assert_eq!(f.indent, Indent::Tab);
    assert_eq!(f.keyword_case, KeywordCase::Lower);
    assert_eq!(f.max_blank_lines, 2);
    assert!(!f.insert_final_newline);
    assert_eq!(
        toml("[formatter]\nindent = 2\n")
            .unwrap()
            .format_options
            .indent,
        Indent::Spaces(2)
    );
    let e = toml("[formatter]\nindent = \"wide\"\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(2), Some(10)), "{e}");
    let e = toml("[formatter]\nkeyword-case = \"title\"\n").unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    let e = toml("[formatter]\nwidth = 80\n").unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
}

#[test]
fn native_unknown_key_is_an_error_with_position() {
    let e = toml("select = []\n\nbogus-key = 1\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(3), Some(1)), "{e}");
    assert!(e.message.contains("bogus-key"), "{e}");
    let e = toml("[options]\ntrusted-registry = []\n").unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.to_string().starts_with("dockward.toml:2:1: "), "{e}");
}

#[test]
fn native_bad_values_are_errors_with_position() {
    let e = toml("no-fail = \"yes\"\n").unwrap_err();
    assert_eq!(e.line, Some(1), "{e}");
    let e = toml("failure-threshold = \"fatal\"\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(1), Some(21)), "{e}");
    assert!(e.message.contains("fatal"), "{e}");
    let e = toml("ignore = [\"DL1000\",\n  \"DL9999\"]\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(2), Some(3)), "{e}");
    assert!(e.message.contains("unknown rule `DL9999`"), "{e}");
    let e = toml("[severity]\nsyntax-eror = \"info\"\n").unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.message.contains("did you mean `syntax-error`"), "{e}");
    let e = toml("[severity]\nDL1000 = \"fatal\"\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(2), Some(10)), "{e}");
    let e = toml("[options]\nlabel-schema = { a = \"number\" }\n").unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    let e = toml("format = \"xml\"\n").unwrap_err();
    assert!(e.message.contains("invalid output format"), "{e}");
    let e = toml("select = [\n").unwrap_err();
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn hadolint_schema_maps_to_config() {
    let l = yaml(
        "ignored:\n  - DL1000\n  - SC1091\noverride:\n  error:\n    - syntax-error\n  style: []\n\
         trustedRegistries: docker.io\nlabel-schema:\n  author: text\n  url: url\nstrict-labels: true\n\
         failure-threshold: style\nno-fail: false\nno-color: true\ndisable-ignore-pragma: true\n\
         format: gitlab_codeclimate\nverbose: true\n",
    )
    .unwrap();
    let c = &l.config;
    assert_eq!(c.ignore, ["DL1000"]);
    assert_eq!(c.severity, [("syntax-error".to_owned(), Severity::Error)]);
    assert_eq!(c.options.trusted_registries, ["docker.io"]);
    assert_eq!(c.options.label_schema.get("url"), Some(&LabelType::Url));
    assert!(c.options.strict_labels);
    assert!(c.disable_inline_pragmas);
    assert_eq!(
        l.cli.failure_threshold,
        Some(FailureThreshold::Severity(Severity::Style))
    );
    assert_eq!(l.cli.format.as_deref(), Some("gitlab"));
    assert_eq!(l.cli.no_color, Some(true));
    assert_eq!(l.warnings.len(), 1);
    assert!(l.warnings[0].contains("SC1091"));

    let l = yaml("trustedRegistries:\n  - a.io\n  - b.io\nfailure-threshold: none\n").unwrap();
    assert_eq!(l.config.options.trusted_registries, ["a.io", "b.io"]);
    assert_eq!(l.cli.failure_threshold, Some(FailureThreshold::None));
    assert!(yaml("").is_ok());
    assert!(yaml("# nothing\n---\n").is_ok());
}

#[test]
fn hadolint_errors_have_positions() {
    let e = yaml("ignored:\n  - DL1000\nignore:\n  - DL1000\n").unwrap_err();
    assert_eq!(e.line, Some(3), "{e}");
    assert!(e.message.contains("ignore"), "{e}");
    let e = yaml("ignored:\n  - DL1000\n  - bogus-rule\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(3), Some(5)), "{e}");
    assert!(e.message.contains("unknown rule `bogus-rule`"), "{e}");
    // A hadolint code without a dockward rule is a warning, not an error.
    let l = yaml("ignored:\n  - DL9999\n").unwrap();
    assert!(l.warnings[0].contains("DL9999"), "{:?}", l.warnings);
    let e = yaml("override:\n  fatal:\n    - DL1000\n").unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    let e = yaml("strict-labels: maybe\n").unwrap_err();
    assert_eq!(e.line, Some(1), "{e}");
    let e = yaml("failure-threshold: fatal\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(1), Some(20)), "{e}");
    let e = yaml("ignored: [DL1000\n").unwrap_err();
    assert!(e.line.is_some(), "{e}");
    assert!(e.to_string().starts_with(".hadolint.yaml:"), "{e}");
}

#[test]
fn discovery_prefers_nearest_directory_then_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let sub = root.join("a/b");
    fs::create_dir_all(&sub).unwrap();
    let df = sub.join("Dockerfile");
    fs::write(&df, "FROM x\n").unwrap();
    assert_eq!(discover(&df), None::<PathBuf>.or_else(|| discover(&df)));

    fs::write(root.join(".hadolint.yaml"), "ignored: [DL1000]\n").unwrap();
    assert_eq!(discover(&df), Some(root.join(".hadolint.yaml")));
    fs::write(root.join(".dockward.toml"), "").unwrap();
    assert_eq!(discover(&df), Some(root.join(".dockward.toml")));
    fs::write(root.join("a/.hadolint.yml"), "").unwrap();
    assert_eq!(discover(&df), Some(root.join("a/.hadolint.yml")));
    fs::write(root.join("a/dockward.toml"), "ignore = [\"DL1000\"]\n").unwrap();
    assert_eq!(discover(&df), Some(root.join("a/dockward.toml")));
    let l = load_for(&df).unwrap();
    assert_eq!(l.path, Some(root.join("a/dockward.toml")));
    assert_eq!(l.config.ignore, ["DL1000"]);
    assert!(candidate_paths(&df).contains(&sub.join(".hadolint.yaml")));

    let mut cache = ConfigCache::new();
    assert_eq!(cache.get_for(&df).unwrap().config.ignore, ["DL1000"]);
    fs::write(root.join("a/dockward.toml"), "bad = 1\n").unwrap();
    assert!(cache.get_for(&df).is_ok(), "cached until invalidated");
    cache.invalidate(&root.join("a/dockward.toml"));
    assert!(cache.get_for(&df).is_err());
    fs::remove_file(root.join("a/dockward.toml")).unwrap();
    cache.invalidate(&root.join("a/dockward.toml"));
    assert_eq!(
        cache.config_path_for(&df),
        Some(root.join("a/.hadolint.yml"))
    );
}

#[test]
fn load_file_errors_name_the_file() {
    let e = load_file(Path::new("/nonexistent/dockward.toml")).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("/nonexistent/dockward.toml: cannot read"),
        "{e}"
    );
    let e = load_file(Path::new("conf.json")).unwrap_err();
    assert!(e.message.contains("unknown config file type"), "{e}");
}

#[test]
fn documented_example_loads() {
    let doc = include_str!("../../docs/configuration.md");
    let start = doc.find("```toml\n").expect("a toml example") + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let l = toml(&doc[start..end]).unwrap_or_else(|e| panic!("docs/configuration.md: {e}"));
    assert!(l.config.select.is_none());
    assert_eq!(l.config.extend_select, ["base-image-without-digest"]);
    assert!(
        l.config
            .options
            .label_schema
            .contains_key("org.opencontainers.image.version")
    );
}
