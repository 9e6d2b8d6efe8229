import ipaddr from 'ipaddr.js';
import { badInput } from '../common/errors';

export const MAX_URL_LENGTH = 2000;

/** Hosts that name this machine whatever DNS says. */
const LOCAL_NAMES = /^(localhost|.*\.localhost|localhost\.localdomain)$/i;

/**
 * Checks a receiver URL at registration: http(s), no credentials in it (they would show in
 * logs and to every admin), and, unless `allowPrivate` (WEBHOOK_ALLOW_PRIVATE, off in
 * production), no loopback, private, link-local or other non-public address written into
 * it. A name that resolves to such an address is refused when delivering (webhook-post.ts),
 * where the address is known. Returns the URL as it will be called.
 */
export function checkReceiverUrl(value: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw badInput('url', 'not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw badInput('url', 'must be an http:// or https:// URL');
  if (url.username || url.password)
    throw badInput('url', 'must not carry a user name or password: authenticate deliveries by their signature');
  if (url.hash) throw badInput('url', 'must not have a #fragment');
  if (!allowPrivate && isPrivateHost(url.hostname))
    throw badInput('url', 'must not point at a loopback, private or link-local address');
  const href = url.toString();
  if (href.length > MAX_URL_LENGTH) throw badInput('url', `must be at most ${MAX_URL_LENGTH} characters`);
  return href;
}

/** Whether a URL's hostname is this machine or a non-public address (IPv6 in brackets, as URL gives it). */
export function isPrivateHost(hostname: string): boolean {
  if (LOCAL_NAMES.test(hostname)) return true;
  const literal = hostname.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(literal)) return false;
  const address = ipaddr.process(literal);
  return address.range() !== 'unicast';
}
