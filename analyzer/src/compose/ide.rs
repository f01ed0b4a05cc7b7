//! Editor features over a Compose file: hover, completion, document
//! symbols, go-to-definition and document links. The language server only
//! turns these into protocol types; everything that knows Compose is here.
//!
//! Positions are byte offsets into the analysed text; paths to other files
//! are returned relative to the Compose file's directory (as written,
//! `build.context` joined with `build.dockerfile`), for the edge to resolve.
//!
//! Completion reads the lines around the cursor, not only the tree: a
//! half-typed key (`    im` under a service) parses as the service's scalar
//! value, so the tree alone would say "inside the value of `web`". The
//! indentation of the lines above gives the mapping the cursor is in, which
//! is what the user means, and works the same on a document whose later
//! lines do not parse.

use crate::compose::model::{ComposeModel, FileId, TopKind};
use crate::compose::schema::{self, SchemaView, Seg, Types};
use crate::diagnostic::Edit;
use crate::suppression::{PragmaScope, PragmaTool};
use crate::text::TextRange;
use crate::yaml::edit::newline;
use crate::yaml::{Kind, NodeId, PathSeg};

/// What hover shows at an offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverInfo {
    /// Markdown.
    pub markdown: String,
    /// The key or value hovered.
    pub range: TextRange,
}

/// The schema path of a tree path (`services.web.ports[0]`).
fn schema_segments<'a>(segments: &[PathSeg<'a>]) -> Vec<Seg<'a>> {
    segments
        .iter()
        .map(|s| match *s {
            PathSeg::Key(k) => Seg::Key(k),
            PathSeg::Index(i) => Seg::Index(i),
        })
        .collect()
}

/// The schema's view of a path, `None` when the schema does not know it.
fn view_at(segments: &[Seg<'_>]) -> Option<SchemaView> {
    schema::lookup(segments).found()
}

/// The markdown describing a schema place: the key, its types, the
/// description, the allowed values and the default.
fn describe(name: Option<&str>, view: &SchemaView) -> String {
    let mut out = String::new();
    if let Some(name) = name {
        out.push_str(&format!("**{name}**"));
    }
    let types = view.types();
    if types != Types::ANY && !types.is_empty() {
        if out.is_empty() {
            out.push_str(&format!("*{types}*"));
        } else {
            out.push_str(&format!(" *{types}*"));
        }
    }
    if view.deprecated() {
        out.push_str(" (deprecated)");
    }
    if let Some(d) = view.description().filter(|d| !d.is_empty()) {
        out.push_str("\n\n");
        out.push_str(d);
    }
    let values = view.enum_values();
    if !values.is_empty() {
        let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
        out.push_str(&format!("\n\nAllowed values: {}", list.join(", ")));
    }
    if let Some(d) = view.default() {
        out.push_str(&format!("\n\nDefault: `{d}`"));
    }
    out
}

/// Hover at `offset`: what the Compose Specification says about the key
/// (or value) under the cursor, and for a reference, where it is defined.
#[must_use]
pub fn hover(model: &ComposeModel, offset: usize) -> Option<HoverInfo> {
    let yaml = model.yaml();
    let at = yaml.path_at(offset);
    let node = at.node?;
    if at.segments.is_empty() {
        return None;
    }
    let span = yaml.node(node).span();
    if !at.on_key && yaml.node(node).kind() != Kind::Scalar {
        // Inside a collection but on no key or scalar (blank space).
        return None;
    }
    let segs = schema_segments(&at.segments);
    let name = match at.segments.last() {
        Some(PathSeg::Key(k)) => Some(*k),
        _ => None,
    };
    let mut markdown = match view_at(&segs) {
        Some(view) => describe(name, &view),
        None => String::new(),
    };
    if !at.on_key
        && let Some(Target::Here(def)) = reference_target(model, &at.segments, node)
    {
        let line = yaml.line_of(def.start()) + 1;
        if !markdown.is_empty() {
            markdown.push_str("\n\n");
        }
        markdown.push_str(&format!("Defined on line {line}"));
    }
    (!markdown.trim().is_empty()).then_some(HoverInfo {
        markdown,
        range: span,
    })
}

/// What a completion item inserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A key of the mapping the cursor is in.
    Key,
    /// An allowed value (enum, boolean).
    Value,
    /// The name of a service, network, volume, secret or config.
    Reference,
}

