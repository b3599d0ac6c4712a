/**
 * Hosts on the user's own network: RFC 1918 IPv4 ranges, IPv6 unique-local addresses (fc00::/7)
 * and the names home and office networks give their machines. Plain http:// to these may be
 * allowed, one origin at a time, after the user confirms it (a LAN box running Ollama usually
 * has no certificate); public hosts never. Pure: takes the hostname as `URL` parsed it (lower
 * case, IPv4 normalized, IPv6 in brackets).
 */

/** Name suffixes that resolve only on a local network (mDNS, home routers, RFC 8375). */
const PRIVATE_NAME_SUFFIXES = ['.local', '.lan', '.internal', '.home.arpa'] as const;

function privateIpv4(host: string): boolean {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!match) return false;
  const [a, b] = [Number(match[1]), Number(match[2])];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

function uniqueLocalIpv6(host: string): boolean {
  // `[fd12:3456::1]`: fc00::/7 is every first group from fc00 to fdff.
  return /^\[f[cd][0-9a-f]{2}:/.test(host);
}

function privateName(host: string): boolean {
  const name = host.replace(/\.$/, '');
  return PRIVATE_NAME_SUFFIXES.some(
    (suffix) => name.endsWith(suffix) && name.length > suffix.length,
  );
}

export function isPrivateNetworkHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return privateIpv4(host) || uniqueLocalIpv6(host) || privateName(host);
}
