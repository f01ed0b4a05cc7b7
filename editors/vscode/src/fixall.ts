// The "Fix All" request: a `textDocument/codeAction` asking only for the
// server's `source.fixAll.dockward` action. No `vscode` import.

export const FIX_ALL_KIND = "source.fixAll.dockward";

interface Position {
  line: number;
  character: number;
}

/** The codeAction params for the whole document. */
export function fixAllParams(uri: string, end: Position) {
  return {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end },
    context: { diagnostics: [], only: [FIX_ALL_KIND] },
  };
}

/** The server's fix-all action among a codeAction answer, if it has edits. */
export function pickFixAll<A extends { kind?: string; edit?: unknown }>(
  answer: ReadonlyArray<A | { command: string }> | null | undefined,
): A | undefined {
  return (answer ?? []).find(
    (a): a is A => "kind" in a && (a as A).kind === FIX_ALL_KIND && (a as A).edit !== undefined,
  );
}