/// One completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionEntry {
    pub label: String,
    pub kind: CompletionKind,
    /// The text that replaces [`Completions::replace`].
    pub insert: String,
    /// The types a key takes, or what a reference names.
    pub detail: Option<String>,
    /// Markdown (the schema's description).
    pub documentation: Option<String>,
    pub deprecated: bool,
}

/// The completions at an offset.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Completions {
    /// The partly typed word the chosen item replaces (may be empty).
    pub replace: TextRange,
    pub items: Vec<CompletionEntry>,
}

/// Where the cursor is, read from the line it is on.
#[derive(Debug, PartialEq, Eq)]
enum Slot<'a> {
    /// A key of a block mapping indented by `indent`.
    Key { indent: usize },
    /// An item of a block sequence whose dash is at `dash` (it may be a
    /// scalar or the first key of a mapping item).
    Item { dash: usize },
    /// The value of `key` (written at column `indent`; `dash`: the column
    /// of the dash when the key opens a mapping item, `- key: `).
    Value {
        key: &'a str,
        indent: usize,
        dash: Option<usize>,
    },
    /// An item of the flow sequence that is the value of `key`.
    FlowItem {
        key: &'a str,
        indent: usize,
        dash: Option<usize>,
    },
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/')
}

/// A plain key: no quotes, flow indicators or comment.
fn plain_key(text: &str) -> Option<&str> {
    let key = text.trim();
    (!key.is_empty()
        && !key
            .bytes()
            .any(|b| matches!(b, b'#' | b'[' | b']' | b'{' | b'}' | b',' | b'"' | b'\'')))
    .then_some(key)
}

/// Reads the text of the line before the partly typed word.
fn slot(before: &str) -> Option<Slot<'_>> {
    let indent = before.len() - before.trim_start_matches(' ').len();
    let rest = &before[indent..];
    if rest.is_empty() {
        return Some(Slot::Key { indent });
    }
    if let Some(after) = rest.strip_prefix("- ")
        && after.trim_start_matches(' ').is_empty()
    {
        return Some(Slot::Item { dash: indent });
    }
    // `- key: ` inside a mapping item: the key's column is after the dash.
    let (key_col, dash, rest) = match rest.strip_prefix("- ") {
        Some(after) => {
            let pad = after.len() - after.trim_start_matches(' ').len();
            (indent + 2 + pad, Some(indent), &after[pad..])
        }
        None => (indent, None, rest),
    };
    let colon = rest.find(": ").or_else(|| rest.find(":["))?;
    let key = plain_key(&rest[..colon])?;
    let value = rest[colon + 1..].trim_start();
    if value.is_empty() {
        return Some(Slot::Value {
            key,
            indent: key_col,
            dash,
        });
    }
    if let Some(items) = value.strip_prefix('[')
        && !items.contains(']')
        && (items.trim_end().is_empty() || items.trim_end().ends_with(','))
    {
        return Some(Slot::FlowItem {
            key,
            indent: key_col,
            dash,
        });
    }
    None
}

/// The keys and items above a line indented by `indent`, outermost first,
/// read from the indentation of the lines before `line_start` (comments and
/// blank lines skipped). `dash_here`: the current line is a sequence item,
/// which YAML lets sit at its parent key's column.
fn parent_path(src: &str, line_start: usize, indent: usize, dash_here: bool) -> Vec<Seg<'_>> {
    let mut segs = Vec::new();
    let mut want = indent;
    // The block below is a sequence whose dash is at `want`: its parent
    // key may sit at the same column.
    let mut under_dash = dash_here;
    for line in src[..line_start].lines().rev() {
        if want == 0 {
            break;
        }
        let ind = line.len() - line.trim_start_matches(' ').len();
        let content = line[ind..].trim_end();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if content == "---" || content == "..." {
            break;
        }
        let dash_item = content == "-" || content.starts_with("- ");
        if dash_item {
            let after = content[1..].trim_start_matches(' ');
            let key_col = ind + (content.len() - after.len());
            let key = after
                .find(':')
                .and_then(|c| plain_key(&after[..c]).filter(|_| after[c + 1..].trim().is_empty()));
            if ind >= want {
                continue;
            }
            match key {
                // `- key:` opening a value indented deeper than its key.
                Some(k) if key_col < want => {
                    segs.push(Seg::Key(k));
                    segs.push(Seg::Index(0));
                }
                _ => segs.push(Seg::Index(0)),
            }
            want = ind;
            under_dash = true;
            continue;
        }
        let own_key = content.find(':').and_then(|c| {
            let value = content[c + 1..].trim();
            // `key:`, `key: &anchor`, `key: !override`, `key: |`.
            let opens = value.is_empty()
                || value.starts_with('&')
                || value.starts_with('!')
                || value.starts_with('|')
                || value.starts_with('>');
            opens.then(|| plain_key(&content[..c])).flatten()
        });
        let parent = ind < want || (under_dash && ind == want && own_key.is_some());
        if !parent {
            continue;
        }
        let Some(k) = own_key else {
            // A scalar line less indented than the cursor: not a block we know.
            return Vec::new();
        };
        segs.push(Seg::Key(k));
        want = ind;
        under_dash = false;
    }
    segs.reverse();
    segs
}

