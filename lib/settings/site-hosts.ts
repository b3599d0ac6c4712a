/**
 * Host names in the list of sites that never get page context. An entry covers its host and
 * every subdomain of it ("example.com" also covers "mail.example.com"): the list withholds
 * information, so when an entry is read more broadly than typed, less is sent, never more. An IP
 * address covers only itself. Ports and paths are ignored: the list names sites, not pages.
 */

/** storage.sync refuses an item over 8 KB; the list is saved as one item, with room to spare. */
export const SITE_LIST_MAX_CHARS = 7000;

const MAX_HOST_CHARS = 253;
const MAX_LABEL_CHARS = 63;
const LABEL = /^[a-z0-9_-]+$/;
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || host.startsWith('[');
}

function isHostName(host: string): boolean {
  if (host === '' || host.length > MAX_HOST_CHARS) return false;
  if (host.startsWith('[')) return true; // IPv6: the URL parser has already checked it.
  return host.split('.').every((label) => label.length <= MAX_LABEL_CHARS && LABEL.test(label));
}

/**
 * One typed entry as the host it stands for, or null when it names no host. Accepts what people
 * paste: a URL ("https://Mail.Example.com/inbox"), a wildcard ("*.example.com" — subdomains are
 * covered anyway) or a "www." name (read as the whole site: "www.example.com" → "example.com").
 */
export function siteHost(entry: string): string | null {
  const text = entry.trim().toLowerCase();
  if (text === '' || /\s/.test(text)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `http://${text}`);
  } catch {
    return null;
  }
  // "me@mail.example.com" is an address, not a site: refuse rather than guess.
  if (url.username !== '' || url.password !== '') return null;
  let host = url.hostname.replace(/\.$/, '');
  if (host.startsWith('*.')) host = host.slice(2);
  // Only when a dot is left: "www.com" stays itself.
  if (host.startsWith('www.') && host.indexOf('.', 4) !== -1) host = host.slice(4);
  return isHostName(host) ? host : null;
}

export interface ParsedSiteList {
  /** Normalized, without duplicates, in the order first given. */
  hosts: string[];
  /** The entries that name no host, as typed (trimmed). */
  invalid: string[];
}

/** Blank entries are skipped, not invalid: the textarea may end with an empty line. */
export function parseSiteList(entries: readonly unknown[]): ParsedSiteList {
  const hosts: string[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') {
      invalid.push(String(entry));
      continue;
    }
    if (entry.trim() === '') continue;
    const host = siteHost(entry);
    if (host === null) invalid.push(entry.trim());
    else if (!hosts.includes(host)) hosts.push(host);
  }
  return { hosts, invalid };
}

/** One host per line, as the options page's textarea holds them. */
export function parseSiteLines(text: string): ParsedSiteList {
  return parseSiteList(text.split(/\r?\n/));
}

/** Whether a page's host (from its origin) is covered by one of the normalized entries. */
export function isHostListed(host: string, hosts: readonly string[]): boolean {
  const page = host.toLowerCase().replace(/\.$/, '');
  if (page === '') return false;
  return hosts.some(
    (entry) =>
      page === entry || (!isIpLiteral(page) && !isIpLiteral(entry) && page.endsWith(`.${entry}`)),
  );
}
