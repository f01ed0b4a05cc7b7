use super::*;
use crate::compose::model::ComposeContext;

const FILE: &str = "\
services:
  web:
    image: nginx:1.27
    build:
      context: ./app
      dockerfile: web.Dockerfile
    env_file:
      - ./web.env
    depends_on:
      - db
    networks:
      - back
    volumes:
      - data:/var/lib/data
      - ./conf:/etc/conf
    secrets:
      - token
  db:
    image: postgres:16
    extends: base
  base:
    image: busybox
networks:
  back: {}
volumes:
  data: {}
secrets:
  token:
    file: ./token.txt
";

fn model(src: &str) -> ComposeModel {
    ComposeModel::new(src, ComposeContext::default())
}

fn at(src: &str, needle: &str) -> usize {
    src.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"))
}

fn labels(c: &Completions) -> Vec<&str> {
    c.items.iter().map(|i| i.label.as_str()).collect()
}

#[test]
fn hover_shows_the_schema_description_of_a_key() {
    let m = model(FILE);
    let h = hover(&m, at(FILE, "image") + 2).unwrap();
    assert!(h.markdown.starts_with("**image**"), "{}", h.markdown);
    assert!(h.markdown.len() > "**image**".len() + 10, "{}", h.markdown);
    assert_eq!(h.range.slice(FILE), "image");
}

#[test]
fn hover_on_a_reference_says_where_it_is_defined() {
    let m = model(FILE);
    let h = hover(&m, at(FILE, "- db") + 3).unwrap();
    assert!(h.markdown.contains("Defined on line 18"), "{}", h.markdown);
}

#[test]
fn completion_of_keys_in_a_half_typed_service() {
    let src = "services:\n  web:\n    image: nginx\n    pri\n";
    let m = model(src);
    let c = completion(&m, at(src, "pri") + 3);
    assert_eq!(c.replace.slice(src), "pri");
    let l = labels(&c);
    assert!(l.contains(&"privileged"), "{l:?}");
    assert!(l.contains(&"read_only"), "{l:?}");
    assert!(!l.contains(&"image"), "already written: {l:?}");
    let privileged = c.items.iter().find(|i| i.label == "privileged").unwrap();
    assert_eq!(privileged.insert, "privileged: ");
    assert!(privileged.documentation.is_some());
}

#[test]
fn completion_of_top_level_and_nested_keys() {
    let src = "serv";
    let c = completion(&model(src), 4);
    assert!(labels(&c).contains(&"services"), "{:?}", labels(&c));
    let src = "services:\n  web:\n    deploy:\n      resources:\n        \n";
    let c = completion(&model(src), src.len() - 1);
    let l = labels(&c);
    assert!(
        l.contains(&"limits") && l.contains(&"reservations"),
        "{l:?}"
    );
}

#[test]
fn completion_of_enum_values_and_booleans() {
    let src = "services:\n  web:\n    cgroup: \n";
    let c = completion(&model(src), src.len() - 1);
    assert_eq!(labels(&c), ["host", "private"]);
    let src = "services:\n  web:\n    volumes:\n      - type: bi\n";
    let c = completion(&model(src), src.len() - 1);
    assert_eq!(c.replace.slice(src), "bi");
    assert!(labels(&c).contains(&"bind"), "{:?}", labels(&c));
    let src = "services:\n  web:\n    privileged: \n";
    let l = labels(&completion(&model(src), src.len() - 1))
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    assert!(l.contains(&"false".to_owned()), "{l:?}");
}

#[test]
fn completion_of_items_and_mapping_items() {
    let src = "services:\n  web:\n    ports:\n      - target: 80\n        pro\n";
    let c = completion(&model(src), src.len() - 1);
    assert!(labels(&c).contains(&"protocol"), "{:?}", labels(&c));
    // A sequence at its parent key's column.
    let src = "services:\n  web:\n    volumes:\n    - type: bind\n      \n";
    let c = completion(&model(src), src.len() - 1);
    assert!(labels(&c).contains(&"source"), "{:?}", labels(&c));
}

#[test]
fn completion_of_references() {
    let src = "services:\n  web:\n    depends_on:\n      - \n  db:\n    image: x\nnetworks:\n  back: {}\n";
    let c = completion(&model(src), at(src, "- \n") + 2);
    let l = labels(&c);
    assert!(l.contains(&"db"), "{l:?}");
    let src = "services:\n  web:\n    networks: []\nnetworks:\n  back: {}\n";
    let c = completion(&model(src), at(src, "[") + 1);
    assert!(labels(&c).contains(&"back"), "{:?}", labels(&c));
}

