import { describe, expect, it } from 'vitest';
import { checkEmailTemplate, findUnknownPlaceholders, renderEmailTemplate } from './email-templates';
import { examplePlaceholderValues, placeholderSpecs } from './placeholders';

const presentation = placeholderSpecs['service-presentation'];
const engineerContact = placeholderSpecs['engineer-contact'];

function namesOf(problems: ReturnType<typeof findUnknownPlaceholders>) {
  return problems.map((problem) => `${problem.kind}:${problem.name}`);
}

describe('findUnknownPlaceholders', () => {
  it('accepts the placeholders of the specification, in and out of lists', () => {
    const template =
      'Dear {{recipient.name}}, {{#partner.name}}via {{partner.name}}{{/partner.name}}' +
      '{{#applications}}{{name}}: {{summary}} ({{customer.name}}){{/applications}}{{^applications}}none{{/applications}}';
    expect(findUnknownPlaceholders(template, presentation)).toEqual([]);
  });

  it('reports a misspelt name with its line and column', () => {
    const problems = findUnknownPlaceholders('Hello,\nDear {{recipent.name}}', presentation);
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'unknown', name: 'recipent.name', line: 2, column: 6, offset: 12 }),
    ]);
  });

  it('reports an unknown child of a known group', () => {
    expect(namesOf(findUnknownPlaceholders('{{recipient.surname}}', presentation))).toEqual([
      'unknown:recipient.surname',
    ]);
  });

  it('reports an item name used outside its list', () => {
    expect(
      namesOf(findUnknownPlaceholders('{{summary}} {{#applications}}{{summary}}{{/applications}}', presentation)),
    ).toEqual(['unknown:summary']);
  });

  it('allows {{.}} only inside a list of texts', () => {
    const inside = '{{#applications}}{{#included}}{{.}}{{/included}}{{/applications}}';
    expect(findUnknownPlaceholders(inside, engineerContact)).toEqual([]);
    expect(namesOf(findUnknownPlaceholders('{{.}}', engineerContact))).toEqual(['unknown:.']);
    expect(namesOf(findUnknownPlaceholders('{{#applications}}{{.}}{{/applications}}', engineerContact))).toEqual([
      'unknown:.',
    ]);
  });

  it('refuses printing a group or a list as a value', () => {
    expect(namesOf(findUnknownPlaceholders('{{recipient}} {{applications}}', presentation))).toEqual([
      'misused:recipient',
      'misused:applications',
    ]);
  });

  it('refuses unescaped output unless allowed, and partials always', () => {
    const template = '{{{project.name}}} {{& customer.name}} {{> footer}}';
    expect(namesOf(findUnknownPlaceholders(template, presentation))).toEqual([
      'unescaped:project.name',
      'unescaped:customer.name',
      'partial:footer',
    ]);
    expect(namesOf(findUnknownPlaceholders(template, presentation, { allowUnescaped: true }))).toEqual([
      'partial:footer',
    ]);
  });

  it('reports an unclosed section as a syntax problem', () => {
    const problems = findUnknownPlaceholders('{{#applications}}{{name}}', presentation);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'syntax' });
    expect(problems[0]?.message).toMatch(/Unclosed section "applications"/);
  });

  it('checks the three parts, refusing unescaped output only in html', () => {
    const problems = checkEmailTemplate(
      {
        subject: '{{{project.name}}}',
        text: '{{{project.name}}} {{manager.phone}}',
        html: '<p>{{{project.name}}}</p>',
      },
      presentation,
    );
    expect(problems.map((problem) => `${problem.part}:${problem.kind}:${problem.name}`)).toEqual([
      'text:unknown:manager.phone',
      'html:unescaped:project.name',
    ]);
  });
});

describe('renderEmailTemplate', () => {
  const template = {
    subject: 'Project {{project.name}}',
    text: 'Dear {{recipient.name}},\n{{#applications}}- {{name}}\n{{/applications}}',
    html: '<p>Dear {{recipient.name}},</p><ul>{{#applications}}<li>{{name}}</li>{{/applications}}</ul>',
  };
  const values = {
    recipient: { name: 'Anna <b>"Rossi"</b> & Co' },
    project: { name: 'R&D\nline two' },
    applications: [{ name: 'Call <Recording>' }],
  };

  it('escapes HTML in the html part only', () => {
    const rendered = renderEmailTemplate(template, values);
    expect(rendered.html).toBe(
      '<p>Dear Anna &lt;b&gt;&quot;Rossi&quot;&lt;&#x2F;b&gt; &amp; Co,</p><ul><li>Call &lt;Recording&gt;</li></ul>',
    );
    expect(rendered.text).toBe('Dear Anna <b>"Rossi"</b> & Co,\n- Call <Recording>\n');
  });

  it('keeps the subject on one line and unescaped', () => {
    expect(renderEmailTemplate(template, values).subject).toBe('Project R&D line two');
  });

  it('throws a clear error for a template mustache cannot parse', () => {
    expect(() => renderEmailTemplate({ ...template, html: '{{#applications}}' }, values)).toThrow(
      /html of the email template cannot be read: Unclosed section "applications"/,
    );
  });

  it('renders the example values of each template without leaving a placeholder blank', () => {
    const values = examplePlaceholderValues('engineer-contact');
    const rendered = renderEmailTemplate(
      {
        subject: '{{engineer.name}}',
        text: '{{#applications}}{{#included}}[{{.}}]{{/included}}{{/applications}}',
        html: 'x',
      },
      values,
    );
    expect(rendered.subject).toBe('Giulia Conti');
    expect(rendered.text).toBe(
      '[Installation on one server][Recording rules for up to 50 users][Fax-to-email and email-to-fax for up to 20 users]',
    );
  });
});
