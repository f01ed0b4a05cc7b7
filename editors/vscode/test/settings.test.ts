import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { documentSelector, seccompProfiles } from "../src/selector";
import { configurationResponse, RESTART_SETTINGS, serverEnv, toServerSettings } from "../src/settings";

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
const properties: Record<string, { default?: unknown }> = manifest.contributes.configuration.properties;

/** A getter over the manifest's defaults with some keys overridden, as
 * `workspace.getConfiguration("dockward").get(key)` behaves. */
function getter(overrides: Record<string, unknown> = {}) {
  const read: string[] = [];
  const get = (key: string): unknown => {
    read.push(key);
    if (key in overrides) {
      return overrides[key];
    }
    return properties[`dockward.${key}`]?.default;
  };
  return { get, read };
}

describe("settings mapping", () => {
  it("maps the defaults to the server's defaults", () => {
    const { settings, warnings } = toServerSettings(getter().get);
    assert.deepStrictEqual(warnings, []);
    assert.deepStrictEqual(settings, {
      select: null,
      extendSelect: [],
      ignore: [],
      severity: {},
      configFile: true,
      inlayHints: { argValues: true },
      seccompProfiles: [],
      diagnostics: { debounceMs: 100, maxCount: 5000, pull: false },
    });
  });

  it("maps every setting to the server's key", () => {
    const { settings, warnings } = toServerSettings(
      getter({
        select: ["DL3007", "no-latest-tag"],
        extendSelect: ["DL3057"],
        ignore: ["DL3008", " DL3009 "],
        severity: { DL3007: "error", DL4000: "Style" },
        useConfigFile: false,
        disableInlinePragmas: true,
        "inlayHints.argValues": false,
        "diagnostics.debounceMs": 250,
        "diagnostics.maxCount": 0,
        seccompProfiles: ["seccomp/profile.json"],
      }).get,
    );
    assert.deepStrictEqual(warnings, []);
    assert.deepStrictEqual(settings, {
      select: ["DL3007", "no-latest-tag"],
      extendSelect: ["DL3057"],
      ignore: ["DL3008", "DL3009"],
      severity: { DL3007: "error", DL4000: "style" },
      configFile: false,
      disableInlinePragmas: true,
      inlayHints: { argValues: false },
      seccompProfiles: ["seccomp/profile.json"],
      diagnostics: { debounceMs: 250, maxCount: 0, pull: false },
    });
  });

  it("accepts comma-separated rule lists, as the CLI does", () => {
    const { settings } = toServerSettings(getter({ ignore: "DL3008, DL3009,", select: "ALL" }).get);
    assert.deepStrictEqual(settings.ignore, ["DL3008", "DL3009"]);
    assert.deepStrictEqual(settings.select, ["ALL"]);
  });

  it("drops bad values with a warning instead of sending them", () => {
    const { settings, warnings } = toServerSettings(
      getter({
        ignore: ["DL3008", 42, ""],
        severity: { DL3007: "loud", DL3008: "warning" },
        "diagnostics.debounceMs": -5,
        "diagnostics.maxCount": 2.5,
        useConfigFile: "yes",
        disableInlinePragmas: "no",
      }).get,
    );
    assert.deepStrictEqual(settings.ignore, ["DL3008"]);
    assert.deepStrictEqual(settings.severity, { DL3008: "warning" });
    assert.strictEqual(settings.diagnostics.debounceMs, 100);
    assert.strictEqual(settings.diagnostics.maxCount, 5000);
    assert.strictEqual(settings.configFile, true);
    assert.ok(!("disableInlinePragmas" in settings));
    assert.strictEqual(warnings.length, 7, warnings.join("\n"));
    assert.ok(warnings.some((w) => /DL3007 = "loud" ignored/.test(w)));
  });

  it("caps the debounce at the server's limit", () => {
    const { settings } = toServerSettings(getter({ "diagnostics.debounceMs": 60_000 }).get);
    assert.strictEqual(settings.diagnostics.debounceMs, 10_000);
  });

  it("reads every contributed setting, except those the client itself handles", () => {
    const { get, read } = getter();
    toServerSettings(get);
    const clientSide = [...RESTART_SETTINGS, "dockward.trace.server"];
    for (const key of Object.keys(properties)) {
      if (clientSide.includes(key)) {
        continue;
      }
      assert.ok(read.includes(key.replace(/^dockward\./, "")), `${key} is contributed but not mapped`);
    }
    for (const key of read) {
      assert.ok(`dockward.${key}` in properties, `dockward.${key} is mapped but not contributed`);
    }
  });

  it("answers workspace/configuration for section dockward only", () => {
    const { settings } = toServerSettings(getter().get);
    const answer = configurationResponse([{ section: "dockward" }, { section: "editor" }, {}], [{ raw: 1 }, { tabSize: 4 }, null], settings);
    assert.deepStrictEqual(answer, [settings, { tabSize: 4 }, null]);
  });

  it("passes the log level as DOCKWARD_LOG unless the user exported one", () => {
    assert.strictEqual(serverEnv({ PATH: "/bin" }, "debug").DOCKWARD_LOG, "debug");
    assert.strictEqual(serverEnv({}, "nonsense").DOCKWARD_LOG, "warn");
    assert.strictEqual(serverEnv({ DOCKWARD_LOG: "dockward_lsp=trace" }, "info").DOCKWARD_LOG, "dockward_lsp=trace");
    assert.strictEqual(serverEnv({ PATH: "/bin" }, "info").PATH, "/bin");
  });
});

describe("document selector", () => {
  it("attaches to Compose files and daemon.json by default", () => {
    const sel = documentSelector(() => undefined);
    assert.deepStrictEqual(sel.slice(0, 3), [
      { language: "dockerfile" },
      { language: "dockercompose" },
      { language: "yaml", pattern: "**/*compose*.{yml,yaml}" },
    ]);
    assert.ok(sel.some((f) => f.language === "json" && f.pattern === "**/daemon.json"));
  });

  it("leaves Compose and daemon.json out when disabled, and adds named seccomp profiles", () => {
    const sel = documentSelector((k) =>
      k === "compose.enable" || k === "daemon.enable" ? false : k === "seccompProfiles" ? ["./profile.json", "*.json"] : undefined,
    );
    assert.deepStrictEqual(sel, [
      { language: "dockerfile" },
      { language: "json", pattern: "**/profile.json" },
      { language: "jsonc", pattern: "**/profile.json" },
    ]);
    assert.deepStrictEqual(seccompProfiles(() => "not a list"), []);
  });

  it("sends seccompProfiles to the server", () => {
    const mapped = toServerSettings((k) => (k === "seccompProfiles" ? ["profile.json"] : undefined));
    assert.deepStrictEqual(mapped.settings.seccompProfiles, ["profile.json"]);
  });
});
