/**
 * The head of a printed report, as an official document carries it: the issuing unit (region.json
 * `config.issuer`, where "{county}" stands for the county's name), the document title, the data date and the
 * print date. Pure: the component renders what this returns.
 */

/** The issuing unit for a county's documents, or undefined when the region names none. */
export function issuerFor(issuer: unknown, countyName: string): string | undefined {
  if (typeof issuer !== "string" || !issuer.trim()) return undefined;
  return issuer.split("{county}").join(countyName).trim();
}

/** A date as a Chinese document writes it: 2025年6月30日. */
export function documentDate(date: Date): string {
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`;
}