/// The path of `key`'s value on the line at `line_start`.
fn value_path<'a>(
    src: &'a str,
    line_start: usize,
    key: &'a str,
    indent: usize,
    dash: Option<usize>,
) -> Option<Vec<Seg<'a>>> {
    let mut path = match dash {
        Some(d) => {
            let mut p = parent_path(src, line_start, d, true);
            if d > 0 && p.is_empty() {
                return None;
            }
            p.push(Seg::Index(0));
            p
        }
        None => {
            let p = parent_path(src, line_start, indent, false);
            if indent > 0 && p.is_empty() {
                return None;
            }
            p
        }
    };
    path.push(Seg::Key(key));
    Some(path)
}

/// Items naming services, networks, secrets or configs, at a path.
fn reference_kind(path: &[Seg<'_>], item_or_key: bool) -> Option<Option<TopKind>> {
    match path {
        [Seg::Key("services"), Seg::Key(_), Seg::Key("depends_on")] if item_or_key => Some(None),
        [Seg::Key("services"), Seg::Key(_), Seg::Key("extends")] => Some(None),
        [
            Seg::Key("services"),
            Seg::Key(_),
            Seg::Key("extends"),
            Seg::Key("service"),
        ] => Some(None),
        [Seg::Key("services"), Seg::Key(_), Seg::Key("networks")] if item_or_key => {
            Some(Some(TopKind::Networks))
        }
        [Seg::Key("services"), Seg::Key(_), Seg::Key("secrets")] if item_or_key => {
            Some(Some(TopKind::Secrets))
        }
        [Seg::Key("services"), Seg::Key(_), Seg::Key("configs")] if item_or_key => {
            Some(Some(TopKind::Configs))
        }
        _ => None,
    }
}

fn references(model: &ComposeModel, kind: Option<TopKind>, out: &mut Vec<CompletionEntry>) {
    let names: Vec<(&str, &str)> = match kind {
        None => model
            .services()
            .iter()
            .map(|s| (s.name.as_str(), "service"))
            .collect(),
        Some(k) => model
            .definitions()
            .iter()
            .filter(|d| d.kind == k)
            .map(|d| (d.name.as_str(), &k.key()[..k.key().len() - 1]))
            .collect(),
    };
    for (name, what) in names {
        if out.iter().any(|e| e.label == name) {
            continue;
        }
        out.push(CompletionEntry {
            label: name.to_owned(),
            kind: CompletionKind::Reference,
            insert: name.to_owned(),
            detail: Some(what.to_owned()),
            documentation: None,
            deprecated: false,
        });
    }
}

fn values(view: &SchemaView, out: &mut Vec<CompletionEntry>) {
    for v in view.enum_values() {
        out.push(CompletionEntry {
            label: v.to_owned(),
            kind: CompletionKind::Value,
            insert: v.to_owned(),
            detail: None,
            documentation: view.description().map(str::to_owned),
            deprecated: false,
        });
    }
    if view.types().intersects(Types::BOOLEAN) {
        for v in ["true", "false"] {
            out.push(CompletionEntry {
                label: v.to_owned(),
                kind: CompletionKind::Value,
                insert: v.to_owned(),
                detail: Some("boolean".to_owned()),
                documentation: None,
                deprecated: false,
            });
        }
    }
}

/// The keys already written in the block mapping at column `indent` that
/// holds the line starting at `line_start`, so completion does not offer
/// them again.
fn sibling_keys(src: &str, line_start: usize, indent: usize) -> Vec<&str> {
    let mut out = Vec::new();
    fn key_at(line: &str, indent: usize) -> Option<Option<&str>> {
        let ind = line.len() - line.trim_start_matches(' ').len();
        let content = line[ind..].trim_end();
        if content.is_empty() || content.starts_with('#') {
            return Some(None);
        }
        if ind < indent || (ind == indent && content.starts_with("- ")) {
            return None;
        }
        if ind > indent {
            return Some(None);
        }
        Some(content.find(':').and_then(|c| plain_key(&content[..c])))
    }
    for line in src[..line_start].lines().rev() {
        match key_at(line, indent) {
            Some(k) => out.extend(k),
            None => break,
        }
    }
    let next = src[line_start..].find('\n').map(|i| line_start + i + 1);
    if let Some(next) = next {
        for line in src[next..].lines() {
            match key_at(line, indent) {
                Some(k) => out.extend(k),
                None => break,
            }
        }
    }
    out
}

fn keys(view: &SchemaView, indent: usize, skip: &[&str], out: &mut Vec<CompletionEntry>) {
    for key in view.keys() {
        if skip.contains(&key.name) {
            continue;
        }
        let types = key.view.types();
        let child = " ".repeat(indent + 2);
        let insert = if types == Types::OBJECT {
            format!("{}:\n{child}", key.name)
        } else if types == Types::ARRAY {
            format!("{}:\n{child}- ", key.name)
        } else {
            format!("{}: ", key.name)
        };
        out.push(CompletionEntry {
            label: key.name.to_owned(),
            kind: CompletionKind::Key,
            insert,
            detail: (types != Types::ANY).then(|| types.to_string()),
            documentation: (!key.description.is_empty()).then(|| key.description.to_owned()),
            deprecated: key.deprecated,
        });
    }
}

/// Completion at `offset`: the keys the schema allows in the mapping the
/// cursor is in (those already written left out), the allowed values of the
/// key whose value is being typed, and the names of services, networks,
/// secrets and configs where a service refers to them.
#[must_use]
pub fn completion(model: &ComposeModel, offset: usize) -> Completions {
    let src = model.yaml().source();
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let bytes = src.as_bytes();
    let mut word = offset;
    while word > line_start && is_word_byte(bytes[word - 1]) {
        word -= 1;
    }
    let mut out = Completions {
        replace: TextRange::new(word, offset),
        items: Vec::new(),
    };
    let before = &src[line_start..word];
    if before.contains('#') || before.contains('\t') {
        return out;
    }
    let Some(slot) = slot(before) else {
        return out;
    };
    match slot {
        Slot::Key { indent } => {
            let path = parent_path(src, line_start, indent, false);
            if indent > 0 && path.is_empty() {
                return out;
            }
            if let Some(kind) = reference_kind(&path, true) {
                references(model, kind, &mut out.items);
            }
            if let Some(view) = view_at(&path) {
                let skip = sibling_keys(src, line_start, indent);
                keys(&view, indent, &skip, &mut out.items);
            }
        }
        Slot::Item { dash } => {
            let path = parent_path(src, line_start, dash, true);
            if let Some(kind) = reference_kind(&path, true) {
                references(model, kind, &mut out.items);
            }
            if let Some(view) = view_at(&path).and_then(|v| v.item().found()) {
                values(&view, &mut out.items);
                keys(&view, dash + 2, &[], &mut out.items);
            }
        }
        Slot::Value { key, indent, dash } => {
            let Some(path) = value_path(src, line_start, key, indent, dash) else {
                return out;
            };
            if let Some(kind) = reference_kind(&path, false) {
                references(model, kind, &mut out.items);
            }
            if let Some(view) = view_at(&path) {
                values(&view, &mut out.items);
            }
        }
        Slot::FlowItem { key, indent, dash } => {
            let Some(path) = value_path(src, line_start, key, indent, dash) else {
                return out;
            };
            if let Some(kind) = reference_kind(&path, true) {
                references(model, kind, &mut out.items);
            }
            if let Some(view) = view_at(&path).and_then(|v| v.item().found()) {
                values(&view, &mut out.items);
            }
        }
    }
    out
}

/// What a symbol stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// A top-level section (`services`, `networks`…).
    Section,
    Service,
    Network,
    Volume,
    Secret,
    Config,
}

