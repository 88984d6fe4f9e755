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

/** zod's checks whose last argument may be the message a person reads when the check fails. */
const zodChecks = new Set(['min', 'max', 'length', 'regex', 'positive', 'nonnegative', 'int', 'gte', 'lte', 'refine']);

/**
 * The lines (1-based) of a schema source where a zod check's message is written in place: `.min(1, 'Enter a name.')`,
 * `z.uuid({ error: 'Not an id.' })`, `{ message: … }`.
 */
function schemaMessagesWrittenInPlace(source: string, fileName = 'source.ts'): number[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const lines = new Set<number>();
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const last = node.arguments.at(-1);
      if (
        zodChecks.has(node.expression.name.text) &&
        node.arguments.length >= (node.expression.name.text === 'refine' ? 2 : 1) &&
        last !== undefined &&
        node.arguments.indexOf(last) >
          (['positive', 'nonnegative', 'int'].includes(node.expression.name.text) ? -1 : 0) &&
        isWrittenInPlace(last)
      )
        lines.add(lineOf(node));
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && ['error', 'message'].includes(node.name.text)) {
      if (isWrittenInPlace(node.initializer)) lines.add(lineOf(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...lines].sort((a, b) => a - b);
}

describe('refusals in the language resources', () => {
  it('finds a schema message written in place, and lets a resource through', () => {
    const source = [
      "const a = z.string().min(1, 'Enter a name.');",
      "const b = z.uuid({ error: 'Not a valid id.' });",
      "const c = z.number().positive('More than 0.');",
      "const d = z.string().min(1, en('common.enter_name')).max(200);",
      "const e = z.array(z.string()).refine((values) => values.length > 0, 'One at least.');",
      'const f = z.string().regex(/^a$/, { message: `Not ${what}.` });',
    ].join('\n');
    expect(schemaMessagesWrittenInPlace(source)).toEqual([1, 2, 3, 5, 6]);
  });

  it('has no schema message written in English in the server’s code', () => {
    const found = serverFiles(serverRoot)
      .filter((file) => file.endsWith('.schemas.ts'))
      .flatMap((file) => {
        const relative = path.relative(serverRoot, file).split(path.sep).join('/');
        return schemaMessagesWrittenInPlace(fs.readFileSync(file, 'utf8'), file).map(
          (line) => `src/server/${relative}:${line}`,
        );
      });
    expect(found).toEqual([]);
  }, 60_000);

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
