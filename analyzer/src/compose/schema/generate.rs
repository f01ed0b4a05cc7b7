//! The generator of `schema_table.rs` from `compose-spec.json` (test-only:
//! it reads JSON with `serde_json`, a dev-dependency).
//!
//! `UPDATE_SCHEMA_TABLE=1 cargo test -p dockward-analyzer schema_table_is_fresh`
//! rewrites the table; without the variable the test fails when the
//! committed table differs from what the schema gives.
//!
//! Every schema object becomes one node, in depth-first order from the root
//! (the root is node 0, the free-form `{}` node 1). A `$ref` to a
//! definition shares the definition's node unless the reference site has
//! its own description: then the site is a copy of the definition's node
//! (same children) with that description. Keywords the generator does not
//! know make it fail, so a schema update cannot silently drop a constraint.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

const SCHEMA: &str = include_str!("compose-spec.json");
const TABLE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/compose/schema/schema_table.rs"
);

/// A node before `$ref`s are resolved.
#[derive(Clone, Debug, Default)]
struct Raw {
    /// `$ref` target (a definition's node).
    reference: Option<usize>,
    types: u8,
    description: String,
    enum_values: Vec<String>,
    properties: Vec<(String, usize)>,
    pattern_properties: Vec<(usize, usize)>,
    additional: bool,
    items: Option<usize>,
    one_of: Vec<usize>,
    required: Vec<String>,
    pattern: Option<usize>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    unique_items: bool,
    deprecated: bool,
    default: String,
    /// Where the node was written, for the table's comments.
    pointer: String,
}

struct Gen<'a> {
    root: &'a Value,
    nodes: Vec<Raw>,
    definitions: BTreeMap<String, usize>,
    patterns: Vec<String>,
}

const ANY_TYPES: u8 = 0x7f;

fn type_bit(name: &str) -> u8 {
    match name {
        "null" => 1,
        "boolean" => 1 << 1,
        "integer" => 1 << 2,
        "number" => 1 << 3,
        "string" => 1 << 4,
        "array" => 1 << 5,
        "object" => 1 << 6,
        other => panic!("unknown JSON type {other:?}"),
    }
}

impl<'a> Gen<'a> {
    fn pattern(&mut self, p: &str) -> usize {
        super::Regex::new(p).unwrap_or_else(|e| panic!("pattern {p:?}: {e:?}"));
        if let Some(i) = self.patterns.iter().position(|q| q == p) {
            return i;
        }
        self.patterns.push(p.to_owned());
        self.patterns.len() - 1
    }

    fn definition(&mut self, name: &str) -> usize {
        if let Some(&id) = self.definitions.get(name) {
            return id;
        }
        // Draft 2020-12 (compose-go from v2.13) names them `$defs`, draft-07
        // `definitions`.
        let section = if self.root.get("$defs").is_some() {
            "$defs"
        } else {
            "definitions"
        };
        let value = &self.root[section][name];
        assert!(value.is_object(), "missing definition {name}");
        // Reserve the id first: a definition may refer to itself.
        let id = self.nodes.len();
        self.nodes.push(Raw::default());
        self.definitions.insert(name.to_owned(), id);
        let raw = self.build(value, format!("#/{section}/{name}"));
        self.nodes[id] = raw;
        id
    }

    fn node(&mut self, value: &Value, pointer: String) -> usize {
        let obj = value.as_object().expect("a schema is an object");
        if obj.is_empty() {
            return 1;
        }
        let id = self.nodes.len();
        self.nodes.push(Raw::default());
        let raw = self.build(value, pointer);
        self.nodes[id] = raw;
        id
    }

