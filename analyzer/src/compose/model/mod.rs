//! The Compose model: one Compose file read as Compose reads it, with the
//! range to report for every value.
//!
//! # What it holds
//!
//! [`ComposeModel::new`] parses the text ([`crate::yaml`]), reads the
//! `.env` text the caller passes ([`ComposeContext::dotenv`]; never the real
//! environment), and builds:
//!
//! - the **services** ([`ServiceDef`], viewed through [`Service`]): each is a
//!   stack of [`Layer`]s, base first. A service's own mapping (and, in a
//!   file of several YAML documents, its mapping in each later document) is
//!   an [`Origin::Own`] layer; `extends` puts the base service's layers
//!   underneath (same file: [`Origin::Base`]; `extends: {file: …}`: the
//!   other file's text, read through [`ComposeContext::files`],
//!   [`Origin::External`]). A key is read from the topmost layer that has
//!   it; `!reset` clears it, `!override` stops the merge of sequences and
//!   mappings with lower layers. Anchors, aliases and `<<` merges are
//!   resolved by the YAML view without copying: a merged value keeps the
//!   span where it is written (the anchor).
//! - the **typed views** ([`Service`]: privileged, capabilities,
//!   `security_opt`, namespaces, volumes short and long, devices, ports
//!   short and long, user, image, build, environment, healthcheck, limits,
//!   restart…), each value an interpolated [`Scalar`] with the range to
//!   report ([`Scalar::range`]): where it is written in this file; for a
//!   value inherited from another file, the `extends` entry that brings it;
//!   `None` for a value inherited from another service of this file (that
//!   service reports it).
//! - the top-level **definitions** (`networks`, `volumes`, `secrets`,
//!   `configs`: [`Definition`]) and the `extends` references
//!   ([`ExtendsRef`]), with ranges, for symbols and go-to-definition;
//! - the **problems** Compose would refuse to load the file for that are
//!   not YAML errors ([`Problem`]: services at the top level, `extends`
//!   cycles, unknown base services, unreadable `extends` files);
//! - the suppression **pragmas** of the file's comments.
//!
//! # Interpolation
//!
//! Every scalar value is interpolated on access with the `.env` variables
//! ([`super::interpolate`]). A part that stays unknown (a variable the
//! `.env` does not set, without a default) is marked, and rules never
//! report on an unknown part: `${TAG}` is neither latest nor untagged,
//! `${TAG:-latest}` is latest.
//!
//! # Editors
//!
//! [`ComposeModel::yaml`] gives the tree (comments, every node's span,
//! [`Yaml::path_at`](crate::yaml::Yaml::path_at)); [`ComposeModel::services`],
//! [`ComposeModel::definitions`], [`ServiceDef::extends`],
//! [`Service::build`] give what hover, symbols, definitions and document
//! links need.

mod pragmas;
mod scalar;
mod service;
mod specs;

use std::collections::HashMap;
use std::fmt;

pub use scalar::{Scalar, parse_bool};
pub use service::{Field, Item, Service};
pub use specs::{
    Build, EnvVar, Mount, MountKind, Port, PortSpec, SecurityOpt, parse_port, parse_volume,
};

use crate::checker::FileModel;
use crate::compose::dotenv;
use crate::compose::interpolate::{Interpolated, interpolate};
use crate::suppression::Pragmas;
use crate::text::TextRange;
use crate::yaml::{self, Kind, NodeId, Value, Yaml};

/// Reads another file's text for the model: `extends: {file: …}`, and the
/// Dockerfile a service builds. It receives a path relative to the
/// analysed Compose file's directory (or absolute, as written) and returns
/// `None` when the file cannot be read.
pub type FileResolver<'a> = &'a dyn Fn(&str) -> Option<String>;

/// What the caller knows besides the Compose text. The analyzer does no
/// IO: the edges read `.env` and other files and hand them in.
#[derive(Clone, Copy, Default)]
pub struct ComposeContext<'a> {
    /// The `.env` file of the project directory, if there is one.
    pub dotenv: Option<&'a str>,
    /// Reads files named by the Compose file (`extends: {file: …}`, the
    /// Dockerfiles of `build:`). Without it, a base service in another file
    /// is unknown: rules that look for a missing setting skip such services.
    pub files: Option<FileResolver<'a>>,
    /// The file is an override file (`compose.override.yaml`): a partial
    /// document merged over another, so a setting it does not make may be
    /// made by the file it overrides. Rules about missing settings are
    /// silent.
    pub partial: bool,
}