/// A document symbol: a section and its named entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// Key through value.
    pub range: TextRange,
    /// The name.
    pub selection: TextRange,
    pub children: Vec<Symbol>,
}

/// The outline: one symbol per section, holding its services, networks,
/// volumes, secrets or configs, in file order.
#[must_use]
pub fn symbols(model: &ComposeModel) -> Vec<Symbol> {
    let yaml = model.yaml();
    let section = |key: &str, kind: SymbolKind, children: Vec<Symbol>| -> Option<Symbol> {
        let first = children.first()?;
        let mut range = children
            .iter()
            .fold(first.range, |acc, c| acc.cover(c.range));
        let mut selection = first.selection;
        if let Some(entry) = yaml.root().and_then(|r| r.entry(key)) {
            range = range.cover(entry.span());
            selection = entry.key.span();
        }
        Some(Symbol {
            name: key.to_owned(),
            detail: Some(children.len().to_string()),
            kind,
            range,
            selection,
            children,
        })
    };
    let services: Vec<Symbol> = model
        .service_views()
        .filter(|s| !s.def.name_range.is_empty())
        .map(|s| {
            let detail = s.image().map(|i| i.text.into_owned()).or_else(|| {
                s.build()
                    .map(|b| match b.context.as_ref().and_then(|c| c.known()) {
                        Some(c) => format!("build {c}"),
                        None => "build".to_owned(),
                    })
            });
            Symbol {
                name: s.def.name.clone(),
                detail,
                kind: SymbolKind::Service,
                range: s.def.range,
                selection: s.def.name_range,
                children: Vec::new(),
            }
        })
        .collect();
    let mut out = Vec::new();
    out.extend(section("services", SymbolKind::Section, services));
    for kind in TopKind::ALL {
        let children = model
            .definitions()
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| Symbol {
                name: d.name.clone(),
                detail: None,
                kind: match kind {
                    TopKind::Networks => SymbolKind::Network,
                    TopKind::Volumes => SymbolKind::Volume,
                    TopKind::Secrets => SymbolKind::Secret,
                    TopKind::Configs => SymbolKind::Config,
                },
                range: d.range,
                selection: d.name_range,
                children: Vec::new(),
            })
            .collect();
        out.extend(section(kind.key(), SymbolKind::Section, children));
    }
    out.sort_by_key(|s| s.range.start());
    out
}

