/**
 * One person's HTTP client for a built server: plain fetch with a cookie jar, no redirect followed by itself, nothing
 * of Engage's code. A contact's client follows their emailed link as a browser would: the page (GET), then its form.
 */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
  text: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json: <T = Record<string, unknown>>() => T;
}

export interface HttpClient {
  readonly baseUrl: string;
  request: (
    method: string,
    path: string,
    options?: { json?: unknown; body?: Uint8Array; contentType?: string; form?: Record<string, string> },
  ) => Promise<HttpAnswer>;
  /** A request that must answer `status` (the answer's text is in the failure message). */
  expect: <T = Record<string, unknown>>(status: number, method: string, path: string, json?: unknown) => Promise<T>;
  cookie: (name: string) => string | undefined;
}

/** `onAnswer` sees every answer the client gets (a test that searches them all for something that must not be there). */
export function createHttpClient(baseUrl: string, hooks: { onAnswer?: (answer: HttpAnswer) => void } = {}): HttpClient {
  const jar = new Map<string, string>();
  async function request(
    method: string,
    path: string,
    options: { json?: unknown; body?: Uint8Array; contentType?: string; form?: Record<string, string> } = {},
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = {};
    if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/octet-stream';
      body = new Blob([new Uint8Array(options.body)]);
    }
    const response = await fetch(new URL(path, baseUrl), { method, headers, body, redirect: 'manual' });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = setCookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const isExpired =
        value === '' ||
        attributes.some(
          (attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute),
        );
      if (isExpired) jar.delete(name);
      else jar.set(name, value);
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    const answer: HttpAnswer = {
      status: response.status,
      headers: response.headers,
      body: bytes,
      text,
      json: <T>() => JSON.parse(text) as T,
    };
    hooks.onAnswer?.(answer);
    return answer;
  }
  return {
    baseUrl,
    request,
    expect: async <T>(status: number, method: string, path: string, json?: unknown) => {
      const answer = await request(method, path, json === undefined ? {} : { json });
      if (answer.status !== status)
        throw new Error(`${method} ${path} answered ${answer.status}, not ${status}: ${answer.text.slice(0, 600)}`);
      return (answer.text === '' ? {} : answer.json<T>()) as T;
    },
    cookie: (name) => [...jar].find(([candidate]) => candidate.endsWith(name))?.[1],
  };
}

/**
 * Follows a personal link as a person does: opens its page (which must change nothing), then presses the page's one
 * button (the form's POST). Returns where the server sent the browser (the Location of its 303).
 */
export async function followPersonalLink(client: HttpClient, link: string): Promise<string> {
  const url = new URL(link);
  if (url.origin !== new URL(client.baseUrl).origin)
    throw new Error(`The link ${link} does not lead to this server (${client.baseUrl}).`);
  const page = await client.request('GET', `${url.pathname}${url.search}`);
  if (page.status !== 200)
    throw new Error(`Opening ${url.pathname} answered ${page.status}: ${page.text.slice(0, 300)}`);
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(page.text);
  if (form === null) throw new Error(`The link page has no form to continue with: ${page.text.slice(0, 600)}`);
  const action = (form[1] ?? '').replaceAll('&amp;', '&');
  const fields = Object.fromEntries(
    [...(form[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [
      match[1] ?? '',
      match[2] ?? '',
    ]),
  );
  const pressed = await client.request('POST', action, { form: fields });
  if (pressed.status !== 303) throw new Error(`Continue answered ${pressed.status}: ${pressed.text.slice(0, 300)}`);
  return pressed.headers.get('location') ?? '';
}
