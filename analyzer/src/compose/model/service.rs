//! The typed view of one service: its settings read through its layers,
//! interpolated, with the range to report.

use super::specs::{
    Build, Device, EnvVar, Mount, MountFacts, MountKind, PROPAGATION, Port, SecurityOpt,
    is_host_path, parse_port, parse_volume,
};
use super::{ComposeModel, FileId, Layer, Origin, Scalar, ServiceDef};
use crate::facts::image_pins::parse_interpolated_image;
use crate::text::TextRange;
use crate::values::image_ref::ImageRef;
use crate::yaml::{TagKind, Value};

/// A service as Compose resolves it.
#[derive(Clone, Copy, Debug)]
pub struct Service<'m> {
    pub model: &'m ComposeModel,
    pub def: &'m ServiceDef,
}

/// A key of a service, from the topmost layer that sets it.
#[derive(Clone, Copy, Debug)]
pub struct Field<'m> {
    pub key: Value<'m>,
    pub value: Value<'m>,
    pub layer: &'m Layer,
}

/// An item of a sequence setting, with the layer it comes from.
#[derive(Clone, Copy, Debug)]
pub struct Item<'m> {
    pub value: Value<'m>,
    pub layer: &'m Layer,
}

impl<'m> Service<'m> {
    pub(crate) fn new(model: &'m ComposeModel, def: &'m ServiceDef) -> Self {
        Service { model, def }
    }