impl fmt::Debug for ComposeContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComposeContext")
            .field("dotenv", &self.dotenv.map(str::len))
            .field("files", &self.files.is_some())
            .field("partial", &self.partial)
            .finish()
    }
}

/// A file the model read: the analysed file is [`FileId::MAIN`], files
/// read for `extends` follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u16);

impl FileId {
    /// The analysed file.
    pub const MAIN: FileId = FileId(0);
}

/// A parsed file and the path it was read from (relative to the analysed
/// file's directory; empty for the analysed file).
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub yaml: Yaml,
}

/// The top-level sections whose entries are named definitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TopKind {
    Networks,
    Volumes,
    Secrets,
    Configs,
}

impl TopKind {
    pub const ALL: [TopKind; 4] = [
        TopKind::Networks,
        TopKind::Volumes,
        TopKind::Secrets,
        TopKind::Configs,
    ];

    /// The section's key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            TopKind::Networks => "networks",
            TopKind::Volumes => "volumes",
            TopKind::Secrets => "secrets",
            TopKind::Configs => "configs",
        }
    }
}

/// A network, volume, secret or config defined at the top level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    pub kind: TopKind,
    pub name: String,
    pub name_range: TextRange,
    /// Key through value.
    pub range: TextRange,
    pub key: NodeId,
    pub value: NodeId,
}

/// Where a [`Layer`] of a service comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The service's own mapping in this file.
    Own,
    /// Another service of this file, through `extends` (reported there).
    Base { service: String },
    /// A service of another file, through `extends: {file: …}`; findings
    /// on its values are reported at `at`, the `extends` entry in this file.
    External {
        service: String,
        file: String,
        at: TextRange,
    },
}

/// One mapping that contributes to a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    pub file: FileId,
    /// The mapping (or, for a malformed service, whatever value is there).
    pub node: NodeId,
    /// The alias the mapping was reached through (`web: *base`), if any.
    pub via: Option<NodeId>,
    pub origin: Origin,
}

/// A service's `extends`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtendsRef {
    /// The base service's name (interpolated, when known).
    pub service: Option<String>,
    pub service_range: TextRange,
    /// `file:`, as written (interpolated, when known).
    pub file: Option<String>,
    pub file_range: Option<TextRange>,
    /// The `extends` entry, key through value.
    pub range: TextRange,
}

/// Who a container built from a Dockerfile runs as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunsAs {
    Root,
    NonRoot,
    Unknown,
}

/// A service of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceDef {
    pub name: String,
    /// The name's key (its first definition, in a file of several documents).
    pub name_range: TextRange,
    /// Key through value (first definition).
    pub range: TextRange,
    pub key: NodeId,
    /// Base first; the last layer is the topmost.
    pub layers: Vec<Layer>,
    pub extends: Option<ExtendsRef>,
    /// Some layer could not be read (a base service in a file the caller
    /// did not resolve): a setting may be made where it cannot be seen.
    pub incomplete: bool,
    /// For a service built from a local Dockerfile the resolver could
    /// read: who its build target runs as.
    pub dockerfile_user: Option<RunsAs>,
    /// The document of the first definition.
    pub document: usize,
    /// The parsed `image` (see [`Service::image_ref`]), parsed on first use:
    /// three rules read it, and the reference parser is not cheap.
    pub(crate) image_ref: std::sync::OnceLock<Option<crate::values::image_ref::ImageRef>>,
    /// The volumes (see [`Service::volumes`]), read on first use: four
    /// rules read them.
    pub(crate) mounts: std::sync::OnceLock<Vec<specs::MountFacts>>,
    /// The merged `environment` (see [`Service::environment`]), read on
    /// first use.
    pub(crate) environment: std::sync::OnceLock<Vec<specs::EnvVar>>,
}

/// Why Compose would refuse to load the file, beyond YAML errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The document is not a mapping (`compose-syntax-error`).
    RootNotMapping,
    /// Services at the top level: the v1 layout current Compose rejects.
    LegacyLayout,
    ExtendsCycle,
    ExtendsUnknownService,
    ExtendsUnreadable,
    /// `${…}` Compose cannot parse: it refuses the file.
    InvalidInterpolation,
}

/// A [`ProblemKind`] with its range and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub range: TextRange,
    pub message: String,
}

