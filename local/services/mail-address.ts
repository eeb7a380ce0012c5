/**
 * Whom a stored message is addressed to, shared by the SES emulator (which filters its store by recipient
 * before answering) and its readers. Imported by the emulator with a `.ts` extension (it runs on Node's
 * type stripping), so it imports nothing.
 */

/** The destination lists of a message as the emulator stores it. */
export interface Destination {
  to: string[];
  cc: string[];
  bcc: string[];
}

/** Whether `recipient` is among the message's To, Cc or Bcc addresses (case and display names aside). */
export function isAddressedTo(mail: { destination: Destination }, recipient: string): boolean {
  const wanted = recipient.trim().toLowerCase();
  return [...mail.destination.to, ...mail.destination.cc, ...mail.destination.bcc].some((address) => bareAddress(address) === wanted);
}

/** "Name <a@b>" or "a@b" → "a@b", lower case. */
function bareAddress(address: string): string {
  return (/<([^<>]+)>\s*$/.exec(address)?.[1] ?? address).trim().toLowerCase();
}
