import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ApiError, errorMessage, fieldErrorsFrom, formErrorsFrom, toApiError } from './errors';

const refusal = (details: { path: string; message: string }[]) =>
  new ApiError({ status: 400, code: 'validation_failed', message: 'Some fields are wrong.', details });

describe('the web app’s reading of API errors', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('en');
  });

  it('reads the server’s body, its field problems and Retry-After; a body without code or message falls back to the status', () => {
    const error = toApiError(
      new Response(null, { status: 429, statusText: 'Too Many', headers: { 'Retry-After': '30' } }),
      {
        code: 'rate_limited',
        message: 'Slow down.',
        details: [{ path: 'body.name', message: 'Too long.' }, { message: 'No path.' }, 'not a problem'],
        requestId: 'req-1',
      },
    );
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'Slow down.',
      requestId: 'req-1',
      retryAfterSeconds: 30,
      details: [
        { path: 'body.name', message: 'Too long.' },
        { path: '', message: 'No path.' },
      ],
    });
    const bare = toApiError(new Response(null, { status: 502, statusText: 'Bad Gateway' }), 'not json');
    expect(bare).toMatchObject({ code: 'http_502', message: 'Bad Gateway', details: [], retryAfterSeconds: undefined });
  });

  it('splits field problems from the others, whatever the path’s notation, keeping the first per field', () => {
    const error = refusal([
      { path: 'body.name', message: 'Name is required.' },
      { path: '/name', message: 'A second problem with the name.' },
      { path: 'applications.0', message: 'Unknown application.' },
      { path: 'body.budget', message: 'Not a field of this form.' },
      { path: '', message: 'Something else.' },
    ]);
    expect(fieldErrorsFrom(error, ['name', 'applications'] as const)).toEqual({
      fieldErrors: { name: 'Name is required.', applications: 'Unknown application.' },
      otherProblems: ['body.budget: Not a field of this form.', 'Something else.'],
    });
    expect(fieldErrorsFrom(new Error('network'), ['name'] as const)).toEqual({ fieldErrors: {}, otherProblems: [] });
  });

  it('keys the problems of a list’s rows by their path in the form, and the others by their field', () => {
    const error = refusal([
      { path: 'body.lines.1.serviceKey', message: 'Unknown service.' },
      { path: 'body.applications.2', message: 'Unknown application.' },
      { path: 'body.other', message: 'Elsewhere.' },
    ]);
    expect(formErrorsFrom(error, ['lines', 'applications'] as const, ['lines'] as const)).toEqual({
      fieldErrors: { 'lines.1.serviceKey': 'Unknown service.', applications: 'Unknown application.' },
      otherProblems: ['body.other: Elsewhere.'],
    });
  });

  it('shows the user’s words for errors that say the same whatever the request, the server’s for the others', () => {
    const forbidden = new ApiError({
      status: 403,
      code: 'forbidden',
      message: 'Your role does not allow this action.',
    });
    expect(errorMessage(forbidden, 'fallback')).toBe(i18n.t('errors.codes.forbidden'));
    expect(i18n.t('errors.codes.forbidden')).not.toBe('errors.codes.forbidden');
    expect(errorMessage(refusal([]), 'fallback')).toBe('Some fields are wrong.');
    expect(errorMessage(new Error('boom'), 'Something went wrong.')).toBe('Something went wrong.');
  });
});
