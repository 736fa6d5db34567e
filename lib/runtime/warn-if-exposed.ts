const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** Demo data and demo logins are public knowledge: say so loudly when others can reach them. Returns whether it warned. */
export function warnIfExposed(host: string, warn: (message: string) => void = console.warn): boolean {
  if (LOOPBACK.test(host)) return false;
  const bar = '!'.repeat(78);
  warn(
    [
      bar,
      `!! DEMO MODE on an address other machines can reach (${host}).`,
      '!! Anyone who can reach this server can sign in with the published demo accounts.',
      '!! Bind to 127.0.0.1 (HOST=127.0.0.1 npm start) or configure production secrets (see .env.example).',
      bar,
    ].join('\n'),
  );
  return true;
}
