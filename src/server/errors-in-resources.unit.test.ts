import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * A refusal's words live in the language resources (src/domain/text/locales/<language>/errors.json), written with
 * refuse, refusal or refuseTo: never as an English sentence in the code that throws. This test reads every server
 * file (not the tests) and names each `new AppError(…)` whose message is written in place.
 */

/**
 * Folders whose refusals are still being moved to the resources, each by its own change. This list must shrink to
 * nothing: take a folder off as soon as its refusals are resources.
 */
const notYetInResources: string[] = [];

const serverRoot = import.meta.dirname;

function serverFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return serverFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Whether an expression is words written in place: a string or template literal, or one chosen or joined from them. */
function isWrittenInPlace(node: ts.Expression): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
    return true;
  if (ts.isParenthesizedExpression(node)) return isWrittenInPlace(node.expression);
  if (ts.isConditionalExpression(node)) return isWrittenInPlace(node.whenTrue) || isWrittenInPlace(node.whenFalse);
  if (ts.isBinaryExpression(node)) return isWrittenInPlace(node.left) || isWrittenInPlace(node.right);
  return false;
}

/** The lines (1-based) of a source text where `new AppError(code, message)` has its message written in place. */
function messagesWrittenInPlace(source: string, fileName = 'source.ts'): number[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'AppError') {
      const message = node.arguments?.[1];
      if (message !== undefined && isWrittenInPlace(message))
        lines.push(file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

describe('refusals in the language resources', () => {
  it('finds a message written in place, however it is written, and lets a resource through', () => {
    const source = [
      "throw new AppError('conflict', 'Already done.');",
      'throw new AppError("not_found", `No such ${thing}.`);',
      "throw new AppError('conflict', done ? 'Done.' : `Not ${what}.`);",
      "throw new AppError('conflict', 'Done: ' + reason);",
      "throw refuse('conflict', 'users.last_admin');",
      "return new AppError('rate_limited', translate('en', 'errors', 'http.too_many_requests', { count }));",
      'throw new AppError(error.code, error.message);',
    ].join('\n');
    expect(messagesWrittenInPlace(source)).toEqual([1, 2, 3, 4]);
  });

  it('has no refusal written in English in the server’s code', () => {
    const found = serverFiles(serverRoot).flatMap((file) => {
      const relative = path.relative(serverRoot, file).split(path.sep).join('/');
      if (notYetInResources.some((folder) => relative.startsWith(folder))) return [];
      const source = fs.readFileSync(file, 'utf8');
      // Only a file that writes `new AppError(` is worth parsing.
      if (!source.includes('new AppError(')) return [];
      return messagesWrittenInPlace(source, file).map((line) => `src/server/${relative}:${line}`);
    });
    expect(found).toEqual([]);
  }, 60_000); // Parsing is quick, but loading the parser may wait on a busy machine.
});
