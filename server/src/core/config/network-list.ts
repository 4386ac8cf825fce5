import { BlockList, isIP } from 'node:net';

/** `METRICS_ALLOW`'s word for "no network": only the token lets a scraper in. */
export const NO_NETWORK = 'none';

/**
 * A comma-separated list of CIDR blocks (`127.0.0.1/32,10.0.0.0/8,::1/128`) as a matcher, or an
 * error naming the entry that is not one.
 */
export function parseNetworks(list: string): { allows: (address: string | undefined) => boolean } | { error: string } {
  const blocks = new BlockList();
  const entries = list.trim() === NO_NETWORK ? [] : list.split(',').map((s) => s.trim());
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const prefix = Number(bits);
    const max = family === 6 ? 128 : 32;
    if (!family || rest.length || !/^\d{1,3}$/.test(bits ?? '') || prefix > max)
      return { error: `"${entry}" is not a CIDR block such as 10.0.0.0/8 or ::1/128` };
    blocks.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return {
    allows: (raw) => {
      if (!raw || !entries.length) return false;
      // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; the list names them as IPv4.
      const address = /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(raw) ? raw.slice(7) : raw;
      const family = isIP(address);
      return family !== 0 && blocks.check(address, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}
