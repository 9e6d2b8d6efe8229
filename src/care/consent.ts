import type { DataSource } from 'typeorm';
import { badInput, consentRequired } from '../common/errors';
import { Contact } from '../contacts/contact.entity';
import { VisitKind } from '../visits/visit.enums';
import { dayKey } from './day-key';

/** The touches that are marketing to a person (节日问候/生日祝福): they need the person's consent. */
export const MARKETING_KINDS: readonly VisitKind[] = [VisitKind.GREETING];

type ConsentFields = Pick<Contact, 'marketingConsent' | 'consentPurpose' | 'consentAt'>;

/** Consent to marketing as the law has it (个人信息保护法): given for that use, with its purpose and date on record. */
export const consentsToMarketing = (c: ConsentFields): boolean =>
  c.marketingConsent && c.consentPurpose !== null && c.consentAt !== null;

/** SQL condition of consentsToMarketing on contact alias `k`, for the lists that market. */
export const CONSENTS_TO_MARKETING = (k: string) =>
  `(${k}.marketingConsent = :consenting AND ${k}.consentPurpose IS NOT NULL AND ${k}.consentAt IS NOT NULL)`;

/**
 * What a contact write adds to the fields given (`current` is null on create): the birthday's
 * day key, kept with it, and the rule that marketing consent is recorded with its purpose and
 * date; withdrawing it is always possible.
 */
export function consentAndKeys(current: ConsentFields | null, given: Partial<Contact>): Partial<Contact> {
  const next = { marketingConsent: false, consentPurpose: null, consentAt: null, ...current, ...given };
  if (next.marketingConsent && (next.consentPurpose === null || next.consentAt === null)) {
    throw badInput('marketingConsent', 'record the consent with it: consentPurpose and consentAt (个人信息保护法)');
  }
  return given.birthday === undefined ? {} : { birthdayKey: dayKey(given.birthday) };
}

/** Refuses a marketing touch (a GREETING) to a contact who has not consented to marketing. */
export async function assertMayMarket(
  ds: DataSource,
  kind: VisitKind | undefined,
  contactId: number | null | undefined,
): Promise<void> {
  if (kind === undefined || !MARKETING_KINDS.includes(kind) || contactId == null) return;
  const contact = await ds.getRepository(Contact).findOne({
    where: { id: contactId },
    select: { id: true, marketingConsent: true, consentPurpose: true, consentAt: true },
  });
  if (!contact || !consentsToMarketing(contact)) throw consentRequired('contactId');
}
