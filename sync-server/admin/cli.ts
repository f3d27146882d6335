import qrcode from 'qrcode-terminal';

import { loadBillingConfig } from '../billing/config';
import { enforceGracePeriod } from '../billing/grace';
import { requireString, type Command } from '../cli/command';
import { createAdminUser } from './admin-users';
import { SYSTEM_ACTOR, writeAudit } from './audit';

function qr(text: string): Promise<string> {
  return new Promise((resolve) => qrcode.generate(text, { small: true }, resolve));
}

export const adminCreate: Command = {
  name: 'admin:create',
  usage: 'admin:create --email E --password W',
  summary: 'Create a platform admin; prints the TOTP enrolment (otpauth URL and QR code)',
  options: { email: { type: 'string' }, password: { type: 'string' } },
  async run({ p, args, io }) {
    const r = await createAdminUser(p, {
      email: requireString(args, 'email'),
      password: requireString(args, 'password'),
    });
    if (!r.ok) {
      io.err(`error: ${r.error.message}`);
      return 2;
    }
    await writeAudit(p, SYSTEM_ACTOR, {
      action: 'admin.create',
      target: `admin:${r.value.id}`,
      before: null,
      after: { email: r.value.email },
    });
    io.out(`Admin ${r.value.email} created. Scan this with an authenticator app (shown once):`);
    io.out('');
    io.out(await qr(r.value.otpauthUrl));
    io.out(r.value.otpauthUrl);
    io.out('');
    io.out(
      `Then sign in at http://admin.${p.config.baseDomain}${p.config.port === 80 ? '' : `:${p.config.port}`}/`,
    );
    return 0;
  },
};

export const billingEnforceGrace: Command = {
  name: 'billing:enforce-grace',
  usage: 'billing:enforce-grace',
  summary:
    'Suspend tenants whose subscription stayed halted or cancelled past the grace period (cron)',
  async run({ p, io }) {
    const { graceDays } = loadBillingConfig();
    const suspended = await enforceGracePeriod(p, { now: p.now(), graceDays });
    io.out(
      suspended.length === 0
        ? 'No tenant is past its grace period.'
        : `Suspended: ${suspended.join(', ')}`,
    );
    return 0;
  },
};
