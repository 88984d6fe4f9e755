/**
 * Checks and renders the mustache email templates of the content library.
 *
 * Rules a template must follow:
 * - it names only placeholders of its specification (placeholders.ts); inside a list
 *   section (`{{#applications}}`) the item's names come first, then the outer names;
 * - `{{.}}` is allowed only inside a list of texts (or a section opened on a single text);
 * - a group or list cannot be printed as a value (`{{recipient}}`, `{{applications}}`);
 * - partials (`{{> name}}`) are refused: a template is one self-contained file;
 * - unescaped output (`{{{name}}}`, `{{& name}}`) is refused in the html part, because a
 *   value such as a project name typed by a customer would otherwise inject markup. In the
 *   subject and text parts nothing is escaped anyway, so it is accepted there.
 */
import Mustache from 'mustache';
import type { EmailTemplate } from './content.schemas';
import type { PlaceholderNode, PlaceholderSpec, PlaceholderValues } from './placeholders';

export type EmailTemplatePart = keyof EmailTemplate;
export const emailTemplateParts: readonly EmailTemplatePart[] = ['subject', 'text', 'html'];

export type PlaceholderProblemKind = 'unknown' | 'misused' | 'unescaped' | 'partial' | 'syntax';

export interface PlaceholderProblem {
  readonly kind: PlaceholderProblemKind;
  /** The placeholder as written between the braces; empty for a syntax problem. */
  readonly name: string;
  /** Zero-based offset in the template text, and the matching one-based line and column. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface EmailTemplateProblem extends PlaceholderProblem {
  readonly part: EmailTemplatePart;
}

export interface FindPlaceholderOptions {
  /** Whether `{{{name}}}` and `{{& name}}` are accepted; false for html. */
  readonly allowUnescaped: boolean;
}

/** What names resolve against: a placeholder tree, or a single text (where `.` is valid). */
type Scope = { readonly kind: 'spec'; readonly spec: PlaceholderSpec } | { readonly kind: 'text' };

type Resolution = { readonly found: true; readonly node: PlaceholderNode | 'text' } | { readonly found: false };

interface Token {
  readonly type: string;
  readonly name: string;
  readonly start: number;
  readonly children: readonly unknown[];
}

