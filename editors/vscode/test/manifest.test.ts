import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { parseRules, ruleCode, ruleCodes, ruleDocLink } from "../src/rules";

const root = path.join(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

/** VS Code's filename patterns are globs on the base name. */
function globMatches(glob: string, name: string): boolean {
  const re = new RegExp("^" + glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
  return re.test(name);
}

function isDockerfileLanguage(name: string): boolean {
  const langs: { id: string; filenames?: string[]; filenamePatterns?: string[] }[] = manifest.contributes.languages;
  return langs
    .filter((l) => l.id === "dockerfile")
    .some((l) => (l.filenames ?? []).includes(name) || (l.filenamePatterns ?? []).some((g) => globMatches(g, name)));
}

describe("manifest", () => {
  it("activates on the dockerfile language", () => {
    assert.ok(manifest.activationEvents.includes("onLanguage:dockerfile"));
    // Compose files (with or without a Docker extension) and daemon.json.
    for (const lang of ["dockercompose", "yaml", "json"]) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${lang}`), lang);
    }
  });

  it("associates Containerfile, Dockerfile.* and *.Dockerfile with dockerfile", () => {
    for (const name of [
      "Dockerfile",
      "Containerfile",
      "Dockerfile.dev",
      "Dockerfile.prod.arm64",
      "Containerfile.fedora",
      "api.Dockerfile",
      "api.dockerfile",
      "web.Containerfile",
    ]) {
      assert.ok(isDockerfileLanguage(name), name);
    }
    assert.ok(!isDockerfileLanguage("Dockerfiles.txt"));
    assert.ok(!isDockerfileLanguage("README.md"));
  });

  it("registers every contributed command in extension.ts", () => {
    const source = fs.readFileSync(path.join(root, "src", "extension.ts"), "utf8");
    const commands: { command: string }[] = manifest.contributes.commands;
    assert.deepStrictEqual(
      commands.map((c) => c.command).sort(),
      ["dockward.explainRule", "dockward.fixAll", "dockward.restartServer", "dockward.showOutput"],
    );
    for (const c of commands) {
      assert.ok(source.includes(`registerCommand("${c.command}"`), c.command);
    }
  });

  it("keeps @types/vscode within the engine range (vsce refuses otherwise)", () => {
    const engine: string = manifest.engines.vscode.replace(/^\^/, "");
    assert.strictEqual(manifest.devDependencies["@types/vscode"], engine);
  });
});

describe("rule lookups", () => {
  it("reads the rule code and doc link of dockward diagnostics only", () => {
    const d = { source: "dockward", code: { value: "DL3007", target: "https://example.test/rules.md#dl3007" } };
    assert.strictEqual(ruleCode(d), "DL3007");
    assert.strictEqual(ruleDocLink(d), "https://example.test/rules.md#dl3007");
    assert.strictEqual(ruleCode({ source: "dockward", code: "DW1001" }), "DW1001");
    assert.strictEqual(ruleCode({ source: "hadolint", code: "DL3007" }), undefined);
    assert.strictEqual(ruleDocLink({ source: "dockward", code: "DL3007" }), undefined);
    const uriLike = { toString: () => "https://example.test/x" };
    assert.strictEqual(ruleDocLink({ source: "dockward", code: { value: 1, target: uriLike } }), "https://example.test/x");
  });

  it("lists distinct codes in order", () => {
    assert.deepStrictEqual(
      ruleCodes([
        { source: "dockward", code: "DL3007" },
        { source: "other", code: "X1" },
        { source: "dockward", code: { value: "DL3008" } },
        { source: "dockward", code: "DL3007" },
      ]),
      ["DL3007", "DL3008"],
    );
  });

  it("parses `dockward rules --format json`", () => {
    const rules = parseRules(
      JSON.stringify([
        { code: "DL3007", name: "no-latest-tag", summary: "s", url: "u", enabled: true, severity: "warning" },
        { code: "DL3057", name: "missing-healthcheck", summary: "h", enabled: false },
        { name: "no code" },
      ]),
    );
    assert.deepStrictEqual(rules, [
      { code: "DL3007", name: "no-latest-tag", summary: "s", url: "u", enabled: true },
      { code: "DL3057", name: "missing-healthcheck", summary: "h", url: undefined, enabled: false },
    ]);
    assert.throws(() => parseRules("{}"), /did not print a list/);
  });
});