/// How deep `extends` may chain.
const MAX_EXTENDS_DEPTH: usize = 32;
/// How many other files the model reads at most.
const MAX_FILES: usize = 64;

/// A parsed Compose file.
pub struct ComposeModel {
    files: Vec<SourceFile>,
    env: HashMap<String, String>,
    has_dotenv: bool,
    partial: bool,
    services: Vec<ServiceDef>,
    definitions: Vec<Definition>,
    /// The top-level `version` entries (key, value).
    version: Vec<(NodeId, NodeId)>,
    problems: Vec<Problem>,
    legacy: bool,
    pub(crate) pragmas: Pragmas,
    /// Each loaded file's services by name (built on the first `extends`
    /// into the file): resolving `extends` costs a lookup per step, not a
    /// scan of every service, so a long chain in a file of thousands of
    /// services stays linear.
    service_index: Vec<Option<ServiceIndex>>,
}

/// A file's service mappings by name, in document order.
type ServiceIndex = HashMap<String, Vec<(NodeId, Option<NodeId>)>>;

impl fmt::Debug for ComposeModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComposeModel")
            .field("services", &self.services.len())
            .field("definitions", &self.definitions.len())
            .field("problems", &self.problems)
            .finish_non_exhaustive()
    }
}

/// No shared views (the model caches its own), no units: a Compose file
/// has no instructions.
impl FileModel for ComposeModel {
    fn source(&self) -> &str {
        self.yaml().source()
    }
}

impl ComposeModel {
    /// Parses `src` and builds the model (never fails: errors are data).
    #[must_use]
    pub fn new(src: &str, context: ComposeContext<'_>) -> ComposeModel {
        let yaml = yaml::parse(src);
        let env: HashMap<String, String> = context.dotenv.map_or_else(HashMap::new, |text| {
            dotenv::parse(text)
                .vars()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        });
        let mut model = ComposeModel {
            files: vec![SourceFile {
                path: String::new(),
                yaml,
            }],
            env,
            has_dotenv: context.dotenv.is_some(),
            partial: context.partial,
            services: Vec::new(),
            definitions: Vec::new(),
            version: Vec::new(),
            problems: Vec::new(),
            legacy: false,
            pragmas: Pragmas::default(),
            service_index: Vec::new(),
        };
        model.read_top_level();
        model.resolve_extends(context);
        model.read_dockerfiles(context);
        model.check_interpolation();
        model.pragmas = pragmas::collect(model.yaml());
        model
    }

    /// The analysed file's tree.
    #[must_use]
    pub fn yaml(&self) -> &Yaml {
        &self.files[0].yaml
    }

