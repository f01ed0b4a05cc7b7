// The mapped settings and the fix-all request against the real server: spawns
// `dockward lsp` and speaks LSP to it with vscode-languageserver-protocol (no
// VS Code needed). The binary comes from DOCKWARD_BIN, else the workspace's
// target/{debug,release}; without one the tests are skipped with a note
// (under CI=true they fail instead).

import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  CodeAction,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextEdit,
  ExitNotification,
} from "vscode-languageserver-protocol/node";

import { fixAllParams, pickFixAll } from "../src/fixall";
import { configurationResponse, serverEnv, ServerSettings, toServerSettings } from "../src/settings";

const repoRoot = path.join(__dirname, "..", "..", "..", "..");

function findBinary(): string | undefined {
  if (process.env.DOCKWARD_BIN) {
    return process.env.DOCKWARD_BIN;
  }
  const targets = [process.env.CARGO_TARGET_DIR, path.join(repoRoot, "target")].filter(
    (t): t is string => t !== undefined && t !== "",
  );
  for (const t of targets) {
    for (const profile of ["debug", "release"]) {
      const p = path.join(t, profile, process.platform === "win32" ? "dockward.exe" : "dockward");
      if (fs.existsSync(p)) {
        return p;
      }
    }
  }
  return undefined;
}

const SOURCE = "FROM alpine:latest\nMAINTAINER jane@example.com\nrun echo hi\n";
const URI = "file:///work/svc/Dockerfile";

class Session {
  private proc: ChildProcess;
  readonly conn: ProtocolConnection;
  private published: PublishDiagnosticsParams[] = [];
  private waiters: (() => void)[] = [];
  configurationRequests = 0;

  constructor(bin: string, private workspaceSettings: () => ServerSettings) {
    this.proc = spawn(bin, ["lsp"], { env: serverEnv(process.env, "warn"), stdio: ["pipe", "pipe", "inherit"] });
    this.conn = createProtocolConnection(
      new StreamMessageReader(this.proc.stdout!),
      new StreamMessageWriter(this.proc.stdin!),
    );
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.waiters.splice(0).forEach((w) => w());
    });
    // As the extension's middleware answers it.
    this.conn.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests += 1;
      return configurationResponse(params.items, params.items.map(() => null), this.workspaceSettings());
    });
    this.conn.listen();
  }

  serverCapabilities: Record<string, unknown> = {};

  async start(initializationOptions: ServerSettings, configuration: boolean): Promise<void> {
    const result = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration, didChangeConfiguration: { dynamicRegistration: false } },
        // As VS Code's language client: it can pull diagnostics too.
        textDocument: { publishDiagnostics: { versionSupport: true }, diagnostic: { dynamicRegistration: false } },
      },
      initializationOptions,
    });
    this.serverCapabilities = result.capabilities as Record<string, unknown>;
    await this.conn.sendNotification(InitializedNotification.type, {});
  }

  /** The next publish for URI after `count` publishes, within 10 s. */
  async diagnostics(count: number, uri: string = URI): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mine = this.published.filter((p) => p.uri === uri);
      if (mine.length > count) {
        return mine[mine.length - 1];
      }
      if (Date.now() > deadline) {
        throw new Error(`no diagnostics after ${count} publishes`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  publishes(): number {
    return this.published.filter((p) => p.uri === URI).length;
  }

  async open(text: string, uri: string = URI, languageId = "dockerfile"): Promise<void> {
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    } finally {
      this.conn.dispose();
      this.proc.kill();
    }
  }
}

function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => String(d.code));
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split("\n");
  const offset = (pos: { line: number; character: number }) =>
    lines.slice(0, pos.line).reduce((n, l) => n + l.length + 1, 0) + pos.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

