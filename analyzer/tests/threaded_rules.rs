//! Rules spread over threads (what the language server does for a large
//! document) find exactly what one thread finds, in the same order: on the
//! shared Compose corpus, a generated 200-service Compose file and a slice
//! of the Dockerfile corpus, with every rule on.

use dockward_analyzer::compose::{self, ComposeContext, ComposeModel};
use dockward_analyzer::model::Model;
use dockward_analyzer::{Config, Context, check_model, check_model_threaded};

mod support;
use support::{compose_files, generated_compose, read_lossy, real_texts};

fn every_rule() -> Config {
    Config {
        select: Some(vec!["ALL".to_owned()]),
        ..Config::default()
    }
}

#[test]
fn compose_findings_do_not_depend_on_the_thread_count() {
    let config = every_rule();
    let mut texts: Vec<String> = compose_files().iter().map(|p| read_lossy(p)).collect();
    texts.push(generated_compose(200));
    let mut compared = 0;
    for text in &texts {
        let model = ComposeModel::new(text, ComposeContext::default());
        let one = compose::check(&model, &config);
        for threads in [2, 3] {
            assert_eq!(compose::check_threaded(&model, &config, threads), one);
        }
        compared += one.len();
    }
    assert!(compared > 1000, "only {compared} findings compared");
}

#[test]
fn dockerfile_findings_do_not_depend_on_the_thread_count() {
    let config = every_rule();
    let texts = real_texts();
    let mut compared = 0;
    for text in texts.iter().step_by(10) {
        let model = Model::new(text);
        let one = check_model(&model, &config, Context::default());
        assert_eq!(
            check_model_threaded(&model, &config, Context::default(), 3),
            one
        );
        compared += one.len();
    }
    if !texts.is_empty() {
        assert!(compared > 1000, "only {compared} findings compared");
    }
}
