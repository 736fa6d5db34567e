import { findAmounts, type AmountMention } from './amounts';
import { findCarriers, type CarrierMention } from './carriers';
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
}

export function extractFacts(text: string, now: Date): TextFacts {
  const scanner = new Scanner(text);
  // Order matters: links first (they contain everything), then order numbers ("#1001" is not an
  // amount or a date), money, dates, and only then the long tokens read as tracking numbers.
  const urls = findUrls(scanner);
  const orderNumbers = findOrderNumbers(scanner);
  const amounts = findAmounts(scanner);
  const dates = findDates(scanner, now);
  const trackingNumbers = findTrackingNumbers(scanner);
  const carriers = findCarriers(scanner);
  return { urls, orderNumbers, amounts, dates, trackingNumbers, carriers };
}
