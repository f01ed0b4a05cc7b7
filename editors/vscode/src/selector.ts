// Which documents the extension hands to the server, from the
// `dockward.compose.enable`, `dockward.daemon.enable` and
// `dockward.seccompProfiles` settings. The server decides the kind again
// from the language id and the name (docs/lsp.md "File kinds"); this only
// keeps VS Code from sending it every YAML and JSON file. No `vscode`
// import: the unit tests run under plain Node.

import { SettingGetter } from "./settings";

export interface DocumentFilter {
  language: string;
  pattern?: string;
}

/** Languages whose documents the fix-all command works on (the
 * `dockward.languages` context key). */
export const LANGUAGES: readonly string[] = ["dockerfile", "dockercompose", "yaml", "json", "jsonc"];

function enabled(get: SettingGetter, key: string): boolean {
  const v = get(key);
  return typeof v === "boolean" ? v : true;
}

/** The file names or path endings of `dockward.seccompProfiles`. */
export function seccompProfiles(get: SettingGetter): string[] {
  const v = get("seccompProfiles");
  if (!Array.isArray(v)) {
    return [];
  }
  return v
    .filter((p): p is string => typeof p === "string")
    .map((p) => p.trim().replace(/^\.\//, ""))
    .filter((p) => p !== "" && !/[{}*?[\]]/.test(p));
}

/** The client's document selector. */
export function documentSelector(get: SettingGetter): DocumentFilter[] {
  // Every scheme: analysis is static, so untitled and remote files are safe.
  const out: DocumentFilter[] = [{ language: "dockerfile" }];
  if (enabled(get, "compose.enable")) {
    out.push({ language: "dockercompose" });
    // Files VS Code opens as plain YAML (no Docker extension installed).
    out.push({ language: "yaml", pattern: "**/*compose*.{yml,yaml}" });
  }
  const json: string[] = [];
  if (enabled(get, "daemon.enable")) {
    json.push("**/daemon.json");
  }
  for (const p of seccompProfiles(get)) {
    json.push(`**/${p}`);
  }
  for (const pattern of json) {
    out.push({ language: "json", pattern }, { language: "jsonc", pattern });
  }
  return out;
}

/** Settings whose change rebuilds the document selector (a restart). */
export const SELECTOR_SETTINGS: readonly string[] = [
  "dockward.compose.enable",
  "dockward.daemon.enable",
  "dockward.seccompProfiles",
];
