// The VS Code side of dockward: starts `dockward lsp` over stdio through
// vscode-languageclient and adds three commands (restart, fix all, explain).
// Everything that can be tested without VS Code lives in binary.ts,
// settings.ts and rules.ts.

import { spawnSync } from "child_process";
import * as os from "os";
import * as vscode from "vscode";
import {
  CodeAction as LspCodeAction,
  CodeActionRequest,
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { checkVersionOutput, Resolved, resolveBinary } from "./binary";
import { fixAllParams, pickFixAll } from "./fixall";
import { parseRules, ruleCode, ruleCodes, ruleDocLink } from "./rules";
import { documentSelector, LANGUAGES } from "./selector";
import { configurationResponse, RESTART_SETTINGS, serverEnv, toServerSettings } from "./settings";

let client: LanguageClient | undefined;
let resolved: Resolved | undefined;
let output: vscode.OutputChannel;
let traceOutput: vscode.OutputChannel;
let extensionPath = "";
/** Serialises start/stop so that quick restarts never overlap. */
let lifecycle: Promise<void> = Promise.resolve();

function mappedSettings(): ReturnType<typeof toServerSettings> {
  const config = vscode.workspace.getConfiguration("dockward");
  return toServerSettings((key) => config.get(key));
}

function logWarnings(warnings: string[]): void {
  for (const w of warnings) {
    output.appendLine(`[settings] ${w}`);
  }
}

function firstWorkspaceFolder(): string | undefined {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.uri.scheme === "file");
  return f?.uri.fsPath;
}

function resolveServer(): Resolved | undefined {
  const config = vscode.workspace.getConfiguration("dockward");
  const r = resolveBinary({
    configuredPath: config.get<string>("path"),
    extensionPath,
    workspaceFolder: firstWorkspaceFolder(),
    homeDir: os.homedir(),
    platform: process.platform,
    arch: process.arch,
    env: process.env,
  });
  if (!r.ok) {
    output.appendLine(`[error] ${r.message}`);
    void vscode.window.showErrorMessage(r.message, "Open Settings", "Show Output").then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "dockward.path");
      } else if (choice === "Show Output") {
        output.show();
      }
    });
    return undefined;
  }
  const run = spawnSync(r.command, ["--version"], { encoding: "utf8", timeout: 10_000 });
  const problem = checkVersionOutput(r.command, {
    error: run.error,
    status: run.status,
    stdout: run.stdout ?? "",
    stderr: run.stderr ?? "",
  });
  if (problem !== undefined) {
    const where = r.source === "setting" ? " (from dockward.path)" : r.source === "bundled" ? " (bundled)" : " (from PATH)";
    const message = problem + where;
    output.appendLine(`[error] ${message}`);
    void vscode.window.showErrorMessage(message, "Open Settings").then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "dockward.path");
      }
    });
    return undefined;
  }
  output.appendLine(`Using ${run.stdout.trim()} at ${r.command} (${r.source})`);
  return r;
}

function createClient(server: Resolved): LanguageClient {
  const config = vscode.workspace.getConfiguration("dockward");
  const serverOptions: ServerOptions = {
    command: server.command,
    args: ["lsp"],
    transport: TransportKind.stdio,
    options: { env: serverEnv(process.env, config.get("logLevel")) },
  };
  const mapped = mappedSettings();
  logWarnings(mapped.warnings);
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector((key) => config.get(key)),
    initializationOptions: mapped.settings,
    outputChannel: output,
    traceOutputChannel: traceOutput,
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const defaults = await next(params, token);
          if (!Array.isArray(defaults)) {
            return defaults;
          }
          return configurationResponse(params.items, defaults, mappedSettings().settings);
        },
      },
    },
  };
  // The id `dockward` makes the client read `dockward.trace.server`.
  return new LanguageClient("dockward", "dockward", serverOptions, clientOptions);
}

function startServer(): Promise<void> {
  lifecycle = lifecycle.then(async () => {
    resolved = resolveServer();
    if (resolved === undefined) {
      return;
    }
    const c = createClient(resolved);
    client = c;
    try {
      await c.start();
    } catch (err) {
      client = undefined;
      const message = `dockward: the language server failed to start (${resolved.command} lsp): ${String(err)}`;
      output.appendLine(`[error] ${message}`);
      void vscode.window.showErrorMessage(message, "Show Output").then((choice) => {
        if (choice === "Show Output") {
          output.show();
        }
      });
    }
  });
  return lifecycle;
}

function stopServer(): Promise<void> {
  lifecycle = lifecycle.then(async () => {
    const c = client;
    client = undefined;
    if (c !== undefined) {
      try {
        await c.stop();
      } catch (err) {
        output.appendLine(`[warn] stopping the server: ${String(err)}`);
      }
    }
  });
  return lifecycle;
}