/// Where go-to-definition leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A place in this file (the name of the service or definition).
    Here(TextRange),
    /// Another file, relative to the Compose file's directory.
    File(String),
}

/// The interpolated text of a scalar, when fully known.
fn known_text(model: &ComposeModel, node: NodeId) -> Option<String> {
    let i = model.interpolate(FileId::MAIN, node)?;
    i.known().map(str::to_owned)
}

/// `base` joined with `rel` (`rel` when absolute), `./` dropped.
fn join(base: &str, rel: &str) -> String {
    if rel.starts_with('/') || base.is_empty() || base == "." {
        return rel.strip_prefix("./").unwrap_or(rel).to_owned();
    }
    let base = base
        .strip_prefix("./")
        .unwrap_or(base)
        .trim_end_matches('/');
    let rel = rel.strip_prefix("./").unwrap_or(rel);
    if base.is_empty() || base == "." {
        rel.to_owned()
    } else {
        format!("{base}/{rel}")
    }
}

/// A build context that is a remote (URL, Git), not a directory.
fn is_remote(context: &str) -> bool {
    context.contains("://") || context.starts_with("git@") || context.starts_with("github.com/")
}

/// The Dockerfile a `build` mapping (or context string) builds.
fn dockerfile_of(model: &ComposeModel, build: NodeId) -> Option<String> {
    let yaml = model.yaml();
    let value = yaml.value(build);
    let (context, dockerfile) = if value.is_scalar() {
        (known_text(model, value.id())?, None)
    } else {
        let context = match value.get("context") {
            Some(c) => known_text(model, c.id())?,
            None => ".".to_owned(),
        };
        let dockerfile = match value.get("dockerfile") {
            Some(d) => Some(known_text(model, d.id())?),
            None => None,
        };
        (context, dockerfile)
    };
    if is_remote(&context) {
        return None;
    }
    Some(join(
        &context,
        dockerfile.as_deref().unwrap_or("Dockerfile"),
    ))
}

/// A named volume (`data:/var/lib`), not a host path.
fn named_volume(spec: &str) -> Option<&str> {
    let source = spec.split(':').next()?;
    let path_like = source.is_empty()
        || source.starts_with(['.', '/', '~', '$'])
        || source.contains('/')
        || !spec.contains(':');
    (!path_like).then_some(source)
}

