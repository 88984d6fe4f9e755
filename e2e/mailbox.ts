import type { ReceivedMail, TestSmtpServer } from '../src/server/test/smtp';

/** Waits until the SMTP server received a message to `address` that `matches` holds for, not counting `seen` ones. */
export async function waitForMail(
  smtp: TestSmtpServer,
  address: string,
  matches: (mail: ReceivedMail) => boolean = () => true,
  options: { timeoutMs?: number; seen?: Set<ReceivedMail> } = {},
): Promise<ReceivedMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const found = smtp.received.find(
      (mail) => mail.envelopeTo.includes(address) && !(options.seen?.has(mail) ?? false) && matches(mail),
    );
    if (found !== undefined) {
      options.seen?.add(found);
      return found;
    }
    if (Date.now() > deadline) {
      const subjects = smtp.received
        .filter((mail) => mail.envelopeTo.includes(address))
        .map((mail) => mail.parsed.subject);
      throw new Error(`No matching email reached ${address} in time; it received: ${JSON.stringify(subjects)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The personal links (…/portal/link/<token>, with their ?to=) in an email's text part, in order. */
export function personalLinksIn(mail: ReceivedMail): string[] {
  const text = mail.parsed.text ?? '';
  return [...text.matchAll(/https?:\/\/[^\s<>)"]+\/portal\/link\/[A-Za-z0-9_-]+(?:\?to=[A-Za-z0-9/%_-]+)?/g)].map(
    (match) => match[0],
  );
}