describe("settings and fix-all against `dockward lsp`", function () {
  this.timeout(30_000);
  const bin = findBinary();
  let session: Session | undefined;

  before(function () {
    if (bin === undefined) {
      assert.ok(!process.env.CI, "no dockward binary: set DOCKWARD_BIN or build the workspace");
      console.log("    (no dockward binary found: set DOCKWARD_BIN or run cargo build; skipping)");
      this.skip();
    }
  });
  afterEach(async () => {
    await session?.stop();
    session = undefined;
  });

  const defaults = () => toServerSettings(() => undefined).settings;

  it("reports findings with the default settings, pushed only", async () => {
    session = new Session(bin!, defaults);
    await session.start(defaults(), false);
    // No pull diagnostics: VS Code would show both sets.
    assert.strictEqual(session.serverCapabilities.diagnosticProvider, undefined);
    await session.open(SOURCE);
    const got = codes(await session.diagnostics(0));
    assert.ok(got.includes("DL3007"), got.join(","));
    assert.ok(got.includes("DL4000"), got.join(","));
  });

  it("applies ignore and severity sent as initializationOptions", async () => {
    const mapped = toServerSettings((k) =>
      k === "ignore" ? ["DL4000"] : k === "severity" ? { DL3007: "error" } : undefined,
    ).settings;
    session = new Session(bin!, () => mapped);
    await session.start(mapped, false);
    await session.open(SOURCE);
    const p = await session.diagnostics(0);
    assert.ok(!codes(p).includes("DL4000"), codes(p).join(","));
    const latest = p.diagnostics.find((d) => d.code === "DL3007");
    assert.strictEqual(latest?.severity, 1, JSON.stringify(latest));
  });

  it("applies select answered through workspace/configuration and re-pulls on change", async () => {
    let current = toServerSettings((k) => (k === "select" ? ["DL3007"] : undefined)).settings;
    session = new Session(bin!, () => current);
    await session.start(defaults(), true);
    await session.open(SOURCE);
    // The server pulls the configuration after `initialized`; wait until the
    // published set reflects it.
    let p = await session.diagnostics(0);
    const deadline = Date.now() + 10_000;
    while (codes(p).some((c) => c !== "DL3007") && Date.now() < deadline) {
      p = await session.diagnostics(session.publishes());
    }
    assert.ok(session.configurationRequests >= 1);
    assert.deepStrictEqual(codes(p), ["DL3007"]);

    current = toServerSettings((k) => (k === "select" ? ["DL4000"] : undefined)).settings;
    const before = session.publishes();
    await session.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { dockward: current } });
    p = await session.diagnostics(before);
    assert.deepStrictEqual(codes(p), ["DL4000"]);
  });

  it("reports a Compose finding and offers its quick fix", async () => {
    session = new Session(bin!, defaults);
    await session.start(defaults(), false);
    const uri = "file:///work/svc/compose.yaml";
    const text = "services:\n  web:\n    image: registry.example.com/web:1.4\n    privileged: true\n";
    // As VS Code sends a Compose file without a Docker extension: plain YAML.
    await session.open(text, uri, "yaml");
    const p = await session.diagnostics(0, uri);
    const privileged = p.diagnostics.find((d) => d.code === "DW5001");
    assert.ok(privileged, codes(p).join(","));
    const answer = await session.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: privileged.range,
      context: { diagnostics: [privileged], only: ["quickfix"] },
    });
    const actions = (answer ?? []) as CodeAction[];
    const fix = actions.find((a) => !a.title.startsWith("Ignore") && a.diagnostics?.[0]?.code === "DW5001");
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const edit = fix.edit!;
    const edits: TextEdit[] =
      edit.changes?.[uri] ??
      (edit.documentChanges ?? []).flatMap((c) => ("edits" in c ? (c.edits as TextEdit[]) : []));
    const fixed = applyEdits(text, edits);
    assert.ok(!fixed.includes("privileged"), fixed);
    assert.ok(fixed.includes("image: registry.example.com/web:1.4"), fixed);
    assert.ok(actions.some((a) => a.title === "Ignore DW5001 for this entry"));
  });

  it("returns a source.fixAll.dockward action for the Fix All command", async () => {
    session = new Session(bin!, defaults);
    await session.start(defaults(), false);
    await session.open(SOURCE);
    await session.diagnostics(0);
    const lines = SOURCE.split("\n");
    const answer = await session.conn.sendRequest(
      CodeActionRequest.type,
      fixAllParams(URI, { line: lines.length - 1, character: 0 }),
    );
    const action = pickFixAll<CodeAction>(answer);
    assert.ok(action, JSON.stringify(answer));
    const edit = action.edit!;
    const edits: TextEdit[] =
      edit.changes?.[URI] ??
      (edit.documentChanges ?? []).flatMap((c) => ("edits" in c ? (c.edits as TextEdit[]) : []));
    const fixed = applyEdits(SOURCE, edits);
    assert.notStrictEqual(fixed, SOURCE);
    assert.ok(fixed.includes("RUN echo hi"), fixed);
  });
});