    /// A file the model read ([`FileId::MAIN`] is the analysed one).
    #[must_use]
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[usize::from(id.0)]
    }

    /// Every file read, the analysed one first.
    #[must_use]
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The services, in the order of their first definition.
    #[must_use]
    pub fn services(&self) -> &[ServiceDef] {
        &self.services
    }

    /// The typed view of each service.
    pub fn service_views(&self) -> impl Iterator<Item = Service<'_>> {
        self.services.iter().map(|d| Service::new(self, d))
    }

    /// The service named `name`.
    #[must_use]
    pub fn service(&self, name: &str) -> Option<Service<'_>> {
        self.services
            .iter()
            .find(|d| d.name == name)
            .map(|d| Service::new(self, d))
    }

    /// The top-level networks, volumes, secrets and configs, in file order.
    #[must_use]
    pub fn definitions(&self) -> &[Definition] {
        &self.definitions
    }

    /// The definition of `name` in section `kind`.
    #[must_use]
    pub fn definition(&self, kind: TopKind, name: &str) -> Option<&Definition> {
        self.definitions
            .iter()
            .find(|d| d.kind == kind && d.name == name)
    }

    /// The top-level `version` entries (key node, value node).
    #[must_use]
    pub fn version_entries(&self) -> &[(NodeId, NodeId)] {
        &self.version
    }

    /// What Compose would refuse the file for, besides YAML errors.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Services sit at the top level (the v1 layout): nothing else is
    /// analysed.
    #[must_use]
    pub fn is_legacy(&self) -> bool {
        self.legacy
    }

    /// An override file (see [`ComposeContext::partial`]).
    #[must_use]
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// Whether a `.env` text was given.
    #[must_use]
    pub fn has_dotenv(&self) -> bool {
        self.has_dotenv
    }

    /// The `.env` variables.
    #[must_use]
    pub fn env(&self) -> &HashMap<String, String> {
        &self.env
    }

    /// The suppression comments.
    #[must_use]
    pub fn pragmas(&self) -> &Pragmas {
        &self.pragmas
    }

    /// Interpolates a scalar node of file `file` with the `.env` variables
    /// (`None` for a collection). Reference ranges are source offsets when
    /// the scalar's value is its source text (plain, or quoted without
    /// escapes), else relative to the value.
    #[must_use]
    pub fn interpolate<'m>(&'m self, file: FileId, node: NodeId) -> Option<Interpolated<'m>> {
        let yaml = &self.file(file).yaml;
        let text = yaml.scalar(node)?;
        let base = scalar::value_base(yaml, node).unwrap_or(0);
        Some(interpolate(text, base, &self.env))
    }

    /// The source offset of a scalar's value when the value is its source
    /// text byte for byte (plain, or quoted without escapes).
    #[must_use]
    pub fn value_offset(&self, file: FileId, node: NodeId) -> Option<usize> {
        scalar::value_base(&self.file(file).yaml, node)
    }

    /// The interpolated scalar at `value` of file `file`, reported at
    /// `report`; `None` for collections and nulls.
    #[must_use]
    pub fn scalar<'m>(
        &'m self,
        file: FileId,
        value: Value<'m>,
        report: Option<TextRange>,
    ) -> Option<Scalar<'m>> {
        Scalar::new(self, file, value, report)
    }

    // ---- construction ----

    fn read_top_level(&mut self) {
        let mut services: Vec<ServiceDef> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut definitions = Vec::new();
        let mut version = Vec::new();
        let mut problems = Vec::new();
        let mut legacy = false;
        let yaml = &self.files[0].yaml;
        for (doc_index, doc) in yaml.documents().iter().enumerate() {
            let Some(root_id) = doc.root else { continue };
            let root = yaml.value(root_id);
            if !root.is_mapping() {
                if !root.is_null() {
                    problems.push(Problem {
                        kind: ProblemKind::RootNotMapping,
                        range: root.span(),
                        message: format!(
                            "A Compose file is a mapping (of `services`, `networks`…), not {}",
                            describe_kind(root)
                        ),
                    });
                }
                continue;
            }
            if root.get("services").is_none()
                && let Some(first) = legacy_service(root)
            {
                legacy = true;
                problems.push(Problem {
                    kind: ProblemKind::LegacyLayout,
                    range: first,
                    message: "Services sit at the top level (the Compose file format v1), which current Compose rejects: put them under `services:`".to_owned(),
                });
                continue;
            }
            for entry in root.entries() {
                let Some(key) = entry.key_str() else { continue };
                match key {
                    "version" => version.push((entry.key.id(), entry.value.id())),
                    "services" => {
                        for s in entry.value.entries() {
                            let Some(name) = s.key_str() else { continue };
                            let layer = Layer {
                                file: FileId::MAIN,
                                node: s.value.id(),
                                via: s.value.via(),
                                origin: Origin::Own,
                            };
                            if let Some(&i) = by_name.get(name) {
                                services[i].layers.push(layer);
                            } else {
                                by_name.insert(name.to_owned(), services.len());
                                services.push(ServiceDef {
                                    name: name.to_owned(),
                                    name_range: s.key.span(),
                                    range: s.span(),
                                    key: s.key.id(),
                                    layers: vec![layer],
                                    extends: None,
                                    incomplete: false,
                                    dockerfile_user: None,
                                    document: doc_index,
                                    image_ref: std::sync::OnceLock::new(),
                                    mounts: std::sync::OnceLock::new(),
                                    environment: std::sync::OnceLock::new(),
                                });
                            }
                        }
                    }
                    _ => {
                        let Some(kind) = TopKind::ALL.into_iter().find(|k| k.key() == key) else {
                            continue;
                        };
                        for d in entry.value.entries() {
                            let Some(name) = d.key_str() else { continue };
                            definitions.push(Definition {
                                kind,
                                name: name.to_owned(),
                                name_range: d.key.span(),
                                range: d.span(),
                                key: d.key.id(),
                                value: d.value.id(),
                            });
                        }
                    }
                }
            }
        }
        self.services = services;
        self.definitions = definitions;
        self.version = version;
        self.problems = problems;
        self.legacy = legacy;
    }

    /// Puts the layers of each service's base services under its own.
    fn resolve_extends(&mut self, context: ComposeContext<'_>) {
        for i in 0..self.services.len() {
            let own = self.services[i].layers.clone();
            // The topmost own layer with `extends` decides.
            let Some(kv) = own
                .iter()
                .rev()
                .find_map(|l| extends_node(&self.file(l.file).yaml, l))
            else {
                continue;
            };
            let (ext, target) = self.parse_extends(FileId::MAIN, kv);
            let at = ext.range;
            self.services[i].extends = Some(ext);
            let Some((base_file, base_name)) = target else {
                self.services[i].incomplete = true;
                continue;
            };
            let mut stack = vec![(FileId::MAIN, self.services[i].name.clone())];
            let mut incomplete = false;
            let mut layers = self.base_layers(
                context,
                FileId::MAIN,
                base_file.as_deref(),
                &base_name,
                at,
                &mut stack,
                &mut incomplete,
            );
            layers.extend(own);
            let def = &mut self.services[i];
            def.layers = layers;
            def.incomplete |= incomplete;
        }
    }

    /// The `extends` reference at `node` (the `extends` entry's key and
    /// value) of file `file`, and its target (file as written, service).
    fn parse_extends(
        &self,
        file: FileId,
        (key, value): (NodeId, NodeId),
    ) -> (ExtendsRef, Option<(Option<String>, String)>) {
        let yaml = &self.file(file).yaml;
        let value_view = yaml.value(value);
        let known = |id: NodeId| -> Option<String> {
            let i = self.interpolate(file, id)?;
            i.fully_known().then(|| i.value.into_owned())
        };
        let range = yaml.node(key).full_span().cover(value_view.full_span());
        let (service, service_range, file_name, file_range) = if value_view.is_scalar() {
            (known(value_view.id()), value_view.span(), None, None)
        } else {
            let s = value_view.get("service");
            let f = value_view.get("file");
            (
                s.and_then(|v| known(v.id())),
                s.map_or(value_view.span(), |v| v.span()),
                f.and_then(|v| known(v.id())),
                f.map(|v| v.span()),
            )
        };
        let target = service.clone().map(|s| (file_name.clone(), s));
        (
            ExtendsRef {
                service,
                service_range,
                file: file_name,
                file_range,
                range,
            },
            target,
        )
    }

    /// The mappings of service `name` in `file`, one per document that
    /// defines it.
    fn service_nodes(&mut self, file: FileId, name: &str) -> Vec<(NodeId, Option<NodeId>)> {
        let i = usize::from(file.0);
        if self.service_index.len() <= i {
            self.service_index.resize_with(i + 1, || None);
        }
        if self.service_index[i].is_none() {
            self.service_index[i] = Some(service_index(&self.file(file).yaml));
        }
        self.service_index[i]
            .as_ref()
            .and_then(|index| index.get(name).cloned())
            .unwrap_or_default()
    }

    /// The layers of service `name` in `file_name` (relative to file
    /// `from`; `None`: `from` itself), its own bases first. `at`: where
    /// findings on other files' values are reported.
    #[allow(clippy::too_many_arguments)]
    fn base_layers(
        &mut self,
        context: ComposeContext<'_>,
        from: FileId,
        file_name: Option<&str>,
        name: &str,
        at: TextRange,
        stack: &mut Vec<(FileId, String)>,
        incomplete: &mut bool,
    ) -> Vec<Layer> {
        let file = match file_name {
            None => from,
            Some(f) => {
                let path = join_path(&self.file(from).path, f);
                match self.load(context, &path) {
                    Load::Loaded(id) => id,
                    Load::NoResolver => {
                        *incomplete = true;
                        return Vec::new();
                    }
                    Load::Unreadable => {
                        *incomplete = true;
                        self.problems.push(Problem {
                            kind: ProblemKind::ExtendsUnreadable,
                            range: at,
                            message: format!(
                                "`extends` names the file `{f}`, which cannot be read"
                            ),
                        });
                        return Vec::new();
                    }
                }
            }
        };
        if stack.iter().any(|(f, n)| *f == file && n == name) {
            *incomplete = true;
            let chain: Vec<String> = stack.iter().map(|(_, n)| format!("`{n}`")).collect();
            self.problems.push(Problem {
                kind: ProblemKind::ExtendsCycle,
                range: at,
                message: format!("`extends` makes a cycle: {} → `{name}`", chain.join(" → ")),
            });
            return Vec::new();
        }
        if stack.len() > MAX_EXTENDS_DEPTH {
            *incomplete = true;
            self.problems.push(Problem {
                kind: ProblemKind::ExtendsCycle,
                range: at,
                message: format!("`extends` chains more than {MAX_EXTENDS_DEPTH} services deep"),
            });
            return Vec::new();
        }
        let nodes = self.service_nodes(file, name);
        if nodes.is_empty() {
            *incomplete = true;
            let place = file_name.map_or_else(String::new, |f| format!(" in `{f}`"));
            self.problems.push(Problem {
                kind: ProblemKind::ExtendsUnknownService,
                range: at,
                message: format!(
                    "`extends` names the service `{name}`, which is not defined{place}"
                ),
            });
            return Vec::new();
        }
        let origin = if file == FileId::MAIN {
            Origin::Base {
                service: name.to_owned(),
            }
        } else {
            Origin::External {
                service: name.to_owned(),
                file: self.file(file).path.clone(),
                at,
            }
        };
        let own: Vec<Layer> = nodes
            .iter()
            .map(|&(node, via)| Layer {
                file,
                node,
                via,
                origin: origin.clone(),
            })
            .collect();
        let ext = own
            .iter()
            .rev()
            .find_map(|l| extends_node(&self.file(file).yaml, l));
        let mut layers = Vec::new();
        if let Some(kv) = ext {
            let (_, target) = self.parse_extends(file, kv);
            if let Some((next_file, next_name)) = target {
                stack.push((file, name.to_owned()));
                layers = self.base_layers(
                    context,
                    file,
                    next_file.as_deref(),
                    &next_name,
                    at,
                    stack,
                    incomplete,
                );
                stack.pop();
            } else {
                *incomplete = true;
            }
        }
        layers.extend(own);
        layers
    }

    fn load(&mut self, context: ComposeContext<'_>, path: &str) -> Load {
        if let Some(i) = self.files.iter().skip(1).position(|f| f.path == path) {
            return Load::Loaded(FileId(u16::try_from(i + 1).unwrap_or(u16::MAX)));
        }
        let Some(resolver) = context.files else {
            return Load::NoResolver;
        };
        if self.files.len() >= MAX_FILES {
            return Load::Unreadable;
        }
        let Some(text) = resolver(path) else {
            return Load::Unreadable;
        };
        let id = FileId(u16::try_from(self.files.len()).unwrap_or(u16::MAX));
        self.files.push(SourceFile {
            path: path.to_owned(),
            yaml: yaml::parse(&text),
        });
        Load::Loaded(id)
    }

    /// Who each service built from a local Dockerfile runs as (the
    /// resolver reads the Dockerfile; `dockerfile_inline` needs none).
    fn read_dockerfiles(&mut self, context: ComposeContext<'_>) {
        for i in 0..self.services.len() {
            let text = {
                let svc = Service::new(self, &self.services[i]);
                let Some(build) = svc.build() else { continue };
                if let Some(inline) = build.dockerfile_inline.as_ref().and_then(Scalar::known) {
                    Some((inline.to_owned(), build.target_text()))
                } else {
                    match (context.files, build.dockerfile_path()) {
                        (Some(read), Some(path)) => read(&path).map(|t| (t, build.target_text())),
                        _ => None,
                    }
                }
            };
            let Some((text, target)) = text else { continue };
            let model = crate::model::Model::new(&text);
            let stage = match &target {
                Some(t) => model.stage_by_name(t),
                None => model.final_stage(),
            };
            let verdict =
                stage.map_or(
                    RunsAs::Unknown,
                    |s| match crate::facts::run_user::stage_runs_as(&model, s) {
                        crate::facts::run_user::RunsAs::Root => RunsAs::Root,
                        crate::facts::run_user::RunsAs::NonRoot => RunsAs::NonRoot,
                        crate::facts::run_user::RunsAs::Unknown => RunsAs::Unknown,
                    },
                );
            self.services[i].dockerfile_user = Some(verdict);
        }
    }

    /// Invalid `${…}` anywhere in a value of the analysed file.
    fn check_interpolation(&mut self) {
        let mut found = Vec::new();
        for_each_value_scalar(self.yaml(), |id| {
            let yaml = self.yaml();
            let text = yaml.scalar(id).unwrap_or("");
            if !crate::compose::interpolate::has_dollar(text) {
                return;
            }
            let (_, errors) = crate::compose::interpolate::references(text, 0);
            if let Some(e) = errors.first() {
                let range =
                    scalar::value_base(yaml, id).map_or(yaml.node(id).span(), |b| e.range.shift(b));
                found.push(Problem {
                    kind: ProblemKind::InvalidInterpolation,
                    range,
                    message: match &e.kind {
                        crate::compose::interpolate::ErrorKind::NestingTooDeep => {
                            "Interpolation nested too deep to evaluate".to_owned()
                        }
                        _ => format!(
                            "Invalid interpolation format `{}`, which Compose refuses (write `$$` for a literal `$`)",
                            crate::diagnostic::shorten(&text[e.range.as_range()])
                        ),
                    },
                });
            }
        });
        self.problems.extend(found);
    }
}