async function restartServer(): Promise<void> {
  await stopServer();
  await startServer();
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || !LANGUAGES.includes(editor.document.languageId)) {
    void vscode.window.showInformationMessage("dockward: open a Dockerfile, Compose file or daemon.json to fix it.");
    return;
  }
  const c = client;
  if (c === undefined || !c.isRunning()) {
    void vscode.window.showErrorMessage("dockward: the language server is not running.");
    return;
  }
  const doc = editor.document;
  const end = doc.positionAt(doc.getText().length);
  const version = doc.version;
  const actions = await c.sendRequest(
    CodeActionRequest.type,
    fixAllParams(c.code2ProtocolConverter.asUri(doc.uri), { line: end.line, character: end.character }),
  );
  const action = pickFixAll<LspCodeAction>(actions);
  if (action?.edit === undefined) {
    void vscode.window.setStatusBarMessage("dockward: nothing to fix automatically", 3000);
    return;
  }
  if (doc.version !== version) {
    void vscode.window.showWarningMessage("dockward: the file changed while fixing; run Fix All again.");
    return;
  }
  const edit = await c.protocol2CodeConverter.asWorkspaceEdit(action.edit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage("dockward: the fixes could not be applied.");
  }
}

/** Runs `dockward <args>` with the resolved binary and returns its stdout. */
function runDockward(args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const server = resolved ?? resolveServer();
  if (server === undefined) {
    return { ok: false, stdout: "", stderr: "dockward was not found" };
  }
  const r = spawnSync(server.command, args, { encoding: "utf8", timeout: 10_000, env: { ...process.env, NO_COLOR: "1" } });
  return { ok: r.status === 0, stdout: r.stdout ?? "", stderr: r.stderr ?? String(r.error ?? "") };
}

async function pickRule(): Promise<{ code: string; link?: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor !== undefined) {
    const all = vscode.languages.getDiagnostics(editor.document.uri);
    const here = all.filter((d) => d.range.contains(editor.selection.active) || d.range.start.line === editor.selection.active.line);
    const codes = ruleCodes(here);
    if (codes.length === 1) {
      const d = here.find((x) => ruleCode(x) === codes[0]);
      return { code: codes[0], link: d ? ruleDocLink(d) : undefined };
    }
  }
  const listed = runDockward(["rules", "--format", "json"]);
  let items: (vscode.QuickPickItem & { url?: string })[] = [];
  if (listed.ok) {
    try {
      items = parseRules(listed.stdout).map((r) => ({
        label: r.code,
        description: r.name + (r.enabled ? "" : " (off by default)"),
        detail: r.summary,
        url: r.url,
      }));
    } catch (err) {
      output.appendLine(`[warn] dockward rules: ${String(err)}`);
    }
  }
  if (items.length === 0) {
    const code = await vscode.window.showInputBox({ prompt: "Rule code or name (e.g. DL3007)" });
    return code ? { code: code.trim() } : undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: "Explain which rule?",
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked ? { code: picked.label, link: picked.url } : undefined;
}

async function explainRule(arg?: unknown): Promise<void> {
  const rule = typeof arg === "string" && arg.trim() !== "" ? { code: arg.trim() } : await pickRule();
  if (rule === undefined) {
    return;
  }
  const r = runDockward(["explain", rule.code]);
  if (r.ok && r.stdout.trim() !== "") {
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: r.stdout });
    await vscode.commands.executeCommand("markdown.showPreview", doc.uri);
    return;
  }
  if (rule.link !== undefined) {
    await vscode.env.openExternal(vscode.Uri.parse(rule.link));
    return;
  }
  void vscode.window.showErrorMessage(`dockward explain ${rule.code}: ${r.stderr.trim() || "no documentation"}`);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel("dockward");
  traceOutput = vscode.window.createOutputChannel("dockward trace");
  // For the fix-all command's `enablement` (`editorLangId in dockward.languages`).
  void vscode.commands.executeCommand("setContext", "dockward.languages", LANGUAGES);
  context.subscriptions.push(
    output,
    traceOutput,
    vscode.commands.registerCommand("dockward.restartServer", restartServer),
    vscode.commands.registerCommand("dockward.fixAll", fixAll),
    vscode.commands.registerCommand("dockward.explainRule", explainRule),
    vscode.commands.registerCommand("dockward.showOutput", () => output.show()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("dockward")) {
        return;
      }
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        await restartServer();
        return;
      }
      const c = client;
      if (c !== undefined && c.isRunning()) {
        const mapped = mappedSettings();
        logWarnings(mapped.warnings);
        // The server pulls `workspace/configuration` (answered by the
        // middleware) or, for clients without it, reads these settings.
        await c.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { dockward: mapped.settings },
        });
      }
    }),
  );
  await startServer();
}

export async function deactivate(): Promise<void> {
  await stopServer();
}