/// The definition a reference at `segments` names, if it is one.
fn reference_target(
    model: &ComposeModel,
    segments: &[PathSeg<'_>],
    node: NodeId,
) -> Option<Target> {
    let yaml = model.yaml();
    let service_named = |name: &str| {
        model
            .services()
            .iter()
            .find(|s| s.name == name)
            .map(|s| Target::Here(s.name_range))
    };
    let defined = |kind: TopKind, name: &str| {
        model
            .definition(kind, name)
            .map(|d| Target::Here(d.name_range))
    };
    let text = || known_text(model, node);
    let PathSeg::Key(service) = *segments.get(1)? else {
        return None;
    };
    if segments.first() != Some(&PathSeg::Key("services")) {
        return None;
    }
    let service_node = || {
        yaml.root()
            .and_then(|r| r.get("services"))
            .and_then(|s| s.get(service))
    };
    match &segments[2..] {
        [PathSeg::Key("depends_on"), PathSeg::Index(_)] => service_named(&text()?),
        [PathSeg::Key("depends_on"), PathSeg::Key(name)] => service_named(name),
        [PathSeg::Key("extends")] => service_named(&text()?),
        [PathSeg::Key("extends"), PathSeg::Key("service")] => {
            let extends = service_node()?.get("extends")?;
            match extends.get("file") {
                Some(file) => Some(Target::File(join(".", &known_text(model, file.id())?))),
                None => service_named(&text()?),
            }
        }
        [PathSeg::Key("extends"), PathSeg::Key("file")] => Some(Target::File(join(".", &text()?))),
        [PathSeg::Key("networks"), PathSeg::Index(_)] => defined(TopKind::Networks, &text()?),
        [PathSeg::Key("networks"), PathSeg::Key(name)] => defined(TopKind::Networks, name),
        [PathSeg::Key("volumes"), PathSeg::Index(_)] => {
            defined(TopKind::Volumes, named_volume(&text()?)?)
        }
        [
            PathSeg::Key("volumes"),
            PathSeg::Index(_),
            PathSeg::Key("source"),
        ] => {
            let source = text()?;
            defined(TopKind::Volumes, &source)
        }
        [PathSeg::Key(k @ ("secrets" | "configs")), PathSeg::Index(_)]
        | [
            PathSeg::Key(k @ ("secrets" | "configs")),
            PathSeg::Index(_),
            PathSeg::Key("source"),
        ] => {
            let kind = if *k == "secrets" {
                TopKind::Secrets
            } else {
                TopKind::Configs
            };
            defined(kind, &text()?)
        }
        [PathSeg::Key("build")] => Some(Target::File(dockerfile_of(
            model,
            service_node()?.get("build")?.id(),
        )?)),
        [
            PathSeg::Key("build"),
            PathSeg::Key("context" | "dockerfile"),
        ] => Some(Target::File(dockerfile_of(
            model,
            service_node()?.get("build")?.id(),
        )?)),
        [PathSeg::Key("env_file")]
        | [PathSeg::Key("env_file"), PathSeg::Index(_)]
        | [
            PathSeg::Key("env_file"),
            PathSeg::Index(_),
            PathSeg::Key("path"),
        ] => Some(Target::File(join(".", &text()?))),
        _ => None,
    }
}

/// Go to definition from a service's `depends_on`, `extends`, `networks`,
/// `volumes`, `secrets` and `configs` to the service or top-level
/// definition they name, and from `build` (`context`, `dockerfile`),
/// `extends.file` and `env_file` to the file.
#[must_use]
pub fn definition(model: &ComposeModel, offset: usize) -> Option<Target> {
    let at = model.yaml().path_at(offset);
    let node = at.node?;
    if at.on_key {
        // The key of a `depends_on` / `networks` mapping is the reference.
        return match at.segments.as_slice() {
            [
                PathSeg::Key("services"),
                PathSeg::Key(_),
                PathSeg::Key("depends_on" | "networks"),
                PathSeg::Key(_),
            ] => reference_target(model, &at.segments, node),
            _ => None,
        };
    }
    if model.yaml().node(node).kind() != Kind::Scalar {
        return None;
    }
    reference_target(model, &at.segments, node)
}

/// A link from a path written in the file to that file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The path as written (the scalar).
    pub range: TextRange,
    /// Relative to the Compose file's directory.
    pub path: String,
}