enum Load {
    Loaded(FileId),
    NoResolver,
    Unreadable,
}

/// The `extends` entry (key, value) of a layer's mapping.
fn extends_node(yaml: &Yaml, layer: &Layer) -> Option<(NodeId, NodeId)> {
    let e = yaml.value_via(layer.node, layer.via).entry("extends")?;
    (!e.value.is_null()).then(|| (e.key.id(), e.value.id()))
}

/// The mappings defining each service of `yaml` (one per document that
/// defines it, in document order), with the alias each was reached through.
fn service_index(yaml: &Yaml) -> ServiceIndex {
    let mut index: ServiceIndex = HashMap::new();
    for doc in yaml.documents() {
        let Some(root) = doc.root else { continue };
        let Some(services) = yaml.value(root).get("services") else {
            continue;
        };
        // `get` semantics: a duplicated name counts once, with its later
        // value; merged-in entries count.
        let mut seen: HashMap<&str, (NodeId, Option<NodeId>)> = HashMap::new();
        for e in services.entries() {
            if let Some(name) = e.key_str() {
                seen.insert(name, (e.value.id(), e.value.via()));
            }
        }
        for (name, node) in seen {
            index.entry(name.to_owned()).or_default().push(node);
        }
    }
    index
}

/// `base`'s directory joined with `rel` (`rel` itself when absolute or
/// when `base` has no directory).
#[must_use]
pub fn join_path(base: &str, rel: &str) -> String {
    if rel.starts_with('/') || rel.contains("://") {
        return rel.to_owned();
    }
    let rel = rel.strip_prefix("./").unwrap_or(rel);
    match base.rfind('/') {
        Some(i) => format!("{}/{rel}", &base[..i]),
        None => rel.to_owned(),
    }
}