    fn build(&mut self, value: &Value, pointer: String) -> Raw {
        let obj = value.as_object().expect("a schema is an object");
        let mut raw = Raw {
            types: ANY_TYPES,
            additional: true,
            pointer: pointer.clone(),
            ..Raw::default()
        };
        for (k, v) in obj {
            match k.as_str() {
                "$schema" | "$id" | "title" => {}
                "$ref" => {
                    let r = v.as_str().expect("$ref is a string");
                    let name = r
                        .strip_prefix("#/$defs/")
                        .or_else(|| r.strip_prefix("#/definitions/"))
                        .unwrap_or_else(|| panic!("unsupported $ref {r}"));
                    raw.reference = Some(self.definition(name));
                }
                "type" => {
                    raw.types = match v {
                        Value::String(s) => type_bit(s),
                        Value::Array(a) => a
                            .iter()
                            .map(|t| type_bit(t.as_str().expect("type name")))
                            .fold(0, |acc, b| acc | b),
                        _ => panic!("bad type at {pointer}"),
                    };
                }
                "description" => raw.description = v.as_str().expect("string").to_owned(),
                "enum" => {
                    raw.enum_values = v
                        .as_array()
                        .expect("enum is an array")
                        .iter()
                        .map(|e| {
                            e.as_str()
                                .unwrap_or_else(|| panic!("non-string enum at {pointer}"))
                                .to_owned()
                        })
                        .collect();
                }
                "properties" => {
                    let props = v.as_object().expect("properties is an object");
                    let mut list = Vec::new();
                    for (name, schema) in props {
                        let child = self.node(schema, format!("{pointer}/properties/{name}"));
                        list.push((name.clone(), child));
                    }
                    list.sort_by(|a, b| a.0.cmp(&b.0));
                    raw.properties = list;
                }
                "patternProperties" => {
                    let props = v.as_object().expect("patternProperties is an object");
                    for (p, schema) in props {
                        let pi = self.pattern(p);
                        let child = self.node(schema, format!("{pointer}/patternProperties/{p}"));
                        raw.pattern_properties.push((pi, child));
                    }
                }
                "additionalProperties" => {
                    raw.additional = v.as_bool().unwrap_or_else(|| {
                        panic!("schema-valued additionalProperties at {pointer}")
                    });
                }
                "items" => {
                    raw.items = Some(self.node(v, format!("{pointer}/items")));
                }
                "oneOf" => {
                    let alts = v.as_array().expect("oneOf is an array");
                    for (i, alt) in alts.iter().enumerate() {
                        let child = self.node(alt, format!("{pointer}/oneOf/{i}"));
                        raw.one_of.push(child);
                    }
                }
                "required" => {
                    raw.required = v
                        .as_array()
                        .expect("required is an array")
                        .iter()
                        .map(|r| r.as_str().expect("string").to_owned())
                        .collect();
                }
                "pattern" => raw.pattern = Some(self.pattern(v.as_str().expect("string"))),
                "minimum" => raw.minimum = Some(v.as_f64().expect("number")),
                "maximum" => raw.maximum = Some(v.as_f64().expect("number")),
                "uniqueItems" => raw.unique_items = v.as_bool().expect("bool"),
                "deprecated" => raw.deprecated = v.as_bool().expect("bool"),
                "default" => raw.default = v.to_string(),
                // The definitions are reached through `$ref`s.
                "definitions" | "$defs" => {}
                other => panic!("unsupported schema keyword {other:?} at {pointer}"),
            }
        }
        raw
    }

    /// Resolves `$ref` chains: the node with the definition's content and
    /// the site's own description when it has one.
    fn resolved(&self, id: usize) -> Raw {
        let mut raw = self.nodes[id].clone();
        let mut hops = 0;
        while let Some(target) = raw.reference {
            hops += 1;
            assert!(hops < 16, "$ref cycle at {}", raw.pointer);
            let mut t = self.nodes[target].clone();
            if !raw.description.is_empty() {
                t.description = raw.description.clone();
            }
            t.deprecated |= raw.deprecated;
            t.pointer = raw.pointer.clone();
            raw = t;
        }
        raw
    }

    /// The node id a child index resolves to: a bare `$ref` (no own
    /// description) is the definition's node itself.
    fn target(&self, id: usize) -> usize {
        let mut id = id;
        loop {
            let raw = &self.nodes[id];
            match raw.reference {
                Some(t) if raw.description.is_empty() && !raw.deprecated => id = t,
                _ => return id,
            }
        }
    }
}

fn f64_literal(x: Option<f64>) -> String {
    match x {
        None => "None".to_owned(),
        Some(x) => format!("Some({x:?})"),
    }
}