/// Links for each service's `env_file` entries and `build` (to the
/// Dockerfile it builds), and `extends.file`, in this file.
#[must_use]
pub fn links(model: &ComposeModel) -> Vec<Link> {
    let yaml = model.yaml();
    let mut out = Vec::new();
    for def in model.services() {
        for layer in &def.layers {
            if layer.file != FileId::MAIN || layer.via.is_some() {
                continue;
            }
            let service = yaml.value(layer.node);
            if !service.is_mapping() {
                continue;
            }
            let mut link = |value: crate::yaml::Value<'_>, path: Option<String>| {
                if let Some(path) = path
                    && value.via().is_none()
                {
                    out.push(Link {
                        range: value.span(),
                        path,
                    });
                }
            };
            if let Some(env_file) = service.get("env_file") {
                let entries: Vec<crate::yaml::Value<'_>> = if env_file.is_sequence() {
                    env_file
                        .items()
                        .map(|i| {
                            if i.is_mapping() {
                                i.get("path")
                            } else {
                                Some(i)
                            }
                        })
                        .collect::<Option<Vec<_>>>()
                        .unwrap_or_default()
                } else {
                    vec![env_file]
                };
                for e in entries.into_iter().filter(|e| e.is_scalar()) {
                    link(e, known_text(model, e.id()).map(|t| join(".", &t)));
                }
            }
            if let Some(build) = service.get("build") {
                let dockerfile = dockerfile_of(model, build.id());
                if build.is_scalar() {
                    link(build, dockerfile);
                } else {
                    for key in ["context", "dockerfile"] {
                        if let Some(v) = build.get(key).filter(|v| v.is_scalar()) {
                            link(v, dockerfile.clone());
                        }
                    }
                }
            }
            if let Some(file) = service.get("extends").and_then(|e| e.get("file"))
                && file.is_scalar()
            {
                link(file, known_text(model, file.id()).map(|t| join(".", &t)));
            }
        }
    }
    out.sort_by_key(|l| l.range.start());
    out
}

/// The edit that suppresses `code` for the entry a finding at `range` is
/// in: `,CODE` added to the `# dockward ignore=` comment right above its
/// line, or a new comment line there, indented like the line (a comment
/// above a key or a sequence item covers that entry). `None` when the
/// comment above already names the code.
#[must_use]
pub fn ignore_edit(model: &ComposeModel, range: TextRange, code: &str) -> Option<Edit> {
    let yaml = model.yaml();
    let src = yaml.source();
    let line = yaml.line_of(range.start().min(src.len()));
    let line_start = yaml.line_start(line);
    if line > 0 {
        let above = yaml.line_start(line - 1);
        let existing = model.pragmas().pragmas.iter().find(|p| {
            p.tool == PragmaTool::Dockward
                && matches!(p.scope, PragmaScope::Range(r) if r.contains_inclusive(range.start()))
                && p.range.start() >= above
                && p.range.start() < line_start
        });
        if let Some(p) = existing {
            if p.rules.iter().any(|r| r.id.eq_ignore_ascii_case(code)) {
                return None;
            }
            let last = p.rules.last()?;
            return Some(Edit::insert(last.range.end(), format!(",{code}")));
        }
    }
    let rest = &src[line_start..];
    let indent = &rest[..rest.len() - rest.trim_start_matches(' ').len()];
    Some(Edit::insert(
        line_start,
        format!("{indent}# dockward ignore={code}{}", newline(src)),
    ))
}

/// The edit that suppresses `code` in the whole file: added to the file's
/// `# dockward global ignore=` comment, or a new one on the first line.
#[must_use]
pub fn global_ignore_edit(model: &ComposeModel, code: &str) -> Option<Edit> {
    let src = model.yaml().source();
    if let Some(p) = model
        .pragmas()
        .pragmas
        .iter()
        .find(|p| p.tool == PragmaTool::Dockward && p.scope == PragmaScope::File)
    {
        if p.rules.iter().any(|r| r.id.eq_ignore_ascii_case(code)) {
            return None;
        }
        let last = p.rules.last()?;
        return Some(Edit::insert(last.range.end(), format!(",{code}")));
    }
    let at = if src.starts_with('\u{feff}') { 3 } else { 0 };
    Some(Edit::insert(
        at,
        format!("# dockward global ignore={code}{}", newline(src)),
    ))
}

#[cfg(test)]
mod tests;