/// "a sequence", "a scalar", …
fn describe_kind(v: Value<'_>) -> &'static str {
    match v.kind() {
        Kind::Sequence => "a sequence",
        Kind::Mapping => "a mapping",
        Kind::Scalar | Kind::Alias => "a scalar",
    }
}

/// Top-level keys of a Compose file.
const TOP_KEYS: [&str; 8] = [
    "version", "name", "include", "services", "networks", "volumes", "secrets", "configs",
];

/// The key of the first top-level entry that looks like a v1 service (a
/// mapping with `image` or `build`), when the file has no `services`.
fn legacy_service(root: Value<'_>) -> Option<TextRange> {
    root.entries().find_map(|e| {
        let key = e.key_str()?;
        if TOP_KEYS.contains(&key) || key.starts_with("x-") {
            return None;
        }
        (e.value.get("image").is_some() || e.value.get("build").is_some()).then(|| e.key.span())
    })
}

/// Calls `f` on every scalar of `yaml` that is a value (not a key), as
/// written (aliases not followed): each once.
pub(crate) fn for_each_value_scalar(yaml: &Yaml, mut f: impl FnMut(NodeId)) {
    let mut stack: Vec<NodeId> = yaml.documents().iter().filter_map(|d| d.root).collect();
    while let Some(id) = stack.pop() {
        match yaml.node(id).kind() {
            Kind::Scalar => f(id),
            Kind::Mapping => stack.extend(yaml.entries(id).iter().map(|e| e.value)),
            Kind::Sequence => stack.extend(yaml.items(id).iter().copied()),
            Kind::Alias => {}
        }
    }
}
