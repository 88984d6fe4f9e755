import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  raw: Buffer;
  parsed: ParsedMail;
  envelopeTo: string[];
}

/**
 * What the server does with the next message: accept it, refuse it with an SMTP reply, or drop the connection in the
 * middle of the DATA phase (as a server that dies mid-send).
 */
export type SmtpBehaviour = 'accept' | { refuse: string; code: number } | 'drop-connection';

/** A real SMTP server on 127.0.0.1 (no TLS, no auth), keeping every message it accepted. */
export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Messages the server refused by plan (whole, as they arrived), for a test that must see what was attempted. */
  refused: ReceivedMail[];
  /** Behaviours for the next messages, in order; once used up, messages are accepted. */
  plan: SmtpBehaviour[];
  close: () => Promise<void>;
}

/** The servers started and not yet closed, by URL: a helper given only the app finds the mailbox its email went to. */
const runningServers = new Map<string, TestSmtpServer>();

/** The test SMTP server listening at `url`, or null. */
export function findTestSmtpServer(url: string): TestSmtpServer | null {
  return runningServers.get(url) ?? null;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refused: ReceivedMail[] = [];
  const plan: SmtpBehaviour[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const behaviour = plan.shift() ?? 'accept';
      const chunks: Buffer[] = [];
      let dropped = false;
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (behaviour === 'drop-connection' && !dropped) {
          dropped = true;
          // The socket of this session: end the connection mid-message.
          const connection = (
            server as unknown as { connections: Set<{ id: string; _socket: { destroy: () => void } }> }
          ).connections;
          for (const candidate of connection) if (candidate.id === session.id) candidate._socket.destroy();
        }
      });
      stream.on('end', () => {
        if (dropped) return;
        const raw = Buffer.concat(chunks);
        if (typeof behaviour === 'object') {
          const error = new Error(behaviour.refuse) as Error & { responseCode: number };
          error.responseCode = behaviour.code;
          simpleParser(raw)
            .then((parsed) =>
              refused.push({ raw, parsed, envelopeTo: session.envelope.rcptTo.map((address) => address.address) }),
            )
            .catch(() => {})
            .finally(() => callback(error));
          return;
        }
        simpleParser(raw)
          .then((parsed) => {
            received.push({ raw, parsed, envelopeTo: session.envelope.rcptTo.map((address) => address.address) });
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const url = `smtp://127.0.0.1:${port}`;
  const started: TestSmtpServer = {
    url,
    received,
    refused,
    plan,
    close: () => {
      runningServers.delete(url);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  runningServers.set(url, started);
  return started;
}
