import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import {
  bundledRelativePath,
  checkVersionOutput,
  expandPath,
  findOnPath,
  platformKey,
  resolveBinary,
  ResolveInput,
  VSCE_TARGETS,
} from "../src/binary";

/** A scratch tree with real files (chmod'ed), removed after each test. */
function scratch(): { root: string; exe(rel: string): string; file(rel: string): string; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dockward-vscode-"));
  const make = (rel: string, mode: number) => {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, "#!/bin/sh\necho dockward 0.0.0\n");
    fs.chmodSync(full, mode);
    return full;
  };
  return {
    root,
    exe: (rel) => make(rel, 0o755),
    file: (rel) => make(rel, 0o644),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

const posix = process.platform !== "win32";

describe("binary resolution", () => {
  let s: ReturnType<typeof scratch>;
  let base: ResolveInput;
  beforeEach(() => {
    s = scratch();
    base = {
      configuredPath: "",
      extensionPath: path.join(s.root, "ext"),
      workspaceFolder: path.join(s.root, "ws"),
      homeDir: path.join(s.root, "home"),
      platform: "linux",
      arch: "x64",
      env: { PATH: [path.join(s.root, "pathA"), path.join(s.root, "pathB")].join(":") },
    };
  });
  afterEach(() => s.cleanup());

  it("names bin/ directories after Node's platform and arch", () => {
    assert.strictEqual(platformKey("linux", "x64"), "linux-x64");
    assert.strictEqual(platformKey("linux", "arm"), "linux-armhf");
    assert.strictEqual(platformKey("darwin", "arm64"), "darwin-arm64");
    assert.strictEqual(bundledRelativePath("win32", "x64"), "bin/win32-x64/dockward.exe");
    assert.strictEqual(bundledRelativePath("linux", "arm64"), "bin/linux-arm64/dockward");
    // Every vsce target maps to the directory the runtime looks in.
    assert.strictEqual(VSCE_TARGETS["alpine-x64"], platformKey("linux", "x64"));
    assert.strictEqual(VSCE_TARGETS["linux-armhf"], platformKey("linux", "arm"));
    for (const [target, dir] of Object.entries(VSCE_TARGETS)) {
      assert.match(dir, /^(linux|darwin|win32)-(x64|arm64|armhf)$/, target);
    }
  });

  it("prefers dockward.path over the bundled binary and PATH", function () {
    if (!posix) this.skip();
    const configured = s.exe("tools/dockward");
    s.exe("ext/bin/linux-x64/dockward");
    s.exe("pathA/dockward");
    const r = resolveBinary({ ...base, configuredPath: configured });
    assert.deepStrictEqual(r, { ok: true, command: configured, source: "setting" });
  });

  it("expands ~, ${workspaceFolder} and relative paths in dockward.path", function () {
    if (!posix) this.skip();
    const inHome = s.exe("home/.cargo/bin/dockward");
    const inWs = s.exe("ws/tools/dockward");
    assert.deepStrictEqual(resolveBinary({ ...base, configuredPath: "~/.cargo/bin/dockward" }), {
      ok: true,
      command: inHome,
      source: "setting",
    });
    assert.deepStrictEqual(resolveBinary({ ...base, configuredPath: "${workspaceFolder}/tools/dockward" }), {
      ok: true,
      command: inWs,
      source: "setting",
    });
    assert.deepStrictEqual(resolveBinary({ ...base, configuredPath: "tools/dockward" }), {
      ok: true,
      command: inWs,
      source: "setting",
    });
  });

  it("reports a dockward.path that does not exist, naming the path", () => {
    s.exe("pathA/dockward");
    const r = resolveBinary({ ...base, configuredPath: "/no/such/dockward" });
    assert.strictEqual(r.ok, false);
    if (!r.ok) {
      assert.strictEqual(r.badSetting, true);
      assert.match(r.message, /dockward\.path is set to "\/no\/such\/dockward"/);
      assert.match(r.message, /does not exist/);
    }
  });

  it("reports a dockward.path that is a directory or not executable", function () {
    if (!posix) this.skip();
    const plain = s.file("tools/dockward");
    let r = resolveBinary({ ...base, configuredPath: plain });
    assert.strictEqual(r.ok, false);
    if (!r.ok) {
      assert.match(r.message, /is not an executable file/);
      assert.strictEqual(r.badSetting, true);
    }
    r = resolveBinary({ ...base, configuredPath: path.join(s.root, "tools") });
    assert.strictEqual(r.ok, false);
    if (!r.ok) assert.match(r.message, /not an executable file/);
  });

  it("uses the bundled binary of this platform when dockward.path is empty", function () {
    if (!posix) this.skip();
    const bundled = s.exe("ext/bin/linux-x64/dockward");
    s.exe("ext/bin/linux-arm64/dockward");
    s.exe("pathA/dockward");
    assert.deepStrictEqual(resolveBinary(base), { ok: true, command: bundled, source: "bundled" });
    assert.deepStrictEqual(resolveBinary({ ...base, configuredPath: "   " }), {
      ok: true,
      command: bundled,
      source: "bundled",
    });
  });

  it("ignores another platform's bundled binary and falls back to PATH in order", function () {
    if (!posix) this.skip();
    s.exe("ext/bin/darwin-arm64/dockward");
    s.file("pathA/dockward"); // not executable: skipped
    const onB = s.exe("pathB/dockward");
    assert.deepStrictEqual(resolveBinary(base), { ok: true, command: onB, source: "path" });
  });

  it("explains what to do when nothing is found", () => {
    const r = resolveBinary(base);
    assert.strictEqual(r.ok, false);
    if (!r.ok) {
      assert.strictEqual(r.badSetting, false);
      assert.match(r.message, /no bundled binary for linux-x64/);
      assert.match(r.message, /no `dockward` on PATH/);
      assert.match(r.message, /set dockward\.path/);
    }
  });

  it("finds dockward.exe through PATHEXT on Windows", () => {
    const seen: string[] = [];
    const found = findOnPath("dockward", { Path: "C:\\a;C:\\b", PATHEXT: ".COM;.EXE" }, "win32", (f) => {
      seen.push(f);
      return f === "C:\\b\\dockward.EXE";
    });
    assert.strictEqual(found, "C:\\b\\dockward.EXE");
    assert.deepStrictEqual(seen.slice(0, 3), ["C:\\a\\dockward", "C:\\a\\dockward.COM", "C:\\a\\dockward.EXE"]);
  });

  it("resolves the Windows bundled binary with its .exe name", () => {
    const r = resolveBinary({
      ...base,
      platform: "win32",
      extensionPath: "C:\\ext",
      env: {},
      isExecutable: (f) => f === path.join("C:\\ext", "bin", "win32-x64", "dockward.exe"),
    });
    assert.strictEqual(r.ok, true);
    if (r.ok) assert.strictEqual(r.source, "bundled");
  });

  it("expands ${env:NAME} and ${userHome}", () => {
    const opts = { homeDir: "/home/u", workspaceFolder: "/ws", env: { TOOLS: "/opt/tools" }, platform: "linux" as const };
    assert.strictEqual(expandPath("${env:TOOLS}/dockward", opts), "/opt/tools/dockward");
    assert.strictEqual(expandPath("${userHome}/bin/dockward", opts), "/home/u/bin/dockward");
    assert.strictEqual(expandPath("/abs/dockward", opts), "/abs/dockward");
  });

  it("validates `--version` output", () => {
    assert.strictEqual(checkVersionOutput("/x/dockward", { status: 0, stdout: "dockward 0.1.0\n", stderr: "" }), undefined);
    assert.match(
      checkVersionOutput("/x/hadolint", { status: 0, stdout: "Haskell Dockerfile Linter 2.12.0\n", stderr: "" }) ?? "",
      /does not look like dockward/,
    );
    assert.match(
      checkVersionOutput("/x/dockward", { status: 2, stdout: "", stderr: "error: unexpected argument\nmore" }) ?? "",
      /failed \(exit 2\): error: unexpected argument$/,
    );
    assert.match(
      checkVersionOutput("/x/dockward", { error: new Error("spawn EACCES"), status: null, stdout: "", stderr: "" }) ?? "",
      /Could not run "\/x\/dockward": spawn EACCES/,
    );
  });
});