    #[must_use]
    pub fn name(&self) -> &'m str {
        &self.def.name
    }

    /// The service's name key: where findings about a missing setting go.
    #[must_use]
    pub fn name_range(&self) -> TextRange {
        self.def.name_range
    }

    /// The layers, topmost first.
    pub fn layers(&self) -> impl Iterator<Item = &'m Layer> + use<'m> {
        self.def.layers.iter().rev()
    }

    /// A layer's mapping.
    #[must_use]
    pub fn layer_value(&self, layer: &Layer) -> Value<'m> {
        self.model
            .file(layer.file)
            .yaml
            .value_via(layer.node, layer.via)
    }

    /// The topmost own mapping (in the analysed file), where fixes add keys.
    #[must_use]
    pub fn own_mapping(&self) -> Option<Value<'m>> {
        self.def
            .layers
            .iter()
            .rev()
            .find(|l| l.origin == Origin::Own)
            .map(|l| self.layer_value(l))
    }

    /// Where a finding on `value` of `layer` is reported (see
    /// [`Scalar::range`]).
    #[must_use]
    pub fn report_at(&self, layer: &Layer, value: Value<'_>) -> Option<TextRange> {
        match &layer.origin {
            Origin::Own => Some(value.span()),
            Origin::Base { .. } => None,
            Origin::External { at, .. } => Some(*at),
        }
    }

    /// `key` from the topmost layer that has it (`None` when absent, null
    /// or cleared with `!reset`).
    #[must_use]
    pub fn field(&self, key: &str) -> Option<Field<'m>> {
        for layer in self.layers() {
            if let Some(e) = self.layer_value(layer).entry(key) {
                if is_reset(e.value) || e.value.is_null() {
                    return None;
                }
                return Some(Field {
                    key: e.key,
                    value: e.value,
                    layer,
                });
            }
        }
        None
    }

    /// Whether `key` is set (not null, not reset).
    #[must_use]
    pub fn has(&self, key: &str) -> bool {
        self.field(key).is_some()
    }

    /// The value at `keys` (`deploy.resources.limits.memory`), from the
    /// topmost layer that has it.
    #[must_use]
    pub fn path(&self, keys: &[&str]) -> Option<Field<'m>> {
        for layer in self.layers() {
            let mut v = self.layer_value(layer);
            let mut found = None;
            for (i, k) in keys.iter().enumerate() {
                let Some(e) = v.entry(k) else { break };
                if is_reset(e.value) {
                    return None;
                }
                if i + 1 == keys.len() {
                    found = Some(e);
                }
                v = e.value;
            }
            if let Some(e) = found {
                if e.value.is_null() {
                    return None;
                }
                return Some(Field {
                    key: e.key,
                    value: e.value,
                    layer,
                });
            }
        }
        None
    }

    /// A field's value as an interpolated scalar.
    #[must_use]
    pub fn field_scalar(&self, f: Field<'m>) -> Option<Scalar<'m>> {
        Scalar::new(
            self.model,
            f.layer.file,
            f.value,
            self.report_at(f.layer, f.value),
        )
    }

    /// An item's value as an interpolated scalar.
    #[must_use]
    pub fn item_scalar(&self, it: Item<'m>) -> Option<Scalar<'m>> {
        Scalar::new(
            self.model,
            it.layer.file,
            it.value,
            self.report_at(it.layer, it.value),
        )
    }

    /// `key`'s scalar.
    #[must_use]
    pub fn scalar(&self, key: &str) -> Option<Scalar<'m>> {
        self.field_scalar(self.field(key)?)
    }

    /// The scalar at `keys`.
    #[must_use]
    pub fn path_scalar(&self, keys: &[&str]) -> Option<Scalar<'m>> {
        self.field_scalar(self.path(keys)?)
    }

    /// `key` as a Compose boolean, when known.
    #[must_use]
    pub fn bool(&self, key: &str) -> Option<(bool, Scalar<'m>)> {
        let s = self.scalar(key)?;
        Some((s.as_bool()?, s))
    }

    /// The items of a sequence setting across layers, base layers first;
    /// an `!override` or `!reset` stops the merge with lower layers.
    #[must_use]
    pub fn items(&self, key: &str) -> Vec<Item<'m>> {
        let mut chunks: Vec<Vec<Item<'m>>> = Vec::new();
        for layer in self.layers() {
            let Some(e) = self.layer_value(layer).entry(key) else {
                continue;
            };
            if is_reset(e.value) {
                break;
            }
            chunks.push(e.value.items().map(|value| Item { value, layer }).collect());
            if e.value.tag().is_some_and(|t| t.kind == TagKind::Override) {
                break;
            }
        }
        chunks.into_iter().rev().flatten().collect()
    }

    /// The scalar items of a sequence setting.
    #[must_use]
    pub fn strings(&self, key: &str) -> Vec<Scalar<'m>> {
        self.items(key)
            .into_iter()
            .filter_map(|it| self.item_scalar(it))
            .collect()
    }

    /// Whether some layer could not be read: a missing setting may be set
    /// where it cannot be seen.
    #[must_use]
    pub fn is_incomplete(&self) -> bool {
        self.def.incomplete
    }

    /// Rules about a missing setting may report on this service: all its
    /// layers were read and the file is not an override file.
    #[must_use]
    pub fn absence_is_known(&self) -> bool {
        !self.def.incomplete && !self.model.is_partial()
    }

    // ---- typed settings ----

    /// `security_opt` entries.
    #[must_use]
    pub fn security_opts(&self) -> Vec<SecurityOpt<'m>> {
        self.strings("security_opt")
            .into_iter()
            .map(SecurityOpt::parse)
            .collect()
    }

    /// The capabilities of `cap_add` or `cap_drop`, normalised (upper
    /// case, no `CAP_` prefix), with their scalars.
    #[must_use]
    pub fn capabilities(&self, key: &str) -> Vec<(String, Scalar<'m>)> {
        self.strings(key)
            .into_iter()
            .filter(|s| s.known)
            .map(|s| {
                let up = s.text.trim().to_ascii_uppercase();
                let name = up.strip_prefix("CAP_").unwrap_or(&up).to_owned();
                (name, s)
            })
            .collect()
    }

    /// The service's `image`.
    #[must_use]
    pub fn image(&self) -> Option<Scalar<'m>> {
        self.scalar("image")
    }

    /// The service's `image` with its parsed reference (a part that stays
    /// unknown after interpolation is symbolic), parsed once per model.
    #[must_use]
    pub fn image_ref(&self) -> Option<(Scalar<'m>, &'m ImageRef)> {
        let s = self.image()?;
        let parsed = self
            .def
            .image_ref
            .get_or_init(|| Some(parse_interpolated_image(&s.text)))
            .as_ref()?;
        Some((s, parsed))
    }

    /// The service's `user`.
    #[must_use]
    pub fn user(&self) -> Option<Scalar<'m>> {
        self.scalar("user")
    }

    /// The volumes, short and long syntax.
    #[must_use]
    pub fn volumes(&self) -> Vec<Mount<'m>> {
        let facts = self.def.mounts.get_or_init(|| self.read_volumes());
        facts
            .iter()
            .map(|m| Mount {
                kind: m.kind,
                source: m.source.as_deref(),
                target: m.target.as_deref(),
                read_only: m.read_only,
                propagation: m.propagation.as_deref(),
                known: m.known,
                value: self.model.file(m.file).yaml.value_via(m.node, m.via),
                file: m.file,
                report: m.report,
            })
            .collect()
    }

    fn read_volumes(&self) -> Vec<MountFacts> {
        let mut out = Vec::new();
        for it in self.items("volumes") {
            let report = self.report_at(it.layer, it.value);
            if it.value.is_mapping() {
                let get = |k: &str| {
                    it.value
                        .get(k)
                        .and_then(|v| Scalar::new(self.model, it.layer.file, v, report))
                };
                let kind = match get("type").as_ref().and_then(Scalar::known) {
                    Some("bind") => MountKind::Bind,
                    Some("volume") => MountKind::Volume,
                    Some("tmpfs") => MountKind::Tmpfs,
                    Some("npipe") => MountKind::Npipe,
                    Some("cluster") => MountKind::Cluster,
                    Some("image") => MountKind::Image,
                    _ => MountKind::Other,
                };
                let source = get("source");
                let propagation = it
                    .value
                    .get("bind")
                    .and_then(|b| b.get("propagation"))
                    .and_then(|v| Scalar::new(self.model, it.layer.file, v, report))
                    .map(|s| s.text.into_owned());
                out.push(MountFacts {
                    kind,
                    known: source.as_ref().is_none_or(|s| s.known),
                    source: source.map(|s| s.text.into_owned()),
                    target: get("target").map(|s| s.text.into_owned()),
                    read_only: get("read_only").and_then(|s| s.as_bool()) == Some(true),
                    propagation,
                    node: it.value.id(),
                    via: it.value.via(),
                    file: it.layer.file,
                    report,
                });
            } else if let Some(s) = self.item_scalar(it) {
                let (source, target, options) = parse_volume(&s.text);
                let kind = match &source {
                    Some(src) if is_host_path(src) => MountKind::Bind,
                    _ => MountKind::Volume,
                };
                out.push(MountFacts {
                    kind,
                    known: s.known,
                    read_only: options.iter().any(|o| o == "ro"),
                    propagation: options
                        .iter()
                        .find(|o| PROPAGATION.contains(&o.as_str()))
                        .cloned(),
                    source,
                    target,
                    node: it.value.id(),
                    via: it.value.via(),
                    file: it.layer.file,
                    report,
                });
            }
        }
        out
    }

    /// The `devices` entries (short `HOST:CONTAINER[:PERMS]` or long).
    #[must_use]
    pub fn devices(&self) -> Vec<Device<'m>> {
        let mut out = Vec::new();
        for it in self.items("devices") {
            let report = self.report_at(it.layer, it.value);
            let scalar = if it.value.is_mapping() {
                it.value
                    .get("source")
                    .and_then(|v| Scalar::new(self.model, it.layer.file, v, report))
            } else {
                self.item_scalar(it)
            };
            let Some(s) = scalar else { continue };
            let source = if it.value.is_mapping() {
                s.text.to_string()
            } else {
                s.text.split(':').next().unwrap_or("").to_owned()
            };
            out.push(Device {
                source,
                known: s.known,
                value: it.value,
                file: it.layer.file,
                report,
            });
        }
        out
    }

    /// The published ports, short and long syntax (`expose` publishes
    /// nothing and is not here).
    #[must_use]
    pub fn ports(&self) -> Vec<Port<'m>> {
        let mut out = Vec::new();
        for it in self.items("ports") {
            let report = self.report_at(it.layer, it.value);
            if it.value.is_mapping() {
                let get = |k: &str| {
                    it.value
                        .get(k)
                        .and_then(|v| Scalar::new(self.model, it.layer.file, v, report))
                };
                let host_ip = get("host_ip");
                let published = get("published");
                let target = get("target");
                let known = [&host_ip, &published, &target]
                    .iter()
                    .all(|s| s.as_ref().is_none_or(|s| s.known));
                out.push(Port {
                    spec: super::specs::PortSpec {
                        host_ip: host_ip.as_ref().map(|s| s.text.to_string()),
                        host_ip_range: None,
                        published: published.as_ref().map(|s| s.text.to_string()),
                        target: target.map(|s| s.text.into_owned()).unwrap_or_default(),
                        protocol: get("protocol").map(|s| s.text.into_owned()),
                    },
                    known,
                    scalar: None,
                    value: it.value,
                    host_ip_value: it.value.get("host_ip"),
                    file: it.layer.file,
                    report,
                });
            } else if let Some(s) = self.item_scalar(it) {
                let Some(spec) = parse_port(&s.text) else {
                    continue;
                };
                out.push(Port {
                    spec,
                    known: s.known,
                    value: it.value,
                    host_ip_value: None,
                    file: it.layer.file,
                    report,
                    scalar: Some(s),
                });
            }
        }
        out
    }

    /// A `KEY=VALUE` list or a mapping of variables (`environment`,
    /// `build.args`, `labels`) at `value`, read from `layer`.
    fn variables(&self, layer: &'m Layer, value: Value<'m>) -> Vec<EnvVar> {
        let mut out = Vec::new();
        if value.is_mapping() {
            for e in value.entries() {
                let Some(name) = e.key_str() else { continue };
                let report_key = self.report_at(layer, e.key);
                let scalar = Scalar::new(
                    self.model,
                    layer.file,
                    e.value,
                    self.report_at(layer, e.value),
                );
                out.push(EnvVar {
                    name: name.to_owned(),
                    name_range: report_key,
                    value_range: scalar.as_ref().and_then(Scalar::range),
                    known: scalar.as_ref().is_none_or(|s| s.known),
                    interpolated: scalar.as_ref().is_some_and(|s| s.interpolated),
                    from_env: scalar.as_ref().is_some_and(|s| s.from_env),
                    value: scalar.map(|s| s.text.into_owned()),
                });
            }
        } else {
            for item in value.items() {
                let Some(s) =
                    Scalar::new(self.model, layer.file, item, self.report_at(layer, item))
                else {
                    continue;
                };
                let text = s.text.as_ref();
                let (name, val) = match text.split_once('=') {
                    Some((n, v)) => (n, Some(v)),
                    None => (text, None),
                };
                let name_len = name.len();
                out.push(EnvVar {
                    name: name.trim().to_owned(),
                    name_range: s.sub_range(0..name_len),
                    value_range: val
                        .and_then(|v| s.sub_range(name_len + 1..name_len + 1 + v.len())),
                    known: s.known,
                    interpolated: s.interpolated,
                    from_env: s.from_env,
                    value: val.map(str::to_owned),
                });
            }
        }
        out
    }

    /// Variables across layers, merged by name (the topmost wins), base
    /// layers' variables first.
    fn merged_variables(&self, keys: &[&str]) -> Vec<EnvVar> {
        let mut out: Vec<EnvVar> = Vec::new();
        let mut layers: Vec<&'m Layer> = Vec::new();
        for layer in self.layers() {
            let mut v = self.layer_value(layer);
            let mut ok = true;
            for k in keys {
                match v.get(k) {
                    Some(next) => v = next,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if !ok {
                continue;
            }
            if is_reset(v) {
                break;
            }
            layers.push(layer);
            if v.tag().is_some_and(|t| t.kind == TagKind::Override) {
                break;
            }
        }
        for layer in layers.into_iter().rev() {
            let mut v = self.layer_value(layer);
            for k in keys {
                v = v.get(k).unwrap_or(v);
            }
            for var in self.variables(layer, v) {
                if let Some(existing) = out.iter_mut().find(|e| e.name == var.name) {
                    *existing = var;
                } else {
                    out.push(var);
                }
            }
        }
        out
    }

    /// The `environment` variables (list or map form, merged across
    /// layers), read once per model.
    #[must_use]
    pub fn environment(&self) -> &'m [EnvVar] {
        self.def
            .environment
            .get_or_init(|| self.merged_variables(&["environment"]))
    }

    /// `build`: a context path, or a mapping.
    #[must_use]
    pub fn build(&self) -> Option<Build<'m>> {
        let f = self.field("build")?;
        let file = f.layer.file;
        let report = self.report_at(f.layer, f.value);
        let get = |k: &str| {
            f.value
                .get(k)
                .and_then(|v| Scalar::new(self.model, file, v, self.report_at(f.layer, v)))
        };
        let file_path = self.model.file(file).path.as_str();
        if f.value.is_scalar() {
            return Some(Build {
                value: f.value,
                file,
                file_path,
                context: self.field_scalar(f),
                dockerfile: None,
                dockerfile_inline: None,
                target: None,
                privileged: None,
                args: Vec::new(),
                report,
            });
        }
        Some(Build {
            value: f.value,
            file,
            file_path,
            context: get("context"),
            dockerfile: get("dockerfile"),
            dockerfile_inline: get("dockerfile_inline"),
            target: get("target"),
            privileged: get("privileged"),
            args: self.merged_variables(&["build", "args"]),
            report,
        })
    }

    /// The seccomp profile files `security_opt` names (`seccomp=path`,
    /// `seccomp:path`; not `unconfined`), relative to the analysed file's
    /// directory, with the entry's scalar.
    #[must_use]
    pub fn seccomp_profiles(&self) -> Vec<(String, Scalar<'m>)> {
        self.security_opts()
            .into_iter()
            .filter(|o| o.name == "seccomp" && o.scalar.known)
            .filter_map(|o| {
                let v = o.value.clone()?;
                if v.eq_ignore_ascii_case("unconfined") || v.is_empty() {
                    return None;
                }
                let base = self.model.file(o.scalar.file).path.clone();
                Some((super::join_path(&base, &v), o.scalar))
            })
            .collect()
    }

    /// The service has a memory limit (`mem_limit`,
    /// `deploy.resources.limits.memory`).
    #[must_use]
    pub fn limit(&self, short: &[&str], deploy: &str) -> bool {
        short.iter().any(|k| self.has(k))
            || self
                .path(&["deploy", "resources", "limits", deploy])
                .is_some()
    }

    /// The file the analysed text is.
    #[must_use]
    pub fn main_file(&self) -> FileId {
        FileId::MAIN
    }
}

/// `!reset`: the value is cleared.
fn is_reset(v: Value<'_>) -> bool {
    v.tag().is_some_and(|t| t.kind == TagKind::Reset)
}