#[test]
fn completion_in_a_comment_or_past_a_value_offers_nothing() {
    let src = "services:\n  # pri\n";
    assert!(completion(&model(src), at(src, "pri") + 3).items.is_empty());
    let src = "services:\n  web:\n    image: nginx x";
    assert!(completion(&model(src), src.len()).items.is_empty());
    // Any offset, even inside a character, never panics.
    let src = "services:\n  wé:\n    im";
    for o in 0..=src.len() + 3 {
        let _ = completion(&model(src), o);
        let _ = hover(&model(src), o);
        let _ = definition(&model(src), o);
    }
}

#[test]
fn symbols_are_sections_holding_their_entries() {
    let s = symbols(&model(FILE));
    let names: Vec<&str> = s.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["services", "networks", "volumes", "secrets"]);
    let services: Vec<&str> = s[0].children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(services, ["web", "db", "base"]);
    assert_eq!(s[0].children[0].detail.as_deref(), Some("nginx:1.27"));
    assert_eq!(s[0].children[0].kind, SymbolKind::Service);
    assert_eq!(s[1].children[0].kind, SymbolKind::Network);
    assert_eq!(s[0].children[0].selection.slice(FILE), "web");
}

#[test]
fn definitions_of_references() {
    let m = model(FILE);
    let here = |needle: &str, skip: usize| match definition(&m, at(FILE, needle) + skip) {
        Some(Target::Here(r)) => r,
        other => panic!("{needle}: {other:?}"),
    };
    assert_eq!(here("- db", 3).start(), at(FILE, "  db:") + 2);
    assert_eq!(here("- back", 3).start(), at(FILE, "  back: {}") + 2);
    assert_eq!(here("data:/var", 1).start(), at(FILE, "  data: {}") + 2);
    assert_eq!(here("- token", 3).start(), at(FILE, "  token:\n") + 2);
    assert_eq!(here("extends: base", 10).start(), at(FILE, "  base:") + 2);
    assert_eq!(definition(&m, at(FILE, "./conf") + 1), None);
    assert_eq!(
        definition(&m, at(FILE, "./app") + 1),
        Some(Target::File("app/web.Dockerfile".to_owned()))
    );
    assert_eq!(
        definition(&m, at(FILE, "./web.env") + 1),
        Some(Target::File("web.env".to_owned()))
    );
}

#[test]
fn build_strings_link_to_their_dockerfile() {
    let src = "services:\n  a:\n    build: .\n  b:\n    build:\n      context: svc\n  c:\n    build: https://github.com/x/y.git\n";
    let m = model(src);
    let l = links(&m);
    let paths: Vec<&str> = l.iter().map(|l| l.path.as_str()).collect();
    assert_eq!(paths, ["Dockerfile", "svc/Dockerfile"]);
    assert_eq!(l[1].range.slice(src), "svc");
}

#[test]
fn links_for_env_files_and_builds() {
    let l = links(&model(FILE));
    let got: Vec<(&str, &str)> = l
        .iter()
        .map(|l| (l.range.slice(FILE), l.path.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("./app", "app/web.Dockerfile"),
            ("web.Dockerfile", "app/web.Dockerfile"),
            ("./web.env", "web.env"),
        ]
    );
}

#[test]
fn ignore_comments_are_inserted_above_the_entry_or_merged() {
    let apply = |src: &str, e: &Edit| {
        let mut s = src.to_owned();
        s.replace_range(e.range.as_range(), &e.content);
        s
    };
    let src = "services:\n  web:\n    privileged: true\n";
    let m = model(src);
    let r = TextRange::new(at(src, "privileged"), at(src, "true") + 4);
    let fixed = apply(src, &ignore_edit(&m, r, "DW5001").unwrap());
    assert_eq!(
        fixed,
        "services:\n  web:\n    # dockward ignore=DW5001\n    privileged: true\n"
    );
    let m = model(&fixed);
    let r = TextRange::new(at(&fixed, "privileged"), at(&fixed, "true") + 4);
    assert!(ignore_edit(&m, r, "DW5001").is_none());
    assert_eq!(
        apply(&fixed, &ignore_edit(&m, r, "DW5002").unwrap()),
        "services:\n  web:\n    # dockward ignore=DW5001,DW5002\n    privileged: true\n"
    );
    let g = apply(src, &global_ignore_edit(&model(src), "DW5001").unwrap());
    assert_eq!(g, format!("# dockward global ignore=DW5001\n{src}"));
    assert_eq!(
        apply(&g, &global_ignore_edit(&model(&g), "DW5002").unwrap()),
        format!("# dockward global ignore=DW5001,DW5002\n{src}")
    );
    assert!(global_ignore_edit(&model(&g), "dw5001").is_none());
}
