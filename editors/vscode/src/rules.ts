// Rule lookups for the "Explain Rule" command. No `vscode` import.

/** The shape of `Diagnostic.code` in VS Code and in LSP. */
export type DiagnosticCode = string | number | { value: string | number; target?: unknown } | undefined;

export interface DiagnosticLike {
  source?: string;
  code?: DiagnosticCode;
}

/** The rule code of a dockward diagnostic (`DL3007`), or undefined. */
export function ruleCode(d: DiagnosticLike): string | undefined {
  if (d.source !== "dockward" || d.code === undefined) {
    return undefined;
  }
  const value = typeof d.code === "object" ? d.code.value : d.code;
  const s = String(value).trim();
  return s === "" ? undefined : s;
}

/** The documentation link the server attached (`codeDescription.href`). */
export function ruleDocLink(d: DiagnosticLike): string | undefined {
  if (d.source !== "dockward" || typeof d.code !== "object" || d.code === null) {
    return undefined;
  }
  const target = d.code.target;
  if (typeof target === "string") {
    return target;
  }
  // A vscode.Uri; its toString() gives the link.
  if (target !== undefined && target !== null && typeof (target as { toString(): string }).toString === "function") {
    const s = (target as { toString(): string }).toString();
    return s.startsWith("http") ? s : undefined;
  }
  return undefined;
}

/** The distinct rule codes among diagnostics, in order of appearance. */
export function ruleCodes(diags: readonly DiagnosticLike[]): string[] {
  const seen: string[] = [];
  for (const d of diags) {
    const c = ruleCode(d);
    if (c !== undefined && !seen.includes(c)) {
      seen.push(c);
    }
  }
  return seen;
}

export interface RuleEntry {
  code: string;
  name: string;
  summary: string;
  url?: string;
  enabled: boolean;
}

/** Parses `dockward rules --format json`; throws on anything else. */
export function parseRules(stdout: string): RuleEntry[] {
  const data: unknown = JSON.parse(stdout);
  if (!Array.isArray(data)) {
    throw new Error("`dockward rules --format json` did not print a list");
  }
  return data.flatMap((r: unknown) => {
    if (typeof r !== "object" || r === null) {
      return [];
    }
    const o = r as Record<string, unknown>;
    if (typeof o.code !== "string") {
      return [];
    }
    return [
      {
        code: o.code,
        name: typeof o.name === "string" ? o.name : "",
        summary: typeof o.summary === "string" ? o.summary : "",
        url: typeof o.url === "string" ? o.url : undefined,
        enabled: o.enabled !== false,
      },
    ];
  });
}
