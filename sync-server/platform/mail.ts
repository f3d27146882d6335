import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { newID } from '../../shared/ids';
import type { Logger } from '../logger';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Which tenant sends it; providers use it to pick the tenant's verified sender domain. */
  readonly tenant?: string;
}

/** The port every mail provider implements (outbox on disk by default, Brevo later). */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/**
 * Development and test transport: each message becomes a JSON file in the outbox, so the
 * product runs with no mail account and tests can read what a user would have received.
 * Only the subject reaches the log: the body may hold a one-time code.
 */
export class OutboxTransport implements MailTransport {
  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  async send(message: MailMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const id = newID();
    const file = path.join(this.dir, `${id}.json`);
    await writeFile(file, JSON.stringify({ id, at: new Date().toISOString(), ...message }, null, 2), { mode: 0o600 });
    this.logger.info({ subject: message.subject, tenant: message.tenant, outboxId: id }, 'mail written to outbox');
  }
}
