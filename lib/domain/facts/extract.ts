import { findAmounts, type AmountMention } from './amounts';
import { findCarriers, type CarrierMention } from './carriers';
import { findCardNumbers, findDomains, findEmails, findPaymentRequests, findPhones } from './contacts';
import { findDates, type DateMention } from './dates';
import { findOrderNumbers, findTrackingNumbers, findUrls, type Mention } from './identifiers';
import { Scanner } from './scanner';

// Every checkable fact in a text. The same extraction runs over a draft and over the trusted
// strings of its context, so both sides read "Nov 26" or "$80" the same way.

export interface TextFacts {
  urls: Mention[];
  orderNumbers: Mention[];
  amounts: AmountMention[];
  dates: DateMention[];
  trackingNumbers: Mention[];
  carriers: CarrierMention[];
  emails: Mention[];
  phones: Mention[];
  domains: Mention[];
  cardNumbers: Mention[];
  paymentRequests: Mention[];
}

export function extractFacts(text: string, now: Date): TextFacts {
  const scanner = new Scanner(text);
  // Order matters: links first (they contain everything), then order numbers ("#1001" is not an
  // amount or a date), money, dates, and only then the long tokens read as tracking numbers.
  // Email addresses and card numbers go early too; phone numbers come after dates ("2026-11-26" is
  // not a phone) and before tracking numbers; bare domains after links and addresses.
  const urls = findUrls(scanner);
  const emails = findEmails(scanner);
  const cardNumbers = findCardNumbers(scanner);
  const orderNumbers = findOrderNumbers(scanner);
  const amounts = findAmounts(scanner);
  const dates = findDates(scanner, now);
  const phones = findPhones(scanner);
  const trackingNumbers = findTrackingNumbers(scanner);
  const domains = findDomains(scanner);
  const carriers = findCarriers(scanner);
  const paymentRequests = findPaymentRequests(text);
  return { urls, orderNumbers, amounts, dates, trackingNumbers, carriers, emails, phones, domains, cardNumbers, paymentRequests };
}