/** Mustache tokens are positional tuples: [type, value, start, end, children?, …]. */
function readToken(raw: unknown): Token {
  const tuple = raw as readonly unknown[];
  const children = Array.isArray(tuple[4]) ? (tuple[4] as readonly unknown[]) : [];
  return { type: String(tuple[0]), name: String(tuple[1]), start: Number(tuple[2]), children };
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function lookUp(spec: PlaceholderSpec, name: string): PlaceholderNode | undefined {
  return Object.hasOwn(spec, name) ? spec[name] : undefined;
}

function resolve(name: string, scopes: readonly Scope[]): Resolution {
  if (name === '.') {
    return scopes.at(-1)?.kind === 'text' ? { found: true, node: 'text' } : { found: false };
  }
  const [first = '', ...rest] = name.split('.');
  for (const scope of [...scopes].reverse()) {
    if (scope.kind !== 'spec') continue;
    let node = lookUp(scope.spec, first);
    if (node === undefined) continue;
    // Like mustache, the first name picks the scope; the rest must exist beneath it.
    for (const part of rest) {
      node = node.kind === 'object' ? lookUp(node.children, part) : undefined;
      if (node === undefined) return { found: false };
    }
    return { found: true, node };
  }
  return { found: false };
}

function unknownMessage(name: string): string {
  if (name === '.') return '"{{.}}" is only allowed inside a list of texts, such as {{#included}}{{.}}{{/included}}';
  return `"${name}" is not a placeholder of this template (or is used outside the list it belongs to)`;
}

function walk(
  tokens: readonly unknown[],
  scopes: readonly Scope[],
  options: FindPlaceholderOptions,
  report: (kind: PlaceholderProblemKind, token: Token, message: string) => void,
): void {
  for (const raw of tokens) {
    const token = readToken(raw);
    switch (token.type) {
      case 'name':
      case '&': {
        if (token.type === '&' && !options.allowUnescaped) {
          report(
            'unescaped',
            token,
            `"${token.name}" is written unescaped; use {{${token.name}}} so the value is HTML-escaped`,
          );
        }
        const resolution = resolve(token.name, scopes);
        if (!resolution.found) report('unknown', token, unknownMessage(token.name));
        else if (resolution.node !== 'text' && resolution.node.kind !== 'value') {
          report(
            'misused',
            token,
            `"${token.name}" is a ${resolution.node.kind === 'object' ? 'group' : 'list'}; it cannot be printed as a value`,
          );
        }
        break;
      }
      case '#': {
        const resolution = resolve(token.name, scopes);
        if (!resolution.found) {
          report('unknown', token, unknownMessage(token.name));
          break;
        }
        const node = resolution.node;
        const inner: Scope =
          node !== 'text' && node.kind === 'list'
            ? { kind: 'spec', spec: node.item }
            : node !== 'text' && node.kind === 'object'
              ? { kind: 'spec', spec: node.children }
              : { kind: 'text' };
        walk(token.children, [...scopes, inner], options, report);
        break;
      }
      case '^': {
        if (!resolve(token.name, scopes).found) report('unknown', token, unknownMessage(token.name));
        walk(token.children, scopes, options, report);
        break;
      }
      case '>':
        report(
          'partial',
          token,
          `partials such as {{> ${token.name}}} are not supported; write the text in the template`,
        );
        break;
      default:
        // text, comments and delimiter changes name nothing.
        break;
    }
  }
}

/** Parses a template, or describes why mustache cannot. */
function parseTemplate(text: string): { tokens: readonly unknown[] } | { error: string; offset: number } {
  try {
    return { tokens: Mustache.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = Number(/at (\d+)\s*$/.exec(message)?.[1] ?? 0);
    return { error: message, offset };
  }
}

/**
 * Lists every placeholder of a template that its specification does not allow, and every
 * construct the rules above refuse, each with its position; an unparsable template gives
 * one 'syntax' problem.
 */
export function findUnknownPlaceholders(
  templateText: string,
  spec: PlaceholderSpec,
  options: FindPlaceholderOptions = { allowUnescaped: false },
): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  const parsed = parseTemplate(templateText);
  if ('error' in parsed) {
    const position = positionOf(templateText, parsed.offset);
    return [
      {
        kind: 'syntax',
        name: '',
        offset: parsed.offset,
        ...position,
        message: `the template cannot be read: ${parsed.error}`,
      },
    ];
  }
  walk(parsed.tokens, [{ kind: 'spec', spec }], options, (kind, token, message) => {
    problems.push({ kind, name: token.name, offset: token.start, ...positionOf(templateText, token.start), message });
  });
  return problems;
}

/** Checks the three parts of an email template against its placeholder specification. */
export function checkEmailTemplate(template: EmailTemplate, spec: PlaceholderSpec): EmailTemplateProblem[] {
  return emailTemplateParts.flatMap((part) =>
    findUnknownPlaceholders(template[part], spec, { allowUnescaped: part !== 'html' }).map((problem) => ({
      ...problem,
      part,
    })),
  );
}

function renderPart(template: EmailTemplate, part: EmailTemplatePart, values: PlaceholderValues): string {
  const parsed = parseTemplate(template[part]);
  if ('error' in parsed) throw new Error(`The ${part} of the email template cannot be read: ${parsed.error}`);
  // Only the html part is HTML-escaped; the subject and text are plain text.
  const options = part === 'html' ? {} : { escape: (value: unknown) => String(value) };
  return Mustache.render(template[part], values, {}, options);
}

/**
 * Renders an email template with the given values: the html part HTML-escaped, the text
 * and subject as plain text, the subject folded onto one line. Throws when a part cannot
 * be parsed.
 */
export function renderEmailTemplate(
  template: EmailTemplate,
  values: PlaceholderValues,
): { subject: string; text: string; html: string } {
  return {
    // A value with a line break must not split the Subject header.
    subject: renderPart(template, 'subject', values).replace(/\s+/g, ' ').trim(),
    text: renderPart(template, 'text', values),
    html: renderPart(template, 'html', values),
  };
}
