/**
 * The quote document's buttons on the quote page (/dealer/quotes/<number>):
 * the PDF and the full-screen customer view. Owned by the engineer building
 * those (issue 6, item 4): fill this component in; the quote page already
 * renders it for every version, with what it needs.
 */
export interface QuoteDocumentLinksProps {
  /** "Q-0000042". */
  number: string;
  /** The version shown (the newest is the one that can be signed and ordered). */
  version: number;
  latestVersion: number;
  /** The version's share code once sent (printed on the PDF as text and QR). */
  shareCode: string | null;
}

export function QuoteDocumentLinks(_props: QuoteDocumentLinksProps) {
  return null;
}
