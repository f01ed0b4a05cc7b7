// Finding the `dockward` executable: the `dockward.path` setting, else the
// binary bundled in a platform .vsix (`bin/<platform>-<arch>/dockward`), else
// `dockward` on PATH. No `vscode` import: the unit tests run under plain Node.

import * as fs from "fs";
import * as path from "path";

export type BinarySource = "setting" | "bundled" | "path";

export interface Resolved {
  ok: true;
  command: string;
  source: BinarySource;
}

export interface NotResolved {
  ok: false;
  /** A message for the user: what was tried and what to do. */
  message: string;
  /** True when `dockward.path` is set but wrong (offer to open settings). */
  badSetting: boolean;
}

export type Resolution = Resolved | NotResolved;

export interface ResolveInput {
  /** The `dockward.path` setting, as written. */
  configuredPath: string | undefined;
  /** The extension's install directory (holds `bin/` in a platform .vsix). */
  extensionPath: string;
  /** The first workspace folder, for `${workspaceFolder}` and relative paths. */
  workspaceFolder?: string;
  homeDir: string;
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  /** Injected for tests; defaults to a stat + access(X_OK) check. */
  isExecutable?: (file: string) => boolean;
  exists?: (file: string) => boolean;
}

/**
 * The directory name under `bin/` for a platform and architecture: Node's
 * `process.platform` and `process.arch`, with 32-bit ARM named `armhf` as in
 * VS Code's target names (`linux-x64`, `darwin-arm64`, `win32-x64`, `linux-armhf`).
 */
export function platformKey(platform: NodeJS.Platform | string, arch: string): string {
  const a = arch === "arm" ? "armhf" : arch;
  return `${platform}-${a}`;
}

/**
 * The `bin/` directory for each `vsce package --target`. Alpine builds (musl)
 * run on the same Node platform as glibc ones, so `alpine-x64` uses `linux-x64`.
 */
export const VSCE_TARGETS: Readonly<Record<string, string>> = {
  "linux-x64": "linux-x64",
  "linux-arm64": "linux-arm64",
  "linux-armhf": "linux-armhf",
  "alpine-x64": "linux-x64",
  "alpine-arm64": "linux-arm64",
  "darwin-x64": "darwin-x64",
  "darwin-arm64": "darwin-arm64",
  "win32-x64": "win32-x64",
  "win32-arm64": "win32-arm64",
};

export function executableName(platform: NodeJS.Platform | string): string {
  return platform === "win32" ? "dockward.exe" : "dockward";
}

/** Where a platform .vsix keeps its binary, relative to the extension root. */
export function bundledRelativePath(platform: NodeJS.Platform | string, arch: string): string {
  return path.posix.join("bin", platformKey(platform, arch), executableName(platform));
}

function defaultIsExecutable(platform: NodeJS.Platform) {
  return (file: string): boolean => {
    try {
      if (!fs.statSync(file).isFile()) {
        return false;
      }
      if (platform !== "win32") {
        fs.accessSync(file, fs.constants.X_OK);
      }
      return true;
    } catch {
      return false;
    }
  };
}

function defaultExists(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Expands `~`, `${userHome}`, `${workspaceFolder}` and `${env:NAME}` in a
 * configured path; a relative result is taken from the workspace folder.
 */
export function expandPath(
  raw: string,
  opts: { homeDir: string; workspaceFolder?: string; env: NodeJS.ProcessEnv; platform: NodeJS.Platform },
): string {
  const p = opts.platform === "win32" ? path.win32 : path.posix;
  let s = raw.trim();
  if (s === "~" || s.startsWith("~/") || s.startsWith("~\\")) {
    s = opts.homeDir + s.slice(1);
  }
  s = s.replace(/\$\{userHome\}/g, opts.homeDir);
  if (opts.workspaceFolder !== undefined) {
    s = s.replace(/\$\{workspaceFolder\}/g, opts.workspaceFolder);
  }
  s = s.replace(/\$\{env:([^}]+)\}/g, (_, name: string) => opts.env[name] ?? "");
  if (!p.isAbsolute(s) && opts.workspaceFolder !== undefined) {
    s = p.resolve(opts.workspaceFolder, s);
  }
  return s;
}

/** Looks `name` up on PATH (with PATHEXT on Windows), like `which`. */
export function findOnPath(
  name: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  isExecutable: (file: string) => boolean,
): string | undefined {
  const p = platform === "win32" ? path.win32 : path.posix;
  const delimiter = platform === "win32" ? ";" : ":";
  const pathVar = env.PATH ?? env.Path ?? "";
  const exts =
    platform === "win32"
      ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((e) => e !== "")]
      : [""];
  for (const dir of pathVar.split(delimiter)) {
    if (dir === "") {
      continue;
    }
    for (const ext of exts) {
      const candidate = p.join(dir, name + ext);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** Resolves the server binary in the documented order. */
export function resolveBinary(input: ResolveInput): Resolution {
  const isExecutable = input.isExecutable ?? defaultIsExecutable(input.platform);
  const exists = input.exists ?? defaultExists;
  const configured = input.configuredPath?.trim() ?? "";
  if (configured !== "") {
    const full = expandPath(configured, input);
    if (!exists(full)) {
      return {
        ok: false,
        badSetting: true,
        message:
          `dockward.path is set to "${configured}", but ${full === configured ? "that file" : `"${full}"`} ` +
          `does not exist. Fix the setting or clear it to use the bundled binary or the one on PATH.`,
      };
    }
    if (!isExecutable(full)) {
      return {
        ok: false,
        badSetting: true,
        message:
          `dockward.path is set to "${configured}", but "${full}" is not an executable file` +
          (input.platform === "win32" ? "." : " (is it a directory, or missing chmod +x?)."),
      };
    }
    return { ok: true, command: full, source: "setting" };
  }
  const bundled = path.join(input.extensionPath, ...bundledRelativePath(input.platform, input.arch).split("/"));
  if (isExecutable(bundled)) {
    return { ok: true, command: bundled, source: "bundled" };
  }
  const onPath = findOnPath("dockward", input.env, input.platform, isExecutable);
  if (onPath !== undefined) {
    return { ok: true, command: onPath, source: "path" };
  }
  return {
    ok: false,
    badSetting: false,
    message:
      `The dockward executable was not found: this extension has no bundled binary for ` +
      `${platformKey(input.platform, input.arch)} and there is no \`dockward\` on PATH. ` +
      `Install dockward (cargo install --locked --git https://github.com/dockward/dockward dockward) ` +
      `or set dockward.path.`,
  };
}

/**
 * Checks the output of `<binary> --version`: a dockward binary prints
 * `dockward <version>`. Returns an error message, or undefined when it is fine.
 */
export function checkVersionOutput(
  command: string,
  result: { error?: Error; status: number | null; stdout: string; stderr: string },
): string | undefined {
  if (result.error !== undefined) {
    return `Could not run "${command}": ${result.error.message}`;
  }
  if (result.status !== 0) {
    const detail = result.stderr.trim().split("\n")[0] ?? "";
    return `"${command} --version" failed (exit ${result.status ?? "signal"})${detail ? `: ${detail}` : ""}`;
  }
  if (!/^dockward\b/.test(result.stdout.trim())) {
    return `"${command}" does not look like dockward: "--version" printed "${result.stdout.trim().slice(0, 80)}"`;
  }
  return undefined;
}