/// Renders `schema_table.rs`.
pub(super) fn render() -> String {
    let root: Value = serde_json::from_str(SCHEMA).expect("compose-spec.json is JSON");
    let mut g = Gen {
        root: &root,
        nodes: Vec::new(),
        definitions: BTreeMap::new(),
        patterns: Vec::new(),
    };
    // Node 0: the root; node 1: `{}`.
    g.nodes.push(Raw::default());
    g.nodes.push(Raw {
        types: ANY_TYPES,
        additional: true,
        pointer: "{}".to_owned(),
        ..Raw::default()
    });
    let raw = g.build(&root, "#".to_owned());
    g.nodes[0] = raw;

    // Keep only the nodes a child index reaches (bare `$ref` sites fold into
    // their definitions), renumbered in order.
    let mut keep = vec![false; g.nodes.len()];
    keep[0] = true;
    keep[1] = true;
    let mut queue = vec![0usize];
    while let Some(id) = queue.pop() {
        let raw = g.resolved(id);
        let children = raw
            .properties
            .iter()
            .map(|p| p.1)
            .chain(raw.pattern_properties.iter().map(|p| p.1))
            .chain(raw.items)
            .chain(raw.one_of.iter().copied());
        for c in children {
            let t = g.target(c);
            if !keep[t] {
                keep[t] = true;
                queue.push(t);
            }
        }
    }
    let mut new_id = vec![usize::MAX; g.nodes.len()];
    let mut next = 0;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            new_id[i] = next;
            next += 1;
        }
    }
    assert!(next < usize::from(u16::MAX), "too many nodes");
    let id = |c: usize| new_id[g.target(c)];

    let mut out = String::new();
    out.push_str(
        "// @generated from compose-spec.json (compose-go v2.9.1) by\n\
         // `UPDATE_SCHEMA_TABLE=1 cargo test -p dockward-analyzer schema_table_is_fresh`\n\
         // (the generator is `generate.rs`). Do not edit by hand.\n\n\
         use super::Node;\nuse super::Types;\n\n\
         pub(super) const ROOT: u16 = 0;\npub(super) const ANY: u16 = 1;\n\n",
    );
    let _ = writeln!(
        out,
        "pub(super) static PATTERNS: [&str; {}] = [",
        g.patterns.len()
    );
    for p in &g.patterns {
        let _ = writeln!(out, "    {p:?},");
    }
    out.push_str("];\n\n");
    let _ = writeln!(out, "pub(super) static NODES: [Node; {next}] = [");
    for (i, k) in keep.iter().enumerate() {
        if !*k {
            continue;
        }
        let raw = g.resolved(i);
        let _ = writeln!(out, "    // {}: {}", new_id[i], raw.pointer);
        let mut fields: Vec<String> = Vec::new();
        if raw.types != ANY_TYPES {
            fields.push(format!("types: Types({})", raw.types));
        }
        if !raw.description.is_empty() {
            fields.push(format!("description: {:?}", raw.description));
        }
        if !raw.enum_values.is_empty() {
            let enums: Vec<String> = raw.enum_values.iter().map(|e| format!("{e:?}")).collect();
            fields.push(format!("enum_values: &[{}]", enums.join(", ")));
        }
        if !raw.properties.is_empty() {
            let props: Vec<String> = raw
                .properties
                .iter()
                .map(|(n, c)| format!("({n:?}, {})", id(*c)))
                .collect();
            fields.push(format!("properties: &[{}]", props.join(", ")));
        }
        if !raw.pattern_properties.is_empty() {
            let pats: Vec<String> = raw
                .pattern_properties
                .iter()
                .map(|(p, c)| format!("({p}, {})", id(*c)))
                .collect();
            fields.push(format!("pattern_properties: &[{}]", pats.join(", ")));
        }
        if !raw.additional {
            fields.push("additional: false".to_owned());
        }
        if let Some(c) = raw.items {
            fields.push(format!("items: {}", id(c)));
        }
        if !raw.one_of.is_empty() {
            let alts: Vec<String> = raw.one_of.iter().map(|c| id(*c).to_string()).collect();
            fields.push(format!("one_of: &[{}]", alts.join(", ")));
        }
        if !raw.required.is_empty() {
            let req: Vec<String> = raw.required.iter().map(|r| format!("{r:?}")).collect();
            fields.push(format!("required: &[{}]", req.join(", ")));
        }
        if let Some(p) = raw.pattern {
            fields.push(format!("pattern: {p}"));
        }
        if raw.minimum.is_some() {
            fields.push(format!("minimum: {}", f64_literal(raw.minimum)));
        }
        if raw.maximum.is_some() {
            fields.push(format!("maximum: {}", f64_literal(raw.maximum)));
        }
        if raw.unique_items {
            fields.push("unique_items: true".to_owned());
        }
        if raw.deprecated {
            fields.push("deprecated: true".to_owned());
        }
        if !raw.default.is_empty() {
            fields.push(format!("default: {:?}", raw.default));
        }
        fields.push("..Node::EMPTY".to_owned());
        let _ = writeln!(out, "    Node {{ {} }},", fields.join(", "));
    }
    out.push_str("];\n");
    out
}

#[test]
fn schema_table_is_fresh() {
    let expected = render();
    if std::env::var_os("UPDATE_SCHEMA_TABLE").is_some() {
        std::fs::write(TABLE_PATH, &expected).expect("write schema_table.rs");
        return;
    }
    let actual = std::fs::read_to_string(TABLE_PATH).unwrap_or_default();
    assert!(
        actual == expected,
        "schema_table.rs is stale; run `UPDATE_SCHEMA_TABLE=1 cargo test -p dockward-analyzer schema_table_is_fresh`"
    );
}
