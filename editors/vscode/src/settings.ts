// Maps the extension's `dockward.*` settings to the keys the language server
// reads (lsp-server/src/settings.rs; docs/lsp.md "Settings"). No `vscode`
// import: the unit tests run under plain Node.

/** Reads one `dockward.*` setting by its key below `dockward.`. */
export type SettingGetter = (key: string) => unknown;

/** What the server understands, as sent in initializationOptions and
 * answered to `workspace/configuration` (section `dockward`). */
export interface ServerSettings {
  select: string[] | null;
  extendSelect: string[];
  ignore: string[];
  severity: Record<string, Severity>;
  configFile: boolean;
  disableInlinePragmas?: boolean;
  inlayHints: { argValues: boolean };
  /** JSON documents the server reads as seccomp profiles. */
  seccompProfiles: string[];
  /** `pull` is always false: VS Code's language client would show pulled
   * and pushed diagnostics side by side, so the extension takes the pushed
   * ones only (docs/lsp.md, `diagnostics.push`). */
  diagnostics: { debounceMs: number; maxCount: number; pull: false };
}

export type Severity = "error" | "warning" | "info" | "style";
const SEVERITIES: readonly string[] = ["error", "warning", "info", "style"];

export interface Mapped {
  settings: ServerSettings;
  /** Values that were dropped, each with the reason (shown in the output channel). */
  warnings: string[];
}

/** Settings whose change needs a new server process (they are not LSP settings). */
export const RESTART_SETTINGS: readonly string[] = [
  "dockward.path",
  "dockward.logLevel",
  // They change the document selector (src/selector.ts).
  "dockward.compose.enable",
  "dockward.daemon.enable",
  "dockward.seccompProfiles",
];

export const LOG_LEVELS: readonly string[] = ["error", "warn", "info", "debug", "trace"];

function stringList(key: string, value: unknown, warnings: string[]): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  // A comma-separated string is accepted, as the server and the CLI accept it.
  if (typeof value === "string") {
    return value
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }
  if (!Array.isArray(value)) {
    warnings.push(`dockward.${key}: expected a list of rule codes or names, ignored`);
    return [];
  }
  const out: string[] = [];
  for (const item of value) {
    if (typeof item === "string" && item.trim() !== "") {
      out.push(item.trim());
    } else {
      warnings.push(`dockward.${key}: ignored ${JSON.stringify(item)} (not a rule code or name)`);
    }
  }
  return out;
}

function bool(key: string, value: unknown, fallback: boolean, warnings: string[]): boolean {
  if (value === undefined || value === null) {
    return fallback;
  }
  if (typeof value === "boolean") {
    return value;
  }
  warnings.push(`dockward.${key}: expected true or false, ignored`);
  return fallback;
}

/** Maps the `dockward.*` settings to the server's settings object. */
export function toServerSettings(get: SettingGetter): Mapped {
  const warnings: string[] = [];
  const rawSelect = get("select");
  const select =
    rawSelect === undefined || rawSelect === null ? null : stringList("select", rawSelect, warnings);

  const severity: Record<string, Severity> = {};
  const rawSeverity = get("severity");
  if (rawSeverity !== undefined && rawSeverity !== null) {
    if (typeof rawSeverity === "object" && !Array.isArray(rawSeverity)) {
      for (const [rule, level] of Object.entries(rawSeverity as Record<string, unknown>)) {
        const l = typeof level === "string" ? level.toLowerCase() : "";
        if (SEVERITIES.includes(l)) {
          severity[rule] = l as Severity;
        } else {
          warnings.push(
            `dockward.severity: ${rule} = ${JSON.stringify(level)} ignored (use error, warning, info or style; ` +
              `to turn a rule off, add it to dockward.ignore)`,
          );
        }
      }
    } else {
      warnings.push(`dockward.severity: expected an object like { "DL3007": "error" }, ignored`);
    }
  }

  let debounceMs = 100;
  const rawDebounce = get("diagnostics.debounceMs");
  if (rawDebounce !== undefined && rawDebounce !== null) {
    if (typeof rawDebounce === "number" && Number.isFinite(rawDebounce) && rawDebounce >= 0) {
      debounceMs = Math.min(Math.round(rawDebounce), 10_000);
    } else {
      warnings.push(`dockward.diagnostics.debounceMs: expected a number of milliseconds, ignored`);
    }
  }

  let maxCount = 5_000;
  const rawMax = get("diagnostics.maxCount");
  if (rawMax !== undefined && rawMax !== null) {
    if (typeof rawMax === "number" && Number.isInteger(rawMax) && rawMax >= 0) {
      maxCount = rawMax;
    } else {
      warnings.push(`dockward.diagnostics.maxCount: expected a whole number (0: no limit), ignored`);
    }
  }

  const settings: ServerSettings = {
    select,
    extendSelect: stringList("extendSelect", get("extendSelect"), warnings),
    ignore: stringList("ignore", get("ignore"), warnings),
    severity,
    configFile: bool("useConfigFile", get("useConfigFile"), true, warnings),
    inlayHints: { argValues: bool("inlayHints.argValues", get("inlayHints.argValues"), true, warnings) },
    seccompProfiles: stringList("seccompProfiles", get("seccompProfiles"), warnings),
    diagnostics: { debounceMs, maxCount, pull: false },
  };
  const pragmas = get("disableInlinePragmas");
  if (pragmas !== undefined && pragmas !== null) {
    if (typeof pragmas === "boolean") {
      settings.disableInlinePragmas = pragmas;
    } else {
      warnings.push(`dockward.disableInlinePragmas: expected true, false or null, ignored`);
    }
  }
  return { settings, warnings };
}

/** The server process's environment: the editor's, plus `DOCKWARD_LOG`. */
export function serverEnv(base: NodeJS.ProcessEnv, logLevel: unknown): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  const level = typeof logLevel === "string" && LOG_LEVELS.includes(logLevel) ? logLevel : "warn";
  // A DOCKWARD_LOG the user exported wins (it may hold a full filter).
  if (env.DOCKWARD_LOG === undefined || env.DOCKWARD_LOG === "") {
    env.DOCKWARD_LOG = level;
  }
  return env;
}

/**
 * The answer to a `workspace/configuration` request: items for section
 * `dockward` get the mapped settings, the others what VS Code answered.
 */
export function configurationResponse(
  items: ReadonlyArray<{ section?: string }>,
  defaults: readonly unknown[],
  mapped: ServerSettings,
): unknown[] {
  return items.map((item, i) => (item.section === "dockward" ? mapped : (defaults[i] ?? null)));
}
